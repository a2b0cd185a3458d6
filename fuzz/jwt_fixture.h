// The fixed JWT keys, signers and verifiers the JWT fuzz targets share:
// every algorithm signet implements, each with its own key (kid = the
// lower-case algorithm name), made once from fuzz_keys.h.
#ifndef SIGNET_FUZZ_JWT_FIXTURE_H_
#define SIGNET_FUZZ_JWT_FIXTURE_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "fuzz_keys.h"
#include "fuzz_util.h"
#include "signet/jwt.h"

namespace signet::fuzz {

inline constexpr jwt::Algorithm kAllAlgorithms[] = {
    jwt::Algorithm::HS256, jwt::Algorithm::HS384, jwt::Algorithm::HS512, jwt::Algorithm::RS256,
    jwt::Algorithm::RS384, jwt::Algorithm::RS512, jwt::Algorithm::PS256, jwt::Algorithm::PS384,
    jwt::Algorithm::PS512, jwt::Algorithm::ES256, jwt::Algorithm::ES384, jwt::Algorithm::ES512,
    jwt::Algorithm::ES256K, jwt::Algorithm::EdDSA};
inline constexpr std::size_t kAlgorithmCount = sizeof kAllAlgorithms / sizeof kAllAlgorithms[0];

// The lenient policy's leeway and the strict policy's expectations; the
// seed tokens (make_corpus.py) are made to pass them.
inline constexpr std::chrono::seconds kLeeway{30};

struct JwtKey {
  jwt::Algorithm alg;
  std::optional<jwt::HmacKey> hmac;
  std::optional<jwt::PrivateKey> private_key;
  std::optional<jwt::PublicKey> public_key;
  std::optional<jwt::Signer> signer;
  std::optional<jwt::Verifier> verifier;  // lenient policy, this key only

  const jwt::detail::KeyData& data() const { return hmac ? hmac->data() : private_key->data(); }
};

struct JwtFixture {
  FixedClock clock = FixedClock::from_seconds(keys::kNow);
  std::vector<JwtKey> keys;
  std::optional<jwt::Verifier> strict;  // a KeySet of every key, strict policy

  static std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
  }

  static std::string_view pem_for(jwt::Algorithm alg) {
    switch (jwt::family_of(alg)) {
      case jwt::KeyFamily::rsa: return keys::kRsaPrivatePem;
      case jwt::KeyFamily::okp: return keys::kEd25519PrivatePem;
      case jwt::KeyFamily::hmac: return {};
      case jwt::KeyFamily::ec: break;
    }
    if (alg == jwt::Algorithm::ES256) return keys::kP256PrivatePem;
    if (alg == jwt::Algorithm::ES384) return keys::kP384PrivatePem;
    if (alg == jwt::Algorithm::ES512) return keys::kP521PrivatePem;
    return keys::kSecp256k1PrivatePem;
  }

  static std::string_view secret_for(jwt::Algorithm alg) {
    if (alg == jwt::Algorithm::HS256) return keys::kHs256Secret;
    if (alg == jwt::Algorithm::HS384) return keys::kHs384Secret;
    return keys::kHs512Secret;
  }

  JwtFixture() {
    jwt::PolicyBuilder lenient;
    lenient.allow_missing_exp().ignore_audience().leeway(kLeeway);
    const jwt::Policy lenient_policy = lenient.build().value();
    jwt::PolicyBuilder strict_builder;
    strict_builder.expect_issuer("signet-fuzz")
        .expect_audience("fuzz-aud")
        .expect_subject("user-2")
        .require_claim("jti")
        .max_age(std::chrono::hours(1))
        .leeway(kLeeway);
    const jwt::Policy strict_policy = strict_builder.build().value();

    std::vector<jwt::PublicKey> public_keys;
    std::vector<jwt::HmacKey> hmac_keys;
    for (jwt::Algorithm alg : kAllAlgorithms) {
      JwtKey k{alg, {}, {}, {}, {}, {}};
      const std::string kid = lower(jwt::algorithm_name(alg));
      if (jwt::family_of(alg) == jwt::KeyFamily::hmac) {
        k.hmac = jwt::HmacKey::from_secret(alg, SecretBytes(secret_for(alg)), kid).value();
        k.signer.emplace(jwt::Signer::create(*k.hmac).value());
        k.verifier.emplace(jwt::Verifier::create(*k.hmac, lenient_policy, clock).value());
        hmac_keys.push_back(*k.hmac);
      } else {
        k.private_key = jwt::PrivateKey::from_pem(pem_for(alg), alg, kid).value();
        k.public_key = k.private_key->public_key();
        k.signer.emplace(jwt::Signer::create(*k.private_key).value());
        k.verifier.emplace(jwt::Verifier::create(*k.public_key, lenient_policy, clock).value());
        public_keys.push_back(*k.public_key);
      }
      keys.push_back(std::move(k));
    }
    strict.emplace(jwt::Verifier::create(jwt::KeySet::from_keys(public_keys, hmac_keys), strict_policy, clock).value());
  }
};

// jwt_fixture returns the process-wide fixture (built on first use, never
// destroyed, so exit-time destruction order cannot matter).
inline const JwtFixture& jwt_fixture() {
  static const JwtFixture* f = new JwtFixture();
  return *f;
}

}  // namespace signet::fuzz

#endif  // SIGNET_FUZZ_JWT_FIXTURE_H_
