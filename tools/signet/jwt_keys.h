// Loading JWT keys from the files and variables the CLI is given.
#ifndef SIGNET_TOOLS_SIGNET_JWT_KEYS_H_
#define SIGNET_TOOLS_SIGNET_JWT_KEYS_H_

#include <optional>
#include <string>
#include <vector>

#include "cli.h"
#include "signet/jwt.h"

namespace signet::cli {

// read_key_text returns the key file's or variable's text (--key-file /
// --key-env), one trailing newline removed. Throws UsageError.
SecretBytes read_key_material(const Args& args);

// parse_algorithms reads "--alg HS256[,RS256...]". Throws UsageError.
std::vector<jwt::Algorithm> parse_algorithms(std::string_view list);

// The key material is classified by its first bytes: a JWK ('{'), PEM
// ("-----BEGIN"), or else raw HMAC secret bytes.
enum class KeyFormat { jwk, pem, raw };
KeyFormat classify(const SecretBytes& material);

// signing_key / verification keys for `alg`; errors are returned so that the
// caller reports them with exit status 2.
struct SigningKey {
  std::optional<jwt::HmacKey> hmac;
  std::optional<jwt::PrivateKey> private_key;
};
Result<SigningKey> signing_key(const SecretBytes& material, jwt::Algorithm alg);
struct VerifyingKey {
  std::optional<jwt::HmacKey> hmac;
  std::optional<jwt::PublicKey> public_key;
};
Result<VerifyingKey> verifying_key(const SecretBytes& material, jwt::Algorithm alg);

}  // namespace signet::cli

#endif  // SIGNET_TOOLS_SIGNET_JWT_KEYS_H_
