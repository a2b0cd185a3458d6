// signet/jwt/verifier.h: verifying JWS compact tokens.
#ifndef SIGNET_JWT_VERIFIER_H_
#define SIGNET_JWT_VERIFIER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signet/clock.h"
#include "signet/jwt/algorithm.h"
#include "signet/jwt/key_set.h"
#include "signet/jwt/keys.h"
#include "signet/jwt/policy.h"
#include "signet/result.h"

namespace signet::jwt {

// VerifiedToken is a token whose signature and policy checks passed. Only a
// Verifier can make one. Registered claims were type-checked during
// verification, so the accessors cannot fail.
class VerifiedToken {
 public:
  Algorithm algorithm() const noexcept { return alg_; }
  const std::optional<std::string>& kid() const noexcept { return kid_; }
  const std::optional<std::string>& type() const noexcept { return typ_; }

  const std::optional<std::string>& issuer() const noexcept { return iss_; }
  const std::optional<std::string>& subject() const noexcept { return sub_; }
  // audiences holds "aud" (a single string becomes one element).
  const std::vector<std::string>& audiences() const noexcept { return aud_; }
  const std::optional<UnixTime>& expires_at() const noexcept { return exp_; }
  const std::optional<UnixTime>& not_before() const noexcept { return nbf_; }
  const std::optional<UnixTime>& issued_at() const noexcept { return iat_; }
  const std::optional<std::string>& jwt_id() const noexcept { return jti_; }

  // header_json and payload_json are the decoded JSON texts, exactly as signed.
  std::string_view header_json() const noexcept { return header_; }
  std::string_view payload_json() const noexcept { return payload_; }
  // claims_json is the payload as compact JSON (member order kept).
  const std::string& claims_json() const noexcept { return claims_; }

  // claim returns the compact JSON text of a top-level claim, or nullopt.
  std::optional<std::string> claim(std::string_view name) const;
  // string_claim returns a string claim; claim_mismatch when it is absent or
  // not a string.
  Result<std::string> string_claim(std::string_view name) const;
  // int_claim returns an integer claim; claim_mismatch when absent or not an
  // integer in the int64 range.
  Result<std::int64_t> int_claim(std::string_view name) const;
  // bool_claim returns a boolean claim; claim_mismatch when absent or not a bool.
  Result<bool> bool_claim(std::string_view name) const;

 private:
  friend class Verifier;
  friend struct VerifiedTokenAccess;
  VerifiedToken() = default;
  Algorithm alg_ = Algorithm::HS256;
  std::optional<std::string> kid_, typ_, iss_, sub_, jti_;
  std::vector<std::string> aud_;
  std::optional<UnixTime> exp_, nbf_, iat_;
  std::string header_, payload_, claims_;
};

// Verifier checks tokens against keys and a Policy. The order of checks:
// size -> exactly three segments -> strict base64url -> header (strict JSON,
// duplicate names refused, "alg" must equal the key's, "crit" refused,
// "b64":false refused) -> signature (constant-time MAC comparison; ECDSA raw
// r||s of exact length with r and s in range) -> payload parse -> policy.
// jku, x5u, jwk and x5c headers never supply a key and nothing is fetched;
// kid is only a lookup key.
//
// Immutable and safe to share between threads. Before the signature is
// checked only malformed, bad_signature and key_mismatch (no key for this
// kid/alg) can be returned.
class Verifier {
 public:
  static Result<Verifier> create(HmacKey key, Policy policy, const Clock& clock = SystemClock::instance());
  static Result<Verifier> create(PublicKey key, Policy policy, const Clock& clock = SystemClock::instance());
  // A private key verifies through its public half.
  static Result<Verifier> create(const PrivateKey& key, Policy policy, const Clock& clock = SystemClock::instance());
  static Result<Verifier> create(KeySet keys, Policy policy, const Clock& clock = SystemClock::instance());

  // verify checks `token` (JWS compact serialization). Errors: malformed,
  // bad_signature, key_mismatch, unsupported (crit, b64), expired,
  // not_yet_valid, claim_mismatch.
  Result<VerifiedToken> verify(std::string_view token) const;

  Verifier(Verifier&&) noexcept;
  Verifier& operator=(Verifier&&) noexcept;
  ~Verifier();

 private:
  struct Impl;
  explicit Verifier(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

// UnverifiedToken is what inspect_unverified shows: NOTHING in it is
// authenticated. It cannot be converted to a VerifiedToken.
struct UnverifiedToken {
  std::string header_json;   // the decoded header, compact JSON
  std::string payload_json;  // the decoded payload, compact JSON
};

// inspect_unverified decodes a token's header and payload WITHOUT checking
// the signature, for debugging. Fails with malformed for anything that is not
// three strict base64url segments of strict JSON objects.
Result<UnverifiedToken> inspect_unverified(std::string_view token, std::size_t max_token_size = kDefaultMaxTokenSize);

}  // namespace signet::jwt

#endif  // SIGNET_JWT_VERIFIER_H_
