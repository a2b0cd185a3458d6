// signet/paseto/policy.h: what a decrypted or verified PASETO token must satisfy.
//
// The builder shares its claim checks, defaults and caps with
// jwt::PolicyBuilder (signet/claims_policy.h: exp required, leeway 0 and at
// most 10 minutes, 8 KiB token cap, expected iss/aud/sub, required claims,
// max_age, custom predicates, revocation). It is a type of its own because
// its predicates see a paseto::VerifiedToken, its times are RFC 3339
// strings, and PASETO adds footer rules that JWT has no place for (see
// docs/paseto.md, "Policy").
#ifndef SIGNET_PASETO_POLICY_H_
#define SIGNET_PASETO_POLICY_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "signet/claims_policy.h"
#include "signet/result.h"

namespace signet::paseto {

class VerifiedToken;

// kMaxLeeway is the JWT cap, shared: at most 10 minutes of clock skew.
inline constexpr std::chrono::seconds kMaxLeeway = signet::detail::kPolicyMaxLeeway;
// kDefaultMaxTokenSize bounds a token before any work is done on it.
inline constexpr std::size_t kDefaultMaxTokenSize = signet::detail::kPolicyDefaultMaxTokenSize;
// Footer limits, as the PASETO implementation guide advises for footers:
// a length cap checked before anything is decoded, and for JSON footers a
// depth and a member-count cap checked before the footer is used.
inline constexpr std::size_t kDefaultMaxFooterSize = 2048;
inline constexpr std::size_t kDefaultMaxFooterDepth = 2;
inline constexpr std::size_t kDefaultMaxFooterKeys = 32;

// Policy is an immutable set of checks; build it with PolicyBuilder. The
// claim checks (signet/claims_policy.h) are shared with jwt::Policy; PASETO
// adds the footer rules.
class Policy : public signet::detail::ClaimsPolicy<VerifiedToken> {
 public:
  // The defaults: exp required, leeway 0, nothing expected, footer limits as above.
  Policy();

  const std::optional<std::string>& footer() const noexcept { return footer_; }
  std::size_t max_footer_size() const noexcept { return max_footer_size_; }
  std::size_t max_footer_depth() const noexcept { return max_footer_depth_; }
  std::size_t max_footer_keys() const noexcept { return max_footer_keys_; }

 private:
  friend class PolicyBuilder;
  std::optional<std::string> footer_;
  std::size_t max_footer_size_ = kDefaultMaxFooterSize;
  std::size_t max_footer_depth_ = kDefaultMaxFooterDepth;
  std::size_t max_footer_keys_ = kDefaultMaxFooterKeys;
};

// Predicate is a custom check run after every built-in check passed; it
// returns an error (typically claim_mismatch) to reject the token.
using Predicate = Policy::Predicate;

// PolicyBuilder assembles a Policy: the claim checks of
// signet::detail::ClaimsPolicyBuilder (expect_issuer, expect_audience,
// ignore_audience, expect_subject, require_claim, leeway, max_age,
// allow_missing_exp, max_token_size, check, revocation), plus the footer
// rules. build() refuses contradictory or unsafe settings with
// invalid_argument.
class PolicyBuilder : public signet::detail::ClaimsPolicyBuilder<PolicyBuilder, Policy> {
 public:
  // expect_footer requires the footer to equal `footer` exactly (compared in
  // constant time, after the token is authenticated); claim_mismatch otherwise.
  // An empty `footer` requires that the token has none.
  PolicyBuilder& expect_footer(std::string_view footer);
  // footer_limits sets the footer caps: length (checked on the encoded size
  // before any decoding), and for a footer that is a JSON object its nesting
  // depth and number of members (checked after authentication). A footer
  // that starts with '{' must be a valid JSON object within these caps.
  PolicyBuilder& footer_limits(std::size_t max_bytes, std::size_t max_depth, std::size_t max_keys);

  Result<Policy> build() const;
};

}  // namespace signet::paseto

#endif  // SIGNET_PASETO_POLICY_H_
