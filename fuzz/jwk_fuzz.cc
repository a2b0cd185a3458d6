// Key import from untrusted text: HmacKey / PublicKey / PrivateKey::from_jwk,
// KeySet::from_jwks and PublicKey / PrivateKey::from_pem, with no algorithm
// and with each algorithm. The corpus holds the RFC 7517 / RFC 7638 / JOSE
// cookbook JWKs and the fuzz keys as JWK and PEM.
// Invariants: an error or a key, never a crash; a key is bound to the
// requested algorithm (or the JWK's); an imported key exports (to_jwk,
// to_pem) to text that imports again to a key with the same thumbprint; a
// private key's public half has its thumbprint; a KeySet re-exported with
// to_jwks imports again with the same number of public keys.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "jwt_fixture.h"

using namespace signet;

namespace {

void check_public(const jwt::PublicKey& key, std::optional<jwt::Algorithm> alg) {
  if (alg) FUZZ_CHECK(key.algorithm() == *alg);
  FUZZ_CHECK(jwt::family_of(key.algorithm()) != jwt::KeyFamily::hmac);
  const std::string thumb = key.thumbprint();
  const auto again = jwt::PublicKey::from_jwk(key.to_jwk());
  FUZZ_CHECK(again && again->thumbprint() == thumb && again->algorithm() == key.algorithm() &&
             again->kid() == key.kid());
  const auto pem = jwt::PublicKey::from_pem(key.to_pem(), key.algorithm());
  FUZZ_CHECK(pem && pem->thumbprint() == thumb);
}

void check_private(const jwt::PrivateKey& key, std::optional<jwt::Algorithm> alg) {
  if (alg) FUZZ_CHECK(key.algorithm() == *alg);
  const std::string thumb = key.thumbprint();
  FUZZ_CHECK(key.public_key().thumbprint() == thumb);
  const auto again = jwt::PrivateKey::from_jwk(key.to_jwk_with_private());
  FUZZ_CHECK(again && again->thumbprint() == thumb && again->algorithm() == key.algorithm());
  const auto pem = jwt::PrivateKey::from_pem(key.to_pem_with_private(), key.algorithm());
  FUZZ_CHECK(pem && pem->thumbprint() == thumb);
  check_public(key.public_key(), key.algorithm());
}

void check_hmac(const jwt::HmacKey& key, std::optional<jwt::Algorithm> alg) {
  if (alg) FUZZ_CHECK(key.algorithm() == *alg);
  FUZZ_CHECK(jwt::family_of(key.algorithm()) == jwt::KeyFamily::hmac);
  const auto again = jwt::HmacKey::from_jwk(key.to_jwk_with_secret());
  FUZZ_CHECK(again && again->thumbprint() == key.thumbprint() && again->algorithm() == key.algorithm());
}

void from_jwk(std::string_view text, std::optional<jwt::Algorithm> alg) {
  if (auto k = jwt::PublicKey::from_jwk(text, alg)) check_public(*k, alg);
  if (auto k = jwt::PrivateKey::from_jwk(text, alg)) check_private(*k, alg);
  if (auto k = jwt::HmacKey::from_jwk(text, alg)) check_hmac(*k, alg);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  if (text.find("-----BEGIN") != std::string_view::npos) {
    for (jwt::Algorithm alg : fuzz::kAllAlgorithms) {
      if (auto k = jwt::PublicKey::from_pem(text, alg)) check_public(*k, alg);
      if (auto k = jwt::PrivateKey::from_pem(text, alg)) check_private(*k, alg);
    }
    return 0;
  }

  from_jwk(text, std::nullopt);
  // The JWK's own "alg", if it names one, plus one more chosen by the input,
  // keeps the per-input cost low while covering every algorithm over time.
  from_jwk(text, fuzz::kAllAlgorithms[size % fuzz::kAlgorithmCount]);

  for (int variant = 0; variant < 3; ++variant) {
    jwt::KeySetOptions options;
    options.skip_unusable = variant >= 1;
    options.allow_hmac = variant == 2;
    if (variant == 2) {
      options.bind_algorithm.emplace("1", jwt::Algorithm::RS256);
      options.bind_algorithm.emplace("hs256", jwt::Algorithm::HS256);
      options.bind_algorithm.emplace("2011-04-29", jwt::Algorithm::RS256);
    }
    const auto set = jwt::KeySet::from_jwks(text, options);
    if (!set) continue;
    const std::string exported = set->to_jwks();
    const auto again = jwt::KeySet::from_jwks(exported);
    FUZZ_CHECK(again.has_value());
    // to_jwks writes the public keys only.
    FUZZ_CHECK(again->size() <= set->size());
    FUZZ_CHECK(again->to_jwks() == exported);
  }
  return 0;
}
