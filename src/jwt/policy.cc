#include "signet/jwt/policy.h"

#include "signet/revocation.h"

namespace signet::jwt {

Policy::Policy() = default;

PolicyBuilder& PolicyBuilder::expect_issuer(std::string_view iss) {
  policy_.issuers_.emplace_back(iss);
  return *this;
}
PolicyBuilder& PolicyBuilder::expect_audience(std::string_view aud) {
  policy_.audiences_.emplace_back(aud);
  return *this;
}
PolicyBuilder& PolicyBuilder::ignore_audience() {
  policy_.ignore_audience_ = true;
  return *this;
}
PolicyBuilder& PolicyBuilder::expect_subject(std::string_view sub) {
  policy_.subject_ = std::string(sub);
  return *this;
}
PolicyBuilder& PolicyBuilder::expect_type(std::string_view typ) {
  policy_.type_ = std::string(typ);
  return *this;
}
PolicyBuilder& PolicyBuilder::require_claim(std::string_view name) {
  policy_.required_.emplace_back(name);
  return *this;
}
PolicyBuilder& PolicyBuilder::leeway(std::chrono::seconds skew) {
  policy_.leeway_ = skew;
  return *this;
}
PolicyBuilder& PolicyBuilder::max_age(std::chrono::seconds age) {
  policy_.max_age_ = age;
  return *this;
}
PolicyBuilder& PolicyBuilder::allow_missing_exp() {
  policy_.require_exp_ = false;
  return *this;
}
PolicyBuilder& PolicyBuilder::max_token_size(std::size_t bytes) {
  policy_.max_token_size_ = bytes;
  return *this;
}
PolicyBuilder& PolicyBuilder::check(Predicate predicate) {
  policy_.predicates_.push_back(std::move(predicate));
  return *this;
}

PolicyBuilder& PolicyBuilder::revocation(std::shared_ptr<const revocation::RevocationList> list) {
  policy_.revocation_ = std::move(list);
  return *this;
}

Result<Policy> PolicyBuilder::build() const {
  if (policy_.leeway_ < std::chrono::seconds(0)) return Unexpected(Errc::invalid_argument, "leeway is negative");
  if (policy_.leeway_ > kMaxLeeway) return Unexpected(Errc::invalid_argument, "leeway exceeds the 10 minute cap");
  if (policy_.max_age_ && *policy_.max_age_ <= std::chrono::seconds(0)) {
    return Unexpected(Errc::invalid_argument, "max_age must be positive");
  }
  if (policy_.ignore_audience_ && !policy_.audiences_.empty()) {
    return Unexpected(Errc::invalid_argument, "ignore_audience contradicts an expected audience");
  }
  if (policy_.max_token_size_ < 16) return Unexpected(Errc::invalid_argument, "max_token_size is too small");
  for (const auto& p : policy_.predicates_) {
    if (!p) return Unexpected(Errc::invalid_argument, "an empty predicate");
  }
  return policy_;
}

}  // namespace signet::jwt
