// signet/jwt/keys.h: keys bound to exactly one JWS algorithm.
//
// Three types, so that capabilities are checked by the compiler:
//   HmacKey     a shared secret: signs and verifies HS256/384/512;
//   PrivateKey  an RSA, EC or Ed25519 private key: signs (and verifies);
//   PublicKey   the matching public key: verifies only.
// A jwt::Signer cannot be built from a PublicKey: that does not compile.
//
// Every key carries the one algorithm it was bound to at construction and an
// optional key id (kid). Keys are immutable, cheap to copy (shared
// ownership of the parsed key) and safe to share between threads. Parsing
// happens once, in the factory.
#ifndef SIGNET_JWT_KEYS_H_
#define SIGNET_JWT_KEYS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "signet/bytes.h"
#include "signet/jwt/algorithm.h"
#include "signet/result.h"

namespace signet::jwt {

namespace detail {
struct KeyData;  // the parsed key; defined in src/jwt
}  // namespace detail

// HmacKey is a secret for HS256, HS384 or HS512.
class HmacKey {
 public:
  // from_secret binds `secret` to `alg`. Fails with invalid_key when `alg`
  // is not an HS algorithm or the secret is shorter than the hash output
  // (32, 48 or 64 bytes: RFC 7518 §3.2), and with invalid_argument for a
  // kid longer than 256 bytes or containing non-printable characters.
  static Result<HmacKey> from_secret(Algorithm alg, const SecretBytes& secret, std::string_view kid = {});

  // from_jwk imports a JWK whose "kty" is "oct". Any other kty fails with
  // invalid_key: public-key material can never become an HMAC secret. The
  // algorithm is the JWK's "alg" or `alg`; when both are given they must be
  // equal (else key_mismatch); when neither is, invalid_argument; an "alg"
  // signet does not implement (or "none") fails with unsupported. Rules
  // shared by every from_jwk: strict JSON (malformed otherwise, duplicate
  // names included); "use", when present, must be "sig" and "key_ops" must
  // allow the operation ("sign" or "verify" here, "verify" for PublicKey,
  // "sign" for PrivateKey), else invalid_key; "kid" must pass the kid rules
  // (and not be empty), else invalid_argument; every key member is strict
  // base64url (invalid_key otherwise); unknown members are ignored.
  static Result<HmacKey> from_jwk(std::string_view jwk_json, std::optional<Algorithm> alg = std::nullopt);

  // generate makes a new secret of the hash length from the OS CSPRNG.
  static Result<HmacKey> generate(Algorithm alg, std::string_view kid = {});

  Algorithm algorithm() const noexcept;
  std::string_view kid() const noexcept;

  // to_jwk_with_secret exports the key as an "oct" JWK, including the secret
  // ("k"). The name is deliberate: there is no export without the secret.
  std::string to_jwk_with_secret() const;

  // thumbprint returns the RFC 7638 SHA-256 thumbprint, base64url.
  std::string thumbprint() const;

  const detail::KeyData& data() const noexcept { return *data_; }

 private:
  explicit HmacKey(std::shared_ptr<const detail::KeyData> d) noexcept : data_(std::move(d)) {}
  friend struct detail::KeyData;
  std::shared_ptr<const detail::KeyData> data_;
};

// PublicKey is an RSA, EC or Ed25519 public key bound to one algorithm.
class PublicKey {
 public:
  // from_pem reads "PUBLIC KEY" (SPKI), "RSA PUBLIC KEY" (PKCS#1) or
  // "CERTIFICATE" (X.509; its public key is used, the certificate is not
  // validated). Fails with invalid_key when the PEM cannot be parsed (it
  // must be exactly one block with only whitespace around it, no headers),
  // holds a private key, or does not fit `alg` (family, curve, RSA size
  // 2048–8192). Every key is also checked: RSA e odd and in (1, 2^256), no
  // ROCA modulus; EC a named curve and a point on it; Ed448 is refused.
  static Result<PublicKey> from_pem(std::string_view pem, Algorithm alg, std::string_view kid = {});
  // from_der reads DER SPKI, an X.509 certificate or PKCS#1 RSAPublicKey,
  // with nothing after it; same errors.
  static Result<PublicKey> from_der(std::span<const std::uint8_t> der, Algorithm alg, std::string_view kid = {});
  // from_jwk imports an RSA, EC or OKP JWK (public members; private members
  // are ignored). Algorithm binding and member rules as HmacKey::from_jwk;
  // RSA n and e must use the minimal number of octets, EC x and y exactly
  // the field size, OKP "crv" must be Ed25519. A "kty":"oct" JWK
  // fails with invalid_key. EC points are checked to lie on the curve.
  static Result<PublicKey> from_jwk(std::string_view jwk_json, std::optional<Algorithm> alg = std::nullopt);

  Algorithm algorithm() const noexcept;
  std::string_view kid() const noexcept;

  // to_jwk exports the public JWK with "kty", the key members, "alg", and
  // "kid" when set.
  std::string to_jwk() const;
  // to_pem exports SPKI PEM ("PUBLIC KEY"); empty only if OpenSSL fails.
  std::string to_pem() const;
  // thumbprint returns the RFC 7638 SHA-256 thumbprint, base64url.
  std::string thumbprint() const;

  const detail::KeyData& data() const noexcept { return *data_; }

 private:
  explicit PublicKey(std::shared_ptr<const detail::KeyData> d) noexcept : data_(std::move(d)) {}
  friend struct detail::KeyData;
  friend class PrivateKey;
  std::shared_ptr<const detail::KeyData> data_;
};

// PrivateKey is an RSA, EC or Ed25519 private key bound to one algorithm.
class PrivateKey {
 public:
  // from_pem reads "PRIVATE KEY" (PKCS#8, unencrypted), "RSA PRIVATE KEY"
  // (PKCS#1) or "EC PRIVATE KEY" (SEC1). Fails with invalid_key as
  // PublicKey::from_pem (a public-only PEM is refused; so is an encrypted
  // one: decrypt it first). The private part must match the public part.
  static Result<PrivateKey> from_pem(std::string_view pem, Algorithm alg, std::string_view kid = {});
  // from_der reads DER PKCS#8 (or PKCS#1 RSAPrivateKey, SEC1
  // ECPrivateKey); same errors.
  static Result<PrivateKey> from_der(std::span<const std::uint8_t> der, Algorithm alg, std::string_view kid = {});
  // from_jwk imports a private RSA, EC or OKP JWK ("d" required; for RSA
  // also all of p, q, dp, dq, qi, which must be consistent; multi-prime
  // "oth" is refused). Algorithm binding and member rules as
  // HmacKey::from_jwk. Fails with invalid_key when "d" does not belong to
  // the public members.
  static Result<PrivateKey> from_jwk(std::string_view jwk_json, std::optional<Algorithm> alg = std::nullopt);
  // generate makes a new key for `alg` from the OS CSPRNG (RSA: 2048 bits
  // unless `rsa_bits` says otherwise, 2048–8192). Fails with
  // invalid_argument for an HS algorithm (use HmacKey::generate).
  static Result<PrivateKey> generate(Algorithm alg, std::string_view kid = {}, unsigned rsa_bits = 2048);

  Algorithm algorithm() const noexcept;
  std::string_view kid() const noexcept;

  // public_key returns the public half, with the same algorithm and kid.
  PublicKey public_key() const;

  // to_jwk_with_private exports the JWK including the private members. The
  // public JWK is public_key().to_jwk(). Empty only if OpenSSL fails to
  // export the private members.
  std::string to_jwk_with_private() const;
  // to_pem_with_private exports unencrypted PKCS#8 PEM ("PRIVATE KEY");
  // empty only if OpenSSL fails.
  std::string to_pem_with_private() const;
  // thumbprint returns the RFC 7638 thumbprint of the public key.
  std::string thumbprint() const;

  const detail::KeyData& data() const noexcept { return *data_; }

 private:
  explicit PrivateKey(std::shared_ptr<const detail::KeyData> d) noexcept : data_(std::move(d)) {}
  friend struct detail::KeyData;
  std::shared_ptr<const detail::KeyData> data_;
};

}  // namespace signet::jwt

#endif  // SIGNET_JWT_KEYS_H_
