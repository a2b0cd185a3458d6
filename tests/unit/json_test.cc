// Tests for the strict JSON layer (src/encoding/json.h).
//
// Expected python_* outputs were produced by CPython 3.11's
// json.dumps(json.loads(text), separators=(",", ":")) (or default
// separators); many cases come from a randomized differential run against it.

#include "encoding/json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support/matchers.h"

namespace signet::json {
namespace {

using ::signet::testing::HasError;
using ::signet::testing::IsOk;

// cat joins pieces with append; it sidesteps g++ 12's false -Wrestrict
// positive on `"literal" + std::string` at -O3.
std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(p);
  return out;
}

std::string fail(const Error& e) { return cat({"ERROR: ", e.detail()}); }

std::string py(std::string_view text) {
  const Result<std::string> r = canonicalize(text, Style::python_compact_ascii);
  return r ? *r : fail(r.error());
}

std::string spaced(std::string_view text) {
  const Result<std::string> r = canonicalize(text, Style::python_spaced_ascii);
  return r ? *r : fail(r.error());
}

std::string compact(std::string_view text) {
  const Result<std::string> r = canonicalize(text, Style::compact);
  return r ? *r : fail(r.error());
}

std::string utf8(std::string_view text) {
  const Result<std::string> r = canonicalize(text, Style::python_compact_utf8);
  return r ? *r : fail(r.error());
}

// Asserts that `text` is refused as malformed by validate and by every style.
void expect_malformed(std::string_view text) {
  SCOPED_TRACE(::testing::Message() << "input bytes: " << text.size());
  EXPECT_THAT(validate(text), HasError(Errc::malformed));
  for (Style style : {Style::compact, Style::python_compact_ascii, Style::python_spaced_ascii,
                      Style::python_compact_utf8}) {
    EXPECT_THAT(canonicalize(text, style), HasError(Errc::malformed));
  }
}

std::string nested_arrays(std::size_t depth) {
  return cat({std::string(depth, '['), std::string(depth, ']')});
}

std::string nested_objects(std::size_t depth) {
  std::string s;
  for (std::size_t i = 0; i < depth; ++i) s += "{\"k\":";
  s += "0";
  s += std::string(depth, '}');
  return s;
}

// ------------------------------------------------------------ acceptance

TEST(JsonAccept, RootScalars) {
  for (std::string_view t : {"true", "false", "null", "0", "-1", "1.5", "\"\"", "\"x\""}) {
    EXPECT_THAT(validate(t), IsOk()) << t;
    EXPECT_EQ(compact(t), t);
  }
}

TEST(JsonAccept, SurroundingWhitespace) {
  EXPECT_EQ(compact(" \t\r\n[ 1 , 2 ]\n "), "[1,2]");
  EXPECT_EQ(py("\n\"a\"\t"), "\"a\"");
  EXPECT_EQ(py(" 12 "), "12");
  EXPECT_EQ(py(" null "), "null");
  EXPECT_EQ(py("\r\ntrue\r\n"), "true");
}

TEST(JsonAccept, EmptyContainers) {
  EXPECT_EQ(compact("[ ]"), "[]");
  EXPECT_EQ(compact("{ }"), "{}");
  EXPECT_EQ(spaced("[[], {}, [{}]]"), "[[], {}, [{}]]");
}

TEST(JsonAccept, MemberOrderIsPreserved) {
  const std::string_view t = R"({"b":[1,{"c":null}],"a":true,"0":false})";
  EXPECT_EQ(compact(t), t);
  EXPECT_EQ(py(t), t);
  EXPECT_EQ(spaced(t), R"({"b": [1, {"c": null}], "a": true, "0": false})");
}

TEST(JsonAccept, SameNameInDifferentObjectsIsNotADuplicate) {
  EXPECT_THAT(validate(R"({"a":{"a":1},"b":{"a":2},"c":[{"a":1},{"a":2}]})"), IsOk());
}

TEST(JsonAccept, ValidateAgreesWithCanonicalize) {
  for (std::string_view t : {R"({"a":[1,2,{"b":"c"}]})", "[1e-400]", "\"\\u00e9\""}) {
    EXPECT_THAT(validate(t), IsOk()) << t;
    EXPECT_THAT(canonicalize(t, Style::compact), IsOk()) << t;
  }
}

// ------------------------------------------------------------ rejections

TEST(JsonReject, EmptyDocument) {
  expect_malformed("");
  expect_malformed(" \t\r\n");
}

TEST(JsonReject, TrailingContent) {
  expect_malformed("[1]x");
  expect_malformed("[] []");
  expect_malformed("[1]]");
  expect_malformed("{\"a\":1}}");
  expect_malformed("{\"a\":1}]");
  expect_malformed("1 2");
  expect_malformed("\"a\" \"b\"");
  expect_malformed("\"a\"x");
  expect_malformed("true false");
  expect_malformed("null,");
}

TEST(JsonReject, TrailingCommaInArray) {
  expect_malformed("[1,]");
  expect_malformed("[1,2,]");
}

TEST(JsonReject, TrailingCommaInObject) { expect_malformed(R"({"a":1,})"); }

TEST(JsonReject, MisplacedCommas) {
  expect_malformed("[,1]");
  expect_malformed("[1,,2]");
  expect_malformed("{,}");
  expect_malformed(R"({,"a":1})");
  expect_malformed("[,]");
}

TEST(JsonReject, MissingComma) {
  expect_malformed("[1 2]");
  expect_malformed(R"({"a":1 "b":2})");
  expect_malformed(R"(["a""b"])");
}

TEST(JsonReject, MissingColonOrValue) {
  expect_malformed(R"({"a" 1})");
  expect_malformed(R"({"a"})");
  expect_malformed(R"({"a":})");
  expect_malformed(R"({"a"::1})");
}

TEST(JsonReject, NonStringKey) {
  expect_malformed("{1:2}");
  expect_malformed("{a:2}");
  expect_malformed("{null:2}");
}

TEST(JsonReject, Unclosed) {
  expect_malformed("[");
  expect_malformed("[1,2");
  expect_malformed(R"({"a":1)");
  expect_malformed(R"({"a":[})");
  expect_malformed("[[]");
  expect_malformed("\"abc");
  expect_malformed("[\"abc]");
  expect_malformed("]");
  expect_malformed("}");
}

TEST(JsonReject, SingleQuotes) {
  expect_malformed("'a'");
  expect_malformed("{'a':1}");
}

TEST(JsonReject, Comments) {
  expect_malformed("[1]// c");
  expect_malformed("/* c */[1]");
  expect_malformed("[1,/* c */2]");
}

TEST(JsonReject, NonFiniteLiterals) {
  expect_malformed("NaN");
  expect_malformed("[NaN]");
  expect_malformed("Infinity");
  expect_malformed("[-Infinity]");
}

TEST(JsonReject, LeadingZeros) {
  expect_malformed("01");
  expect_malformed("[01]");
  expect_malformed("[-01]");
  expect_malformed("00");
  expect_malformed("[00.5]");
}

TEST(JsonReject, BadNumberForms) {
  for (std::string_view t : {"1.", "[1.]", ".5", "[.5]", "+1", "[+1]", "1e", "[1e]", "[1e+]", "[1.5e-]", "-",
                             "[-]", "0x10", "[1.5.2]", "[1e5e5]", "[-.5]", "[1.e5]", "[--1]", "[1_000]"}) {
    SCOPED_TRACE(t);
    expect_malformed(t);
  }
}

TEST(JsonReject, BadLiterals) {
  for (std::string_view t : {"tru", "[tru]", "True", "[True]", "nul", "[nul]", "NULL", "truex", "[truex]",
                             "[nullx]", "[falsee]", "[t]"}) {
    SCOPED_TRACE(t);
    expect_malformed(t);
  }
}

TEST(JsonReject, RawControlCharacterInString) {
  expect_malformed(std::string_view("[\"a\x01\"]", 5));
  expect_malformed(std::string_view("\"\x1f\"", 3));
  expect_malformed("[\"a\nb\"]");
  expect_malformed("[\"a\tb\"]");
  expect_malformed(std::string_view("[\"\0\"]", 5));
  expect_malformed(std::string_view("{\"a\x02\":1}", 9));
}

TEST(JsonReject, InvalidEscapes) {
  for (std::string_view t : {R"(["\x41"])", R"(["\'"])", R"(["\a"])", R"(["\0"])", R"(["\u12G4"])",
                             R"(["\U0041"])", R"(["\u041"])", R"(["\u 041"])", R"("\)", R"({"\q":1})"}) {
    SCOPED_TRACE(t);
    expect_malformed(t);
  }
}

// Python's json.loads accepts these (it builds str objects holding lone
// surrogates), but such strings cannot be encoded as UTF-8, so signet
// refuses them.
TEST(JsonReject, LoneSurrogateEscapes) {
  for (std::string_view t : {R"(["\ud800"])", R"(["\udc00"])", R"(["\uDBFF"])", R"(["\ud800\u0041"])",
                             R"(["\ud800\ud800"])", R"(["\udc00\ud800"])", R"(["\ud83d x"])", R"("\ud83d")",
                             R"({"\ud800":1})"}) {
    SCOPED_TRACE(t);
    expect_malformed(t);
  }
}

TEST(JsonReject, InvalidUtf8Overlong) {
  expect_malformed("[\"\xC0\x80\"]");
  expect_malformed("[\"\xC1\xBF\"]");
  expect_malformed("[\"\xE0\x80\x80\"]");
  expect_malformed("[\"\xE0\x9F\xBF\"]");
  expect_malformed("[\"\xF0\x80\x80\x80\"]");
  expect_malformed("[\"\xF0\x8F\xBF\xBF\"]");
}

TEST(JsonReject, InvalidUtf8EncodedSurrogates) {
  expect_malformed("[\"\xED\xA0\x80\"]");
  expect_malformed("[\"\xED\xBF\xBF\"]");
  expect_malformed("[\"\xED\xA0\xBD\xED\xB8\x80\"]");  // CESU-8 U+1F600
}

TEST(JsonReject, InvalidUtf8Truncated) {
  expect_malformed("[\"\xC3\"]");
  expect_malformed("[\"\xE2\x82\"]");
  expect_malformed("[\"\xF0\x9F\x98\"]");
  expect_malformed("\"\xC3");
  expect_malformed("[\"\xC3x\"]");
}

TEST(JsonReject, InvalidUtf8Bytes) {
  expect_malformed("[\"\xFF\"]");
  expect_malformed("[\"\xFE\"]");
  expect_malformed("[\"\x80\"]");
  expect_malformed("[\"\xBF\"]");
  expect_malformed("[\"\xF4\x90\x80\x80\"]");  // above U+10FFFF
  expect_malformed("[\"\xF5\x80\x80\x80\"]");
  expect_malformed("{\"\xFF\":1}");
  expect_malformed("[1]\xFF");
  expect_malformed("\xFF");
}

TEST(JsonReject, ByteOrderMark) {
  expect_malformed("\xEF\xBB\xBF[]");
  expect_malformed("\xEF\xBB\xBF\"a\"");
  expect_malformed("\xEF\xBB\xBF" "1");
}

TEST(JsonReject, NonJsonWhitespace) {
  expect_malformed("\f[]");
  expect_malformed("[1\f]");
  expect_malformed("[\v1]");
  expect_malformed("[]\v");
  expect_malformed("\xC2\xA0[]");  // U+00A0
  expect_malformed("[1,\xE2\x80\xA8" "2]");  // U+2028
}

TEST(JsonReject, FloatOverflowingToInfinity) {
  for (std::string_view t : {"1e400", "[1e400]", "[-1e400]", "[1.7976931348623159e308]", "[1E309]",
                             "[0.1e310]", "[1e99999999999999999999]"}) {
    SCOPED_TRACE(t);
    expect_malformed(t);
  }
  const std::string huge = cat({"[1", std::string(400, '0'), ".0]"});
  expect_malformed(huge);
}

TEST(JsonReject, DetailNeverEchoesInput) {
  const Result<std::string> r = canonicalize(R"({"secret-token-xyz":1,"secret-token-xyz":2})", Style::compact);
  ASSERT_THAT(r, HasError(Errc::malformed));
  EXPECT_EQ(r.error().detail().find("secret"), std::string_view::npos);
  EXPECT_FALSE(r.error().detail().empty());
}

// ------------------------------------------------------------ duplicates

TEST(JsonDuplicates, AtDepthOne) {
  expect_malformed(R"({"a":1,"a":2})");
  expect_malformed(R"({"a":1,"b":2,"a":3})");
  expect_malformed(R"({"":1,"":2})");
}

TEST(JsonDuplicates, Deep) {
  expect_malformed(R"([{"x":[{"b":1,"b":2}]}])");
  expect_malformed(R"({"a":{"b":{"c":{"d":1,"e":2,"d":3}}}})");
  expect_malformed(R"({"a":{"b":1},"c":{"d":1,"d":2}})");
}

TEST(JsonDuplicates, ThroughEscapes) {
  expect_malformed(R"({"a":1,"\u0061":2})");
  expect_malformed(R"({"\u00e9":1,"é":2})");
  expect_malformed(R"({"\ud83d\ude00":1,"😀":2})");
  expect_malformed(R"({"\uD83D\uDE00":1,"\ud83d\ude00":2})");
  expect_malformed(R"({"/":1,"\/":2})");
  expect_malformed(R"({"\n":1,"\u000a":2})");
}

TEST(JsonDuplicates, InLargeObjects) {
  // Past 16 members the check switches from pairwise to sort-based.
  std::string head = "{";
  for (int i = 0; i < 40; ++i) head += cat({"\"k", std::to_string(i), "\":", std::to_string(i), ","});
  EXPECT_THAT(validate(cat({head, "\"last\":0}"})), IsOk());
  expect_malformed(cat({head, "\"k3\":0}"}));
  expect_malformed(cat({head, "\"k39\":0}"}));
  expect_malformed(cat({head, "\"k\\u0033\\u0035\":0}"}));
  expect_malformed(cat({"{\"k1\":1,\"k1\":1,", head.substr(1), "\"z\":0}"}));
}

TEST(JsonDuplicates, ManyMembersStayFast) {
  std::string doc = "{";
  for (int i = 0; i < 50000; ++i) doc += cat({"\"m", std::to_string(i), "\":0,"});
  doc += "\"m0\":1}";
  Limits limits;
  limits.max_bytes = doc.size();
  EXPECT_THAT(validate(doc, limits), HasError(Errc::malformed));
  doc.replace(doc.size() - 7, 7, "\"m\":1}");
  EXPECT_THAT(validate(doc, limits), IsOk());
}

// ------------------------------------------------------------ limits

TEST(JsonLimits, DepthExactBoundary) {
  Limits limits;
  limits.max_depth = 5;
  EXPECT_THAT(validate(nested_arrays(5), limits), IsOk());
  EXPECT_THAT(validate(nested_arrays(6), limits), HasError(Errc::malformed));
  EXPECT_THAT(validate(nested_objects(5), limits), IsOk());
  EXPECT_THAT(validate(nested_objects(6), limits), HasError(Errc::malformed));
  EXPECT_THAT(canonicalize(nested_arrays(6), Style::python_compact_ascii, limits), HasError(Errc::malformed));
  EXPECT_THAT(validate(R"([{"a":[{"b":[1]}]}])", limits), IsOk());
  EXPECT_THAT(validate(R"([{"a":[{"b":[[1]]}]}])", limits), HasError(Errc::malformed));
}

TEST(JsonLimits, DefaultDepthIs64) {
  EXPECT_THAT(validate(nested_arrays(64)), IsOk());
  EXPECT_THAT(validate(nested_arrays(65)), HasError(Errc::malformed));
}

TEST(JsonLimits, DepthZeroAllowsOnlyScalars) {
  Limits limits;
  limits.max_depth = 0;
  EXPECT_THAT(validate("\"a\"", limits), IsOk());
  EXPECT_THAT(validate("[]", limits), HasError(Errc::malformed));
  EXPECT_THAT(validate("{}", limits), HasError(Errc::malformed));
}

TEST(JsonLimits, VeryDeepNestingDoesNotRecurse) {
  Limits limits;
  limits.max_depth = 100000;
  EXPECT_THAT(validate(nested_arrays(50000), limits), IsOk());
  EXPECT_THAT(validate(nested_objects(20000), limits), IsOk());
  limits.max_depth = 49999;
  EXPECT_THAT(validate(nested_arrays(50000), limits), HasError(Errc::malformed));
}

TEST(JsonLimits, SizeExactBoundary) {
  Limits limits;
  limits.max_bytes = 7;
  EXPECT_THAT(validate("[1,2,3]", limits), IsOk());
  EXPECT_THAT(canonicalize("[1,2,3]", Style::compact, limits), IsOk());
  EXPECT_THAT(validate("[1,2,34]", limits), HasError(Errc::payload_too_large));
  EXPECT_THAT(canonicalize("[1,2,34]", Style::python_compact_ascii, limits), HasError(Errc::payload_too_large));
  // Whitespace counts, and the size check comes before any parsing.
  EXPECT_THAT(validate("[1,2,3] ", limits), HasError(Errc::payload_too_large));
  EXPECT_THAT(validate("[[[[[[[[", limits), HasError(Errc::payload_too_large));
}

TEST(JsonLimits, DefaultSizeIsOneMebibyte) {
  const std::string fits = cat({"\"", std::string((1u << 20) - 2, 'a'), "\""});
  EXPECT_THAT(validate(fits), IsOk());
  const std::string over = cat({"\"", std::string((1u << 20) - 1, 'a'), "\""});
  EXPECT_THAT(validate(over), HasError(Errc::payload_too_large));
}

TEST(JsonLimits, LargeDocumentsRoundTrip) {
  // Above 64 KiB a per-call parser is used; the result must be the same.
  std::string doc = "[";
  std::string expected = "[";
  for (int i = 0; i < 20000; ++i) {
    doc += cat({"{\"n\": ", std::to_string(i), ".50, \"s\": \"\\u00e9\"},"});
    expected += cat({"{\"n\":", std::to_string(i), ".5,\"s\":\"\\u00e9\"},"});
  }
  doc.back() = ']';
  expected.back() = ']';
  ASSERT_GT(doc.size(), 64u * 1024u);
  EXPECT_EQ(py(doc), expected);
}

// ------------------------------------------------------------ numbers

struct NumberCase {
  std::string_view in;
  std::string_view python;
};

TEST(JsonPython, NumbersMatchCPython) {
  const NumberCase cases[] = {
      {"0", "0"},
      {"-0", "0"},
      {"1", "1"},
      {"-1", "-1"},
      {"0.0", "0.0"},
      {"-0.0", "-0.0"},
      {"0e0", "0.0"},
      {"-0E-0", "-0.0"},
      {"1E5", "100000.0"},
      {"1e5", "100000.0"},
      {"1.50", "1.5"},
      {"1.0", "1.0"},
      {"3", "3"},
      {"3.0", "3.0"},
      {"2.5", "2.5"},
      {"0.1", "0.1"},
      {"0.30000000000000004", "0.30000000000000004"},
      {"123456789.125", "123456789.125"},
      {"0.0001", "0.0001"},
      {"0.00001", "1e-05"},
      {"0.000123", "0.000123"},
      {"1e16", "1e+16"},
      {"1e15", "1000000000000000.0"},
      {"9999999999999998.0", "9999999999999998.0"},
      {"1e22", "1e+22"},
      {"1e23", "1e+23"},
      {"1.5e300", "1.5e+300"},
      {"1e100", "1e+100"},
      {"1E+100", "1e+100"},
      {"1e-7", "1e-07"},
      {"-1.5e-7", "-1.5e-07"},
      {"5e-324", "5e-324"},
      {"2.4703282292062328e-324", "5e-324"},
      {"2.4e-324", "0.0"},
      {"1e-400", "0.0"},
      {"-1e-400", "-0.0"},
      {"1.7976931348623157e308", "1.7976931348623157e+308"},
      {"2.2250738585072014e-308", "2.2250738585072014e-308"},
      {"12345678901234567890.0", "1.2345678901234567e+19"},
      {"0.1000000000000000055511151231257827", "0.1"},
      {"1e0000000000000000000000000001", "10.0"},
      {"123e-2", "1.23"},
      {"-123.456e+2", "-12345.6"},
      {"100e-2", "1.0"},
      {"1.2345678901234567e16", "1.2345678901234568e+16"},
      {"1.2345678901234567e15", "1234567890123456.8"},
      {"9007199254740993.0", "9007199254740992.0"},
      {"0.0000000000000000000000000000001", "1e-31"},
  };
  for (const NumberCase& c : cases) {
    EXPECT_EQ(py(c.in), c.python) << c.in;
    EXPECT_EQ(py(cat({"[", c.in, "]"})), cat({"[", c.python, "]"})) << c.in;
  }
}

TEST(JsonPython, NumbersFoundByDifferentialFuzzing) {
  // Long mantissas, many-digit exponents and values next to the subnormal
  // range, as produced by the random comparison with CPython.
  const std::string zeros(400, '0');
  EXPECT_EQ(py(cat({"[0.", zeros, "1]"})), "[0.0]");
  EXPECT_EQ(py(cat({"[-0.", zeros, "1]"})), "[-0.0]");
  EXPECT_EQ(py(cat({"[-0.", zeros, "1e300]"})), "[-1e-101]");
  EXPECT_EQ(py(cat({"[1", std::string_view(zeros).substr(0, 300), ".0]"})), "[1e+300]");
  EXPECT_EQ(py("[2.5e-324, -2.5e-324]"), "[5e-324,-5e-324]");
  EXPECT_EQ(py("[4.9406564584124654e-324]"), "[5e-324]");
  EXPECT_EQ(py("[1e-05, 1e-5, 0.00009999999999999999]"), "[1e-05,1e-05,9.999999999999999e-05]");
  EXPECT_EQ(py("[9999999999999999.0]"), "[1e+16]");
  EXPECT_EQ(py("[999999999999999.9]"), "[999999999999999.9]");
  EXPECT_EQ(py("[0.000099999]"), "[9.9999e-05]");
}

TEST(JsonPython, BigIntegersAreExact) {
  EXPECT_EQ(py("123456789012345678901234567890"), "123456789012345678901234567890");
  EXPECT_EQ(py("[-123456789012345678901234567890]"), "[-123456789012345678901234567890]");
  EXPECT_EQ(py("[18446744073709551616, -9223372036854775809]"), "[18446744073709551616,-9223372036854775809]");
  EXPECT_EQ(py("[9007199254740993]"), "[9007199254740993]");
  const std::string big = cat({"9", std::string(500, '8')});
  EXPECT_EQ(py(cat({"{\"n\":", big, "}"})), cat({"{\"n\":", big, "}"}));
  EXPECT_EQ(compact(cat({"[", big, "]"})), cat({"[", big, "]"}));
}

TEST(JsonCompact, NumbersAreVerbatim) {
  EXPECT_EQ(compact("[1E5, 1.50, -0, -0.0, 5e-324, 1e-400, 1E+01, 123456789012345678901234567890]"),
            "[1E5,1.50,-0,-0.0,5e-324,1e-400,1E+01,123456789012345678901234567890]");
  EXPECT_EQ(compact("-0"), "-0");
}

// ------------------------------------------------------------ strings

TEST(JsonPython, AsciiEscaping) {
  EXPECT_EQ(py(R"("h\u00e9llo")"), R"("h\u00e9llo")");
  EXPECT_EQ(py("\"h\xC3\xA9llo\""), R"("h\u00e9llo")");
  EXPECT_EQ(py("\"\xDF\xBF\""), R"("\u07ff")");
  EXPECT_EQ(py(R"("\u0800")"), R"("\u0800")");
  EXPECT_EQ(py("\"\xE2\x80\xA8\xE2\x80\xA9\xEF\xBB\xBF\xEF\xBF\xBF\""), R"("\u2028\u2029\ufeff\uffff")");
  EXPECT_EQ(py(R"("\uABCD")"), R"("\uabcd")");
}

TEST(JsonPython, AstralCharactersBecomeLowerCaseSurrogatePairs) {
  EXPECT_EQ(py("\"\xF0\x9F\x98\x80\""), R"("\ud83d\ude00")");
  EXPECT_EQ(py(R"("\uD83D\uDE00")"), R"("\ud83d\ude00")");
  EXPECT_EQ(py(R"("\udbff\udfff")"), R"("\udbff\udfff")");
  EXPECT_EQ(py("\"\xF4\x8F\xBF\xBF\""), R"("\udbff\udfff")");
  EXPECT_EQ(py("\"\xF0\x90\x80\x80\""), R"("\ud800\udc00")");
}

TEST(JsonPython, ControlsAndDelete) {
  EXPECT_EQ(py(R"("\b\f\n\r\t\"\\")"), R"("\b\f\n\r\t\"\\")");
  EXPECT_EQ(py(R"("\u0008\u000C\u000a\u000D\u0009\u0022\u005C")"), R"("\b\f\n\r\t\"\\")");
  EXPECT_EQ(py(R"("\u0000\u0001\u001F")"), R"("\u0000\u0001\u001f")");
  EXPECT_EQ(py("\"\x7F\""), R"("\u007f")");
  EXPECT_EQ(py(R"("\u007f")"), R"("\u007f")");
}

TEST(JsonPython, SlashIsNotEscaped) {
  EXPECT_EQ(py(R"("a\/b/c")"), R"("a/b/c")");
  EXPECT_EQ(compact(R"("a\/b/c")"), R"("a/b/c")");
}

TEST(JsonPython, KeysAreEscapedLikeValues) {
  EXPECT_EQ(py("{\"\xC3\xA9\\n\":\"\xF0\x9F\x98\x80\"}"), R"({"\u00e9\n":"\ud83d\ude00"})");
}

TEST(JsonPython, SpacedSeparators) {
  EXPECT_EQ(spaced(R"({"a":[1,2.50,{"b":null}],"c":"\u00e9"})"), R"({"a": [1, 2.5, {"b": null}], "c": "\u00e9"})");
  EXPECT_EQ(spaced("[\"a, b\", \"c: d\"]"), R"(["a, b", "c: d"])");
  EXPECT_EQ(spaced("[]"), "[]");
  EXPECT_EQ(spaced("{}"), "{}");
}

TEST(JsonPython, DjangoStylePayload) {
  // What django.core.signing's JSONSerializer would write for this object.
  EXPECT_EQ(py(R"({ "user": 42, "name": "Zo\u00eb", "roles": ["admin", "ops"], "ts": 1700000000.5 })"),
            R"({"user":42,"name":"Zo\u00eb","roles":["admin","ops"],"ts":1700000000.5})");
}

TEST(JsonCompact, MinimalEscapingAndRawUtf8) {
  EXPECT_EQ(compact(R"("h\u00e9llo")"), "\"h\xC3\xA9llo\"");
  EXPECT_EQ(compact(R"("\ud83d\ude00")"), "\"\xF0\x9F\x98\x80\"");
  EXPECT_EQ(compact(R"("\u0008\u000c\u000A\u000d\u0009")"), R"("\b\f\n\r\t")");
  EXPECT_EQ(compact(R"("\u0000\u0001\u001F")"), R"("\u0000\u0001\u001f")");
  EXPECT_EQ(compact(R"("\"\\")"), R"("\"\\")");
  EXPECT_EQ(compact(R"("\u007f")"), "\"\x7F\"");
  EXPECT_EQ(compact("\"\xE2\x80\xA8\""), "\"\xE2\x80\xA8\"");
}

TEST(JsonCompact, WhitespaceIsRemoved) {
  EXPECT_EQ(compact("{ \"a\" : [ 1 ,\n\t2 ] , \"b\" : { } }"), R"({"a":[1,2],"b":{}})");
}

TEST(JsonUnicode, RoundTripsThroughBothStyles) {
  const std::string_view raw = "\"a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z\"";
  const std::string ascii = py(raw);
  EXPECT_EQ(ascii, R"("a\u00e9\u20ac\ud83d\ude00z")");
  EXPECT_EQ(compact(ascii), raw);
  EXPECT_EQ(py(compact(ascii)), ascii);
}

TEST(JsonUnicode, EveryBmpBoundaryCharacter) {
  EXPECT_EQ(py("\"\xC2\x80\""), R"("\u0080")");
  EXPECT_EQ(py("\"\xED\x9F\xBF\""), R"("\ud7ff")");
  EXPECT_EQ(py("\"\xEE\x80\x80\""), R"("\ue000")");
  EXPECT_EQ(py(R"("\u0080\ud7ff\ue000")"), R"("\u0080\ud7ff\ue000")");
}

// ------------------------------------------------------------ python_compact_utf8
// Python's json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False),
// what itsdangerous's URL-safe serializers write. Expected values from
// CPython 3.11; a randomized differential run over 1,500 documents (random
// unicode, controls, big ints, floats, nesting, several input spellings)
// agreed byte for byte when the style was added.

TEST(JsonPythonUtf8, ItsdangerousStylePayload) {
  EXPECT_EQ(utf8(R"({ "user": 42, "name": "Zo\u00eb", "roles": ["admin", "ops"], "ts": 1700000000.5 })"),
            "{\"user\":42,\"name\":\"Zo\xC3\xAB\",\"roles\":[\"admin\",\"ops\"],\"ts\":1700000000.5}");
}

TEST(JsonPythonUtf8, EscapesOnlyQuoteBackslashAndControls) {
  EXPECT_EQ(utf8(R"("\u0000\u0001\u001f\u007f\u2028 \"\\ \/ \b\f\n\r\t")"),
            "\"\\u0000\\u0001\\u001f\x7F\xE2\x80\xA8 \\\"\\\\ / \\b\\f\\n\\r\\t\"");
}

TEST(JsonPythonUtf8, NonAsciiStaysRaw) {
  EXPECT_EQ(utf8(R"("a\u00e9\u20ac\ud83d\ude00z")"), "\"a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z\"");
  EXPECT_EQ(utf8("\"a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z\""), "\"a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z\"");
  EXPECT_EQ(utf8("{\"\xC3\xA9\":\"\xF0\x9F\x98\x80\"}"), "{\"\xC3\xA9\":\"\xF0\x9F\x98\x80\"}");
}

TEST(JsonPythonUtf8, NumbersArePythons) {
  // Unlike Style::compact, numbers are re-written as Python would.
  EXPECT_EQ(utf8("[1E5, -0, -0.0, 1e16, 1e-05, 12345678901234567890, 1.10]"),
            "[100000.0,0,-0.0,1e+16,1e-05,12345678901234567890,1.1]");
  EXPECT_EQ(compact("[1E5,-0,1.10]"), "[1E5,-0,1.10]");
}

TEST(JsonPythonUtf8, CompactSeparatorsAndOrder) {
  EXPECT_EQ(utf8(" { \"b\" : [ 1 , { } ] ,\n \"a\" : null } "), R"({"b":[1,{}],"a":null})");
  EXPECT_EQ(utf8("[\"a, b\", \"c: d\"]"), R"(["a, b","c: d"])");
}

TEST(JsonPythonUtf8, SameAcceptanceAsTheOtherStyles) {
  expect_malformed("[NaN]");
  expect_malformed(R"({"a":1,"a":2})");
  expect_malformed(R"("\ud800")");
  expect_malformed("1e400");
  expect_malformed("\xEF\xBB\xBF[]");
  Limits limits;
  limits.max_depth = 2;
  EXPECT_THAT(canonicalize("[[[]]]", Style::python_compact_utf8, limits), HasError(Errc::malformed));
  EXPECT_THAT(canonicalize("[[]]", Style::python_compact_utf8, limits), IsOk());
}

TEST(JsonPythonUtf8, AgreesWithTheAsciiStyleAfterEscaping) {
  // The two compact Python styles differ only in how non-ASCII is spelled.
  for (std::string_view t : {R"({"k":["\u00e9",1.5,{"\ud83d\ude00":[]}]})", R"(["plain",-1,2e-7,true])"}) {
    EXPECT_EQ(py(utf8(t)), py(t)) << t;
  }
}

// ------------------------------------------------------------ threads

TEST(JsonThreads, ConcurrentCallsAreIndependent) {
  std::vector<std::thread> threads;
  std::vector<int> failures(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 300; ++i) {
        const std::string n = std::to_string(t * 1000 + i);
        const std::string doc = cat({"{\"t\": ", n, ", \"x\": [1.50, \"\\u00e9\"]}"});
        const Result<std::string> r = canonicalize(doc, Style::python_compact_ascii);
        if (!r || *r != cat({"{\"t\":", n, ",\"x\":[1.5,\"\\u00e9\"]}"})) ++failures[static_cast<std::size_t>(t)];
        if (validate(cat({"{\"a\":1,\"a\":", n, "}"}))) ++failures[static_cast<std::size_t>(t)];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace signet::json
