// signet/claims_policy.h: the claim checks that jwt::Policy and
// paseto::Policy share, and the builder methods that set them.
//
// Use jwt::PolicyBuilder or paseto::PolicyBuilder; the templates here only
// keep the two formats' common rules in one place (defaults, caps and
// validation messages are identical by construction).
#ifndef SIGNET_CLAIMS_POLICY_H_
#define SIGNET_CLAIMS_POLICY_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "signet/result.h"

namespace signet::revocation {
class RevocationList;
}

namespace signet::detail {

// kPolicyMaxLeeway caps the clock-skew allowance (threat catalog #49, as
// Tink); kPolicyDefaultMaxTokenSize bounds a token before any work is done
// on it. jwt:: and paseto:: re-export both.
inline constexpr std::chrono::seconds kPolicyMaxLeeway{600};
inline constexpr std::size_t kPolicyDefaultMaxTokenSize = 8192;

template <class Self, class PolicyT>
class ClaimsPolicyBuilder;

// ClaimsPolicy is the part of a token policy that reads registered claims;
// Token is the format's VerifiedToken, which custom predicates receive.
template <class Token>
class ClaimsPolicy {
 public:
  // Predicate is a custom check run after every built-in check passed; it
  // returns an error (typically claim_mismatch) to reject the token.
  using Predicate = std::function<Status(const Token&)>;

  bool require_exp() const noexcept { return require_exp_; }
  std::chrono::seconds leeway() const noexcept { return leeway_; }
  const std::vector<std::string>& issuers() const noexcept { return issuers_; }
  const std::vector<std::string>& audiences() const noexcept { return audiences_; }
  bool ignore_audience() const noexcept { return ignore_audience_; }
  const std::optional<std::string>& subject() const noexcept { return subject_; }
  const std::vector<std::string>& required_claims() const noexcept { return required_; }
  const std::optional<std::chrono::seconds>& max_age() const noexcept { return max_age_; }
  std::size_t max_token_size() const noexcept { return max_token_size_; }
  const std::vector<Predicate>& predicates() const noexcept { return predicates_; }
  const std::shared_ptr<const revocation::RevocationList>& revocation() const noexcept { return revocation_; }

 protected:
  template <class, class>
  friend class ClaimsPolicyBuilder;

  bool require_exp_ = true;
  std::chrono::seconds leeway_{0};
  std::vector<std::string> issuers_;
  std::vector<std::string> audiences_;
  bool ignore_audience_ = false;
  std::optional<std::string> subject_;
  std::vector<std::string> required_;
  std::optional<std::chrono::seconds> max_age_;
  std::size_t max_token_size_ = kPolicyDefaultMaxTokenSize;
  std::vector<Predicate> predicates_;
  std::shared_ptr<const revocation::RevocationList> revocation_;
};

// ClaimsPolicyBuilder holds the builder methods of the shared checks; each
// returns the format's own builder (Self) so that calls chain with the
// format's own methods.
template <class Self, class PolicyT>
class ClaimsPolicyBuilder {
 public:
  // expect_issuer adds an accepted "iss" (the token's must equal one).
  Self& expect_issuer(std::string_view iss) {
    policy_.issuers_.emplace_back(iss);
    return self();
  }
  // expect_audience adds an accepted audience: the token's "aud" (for JWT a
  // string or an array, which must contain one of them; for PASETO a string
  // equal to one). A token carrying "aud" is rejected when no audience is
  // expected, unless ignore_audience() (RFC 8725 §3.9).
  Self& expect_audience(std::string_view aud) {
    policy_.audiences_.emplace_back(aud);
    return self();
  }
  Self& ignore_audience() {
    policy_.ignore_audience_ = true;
    return self();
  }
  // expect_subject requires "sub" to equal `sub`.
  Self& expect_subject(std::string_view sub) {
    policy_.subject_ = std::string(sub);
    return self();
  }
  // require_claim requires a claim to be present (any value).
  Self& require_claim(std::string_view name) {
    policy_.required_.emplace_back(name);
    return self();
  }
  // leeway allows for clock skew on exp, nbf and iat; at most 10 minutes.
  Self& leeway(std::chrono::seconds skew) {
    policy_.leeway_ = skew;
    return self();
  }
  // max_age rejects tokens whose "iat" is older than this (iat then required).
  Self& max_age(std::chrono::seconds age) {
    policy_.max_age_ = age;
    return self();
  }
  // allow_missing_exp accepts tokens without "exp" (never expiring). Explicit
  // because unbounded lifetime is a risk (threat catalog #48).
  Self& allow_missing_exp() {
    policy_.require_exp_ = false;
    return self();
  }
  // max_token_size bounds the token length (default 8 KiB).
  Self& max_token_size(std::size_t bytes) {
    policy_.max_token_size_ = bytes;
    return self();
  }
  // check adds a custom predicate.
  Self& check(typename PolicyT::Predicate predicate) {
    policy_.predicates_.push_back(std::move(predicate));
    return self();
  }
  // revocation consults `list` (signet/revocation.h) last, after the
  // signature, every claim check and every predicate passed, so a forged or
  // expired token never costs a lookup. Its facts: iss, jti, sub, iat, exp.
  // A withdrawn token fails with Errc::revoked; a list that cannot answer
  // fails per its FailurePolicy (backend_failure, or accepted). nullptr: none.
  Self& revocation(std::shared_ptr<const revocation::RevocationList> list) {
    policy_.revocation_ = std::move(list);
    return self();
  }

 protected:
  // check_claims_settings refuses contradictory or unsafe shared settings
  // with invalid_argument; each format's build() calls it first.
  Status check_claims_settings() const {
    if (policy_.leeway_ < std::chrono::seconds(0)) return Unexpected(Errc::invalid_argument, "leeway is negative");
    if (policy_.leeway_ > kPolicyMaxLeeway) {
      return Unexpected(Errc::invalid_argument, "leeway exceeds the 10 minute cap");
    }
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
    return {};
  }

  PolicyT policy_;

 private:
  Self& self() noexcept { return static_cast<Self&>(*this); }
};

}  // namespace signet::detail

#endif  // SIGNET_CLAIMS_POLICY_H_
