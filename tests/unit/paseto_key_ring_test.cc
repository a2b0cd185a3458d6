// Tests for paseto::KeyRing: footer kids (PASERK ids), rotation, retirement,
// not-after dates, purposes, and the strict ring document.
#include "signet/paseto/key_ring.h"

#include <gtest/gtest.h>

#include <string>

#include "support/matchers.h"

namespace signet::paseto {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

constexpr std::int64_t kNow = 1'800'000'000;

Policy lenient() { return PolicyBuilder().allow_missing_exp().build().value(); }

AddKeyOptions verify_only() {
  AddKeyOptions o;
  o.verify_only = true;
  return o;
}

TEST(PasetoKeyRing, LocalRotation) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  const auto k1 = LocalKey::generate().value();
  const auto k2 = LocalKey::generate().value();
  KeyRing ring;
  ASSERT_THAT(ring.add(k1, {}, clock), IsOk());
  EXPECT_EQ(ring.purpose(), Purpose::local);
  const std::string old_token = ring.encrypt(Claims().subject("a"), {}, clock).value();
  EXPECT_EQ(unverified_footer(old_token).value(), R"({"kid":")" + k1.id() + R"("})");
  // The footer kid is the one PASERK defines: plain decryption still works.
  EXPECT_THAT(Decryptor::create(k1, lenient(), clock).value().decrypt(old_token), IsOk());

  ASSERT_THAT(ring.add(k2, {}, clock), IsOk());
  const std::string new_token = ring.encrypt(Claims().subject("b"), {}, clock).value();
  EXPECT_EQ(unverified_footer(new_token).value(), R"({"kid":")" + k2.id() + R"("})");
  {
    auto verifier = ring.verifier(lenient(), clock).value();
    EXPECT_THAT(verifier.verify(old_token), IsOk());
    EXPECT_THAT(verifier.verify(new_token), IsOk());
    EXPECT_EQ(verifier.stats().accepted_verify_only, 1u);
    EXPECT_EQ(verifier.stats().accepted_active, 1u);
  }
  ASSERT_THAT(ring.retire(k1.id()), IsOk());
  auto verifier = ring.verifier(lenient(), clock).value();
  EXPECT_THAT(verifier.verify(old_token), HasError(Errc::revoked));
  EXPECT_THAT(verifier.verify(new_token), IsOk());
  EXPECT_EQ(verifier.stats().rejected_retired, 1u);
}

TEST(PasetoKeyRing, PublicRotationAndRelyingParty) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  const auto s1 = SecretKey::generate().value();
  const auto s2 = SecretKey::generate().value();
  KeyRing issuer;
  ASSERT_THAT(issuer.add(s1, {}, clock), IsOk());
  const std::string old_token = issuer.sign(Claims().subject("a"), {}, clock).value();
  ASSERT_THAT(issuer.add(s2, {}, clock), IsOk());
  const std::string new_token = issuer.sign(Claims().subject("b"), {}, clock).value();
  EXPECT_EQ(issuer.list()[1].id, s2.public_key().id());
  EXPECT_EQ(issuer.list()[1].algorithm, "k4.secret");
  EXPECT_THAT(issuer.encrypt(Claims(), {}, clock), HasError(Errc::key_mismatch));

  // A relying party holds only the public keys, verify-only.
  KeyRing relying;
  ASSERT_THAT(relying.add(s1.public_key(), verify_only(), clock), IsOk());
  ASSERT_THAT(relying.add(s2.public_key(), verify_only(), clock), IsOk());
  EXPECT_THAT(relying.add(s2.public_key(), {}, clock), HasError(Errc::invalid_argument));
  EXPECT_THAT(relying.activate(s1.public_key().id()), HasError(Errc::invalid_key));
  auto verifier = relying.verifier(lenient(), clock).value();
  EXPECT_THAT(verifier.verify(old_token), IsOk());
  EXPECT_THAT(verifier.verify(new_token), IsOk());
  EXPECT_THAT(relying.sign(Claims(), {}, clock), HasError(Errc::invalid_key));
}

TEST(PasetoKeyRing, KidSelectionAndForgery) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  const auto k1 = LocalKey::generate().value();
  KeyRing ring;
  ASSERT_THAT(ring.add(k1, {}, clock), IsOk());
  auto verifier = ring.verifier(lenient(), clock).value();
  // No footer, a non-JSON footer, an unknown kid.
  EXPECT_THAT(verifier.verify(encrypt(k1, Claims()).value()), HasError(Errc::key_mismatch));
  TokenOptions text_footer;
  text_footer.footer = "hello";
  EXPECT_THAT(verifier.verify(encrypt(k1, Claims(), text_footer).value()), HasError(Errc::key_mismatch));
  const auto other = LocalKey::generate().value();
  TokenOptions other_kid;
  other_kid.footer = R"({"kid":")" + other.id() + R"("})";
  EXPECT_THAT(verifier.verify(encrypt(other, Claims(), other_kid).value()), HasError(Errc::key_mismatch));
  // The ring's kid with another key: the MAC decides.
  TokenOptions forged_kid;
  forged_kid.footer = R"({"kid":")" + k1.id() + R"("})";
  EXPECT_THAT(verifier.verify(encrypt(other, Claims(), forged_kid).value()), HasError(Errc::bad_signature));
}

TEST(PasetoKeyRing, UserFooterKeepsItsMembers) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  const auto k1 = LocalKey::generate().value();
  KeyRing ring;
  ASSERT_THAT(ring.add(k1, {}, clock), IsOk());
  TokenOptions options;
  options.footer = R"({ "app" : "x" })";
  const auto token = ring.encrypt(Claims(), options, clock).value();
  EXPECT_EQ(unverified_footer(token).value(), R"({"kid":")" + k1.id() + R"(","app":"x"})");
  EXPECT_THAT(ring.verifier(lenient(), clock).value().verify(token), IsOk());
  options.footer = R"({"kid":"mine"})";
  EXPECT_THAT(ring.encrypt(Claims(), options, clock), HasError(Errc::invalid_argument));
  options.footer = "plain text";
  EXPECT_THAT(ring.encrypt(Claims(), options, clock), HasError(Errc::invalid_argument));
}

TEST(PasetoKeyRing, NotAfter) {
  const FixedClock t0 = FixedClock::from_seconds(kNow);
  const FixedClock after = FixedClock::from_seconds(kNow + 61);
  KeyRing ring;
  AddKeyOptions o;
  o.not_after = std::chrono::sys_seconds(std::chrono::seconds(kNow + 60));
  ASSERT_THAT(ring.add(LocalKey::generate().value(), o, t0), IsOk());
  const auto token = ring.encrypt(Claims(), {}, t0).value();
  EXPECT_THAT(ring.encrypt(Claims(), {}, after), HasError(Errc::invalid_key));
  EXPECT_THAT(ring.verifier(lenient(), t0).value().verify(token), IsOk());
  auto late = ring.verifier(lenient(), after).value();
  EXPECT_THAT(late.verify(token), HasError(Errc::revoked));
  EXPECT_EQ(late.stats().rejected_not_after, 1u);
}

TEST(PasetoKeyRing, OnePurposePerRingAndComputedIds) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  const auto local = LocalKey::generate().value();
  ASSERT_THAT(ring.add(local, {}, clock), IsOk());
  EXPECT_THAT(ring.add(SecretKey::generate().value(), {}, clock), HasError(Errc::key_mismatch));
  EXPECT_THAT(ring.add(local, {}, clock), HasError(Errc::invalid_argument));  // same id twice
  AddKeyOptions chosen;
  chosen.id = "my-name";
  EXPECT_THAT(ring.add(LocalKey::generate().value(), chosen, clock), HasError(Errc::invalid_argument));
}

TEST(PasetoKeyRing, DocumentRoundTripAndStrictness) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  const auto s1 = SecretKey::generate().value();
  ASSERT_THAT(ring.add(s1, {}, clock), IsOk());
  ASSERT_THAT(ring.add(SecretKey::generate().value().public_key(), verify_only(), clock), IsOk());
  ASSERT_THAT(ring.add(SecretKey::generate().value(), {}, clock), IsOk());
  ASSERT_THAT(ring.retire(s1.public_key().id()), IsOk());
  const std::string doc = ring.serialize();
  auto back = KeyRing::parse(doc);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->serialize(), doc);
  const auto token = back->sign(Claims(), {}, clock).value();
  EXPECT_THAT(ring.verifier(lenient(), clock).value().verify(token), IsOk());

  auto one = [](const std::string& id, const std::string& state, const std::string& key) {
    return R"({"signet_key_ring":1,"format":"paseto","keys":[{"id":")" + id + R"(","state":")" + state +
           R"(","created":1,"key":")" + key + R"("}]})";
  };
  const auto local = LocalKey::generate().value();
  EXPECT_THAT(KeyRing::parse(one(local.id(), "active", local.to_paserk())), IsOk());
  EXPECT_THAT(KeyRing::parse(one("k4.lid.wrong", "active", local.to_paserk())), HasError(Errc::malformed));
  EXPECT_THAT(KeyRing::parse(one(local.id(), "active", "k3.local.AAAA")), HasError(Errc::invalid_key));
  EXPECT_THAT(KeyRing::parse(one(local.id(), "active", local.id())), HasError(Errc::key_mismatch));
  const auto pub = SecretKey::generate().value().public_key();
  EXPECT_THAT(KeyRing::parse(one(pub.id(), "active", pub.to_paserk())), HasError(Errc::invalid_key));
  EXPECT_THAT(KeyRing::parse(one(pub.id(), "verify", pub.to_paserk())), IsOk());
  const std::string mixed = R"({"signet_key_ring":1,"format":"paseto","keys":[{"id":")" + local.id() +
                            R"(","state":"active","created":1,"key":")" + local.to_paserk() + R"("},{"id":")" +
                            pub.id() + R"(","state":"verify","created":1,"key":")" + pub.to_paserk() + R"("}]})";
  EXPECT_THAT(KeyRing::parse(mixed), HasError(Errc::key_mismatch));
}

}  // namespace
}  // namespace signet::paseto
