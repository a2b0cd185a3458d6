#include "signet/paseto/policy.h"

#include "signet/revocation.h"

namespace signet::paseto {

Policy::Policy() = default;

PolicyBuilder& PolicyBuilder::expect_footer(std::string_view footer) {
  policy_.footer_ = std::string(footer);
  return *this;
}
PolicyBuilder& PolicyBuilder::footer_limits(std::size_t max_bytes, std::size_t max_depth, std::size_t max_keys) {
  policy_.max_footer_size_ = max_bytes;
  policy_.max_footer_depth_ = max_depth;
  policy_.max_footer_keys_ = max_keys;
  return *this;
}
Result<Policy> PolicyBuilder::build() const {
  if (auto ok = check_claims_settings(); !ok) return ok.error();
  // Times are int64 nanoseconds here; a century keeps now - iat vs
  // max_age + leeway far from overflow.
  if (policy_.max_age_ && *policy_.max_age_ > std::chrono::hours(24 * 366 * 100)) {
    return Unexpected(Errc::invalid_argument, "max_age exceeds 100 years");
  }
  if (policy_.max_footer_depth_ < 1 || policy_.max_footer_depth_ > 32) {
    return Unexpected(Errc::invalid_argument, "the footer depth limit must be 1..32");
  }
  if (policy_.footer_ && policy_.footer_->size() > policy_.max_footer_size_) {
    return Unexpected(Errc::invalid_argument, "the expected footer is longer than the footer limit");
  }
  return policy_;
}

}  // namespace signet::paseto
