// signet/jwt/policy.h: what a verified token must satisfy.
#ifndef SIGNET_JWT_POLICY_H_
#define SIGNET_JWT_POLICY_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "signet/claims_policy.h"
#include "signet/result.h"

namespace signet::jwt {

class VerifiedToken;

// kMaxLeeway caps the clock-skew allowance (threat catalog #49, as Tink).
inline constexpr std::chrono::seconds kMaxLeeway = signet::detail::kPolicyMaxLeeway;
// kDefaultMaxTokenSize bounds a token before any work is done on it.
inline constexpr std::size_t kDefaultMaxTokenSize = signet::detail::kPolicyDefaultMaxTokenSize;

// Policy is an immutable set of checks; build it with PolicyBuilder. The
// claim checks (signet/claims_policy.h) are shared with paseto::Policy; JWT
// adds the header "typ".
class Policy : public signet::detail::ClaimsPolicy<VerifiedToken> {
 public:
  // The defaults: exp required, leeway 0, no expected iss/aud/sub/typ.
  Policy();

  const std::optional<std::string>& type() const noexcept { return type_; }

 private:
  friend class PolicyBuilder;
  std::optional<std::string> type_;
};

// Predicate is a custom check run after every built-in check passed; it
// returns an error (typically claim_mismatch) to reject the token.
using Predicate = Policy::Predicate;

// PolicyBuilder assembles a Policy: the claim checks of
// signet::detail::ClaimsPolicyBuilder (expect_issuer, expect_audience,
// ignore_audience, expect_subject, require_claim, leeway, max_age,
// allow_missing_exp, max_token_size, check, revocation), plus expect_type.
// build() refuses contradictory or unsafe settings with invalid_argument.
class PolicyBuilder : public signet::detail::ClaimsPolicyBuilder<PolicyBuilder, Policy> {
 public:
  // expect_type requires the header "typ" to equal `typ`, compared
  // case-insensitively and with an optional "application/" prefix (RFC 8725 §3.11).
  PolicyBuilder& expect_type(std::string_view typ);

  Result<Policy> build() const;
};

}  // namespace signet::jwt

#endif  // SIGNET_JWT_POLICY_H_
