// signet/paseto/paserk.h: PASERK k4 key wrapping, sealing and password
// protection (the plaintext forms and the IDs are on the key types, keys.h).
//
// Every unwrap/unseal checks the authentication tag in constant time BEFORE
// decrypting anything, and reports a wrong key, a wrong password or a
// modified string alike as bad_signature. A PASERK of another version or type
// fails with key_mismatch before any work is done.
#ifndef SIGNET_PASETO_PASERK_H_
#define SIGNET_PASETO_PASERK_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "signet/paseto/keys.h"
#include "signet/result.h"

namespace signet::paseto {

// wrap_pie wraps a key with a WrappingKey (PASERK "PIE" protocol, BLAKE2b +
// XChaCha20): "k4.local-wrap.pie.<...>" or "k4.secret-wrap.pie.<...>".
// Fails with backend_failure only if the CSPRNG or libsodium fails.
Result<std::string> wrap_pie(const LocalKey& key, const WrappingKey& wrapping_key);
Result<std::string> wrap_pie(const SecretKey& key, const WrappingKey& wrapping_key);

// unwrap_local_pie / unwrap_secret_pie reverse wrap_pie. Errors: key_mismatch
// (another PASERK type or version), malformed (bad base64url or length),
// bad_signature (wrong wrapping key or modified), invalid_key (a secret key
// whose halves do not match).
Result<LocalKey> unwrap_local_pie(std::string_view paserk, const WrappingKey& wrapping_key);
Result<SecretKey> unwrap_secret_pie(std::string_view paserk, const WrappingKey& wrapping_key);

// seal encrypts a local key to the holder of an Ed25519 key pair (PASERK
// "k4.seal": X25519 with an ephemeral key, BLAKE2b, XChaCha20).
Result<std::string> seal(const LocalKey& key, const PublicKey& recipient);
// unseal opens a "k4.seal." string with the recipient's secret key. Errors as
// unwrap_local_pie.
Result<LocalKey> unseal(std::string_view paserk, const SecretKey& recipient);

// PasswordParams are the Argon2id costs written into a k4.local-pw /
// k4.secret-pw string. memlimit is in bytes (at least 8 KiB); parallelism is
// always 1. The defaults are libsodium's "interactive" costs.
struct PasswordParams {
  std::uint64_t memlimit = std::uint64_t{64} << 20;
  std::uint32_t opslimit = 2;
};

// PasswordLimits bound the costs an unwrap accepts. The costs come from the
// (unauthenticated) string, so without a bound a forged string could demand
// gigabytes of memory or hours of work; above the bounds unwrap fails with
// payload_too_large before running Argon2id.
struct PasswordLimits {
  std::uint64_t max_memlimit = std::uint64_t{1} << 30;  // 1 GiB
  std::uint32_t max_opslimit = 16;
};

// wrap_password protects a key with a password: "k4.local-pw.<...>" or
// "k4.secret-pw.<...>". The password is any byte string (not stored). Fails
// with invalid_argument for an empty password or costs out of range (a
// memlimit below 8 KiB, opslimit 0, or costs above PasswordLimits{}).
Result<std::string> wrap_password(const LocalKey& key, std::string_view password, const PasswordParams& params = {});
Result<std::string> wrap_password(const SecretKey& key, std::string_view password, const PasswordParams& params = {});

// unwrap_local_password / unwrap_secret_password reverse wrap_password.
// Errors: key_mismatch, malformed, payload_too_large (costs above `limits`),
// unsupported (parallelism other than 1), bad_signature (wrong password or
// modified), invalid_key.
Result<LocalKey> unwrap_local_password(std::string_view paserk, std::string_view password,
                                       const PasswordLimits& limits = {});
Result<SecretKey> unwrap_secret_password(std::string_view paserk, std::string_view password,
                                         const PasswordLimits& limits = {});

}  // namespace signet::paseto

#endif  // SIGNET_PASETO_PASERK_H_
