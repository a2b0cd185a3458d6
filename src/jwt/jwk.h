// JSON Web Keys (RFC 7517, RFC 7518 §6, RFC 8037) and thumbprints
// (RFC 7638), plus the key constructors that keys.cc, jwk.cc and key_set.cc
// share. Private to src/.
#ifndef SIGNET_SRC_JWT_JWK_H_
#define SIGNET_SRC_JWT_JWK_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/asymmetric.h"
#include "encoding/json_object.h"
#include "jwt/key_data.h"
#include "signet/bytes.h"
#include "signet/jwt/algorithm.h"
#include "signet/result.h"

namespace signet::jwt::detail {

using KeyDataPtr = std::shared_ptr<const KeyData>;

// JwkPurpose is what a JWK is imported as. It decides the accepted "kty",
// the "key_ops" value required when key_ops is present, and what happens to
// private members.
enum class JwkPurpose : std::uint8_t {
  hmac,         // HmacKey::from_jwk: kty "oct" only; key_ops needs "sign" or "verify"
  public_key,   // PublicKey::from_jwk: RSA/EC/OKP; private members ignored; key_ops needs "verify"
  private_key,  // PrivateKey::from_jwk: RSA/EC/OKP with "d"; key_ops needs "sign"
  key_set,      // a JWKS entry: "oct" (a secret) or RSA/EC/OKP public only; key_ops needs "verify"
};

// import_jwk parses one JWK object (strict JSON) and builds the key.
// Errors: malformed (not a JSON object), invalid_key (wrong or missing
// kty/crv/members, bad base64url, "use" not "sig", key_ops without the
// needed operation, key refused by the crypto checks), unsupported ("alg"
// unknown or "none"), key_mismatch (JWK "alg" differs from `alg`),
// invalid_argument (no algorithm at all, bad kid).
Result<KeyDataPtr> import_jwk(std::string_view json, std::optional<Algorithm> alg, JwkPurpose purpose);
// import_jwk_members is import_jwk on an object already split into members.
Result<KeyDataPtr> import_jwk_members(const std::vector<json::Member>& members, std::optional<Algorithm> alg,
                                      JwkPurpose purpose);

// write_jwk writes compact JSON: "kty", the key members (private ones only
// when `with_private`), "alg", then "kid" when set. Returns an empty string
// only if OpenSSL fails to export private members.
std::string write_jwk(const KeyData& key, bool with_private);

// jwk_thumbprint returns base64url(SHA-256(the RFC 7638 canonical JSON of
// the required public members in lexicographic order)).
std::string jwk_thumbprint(const KeyData& key);

// check_kid accepts at most 256 bytes of printable ASCII (0x20-0x7E);
// invalid_argument otherwise. The empty kid means "no kid".
Status check_kid(std::string_view kid) noexcept;

// make_hmac_data binds a secret to an HS algorithm: invalid_key for another
// algorithm or a secret shorter than the hash output; invalid_argument for a
// bad kid.
Result<KeyDataPtr> make_hmac_data(Algorithm alg, SecretBytes secret, std::string_view kid);

// make_asymmetric_data binds a parsed key to `alg`: invalid_key unless the
// key fits (RSA 2048-8192 bits for RS*/PS*, the curve of ES*, Ed25519 for
// EdDSA); invalid_argument for a bad kid.
Result<KeyDataPtr> make_asymmetric_data(Algorithm alg, crypto::AsymmetricKey::Ptr key, std::string_view kid);

}  // namespace signet::jwt::detail

#endif  // SIGNET_SRC_JWT_JWK_H_
