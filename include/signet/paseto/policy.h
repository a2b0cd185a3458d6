// signet/paseto/policy.h: what a decrypted or verified PASETO token must satisfy.
//
// The builder has the shape, the defaults and the caps of jwt::PolicyBuilder
// (exp required, leeway 0 and at most jwt::kMaxLeeway, 8 KiB token cap,
// expected iss/aud/sub, required claims, max_age, custom predicates). It is a
// type of its own because its predicates see a paseto::VerifiedToken, its
// times are RFC 3339 strings, and PASETO adds footer rules that JWT has no
// place for (see docs/paseto.md, "Policy").
#ifndef SIGNET_PASETO_POLICY_H_
#define SIGNET_PASETO_POLICY_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signet/jwt/policy.h"
#include "signet/result.h"

namespace signet::revocation {
class RevocationList;
}

namespace signet::paseto {

class VerifiedToken;

// kMaxLeeway is the JWT cap, shared: at most 10 minutes of clock skew.
inline constexpr std::chrono::seconds kMaxLeeway = jwt::kMaxLeeway;
// kDefaultMaxTokenSize bounds a token before any work is done on it.
inline constexpr std::size_t kDefaultMaxTokenSize = jwt::kDefaultMaxTokenSize;
// Footer limits, as the PASETO implementation guide advises for footers:
// a length cap checked before anything is decoded, and for JSON footers a
// depth and a member-count cap checked before the footer is used.
inline constexpr std::size_t kDefaultMaxFooterSize = 2048;
inline constexpr std::size_t kDefaultMaxFooterDepth = 2;
inline constexpr std::size_t kDefaultMaxFooterKeys = 32;

// Predicate is a custom check run after every built-in check passed; it
// returns an error (typically claim_mismatch) to reject the token.
using Predicate = std::function<Status(const VerifiedToken&)>;

// Policy is an immutable set of checks; build it with PolicyBuilder.
class Policy {
 public:
  // The defaults: exp required, leeway 0, nothing expected, footer limits as above.
  Policy();

  bool require_exp() const noexcept { return require_exp_; }
  std::chrono::seconds leeway() const noexcept { return leeway_; }
  const std::vector<std::string>& issuers() const noexcept { return issuers_; }
  const std::vector<std::string>& audiences() const noexcept { return audiences_; }
  bool ignore_audience() const noexcept { return ignore_audience_; }
  const std::optional<std::string>& subject() const noexcept { return subject_; }
  const std::vector<std::string>& required_claims() const noexcept { return required_; }
  const std::optional<std::chrono::seconds>& max_age() const noexcept { return max_age_; }
  std::size_t max_token_size() const noexcept { return max_token_size_; }
  const std::optional<std::string>& footer() const noexcept { return footer_; }
  std::size_t max_footer_size() const noexcept { return max_footer_size_; }
  std::size_t max_footer_depth() const noexcept { return max_footer_depth_; }
  std::size_t max_footer_keys() const noexcept { return max_footer_keys_; }
  const std::vector<Predicate>& predicates() const noexcept { return predicates_; }
  const std::shared_ptr<const revocation::RevocationList>& revocation() const noexcept { return revocation_; }

 private:
  friend class PolicyBuilder;
  bool require_exp_ = true;
  std::chrono::seconds leeway_{0};
  std::vector<std::string> issuers_;
  std::vector<std::string> audiences_;
  bool ignore_audience_ = false;
  std::optional<std::string> subject_;
  std::vector<std::string> required_;
  std::optional<std::chrono::seconds> max_age_;
  std::size_t max_token_size_ = kDefaultMaxTokenSize;
  std::optional<std::string> footer_;
  std::size_t max_footer_size_ = kDefaultMaxFooterSize;
  std::size_t max_footer_depth_ = kDefaultMaxFooterDepth;
  std::size_t max_footer_keys_ = kDefaultMaxFooterKeys;
  std::vector<Predicate> predicates_;
  std::shared_ptr<const revocation::RevocationList> revocation_;
};

// PolicyBuilder assembles a Policy. build() refuses contradictory or unsafe
// settings with invalid_argument.
class PolicyBuilder {
 public:
  // expect_issuer adds an accepted "iss" (the token's must equal one).
  PolicyBuilder& expect_issuer(std::string_view iss);
  // expect_audience adds an accepted "aud": the token's must equal one. A
  // token carrying "aud" is rejected when no audience is expected, unless
  // ignore_audience() (as for JWT, RFC 8725 §3.9).
  PolicyBuilder& expect_audience(std::string_view aud);
  PolicyBuilder& ignore_audience();
  // expect_subject requires "sub" to equal `sub`.
  PolicyBuilder& expect_subject(std::string_view sub);
  // require_claim requires a claim to be present (any value).
  PolicyBuilder& require_claim(std::string_view name);
  // leeway allows for clock skew on exp, nbf and iat; at most kMaxLeeway.
  PolicyBuilder& leeway(std::chrono::seconds skew);
  // max_age rejects tokens whose "iat" is older than this (iat then required).
  PolicyBuilder& max_age(std::chrono::seconds age);
  // allow_missing_exp accepts tokens without "exp" (never expiring). Explicit
  // because unbounded lifetime is a risk (threat catalog #48).
  PolicyBuilder& allow_missing_exp();
  // max_token_size bounds the token length (default 8 KiB).
  PolicyBuilder& max_token_size(std::size_t bytes);
  // expect_footer requires the footer to equal `footer` exactly (compared in
  // constant time, after the token is authenticated); claim_mismatch otherwise.
  // An empty `footer` requires that the token has none.
  PolicyBuilder& expect_footer(std::string_view footer);
  // footer_limits sets the footer caps: length (checked on the encoded size
  // before any decoding), and for a footer that is a JSON object its nesting
  // depth and number of members (checked after authentication). A footer
  // that starts with '{' must be a valid JSON object within these caps.
  PolicyBuilder& footer_limits(std::size_t max_bytes, std::size_t max_depth, std::size_t max_keys);
  // check adds a custom predicate.
  PolicyBuilder& check(Predicate predicate);
  // revocation consults `list` (signet/revocation.h) last, after
  // authentication, every claim check and every predicate passed. Its facts:
  // iss, jti, sub, iat, exp. A withdrawn token fails with Errc::revoked; a
  // list that cannot answer fails per its FailurePolicy. nullptr: none.
  PolicyBuilder& revocation(std::shared_ptr<const revocation::RevocationList> list);

  Result<Policy> build() const;

 private:
  Policy policy_;
};

}  // namespace signet::paseto

#endif  // SIGNET_PASETO_POLICY_H_
