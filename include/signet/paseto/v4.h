// signet/paseto/v4.h: PASETO version 4 tokens, v4.local (XChaCha20 +
// BLAKE2b, encrypt-then-MAC) and v4.public (Ed25519).
//
// Two layers:
//   - the message layer (encrypt_message, decrypt_message, sign_message,
//     verify_message) is the specification's Encrypt/Decrypt/Sign/Verify over
//     arbitrary bytes, with footers and implicit assertions;
//   - the claims layer (encrypt, sign, Decryptor, Verifier) issues JSON
//     claims and checks them against a Policy.
// Both refuse a token of the other purpose or another version with
// key_mismatch, accept only strict base64url (no padding, zero trailing bits),
// and check the MAC or signature (in constant time for the MAC) before a
// single payload byte is decrypted or parsed. Before that check only
// malformed, payload_too_large, key_mismatch and bad_signature are returned.
#ifndef SIGNET_PASETO_V4_H_
#define SIGNET_PASETO_V4_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "signet/clock.h"
#include "signet/paseto/claims.h"
#include "signet/paseto/keys.h"
#include "signet/paseto/policy.h"
#include "signet/result.h"

namespace signet::paseto {

// Purpose is the second part of a token's header ("v4.local." / "v4.public.").
enum class Purpose : std::uint8_t { local, public_ };

// TokenOptions are the optional inputs of encrypt/sign.
struct TokenOptions {
  // footer is appended to the token, authenticated but NOT encrypted. A
  // footer that starts with '{' must be a JSON object within the default
  // footer limits (policy.h), and its "kid", if any, must not be a key.
  std::string footer;
  // implicit_assertion is authenticated but never written into the token:
  // the decrypting/verifying side must supply the same bytes.
  std::string implicit_assertion;
};

// Message is what the message layer returns: the payload and footer bytes,
// both authenticated.
struct Message {
  std::string payload;
  std::string footer;
};

// encrypt_message makes "v4.local.<...>[.<footer>]" from arbitrary bytes with
// a fresh random 32-byte nonce. Fails with invalid_argument for a footer over
// kDefaultMaxFooterSize, backend_failure if the CSPRNG or libsodium fails.
Result<std::string> encrypt_message(const LocalKey& key, std::string_view payload, std::string_view footer = {},
                                    std::string_view implicit_assertion = {});
// decrypt_message checks and decrypts a v4.local token. Errors: malformed
// (shape, size, encoding, a footer over max_footer_size), key_mismatch (not
// "v4.local."), bad_signature (MAC mismatch: wrong key, modified token,
// footer or implicit assertion).
Result<Message> decrypt_message(const LocalKey& key, std::string_view token, std::string_view implicit_assertion = {},
                                std::size_t max_token_size = kDefaultMaxTokenSize,
                                std::size_t max_footer_size = kDefaultMaxFooterSize);
// sign_message makes "v4.public.<...>[.<footer>]".
Result<std::string> sign_message(const SecretKey& key, std::string_view payload, std::string_view footer = {},
                                 std::string_view implicit_assertion = {});
// verify_message checks a v4.public token; errors as decrypt_message.
Result<Message> verify_message(const PublicKey& key, std::string_view token, std::string_view implicit_assertion = {},
                               std::size_t max_token_size = kDefaultMaxTokenSize,
                               std::size_t max_footer_size = kDefaultMaxFooterSize);

// unverified_footer returns the decoded footer of a v4 token (either
// purpose) WITHOUT checking anything else: NOTHING in it is authenticated.
// Its one use is choosing a key (by the footer's kid) before decrypting or
// verifying with it. Errors: malformed (size, shape, encoding, a footer over
// max_footer_size), key_mismatch (not a v4.local or v4.public token).
Result<std::string> unverified_footer(std::string_view token, std::size_t max_token_size = kDefaultMaxTokenSize,
                                      std::size_t max_footer_size = kDefaultMaxFooterSize);

// encrypt issues a v4.local token carrying `claims`. Fails with
// invalid_argument when the claims hold an error or the footer breaks the
// rules of TokenOptions, backend_failure when the CSPRNG or libsodium fails.
Result<std::string> encrypt(const LocalKey& key, const Claims& claims, const TokenOptions& options = {});
// sign issues a v4.public token carrying `claims`; errors as encrypt.
Result<std::string> sign(const SecretKey& key, const Claims& claims, const TokenOptions& options = {});

// VerifiedToken is a token whose MAC or signature and policy checks passed.
// Only a Decryptor or Verifier can make one. Registered claims were
// type-checked, so the accessors cannot fail. Everything it holds (payload,
// footer, decoded claims) lives in one buffer, so an accepted token costs
// one allocation; the views it returns live as long as the token.
class VerifiedToken {
 public:
  Purpose purpose() const noexcept { return purpose_; }

  // The registered string claims, decoded (JSON escapes resolved).
  std::optional<std::string_view> issuer() const noexcept { return view(iss_); }
  std::optional<std::string_view> subject() const noexcept { return view(sub_); }
  std::optional<std::string_view> audience() const noexcept { return view(aud_); }
  std::optional<std::string_view> token_id() const noexcept { return view(jti_); }
  const std::optional<UnixTime>& expires_at() const noexcept { return exp_; }
  const std::optional<UnixTime>& not_before() const noexcept { return nbf_; }
  const std::optional<UnixTime>& issued_at() const noexcept { return iat_; }

  // footer is the token's footer, exactly as authenticated (may be empty).
  std::string_view footer() const noexcept { return text(footer_); }
  // payload_json is the decrypted/verified payload exactly as it was sent.
  std::string_view payload_json() const noexcept { return text(payload_); }
  // claims_json is the payload as compact JSON (member order kept).
  std::string_view claims_json() const noexcept { return text(claims_); }

  // claim returns the compact JSON text of a top-level claim, or nullopt.
  std::optional<std::string> claim(std::string_view name) const;
  // string_claim returns a string claim; claim_mismatch when absent or not a string.
  Result<std::string> string_claim(std::string_view name) const;
  // int_claim returns an integer claim; claim_mismatch when absent or not an
  // integer in the int64 range.
  Result<std::int64_t> int_claim(std::string_view name) const;
  // bool_claim returns a boolean claim; claim_mismatch when absent or not a bool.
  Result<bool> bool_claim(std::string_view name) const;

 private:
  friend struct VerifiedTokenAccess;
  // A piece of buffer_: offsets, not pointers, so that the token can move.
  struct Span {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
    bool present = false;
  };
  VerifiedToken() = default;
  std::string_view text(const Span& s) const noexcept { return std::string_view(buffer_).substr(s.offset, s.size); }
  std::optional<std::string_view> view(const Span& s) const noexcept {
    if (!s.present) return std::nullopt;
    return text(s);
  }
  std::string buffer_;  // payload, footer, then (when needed) claims text and decoded strings
  Span payload_, footer_, claims_, iss_, sub_, aud_, jti_;
  std::optional<UnixTime> exp_, nbf_, iat_;
  Purpose purpose_ = Purpose::local;
};

// Decryptor checks v4.local tokens against one key and a Policy. Order:
// size -> "v4.local." -> footer size -> strict base64url -> length -> MAC
// (constant time) -> decrypt -> footer rules -> strict JSON payload (an
// object; duplicate names refused; depth <= 32) -> registered claim types ->
// policy. Immutable and safe to share between threads.
class Decryptor {
 public:
  static Result<Decryptor> create(LocalKey key, Policy policy, const Clock& clock = SystemClock::instance());

  // decrypt checks `token` with the given implicit assertion. Errors:
  // malformed, key_mismatch, bad_signature, bad_payload (the authenticated
  // payload is not a JSON object), claim_mismatch, expired, not_yet_valid.
  Result<VerifiedToken> decrypt(std::string_view token, std::string_view implicit_assertion = {}) const;

  Decryptor(Decryptor&&) noexcept;
  Decryptor& operator=(Decryptor&&) noexcept;
  ~Decryptor();

 private:
  struct Impl;
  explicit Decryptor(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

// Verifier checks v4.public tokens against one public key and a Policy, in
// the order of Decryptor (signature instead of MAC, nothing to decrypt).
// Immutable and safe to share between threads.
class Verifier {
 public:
  static Result<Verifier> create(PublicKey key, Policy policy, const Clock& clock = SystemClock::instance());
  // A secret key verifies through its public half.
  static Result<Verifier> create(const SecretKey& key, Policy policy, const Clock& clock = SystemClock::instance());
  // A local key can never verify a public token: this overload says so.
  static Result<Verifier> create(LocalKey key, Policy policy, const Clock& clock = SystemClock::instance()) = delete;

  // verify checks `token`; errors as Decryptor::decrypt.
  Result<VerifiedToken> verify(std::string_view token, std::string_view implicit_assertion = {}) const;

  Verifier(Verifier&&) noexcept;
  Verifier& operator=(Verifier&&) noexcept;
  ~Verifier();

 private:
  struct Impl;
  explicit Verifier(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace signet::paseto

#endif  // SIGNET_PASETO_V4_H_
