#include "signet/jwt/claims.h"

#include <gtest/gtest.h>

#include <charconv>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "encoding/json.h"
#include "encoding/json_object.h"
#include "jwt/registered_claims.h"
#include "support/matchers.h"

namespace signet::jwt {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

UnixTime at(std::int64_t s) { return UnixTime(std::chrono::seconds(s)); }

TEST(JwtClaimsTest, RegisteredClaimsAreTyped) {
  Claims c;
  c.issuer("https://issuer.example").subject("user-1").audience("api").expires_at(at(1700003600))
      .not_before(at(1700000000)).issued_at(at(1700000000)).jwt_id("id-1");
  auto json = c.to_json();
  ASSERT_THAT(json, IsOk());
  EXPECT_EQ(*json,
            R"({"iss":"https://issuer.example","sub":"user-1","aud":"api","exp":1700003600,"nbf":1700000000,)"
            R"("iat":1700000000,"jti":"id-1"})");
}

TEST(JwtClaimsTest, TimesAreWholeSeconds) {
  Claims c;
  c.expires_at(UnixTime(std::chrono::milliseconds(1700000000999)));
  EXPECT_EQ(*c.to_json(), R"({"exp":1700000000})");
}

TEST(JwtClaimsTest, AudiencesAsArray) {
  Claims c;
  c.audiences({"a", "b"});
  EXPECT_EQ(*c.to_json(), R"({"aud":["a","b"]})");
}

TEST(JwtClaimsTest, CustomClaimsOfEveryType) {
  Claims c;
  c.set("name", "Zo\xc3\xab \"q\"").set("n", std::int64_t{-5}).set("i", 7).set("f", 1.5).set("b", true);
  c.set_json("obj", R"({ "x" : [1, 2, {"y": null}] })");
  EXPECT_EQ(*c.to_json(), "{\"name\":\"Zo\xc3\xab \\\"q\\\"\",\"n\":-5,\"i\":7,\"f\":1.5,\"b\":true,"
                          "\"obj\":{\"x\":[1,2,{\"y\":null}]}}");
}

TEST(JwtClaimsTest, SettingAgainReplacesInPlace) {
  Claims c;
  c.set("a", 1).set("b", 2).set("a", 3);
  EXPECT_EQ(*c.to_json(), R"({"a":3,"b":2})");
}

// Replacement must find the earlier member whatever the builder's shortcut
// for new names: many names, escaped names, names also used in nested
// values, and claims parsed from text.
TEST(JwtClaimsTest, ReplacementFindsEveryEarlierMember) {
  Claims c;
  std::string expected = "{";
  for (int i = 0; i < 40; ++i) {
    c.set("k" + std::to_string(i), i);
    expected += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i * 2);
  }
  for (int i = 0; i < 40; ++i) c.set("k" + std::to_string(i), i * 2);
  EXPECT_EQ(*c.to_json(), expected + "}");
  Claims e;
  e.set_json("n", R"({"q\"x":1})").set("q\"x", 1).set("q\"x", 2).set("line\n", true).set("line\n", false);
  EXPECT_EQ(*e.to_json(), R"({"n":{"q\"x":1},"q\"x":2,"line\n":false})");
  auto parsed = Claims::from_json(R"({"a":1,"b":{"a":2}})");
  ASSERT_TRUE(parsed.has_value());
  parsed->set("a", 5).set("c", 6);
  EXPECT_EQ(*parsed->to_json(), R"({"a":5,"b":{"a":2},"c":6})");
}

TEST(JwtClaimsTest, RegisteredNamesNeedTheTypedSetters) {
  Claims c;
  c.set("exp", "tomorrow");
  EXPECT_THAT(c.to_json(), HasError(Errc::invalid_argument));
  Claims d;
  d.set_json("iat", "1");
  EXPECT_THAT(d.to_json(), HasError(Errc::invalid_argument));
}

TEST(JwtClaimsTest, BadValuesAreReported) {
  Claims nan;
  nan.set("x", std::numeric_limits<double>::quiet_NaN());
  EXPECT_THAT(nan.to_json(), HasError(Errc::invalid_argument));
  Claims bad_json;
  bad_json.set_json("x", "{");
  EXPECT_THAT(bad_json.to_json(), HasError(Errc::invalid_argument));
  Claims bad_utf8;
  bad_utf8.set("x", std::string_view("\xff\xfe"));
  EXPECT_THAT(bad_utf8.to_json(), HasError(Errc::invalid_argument));
}

TEST(JwtClaimsTest, FromJsonChecksRegisteredTypes) {
  auto ok = Claims::from_json(R"({"sub":"u","exp":1700000000,"custom":{"a":1}})");
  ASSERT_THAT(ok, IsOk());
  EXPECT_EQ(*ok->to_json(), R"({"sub":"u","exp":1700000000,"custom":{"a":1}})");
  EXPECT_THAT(Claims::from_json(R"({"exp":"1700000000"})"), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims::from_json(R"({"exp":1.5})"), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims::from_json(R"({"aud":[1]})"), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims::from_json(R"([1])"), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims::from_json(R"({"a":1,"a":2})"), HasError(Errc::invalid_argument));
}

// The builder proves plain ASCII names and values eight bytes at a time and
// writes them without escaping; everything else takes the full quoting. Each
// special byte at each position of texts around the word size must come
// out exactly as json::quote writes it (or be refused as bad UTF-8).
TEST(JwtClaimsTest, EveryByteAtEveryPositionIsQuotedCorrectly) {
  for (std::size_t len = 1; len <= 19; ++len) {
    for (std::size_t at = 0; at < len; ++at) {
      for (int b : {0x01, 0x09, 0x0A, 0x1F, 0x20, 0x22, 0x5C, 0x7E, 0x7F}) {
        std::string text(len, 'v');
        text[at] = static_cast<char>(b);
        Claims c;
        c.set(text, text);
        auto json = c.to_json();
        ASSERT_THAT(json, IsOk()) << len << " " << at << " " << b;
        const std::string q = json::quote(text);
        EXPECT_EQ(*json, "{" + q + ":" + q + "}") << len << " " << at << " " << b;
      }
      // Bytes >= 0x80: valid UTF-8 passes through, a lone byte is refused.
      std::string valid(len, 'v');
      valid.replace(at, 1, "\xC3\xA9");
      Claims ok;
      ok.set(valid, valid);
      ASSERT_THAT(ok.to_json(), IsOk());
      EXPECT_EQ(*ok.to_json(), "{\"" + valid + "\":\"" + valid + "\"}");
      std::string invalid(len, 'v');
      invalid[at] = '\xC3';
      Claims bad_value;
      bad_value.set("n", invalid);
      EXPECT_THAT(bad_value.to_json(), HasError(Errc::invalid_argument));
      Claims bad_name;
      bad_name.set(invalid, 1);
      EXPECT_THAT(bad_name.to_json(), HasError(Errc::invalid_argument));
    }
  }
}

TEST(JwtClaimsTest, ManyMembersGrowTheBufferCorrectly) {
  Claims c;
  std::string expected = "{";
  for (int i = 0; i < 200; ++i) {
    const std::string name = "name-" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 37), 'n');
    const std::string value = std::string(static_cast<std::size_t>(i % 53), 'v');
    c.set(name, value);
    expected += (i ? ",\"" : "\"") + name + "\":\"" + value + "\"";
  }
  EXPECT_EQ(*c.to_json(), expected + "}");
}

// numeric_date decides plain digit strings itself; it must give exactly
// what the general reading (a JSON number, an int64, in range) gives.
TEST(JwtClaimsTest, NumericDateShortcutAgreesWithTheGeneralReading) {
  auto general = [](std::string_view value) -> std::optional<std::int64_t> {
    if (json::type_of(value) != json::JsonType::number) return std::nullopt;
    auto v = json::as_int64(value);
    if (!v || *v < 0 || *v > detail::kMaxNumericDate) return std::nullopt;
    return *v;
  };
  std::vector<std::string> values = {"0", "1", "00", "0123", "1700000000", "4102444800", "253402300799",
                                     "253402300800", "999999999999999", "1000000000000000", "9999999999999999999",
                                     "99999999999999999999", "-1", "-0", "1.5", "1e3", "\"1\"", "true", "null",
                                     "[1]", "", "12a", "1 ", "+1", "0x10", "0000000000", "17000000.5",
                                     "1700000-00", "1700000 00", "12345678a", "1234567:0", "/234567890",
                                     "123456789012345", "1234567812345678"};
  for (int i = 1; i <= 20; ++i) values.push_back(std::string(static_cast<std::size_t>(i), '9'));
  for (const auto& v : values) {
    auto got = detail::numeric_date("exp", v);
    auto want = general(v);
    EXPECT_EQ(got.has_value(), want.has_value()) << v;
    if (got && want) {
      EXPECT_EQ(*got, *want) << v;
    }
    if (!got) {
      EXPECT_EQ(got.error().code(), Errc::claim_mismatch) << v;
    }
  }
}

// Integers are written by the builder's own two-digits-at-a-time printer;
// it must write exactly what std::to_chars writes, sign and extremes included.
TEST(JwtClaimsTest, IntegersAreWrittenAsToCharsWritesThem) {
  std::vector<std::int64_t> values = {0, 1, -1, 9, -9, 10, -10, 99, -99, 100, -100, 101, 1700000000, 4102444800,
                                      std::numeric_limits<std::int64_t>::max(),
                                      std::numeric_limits<std::int64_t>::min(),
                                      std::numeric_limits<std::int64_t>::min() + 1};
  std::int64_t p = 1;
  for (int i = 0; i < 18; ++i) {
    p *= 10;
    for (std::int64_t d : {p - 1, p, p + 1}) {
      values.push_back(d);
      values.push_back(-d);
    }
  }
  std::mt19937_64 rng(17);
  for (int i = 0; i < 2000; ++i) values.push_back(static_cast<std::int64_t>(rng() >> (rng() % 64)));
  for (std::int64_t v : values) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    ASSERT_EQ(ec, std::errc());
    Claims c;
    c.set("n", v);
    EXPECT_EQ(*c.to_json(), "{\"n\":" + std::string(buf, end) + "}") << v;
  }
  Claims t;
  t.expires_at(UnixTime(std::chrono::seconds(4102444800))).issued_at(UnixTime(std::chrono::seconds(0)));
  EXPECT_EQ(*t.to_json(), R"({"exp":4102444800,"iat":0})");
}

}  // namespace
}  // namespace signet::jwt
