#include "signet/result.h"

#include <string>

namespace signet {

std::string_view errc_name(Errc code) noexcept {
  switch (code) {
    case Errc::malformed: return "malformed";
    case Errc::bad_signature: return "bad_signature";
    case Errc::expired: return "expired";
    case Errc::not_yet_valid: return "not_yet_valid";
    case Errc::claim_mismatch: return "claim_mismatch";
    case Errc::unsupported: return "unsupported";
    case Errc::key_mismatch: return "key_mismatch";
    case Errc::payload_too_large: return "payload_too_large";
    case Errc::bad_payload: return "bad_payload";
    case Errc::invalid_key: return "invalid_key";
    case Errc::invalid_argument: return "invalid_argument";
    case Errc::backend_failure: return "backend_failure";
    case Errc::revoked: return "revoked";
  }
  return "unknown";
}

namespace {

class SignetCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "signet"; }
  std::string message(int value) const override {
    return std::string(errc_name(static_cast<Errc>(value)));
  }
};

}  // namespace

const std::error_category& error_category() noexcept {
  static const SignetCategory category;
  return category;
}

std::error_code make_error_code(Errc code) noexcept {
  return {static_cast<int>(code), error_category()};
}

}  // namespace signet
