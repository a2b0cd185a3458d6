// RSA, ECDSA and Ed25519 keys over OpenSSL's EVP_PKEY, with the signature
// formats JWS uses. OpenSSL stays behind this header: only the opaque
// evp_pkey_st is named here.
#ifndef SIGNET_SRC_CRYPTO_ASYMMETRIC_H_
#define SIGNET_SRC_CRYPTO_ASYMMETRIC_H_

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/hash.h"
#include "signet/bytes.h"
#include "signet/result.h"

struct evp_pkey_st;      // OpenSSL's EVP_PKEY
struct evp_pkey_ctx_st;  // OpenSSL's EVP_PKEY_CTX

namespace signet::crypto {

// KeyType is the kind of asymmetric key. Nothing else (DSA, RSA-PSS-only
// keys, Ed448, X25519, ...) is ever imported.
enum class KeyType : std::uint8_t { rsa, ec, ed25519 };

// Curve names the EC curves signet accepts (none for RSA and Ed25519).
enum class Curve : std::uint8_t { none, p256, p384, p521, secp256k1 };

// curve_field_size returns the byte length of a coordinate (and of r, s and
// the private scalar): 32, 48, 66, 32; 0 for Curve::none.
std::size_t curve_field_size(Curve c) noexcept;

// SignatureScheme selects the signature algorithm and its JWS format.
enum class SignatureScheme : std::uint8_t {
  rsa_pkcs1,  // RSASSA-PKCS1-v1_5
  rsa_pss,    // RSASSA-PSS, MGF1 with the same hash, salt length = hash length
  ecdsa,      // ECDSA, raw r||s, each left-padded to the field size
  ed25519,    // pure Ed25519 (the hash argument is ignored)
};

// RsaComponents are the RFC 7518 §6.3 members as big-endian unsigned bytes.
// The private members are empty when absent.
struct RsaComponents {
  std::vector<std::uint8_t> n, e;
  SecretBytes d, p, q, dp, dq, qi;
};

// EcComponents are the RFC 7518 §6.2 members; x, y and d are exactly
// curve_field_size(curve) bytes. d is empty for a public key.
struct EcComponents {
  Curve curve = Curve::none;
  std::vector<std::uint8_t> x, y;
  SecretBytes d;
};

// Ed25519Components are the RFC 8037 members: x (32 bytes) and the private
// seed d (32 bytes, empty for a public key).
struct Ed25519Components {
  std::vector<std::uint8_t> x;
  SecretBytes d;
};

// AsymmetricKey is one parsed and validated key. It is immutable: sign and
// verify may run on one key from many threads at once (sign uses its own
// OpenSSL contexts per call; verify uses a context of the calling thread's
// own, prepared on the thread's first verification with the key, see
// verify). Every factory fails with invalid_key for material
// that is malformed, of an unsupported type or curve, or inconsistent, and
// with backend_failure when OpenSSL itself fails. Details never contain key
// material.
//
// Checks made on every key, whatever its source:
//   RSA: type "RSA" (RSA-PSS-restricted keys are refused), n odd, e odd,
//        1 < e < 2^256, n without the ROCA fingerprint (CVE-2017-15361);
//   EC: a named curve among Curve, the point on the curve and not infinity;
//   private keys: the private part matches the public part.
// The size policy (e.g. RSA 2048-8192 bits) is the caller's.
class AsymmetricKey {
 public:
  using Ptr = std::shared_ptr<const AsymmetricKey>;

  // from_pem reads one PEM block. Public: "PUBLIC KEY" (SPKI), "RSA PUBLIC
  // KEY" (PKCS#1), "CERTIFICATE" (X.509, the certificate itself is not
  // validated). Private: "PRIVATE KEY" (PKCS#8), "RSA PRIVATE KEY" (PKCS#1),
  // "EC PRIVATE KEY" (SEC1). Encrypted keys, PEM headers, several blocks or
  // text around the block fail with invalid_key, as does a private PEM when
  // `want_private` is false and the reverse.
  static Result<Ptr> from_pem(std::string_view pem, bool want_private);
  // from_der reads DER: public SPKI, X.509 certificate or PKCS#1
  // RSAPublicKey; private PKCS#8, PKCS#1 RSAPrivateKey or SEC1. The input
  // must be exactly one DER value.
  static Result<Ptr> from_der(std::span<const std::uint8_t> der, bool want_private);

  // from_rsa builds a key from JWK members. Private keys need d; p, q, dp,
  // dq, qi are all present or all absent (then OpenSSL signs without CRT).
  static Result<Ptr> from_rsa(const RsaComponents& c, bool want_private);
  // from_ec builds a key from JWK members; the point is checked to lie on
  // the curve and, for a private key, to equal d*G.
  static Result<Ptr> from_ec(const EcComponents& c, bool want_private);
  // from_ed25519 builds a key from JWK members; for a private key x must be
  // the public key of the seed d.
  static Result<Ptr> from_ed25519(const Ed25519Components& c, bool want_private);

  // generate_* make new private keys from OpenSSL's default CSPRNG. Fail
  // with backend_failure (invalid_argument for bits outside 1024-16384 or
  // Curve::none).
  static Result<Ptr> generate_rsa(unsigned bits);
  static Result<Ptr> generate_ec(Curve curve);
  static Result<Ptr> generate_ed25519();

  ~AsymmetricKey();
  AsymmetricKey(const AsymmetricKey&) = delete;
  AsymmetricKey& operator=(const AsymmetricKey&) = delete;

  KeyType type() const noexcept { return type_; }
  Curve curve() const noexcept { return curve_; }
  // bits returns the RSA modulus size, the EC field size in bits (256, 384,
  // 521) or 256 for Ed25519.
  unsigned bits() const noexcept { return bits_; }
  bool has_private() const noexcept { return has_private_; }
  // signature_size is the exact JWS signature length: the RSA modulus size,
  // 2 x the EC field size, or 64.
  std::size_t signature_size() const noexcept { return signature_size_; }

  // public_half returns the public key of a private key (prepared at
  // construction, shares nothing private); nullptr for a public key.
  const Ptr& public_half() const noexcept { return public_half_; }

  // Public components, extracted once at construction.
  const RsaComponents& rsa() const noexcept { return rsa_; }  // n and e only
  const EcComponents& ec() const noexcept { return ec_; }     // curve, x, y only
  const Ed25519Components& ed25519() const noexcept { return ed_; }  // x only

  // private_rsa / private_ec / private_ed25519 export every member including
  // the private ones. Fail with invalid_key for a public key or another type.
  Result<RsaComponents> private_rsa() const;
  Result<EcComponents> private_ec() const;
  Result<Ed25519Components> private_ed25519() const;

  // to_public_pem / to_public_der export SPKI; to_private_pem /
  // to_private_der export unencrypted PKCS#8 (invalid_key for a public key).
  Result<std::string> to_public_pem() const;
  Result<std::vector<std::uint8_t>> to_public_der() const;
  Result<std::string> to_private_pem() const;
  Result<SecretBytes> to_private_der() const;

  // sign writes the JWS signature of `message` to `out` (signature_size()
  // bytes) and returns its length. Fails with invalid_key without a private
  // key or when `scheme` does not fit the key type, backend_failure when
  // OpenSSL fails. RSA and ECDSA sign with an OpenSSL context this key keeps
  // between calls (one per scheme and hash; a thread takes it for the call,
  // a concurrent call makes another), freed with the key.
  Result<std::size_t> sign(SignatureScheme scheme, Hash hash, std::span<const std::uint8_t> message,
                           std::uint8_t* out) const;
  // verify checks a JWS signature. Returns false for any mismatch: wrong
  // length, ECDSA r or s outside [1, n-1], a PSS salt other than the hash
  // length or an MGF1 hash other than `hash`, a scheme that does not fit the
  // key type, and when OpenSSL fails (out of memory). RSA and ECDSA verify
  // with an OpenSSL context that each thread keeps for the public key, the
  // scheme and the hash (a few per thread, least recently made evicted); it
  // holds only public material and a reference that keeps the OpenSSL key
  // alive after this object is destroyed, until the thread evicts the
  // context or exits. The context is set up once, so a call takes no OpenSSL
  // lock and fetches nothing. A thread's contexts are freed when it exits
  // (the main thread's after main returns, before OpenSSL's own exit-time
  // cleanup), so a program that calls OPENSSL_cleanup() itself must do so
  // only after every thread that verified has exited.
  bool verify(SignatureScheme scheme, Hash hash, std::span<const std::uint8_t> message,
              std::span<const std::uint8_t> signature) const noexcept;

 private:
  explicit AsymmetricKey(evp_pkey_st* pkey) noexcept;
  static Result<Ptr> adopt(evp_pkey_st* pkey, bool want_private);
  Status load();

  evp_pkey_st* pkey_;
  // id_ names this key in the per-thread verification contexts: unique in
  // the process and never reused, so a later key at the same address never
  // finds this one's contexts.
  std::uint64_t id_;
  // Signing contexts kept between calls, by sign_slot(scheme, hash); a call
  // takes one with exchange(nullptr) and puts it back when done.
  mutable std::array<std::atomic<evp_pkey_ctx_st*>, 6> sign_contexts_{};
  KeyType type_ = KeyType::rsa;
  Curve curve_ = Curve::none;
  unsigned bits_ = 0;
  bool has_private_ = false;
  std::size_t signature_size_ = 0;
  std::vector<std::uint8_t> order_;  // EC group order, field-size big-endian
  RsaComponents rsa_;
  EcComponents ec_;
  Ed25519Components ed_;
  Ptr public_half_;
};

}  // namespace signet::crypto

#endif  // SIGNET_SRC_CRYPTO_ASYMMETRIC_H_
