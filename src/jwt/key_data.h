// The parsed key behind HmacKey, PublicKey and PrivateKey, and the signature
// operations the signer and verifier run on it. Private to src/.
#ifndef SIGNET_SRC_JWT_KEY_DATA_H_
#define SIGNET_SRC_JWT_KEY_DATA_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "signet/jwt/keys.h"

namespace signet::crypto {
class HmacKey;
class AsymmetricKey;  // an EVP_PKEY wrapper, src/crypto/asymmetric.h
}  // namespace signet::crypto

namespace signet::jwt::detail {

// kMaxSignatureSize bounds any JWS signature signet produces or accepts
// (RSA 8192 bits = 1024 bytes).
inline constexpr std::size_t kMaxSignatureSize = 1024;

struct KeyData {
  Algorithm alg;
  std::string kid;
  // HMAC keys: the secret (kept for JWK export and thumbprints) and its
  // precomputed HMAC state.
  SecretBytes secret;
  std::unique_ptr<crypto::HmacKey> hmac;
  // RSA / EC / Ed25519 keys.
  std::shared_ptr<const crypto::AsymmetricKey> pkey;
  bool has_private = false;

  ~KeyData();

  // Wrap a KeyData into the public key types (their constructors are private).
  static HmacKey make_hmac_key(std::shared_ptr<const KeyData> d) { return HmacKey(std::move(d)); }
  static PublicKey make_public_key(std::shared_ptr<const KeyData> d) { return PublicKey(std::move(d)); }
  static PrivateKey make_private_key(std::shared_ptr<const KeyData> d) { return PrivateKey(std::move(d)); }
  // share returns the shared ownership a key object holds (for signers and
  // verifiers that keep the key alive).
  static const std::shared_ptr<const KeyData>& share(const HmacKey& k) noexcept { return k.data_; }
  static const std::shared_ptr<const KeyData>& share(const PublicKey& k) noexcept { return k.data_; }
  static const std::shared_ptr<const KeyData>& share(const PrivateKey& k) noexcept { return k.data_; }
};

// signature_size returns the exact signature length for `key` (HMAC: the
// hash size; ECDSA: 2 x the field size; Ed25519: 64; RSA: the modulus size).
std::size_t signature_size(const KeyData& key) noexcept;

// sign writes the JWS signature of `signing_input` ("header.payload") into
// `out` (at least signature_size(key) bytes) and returns its length. Needs
// an HMAC key or a private key: invalid_key for a public key,
// backend_failure when the crypto library fails.
Result<std::size_t> sign(const KeyData& key, std::string_view signing_input, std::uint8_t* out);

// verify checks `signature` (raw bytes, already base64url-decoded) over
// `signing_input`. The length must be exactly signature_size(key); MACs are
// compared in constant time; ECDSA r and s must be in [1, n-1]. Never
// allocates for HMAC keys.
bool verify(const KeyData& key, std::string_view signing_input, std::span<const std::uint8_t> signature) noexcept;

}  // namespace signet::jwt::detail

#endif  // SIGNET_SRC_JWT_KEY_DATA_H_
