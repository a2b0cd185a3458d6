// signet/jwt/verifier.h: verifying JWS compact tokens.
#ifndef SIGNET_JWT_VERIFIER_H_
#define SIGNET_JWT_VERIFIER_H_

#include <chrono>
#include <cstdint>
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
// verification, so the accessors cannot fail. All text lives in one buffer
// owned by the token (one allocation per accepted token); the string_views
// returned stay valid as long as the token does.
class VerifiedToken {
 public:
  Algorithm algorithm() const noexcept { return alg_; }
  std::optional<std::string_view> kid() const noexcept { return view(kid_); }
  std::optional<std::string_view> type() const noexcept { return view(typ_); }

  std::optional<std::string_view> issuer() const noexcept { return view(iss_); }
  std::optional<std::string_view> subject() const noexcept { return view(sub_); }
  std::optional<std::string_view> jwt_id() const noexcept { return view(jti_); }
  // audiences returns "aud" as a list (a single string becomes one element);
  // empty when absent. Allocates; has_audience does not.
  std::vector<std::string> audiences() const;
  // has_audience reports whether `aud` is one of the token's audiences.
  bool has_audience(std::string_view aud) const noexcept;
  // Times are whole seconds: NumericDate goes to year 9999, beyond the range
  // of a nanosecond UnixTime (2262).
  const std::optional<std::chrono::sys_seconds>& expires_at() const noexcept { return exp_; }
  const std::optional<std::chrono::sys_seconds>& not_before() const noexcept { return nbf_; }
  const std::optional<std::chrono::sys_seconds>& issued_at() const noexcept { return iat_; }

  // header_json and payload_json are the decoded segments, exactly as signed.
  std::string_view header_json() const noexcept { return *view(header_); }
  std::string_view payload_json() const noexcept { return *view(payload_); }
  // claims_json is the payload as compact JSON (member order kept).
  std::string_view claims_json() const noexcept { return *view(claims_); }

  // claim returns the compact JSON text of a top-level claim, or nullopt.
  std::optional<std::string_view> claim(std::string_view name) const noexcept;
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
  friend class VerifiedTokenBuffer;
  friend struct VerifiedTokenAccess;
  VerifiedToken() = default;
  // A piece of buffer_, by offset so that moving the token keeps it valid.
  struct Span {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    bool present = false;
  };
  std::optional<std::string_view> view(const Span& s) const noexcept {
    if (!s.present) return std::nullopt;
    return std::string_view(buffer_.data() + s.offset, s.length);
  }
  Algorithm alg_ = Algorithm::HS256;
  std::string buffer_;
  Span header_, payload_, claims_, kid_, typ_, iss_, sub_, jti_, aud_;  // aud_: its JSON text
  std::optional<std::chrono::sys_seconds> exp_, nbf_, iat_;
};

// VerifiedTokenBuffer is caller-owned storage that Verifier::verify(token,
// buffer) reuses: once it has held a token as large as the ones it is given,
// verifying into it makes no heap allocation. It exposes a token only through
// a successful verify (so a VerifiedToken still comes only from a Verifier);
// a failed verify leaves it holding nothing usable. One buffer per thread:
// not safe to share.
class VerifiedTokenBuffer {
 public:
  VerifiedTokenBuffer() = default;
  VerifiedTokenBuffer(VerifiedTokenBuffer&&) noexcept = default;
  VerifiedTokenBuffer& operator=(VerifiedTokenBuffer&&) noexcept = default;

 private:
  friend class Verifier;
  VerifiedToken token_;
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
  // verify into a caller's buffer: the same checks and errors, but the
  // accepted token lives in `buffer` (the pointer is valid until the next
  // verify into it, or its destruction), so a warm buffer means no heap
  // allocation at all for an accepted token.
  Result<const VerifiedToken*> verify(std::string_view token, VerifiedTokenBuffer& buffer) const;

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
