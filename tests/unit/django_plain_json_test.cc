// Tests for src/django/plain_json: the flat-object fast path of Django's
// payload encoding and decoding must never accept anything the general path
// would treat differently.
#include "django/plain_json.h"

#include <gtest/gtest.h>

#include <array>
#include <initializer_list>
#include <random>
#include <string>
#include <string_view>

#include "encoding/json.h"
#include "encoding/json_canonical.h"

namespace signet::django::detail {
namespace {

// general_returns_unchanged is what the general paths decide: the text is
// canonical compact JSON without bytes >= 0x7F, so decode_payload would
// return it as it is, and Python (prepare_payload, signing) writes it
// unchanged too.
bool general_returns_unchanged(std::string_view text) {
  json::Shape shape;
  if (!json::is_canonical_compact_object(text, 256, nullptr, &shape) || shape.escapable) return false;
  auto compact = json::canonicalize(text, json::Style::compact);
  auto python = json::canonicalize(text, json::Style::python_compact_ascii);
  return compact.has_value() && *compact == text && python.has_value() && *python == text;
}

TEST(DjangoPlainJson, AcceptsTheUsualPayloads) {
  for (std::string_view text : {
           R"({"user_id":123456})",
           R"({"a":"b"})",
           R"({"":0})",
           R"({"a":-1,"b":true,"c":false,"d":null,"e":"x y~!"})",
           R"({"n":999999999999999})",
           R"({"n":-999999999999999})",
           R"({"a":0,"b":1,"c":2,"d":3,"e":4,"f":5,"g":6,"h":7})",
           R"({"long name with spaces and more than eight bytes":"and a long value, also > 8 bytes"})",
       }) {
    EXPECT_TRUE(is_plain_flat_object(text)) << text;
    EXPECT_TRUE(general_returns_unchanged(text)) << text;
  }
}

TEST(DjangoPlainJson, LeavesEverythingElseToTheGeneralPath) {
  for (std::string_view text : std::initializer_list<std::string_view>{
           "", "{", "}", "{}", "[]", "123", R"("a")", R"({"a":1)", R"({"a":1}})", R"({"a":1} )", R"( {"a":1})",
           R"({"a" :1})", R"({"a": 1})", R"({"a":1 })", R"({"a":1,})", R"({,"a":1})", R"({"a"})", R"({"a":})",
           R"({a:1})", R"({"a":01})", R"({"a":-0})", R"({"a":-})", R"({"a":1.5})", R"({"a":1e3})", R"({"a":1E3})",
           R"({"a":1000000000000000})", R"({"a":-1000000000000000})", R"({"a":tru})", R"({"a":truex})",
           R"({"a":nul})", R"({"a":fals})", R"({"a":True})", R"({"a":{}})", R"({"a":[]})", R"({"a":{"b":1}})",
           R"({"a":[1]})", R"({"a\"":1})", R"({"a":"\n"})", R"({"a":"\u0041"})", R"({"a":1,"a":2})",
           R"({"abcdefghij":1,"abcdefghij":2})", "{\"a\":\"\x7f\"}", "{\"a\":\"\xc3\xa9\"}", "{\"\xc3\xa9\":1}",
           "{\"a\":\"\x01\"}", "{\"a\":\"\t\"}", std::string_view("{\"a\":\"\0\"}", 8),
           R"({"a":0,"b":1,"c":2,"d":3,"e":4,"f":5,"g":6,"h":7,"i":8})", R"({"a":"unterminated)",
           R"({"a":"unterminated and longer than eight bytes)", R"({"a":1}garbage)",
       }) {
    EXPECT_FALSE(is_plain_flat_object(text)) << text;
  }
}

// Random near-JSON text, mostly built from the pieces of flat objects, so
// that many inputs are accepted and many miss by one byte. Whatever the fast
// path accepts, the general path must return unchanged.
TEST(DjangoPlainJson, NeverAcceptsMoreThanTheGeneralPath) {
  static constexpr std::array<std::string_view, 34> kPieces = {
      "{", "}", "\"", ":", ",", "a", "user_id", "0", "1", "9", "123456", "-", ".", "e", " ", "\\", "true", "false",
      "null", "tru", "[", "]", "\x7f", "\xc3\xa9", "\x01", "\"k\":", "\"v\"", "{\"a\":", "\"a\":1", "01", "-0",
      "1234567890123456", "\"abcdefgh\"", "}}"};
  std::mt19937 rng(4242);
  int accepted = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string text;
    if (rng() % 2 == 0) {
      // A flat object (names sometimes repeated), then maybe one random edit.
      static constexpr std::array<std::string_view, 10> kValues = {
          "123456", "0", "-5", "999999999999999", "true", "false", "null", "\"v\"", "\"abcdefgh ~!\"", "\"\""};
      text = "{";
      const int members = 1 + static_cast<int>(rng() % 9);
      for (int m = 0; m < members; ++m) {
        if (m) text += ",";
        const int name = rng() % 8 == 0 ? 0 : m;
        text += "\"" + std::string(kPieces[5 + rng() % 2]) + std::to_string(name) + "\":";
        text += kValues[rng() % kValues.size()];
      }
      text += "}";
      if (rng() % 2 == 0) {
        const std::size_t at = rng() % text.size();
        text.insert(at, kPieces[rng() % kPieces.size()]);
      }
    } else {
      const int n = 1 + static_cast<int>(rng() % 12);
      for (int k = 0; k < n; ++k) text += kPieces[rng() % kPieces.size()];
    }
    if (is_plain_flat_object(text)) {
      ++accepted;
      ASSERT_TRUE(general_returns_unchanged(text)) << text;
    }
  }
  // The check above must have been exercised, not skipped.
  EXPECT_GT(accepted, 20000);
}

}  // namespace
}  // namespace signet::django::detail
