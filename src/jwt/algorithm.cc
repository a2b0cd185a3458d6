#include "signet/jwt/algorithm.h"

#include <array>

namespace signet::jwt {
namespace {

struct Entry {
  Algorithm alg;
  std::string_view name;
  KeyFamily family;
};

// One table for both directions, so that a name and its enumerator can never
// drift apart. "none" is deliberately absent.
constexpr std::array<Entry, 14> kAlgorithms = {{
    {Algorithm::HS256, "HS256", KeyFamily::hmac},
    {Algorithm::HS384, "HS384", KeyFamily::hmac},
    {Algorithm::HS512, "HS512", KeyFamily::hmac},
    {Algorithm::RS256, "RS256", KeyFamily::rsa},
    {Algorithm::RS384, "RS384", KeyFamily::rsa},
    {Algorithm::RS512, "RS512", KeyFamily::rsa},
    {Algorithm::PS256, "PS256", KeyFamily::rsa},
    {Algorithm::PS384, "PS384", KeyFamily::rsa},
    {Algorithm::PS512, "PS512", KeyFamily::rsa},
    {Algorithm::ES256, "ES256", KeyFamily::ec},
    {Algorithm::ES384, "ES384", KeyFamily::ec},
    {Algorithm::ES512, "ES512", KeyFamily::ec},
    {Algorithm::ES256K, "ES256K", KeyFamily::ec},
    {Algorithm::EdDSA, "EdDSA", KeyFamily::okp},
}};

const Entry* entry_of(Algorithm alg) noexcept {
  for (const auto& e : kAlgorithms) {
    if (e.alg == alg) return &e;
  }
  return nullptr;
}

}  // namespace

std::string_view algorithm_name(Algorithm alg) noexcept {
  const Entry* e = entry_of(alg);
  return e == nullptr ? std::string_view("unknown") : e->name;
}

Result<Algorithm> parse_algorithm(std::string_view name) noexcept {
  for (const auto& e : kAlgorithms) {
    if (e.name == name) return e.alg;
  }
  return Unexpected(Errc::unsupported, "unsupported JWS algorithm");
}

KeyFamily family_of(Algorithm alg) noexcept {
  const Entry* e = entry_of(alg);
  // Only a value cast from outside the enumeration lands here; the key
  // factories refuse such a value on their own (no hash, no scheme).
  return e == nullptr ? KeyFamily::hmac : e->family;
}

}  // namespace signet::jwt
