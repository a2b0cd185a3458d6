#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "signet/itsdangerous.h"
#include "support/matchers.h"

namespace signet::itsdangerous {
namespace {

using namespace std::chrono_literals;
using signet::testing::HasError;
using signet::testing::IsOk;

constexpr std::int64_t kT0 = 1700000000;

const SecretBytes& test_key() {
  static const SecretBytes key(std::string_view("test-secret-key"));
  return key;
}

FixedClock at(std::int64_t seconds, std::chrono::nanoseconds extra = 0ns) {
  return FixedClock(UnixTime(std::chrono::seconds(seconds) + extra));
}

UnsignOptions max_age(std::chrono::seconds s) {
  UnsignOptions o;
  o.max_age = s;
  return o;
}

// Expected tokens: itsdangerous 2.1.2 TimestampSigner(b"test-secret-key").sign(b"hello")
// with time.time() patched.
TEST(ItsdangerousTimestampSignerTest, SignMatchesItsdangerous) {
  const FixedClock t0 = at(kT0);
  auto signer = TimestampSigner::create(test_key(), {}, t0).value();
  auto token = signer.sign("hello");
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(*token, "hello.ZVPxAA.fI_qtH3geYgdEzcphxt1j9ZQ0pE");

  // int(time.time()) truncates: 0.999 s later is the same second.
  const FixedClock later = at(kT0, 999ms);
  EXPECT_EQ(*TimestampSigner::create(test_key(), {}, later)->sign("hello"), *token);
}

TEST(ItsdangerousTimestampSignerTest, TimestampEncodingEdges) {
  // 0 is the empty field (int_to_bytes(0) == b""); big values are minimal big-endian.
  const FixedClock zero = at(0);
  EXPECT_EQ(*TimestampSigner::create(test_key(), {}, zero)->sign("hello"), "hello..ZrUZnC8RdBn_GbKJRK73KMQxJ_o");
  // 2^33 + 5 (year 2242): five bytes. (A FixedClock holds int64 nanoseconds,
  // so about 2^33 s is as far as a clock goes; the decoder takes all 64 bits.)
  const FixedClock big = at((std::int64_t{1} << 33) + 5);
  auto big_signer = TimestampSigner::create(test_key(), {}, big).value();
  EXPECT_EQ(*big_signer.sign("hello"), "hello.AgAAAAU.I_51Y6nQ1ERJLFJQcATpoPOtR_w");
  auto stamped = big_signer.unsign_stamped(std::string_view("hello.AQAAAAAF.ivI4quvZUbRscSPhtqtGzODbzHc"));
  ASSERT_THAT(stamped, IsOk());  // itsdangerous at 2^40 + 5
  EXPECT_EQ(stamped->value, "hello");
  EXPECT_EQ(stamped->timestamp, (std::uint64_t{1} << 40) + 5);
  auto at_zero = TimestampSigner::create(test_key(), {}, zero)->unsign_stamped(std::string_view("hello..ZrUZnC8RdBn_GbKJRK73KMQxJ_o"));
  ASSERT_THAT(at_zero, IsOk());
  EXPECT_EQ(at_zero->timestamp, 0u);
}

TEST(ItsdangerousTimestampSignerTest, ClockBeforeTheEpochCannotSign) {
  const FixedClock before = at(-1);
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, before)->sign("x"), HasError(Errc::invalid_argument));
  // int(-0.5) == 0 in Python too: that one can sign.
  const FixedClock half = at(0, -500ms);
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, half)->sign("x"), IsOk());
}

TEST(ItsdangerousTimestampSignerTest, MaxAgeBoundaryIsInclusiveOnWholeSeconds) {
  const std::string token = "hello.ZVPxAA.fI_qtH3geYgdEzcphxt1j9ZQ0pE";
  const FixedClock boundary = at(kT0 + 100, 999ms);  // int(now) - ts == 100
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, boundary)->unsign(token, max_age(100s)), IsOk());
  const FixedClock past = at(kT0 + 101);
  auto expired = TimestampSigner::create(test_key(), {}, past)->unsign(token, max_age(100s));
  EXPECT_THAT(expired, HasError(Errc::expired));
  EXPECT_EQ(expired.error().detail(), "signature age 101 > 100 seconds");
  // No max_age: never expires.
  const FixedClock far = at(kT0 + 100'000'000);
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, far)->unsign(token), IsOk());
  const FixedClock same = at(kT0);
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, same)->unsign(token, max_age(0s)), IsOk());
}

TEST(ItsdangerousTimestampSignerTest, FutureTimestampsAreRejectedOnlyWithMaxAge) {
  const std::string token = "hello.ZVPxAA.fI_qtH3geYgdEzcphxt1j9ZQ0pE";
  const FixedClock early = at(kT0 - 5);
  auto signer = TimestampSigner::create(test_key(), {}, early).value();
  auto future = signer.unsign(token, max_age(100s));
  EXPECT_THAT(future, HasError(Errc::not_yet_valid));
  EXPECT_EQ(future.error().detail(), "signature age -5 < 0 seconds");
  EXPECT_THAT(signer.unsign(token), IsOk());
  // One second early is already refused: itsdangerous has no skew tolerance.
  const FixedClock one = at(kT0 - 1, 999ms);  // int(now) = T0 - 1
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, one)->unsign(token, max_age(100s)),
              HasError(Errc::not_yet_valid));
}

TEST(ItsdangerousTimestampSignerTest, NegativeMaxAgeIsAlwaysRejected) {
  const std::string token = "hello.ZVPxAA.fI_qtH3geYgdEzcphxt1j9ZQ0pE";
  const FixedClock same = at(kT0);
  auto r = TimestampSigner::create(test_key(), {}, same)->unsign(token, max_age(-1s));
  EXPECT_THAT(r, HasError(Errc::expired));
  EXPECT_EQ(r.error().detail(), "signature age 0 > -1 seconds");
  const FixedClock early = at(kT0 - 10);
  // age -10 is not > -5, so itsdangerous reports the negative age.
  EXPECT_THAT(TimestampSigner::create(test_key(), {}, early)->unsign(token, max_age(-5s)), HasError(Errc::not_yet_valid));
}

TEST(ItsdangerousTimestampSignerTest, TimestampFieldMustBeWhatItsdangerousWrites) {
  // Validly signed values (plain Signer, same key and salt) with odd
  // timestamp fields. itsdangerous accepts the padded, non-canonical and
  // non-minimal spellings; signet refuses them (bad_payload).
  const FixedClock clock = at(kT0);
  auto plain = Signer::create(test_key()).value();
  auto timed = TimestampSigner::create(test_key(), {}, clock).value();
  struct Case {
    const char* signed_value;
    Errc code;
  } cases[] = {
      {"v", Errc::bad_payload},                // itsdangerous: BadTimeSignature("timestamp missing")
      {"v.AAAAAAAAAAAB", Errc::bad_payload},   // 9 bytes: "Malformed timestamp"
      {"v.AGVT8QA", Errc::bad_payload},        // leading zero byte
      {"v.ZVPxAA==", Errc::bad_payload},       // padded
      {"v.ZVPxAB", Errc::bad_payload},         // spare bits set
      {"v.ZVP", Errc::bad_payload},            // 2 bytes with spare bits set
      {"v.Z", Errc::bad_payload},              // length % 4 == 1
      {"v.ZV!xAA", Errc::bad_payload},         // not base64url
      {"v.ZVPx+A", Errc::bad_payload},         // standard alphabet
  };
  for (const auto& c : cases) {
    const std::string token = plain.sign(c.signed_value);
    EXPECT_THAT(timed.unsign(token), HasError(c.code)) << c.signed_value;
  }
  // Accepted, as by itsdangerous: a Signer token whose value ends in ".<ts>"
  // (the signers share the salt, spec §4.5), and the full 64-bit range.
  const std::string confused = plain.sign("data.AQ");
  auto stamped = timed.unsign_stamped(confused);
  ASSERT_THAT(stamped, IsOk());
  EXPECT_EQ(stamped->value, "data");
  EXPECT_EQ(stamped->timestamp, 1u);
  const std::string max = plain.sign("v.__________8");
  auto huge = timed.unsign_stamped(max);
  ASSERT_THAT(huge, IsOk());
  EXPECT_EQ(huge->timestamp, ~std::uint64_t{0});
  // ... which is in the future whatever max_age.
  EXPECT_THAT(timed.unsign(max, max_age(std::chrono::seconds::max())), HasError(Errc::not_yet_valid));
}

TEST(ItsdangerousTimestampSignerTest, SignatureErrorsComeFirst) {
  const FixedClock clock = at(kT0);
  auto timed = TimestampSigner::create(test_key(), {}, clock).value();
  EXPECT_THAT(timed.unsign("no-separator"), HasError(Errc::malformed));
  EXPECT_THAT(timed.unsign("hello.ZVPxAA.fI_qtH3geYgdEzcphxt1j9ZQ0pF"), HasError(Errc::bad_signature));
  EXPECT_THAT(timed.unsign("hello.ZVPxAB.fI_qtH3geYgdEzcphxt1j9ZQ0pE"), HasError(Errc::bad_signature));
  // The signers share the default salt, so a plain Signer token verifies and
  // then lacks a timestamp (itsdangerous: BadTimeSignature "timestamp missing").
  const std::string plain = Signer::create(test_key())->sign("hello");
  EXPECT_THAT(timed.unsign(plain, max_age(10s)), HasError(Errc::bad_payload));
  SignerOptions other_salt;
  other_salt.salt = "other";
  const std::string salted = Signer::create(test_key(), other_salt)->sign("hello.ZVPxAA");
  EXPECT_THAT(timed.unsign(salted), HasError(Errc::bad_signature));
}

TEST(ItsdangerousTimestampSignerTest, RotationAndOptions) {
  std::vector<SecretBytes> list;
  list.emplace_back(std::string_view("old"));
  list.emplace_back(std::string_view("new"));
  const FixedClock clock = at(kT0);
  SignerOptions options;
  options.salt = "s";
  options.sep = "~";
  options.digest = Digest::sha512;
  options.key_derivation = KeyDerivation::hmac;
  auto rotating = TimestampSigner::create(list, options, clock).value();
  auto old_only = TimestampSigner::create(list[0], options, clock).value();
  auto new_only = TimestampSigner::create(list[1], options, clock).value();
  const std::string old_token = *old_only.sign("x~y");
  const std::string new_token = *new_only.sign("x~y");
  EXPECT_EQ(*rotating.sign("x~y"), new_token);
  for (const std::string& t : {old_token, new_token}) {
    auto v = rotating.unsign(t, max_age(0s));
    ASSERT_THAT(v, IsOk());
    EXPECT_EQ(*v, "x~y");
  }
  EXPECT_THAT(old_only.unsign(new_token), HasError(Errc::bad_signature));
  // max_age applies whichever key matched.
  const FixedClock later = at(kT0 + 11);
  EXPECT_THAT(TimestampSigner::create(list, options, later)->unsign(old_token, max_age(10s)), HasError(Errc::expired));
}

}  // namespace
}  // namespace signet::itsdangerous
