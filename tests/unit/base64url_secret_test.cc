// The constant-time base64url functions for secret material must accept and
// produce exactly what the table-driven ones do (their constant-time
// behaviour is checked under valgrind by tests/consttime).
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <vector>

#include "encoding/base64url.h"

namespace signet::encoding {
namespace {

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

TEST(Base64urlSecretTest, EveryCharacterDecodesAsTheTableDecoderSays) {
  // Every byte value in every position of a 4- and 2- and 3-character text.
  for (int c = 0; c < 256; ++c) {
    for (std::size_t len : {2u, 3u, 4u}) {
      for (std::size_t pos = 0; pos < len; ++pos) {
        std::string text(len, 'A');
        text[pos] = static_cast<char>(c);
        std::array<std::uint8_t, 3> table{}, secret{};
        const bool want = static_cast<bool>(base64url_decode(text, table.data()));
        EXPECT_EQ(base64url_decode_secret(text, secret.data()), want) << "char " << c << " len " << len << " pos " << pos;
        if (want) {
          EXPECT_EQ(table, secret) << "char " << c;
        }
      }
    }
  }
}

TEST(Base64urlSecretTest, RandomBytesRoundTripLikeTheTableFunctions) {
  std::mt19937 rng(12345);
  for (std::size_t n = 0; n < 200; ++n) {
    std::vector<std::uint8_t> bytes(n % 70);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
    const std::string expected = base64url_encode(bytes);
    std::string encoded(expected.size(), '\0');
    base64url_encode_secret(bytes, encoded.data());
    ASSERT_EQ(encoded, expected);
    std::vector<std::uint8_t> decoded(bytes.size() + 1, 0xee);
    ASSERT_TRUE(base64url_decode_secret(encoded, decoded.data()));
    decoded.resize(bytes.size());
    EXPECT_EQ(decoded, bytes);
    EXPECT_TRUE(base64url_matches_secret(bytes, expected));
  }
}

TEST(Base64urlSecretTest, NonCanonicalTextIsRefused) {
  std::array<std::uint8_t, 8> out{};
  for (const char* text : {"A", "AB", "ABD", "AAA=", "AA+A", "AA/A", "AA A", "QUJD\n"}) {
    EXPECT_FALSE(base64url_decode_secret(text, out.data())) << text;
    EXPECT_FALSE(static_cast<bool>(base64url_decode(text, out.data()))) << text;
  }
  EXPECT_TRUE(base64url_decode_secret("", out.data()));
}

TEST(Base64urlSecretTest, MatchesSecretComparesTheWholeText) {
  const std::string mac = "0123456789abcdef0123456789abcdef";
  const std::string text = base64url_encode(bytes_of(mac));
  EXPECT_TRUE(base64url_matches_secret(bytes_of(mac), text));
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string altered = text;
    altered[i] = altered[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(base64url_matches_secret(bytes_of(mac), altered)) << i;
  }
  EXPECT_FALSE(base64url_matches_secret(bytes_of(mac), text.substr(1)));
  EXPECT_FALSE(base64url_matches_secret(bytes_of(mac), text + "A"));
  EXPECT_FALSE(base64url_matches_secret(bytes_of(mac), text + "="));
}

}  // namespace
}  // namespace signet::encoding
