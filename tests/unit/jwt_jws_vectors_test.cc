// Whole-token JWS vectors through the public Verifier: Wycheproof
// json_web_signature_test.json, RFC 7515 appendix A and the RFC 7520 / RFC 8037
// cookbook. Data: tests/vectors (licences and sources in its README).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "signet/jwt.h"
#include "support/matchers.h"

namespace signet::jwt {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

std::string read(const std::string& relative) {
  std::ifstream in(std::string(SIGNET_TEST_VECTORS_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Policy lenient() { return PolicyBuilder().allow_missing_exp().ignore_audience().build().value(); }

// A verifier from a JWK: "oct" → HmacKey, else the public part.
Result<Verifier> verifier_for(const nlohmann::json& jwk, std::optional<Algorithm> alg, const Clock& clock) {
  const std::string text = jwk.dump();
  if (jwk.value("kty", "") == "oct") {
    auto key = HmacKey::from_jwk(text, alg);
    if (!key) return key.error();
    return Verifier::create(*key, lenient(), clock);
  }
  auto key = PublicKey::from_jwk(text, alg);
  if (!key) return key.error();
  return Verifier::create(*key, lenient(), clock);
}

// The signature was accepted when verification succeeded or failed only on
// what comes after it (payload or claims).
bool signature_accepted(const Result<VerifiedToken>& r) {
  if (r) return true;
  const Errc c = r.error().code();
  return c == Errc::bad_payload || c == Errc::claim_mismatch || c == Errc::expired || c == Errc::not_yet_valid;
}

TEST(JwsVectorsTest, Wycheproof) {
  const auto doc = nlohmann::json::parse(read("wycheproof/testvectors_v1/json_web_signature_test.json"));
  // Upstream labelling bugs listed in tests/vectors/README.md (and the shared
  // vectors README): 367/370 repeat valid 357's token; 372/373 insert '?'
  // into a segment yet say valid; 346/347/350/351 pair a token with a key
  // whose "alg" names another algorithm yet say valid.
  const std::set<int> mislabelled = {346, 347, 350, 351, 367, 370, 372, 373};
  const FixedClock clock = FixedClock::from_seconds(1700000000);
  int valid = 0, invalid = 0, skipped_json_serialization = 0, skipped_mislabelled = 0;
  for (const auto& group : doc["testGroups"]) {
    const nlohmann::json& jwk = group.contains("public") ? group["public"] : group["private"];
    for (const auto& test : group["tests"]) {
      const int id = test["tcId"];
      const std::string result = test["result"];
      const auto flags = test["flags"];
      if (mislabelled.count(id)) {
        ++skipped_mislabelled;
        continue;
      }
      if (!test["jws"].is_string()) {
        // JSON serialization: signet implements the compact form only.
        ++skipped_json_serialization;
        continue;
      }
      const std::string token = test["jws"];
      std::optional<Algorithm> alg;
      if (jwk.is_object() && jwk.contains("keys")) {
        // A key set: verify through KeySet selection.
        auto set = KeySet::from_jwks(jwk.dump(), KeySetOptions{{}, true, true});
        Result<VerifiedToken> r = Unexpected(Errc::invalid_key, "no key set");
        if (set && set->size() > 0) {
          auto v = Verifier::create(std::move(*set), lenient(), clock);
          if (v) r = v->verify(token);
        }
        if (result == "valid") {
          EXPECT_TRUE(signature_accepted(r)) << "tcId " << id << " " << test["comment"];
          ++valid;
        } else {
          EXPECT_FALSE(signature_accepted(r)) << "tcId " << id << " " << test["comment"];
          ++invalid;
        }
        continue;
      }
      auto v = verifier_for(jwk, alg, clock);
      if (result == "valid") {
        ASSERT_THAT(v, IsOk()) << "tcId " << id;
        auto r = v->verify(token);
        EXPECT_TRUE(signature_accepted(r)) << "tcId " << id << " " << test["comment"] << ": "
                                           << (r ? "ok" : std::string(r.error().detail()));
        ++valid;
      } else {
        // Refusing the key at import is a correct rejection too.
        if (v) {
          auto r = v->verify(token);
          EXPECT_FALSE(signature_accepted(r)) << "tcId " << id << " " << test["comment"];
        }
        ++invalid;
      }
    }
  }
  std::cout << "[ vectors  ] wycheproof JWS: " << valid << " valid accepted, " << invalid << " invalid rejected, "
            << skipped_json_serialization << " JSON-serialization skipped, " << skipped_mislabelled
            << " mislabelled skipped\n";
  EXPECT_GT(valid, 30);
  EXPECT_GT(invalid, 300);
}

struct Rfc7515Case {
  const char* name;
  Algorithm alg;
};

TEST(JwsVectorsTest, Rfc7515AppendixA) {
  // Each example's payload: {"iss":"joe","exp":1300819380,"http://example.com/is_root":true}
  const FixedClock before_exp = FixedClock::from_seconds(1300819379);
  const FixedClock at_exp = FixedClock::from_seconds(1300819380);
  for (const Rfc7515Case c : {Rfc7515Case{"A.1", Algorithm::HS256}, Rfc7515Case{"A.2", Algorithm::RS256},
                              Rfc7515Case{"A.3", Algorithm::ES256}}) {
    SCOPED_TRACE(c.name);
    const auto jwk = nlohmann::json::parse(read(std::string("latchset-jose-rfc-examples/rfc7515_") + c.name + ".jwk"));
    std::string token = read(std::string("latchset-jose-rfc-examples/rfc7515_") + c.name + ".jwsc");
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    auto v = verifier_for(jwk, c.alg, before_exp);
    ASSERT_THAT(v, IsOk());
    auto r = v->verify(token);
    ASSERT_THAT(r, IsOk());
    EXPECT_EQ(*r->issuer(), "joe");
    EXPECT_EQ(r->expires_at()->time_since_epoch(), std::chrono::seconds(1300819380));
    EXPECT_EQ(*r->bool_claim("http://example.com/is_root"), true);
    EXPECT_EQ(r->algorithm(), c.alg);
    // exp is exclusive: at exp the token has expired.
    auto expired = verifier_for(jwk, c.alg, at_exp)->verify(token);
    EXPECT_THAT(expired, HasError(Errc::expired));
    // The same token checked with an algorithm the key was not bound to.
    if (c.alg == Algorithm::HS256) {
      auto other = verifier_for(jwk, Algorithm::HS512, before_exp);
      ASSERT_THAT(other, IsOk());
      EXPECT_THAT(other->verify(token), HasError(Errc::key_mismatch));
    }
  }
  // A.4 (ES512) signs the text "Payload": the signature verifies, then the
  // payload is refused as not being JWT claims.
  {
    const auto jwk = nlohmann::json::parse(read("latchset-jose-rfc-examples/rfc7515_A.4.jwk"));
    std::string token = read("latchset-jose-rfc-examples/rfc7515_A.4.jwsc");
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    auto v = verifier_for(jwk, Algorithm::ES512, before_exp);
    ASSERT_THAT(v, IsOk());
    EXPECT_THAT(v->verify(token), HasError(Errc::bad_payload));
    std::string tampered = token;
    tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
    EXPECT_THAT(v->verify(tampered), HasError(Errc::bad_signature));
  }
  // A.5 is an unsecured JWS ("alg":"none"): never accepted.
  std::string unsecured = read("latchset-jose-rfc-examples/rfc7515_A.5.jwsc");
  while (!unsecured.empty() && (unsecured.back() == '\n' || unsecured.back() == '\r')) unsecured.pop_back();
  const auto hs_jwk = nlohmann::json::parse(read("latchset-jose-rfc-examples/rfc7515_A.1.jwk"));
  auto v = verifier_for(hs_jwk, Algorithm::HS256, before_exp);
  EXPECT_THAT(v->verify(unsecured), HasError(Errc::key_mismatch));
}

TEST(JwsVectorsTest, Rfc7520Cookbook) {
  const FixedClock clock = FixedClock::from_seconds(1700000000);
  for (const char* file : {"jose-cookbook/jws/4_1.rsa_v15_signature.json", "jose-cookbook/jws/4_2.rsa-pss_signature.json",
                           "jose-cookbook/jws/4_3.ecdsa_signature.json",
                           "jose-cookbook/jws/4_4.hmac-sha2_integrity_protection.json",
                           "jose-cookbook/curve25519/jws.json"}) {
    SCOPED_TRACE(file);
    const auto doc = nlohmann::json::parse(read(file));
    auto alg = parse_algorithm(doc["input"]["alg"].get<std::string>());
    ASSERT_THAT(alg, IsOk());
    auto v = verifier_for(doc["input"]["key"], *alg, clock);
    ASSERT_THAT(v, IsOk());
    const std::string token = doc["output"]["compact"];
    // The payloads are text, not JWT claims: the signature verifies and the
    // payload is then refused as not a JSON object.
    EXPECT_THAT(v->verify(token), HasError(Errc::bad_payload));
    std::string tampered = token;
    tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
    EXPECT_THAT(v->verify(tampered), HasError(Errc::bad_signature));
  }
}

}  // namespace
}  // namespace signet::jwt
