// Tests for itsdangerous::KeyRing: the oldest-first rotation list, not-after
// dates, retirement and the ring document.
#include "signet/itsdangerous/key_ring.h"

#include <gtest/gtest.h>

#include <string>

#include "signet/itsdangerous.h"
#include "support/matchers.h"

namespace signet::itsdangerous {
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

TEST(ItsdangerousKeyRing, RotationListIsOldestFirstWithActiveLast) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  ASSERT_THAT(ring.add(SecretBytes("k-one"), named("1"), clock), IsOk());
  const std::string old_token = Signer::create(ring.keys(clock).value()).value().sign("v");
  ASSERT_THAT(ring.add(SecretBytes("k-two"), named("2"), clock), IsOk());
  ASSERT_THAT(ring.add(SecretBytes("k-next"), named("3", true), clock), IsOk());
  auto keys = ring.keys(clock).value();
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_TRUE(keys[0].equals(SecretBytes("k-one").bytes()));
  EXPECT_TRUE(keys[1].equals(SecretBytes("k-next").bytes()));
  EXPECT_TRUE(keys[2].equals(SecretBytes("k-two").bytes()));  // active: signs
  auto signer = Signer::create(keys).value();
  EXPECT_EQ(signer.sign("v"), Signer::create(SecretBytes("k-two")).value().sign("v"));
  EXPECT_THAT(signer.unsign(old_token), IsOk());

  ASSERT_THAT(ring.retire("1"), IsOk());
  auto after = Signer::create(ring.keys(clock).value()).value();
  EXPECT_THAT(after.unsign(old_token), HasError(Errc::bad_signature));
}

TEST(ItsdangerousKeyRing, NotAfterAndInvariants) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  EXPECT_THAT(ring.keys(clock), HasError(Errc::invalid_key));
  AddKeyOptions expiring = named("old");
  expiring.not_after = std::chrono::sys_seconds(std::chrono::seconds(kNow - 1));
  ASSERT_THAT(ring.add(SecretBytes("a"), expiring, clock), IsOk());
  EXPECT_THAT(ring.keys(clock), HasError(Errc::invalid_key));
  auto id = ring.add_generated({}, clock);
  ASSERT_THAT(id, IsOk());
  EXPECT_EQ(ring.keys(clock).value().size(), 1u);  // "old" is past its date
  EXPECT_EQ(ring.keys(clock).value()[0].size(), 50u);
  EXPECT_THAT(ring.retire(*id), HasError(Errc::invalid_argument));
  EXPECT_THAT(ring.add(SecretBytes("a"), named("dup"), clock), HasError(Errc::invalid_argument));
}

TEST(ItsdangerousKeyRing, DocumentRoundTrip) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  KeyRing ring;
  ASSERT_THAT(ring.add(SecretBytes(std::string("\x01\x02\x00", 3)), named("bin"), clock), IsOk());
  ASSERT_THAT(ring.add(SecretBytes("text key"), named("text"), clock), IsOk());
  const std::string doc = ring.serialize();
  EXPECT_EQ(doc.rfind(R"({"signet_key_ring":1,"format":"itsdangerous",)", 0), 0u);
  auto back = KeyRing::parse(doc);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->serialize(), doc);
  EXPECT_THAT(KeyRing::parse(R"({"signet_key_ring":1,"format":"django","keys":[]})"), HasError(Errc::key_mismatch));
}

}  // namespace
}  // namespace signet::itsdangerous
