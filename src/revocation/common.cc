#include "revocation/common.h"

#include <limits>

namespace signet::revocation {
namespace detail {

Status check_id(std::string_view issuer, std::string_view id, bool id_is_subject) noexcept {
  if (id.empty()) {
    return Unexpected(Errc::invalid_argument, id_is_subject ? "the subject is empty" : "the token id is empty");
  }
  if (id.size() > kMaxIdSize) {
    return Unexpected(Errc::invalid_argument,
                      id_is_subject ? "the subject is longer than 1024 bytes" : "the token id is longer than 1024 bytes");
  }
  if (issuer.size() > kMaxIdSize) return Unexpected(Errc::invalid_argument, "the issuer is longer than 1024 bytes");
  return {};
}

UnixTime end_of(UnixTime t, std::chrono::seconds grace) noexcept {
  using Rep = UnixTime::rep;
  const Rep g = std::chrono::duration_cast<std::chrono::nanoseconds>(grace).count();
  const Rep v = t.time_since_epoch().count();
  if (g > 0 && v > std::numeric_limits<Rep>::max() - g) return UnixTime::max();
  return t + std::chrono::nanoseconds(g);
}

}  // namespace detail

namespace {

// signature_after_last splits off the signature of a Django or itsdangerous
// token: both formats verify by splitting at the last separator, and both
// refuse separators that can occur inside a signature, so the text after the
// last one is exactly what the verifier compares. The two details name the
// format.
Result<std::string_view> signature_after_last(std::string_view token, std::string_view sep, std::string_view no_sep,
                                              std::string_view empty) noexcept {
  if (sep.empty()) return Unexpected(Errc::invalid_argument, "the separator is empty");
  const std::size_t at = token.rfind(sep);
  if (at == std::string_view::npos) return Unexpected(Errc::malformed, no_sep);
  const std::string_view signature = token.substr(at + sep.size());
  if (signature.empty()) return Unexpected(Errc::malformed, empty);
  return signature;
}

}  // namespace

Result<std::string_view> django_token_id(std::string_view token, std::string_view sep) noexcept {
  return signature_after_last(token, sep, "no separator in the Django token",
                              "the Django token has an empty signature");
}

Result<std::string_view> itsdangerous_token_id(std::string_view token, std::string_view sep) noexcept {
  return signature_after_last(token, sep, "no separator in the itsdangerous token",
                              "the itsdangerous token has an empty signature");
}

}  // namespace signet::revocation
