// signet/jwt/algorithm.h: the JWS algorithms signet implements.
#ifndef SIGNET_JWT_ALGORITHM_H_
#define SIGNET_JWT_ALGORITHM_H_

#include <cstdint>
#include <string_view>

#include "signet/result.h"

namespace signet::jwt {

// Algorithm is a JWS "alg" (RFC 7518, RFC 8037, RFC 8812). There is no
// "none": it is neither an enumerator nor parseable.
enum class Algorithm : std::uint8_t {
  HS256 = 1, HS384, HS512,  // HMAC with SHA-2
  RS256, RS384, RS512,      // RSASSA-PKCS1-v1_5
  PS256, PS384, PS512,      // RSASSA-PSS, MGF1 with the same hash, salt = hash length
  ES256, ES384, ES512,      // ECDSA P-256 / P-384 / P-521, raw r||s signatures
  ES256K,                   // ECDSA secp256k1 (RFC 8812)
  EdDSA,                    // Ed25519 (RFC 8037)
};

// KeyFamily is the kind of key an algorithm needs.
enum class KeyFamily : std::uint8_t { hmac, rsa, ec, okp };

// algorithm_name returns the RFC spelling ("HS256", "EdDSA").
std::string_view algorithm_name(Algorithm alg) noexcept;

// parse_algorithm maps an RFC spelling to an Algorithm. Names are
// case-sensitive. "none" and every other name fail with Errc::unsupported.
Result<Algorithm> parse_algorithm(std::string_view name) noexcept;

// family_of returns the key family `alg` needs.
KeyFamily family_of(Algorithm alg) noexcept;

}  // namespace signet::jwt

#endif  // SIGNET_JWT_ALGORITHM_H_
