// Tests for jwt::KeyRing: the rotation story, ring invariants, not-after
// dates, the public JWKS and the strict ring document.
#include "signet/jwt/key_ring.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "signet/jwt/claims.h"
#include "support/matchers.h"

namespace signet::jwt {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

constexpr std::int64_t kNow = 1'800'000'000;

AddKeyOptions named(std::string id) {
  AddKeyOptions o;
  o.id = std::move(id);
  return o;
}
AddKeyOptions verify_only(std::string id) {
  AddKeyOptions o = named(std::move(id));
  o.verify_only = true;
  return o;
}
AddKeyOptions until(std::string id, std::chrono::sys_seconds limit, bool verify = false) {
  AddKeyOptions o = named(std::move(id));
  o.verify_only = verify;
  o.not_after = limit;
  return o;
}

Policy lenient() { return PolicyBuilder().allow_missing_exp().build().value(); }

std::string sign_with(const KeyRing& ring, const Clock& clock) {
  auto signer = ring.signer({}, clock);
  EXPECT_THAT(signer, IsOk());
  auto token = signer->sign(Claims().subject("alice"));
  EXPECT_THAT(token, IsOk());
  return *token;
}

std::string kid_of(const std::string& token) {
  auto t = inspect_unverified(token).value();
  const auto at = t.header_json.find("\"kid\":\"");
  if (at == std::string::npos) return {};
  const auto end = t.header_json.find('"', at + 7);
  return t.header_json.substr(at + 7, end - at - 7);
}

TEST(JwtKeyRing, RotationKeepsOldTokensUntilRetired) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  ASSERT_THAT(ring.add(PrivateKey::generate(Algorithm::ES256).value(), named("k1"), clock), IsOk());
  const std::string old_token = sign_with(ring, clock);
  EXPECT_EQ(kid_of(old_token), "k1");

  ASSERT_THAT(ring.add(PrivateKey::generate(Algorithm::EdDSA).value(), named("k2"), clock), IsOk());
  const std::string new_token = sign_with(ring, clock);
  EXPECT_EQ(kid_of(new_token), "k2");
  const auto states = ring.list();
  ASSERT_EQ(states.size(), 2u);
  EXPECT_EQ(states[0].state, KeyState::verify_only);
  EXPECT_EQ(states[1].state, KeyState::active);
  EXPECT_EQ(states[1].algorithm, "EdDSA");

  {
    auto verifier = ring.verifier(lenient(), clock).value();
    EXPECT_THAT(verifier.verify(old_token), IsOk());
    EXPECT_THAT(verifier.verify(new_token), IsOk());
    EXPECT_EQ(verifier.stats().accepted_active, 1u);
    EXPECT_EQ(verifier.stats().accepted_verify_only, 1u);
  }

  ASSERT_THAT(ring.retire("k1"), IsOk());
  auto verifier = ring.verifier(lenient(), clock).value();
  EXPECT_THAT(verifier.verify(old_token), HasError(Errc::revoked));
  EXPECT_THAT(verifier.verify(new_token), IsOk());
  EXPECT_EQ(verifier.stats().rejected_retired, 1u);
}

TEST(JwtKeyRing, ForgedTokenWithRetiredKidIsBadSignatureNotRevoked) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  ASSERT_THAT(ring.add(HmacKey::generate(Algorithm::HS256).value(), named("old"), clock), IsOk());
  ASSERT_THAT(ring.add(HmacKey::generate(Algorithm::HS256).value(), named("new"), clock), IsOk());
  ASSERT_THAT(ring.retire("old"), IsOk());
  // Same kid, another secret: the signature check answers first.
  auto forger = Signer::create(HmacKey::generate(Algorithm::HS256, "old").value()).value();
  auto forged = forger.sign(Claims().subject("mallory")).value();
  auto verifier = ring.verifier(lenient(), clock).value();
  EXPECT_THAT(verifier.verify(forged), HasError(Errc::bad_signature));
  EXPECT_EQ(verifier.stats().rejected_retired, 0u);
}

TEST(JwtKeyRing, UnknownOrMissingKidIsKeyMismatch) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  const auto key = HmacKey::generate(Algorithm::HS256).value();
  ASSERT_THAT(ring.add(key, named("k1"), clock), IsOk());
  auto verifier = ring.verifier(lenient(), clock).value();
  // The same secret without a kid: KeySet would take the only HS256 key,
  // but a ring token always names its key.
  auto no_kid = Signer::create(key, {.type = "JWT", .include_kid = false, .kid = std::nullopt}).value();
  EXPECT_THAT(verifier.verify(no_kid.sign(Claims()).value()), HasError(Errc::key_mismatch));
  auto other = Signer::create(HmacKey::generate(Algorithm::HS256, "zz").value()).value();
  EXPECT_THAT(verifier.verify(other.sign(Claims()).value()), HasError(Errc::key_mismatch));
}

TEST(JwtKeyRing, NotAfterStopsSigningAndVerifying) {
  const FixedClock t0 = FixedClock::from_seconds(kNow);
  const FixedClock at_limit = FixedClock::from_seconds(kNow + 100);
  const FixedClock after = FixedClock::from_seconds(kNow + 101);
  KeyRing ring;
  const std::chrono::sys_seconds limit{std::chrono::seconds(kNow + 100)};
  ASSERT_THAT(ring.add(PrivateKey::generate(Algorithm::ES256).value(), until("k1", limit), t0),
              IsOk());
  const std::string token = sign_with(ring, t0);
  EXPECT_THAT(ring.signer({}, at_limit), IsOk());
  EXPECT_THAT(ring.signer({}, after), HasError(Errc::invalid_key));
  auto ok = ring.verifier(lenient(), at_limit).value();
  EXPECT_THAT(ok.verify(token), IsOk());
  auto late = ring.verifier(lenient(), after).value();
  EXPECT_THAT(late.verify(token), HasError(Errc::revoked));
  EXPECT_EQ(late.stats().rejected_not_after, 1u);
  // A key past its date is not published either.
  EXPECT_THAT(ring.public_jwks(after), HasError(Errc::invalid_argument));
}

TEST(JwtKeyRing, Invariants) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  EXPECT_THAT(ring.signer({}, clock), HasError(Errc::invalid_key));
  const auto k = PrivateKey::generate(Algorithm::ES256).value();
  ASSERT_THAT(ring.add(k, named("a"), clock), IsOk());
  EXPECT_THAT(ring.add(PrivateKey::generate(Algorithm::ES256).value(), named("a"), clock),
              HasError(Errc::invalid_argument));
  EXPECT_THAT(ring.add(k, named(std::string(257, 'x')), clock), HasError(Errc::invalid_argument));
  EXPECT_THAT(ring.add(k, named("tab\there"), clock), HasError(Errc::invalid_argument));
  EXPECT_THAT(ring.retire("a"), HasError(Errc::invalid_argument));  // the active key
  EXPECT_THAT(ring.retire("nope"), HasError(Errc::invalid_argument));
  EXPECT_THAT(ring.add(k.public_key(), named("pub"), clock), HasError(Errc::invalid_argument));
  ASSERT_THAT(ring.add(k.public_key(), verify_only("pub"), clock), IsOk());
  EXPECT_THAT(ring.activate("pub"), HasError(Errc::invalid_key));
  // Pre-publication: a verify-only key, then activated.
  ASSERT_THAT(ring.add(HmacKey::generate(Algorithm::HS384).value(), verify_only("next"), clock),
              IsOk());
  EXPECT_EQ(kid_of(sign_with(ring, clock)), "a");
  ASSERT_THAT(ring.activate("next"), IsOk());
  EXPECT_EQ(kid_of(sign_with(ring, clock)), "next");
  ASSERT_THAT(ring.retire("a"), IsOk());
  EXPECT_THAT(ring.activate("a"), HasError(Errc::invalid_argument));
  // The signer's kid is the ring's.
  EXPECT_THAT(ring.signer({.type = "JWT", .include_kid = true, .kid = std::string("other")}, clock),
              HasError(Errc::invalid_argument));
}

TEST(JwtKeyRing, DefaultIds) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  const auto ec = PrivateKey::generate(Algorithm::ES256).value();
  ASSERT_THAT(ring.add(ec, {}, clock), IsOk());
  ASSERT_THAT(ring.add(PrivateKey::generate(Algorithm::ES256, "own").value(), {}, clock), IsOk());
  ASSERT_THAT(ring.add(HmacKey::generate(Algorithm::HS256).value(), {}, clock), IsOk());
  const auto list = ring.list();
  EXPECT_EQ(list[0].id, ec.thumbprint());
  EXPECT_EQ(list[0].thumbprint, ec.thumbprint());
  EXPECT_EQ(list[1].id, "own");
  EXPECT_EQ(list[2].id.size(), 16u);
  EXPECT_TRUE(list[2].thumbprint.empty());
  EXPECT_EQ(list[2].created, std::chrono::sys_seconds(std::chrono::seconds(kNow)));
}

TEST(JwtKeyRing, PublicJwksHasNoPrivateOrSymmetricMembers) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  ASSERT_THAT(ring.add(HmacKey::generate(Algorithm::HS256).value(), named("h"), clock), IsOk());
  EXPECT_THAT(ring.public_jwks(clock), HasError(Errc::invalid_argument));
  ASSERT_THAT(ring.add(PrivateKey::generate(Algorithm::RS256).value(), named("r"), clock), IsOk());
  ASSERT_THAT(ring.add(PrivateKey::generate(Algorithm::ES256).value(), named("e"), clock), IsOk());
  ASSERT_THAT(ring.add(PrivateKey::generate(Algorithm::EdDSA).value(), named("gone"), clock), IsOk());
  ASSERT_THAT(ring.add(PrivateKey::generate(Algorithm::ES256).value(), named("last"), clock), IsOk());
  ASSERT_THAT(ring.retire("gone"), IsOk());
  auto jwks = ring.public_jwks(clock);
  ASSERT_THAT(jwks, IsOk());
  for (const char* member : {"\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\"", "\"oct\""}) {
    EXPECT_EQ(jwks->find(member), std::string::npos) << member;
  }
  EXPECT_EQ(jwks->find("\"gone\""), std::string::npos);
  // It is a JWKS that verifies the ring's tokens.
  auto set = KeySet::from_jwks(*jwks);
  ASSERT_THAT(set, IsOk());
  EXPECT_EQ(set->size(), 3u);
  auto verifier = Verifier::create(std::move(*set), lenient(), clock).value();
  EXPECT_THAT(verifier.verify(sign_with(ring, clock)), IsOk());
}

TEST(JwtKeyRing, DocumentRoundTrip) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  ASSERT_THAT(ring.add(HmacKey::generate(Algorithm::HS512).value(), named("h"), clock), IsOk());
  ASSERT_THAT(ring.add(PrivateKey::generate(Algorithm::ES384).value(), named("e"), clock), IsOk());
  const auto pub = PrivateKey::generate(Algorithm::EdDSA).value().public_key();
  const std::chrono::sys_seconds limit{std::chrono::seconds(kNow + 10)};
  ASSERT_THAT(ring.add(pub, until("p", limit, true), clock), IsOk());
  ASSERT_THAT(ring.retire("h"), IsOk());
  const std::string token = sign_with(ring, clock);
  const std::string doc = ring.serialize();
  EXPECT_EQ(doc.rfind("{\"signet_key_ring\":1,\"format\":\"jwt\",\"keys\":[", 0), 0u);

  auto back = KeyRing::parse(doc);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->serialize(), doc);
  const auto a = ring.list(), b = back->list();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);
    EXPECT_EQ(a[i].state, b[i].state);
    EXPECT_EQ(a[i].created, b[i].created);
    EXPECT_EQ(a[i].not_after, b[i].not_after);
    EXPECT_EQ(a[i].algorithm, b[i].algorithm);
    EXPECT_EQ(a[i].thumbprint, b[i].thumbprint);
  }
  auto verifier = back->verifier(lenient(), clock).value();
  EXPECT_THAT(verifier.verify(token), IsOk());
  EXPECT_EQ(kid_of(sign_with(*back, clock)), "e");
}

std::string entry(const std::string& id, const std::string& state, const std::string& key) {
  return R"({"id":")" + id + R"(","state":")" + state + R"(","created":1,"key":)" + key + "}";
}

TEST(JwtKeyRing, StrictDocument) {
  const std::string jwk = HmacKey::generate(Algorithm::HS256).value().to_jwk_with_secret();
  const std::string head = R"({"signet_key_ring":1,"format":"jwt","keys":[)";
  auto doc = [&](const std::string& keys) { return head + keys + "]}"; };
  EXPECT_THAT(KeyRing::parse(doc(entry("a", "active", jwk))), IsOk());
  EXPECT_THAT(KeyRing::parse(doc("")), IsOk());
  EXPECT_THAT(KeyRing::parse("not json"), HasError(Errc::malformed));
  EXPECT_THAT(KeyRing::parse(doc(entry("a", "active", jwk) + "," + entry("a", "verify", jwk))),
              HasError(Errc::malformed));  // duplicate id
  EXPECT_THAT(KeyRing::parse(doc(entry("a", "active", jwk) + "," + entry("b", "active", jwk))),
              HasError(Errc::malformed));  // two active keys
  EXPECT_THAT(KeyRing::parse(doc(entry("a", "enabled", jwk))), HasError(Errc::malformed));
  EXPECT_THAT(KeyRing::parse(doc(R"({"id":"a","id":"b","state":"active","created":1,"key":)" + jwk + "}")),
              HasError(Errc::malformed));  // duplicate member
  EXPECT_THAT(KeyRing::parse(doc(R"({"id":"a","state":"active","created":1,"not-after":5,"key":)" + jwk + "}")),
              HasError(Errc::malformed));  // unknown member
  EXPECT_THAT(KeyRing::parse(doc(R"({"id":"a","state":"active","key":)" + jwk + "}")), HasError(Errc::malformed));
  EXPECT_THAT(KeyRing::parse(doc(R"({"id":"a","state":"active","created":-1,"key":)" + jwk + "}")),
              HasError(Errc::malformed));
  EXPECT_THAT(KeyRing::parse(doc(R"({"id":"a","state":"active","created":"1","key":)" + jwk + "}")),
              HasError(Errc::malformed));
  EXPECT_THAT(KeyRing::parse(doc(entry("", "active", jwk))), HasError(Errc::malformed));
  EXPECT_THAT(KeyRing::parse(doc(entry("a", "active", R"("a string")"))), HasError(Errc::malformed));
  EXPECT_THAT(KeyRing::parse(doc(entry("a", "active", R"({"kty":"oct","k":"c2hvcnQ","alg":"HS256"})"))),
              HasError(Errc::invalid_key));
  EXPECT_THAT(KeyRing::parse(R"({"signet_key_ring":2,"format":"jwt","keys":[]})"), HasError(Errc::unsupported));
  EXPECT_THAT(KeyRing::parse(R"({"signet_key_ring":1,"format":"django","keys":[]})"), HasError(Errc::key_mismatch));
  EXPECT_THAT(KeyRing::parse(R"({"signet_key_ring":1,"format":"jwt"})"), HasError(Errc::malformed));
  EXPECT_THAT(KeyRing::parse(R"({"signet_key_ring":1,"format":"jwt","keys":[],"extra":0})"), HasError(Errc::malformed));
  // A public key cannot be the active key.
  const auto pub = PrivateKey::generate(Algorithm::ES256).value().public_key().to_jwk();
  EXPECT_THAT(KeyRing::parse(doc(entry("a", "active", pub))), HasError(Errc::invalid_key));
  // A JWK kid must agree with the ring id.
  const auto named = HmacKey::generate(Algorithm::HS256, "x").value().to_jwk_with_secret();
  EXPECT_THAT(KeyRing::parse(doc(entry("y", "active", named))), HasError(Errc::malformed));
  // Size caps: the document, and the number of keys.
  EXPECT_THAT(KeyRing::parse(doc(entry("a", "active", jwk)), 64), HasError(Errc::payload_too_large));
  std::string many;
  for (int i = 0; i < 257; ++i) many += (i ? "," : "") + entry("k" + std::to_string(i), "verify", jwk);
  EXPECT_THAT(KeyRing::parse(doc(many)), HasError(Errc::payload_too_large));
}

TEST(JwtKeyRing, FromJwksIsVerifyOnly) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing issuer;
  ASSERT_THAT(issuer.add(PrivateKey::generate(Algorithm::ES256).value(), named("k1"), clock), IsOk());
  ASSERT_THAT(issuer.add(PrivateKey::generate(Algorithm::RS256).value(), named("k2"), clock), IsOk());
  const std::string token = sign_with(issuer, clock);
  auto relying = KeyRing::from_jwks(issuer.public_jwks(clock).value(), {}, clock);
  ASSERT_THAT(relying, IsOk());
  EXPECT_EQ(relying->size(), 2u);
  for (const auto& info : relying->list()) EXPECT_EQ(info.state, KeyState::verify_only);
  EXPECT_THAT(relying->signer({}, clock), HasError(Errc::invalid_key));
  EXPECT_THAT(relying->verifier(lenient(), clock).value().verify(token), IsOk());
  EXPECT_THAT(KeyRing::from_jwks(R"({"keys":[)" + PrivateKey::generate(Algorithm::ES256).value().public_key().to_jwk() + "]}"),
              HasError(Errc::invalid_argument));  // no kid
}

TEST(JwtKeyRing, OneVerifierManyThreadsCountsEveryDecision) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  ASSERT_THAT(ring.add(HmacKey::generate(Algorithm::HS256).value(), named("a"), clock), IsOk());
  const std::string by_a = sign_with(ring, clock);
  ASSERT_THAT(ring.add(HmacKey::generate(Algorithm::HS256).value(), named("b"), clock), IsOk());
  const std::string by_b = sign_with(ring, clock);
  ASSERT_THAT(ring.add(HmacKey::generate(Algorithm::HS256).value(), named("c"), clock), IsOk());
  ASSERT_THAT(ring.retire("a"), IsOk());
  const auto verifier = ring.verifier(lenient(), clock).value();
  constexpr int kThreads = 4, kRounds = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kRounds; ++i) {
        EXPECT_THAT(verifier.verify(by_a), HasError(Errc::revoked));
        EXPECT_THAT(verifier.verify(by_b), IsOk());
      }
    });
  }
  for (auto& th : threads) th.join();
  const RingStats stats = verifier.stats();
  EXPECT_EQ(stats.rejected_retired, std::uint64_t{kThreads * kRounds});
  EXPECT_EQ(stats.accepted_verify_only, std::uint64_t{kThreads * kRounds});
  EXPECT_EQ(stats.accepted_active, 0u);
}

}  // namespace
}  // namespace signet::jwt
