#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "crypto/hmac.h"
#include "encoding/base64url.h"
#include "encoding/zlib.h"
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

const FixedClock& t0() {
  static const FixedClock clock = FixedClock::from_seconds(kT0);
  return clock;
}

std::string b64(std::string_view bytes) { return encoding::base64url_encode(crypto::as_bytes(bytes)); }

// A Signer with the serializers' key and salt, to sign payloads by hand.
Signer payload_signer() {
  SignerOptions options;
  options.salt = std::string(kSerializerSalt);
  return Signer::create(test_key(), options).value();
}

// Expected tokens: itsdangerous 2.1.2 with key b"test-secret-key", time.time() patched to T0.
TEST(ItsdangerousSerializerTest, SerializerMatchesItsdangerous) {
  auto s = Serializer::create(test_key()).value();
  auto token = s.dumps(R"({"user":42,"role":"admin"})");
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(*token, R"({"user": 42, "role": "admin"}.FrckEMbMDYQCacciHPFIr4GNV00)");
  auto value = s.loads(*token);
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(*value, R"({"user":42,"role":"admin"})");

  // ensure_ascii, Python floats.
  auto unicode = s.dumps("{\"n\":\"Zo\xc3\xab \xf0\x9f\x98\x80\",\"f\":[1.5,1E16,-0.0]}");
  ASSERT_THAT(unicode, IsOk());
  EXPECT_EQ(*unicode, R"({"n": "Zo\u00eb \ud83d\ude00", "f": [1.5, 1e+16, -0.0]}.bPeayTsbSiHrwBt0y-v-GUDpsFI)");
  auto back = s.loads(*unicode);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(*back, "{\"n\":\"Zo\xc3\xab \xf0\x9f\x98\x80\",\"f\":[1.5,1e+16,-0.0]}");
}

TEST(ItsdangerousSerializerTest, TimedSerializerMatchesItsdangerous) {
  auto s = TimedSerializer::create(test_key(), {}, t0()).value();
  auto token = s.dumps(R"({"user": 42})");
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(*token, R"({"user": 42}.ZVPxAA.III7XTUmDDmg5MGxw8HbZBLgSzA)");
  UnsignOptions options;
  options.max_age = 0s;
  auto loaded = s.loads_stamped(*token, options);
  ASSERT_THAT(loaded, IsOk());
  EXPECT_EQ(loaded->json, R"({"user":42})");
  EXPECT_EQ(loaded->timestamp, static_cast<std::uint64_t>(kT0));
}

TEST(ItsdangerousSerializerTest, URLSafeSerializerMatchesItsdangerous) {
  auto s = URLSafeSerializer::create(test_key()).value();
  struct Case {
    const char* json;
    const char* token;
  } cases[] = {
      {"{\"user\":42,\"name\":\"Zo\\u00eb\"}", "eyJ1c2VyIjo0MiwibmFtZSI6Ilpvw6sifQ.CbWgMNjle25AQNxCVxh2ECG2-wY"},
      {"[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]",
       ".eJwFwcERACAIwLCF-rCiILN47r-GyZVJsNgkxaFxoDgxcOHGxMKD_T7vhAml.ZGyxSSKjSbCBdTSBcY8Fwlj5ZAE"},
      {"[1]", "WzFd.v7vhr6Icp3x9ix4NfePvYpEJBLA"},  // compression does not pay: no dot
  };
  for (const auto& c : cases) {
    auto token = s.dumps(c.json);
    ASSERT_THAT(token, IsOk());
    EXPECT_EQ(*token, c.token);
    EXPECT_THAT(s.loads(*token), IsOk());
  }
}

TEST(ItsdangerousSerializerTest, URLSafeTimedSerializerMatchesItsdangerous) {
  auto s = URLSafeTimedSerializer::create(test_key(), {}, t0()).value();
  EXPECT_EQ(*s.dumps(R"({"user":42})"), "eyJ1c2VyIjo0Mn0.ZVPxAA.C-BQw9zfaDWJNqJSKKcu77cfHxo");
  EXPECT_EQ(*s.dumps("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]"),
            ".eJwFwcERACAIwLCF-rCiILN47r-GyZVJsNgkxaFxoDgxcOHGxMKD_T7vhAml.ZVPxAA.aBU8ds0Ydpw-j9EAKVMtB_1fmoc");
  // ensure_ascii=False: raw UTF-8 in the payload; controls still escaped.
  const std::string unicode = *s.dumps(R"({"\u00e9":"\u2603\u007f\n"})");
  EXPECT_EQ(unicode, "eyLDqSI6IuKYg39cbiJ9.ZVPxAA.qMOpknI0ARn3tP3iwsApYesPf3Q");
  auto back = s.loads(unicode);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(*back, "{\"\xc3\xa9\":\"\xe2\x98\x83\x7f\\n\"}");

  // salt=None in itsdangerous means the signer's default salt.
  SerializerOptions none_salt;
  none_salt.signer.salt = std::string(kSignerSalt);
  EXPECT_EQ(*URLSafeTimedSerializer::create(test_key(), none_salt, t0())->dumps("\"x\""),
            "Ingi.ZVPxAA.uzO3MJjt1aDpG43oipOfG6ZUOwE");

  // Every signer option passes through:
  // URLSafeTimedSerializer(key, salt="cookie", signer_kwargs={digest_method: sha256, key_derivation: "hmac", sep: "~"}).
  SerializerOptions cookie;
  cookie.signer.salt = "cookie";
  cookie.signer.digest = Digest::sha256;
  cookie.signer.key_derivation = KeyDerivation::hmac;
  cookie.signer.sep = "~";
  auto custom = URLSafeTimedSerializer::create(test_key(), cookie, t0()).value();
  EXPECT_EQ(*custom.dumps(R"({"a":[1,2]})"), "eyJhIjpbMSwyXX0~ZVPxAA~Mb4O4wXAsvkuoq9ppkDNOzymMYbcNNpGBWKOVqNTtLE");
  EXPECT_THAT(custom.loads("eyJhIjpbMSwyXX0~ZVPxAA~Mb4O4wXAsvkuoq9ppkDNOzymMYbcNNpGBWKOVqNTtLE"), IsOk());
}

TEST(ItsdangerousSerializerTest, CompressionCanBeTurnedOff) {
  SerializerOptions options;
  options.compress = false;
  auto plain = URLSafeSerializer::create(test_key(), options).value();
  auto token = plain.dumps("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]");
  ASSERT_THAT(token, IsOk());
  EXPECT_NE(token->front(), '.');
  // Either form loads with either configuration.
  auto compressing = URLSafeSerializer::create(test_key()).value();
  EXPECT_THAT(compressing.loads(*token), IsOk());
  EXPECT_THAT(plain.loads(".eJwFwcERACAIwLCF-rCiILN47r-GyZVJsNgkxaFxoDgxcOHGxMKD_T7vhAml.ZGyxSSKjSbCBdTSBcY8Fwlj5ZAE"),
              IsOk());
}

TEST(ItsdangerousSerializerTest, MaxAgeOnTimedSerializers) {
  auto s = URLSafeTimedSerializer::create(test_key(), {}, t0()).value();
  const std::string token = *s.dumps("[1]");
  UnsignOptions options;
  options.max_age = 100s;
  const FixedClock later = FixedClock::from_seconds(kT0 + 101);
  auto expired = URLSafeTimedSerializer::create(test_key(), {}, later)->loads(token, options);
  EXPECT_THAT(expired, HasError(Errc::expired));
  EXPECT_EQ(expired.error().detail(), "signature age 101 > 100 seconds");
  const FixedClock earlier = FixedClock::from_seconds(kT0 - 1);
  EXPECT_THAT(URLSafeTimedSerializer::create(test_key(), {}, earlier)->loads(token, options),
              HasError(Errc::not_yet_valid));
  auto timed = TimedSerializer::create(test_key(), {}, later).value();
  const std::string plain_token = *TimedSerializer::create(test_key(), {}, t0())->dumps("[1]");
  EXPECT_THAT(timed.loads(plain_token, options), HasError(Errc::expired));
  EXPECT_THAT(timed.loads(plain_token), IsOk());
}

TEST(ItsdangerousSerializerTest, KindsDoNotMix) {
  auto plain = Serializer::create(test_key()).value();
  auto url = URLSafeSerializer::create(test_key()).value();
  auto timed = TimedSerializer::create(test_key(), {}, t0()).value();
  const std::string plain_token = *plain.dumps("[1,2]");
  const std::string url_token = *url.dumps("[1,2]");
  // The same signer (key and salt) verifies both, but the payload codec differs.
  EXPECT_THAT(url.loads(plain_token), HasError(Errc::bad_payload));
  EXPECT_THAT(plain.loads(url_token), HasError(Errc::bad_payload));
  // Same key and salt: the TimestampSigner verifies the plain token, then
  // finds no timestamp (itsdangerous: BadTimeSignature "timestamp missing").
  EXPECT_THAT(timed.loads(plain_token), HasError(Errc::bad_payload));
  EXPECT_THAT(plain.loads(*timed.dumps("[1,2]")), HasError(Errc::bad_payload));
  // The signers' default salt differs from the serializers'.
  auto signer = Signer::create(test_key()).value();
  EXPECT_THAT(signer.unsign(plain_token), HasError(Errc::bad_signature));
  EXPECT_THAT(payload_signer().unsign(plain_token), IsOk());
}

TEST(ItsdangerousSerializerTest, BadPayloadsUnderAValidSignature) {
  auto url = URLSafeSerializer::create(test_key()).value();
  auto signer = payload_signer();
  const std::string bad_utf8 = b64("\"\xff\"");
  const std::string padded = b64("[12]") + "==";
  for (const std::string& payload :
       {std::string("a"), std::string("."), std::string(""), "." + b64("not zlib at all"), b64("{not json"),
        b64("NaN"), b64("[Infinity]"), b64(R"({"a":1,"a":2})"), b64(R"("\ud800")"), bad_utf8, padded,
        std::string("WzEyXQ!"), b64("[1] [2]"),
        "." + b64(encoding::zlib_compress(crypto::as_bytes(std::string_view("[1,2,3]"))).substr(0, 6))}) {
    const std::string token = signer.sign(payload);
    EXPECT_THAT(url.loads(token), HasError(Errc::bad_payload)) << payload;
  }
  auto plain = Serializer::create(test_key()).value();
  for (const char* payload : {"{not json", "", "NaN", "\"\xff\"", "{\"a\":1,\"a\":2}", "[1] [2]"}) {
    const std::string token = signer.sign(payload);
    EXPECT_THAT(plain.loads(token), HasError(Errc::bad_payload)) << payload;
  }
  // Raw UTF-8 in a plain payload is read as UTF-8, as itsdangerous does.
  const std::string raw = signer.sign("{\"a\": \"\xc3\xa9\"}");
  auto value = plain.loads(raw);
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(*value, "{\"a\":\"\xc3\xa9\"}");
}

TEST(ItsdangerousSerializerTest, InflationIsCapped) {
  // 100,002 bytes of JSON in a 193-byte token, made as itsdangerous would.
  const std::string json = "\"" + std::string(100000, 'a') + "\"";
  auto url = URLSafeSerializer::create(test_key()).value();
  const std::string token = *url.dumps(json);
  ASSERT_EQ(token.front(), '.');
  EXPECT_LT(token.size(), 300u);
  EXPECT_THAT(url.loads(token, json.size() - 1), HasError(Errc::payload_too_large));
  EXPECT_THAT(url.loads(token, json.size()), IsOk());
  EXPECT_THAT(url.loads(token, 1000), HasError(Errc::payload_too_large));
  auto timed = URLSafeTimedSerializer::create(test_key(), {}, t0()).value();
  const std::string timed_token = *timed.dumps(json);
  UnsignOptions options;
  options.max_inflate = 1000;
  EXPECT_THAT(timed.loads(timed_token, options), HasError(Errc::payload_too_large));
  EXPECT_THAT(timed.loads(timed_token), IsOk());  // default cap: 1 MiB
}

TEST(ItsdangerousSerializerTest, DumpsRefusesInvalidJson) {
  auto url = URLSafeSerializer::create(test_key()).value();
  auto plain = Serializer::create(test_key()).value();
  for (const char* bad : {"{not json", "", "NaN", "[1,]", R"({"a":1,"a":2})", R"("\ud800")", "1e400", "\xff"}) {
    EXPECT_THAT(url.dumps(bad), HasError(Errc::invalid_argument)) << bad;
    EXPECT_THAT(plain.dumps(bad), HasError(Errc::invalid_argument)) << bad;
  }
}

TEST(ItsdangerousSerializerTest, RotationAcrossSerializers) {
  std::vector<SecretBytes> list;
  list.emplace_back(std::string_view("old"));
  list.emplace_back(std::string_view("new"));
  auto old_only = URLSafeTimedSerializer::create(list[0], {}, t0()).value();
  auto rotating = URLSafeTimedSerializer::create(list, {}, t0()).value();
  const std::string old_token = *old_only.dumps(R"({"k":"v"})");
  EXPECT_THAT(rotating.loads(old_token), IsOk());
  const std::string new_token = *rotating.dumps(R"({"k":"v"})");
  EXPECT_EQ(new_token, *URLSafeTimedSerializer::create(list[1], {}, t0())->dumps(R"({"k":"v"})"));
  EXPECT_THAT(old_only.loads(new_token), HasError(Errc::bad_signature));
}

TEST(ItsdangerousSerializerTest, ValuesContainingTheSeparatorRoundTrip) {
  // Plain payloads are JSON text, often with '.' in them.
  auto timed = TimedSerializer::create(test_key(), {}, t0()).value();
  const std::string token = *timed.dumps(R"({"pi": 3.14, "s": "a.b.c"})");
  auto back = timed.loads(token);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(*back, R"({"pi":3.14,"s":"a.b.c"})");
}

TEST(ItsdangerousSerializerTest, ConfigurationErrors) {
  SerializerOptions bad_sep;
  bad_sep.signer.sep = "za";
  EXPECT_THAT(URLSafeSerializer::create(test_key(), bad_sep), HasError(Errc::invalid_argument));
  EXPECT_THAT(Serializer::create(SecretBytes()), HasError(Errc::invalid_key));
  EXPECT_THAT(TimedSerializer::create(std::span<const SecretBytes>()), HasError(Errc::invalid_key));
  const FixedClock before = FixedClock::from_seconds(-5);
  EXPECT_THAT(URLSafeTimedSerializer::create(test_key(), {}, before)->dumps("1"), HasError(Errc::invalid_argument));
}

}  // namespace
}  // namespace signet::itsdangerous
