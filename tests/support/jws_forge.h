// Hand-built JWS tokens for tests: any header, any payload, a real HMAC.
// This is how an attacker who knows (or guesses) a secret builds tokens, so
// tests can check what the verifier does with headers signet never writes.
#ifndef SIGNET_TESTS_SUPPORT_JWS_FORGE_H_
#define SIGNET_TESTS_SUPPORT_JWS_FORGE_H_

#include <string>
#include <string_view>

#include "crypto/hmac.h"
#include "encoding/base64url.h"

namespace signet::testing {

inline std::string b64(std::string_view text) { return encoding::base64url_encode(crypto::as_bytes(text)); }

// forge_hs returns b64(header).b64(payload).b64(HMAC(secret, signing input)).
inline std::string forge_hs(std::string_view header, std::string_view payload, std::string_view secret,
                            crypto::Hash hash = crypto::Hash::sha256) {
  std::string token = b64(header) + "." + b64(payload);
  crypto::HmacKey key(hash, crypto::as_bytes(secret));
  std::uint8_t mac[crypto::kMaxDigestSize];
  key.mac(crypto::as_bytes(token), mac);
  token += "." + encoding::base64url_encode(std::span<const std::uint8_t>(mac, key.mac_size()));
  return token;
}

}  // namespace signet::testing

#endif  // SIGNET_TESTS_SUPPORT_JWS_FORGE_H_
