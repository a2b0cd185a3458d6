#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "signet/django.h"
#include "support/matchers.h"

namespace signet::django {
namespace {

using namespace std::chrono_literals;
using signet::testing::HasError;
using signet::testing::IsOk;

const SecretBytes& test_key() {
  static const SecretBytes key(std::string_view("test-secret-key"));
  return key;
}

const FixedClock& t0() {
  static const FixedClock clock = FixedClock::from_seconds(1700000000);
  return clock;
}

DumpsOptions at_t0(bool compress = false) {
  DumpsOptions options;
  options.clock = &t0();
  options.compress = compress;
  return options;
}

SignerOptions dumps_salt() {
  SignerOptions options;
  options.salt = std::string(kDumpsSalt);
  return options;
}

LoadsOptions load_at_t0() {
  LoadsOptions options;
  options.clock = &t0();
  return options;
}

// Expected tokens: Django 3.2.25 signing.dumps(..., key='test-secret-key') at time 1700000000.
TEST(DjangoDumpsTest, MatchesDjangoByteForByte) {
  auto token = dumps(R"({"a": 1, "b": [1, 2, 3], "c": null})", test_key(), at_t0());
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(*token, "eyJhIjoxLCJiIjpbMSwyLDNdLCJjIjpudWxsfQ:1r31eq:Hpczh0erTdPSkdaR_9PnhuEdUFpy5iqoWVh1hA6OUyU");
}

TEST(DjangoDumpsTest, CompressedMatchesDjango) {
  auto token = dumps("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]", test_key(), at_t0(true));
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(*token,
            ".eJwFwcERACAIwLCF-rCiILN47r-GyZVJsNgkxaFxoDgxcOHGxMKD_T7vhAml:1r31eq:"
            "T3NnQ4O6Mmi1L3kk38J7RBXJBIrvr6y3m_mvfQ5aT2I");
  auto value = loads(*token, test_key(), load_at_t0());
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(*value, "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]");
}

TEST(DjangoDumpsTest, NonAsciiIsEscapedAsDjangoDoes) {
  // Django: signing.dumps("héllo ☃ 😀\x7f\n")
  auto token = dumps("\"h\xc3\xa9llo \xe2\x98\x83 \xf0\x9f\x98\x80\x7f\\n\"", test_key(), at_t0());
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(*token,
            "ImhcdTAwZTlsbG8gXHUyNjAzIFx1ZDgzZFx1ZGUwMFx1MDA3ZlxuIg:1r31eq:e3n1lrxSgNtYo4b2lkXVVXtAexQTmnovDxo2OhWZlGY");
  auto value = loads(*token, test_key(), load_at_t0());
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(*value, "\"h\xc3\xa9llo \xe2\x98\x83 \xf0\x9f\x98\x80\x7f\\n\"");
}

TEST(DjangoDumpsTest, SmallPayloadIsNotCompressed) {
  auto plain = dumps(R"({"user_id":123456})", test_key(), at_t0(false));
  auto compressed = dumps(R"({"user_id":123456})", test_key(), at_t0(true));
  ASSERT_THAT(compressed, IsOk());
  EXPECT_EQ(*plain, *compressed);
  EXPECT_NE(compressed->front(), '.');
}

TEST(DjangoDumpsTest, LoadsChecksMaxAge) {
  auto token = dumps(R"({"user_id":123456})", test_key(), at_t0());
  const FixedClock later = FixedClock::from_seconds(1700003700);
  LoadsOptions options;
  options.clock = &later;
  options.max_age = 3600s;
  auto expired = loads(*token, test_key(), options);
  ASSERT_THAT(expired, HasError(Errc::expired));
  EXPECT_EQ(expired.error().detail(), "signature age 3700 > 3600 seconds");
  options.max_age = 3700s;
  EXPECT_THAT(loads(*token, test_key(), options), IsOk());
}

TEST(DjangoDumpsTest, DecompressionBombIsCapped) {
  const std::string big = "\"" + std::string(2'000'000, 'a') + "\"";
  auto token = dumps(big, test_key(), at_t0(true));
  ASSERT_THAT(token, IsOk());
  EXPECT_LT(token->size(), 10'000u);
  EXPECT_THAT(loads(*token, test_key(), load_at_t0()), HasError(Errc::payload_too_large));
  LoadsOptions roomy = load_at_t0();
  roomy.max_inflate = big.size();
  auto value = loads(*token, test_key(), roomy);
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(value->size(), big.size());
  roomy.max_inflate = big.size() - 1;
  EXPECT_THAT(loads(*token, test_key(), roomy), HasError(Errc::payload_too_large));
}

TEST(DjangoDumpsTest, DroppingTheCompressionFlagBreaksTheSignature) {
  auto token = dumps("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]", test_key(), at_t0(true));
  ASSERT_EQ(token->front(), '.');
  EXPECT_THAT(loads(token->substr(1), test_key(), load_at_t0()), HasError(Errc::bad_signature));
}

TEST(DjangoDumpsTest, ValidlySignedGarbageIsABadPayload) {
  auto signer = TimestampSigner::create(test_key(), dumps_salt(), t0());
  ASSERT_THAT(signer, IsOk());
  EXPECT_THAT(loads(signer->sign("!!!"), test_key(), load_at_t0()), HasError(Errc::bad_payload));      // not base64
  EXPECT_THAT(loads(signer->sign(".eyJh"), test_key(), load_at_t0()), HasError(Errc::bad_payload));    // not zlib
  EXPECT_THAT(loads(signer->sign("eyJh"), test_key(), load_at_t0()), HasError(Errc::bad_payload));     // not JSON
  EXPECT_THAT(loads(signer->sign("TmFO"), test_key(), load_at_t0()), HasError(Errc::bad_payload));     // NaN
  // {"a":1,"a":2}: duplicate member names are refused.
  EXPECT_THAT(loads(signer->sign("eyJhIjoxLCJhIjoyfQ"), test_key(), load_at_t0()), HasError(Errc::bad_payload));
}

TEST(DjangoDumpsTest, PayloadBytesAreReadAsLatin1LikeDjango) {
  // Another producer's raw UTF-8 "Zoë" reads as "ZoÃ«" in Django; signet agrees.
  auto signer = TimestampSigner::create(test_key(), dumps_salt(), t0());
  const std::string payload = "Ilpvw6si";  // base64url of "\"Zo\xc3\xab\""
  auto value = loads(signer->sign(payload), test_key(), load_at_t0());
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(*value, "\"Zo\xc3\x83\xc2\xab\"");
}

TEST(DjangoDumpsTest, WrongKeyOrSaltFails) {
  auto token = dumps("1", test_key(), at_t0());
  EXPECT_THAT(loads(*token, SecretBytes(std::string_view("other")), load_at_t0()), HasError(Errc::bad_signature));
  LoadsOptions salted = load_at_t0();
  salted.salt = "other";
  EXPECT_THAT(loads(*token, test_key(), salted), HasError(Errc::bad_signature));
}

TEST(DjangoDumpsTest, FallbackKeys) {
  const SecretBytes old_key(std::string_view("old"));
  auto token = dumps("1", old_key, at_t0());
  LoadsOptions options = load_at_t0();
  EXPECT_THAT(loads(*token, test_key(), options), HasError(Errc::bad_signature));
  options.fallback_keys.push_back(old_key.clone());
  EXPECT_THAT(loads(*token, test_key(), options), IsOk());
}

TEST(DjangoDumpsTest, RejectsInvalidJsonAndEmptySalt) {
  EXPECT_THAT(dumps("{", test_key(), at_t0()), HasError(Errc::invalid_argument));
  EXPECT_THAT(dumps("NaN", test_key(), at_t0()), HasError(Errc::invalid_argument));
  DumpsOptions empty_salt = at_t0();
  empty_salt.salt = "";
  EXPECT_THAT(dumps("1", test_key(), empty_salt), HasError(Errc::invalid_argument));
  EXPECT_THAT(dumps("1", SecretBytes(), at_t0()), HasError(Errc::invalid_key));
}

}  // namespace
}  // namespace signet::django

// dumps/loads keep a few signers per thread; whatever is cached, every call
// must behave exactly as with a freshly built signer.
namespace signet::django {
namespace {

TEST(DjangoDumpsCache, KeysSaltsAlgorithmsAndClocksNeverMix) {
  std::vector<SecretBytes> keys;
  for (int i = 0; i < 7; ++i) keys.emplace_back(std::string("cache-test-key-") + std::to_string(i));
  const FixedClock clock_a = FixedClock::from_seconds(1700000000);
  const FixedClock clock_b = FixedClock::from_seconds(1800000000);
  for (int round = 0; round < 3; ++round) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      DumpsOptions d;
      d.clock = &clock_a;
      const std::string token = dumps(R"({"k":1})", keys[i], d).value();
      LoadsOptions l;
      l.clock = &clock_a;
      l.max_age = 10s;
      EXPECT_THAT(loads(token, keys[i], l), IsOk());
      // Another key (cached or not) rejects it.
      EXPECT_THAT(loads(token, keys[(i + 1) % keys.size()], l), HasError(Errc::bad_signature));
      // Another salt or algorithm with the same key rejects it.
      LoadsOptions salted = LoadsOptions();
      salted.clock = &clock_a;
      salted.salt = "other-salt";
      EXPECT_THAT(loads(token, keys[i], salted), HasError(Errc::bad_signature));
      LoadsOptions sha1;
      sha1.clock = &clock_a;
      sha1.algorithm = Algorithm::sha1;
      EXPECT_FALSE(loads(token, keys[i], sha1).has_value());
      // Another clock is honoured: 100000000 s later the token is too old.
      LoadsOptions later;
      later.clock = &clock_b;
      later.max_age = 10s;
      EXPECT_THAT(loads(token, keys[i], later), HasError(Errc::expired));
    }
  }
  // A key that is a prefix of another is a different key.
  const SecretBytes short_key(std::string_view("cache-test-key-1"));
  const SecretBytes long_key(std::string_view("cache-test-key-1x"));
  const std::string token = dumps(R"({"k":1})", short_key).value();
  EXPECT_THAT(loads(token, short_key), IsOk());
  EXPECT_THAT(loads(token, long_key), HasError(Errc::bad_signature));
}

}  // namespace
}  // namespace signet::django
