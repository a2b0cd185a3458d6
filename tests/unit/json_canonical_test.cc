// Tests for the canonical-compact recogniser (src/encoding/json_canonical.h).
//
// The property that matters is soundness: whenever the recogniser says
// "canonical", the full strict reader must accept the text and return it
// unchanged. It is checked on hand-made edge cases, on every file of the JSON
// fuzz corpora, and on many single-byte mutations and truncations of them.

#include "encoding/json_canonical.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "encoding/json.h"
#include "encoding/json_object.h"

namespace signet::json {
namespace {

constexpr std::size_t kDepth = 32;

// sound checks the one-way implication and reports whether it recognised.
bool check_sound(std::string_view text, std::size_t depth = kDepth) {
  TopMembers top;
  Shape shape;
  const bool fast = is_canonical_compact_object(text, depth, &top, &shape);
  if (!fast) return false;
  const auto full = canonicalize(text, Style::compact, Limits{text.size(), depth});
  EXPECT_TRUE(full.has_value()) << "recognised but the full reader refuses: " << text;
  if (!full) return true;
  EXPECT_EQ(*full, text) << "recognised but not canonical";
  // Without the shape flags, Python's compact ASCII form is the text too.
  const auto python = canonicalize(text, Style::python_compact_ascii, Limits{text.size(), depth});
  EXPECT_TRUE(python.has_value());
  if (python && !shape.escapable && !shape.fraction && !shape.negative_zero) {
    EXPECT_EQ(*python, text) << "shape says plain but Python writes it differently";
  }
  if (python && *python != text) {
    EXPECT_TRUE(shape.escapable || shape.fraction || shape.negative_zero) << text;
  }
  // The recorded top-level members are exactly the canonical walk's.
  std::size_t pos = 0, i = 0;
  std::string_view name, value;
  while (next_member(text, pos, name, value)) {
    EXPECT_LT(i, top.count);
    if (i >= top.count) break;
    EXPECT_EQ(top.name(i), name);
    EXPECT_EQ(top.value(i), value);
    ++i;
  }
  EXPECT_EQ(i, top.count);
  return true;
}

TEST(JsonCanonical, RecognisesCompactObjects) {
  for (std::string_view text : {
           R"({})",
           R"({"sub":"1234567890","name":"John Doe","admin":true,"iat":1700000000,"exp":4102444800})",
           R"({"a":[1,2,{"b":null}],"c":{"d":[]},"e":-0,"f":0.5,"g":-12.25,"h":false})",
           R"({"big":123456789012345678901234567890123456789012345678901234567890})",
           "{\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\":\"\xEF\xBF\xBF\xF4\x8F\xBF\xBF\"}",
           R"({"":""})",
           R"({"a":{"a":{"a":1}}})",  // equal names at different depths are not duplicates
           R"({"a":[[[[[]]]]]})",
       }) {
    EXPECT_TRUE(check_sound(text)) << text;
  }
}

TEST(JsonCanonical, ShapeFlagsWhatPythonRewrites) {
  Shape shape;
  ASSERT_TRUE(is_canonical_compact_object(R"({"a":[1,-2,"x"]})", kDepth, nullptr, &shape));
  EXPECT_FALSE(shape.escapable || shape.fraction || shape.negative_zero);
  ASSERT_TRUE(is_canonical_compact_object("{\"a\":\"\x7F\"}", kDepth, nullptr, &shape));
  EXPECT_TRUE(shape.escapable);
  ASSERT_TRUE(is_canonical_compact_object("{\"\xC3\xA9\":1}", kDepth, nullptr, &shape));
  EXPECT_TRUE(shape.escapable);
  ASSERT_TRUE(is_canonical_compact_object(R"({"a":1.0})", kDepth, nullptr, &shape));
  EXPECT_TRUE(shape.fraction);
  ASSERT_TRUE(is_canonical_compact_object(R"({"a":-0})", kDepth, nullptr, &shape));
  EXPECT_TRUE(shape.negative_zero);
}

TEST(JsonCanonical, TopMembersAreRecorded) {
  TopMembers top;
  ASSERT_TRUE(is_canonical_compact_object(R"({"a":{"x":[1,2]},"b":"s","c":3})", kDepth, &top));
  ASSERT_EQ(top.count, 3u);
  EXPECT_EQ(top.name(0), "a");
  EXPECT_EQ(top.value(0), R"({"x":[1,2]})");
  EXPECT_EQ(top.name(1), "b");
  EXPECT_EQ(top.value(1), R"("s")");
  EXPECT_EQ(top.name(2), "c");
  EXPECT_EQ(top.value(2), "3");
}

TEST(JsonCanonical, LeavesEverythingElseToTheFullReader) {
  for (std::string_view text : {
           "", "{", "}", "[]", "1", "\"s\"", "{ }", "{\"a\":1 }", " {\"a\":1}", "{\"a\":1}\n",
           R"({"a":1,"a":2})", R"({"a":{"b":1,"b":2}})", R"({"a":[{"x":1,"x":1}]})",
           R"({"a\u0061":1})", R"({"a":"\n"})", R"({"a":"\""})",
           R"({"a":01})", R"({"a":1.})", R"({"a":.5})", R"({"a":-})", R"({"a":1e5})", R"({"a":1E-2})",
           R"({"a":+1})", R"({"a":tru})", R"({"a":truex})", R"({"a":nul})", R"({"a":NaN})",
           R"({"a":1,})", R"({,"a":1})", R"({"a" :1})", R"({"a":[1,]})", R"({"a":[,1]})",
           R"({"a":1}{})", R"({"a":1}])", R"({"a"})", R"({"a":})", R"({a:1})",
           "{\"a\":\"\x01\"}", "{\"a\":\"\x7F\"}x",
           "{\"a\":\"\xC0\x80\"}", "{\"a\":\"\xC1\xBF\"}", "{\"a\":\"\xE0\x80\x80\"}",
           "{\"a\":\"\xED\xA0\x80\"}", "{\"a\":\"\xF0\x80\x80\x80\"}", "{\"a\":\"\xF4\x90\x80\x80\"}",
           "{\"a\":\"\xF5\x80\x80\x80\"}", "{\"a\":\"\xC3\"}", "{\"a\":\"\xE2\x82\"}", "{\"a\":\"\x80\"}",
           "\xEF\xBB\xBF{}",
       }) {
    TopMembers top;
    EXPECT_FALSE(is_canonical_compact_object(text, kDepth, &top)) << text;
  }
}

TEST(JsonCanonical, DepthAndWidthLimitsMeanUnknown) {
  EXPECT_TRUE(is_canonical_compact_object(R"({"a":[[1]]})", 3, nullptr));
  EXPECT_FALSE(is_canonical_compact_object(R"({"a":[[1]]})", 2, nullptr));
  EXPECT_FALSE(is_canonical_compact_object(R"({})", 0, nullptr));
  std::string wide = "{";
  for (int i = 0; i < 17; ++i) {
    wide.append(i ? ",\"k" : "\"k").append(std::to_string(i)).append("\":1");
  }
  wide.append("}");
  EXPECT_FALSE(is_canonical_compact_object(wide, kDepth, nullptr));
  EXPECT_TRUE(canonicalize(wide, Style::compact).has_value());  // the full reader takes it
  std::string deep = "{\"a\":";
  deep.append(70, '[').append(70, ']').append("}");
  EXPECT_FALSE(is_canonical_compact_object(deep, 100, nullptr));
}

std::vector<std::string> corpus() {
  std::vector<std::string> out;
  const std::filesystem::path root = std::filesystem::path(SIGNET_TEST_DATA_DIR) / ".." / ".." / "fuzz" / "corpus";
  for (const char* dir : {"json", "json_differential"}) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(root / dir, ec)) {
      std::ifstream in(entry.path(), std::ios::binary);
      out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  return out;
}

TEST(JsonCanonical, SoundOnTheFuzzCorporaAndTheirMutations) {
  const auto files = corpus();
  ASSERT_GT(files.size(), 100u) << "the JSON fuzz corpora were not found";
  std::mt19937 rng(4);
  const std::string bytes = "{}[]\",:.-+eE0129tfnu\\ \x01\x7F\x80\xBF\xC3\xED\xF0\xF4\xFF";
  std::size_t recognised = 0;
  for (const std::string& file : files) {
    // Canonicalise first so the mutations start from recognisable text.
    for (const std::string& base : {file, canonicalize(file, Style::compact).value_or(std::string())}) {
      recognised += check_sound(base);
      for (std::size_t cut = 0; cut < base.size() && cut < 64; ++cut) check_sound(base.substr(0, cut));
      for (int m = 0; m < 40 && !base.empty(); ++m) {
        std::string mutated = base;
        mutated[rng() % mutated.size()] = bytes[rng() % bytes.size()];
        recognised += check_sound(mutated);
        check_sound(mutated, 2);
      }
    }
  }
  // The test proves something only if it reached the recognising branch.
  EXPECT_GT(recognised, 50u);
}

// The flat fast path (printable-ASCII objects of scalars) must never accept
// what the general scanner refuses, and must record the same members. It
// is exercised on generated flat objects whose strings hold the structural
// bytes, at lengths around its 32-byte blocks and 64-bit quote masks and its
// 1024-byte limit, and on single-byte mutations of them.
bool check_fast_agrees(std::string_view text) {
  TopMembers fast_top, general_top;
  Shape fast_shape, general_shape;
  const bool fast = is_canonical_compact_object(text, kDepth, &fast_top, &fast_shape);
  const bool general = is_canonical_compact_object_general(text, kDepth, &general_top, &general_shape);
  EXPECT_EQ(fast, general) << text;
  if (!fast || !general) return false;
  EXPECT_EQ(fast_top.count, general_top.count) << text;
  for (std::size_t i = 0; i < fast_top.count && i < general_top.count; ++i) {
    EXPECT_EQ(fast_top.name(i), general_top.name(i)) << text;
    EXPECT_EQ(fast_top.value(i), general_top.value(i)) << text;
  }
  EXPECT_EQ(fast_shape.escapable, general_shape.escapable);
  EXPECT_EQ(fast_shape.fraction, general_shape.fraction);
  EXPECT_EQ(fast_shape.negative_zero, general_shape.negative_zero);
  check_sound(text);
  return true;
}

std::string random_flat_object(std::mt19937& rng, std::size_t members, std::size_t text_len) {
  static const std::string kText = "abcXYZ019 :,{}[]-.etruefalsnul";
  auto text = [&](std::size_t n) {
    std::string t;
    for (std::size_t i = 0; i < n; ++i) t.push_back(kText[rng() % kText.size()]);
    return t;
  };
  std::string out = "{";
  for (std::size_t m = 0; m < members; ++m) {
    if (m != 0) out.push_back(',');
    out += "\"" + std::to_string(m) + text(rng() % 4) + "\":";
    switch (rng() % 6) {
      case 0: out += "\"" + text(rng() % (text_len + 1)) + "\""; break;
      case 1: out += std::to_string(static_cast<std::int64_t>(rng() % 100000000000ull)); break;
      case 2: out += "-" + std::to_string(1 + rng() % 1000); break;
      case 3: out += rng() % 2 ? "true" : "false"; break;
      case 4: out += "null"; break;
      default: out += "0"; break;
    }
  }
  return out + "}";
}

TEST(JsonCanonicalFlat, FastPathAgreesWithTheGeneralScanner) {
  std::mt19937 rng(9);
  const std::string bytes = "{}[]\",:.-+eE0129tfnu\\ \x01\x1F\x7E\x7F\x80\xC3\xFF";
  std::size_t agreed = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::size_t members = 1 + rng() % 18;  // past TopMembers::kMax too
    const std::string base = random_flat_object(rng, members, round % 3 == 0 ? 120 : 12);
    agreed += check_fast_agrees(base);
    for (int m = 0; m < 6; ++m) {
      std::string mutated = base;
      mutated[rng() % mutated.size()] = bytes[rng() % bytes.size()];
      check_fast_agrees(mutated);
    }
    check_fast_agrees(base.substr(0, rng() % base.size()));
  }
  EXPECT_GT(agreed, 1000u);
}

TEST(JsonCanonicalFlat, EveryLengthAroundTheBlocksAndTheLimit) {
  // One string member padded to each length: the closing quote lands in
  // every position of a block and of a mask word, and the 1024-byte limit
  // is crossed.
  for (std::size_t len = 8; len <= 1100; ++len) {
    std::string text = "{\"a\":\"" + std::string(len - 8, 'x') + "\"}";
    ASSERT_EQ(text.size(), len);
    EXPECT_TRUE(check_fast_agrees(text)) << len;
    std::string two = "{\"a\":1,\"b\":\"" + std::string(len > 14 ? len - 14 : 0, ':') + "\"}";
    EXPECT_TRUE(check_fast_agrees(two)) << len;
    // A quote, backslash, control or high byte at the very end of the text
    // (in the overlapping last block) must still be seen.
    for (char bad : {'"', '\\', '\x1F', '\x7F', '\x80'}) {
      std::string t = text;
      t[t.size() - 3] = bad;
      check_fast_agrees(t);
      t = text;
      t[6] = bad;
      check_fast_agrees(t);
    }
  }
}

TEST(JsonCanonicalFlat, EdgeCases) {
  for (std::string_view text : {
           R"({"a":1})", R"({"a":-1})", R"({"a":0})", R"({"a":-0})", R"({"a":00})", R"({"a":01})", R"({"a":-01})",
           R"({"a":1.5})", R"({"a":1e5})", R"({"a":-})", R"({"a":true})", R"({"a":tru})", R"({"a":truee})",
           R"({"a":false})", R"({"a":null})", R"({"a":nulll})", R"({"a":"x"})", R"({"a":"x})", R"({"a":x"})",
           R"({"a":""})", R"({"":1})", R"({"":""})", R"({"a":1,"a":2})", R"({"a":1,"b":2,"a":3})",
           R"({"ab":1,"a":2})", R"({"a":1,})", R"({"a":1}})", R"({"a":1} )", R"({"a":1,"b"})", R"({"a":1,"b":})",
           R"({"a"1})", R"({"a"::1})", R"({"a":[1]})", R"({"a":{}})", R"({"a":"}"})", R"({"}":"{"})",
           R"({"a":"""})", R"({"a":1}{"b":2})", R"({"a":1,"b":2})", R"({"a":1},"b":2})", R"({"a" :1})",
           R"({"a":"1","b":"2","c":"3","d":"4","e":"5","f":"6","g":"7","h":"8"})",
       }) {
    check_fast_agrees(text);
  }
  std::string sixteen = "{", seventeen;
  for (int i = 0; i < 16; ++i) sixteen += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  seventeen = sixteen + ",\"k16\":1}";
  sixteen += "}";
  EXPECT_TRUE(check_fast_agrees(sixteen));
  EXPECT_FALSE(check_fast_agrees(seventeen));
  EXPECT_FALSE(is_canonical_compact_object(R"({"a":1})", 0, nullptr));
}

}  // namespace
}  // namespace signet::json
