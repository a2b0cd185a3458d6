// Tests for django::KeyRing: rotation through fallback keys, not-after
// dates, retirement, and the strict ring document.
#include "signet/django/key_ring.h"

#include <gtest/gtest.h>

#include <string>

#include "support/matchers.h"

namespace signet::django {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

constexpr std::int64_t kNow = 1'800'000'000;

AddKeyOptions named(std::string id, bool verify = false) {
  AddKeyOptions o;
  o.id = std::move(id);
  o.verify_only = verify;
  return o;
}

TEST(DjangoKeyRing, RotationThroughFallbackKeys) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  ASSERT_THAT(ring.add(SecretBytes("first secret"), named("2025"), clock), IsOk());
  const std::string old_token = ring.timestamp_signer({}, clock).value().sign_object(R"({"u":1})").value();

  ASSERT_THAT(ring.add(SecretBytes("second secret"), named("2026"), clock), IsOk());
  auto signer = ring.timestamp_signer({}, clock).value();
  const std::string new_token = signer.sign_object(R"({"u":2})").value();
  EXPECT_THAT(signer.unsign_object(old_token), IsOk());
  EXPECT_THAT(signer.unsign_object(new_token), IsOk());
  // New tokens are made with the new key alone.
  auto only_new = TimestampSigner::create(SecretBytes("second secret"), {}, clock).value();
  EXPECT_THAT(only_new.unsign_object(new_token), IsOk());
  EXPECT_THAT(only_new.unsign_object(old_token), HasError(Errc::bad_signature));

  auto keys = ring.keys(clock).value();
  EXPECT_TRUE(keys.key.equals(SecretBytes("second secret").bytes()));
  ASSERT_EQ(keys.fallback_keys.size(), 1u);
  EXPECT_TRUE(keys.fallback_keys[0].equals(SecretBytes("first secret").bytes()));

  ASSERT_THAT(ring.retire("2025"), IsOk());
  auto after = ring.timestamp_signer({}, clock).value();
  EXPECT_THAT(after.unsign_object(old_token), HasError(Errc::bad_signature));
  EXPECT_THAT(after.unsign_object(new_token), IsOk());
}

TEST(DjangoKeyRing, FallbacksKeepRingOrderAndSkipExpiredKeys) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  AddKeyOptions soon = named("b");
  soon.not_after = std::chrono::sys_seconds(std::chrono::seconds(kNow - 1));
  ASSERT_THAT(ring.add(SecretBytes("a-secret"), named("a"), clock), IsOk());
  ASSERT_THAT(ring.add(SecretBytes("b-secret"), soon, clock), IsOk());
  // The active key "b" is past its date: nothing signs.
  EXPECT_THAT(ring.keys(clock), HasError(Errc::invalid_key));
  ASSERT_THAT(ring.add(SecretBytes("c-secret"), named("c"), clock), IsOk());
  ASSERT_THAT(ring.add(SecretBytes("d-secret"), named("d", true), clock), IsOk());
  auto keys = ring.keys(clock).value();
  EXPECT_TRUE(keys.key.equals(SecretBytes("c-secret").bytes()));
  ASSERT_EQ(keys.fallback_keys.size(), 2u);  // "b" is past its date
  EXPECT_TRUE(keys.fallback_keys[0].equals(SecretBytes("a-secret").bytes()));
  EXPECT_TRUE(keys.fallback_keys[1].equals(SecretBytes("d-secret").bytes()));
}

TEST(DjangoKeyRing, Invariants) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  EXPECT_THAT(ring.signer({}, clock), HasError(Errc::invalid_key));
  EXPECT_THAT(ring.add(SecretBytes(""), named("e"), clock), HasError(Errc::invalid_key));
  ASSERT_THAT(ring.add(SecretBytes("one"), {}, clock), IsOk());
  EXPECT_EQ(ring.list()[0].id.size(), 16u);
  EXPECT_EQ(ring.list()[0].algorithm, "secret");
  EXPECT_TRUE(ring.list()[0].thumbprint.empty());
  EXPECT_THAT(ring.add(SecretBytes("one"), named("again"), clock), HasError(Errc::invalid_argument));
  EXPECT_THAT(ring.add(SecretBytes("two"), named(ring.list()[0].id), clock), HasError(Errc::invalid_argument));
  EXPECT_THAT(ring.retire(ring.list()[0].id), HasError(Errc::invalid_argument));
}

TEST(DjangoKeyRing, DocumentRoundTripKeepsArbitraryBytes) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  const std::string binary("\x00\xff\"\\k\n", 6);
  ASSERT_THAT(ring.add(SecretBytes(binary), named("bin"), clock), IsOk());
  ASSERT_THAT(ring.add(SecretBytes("django-insecure-abc"), named("text"), clock), IsOk());
  const std::string doc = ring.serialize();
  EXPECT_EQ(doc.find("django-insecure"), std::string::npos);  // base64url, not raw
  auto back = KeyRing::parse(doc);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->serialize(), doc);
  auto keys = back->keys(clock).value();
  EXPECT_TRUE(keys.key.equals(SecretBytes("django-insecure-abc").bytes()));
  ASSERT_EQ(keys.fallback_keys.size(), 1u);
  EXPECT_TRUE(keys.fallback_keys[0].equals(SecretBytes(binary).bytes()));
}

TEST(DjangoKeyRing, StrictDocument) {
  auto doc = [](const std::string& key) {
    return R"({"signet_key_ring":1,"format":"django","keys":[{"id":"a","state":"active","created":1,"key":)" + key +
           "}]}";
  };
  EXPECT_THAT(KeyRing::parse(doc(R"("c2VjcmV0")")), IsOk());
  EXPECT_THAT(KeyRing::parse(doc(R"("c2VjcmV0=")")), HasError(Errc::invalid_key));  // padding
  EXPECT_THAT(KeyRing::parse(doc(R"("c2VjcmV0+")")), HasError(Errc::invalid_key));
  EXPECT_THAT(KeyRing::parse(doc(R"("")")), HasError(Errc::invalid_key));
  EXPECT_THAT(KeyRing::parse(doc("{}")), HasError(Errc::malformed));
  EXPECT_THAT(KeyRing::parse(R"({"signet_key_ring":1,"format":"jwt","keys":[]})"), HasError(Errc::key_mismatch));
}

}  // namespace
}  // namespace signet::django
