// signet/paseto/keys.h: PASETO v4 keys, typed by version and purpose.
//
// Four types, so that the compiler enforces PASETO's "algorithm lucidity":
//   LocalKey     a v4.local symmetric key (32 bytes): encrypts and decrypts;
//   SecretKey    a v4.public Ed25519 signing key: signs;
//   PublicKey    a v4.public Ed25519 verification key: verifies;
//   WrappingKey  a PASERK k4 wrapping key (32 bytes) for local-wrap.pie and
//                secret-wrap.pie, never usable for tokens.
// No function accepts a key of another type: a v4.local key can never verify
// a v4.public token, nor the reverse, and a PASERK string is only accepted by
// the factory of its own type ("k4.local." by LocalKey::from_paserk, ...).
//
// Keys are immutable, cheap to copy (shared ownership) and safe to share
// between threads. Secret material lives in SecretBytes and is wiped when the
// last copy goes away; it is never part of an error message.
#ifndef SIGNET_PASETO_KEYS_H_
#define SIGNET_PASETO_KEYS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "signet/bytes.h"
#include "signet/result.h"

namespace signet::paseto {

// kKeySize is the length of a LocalKey, a WrappingKey, an Ed25519 seed and an
// Ed25519 public key.
inline constexpr std::size_t kKeySize = 32;
// kSecretKeySize is the length of an Ed25519 secret key as PASERK stores it
// (seed || public key).
inline constexpr std::size_t kSecretKeySize = 64;

// LocalKey is a v4.local key: 32 random bytes.
class LocalKey {
 public:
  // generate makes a new key from the OS CSPRNG (backend_failure if it fails).
  static Result<LocalKey> generate();
  // from_bytes takes exactly 32 bytes (invalid_key otherwise).
  static Result<LocalKey> from_bytes(std::span<const std::uint8_t> bytes);
  // from_paserk reads "k4.local.<base64url of 32 bytes>". Any other type or
  // version ("k3.local.", "k4.secret.", ...) fails with key_mismatch; a bad
  // encoding or length with invalid_key.
  static Result<LocalKey> from_paserk(std::string_view paserk);

  // to_paserk returns "k4.local.<base64url>": it contains the secret.
  std::string to_paserk() const;
  // id returns the PASERK key identifier "k4.lid.<...>", safe to publish
  // (for example as the footer's "kid").
  std::string id() const;
  // bytes exposes the key for signet's crypto code. Do not log it.
  std::span<const std::uint8_t> bytes() const noexcept { return secret_->bytes(); }

 private:
  explicit LocalKey(std::shared_ptr<const SecretBytes> s) noexcept : secret_(std::move(s)) {}
  std::shared_ptr<const SecretBytes> secret_;
};

// PublicKey is a v4.public verification key: a 32-byte Ed25519 public key.
class PublicKey {
 public:
  // from_bytes takes exactly 32 bytes (invalid_key otherwise). The point is
  // not validated here; libsodium refuses small-order and non-canonical keys
  // when a signature is checked.
  static Result<PublicKey> from_bytes(std::span<const std::uint8_t> bytes);
  // from_paserk reads "k4.public.<base64url of 32 bytes>" (key_mismatch for
  // another type or version, invalid_key for a bad encoding or length).
  static Result<PublicKey> from_paserk(std::string_view paserk);

  // to_paserk returns "k4.public.<base64url>".
  std::string to_paserk() const;
  // id returns "k4.pid.<...>".
  std::string id() const;
  // bytes returns the 32-byte public key.
  std::span<const std::uint8_t> bytes() const noexcept { return key_; }

  friend bool operator==(const PublicKey& a, const PublicKey& b) noexcept { return a.key_ == b.key_; }

 private:
  friend class SecretKey;
  PublicKey() = default;
  std::array<std::uint8_t, kKeySize> key_{};
};

// SecretKey is a v4.public signing key: an Ed25519 key pair.
class SecretKey {
 public:
  // generate makes a new key pair from the OS CSPRNG.
  static Result<SecretKey> generate();
  // from_seed derives the key pair from a 32-byte seed (invalid_key otherwise).
  static Result<SecretKey> from_seed(std::span<const std::uint8_t> seed);
  // from_bytes takes the 64-byte libsodium form, seed || public key. The
  // public half must be the one the seed derives (invalid_key otherwise): a
  // mismatched pair would sign with the wrong public key bound in.
  static Result<SecretKey> from_bytes(std::span<const std::uint8_t> bytes);
  // from_paserk reads "k4.secret.<base64url of 64 bytes>" with the same
  // check (key_mismatch for another type or version, invalid_key otherwise).
  static Result<SecretKey> from_paserk(std::string_view paserk);

  // public_key returns the matching verification key.
  PublicKey public_key() const;
  // to_paserk returns "k4.secret.<base64url>": it contains the secret.
  std::string to_paserk() const;
  // id returns "k4.sid.<...>".
  std::string id() const;
  // bytes exposes the 64-byte secret key (seed || public key). Do not log it.
  std::span<const std::uint8_t> bytes() const noexcept { return secret_->bytes(); }

 private:
  SecretKey(std::shared_ptr<const SecretBytes> s, PublicKey p) noexcept : secret_(std::move(s)), public_(p) {}
  std::shared_ptr<const SecretBytes> secret_;
  PublicKey public_;
};

// WrappingKey is a PASERK k4 symmetric wrapping key (32 bytes). It exists as
// its own type so that a token key is never used to wrap other keys.
class WrappingKey {
 public:
  // generate makes a new key from the OS CSPRNG.
  static Result<WrappingKey> generate();
  // from_bytes takes exactly 32 bytes (invalid_key otherwise).
  static Result<WrappingKey> from_bytes(std::span<const std::uint8_t> bytes);
  // bytes exposes the key. Do not log it.
  std::span<const std::uint8_t> bytes() const noexcept { return secret_->bytes(); }

 private:
  explicit WrappingKey(std::shared_ptr<const SecretBytes> s) noexcept : secret_(std::move(s)) {}
  std::shared_ptr<const SecretBytes> secret_;
};

// PaserkType names every PASERK k4 type signet recognises.
enum class PaserkType : std::uint8_t {
  local,             // k4.local
  public_key,        // k4.public
  secret,            // k4.secret
  lid,               // k4.lid
  pid,               // k4.pid
  sid,               // k4.sid
  local_wrap_pie,    // k4.local-wrap.pie
  secret_wrap_pie,   // k4.secret-wrap.pie
  seal,              // k4.seal
  local_pw,          // k4.local-pw
  secret_pw,         // k4.secret-pw
};

// paserk_type reads the "k4.<type>." prefix of a PASERK string. Fails with
// unsupported for another version (k1..k3) and malformed for anything that is
// not a PASERK string. Nothing after the prefix is looked at.
Result<PaserkType> paserk_type(std::string_view paserk) noexcept;

// paserk_prefix returns "k4.local.", "k4.public.", ... for `type`.
std::string_view paserk_prefix(PaserkType type) noexcept;

}  // namespace signet::paseto

#endif  // SIGNET_PASETO_KEYS_H_
