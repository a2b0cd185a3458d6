// JWT verifiers, signers, keys and key sets shared between threads, while
// other threads create and destroy their own from the same PEM and JWK text.
// Every verification result is checked against what it must be.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "concurrency_support.h"
#include "signet/jwt.h"

namespace signet::jwt {
namespace {

using signet::testing::Failures;
using signet::testing::is_error;
using signet::testing::kThreads;
using signet::testing::run_threads;

constexpr std::int64_t kNow = 1700000000;

const FixedClock& test_clock() {
  static const FixedClock clock = FixedClock::from_seconds(kNow);
  return clock;
}

Policy test_policy() { return PolicyBuilder().expect_issuer("issuer").build().value(); }

std::string payload_for(int i, std::int64_t exp = kNow + 600) {
  return R"({"iss":"issuer","sub":"user-)" + std::to_string(i) + R"(","exp":)" + std::to_string(exp) + "}";
}

// One token the shared verifier must judge, with the verdict it must give.
struct Case {
  std::string token;
  bool valid = false;
  Errc code = Errc::malformed;  // when !valid
  std::string subject;          // when valid
};

// Flips one character in the signature segment: a real forgery attempt.
std::string tamper_signature(std::string token) {
  char& c = token[token.size() - 2];
  c = c == 'A' ? 'B' : 'A';
  return token;
}

// cases_for builds valid tokens with distinct subjects and invalid ones of
// several kinds, all signed by `signer` unless noted.
std::vector<Case> cases_for(const Signer& signer, const Signer& other_key_same_alg) {
  std::vector<Case> cases;
  for (int i = 0; i < 6; ++i) {
    cases.push_back({signer.sign_json(payload_for(i)).value(), true, Errc::malformed, "user-" + std::to_string(i)});
  }
  const std::string good = signer.sign_json(payload_for(99)).value();
  cases.push_back({tamper_signature(good), false, Errc::bad_signature, {}});
  cases.push_back({other_key_same_alg.sign_json(payload_for(7)).value(), false, Errc::bad_signature, {}});
  cases.push_back({signer.sign_json(payload_for(8, kNow - 10)).value(), false, Errc::expired, {}});
  cases.push_back({signer.sign_json(R"({"iss":"intruder","exp":1700000600})").value(), false, Errc::claim_mismatch, {}});
  cases.push_back({good.substr(0, good.rfind('.')), false, Errc::malformed, {}});
  cases.push_back({"a.b.c.d", false, Errc::malformed, {}});
  return cases;
}

// check runs one case through `verifier` and records a wrong verdict.
void check(const Verifier& verifier, const Case& c, Failures& failures) {
  auto r = verifier.verify(c.token);
  if (c.valid) {
    if (!r.has_value()) {
      failures.fail("a valid token was rejected: " + std::string(r.error().detail()));
    } else if (r->subject() != std::optional<std::string_view>(c.subject)) {
      failures.fail("a valid token returned another token's subject");
    }
  } else if (r.has_value()) {
    failures.fail("an invalid token was accepted");
  } else if (r.error().code() != c.code) {
    failures.fail("an invalid token got the wrong code: " + std::string(errc_name(r.error().code())));
  }
}

// hammer verifies every case from kThreads threads, each in its own order.
void hammer(const Verifier& verifier, const std::vector<Case>& cases, int rounds, Failures& failures) {
  run_threads(kThreads, [&](int t) {
    for (int round = 0; round < rounds; ++round) {
      for (std::size_t k = 0; k < cases.size(); ++k) {
        check(verifier, cases[(k + static_cast<std::size_t>(t) * 3 + static_cast<std::size_t>(round)) % cases.size()],
              failures);
      }
    }
  });
}

void shared_verifier_test(const PrivateKey& key, const PrivateKey& other, int rounds) {
  const Signer signer = Signer::create(key).value();
  const Signer other_signer = Signer::create(other).value();
  const auto cases = cases_for(signer, other_signer);
  const Verifier verifier = Verifier::create(key.public_key(), test_policy(), test_clock()).value();
  Failures failures;
  hammer(verifier, cases, rounds, failures);
  EXPECT_EQ(failures.count(), 0u) << failures.first();
}

TEST(JwtConcurrencyTest, SharedHs256VerifierChecksEveryResult) {
  const HmacKey key = HmacKey::from_secret(Algorithm::HS256, SecretBytes(std::string(32, 'k'))).value();
  const HmacKey other = HmacKey::from_secret(Algorithm::HS256, SecretBytes(std::string(32, 'o'))).value();
  const auto cases = cases_for(Signer::create(key).value(), Signer::create(other).value());
  const Verifier verifier = Verifier::create(key, test_policy(), test_clock()).value();
  Failures failures;
  hammer(verifier, cases, 40, failures);
  EXPECT_EQ(failures.count(), 0u) << failures.first();
}

TEST(JwtConcurrencyTest, SharedEs256VerifierChecksEveryResult) {
  shared_verifier_test(PrivateKey::generate(Algorithm::ES256).value(), PrivateKey::generate(Algorithm::ES256).value(),
                       15);
}

TEST(JwtConcurrencyTest, SharedEdDsaVerifierChecksEveryResult) {
  shared_verifier_test(PrivateKey::generate(Algorithm::EdDSA).value(), PrivateKey::generate(Algorithm::EdDSA).value(),
                       15);
}

TEST(JwtConcurrencyTest, SharedRs256VerifierChecksEveryResult) {
  shared_verifier_test(PrivateKey::generate(Algorithm::RS256).value(), PrivateKey::generate(Algorithm::RS256).value(),
                       10);
}

TEST(JwtConcurrencyTest, SharedSignerProducesVerifiableTokens) {
  // Signing shares the key's precomputed state (HMAC midstates, EVP_PKEY).
  for (Algorithm alg : {Algorithm::HS256, Algorithm::ES256, Algorithm::EdDSA}) {
    std::optional<Signer> signer;
    std::optional<Verifier> verifier;
    if (alg == Algorithm::HS256) {
      const HmacKey key = HmacKey::generate(alg).value();
      signer.emplace(Signer::create(key).value());
      verifier.emplace(Verifier::create(key, test_policy(), test_clock()).value());
    } else {
      const PrivateKey key = PrivateKey::generate(alg).value();
      signer.emplace(Signer::create(key).value());
      verifier.emplace(Verifier::create(key.public_key(), test_policy(), test_clock()).value());
    }
    Failures failures;
    run_threads(kThreads, [&](int t) {
      for (int i = 0; i < 30; ++i) {
        const int n = t * 1000 + i;
        auto token = signer->sign_json(payload_for(n));
        if (!token) {
          failures.fail("signing failed");
          continue;
        }
        auto r = verifier->verify(*token);
        failures.expect(r.has_value() && r->subject() == std::optional<std::string_view>("user-" + std::to_string(n)),
                        "a token signed concurrently did not verify to its own subject");
      }
    });
    EXPECT_EQ(failures.count(), 0u) << algorithm_name(alg) << ": " << failures.first();
  }
}

// A JWKS of three families, a verifier over it, and tokens from every key
// plus tokens naming an unknown kid or signed by a key not in the set.
TEST(JwtConcurrencyTest, SharedKeySetVerifierChecksEveryResult) {
  const PrivateKey es = PrivateKey::generate(Algorithm::ES256, "es").value();
  const PrivateKey ed = PrivateKey::generate(Algorithm::EdDSA, "ed").value();
  const PrivateKey rs = PrivateKey::generate(Algorithm::RS256, "rs").value();
  const PrivateKey stranger = PrivateKey::generate(Algorithm::ES256, "es").value();
  const PrivateKey unknown = PrivateKey::generate(Algorithm::ES256, "nobody").value();
  const std::string jwks = R"({"keys":[)" + es.public_key().to_jwk() + "," + ed.public_key().to_jwk() + "," +
                           rs.public_key().to_jwk() + "]}";
  KeySet set = KeySet::from_jwks(jwks).value();
  ASSERT_EQ(set.size(), 3u);

  std::vector<Case> cases;
  int n = 0;
  for (const PrivateKey* k : {&es, &ed, &rs}) {
    for (int i = 0; i < 2; ++i, ++n) {
      cases.push_back({Signer::create(*k).value().sign_json(payload_for(n)).value(), true, Errc::malformed,
                       "user-" + std::to_string(n)});
    }
    cases.push_back({tamper_signature(Signer::create(*k).value().sign_json(payload_for(50)).value()), false,
                     Errc::bad_signature, {}});
  }
  cases.push_back({Signer::create(stranger).value().sign_json(payload_for(60)).value(), false, Errc::bad_signature, {}});
  cases.push_back({Signer::create(unknown).value().sign_json(payload_for(61)).value(), false, Errc::key_mismatch, {}});

  // The set itself is shared too: select() from every thread.
  const Verifier verifier = Verifier::create(set, test_policy(), test_clock()).value();
  Failures failures;
  run_threads(kThreads, [&](int t) {
    for (int round = 0; round < 8; ++round) {
      for (std::size_t k = 0; k < cases.size(); ++k) {
        check(verifier, cases[(k + static_cast<std::size_t>(t)) % cases.size()], failures);
      }
      auto selected = set.select(std::string_view("ed"), Algorithm::EdDSA);
      failures.expect(selected.has_value() && selected->public_key != nullptr, "KeySet::select lost a key");
      failures.expect(is_error(set.select(std::string_view("zz"), Algorithm::ES256), Errc::key_mismatch),
                      "KeySet::select found an unknown kid");
    }
  });
  EXPECT_EQ(failures.count(), 0u) << failures.first();
}

// Half the threads verify with long-lived shared objects; the other half keep
// importing the same PEM / JWK text, building signers and verifiers, copying
// the shared keys (their key data is reference-counted across threads) and
// destroying everything again.
TEST(JwtConcurrencyTest, CreateAndDestroyWhileOthersVerify) {
  const PrivateKey es = PrivateKey::generate(Algorithm::ES256, "es").value();
  const PrivateKey rs = PrivateKey::generate(Algorithm::RS256, "rs").value();
  const PrivateKey ed = PrivateKey::generate(Algorithm::EdDSA, "ed").value();
  const HmacKey hs = HmacKey::generate(Algorithm::HS256, "hs").value();
  const std::string es_pem = es.to_pem_with_private();
  const std::string rs_public_pem = rs.public_key().to_pem();
  const std::string ed_jwk = ed.to_jwk_with_private();
  const std::string es_public_jwk = es.public_key().to_jwk();
  const std::string hs_jwk = hs.to_jwk_with_secret();
  const std::string jwks = R"({"keys":[)" + es_public_jwk + "," + ed.public_key().to_jwk() + "]}";

  const std::string es_token = Signer::create(es).value().sign_json(payload_for(1)).value();
  const std::string rs_token = Signer::create(rs).value().sign_json(payload_for(2)).value();
  const std::string ed_token = Signer::create(ed).value().sign_json(payload_for(3)).value();
  const std::string hs_token = Signer::create(hs).value().sign_json(payload_for(4)).value();

  const Verifier shared_es = Verifier::create(es.public_key(), test_policy(), test_clock()).value();
  const Verifier shared_hs = Verifier::create(hs, test_policy(), test_clock()).value();

  Failures failures;
  run_threads(kThreads, [&](int t) {
    for (int i = 0; i < 12; ++i) {
      if (t % 2 == 0) {
        for (int j = 0; j < 4; ++j) {
          auto a = shared_es.verify(es_token);
          failures.expect(a.has_value() && a->subject() == std::optional<std::string_view>("user-1"),
                          "shared ES256 verifier rejected its token");
          auto b = shared_hs.verify(hs_token);
          failures.expect(b.has_value() && b->subject() == std::optional<std::string_view>("user-4"),
                          "shared HS256 verifier rejected its token");
          failures.expect(is_error(shared_es.verify(ed_token), Errc::key_mismatch),
                          "shared ES256 verifier did not refuse an EdDSA token");
        }
        continue;
      }
      switch (i % 5) {
        case 0: {
          auto key = PrivateKey::from_pem(es_pem, Algorithm::ES256, "es");
          if (!key) {
            failures.fail("PEM import failed");
            break;
          }
          auto token = Signer::create(*key).value().sign_json(payload_for(10 + t)).value();
          failures.expect(shared_es.verify(token).has_value(), "a token from a re-imported PEM key did not verify");
          auto own = Verifier::create(*key, test_policy(), test_clock()).value();
          failures.expect(own.verify(es_token).has_value(), "a verifier from a re-imported PEM key failed");
          break;
        }
        case 1: {
          auto key = PublicKey::from_pem(rs_public_pem, Algorithm::RS256);
          if (!key) {
            failures.fail("RSA public PEM import failed");
            break;
          }
          auto v = Verifier::create(*key, test_policy(), test_clock()).value();
          failures.expect(v.verify(rs_token).has_value(), "RS256 verifier from PEM rejected its token");
          failures.expect(is_error(v.verify(tamper_signature(rs_token)), Errc::bad_signature),
                          "RS256 verifier accepted a tampered token");
          break;
        }
        case 2: {
          auto key = PrivateKey::from_jwk(ed_jwk);
          if (!key) {
            failures.fail("EdDSA JWK import failed");
            break;
          }
          auto v = Verifier::create(key->public_key(), test_policy(), test_clock()).value();
          failures.expect(v.verify(ed_token).has_value(), "EdDSA verifier from JWK rejected its token");
          auto set = KeySet::from_jwks(jwks);
          if (!set) {
            failures.fail("JWKS import failed");
            break;
          }
          auto sv = Verifier::create(std::move(*set), test_policy(), test_clock()).value();
          failures.expect(sv.verify(ed_token).has_value() && sv.verify(es_token).has_value(),
                          "a JWKS verifier rejected a token of its keys");
          break;
        }
        case 3: {
          auto key = HmacKey::from_jwk(hs_jwk);
          if (!key) {
            failures.fail("HMAC JWK import failed");
            break;
          }
          auto v = Verifier::create(*key, test_policy(), test_clock()).value();
          failures.expect(v.verify(hs_token).has_value(), "HS256 verifier from JWK rejected its token");
          failures.expect(is_error(v.verify(tamper_signature(hs_token)), Errc::bad_signature),
                          "HS256 verifier accepted a tampered token");
          break;
        }
        default: {
          // Copies of the shared keys: their key data's reference count is
          // changed from many threads at once.
          PublicKey copy = es.public_key();
          HmacKey hcopy = hs;
          auto v = Verifier::create(copy, test_policy(), test_clock()).value();
          auto s = Signer::create(hcopy).value();
          failures.expect(v.verify(es_token).has_value(), "verifier over a copied key failed");
          failures.expect(shared_hs.verify(s.sign_json(payload_for(20 + t)).value()).has_value(),
                          "signer over a copied HMAC key produced a bad token");
          break;
        }
      }
    }
  });
  EXPECT_EQ(failures.count(), 0u) << failures.first();
}

}  // namespace
}  // namespace signet::jwt
