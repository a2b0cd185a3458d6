// HmacKey, PublicKey, PrivateKey and the signature dispatch. Every key is
// bound to one algorithm at construction and validated then, so signing and
// verifying never re-check the key.
#include "signet/jwt/keys.h"

#include <optional>
#include <utility>
#include <vector>

#include "crypto/asymmetric.h"
#include "crypto/constant_time.h"
#include "crypto/hash.h"
#include "crypto/hmac.h"
#include "crypto/random.h"
#include "jwt/jwk.h"
#include "jwt/key_data.h"

namespace signet::jwt {
namespace detail {

// Out of line: crypto::HmacKey and crypto::AsymmetricKey are complete only here.
KeyData::~KeyData() = default;

namespace {

std::optional<crypto::Hash> hash_of(Algorithm alg) noexcept {
  switch (alg) {
    case Algorithm::HS256:
    case Algorithm::RS256:
    case Algorithm::PS256:
    case Algorithm::ES256:
    case Algorithm::ES256K: return crypto::Hash::sha256;
    case Algorithm::HS384:
    case Algorithm::RS384:
    case Algorithm::PS384:
    case Algorithm::ES384: return crypto::Hash::sha384;
    case Algorithm::HS512:
    case Algorithm::RS512:
    case Algorithm::PS512:
    case Algorithm::ES512:
    case Algorithm::EdDSA: return crypto::Hash::sha512;  // EdDSA: unused, Ed25519 hashes internally
  }
  return std::nullopt;
}

crypto::SignatureScheme scheme_of(Algorithm alg) noexcept {
  switch (alg) {
    case Algorithm::PS256:
    case Algorithm::PS384:
    case Algorithm::PS512: return crypto::SignatureScheme::rsa_pss;
    case Algorithm::ES256:
    case Algorithm::ES384:
    case Algorithm::ES512:
    case Algorithm::ES256K: return crypto::SignatureScheme::ecdsa;
    case Algorithm::EdDSA: return crypto::SignatureScheme::ed25519;
    case Algorithm::HS256:
    case Algorithm::HS384:
    case Algorithm::HS512:
    case Algorithm::RS256:
    case Algorithm::RS384:
    case Algorithm::RS512: return crypto::SignatureScheme::rsa_pkcs1;
  }
  return crypto::SignatureScheme::rsa_pkcs1;
}

crypto::Curve curve_of(Algorithm alg) noexcept {
  switch (alg) {
    case Algorithm::ES256: return crypto::Curve::p256;
    case Algorithm::ES384: return crypto::Curve::p384;
    case Algorithm::ES512: return crypto::Curve::p521;
    case Algorithm::ES256K: return crypto::Curve::secp256k1;
    case Algorithm::HS256:
    case Algorithm::HS384:
    case Algorithm::HS512:
    case Algorithm::RS256:
    case Algorithm::RS384:
    case Algorithm::RS512:
    case Algorithm::PS256:
    case Algorithm::PS384:
    case Algorithm::PS512:
    case Algorithm::EdDSA: return crypto::Curve::none;
  }
  return crypto::Curve::none;
}

bool is_hmac(Algorithm alg) noexcept {
  return alg == Algorithm::HS256 || alg == Algorithm::HS384 || alg == Algorithm::HS512;
}

// The RSA size policy of JWS: RFC 7518 §3.3 requires 2048 bits; above 8192
// verification cost becomes a denial-of-service lever for no security gain.
constexpr unsigned kMinRsaBits = 2048;
constexpr unsigned kMaxRsaBits = 8192;

Status check_fits(Algorithm alg, const crypto::AsymmetricKey& key) noexcept {
  switch (family_of(alg)) {
    case KeyFamily::hmac: return Unexpected(Errc::invalid_key, "HS algorithms take an HmacKey, never an asymmetric key");
    case KeyFamily::rsa:
      if (key.type() != crypto::KeyType::rsa) return Unexpected(Errc::invalid_key, "RS and PS algorithms need an RSA key");
      if (key.bits() < kMinRsaBits || key.bits() > kMaxRsaBits) {
        return Unexpected(Errc::invalid_key, "RSA key size must be 2048-8192 bits");
      }
      return {};
    case KeyFamily::ec:
      if (key.type() != crypto::KeyType::ec) return Unexpected(Errc::invalid_key, "ES algorithms need an EC key");
      if (key.curve() != curve_of(alg)) return Unexpected(Errc::invalid_key, "EC curve does not match the algorithm");
      return {};
    case KeyFamily::okp:
      if (key.type() != crypto::KeyType::ed25519 || alg != Algorithm::EdDSA) {
        return Unexpected(Errc::invalid_key, "EdDSA needs an Ed25519 key");
      }
      return {};
  }
  return Unexpected(Errc::invalid_key, "unknown algorithm");
}

}  // namespace

Status check_kid(std::string_view kid) noexcept {
  // kid travels in token headers and logs: bounded, printable, no escapes.
  if (kid.size() > 256) return Unexpected(Errc::invalid_argument, "kid is longer than 256 bytes");
  for (const char c : kid) {
    if (c < 0x20 || c > 0x7e) return Unexpected(Errc::invalid_argument, "kid must be printable ASCII (0x20-0x7E)");
  }
  return {};
}

Result<KeyDataPtr> make_hmac_data(Algorithm alg, SecretBytes secret, std::string_view kid) {
  if (!is_hmac(alg)) return Unexpected(Errc::invalid_key, "an HMAC key takes only HS256, HS384 or HS512");
  const crypto::Hash hash = *hash_of(alg);
  // RFC 7518 §3.2: the key must be at least as long as the hash output.
  if (secret.size() < crypto::digest_size(hash)) {
    return Unexpected(Errc::invalid_key, "HMAC secret is shorter than the hash output (32/48/64 bytes)");
  }
  if (auto st = check_kid(kid); !st) return st.error();
  auto d = std::make_shared<KeyData>();
  d->alg = alg;
  d->kid = std::string(kid);
  d->hmac = std::make_unique<crypto::HmacKey>(hash, secret.bytes());
  d->secret = std::move(secret);
  return KeyDataPtr(std::move(d));
}

Result<KeyDataPtr> make_asymmetric_data(Algorithm alg, crypto::AsymmetricKey::Ptr key, std::string_view kid) {
  if (!key) return Unexpected(Errc::invalid_key, "no key");
  if (auto st = check_fits(alg, *key); !st) return st.error();
  if (auto st = check_kid(kid); !st) return st.error();
  auto d = std::make_shared<KeyData>();
  d->alg = alg;
  d->kid = std::string(kid);
  d->has_private = key->has_private();
  d->pkey = std::move(key);
  return KeyDataPtr(std::move(d));
}

std::size_t signature_size(const KeyData& key) noexcept {
  if (key.hmac) return key.hmac->mac_size();
  if (key.pkey) return key.pkey->signature_size();
  return 0;
}

Result<std::size_t> sign(const KeyData& key, std::string_view signing_input, std::uint8_t* out) {
  const auto message = crypto::as_bytes(signing_input);
  if (key.hmac) {
    key.hmac->mac(message, out);
    return key.hmac->mac_size();
  }
  if (!key.pkey) return Unexpected(Errc::invalid_key, "empty key");
  const auto hash = hash_of(key.alg);
  if (!hash) return Unexpected(Errc::invalid_key, "unknown algorithm");
  return key.pkey->sign(scheme_of(key.alg), *hash, message, out);
}

bool verify(const KeyData& key, std::string_view signing_input, std::span<const std::uint8_t> signature) noexcept {
  if (signature.size() != signature_size(key) || signature.empty()) return false;
  const auto message = crypto::as_bytes(signing_input);
  if (key.hmac) {
    std::uint8_t mac[crypto::kMaxDigestSize];
    key.hmac->mac(message, mac);
    const bool equal = crypto::constant_time_equal(mac, signature.data(), signature.size());
    crypto::cleanse(mac, sizeof mac);
    return equal;
  }
  const auto hash = hash_of(key.alg);
  if (!key.pkey || !hash) return false;
  return key.pkey->verify(scheme_of(key.alg), *hash, message, signature);
}

}  // namespace detail

namespace {

Status refuse_hmac_alg(Algorithm alg) noexcept {
  if (family_of(alg) == KeyFamily::hmac) {
    return Unexpected(Errc::invalid_key, "HS algorithms take an HmacKey: PEM and DER keys never become HMAC secrets");
  }
  return {};
}

}  // namespace

// ---------------------------------------------------------------- HmacKey

Result<HmacKey> HmacKey::from_secret(Algorithm alg, const SecretBytes& secret, std::string_view kid) {
  auto d = detail::make_hmac_data(alg, secret.clone(), kid);
  if (!d) return d.error();
  return HmacKey(std::move(*d));
}

Result<HmacKey> HmacKey::from_jwk(std::string_view jwk_json, std::optional<Algorithm> alg) {
  auto d = detail::import_jwk(jwk_json, alg, detail::JwkPurpose::hmac);
  if (!d) return d.error();
  return HmacKey(std::move(*d));
}

Result<HmacKey> HmacKey::generate(Algorithm alg, std::string_view kid) {
  if (!detail::is_hmac(alg)) return Unexpected(Errc::invalid_argument, "HmacKey::generate takes HS256, HS384 or HS512");
  std::vector<std::uint8_t> buf(crypto::digest_size(*detail::hash_of(alg)));
  if (auto st = crypto::random_bytes(buf); !st) return st.error();
  SecretBytes secret{std::span<const std::uint8_t>(buf)};
  secure_wipe(buf);
  auto d = detail::make_hmac_data(alg, std::move(secret), kid);
  if (!d) return d.error();
  return HmacKey(std::move(*d));
}

Algorithm HmacKey::algorithm() const noexcept { return data_->alg; }
std::string_view HmacKey::kid() const noexcept { return data_->kid; }
std::string HmacKey::to_jwk_with_secret() const { return detail::write_jwk(*data_, true); }
std::string HmacKey::thumbprint() const { return detail::jwk_thumbprint(*data_); }

// ---------------------------------------------------------------- PublicKey

Result<PublicKey> PublicKey::from_pem(std::string_view pem, Algorithm alg, std::string_view kid) {
  if (auto st = refuse_hmac_alg(alg); !st) return st.error();
  if (auto st = detail::check_kid(kid); !st) return st.error();
  auto key = crypto::AsymmetricKey::from_pem(pem, false);
  if (!key) return key.error();
  auto d = detail::make_asymmetric_data(alg, std::move(*key), kid);
  if (!d) return d.error();
  return PublicKey(std::move(*d));
}

Result<PublicKey> PublicKey::from_der(std::span<const std::uint8_t> der, Algorithm alg, std::string_view kid) {
  if (auto st = refuse_hmac_alg(alg); !st) return st.error();
  if (auto st = detail::check_kid(kid); !st) return st.error();
  auto key = crypto::AsymmetricKey::from_der(der, false);
  if (!key) return key.error();
  auto d = detail::make_asymmetric_data(alg, std::move(*key), kid);
  if (!d) return d.error();
  return PublicKey(std::move(*d));
}

Result<PublicKey> PublicKey::from_jwk(std::string_view jwk_json, std::optional<Algorithm> alg) {
  auto d = detail::import_jwk(jwk_json, alg, detail::JwkPurpose::public_key);
  if (!d) return d.error();
  return PublicKey(std::move(*d));
}

Algorithm PublicKey::algorithm() const noexcept { return data_->alg; }
std::string_view PublicKey::kid() const noexcept { return data_->kid; }
std::string PublicKey::to_jwk() const { return detail::write_jwk(*data_, false); }
std::string PublicKey::to_pem() const { return data_->pkey->to_public_pem().value_or(std::string()); }
std::string PublicKey::thumbprint() const { return detail::jwk_thumbprint(*data_); }

// ---------------------------------------------------------------- PrivateKey

Result<PrivateKey> PrivateKey::from_pem(std::string_view pem, Algorithm alg, std::string_view kid) {
  if (auto st = refuse_hmac_alg(alg); !st) return st.error();
  if (auto st = detail::check_kid(kid); !st) return st.error();
  auto key = crypto::AsymmetricKey::from_pem(pem, true);
  if (!key) return key.error();
  auto d = detail::make_asymmetric_data(alg, std::move(*key), kid);
  if (!d) return d.error();
  return PrivateKey(std::move(*d));
}

Result<PrivateKey> PrivateKey::from_der(std::span<const std::uint8_t> der, Algorithm alg, std::string_view kid) {
  if (auto st = refuse_hmac_alg(alg); !st) return st.error();
  if (auto st = detail::check_kid(kid); !st) return st.error();
  auto key = crypto::AsymmetricKey::from_der(der, true);
  if (!key) return key.error();
  auto d = detail::make_asymmetric_data(alg, std::move(*key), kid);
  if (!d) return d.error();
  return PrivateKey(std::move(*d));
}

Result<PrivateKey> PrivateKey::from_jwk(std::string_view jwk_json, std::optional<Algorithm> alg) {
  auto d = detail::import_jwk(jwk_json, alg, detail::JwkPurpose::private_key);
  if (!d) return d.error();
  return PrivateKey(std::move(*d));
}

Result<PrivateKey> PrivateKey::generate(Algorithm alg, std::string_view kid, unsigned rsa_bits) {
  if (auto st = detail::check_kid(kid); !st) return st.error();
  Result<crypto::AsymmetricKey::Ptr> key = Unexpected(Errc::invalid_argument, "unknown algorithm");
  switch (family_of(alg)) {
    case KeyFamily::hmac:
      return Unexpected(Errc::invalid_argument, "HS algorithms need a shared secret: use HmacKey::generate");
    case KeyFamily::rsa:
      if (rsa_bits < detail::kMinRsaBits || rsa_bits > detail::kMaxRsaBits) {
        return Unexpected(Errc::invalid_argument, "RSA key size must be 2048-8192 bits");
      }
      key = crypto::AsymmetricKey::generate_rsa(rsa_bits);
      break;
    case KeyFamily::ec: key = crypto::AsymmetricKey::generate_ec(detail::curve_of(alg)); break;
    case KeyFamily::okp: key = crypto::AsymmetricKey::generate_ed25519(); break;
  }
  if (!key) return key.error();
  auto d = detail::make_asymmetric_data(alg, std::move(*key), kid);
  if (!d) return d.error();
  return PrivateKey(std::move(*d));
}

Algorithm PrivateKey::algorithm() const noexcept { return data_->alg; }
std::string_view PrivateKey::kid() const noexcept { return data_->kid; }

PublicKey PrivateKey::public_key() const {
  // The public half was prepared when the key was loaded: nothing can fail.
  auto d = std::make_shared<detail::KeyData>();
  d->alg = data_->alg;
  d->kid = data_->kid;
  d->pkey = data_->pkey->public_half();
  d->has_private = false;
  return PublicKey(std::move(d));
}

std::string PrivateKey::to_jwk_with_private() const { return detail::write_jwk(*data_, true); }
std::string PrivateKey::to_pem_with_private() const {
  return data_->pkey->to_private_pem().value_or(std::string());
}
std::string PrivateKey::thumbprint() const { return detail::jwk_thumbprint(*data_); }

}  // namespace signet::jwt
