// Tests for src/encoding/base64url: RFC 4648 vectors, strictness, round trips.
#include "encoding/base64url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "support/matchers.h"

namespace signet::encoding {
namespace {

using ::signet::testing::HasError;
using ::signet::testing::IsOk;

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::vector<std::uint8_t> random_bytes(std::mt19937_64& rng, std::size_t n) {
  std::vector<std::uint8_t> v(n);
  for (auto& b : v) b = static_cast<std::uint8_t>(rng());
  return v;
}

TEST(Base64Url, Rfc4648Vectors) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", ""},        {"f", "Zg"},         {"fo", "Zm8"},      {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : cases) {
    EXPECT_EQ(base64url_encode(bytes_of(plain)), encoded);
    auto decoded = base64url_decode(encoded);
    ASSERT_THAT(decoded, IsOk()) << encoded;
    EXPECT_EQ(*decoded, plain);
  }
}

TEST(Base64Url, UsesUrlAlphabet) {
  const std::uint8_t in[] = {0xfb, 0xff, 0xbf};
  EXPECT_EQ(base64url_encode(in), "-_-_");
  auto decoded = base64url_decode("-_-_");
  ASSERT_THAT(decoded, IsOk());
  EXPECT_EQ(*decoded, std::string("\xfb\xff\xbf"));
}

TEST(Base64Url, EncodedAndDecodedSizes) {
  for (std::size_t n = 0; n < 50; ++n) {
    const std::size_t e = base64url_encoded_size(n);
    ASSERT_NE(e % 4, 1u);
    ASSERT_TRUE(base64url_decoded_size(e).has_value());
    EXPECT_EQ(*base64url_decoded_size(e), n);
  }
  EXPECT_FALSE(base64url_decoded_size(1).has_value());
  EXPECT_FALSE(base64url_decoded_size(5).has_value());
}

TEST(Base64Url, EmptyDecodesToEmpty) {
  auto d = base64url_decode("");
  ASSERT_THAT(d, IsOk());
  EXPECT_TRUE(d->empty());
  EXPECT_THAT(base64url_decode(std::string_view(), nullptr), IsOk());
}

TEST(Base64Url, RejectsPadding) {
  EXPECT_THAT(base64url_decode("Zg=="), HasError(Errc::malformed));
  EXPECT_THAT(base64url_decode("Zm8="), HasError(Errc::malformed));
  EXPECT_THAT(base64url_decode("Zg="), HasError(Errc::malformed));
  EXPECT_THAT(base64url_decode("===="), HasError(Errc::malformed));
}

TEST(Base64Url, RejectsStandardAlphabetAndWhitespace) {
  EXPECT_THAT(base64url_decode("+/+/"), HasError(Errc::malformed));
  EXPECT_THAT(base64url_decode("Zm9+"), HasError(Errc::malformed));
  EXPECT_THAT(base64url_decode("Zm9/"), HasError(Errc::malformed));
  EXPECT_THAT(base64url_decode("Zm9v Yg"), HasError(Errc::malformed));
  EXPECT_THAT(base64url_decode("Zm9v\nYmFy"), HasError(Errc::malformed));
  EXPECT_THAT(base64url_decode(" Zm9v"), HasError(Errc::malformed));
  EXPECT_THAT(base64url_decode("Zm9v\t"), HasError(Errc::malformed));
  EXPECT_THAT(base64url_decode(std::string_view("Zm\0v", 4)), HasError(Errc::malformed));
}

TEST(Base64Url, RejectsEveryCharOutsideAlphabetInEveryPosition) {
  const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    if (alphabet.find(ch) != std::string_view::npos) continue;
    // Positions across a full quad and both tail shapes; "AAAAAAAA" decodes
    // fine, so any failure comes from the substituted character.
    for (std::size_t len : {4u, 6u, 7u, 8u}) {
      for (std::size_t pos = 0; pos < len; ++pos) {
        std::string s(len, 'A');
        s[pos] = ch;
        EXPECT_THAT(base64url_decode(s), HasError(Errc::malformed)) << "char " << c << " len " << len << " pos " << pos;
      }
    }
  }
}

TEST(Base64Url, AcceptsEveryAlphabetChar) {
  const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (char ch : alphabet) {
    std::string s(4, 'A');
    s[3] = ch;
    EXPECT_THAT(base64url_decode(s), IsOk()) << ch;
  }
  auto all = base64url_decode(alphabet);
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(base64url_encode(bytes_of(*all)), alphabet);
}

TEST(Base64Url, RejectsImpossibleLengths) {
  for (std::size_t len : {1u, 5u, 9u, 13u, 101u}) {
    std::string s(len, 'A');
    EXPECT_THAT(base64url_decode(s), HasError(Errc::malformed)) << len;
    std::uint8_t buf[128];
    EXPECT_THAT(base64url_decode(s, buf), HasError(Errc::malformed)) << len;
  }
}

TEST(Base64Url, RejectsNonCanonicalTrailingBits) {
  auto ok = base64url_decode("YQ");
  ASSERT_THAT(ok, IsOk());
  EXPECT_EQ(*ok, "a");
  EXPECT_THAT(base64url_decode("YR"), HasError(Errc::malformed));
  // Every 2-char tail whose second char has any of its low 4 bits set.
  const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (std::size_t v = 0; v < 64; ++v) {
    const std::string two = std::string("Zm9vY") + alphabet[v];      // 6 chars -> 4 bytes
    const std::string three = std::string("Zm9vYm") + alphabet[v];   // 7 chars -> 5 bytes
    if (v % 16 == 0) {
      EXPECT_THAT(base64url_decode(two), IsOk()) << two;
    } else {
      EXPECT_THAT(base64url_decode(two), HasError(Errc::malformed)) << two;
    }
    if (v % 4 == 0) {
      EXPECT_THAT(base64url_decode(three), IsOk()) << three;
    } else {
      EXPECT_THAT(base64url_decode(three), HasError(Errc::malformed)) << three;
    }
  }
}

TEST(Base64Url, EverySingleByteValue) {
  for (int b = 0; b < 256; ++b) {
    const std::uint8_t in[] = {static_cast<std::uint8_t>(b)};
    const std::string enc = base64url_encode(in);
    ASSERT_EQ(enc.size(), 2u);
    auto dec = base64url_decode(enc);
    ASSERT_THAT(dec, IsOk()) << enc;
    ASSERT_EQ(dec->size(), 1u);
    EXPECT_EQ(static_cast<std::uint8_t>((*dec)[0]), b);
  }
}

TEST(Base64Url, RoundTripsRandomBytesOfEveryLength) {
  std::mt19937_64 rng(42);
  for (std::size_t n = 0; n <= 100; ++n) {
    for (int rep = 0; rep < 20; ++rep) {
      const auto in = random_bytes(rng, n);
      const std::string enc = base64url_encode(in);
      ASSERT_EQ(enc.size(), base64url_encoded_size(n));
      // The pointer overload writes exactly the decoded size; a guard byte
      // after it must survive.
      std::vector<std::uint8_t> out(n + 1, 0xa5);
      ASSERT_THAT(base64url_decode(enc, out.data()), IsOk());
      EXPECT_EQ(out[n], 0xa5);
      out.resize(n);
      EXPECT_EQ(out, in);
      auto dec = base64url_decode(enc);
      ASSERT_THAT(dec, IsOk());
      EXPECT_EQ(std::vector<std::uint8_t>(dec->begin(), dec->end()), in);
    }
  }
}

TEST(Base64Url, EncodeAppendAppends) {
  std::string s = "prefix.";
  base64url_encode_append(bytes_of("foobar"), s);
  EXPECT_EQ(s, "prefix.Zm9vYmFy");
  base64url_encode_append(bytes_of(""), s);
  EXPECT_EQ(s, "prefix.Zm9vYmFy");
}

TEST(Base64Url, EncodeToBuffer) {
  char buf[9] = "XXXXXXXX";
  base64url_encode(bytes_of("fooba"), buf);
  EXPECT_EQ(std::string_view(buf, 8), "Zm9vYmEX");
}

TEST(Base64Url, LargeInput) {
  std::mt19937_64 rng(7);
  const auto in = random_bytes(rng, (1u << 20) + 2);
  const std::string enc = base64url_encode(in);
  EXPECT_EQ(enc.size(), base64url_encoded_size(in.size()));
  auto dec = base64url_decode(enc);
  ASSERT_THAT(dec, IsOk());
  EXPECT_EQ(std::vector<std::uint8_t>(dec->begin(), dec->end()), in);
  // One bad character deep in a large input is still found.
  std::string bad = enc;
  bad[bad.size() / 2] = '=';
  EXPECT_THAT(base64url_decode(bad), HasError(Errc::malformed));
}

}  // namespace
}  // namespace signet::encoding

// The decoder has a vectorised path for long inputs (32 characters at a
// time): it must agree with encoding, and refuse every invalid byte, at
// every position and length.
namespace signet::encoding {
namespace {

std::span<const std::uint8_t> crypto_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

TEST(Base64urlLong, VectorisedPathAgreesWithTheScalarOne) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) bytes.push_back(static_cast<char>((i * 151 + 7) & 0xFF));
  for (std::size_t len = 0; len <= bytes.size(); ++len) {
    const std::string text = base64url_encode(crypto_bytes(std::string_view(bytes).substr(0, len)));
    auto back = base64url_decode(text);
    ASSERT_TRUE(back.has_value()) << len;
    EXPECT_EQ(*back, bytes.substr(0, len));
  }
  const std::string text = base64url_encode(crypto_bytes(std::string_view(bytes).substr(0, 120)));  // 160 chars
  for (std::size_t at = 0; at < text.size(); ++at) {
    for (int c = 0; c < 256; ++c) {
      const char ch = static_cast<char>(c);
      const bool valid = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                         ch == '-' || ch == '_';
      std::string t = text;
      t[at] = ch;
      EXPECT_EQ(base64url_decode(t).has_value(), valid) << "position " << at << " byte " << c;
      EXPECT_EQ(base64url_is_canonical(t), valid) << "position " << at << " byte " << c;
    }
  }
}

}  // namespace
}  // namespace signet::encoding

// The encoder has a vectorised path too (24 bytes at a time from 28 bytes
// on): it must write exactly what the independent constant-time encoder
// writes, for every byte value in every lane position and every length, and
// nothing past the end.
namespace signet::encoding {
namespace {

TEST(Base64urlLong, VectorisedEncoderAgreesWithTheConstantTimeOne) {
  std::mt19937_64 rng(11);
  for (std::size_t len = 0; len <= 300; ++len) {
    for (int rep = 0; rep < 8; ++rep) {
      std::vector<std::uint8_t> in(len);
      for (auto& b : in) b = static_cast<std::uint8_t>(rng());
      const std::size_t n = base64url_encoded_size(len);
      std::string fast(n + 1, '#'), reference(n, '\0');
      base64url_encode(in, fast.data());
      base64url_encode_secret(in, reference.data());
      EXPECT_EQ(fast.back(), '#') << "wrote past the end at length " << len;
      fast.pop_back();
      ASSERT_EQ(fast, reference) << "length " << len;
    }
  }
  // Every byte value at every offset of a vector block, so each 6-bit value
  // meets the alphabet mapping in every lane.
  for (std::size_t at = 0; at < 48; ++at) {
    for (int v = 0; v < 256; ++v) {
      std::vector<std::uint8_t> in(48, static_cast<std::uint8_t>(at * 37));
      in[at] = static_cast<std::uint8_t>(v);
      std::string fast(64, '\0'), reference(64, '\0');
      base64url_encode(in, fast.data());
      base64url_encode_secret(in, reference.data());
      ASSERT_EQ(fast, reference) << "offset " << at << " value " << v;
    }
  }
}

}  // namespace
}  // namespace signet::encoding

// The decoder finishes the whole quads after its 32-character blocks with
// one more block that overlaps the previous one: a bad character anywhere,
// in particular in the overlapped and in the final part, must still fail.
namespace signet::encoding {
namespace {

TEST(Base64urlLong, OverlappingLastBlockStillRefusesEveryBadCharacter) {
  std::mt19937_64 rng(5);
  for (std::size_t bytes = 24; bytes <= 90; ++bytes) {
    std::vector<std::uint8_t> in(bytes);
    for (auto& b : in) b = static_cast<std::uint8_t>(rng());
    const std::string text = base64url_encode(in);
    std::vector<std::uint8_t> out(bytes + 1, 0x5a);
    ASSERT_TRUE(base64url_decode(text, out.data()).has_value()) << bytes;
    EXPECT_EQ(out[bytes], 0x5a) << "wrote past the end at " << bytes;
    out.resize(bytes);
    EXPECT_EQ(out, in) << bytes;
    for (std::size_t at = 0; at < text.size(); ++at) {
      for (char bad : {'=', '+', '/', '.', ' ', '\0', '\x80', '\xff', '@', '[', '`', '{'}) {
        std::string t = text;
        t[at] = bad;
        EXPECT_FALSE(base64url_decode(t, out.data()).has_value()) << bytes << " at " << at << " byte " << int(bad);
      }
    }
  }
}

}  // namespace
}  // namespace signet::encoding
