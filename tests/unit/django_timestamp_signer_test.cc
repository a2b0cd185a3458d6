#include <gtest/gtest.h>

#include <string>

#include "signet/django.h"
#include "support/matchers.h"

namespace signet::django {
namespace {

using namespace std::chrono_literals;
using signet::testing::HasError;
using signet::testing::IsOk;

constexpr std::int64_t kT0 = 1700000000;

const SecretBytes& test_key() {
  static const SecretBytes key(std::string_view("test-secret-key"));
  return key;
}

FixedClock at(std::chrono::nanoseconds since_t0) { return FixedClock(UnixTime(std::chrono::seconds(kT0) + since_t0)); }

TEST(DjangoTimestampSignerTest, SignMatchesDjango) {
  const FixedClock clock = at(0s);
  auto signer = TimestampSigner::create(test_key(), {}, clock);
  ASSERT_THAT(signer, IsOk());
  EXPECT_EQ(signer->sign("hello"), "hello:1r31eq:bI-reVCgAQqA6NH_MVUY791PTRb9Mb2fwN5bTx1JFV0");
  // int(time.time()) truncates: signing at T0 + 0.999 gives the same token.
  const FixedClock later = at(999ms);
  EXPECT_EQ(TimestampSigner::create(test_key(), {}, later)->sign("hello"),
            "hello:1r31eq:bI-reVCgAQqA6NH_MVUY791PTRb9Mb2fwN5bTx1JFV0");
}

TEST(DjangoTimestampSignerTest, MaxAgeBoundaryIsInclusive) {
  const std::string token = "hello:1r31eq:bI-reVCgAQqA6NH_MVUY791PTRb9Mb2fwN5bTx1JFV0";
  const FixedClock exactly = at(100s);
  const FixedClock just_after = at(100s + 1ms);
  const FixedClock long_before = at(-1000s);
  UnsignOptions options;
  options.max_age = 100s;
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, exactly)->unsign(token, options), IsOk());
  auto expired = TimestampSigner::create(test_key(), {}, just_after)->unsign(token, options);
  ASSERT_THAT(expired, HasError(Errc::expired));
  EXPECT_EQ(expired.error().detail(), "signature age 100.001 > 100 seconds");
  // Django accepts timestamps from the future unless asked not to.
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, long_before)->unsign(token, options), IsOk());
  options.max_future = 60s;
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, long_before)->unsign(token, options),
              HasError(Errc::not_yet_valid));
  options.max_future = 1000s;
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, long_before)->unsign(token, options), IsOk());
}

TEST(DjangoTimestampSignerTest, FractionalMaxAge) {
  const std::string token = "hello:1r31eq:bI-reVCgAQqA6NH_MVUY791PTRb9Mb2fwN5bTx1JFV0";
  UnsignOptions options;
  options.max_age = 100500ms;
  const FixedClock inside = at(100500ms);
  const FixedClock outside = at(100501ms);
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, inside)->unsign(token, options), IsOk());
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, outside)->unsign(token, options), HasError(Errc::expired));
}

TEST(DjangoTimestampSignerTest, ZeroAndNegativeMaxAge) {
  const std::string token = "hello:1r31eq:bI-reVCgAQqA6NH_MVUY791PTRb9Mb2fwN5bTx1JFV0";
  UnsignOptions zero;
  zero.max_age = 0s;
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, at(0s))->unsign(token, zero), IsOk());
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, at(1ns))->unsign(token, zero), HasError(Errc::expired));
  UnsignOptions negative;
  negative.max_age = -5s;
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, at(0s))->unsign(token, negative), HasError(Errc::expired));
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, at(-5s))->unsign(token, negative), IsOk());
}

TEST(DjangoTimestampSignerTest, TimestampOf) {
  const FixedClock clock = at(0s);
  auto signer = TimestampSigner::create(test_key(), {}, clock);
  auto ts = signer->timestamp_of(signer->sign("x"));
  ASSERT_THAT(ts, IsOk());
  EXPECT_EQ(*ts, kT0);
}

TEST(DjangoTimestampSignerTest, NegativeTimestampsBeforeTheEpoch) {
  const FixedClock clock(UnixTime(std::chrono::milliseconds(-100500)));
  auto signer = TimestampSigner::create(test_key(), {}, clock);
  const std::string token = signer->sign("old");
  // -100.5 truncates toward zero to -100, base62 "-1c".
  EXPECT_EQ(token.substr(0, 8), "old:-1c:");
  EXPECT_EQ(*signer->timestamp_of(token), -100);
}

TEST(DjangoTimestampSignerTest, SignerAndTimestampSignerTokensDoNotMix) {
  const FixedClock clock = at(0s);
  auto timestamped = TimestampSigner::create(test_key(), {}, clock);
  auto plain = Signer::create(test_key());
  // Different default salts: neither verifies the other's token.
  const std::string plain_token = plain->sign("hello");
  const std::string timestamped_token = timestamped->sign("hello");
  EXPECT_THAT(timestamped->unsign(plain_token), HasError(Errc::bad_signature));
  EXPECT_THAT(plain->unsign(timestamped_token), HasError(Errc::bad_signature));
  // With the same salt, a Signer token without a timestamp field is a bad payload.
  SignerOptions same_salt;
  same_salt.salt = "shared";
  auto plain_shared = Signer::create(test_key(), same_salt);
  auto timestamped_shared = TimestampSigner::create(test_key(), same_salt, clock);
  const std::string no_timestamp = plain_shared->sign("hello");
  const std::string bad_timestamp = plain_shared->sign("hello:!!");
  EXPECT_THAT(timestamped_shared->unsign(no_timestamp), HasError(Errc::bad_payload));
  EXPECT_THAT(timestamped_shared->unsign(bad_timestamp), HasError(Errc::bad_payload));
}

TEST(DjangoTimestampSignerTest, TamperedTimestampFails) {
  const std::string token = "hello:1r31eq:bI-reVCgAQqA6NH_MVUY791PTRb9Mb2fwN5bTx1JFV0";
  const FixedClock clock = at(0s);
  auto signer = TimestampSigner::create(test_key(), {}, clock);
  EXPECT_THAT(signer->unsign("hello:1r31er:bI-reVCgAQqA6NH_MVUY791PTRb9Mb2fwN5bTx1JFV0"),
              HasError(Errc::bad_signature));
  EXPECT_THAT(signer->unsign(token), IsOk());
}

TEST(DjangoTimestampSignerTest, ExpiredAfterFallbackMatch) {
  const SecretBytes old_key(std::string_view("old"));
  const FixedClock then = at(0s);
  const std::string token = TimestampSigner::create(old_key, {}, then)->sign("x");
  SignerOptions options;
  options.fallback_keys.push_back(old_key.clone());
  const FixedClock now = at(10s);
  auto signer = TimestampSigner::create(test_key(), options, now);
  UnsignOptions unsign_options;
  unsign_options.max_age = 5s;
  EXPECT_THAT(signer->unsign(token, unsign_options), HasError(Errc::expired));
  unsign_options.max_age = 10s;
  EXPECT_THAT(signer->unsign(token, unsign_options), IsOk());
}

}  // namespace
}  // namespace signet::django
