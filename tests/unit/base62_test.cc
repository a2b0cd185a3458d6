// Tests for src/encoding/base62: Django's b62_encode / b62_decode.
#include "encoding/base62.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "support/matchers.h"

namespace signet::encoding {
namespace {

using ::signet::testing::HasError;
using ::signet::testing::IsOk;

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

void expect_round_trip(std::int64_t v) {
  const std::string s = base62_encode(v);
  auto d = base62_decode(s);
  ASSERT_THAT(d, IsOk()) << v << " -> " << s;
  EXPECT_EQ(*d, v) << s;
}

TEST(Base62, EncodesDjangoExamples) {
  EXPECT_EQ(base62_encode(0), "0");
  EXPECT_EQ(base62_encode(1), "1");
  EXPECT_EQ(base62_encode(61), "z");
  EXPECT_EQ(base62_encode(62), "10");
  EXPECT_EQ(base62_encode(1700000000), "1r31eq");
  EXPECT_EQ(base62_encode(-100), "-1c");
  EXPECT_EQ(base62_encode(-1), "-1");
  // 2^63 - 1 and -2^63 (the latter is "-" + the base62 of 2^63).
  EXPECT_EQ(base62_encode(kMax), "AzL8n0Y58m7");
  EXPECT_EQ(base62_encode(kMin), "-AzL8n0Y58m8");
}

TEST(Base62, DecodesDjangoExamples) {
  EXPECT_EQ(base62_decode("0").value(), 0);
  EXPECT_EQ(base62_decode("1r31eq").value(), 1700000000);
  EXPECT_EQ(base62_decode("-1c").value(), -100);
  EXPECT_EQ(base62_decode("z").value(), 61);
  EXPECT_EQ(base62_decode("Z").value(), 35);
  EXPECT_EQ(base62_decode("AzL8n0Y58m7").value(), kMax);
  EXPECT_EQ(base62_decode("-AzL8n0Y58m8").value(), kMin);
}

TEST(Base62, AcceptsWhatDjangoAccepts) {
  EXPECT_EQ(base62_decode("00").value(), 0);
  EXPECT_EQ(base62_decode("0001r31eq").value(), 1700000000);
  EXPECT_EQ(base62_decode("-").value(), 0);
  EXPECT_EQ(base62_decode("-0").value(), 0);
  EXPECT_EQ(base62_decode("-00").value(), 0);
  // Leading zeros do not count towards overflow.
  EXPECT_EQ(base62_decode(std::string(200, '0') + "AzL8n0Y58m7").value(), kMax);
}

TEST(Base62, RejectsEmptyAndBadCharacters) {
  EXPECT_THAT(base62_decode(""), HasError(Errc::malformed));
  EXPECT_THAT(base62_decode("--1"), HasError(Errc::malformed));
  EXPECT_THAT(base62_decode("1-"), HasError(Errc::malformed));
  EXPECT_THAT(base62_decode("+1"), HasError(Errc::malformed));
  EXPECT_THAT(base62_decode(" 1"), HasError(Errc::malformed));
  EXPECT_THAT(base62_decode("1 "), HasError(Errc::malformed));
  EXPECT_THAT(base62_decode("1r31eq:"), HasError(Errc::malformed));
  EXPECT_THAT(base62_decode(std::string_view("1\0", 2)), HasError(Errc::malformed));
  EXPECT_THAT(base62_decode("\xc3\xa9"), HasError(Errc::malformed));
  const std::string_view alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    if (alphabet.find(ch) != std::string_view::npos) continue;
    std::string s = "1a";
    s += ch;
    EXPECT_THAT(base62_decode(s), HasError(Errc::malformed)) << c;
  }
}

TEST(Base62, RejectsOverflow) {
  EXPECT_THAT(base62_decode("AzL8n0Y58m8"), HasError(Errc::malformed));   // 2^63
  EXPECT_THAT(base62_decode("-AzL8n0Y58m9"), HasError(Errc::malformed));  // -(2^63 + 1)
  EXPECT_THAT(base62_decode("zzzzzzzzzzz"), HasError(Errc::malformed));
  EXPECT_THAT(base62_decode("LygHa16AHYF"), HasError(Errc::malformed));   // 2^64 - 1
  EXPECT_THAT(base62_decode("LygHa16AHYG"), HasError(Errc::malformed));   // 2^64 (wraps to 0 in uint64)
  EXPECT_THAT(base62_decode("100000000000"), HasError(Errc::malformed));  // 62^11
  EXPECT_THAT(base62_decode(std::string(1000, 'z')), HasError(Errc::malformed));
}

// Up to ten digits the decoder skips the per-digit overflow check (62^10 <
// 2^63); these pin both sides of that switch.
TEST(Base62, DecodesBothSidesOfTheUncheckedLength) {
  constexpr std::int64_t k62To10 = 839299365868340224;  // 62^10
  EXPECT_EQ(base62_decode("zzzzzzzzzz").value(), k62To10 - 1);
  EXPECT_EQ(base62_decode("-zzzzzzzzzz").value(), -(k62To10 - 1));
  EXPECT_EQ(base62_decode("10000000000").value(), k62To10);
  EXPECT_EQ(base62_decode("-10000000000").value(), -k62To10);
  EXPECT_EQ(base62_decode("0000000000").value(), 0);
  EXPECT_EQ(base62_decode("-0000000000").value(), 0);
}

TEST(Base62, RejectsABadCharacterAtAnyPositionOfAnyLength) {
  for (std::size_t len = 1; len <= 12; ++len) {
    for (std::size_t at = 0; at < len; ++at) {
      for (const char bad : {'-', ':', '+', '/', '=', ' ', '\0', '\x7f', '\x80', '\xff'}) {
        if (bad == '-' && at == 0) continue;  // a leading '-' is the sign
        std::string s(len, '1');
        s[at] = bad;
        EXPECT_THAT(base62_decode(s), HasError(Errc::malformed)) << len << " " << at << " " << int(bad);
        EXPECT_THAT(base62_decode("-" + s), HasError(Errc::malformed)) << len << " " << at << " " << int(bad);
      }
    }
  }
}

TEST(Base62, EncodeToFillsAtMostTheMaximumSize) {
  char buf[kBase62MaxSize];
  EXPECT_EQ(base62_encode_to(kMin, buf), kBase62MaxSize);
  EXPECT_EQ(std::string(buf, kBase62MaxSize), "-AzL8n0Y58m8");
  EXPECT_EQ(base62_encode_to(kMax, buf), kBase62MaxSize - 1);
  EXPECT_EQ(base62_encode_to(0, buf), 1u);
  EXPECT_EQ(buf[0], '0');
}

TEST(Base62, RoundTripsExtremes) {
  for (std::int64_t v : {kMin, kMin + 1, kMin + 61, std::int64_t{-62}, std::int64_t{-61}, std::int64_t{-1},
                         std::int64_t{0}, std::int64_t{1}, std::int64_t{61}, std::int64_t{62}, kMax - 1, kMax}) {
    expect_round_trip(v);
  }
  // Around every power of 62.
  std::int64_t p = 1;
  for (int i = 0; i < 10; ++i) {
    p *= 62;
    for (std::int64_t d : {-1, 0, 1}) {
      expect_round_trip(p + d);
      expect_round_trip(-(p + d));
    }
  }
}

TEST(Base62, RoundTripsRandom) {
  std::mt19937_64 rng(1234);
  for (int i = 0; i < 100000; ++i) {
    // Mix full-range values with small ones so every digit count is covered.
    const auto raw = static_cast<std::int64_t>(rng());
    const int shift = static_cast<int>(rng() % 64);
    expect_round_trip(raw);
    expect_round_trip(raw >> shift);
  }
}

TEST(Base62, EncodingIsCanonical) {
  std::mt19937_64 rng(99);
  for (int i = 0; i < 1000; ++i) {
    const auto v = static_cast<std::int64_t>(rng());
    const std::string s = base62_encode(v);
    EXPECT_NE(s.front(), '0') << s;
    if (v < 0) {
      EXPECT_NE(s[1], '0') << s;
    }
  }
}

}  // namespace
}  // namespace signet::encoding
