// signet/state_bound.h: tokens bound to user state, with nothing stored.
//
// The technique of Django's password-reset tokens, without its flaw: the
// MAC covers a caller-supplied "state fingerprint" (the password hash, the
// last login, a per-user version number ...), so changing any of that state
// invalidates every token issued before, and the server stores nothing.
// Unlike Django's f"{pk}{password}{login}{ts}{email}", every input is
// length-prefixed (PASETO's PAE), so no two different inputs share a MAC,
// and a purpose string is bound in, so a token for one use is refused by
// any other.
//
//   auto signer = signet::StateBoundSigner::create(key, {.purpose = "password-reset", .max_age = 1h}).value();
//   std::string token = signer.sign(user_id, {password_hash, last_login}).value();
//   ... later, with the user's current state:
//   auto ok = signer.verify(token, user_id, {password_hash, last_login});  // bad_signature once it changed
//
// For JWT or PASETO, state_fingerprint() gives a short tag to carry in a
// claim and check_state_fingerprint() refuses it (Errc::revoked) once the
// state changed. The format is specified in docs/state-bound.md.
#ifndef SIGNET_STATE_BOUND_H_
#define SIGNET_STATE_BOUND_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/result.h"

namespace signet {

// kStateBoundMinKeySize is the shortest key StateBoundSigner and
// state_fingerprint accept (bytes).
inline constexpr std::size_t kStateBoundMinKeySize = 32;
// kStateBoundMaxTokenSize bounds a token before any work is done on it.
inline constexpr std::size_t kStateBoundMaxTokenSize = 8192;
// kStateFingerprintSize is the length of a state_fingerprint (characters of
// base64url: 16 bytes of HMAC-SHA256).
inline constexpr std::size_t kStateFingerprintSize = 22;

// StateBoundOptions configures a StateBoundSigner.
struct StateBoundOptions {
  // purpose names what the tokens are for ("password-reset",
  // "email-confirm:v2"); required, non-empty. It selects the derived key and
  // is bound into every MAC, so tokens never cross purposes.
  std::string purpose{};
  // max_age is the lifetime: a token is expired iff now - issued_at >
  // max_age (whole seconds; the boundary is valid). Required, positive.
  std::chrono::seconds max_age{0};
  // max_future tolerates issuers whose clock runs ahead: a token issued more
  // than this after now is refused with Errc::not_yet_valid. Not negative.
  std::chrono::seconds max_future{30};
  // fallback_keys verify (in order, after the main key) but never sign: for
  // key rotation. Each at least kStateBoundMinKeySize bytes.
  std::vector<SecretBytes> fallback_keys{};
};

// StateBoundToken is what verify returns for an accepted token.
struct StateBoundToken {
  std::string payload;         // the bytes given to sign (may be empty)
  std::int64_t issued_at = 0;  // seconds since the Unix epoch
};

// StateBoundSigner issues and verifies state-bound tokens:
//
//   token = B64(payload) "." B62(issued_at) "." B64(tag)
//   tag   = HMAC-SHA256(K_p, PAE("signet.state-bound.v1", purpose, subject,
//                                state[0], ..., state[n-1],
//                                B62(issued_at), B64(payload)))
//   K_p   = HMAC-SHA256(key, PAE("signet.state-bound.v1.key", purpose))
//
// B64 is unpadded base64url, B62 the base62 of Django's timestamps
// (0-9A-Za-z), PAE PASETO's pre-authentication encoding. Immutable and safe
// to share between threads; keys are derived once in create(). Tags are
// compared in constant time, every key is always tried, and nothing in the
// token is decoded before its tag matched.
class StateBoundSigner {
 public:
  // create fails with Errc::invalid_key when the key or a fallback key is
  // shorter than kStateBoundMinKeySize, and Errc::invalid_argument for an
  // empty purpose, a max_age that is not positive or a negative max_future.
  // `clock` must outlive the signer.
  static Result<StateBoundSigner> create(const SecretBytes& key, const StateBoundOptions& options,
                                         const Clock& clock = SystemClock::instance());

  StateBoundSigner(StateBoundSigner&&) noexcept;
  StateBoundSigner& operator=(StateBoundSigner&&) noexcept;
  ~StateBoundSigner();

  // sign returns a token for `subject` (the user id) in its current `state`,
  // carrying `payload` (any bytes; visible to whoever holds the token: it
  // is signed, not encrypted). Fails with Errc::invalid_argument before
  // 1970 or when the token would exceed kStateBoundMaxTokenSize.
  Result<std::string> sign(std::string_view subject, std::span<const std::string_view> state,
                           std::string_view payload = {}) const;
  Result<std::string> sign(std::string_view subject, std::initializer_list<std::string_view> state,
                           std::string_view payload = {}) const {
    return sign(subject, std::span<const std::string_view>(state.begin(), state.size()), payload);
  }

  // verify accepts `token` only if it was signed for this purpose, this
  // subject and exactly this state (same fields, same order). Errors:
  //   Errc::malformed      not three '.'-separated parts, oversized, or a
  //                        tag of the wrong length;
  //   Errc::bad_signature  any input differs: a state change lands here;
  //   Errc::bad_payload    validly tagged but not canonical (cannot happen
  //                        with tokens signet made);
  //   Errc::expired        now - issued_at > max_age;
  //   Errc::not_yet_valid  issued_at - now > max_future.
  Result<StateBoundToken> verify(std::string_view token, std::string_view subject,
                                 std::span<const std::string_view> state) const;
  Result<StateBoundToken> verify(std::string_view token, std::string_view subject,
                                 std::initializer_list<std::string_view> state) const {
    return verify(token, subject, std::span<const std::string_view>(state.begin(), state.size()));
  }

  std::string_view purpose() const noexcept;

 private:
  struct Impl;
  explicit StateBoundSigner(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

// StateFingerprinter computes and checks state fingerprints (below) with
// its key derived once, for verifiers that check one on every request.
// Immutable and safe to share between threads.
class StateFingerprinter {
 public:
  // create fails as state_fingerprint does (invalid_key, invalid_argument).
  static Result<StateFingerprinter> create(const SecretBytes& key, std::string_view purpose);

  StateFingerprinter(StateFingerprinter&&) noexcept;
  StateFingerprinter& operator=(StateFingerprinter&&) noexcept;
  ~StateFingerprinter();

  // fingerprint returns state_fingerprint(key, purpose, fields).
  std::string fingerprint(std::span<const std::string_view> fields) const;
  std::string fingerprint(std::initializer_list<std::string_view> fields) const {
    return fingerprint(std::span<const std::string_view>(fields.begin(), fields.size()));
  }
  // check is check_state_fingerprint: Errc::revoked on any mismatch.
  Status check(std::span<const std::string_view> fields, std::string_view fingerprint) const;
  Status check(std::initializer_list<std::string_view> fields, std::string_view fingerprint) const {
    return check(std::span<const std::string_view>(fields.begin(), fields.size()), fingerprint);
  }

 private:
  struct Impl;
  explicit StateFingerprinter(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

// state_fingerprint returns a short keyed tag (kStateFingerprintSize
// base64url characters) of `fields` under `purpose`, to put in a claim of a
// JWT or PASETO token at issue time:
//   B64(HMAC-SHA256(K_f, PAE("signet.state-fingerprint.v1", purpose, fields...))[0..16])
//   K_f = HMAC-SHA256(key, PAE("signet.state-fingerprint.v1.key", purpose))
// The tag reveals nothing about the fields without the key. Fails with
// Errc::invalid_key (key shorter than kStateBoundMinKeySize) or
// Errc::invalid_argument (empty purpose).
Result<std::string> state_fingerprint(const SecretBytes& key, std::string_view purpose,
                                      std::span<const std::string_view> fields);
inline Result<std::string> state_fingerprint(const SecretBytes& key, std::string_view purpose,
                                             std::initializer_list<std::string_view> fields) {
  return state_fingerprint(key, purpose, std::span<const std::string_view>(fields.begin(), fields.size()));
}

// check_state_fingerprint recomputes the tag for the current `fields` and
// compares it with `fingerprint` in constant time: Errc::revoked when they
// differ (the state changed since the token was issued, or the claim is not
// a fingerprint), plus state_fingerprint's errors.
Status check_state_fingerprint(const SecretBytes& key, std::string_view purpose,
                               std::span<const std::string_view> fields, std::string_view fingerprint);
inline Status check_state_fingerprint(const SecretBytes& key, std::string_view purpose,
                                      std::initializer_list<std::string_view> fields, std::string_view fingerprint) {
  return check_state_fingerprint(key, purpose, std::span<const std::string_view>(fields.begin(), fields.size()),
                                 fingerprint);
}

}  // namespace signet

#endif  // SIGNET_STATE_BOUND_H_
