// signet/jwt/policy.h: what a verified token must satisfy.
#ifndef SIGNET_JWT_POLICY_H_
#define SIGNET_JWT_POLICY_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signet/result.h"

namespace signet::revocation {
class RevocationList;
}

namespace signet::jwt {

class VerifiedToken;

// kMaxLeeway caps the clock-skew allowance (threat catalog #49, as Tink).
inline constexpr std::chrono::seconds kMaxLeeway{600};
// kDefaultMaxTokenSize bounds a token before any work is done on it.
inline constexpr std::size_t kDefaultMaxTokenSize = 8192;

// Predicate is a custom check run after every built-in check passed; it
// returns an error (typically claim_mismatch) to reject the token.
using Predicate = std::function<Status(const VerifiedToken&)>;

// Policy is an immutable set of checks; build it with PolicyBuilder.
class Policy {
 public:
  // The defaults: exp required, leeway 0, no expected iss/aud/sub/typ.
  Policy();

  bool require_exp() const noexcept { return require_exp_; }
  std::chrono::seconds leeway() const noexcept { return leeway_; }
  const std::vector<std::string>& issuers() const noexcept { return issuers_; }
  const std::vector<std::string>& audiences() const noexcept { return audiences_; }
  bool ignore_audience() const noexcept { return ignore_audience_; }
  const std::optional<std::string>& subject() const noexcept { return subject_; }
  const std::optional<std::string>& type() const noexcept { return type_; }
  const std::vector<std::string>& required_claims() const noexcept { return required_; }
  const std::optional<std::chrono::seconds>& max_age() const noexcept { return max_age_; }
  std::size_t max_token_size() const noexcept { return max_token_size_; }
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
  std::optional<std::string> type_;
  std::vector<std::string> required_;
  std::optional<std::chrono::seconds> max_age_;
  std::size_t max_token_size_ = kDefaultMaxTokenSize;
  std::vector<Predicate> predicates_;
  std::shared_ptr<const revocation::RevocationList> revocation_;
};

// PolicyBuilder assembles a Policy. build() refuses contradictory or unsafe
// settings with invalid_argument.
class PolicyBuilder {
 public:
  // expect_issuer adds an accepted "iss" (the token's must equal one).
  PolicyBuilder& expect_issuer(std::string_view iss);
  // expect_audience adds an accepted audience: the token's "aud" (string or
  // array) must contain at least one. A token carrying "aud" is rejected when
  // no audience is expected, unless ignore_audience() (RFC 8725 §3.9).
  PolicyBuilder& expect_audience(std::string_view aud);
  PolicyBuilder& ignore_audience();
  // expect_subject requires "sub" to equal `sub`.
  PolicyBuilder& expect_subject(std::string_view sub);
  // expect_type requires the header "typ" to equal `typ`, compared
  // case-insensitively and with an optional "application/" prefix (RFC 8725 §3.11).
  PolicyBuilder& expect_type(std::string_view typ);
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
  // check adds a custom predicate.
  PolicyBuilder& check(Predicate predicate);
  // revocation consults `list` (signet/revocation.h) last, after the
  // signature, every claim check and every predicate passed, so a forged or
  // expired token never costs a lookup. Its facts: iss, jti, sub, iat, exp.
  // A withdrawn token fails with Errc::revoked; a list that cannot answer
  // fails per its FailurePolicy (backend_failure, or accepted). nullptr: none.
  PolicyBuilder& revocation(std::shared_ptr<const revocation::RevocationList> list);

  Result<Policy> build() const;

 private:
  Policy policy_;
};

}  // namespace signet::jwt

#endif  // SIGNET_JWT_POLICY_H_
