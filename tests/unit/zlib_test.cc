// Tests for src/encoding/zlib: Python-identical compression, capped inflation.
#include "encoding/zlib.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <random>
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

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

// deflate_with_window_bits compresses with zlib directly, for formats
// zlib_compress does not write (raw deflate: -15, gzip: 31).
std::string deflate_with_window_bits(std::string_view data, int window_bits) {
  z_stream s{};
  EXPECT_EQ(deflateInit2(&s, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&s, static_cast<uLong>(data.size())) + 32, '\0');
  std::string in(data);
  s.next_in = reinterpret_cast<Bytef*>(in.data());
  s.avail_in = static_cast<uInt>(in.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&s, Z_FINISH), Z_STREAM_END);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

// Python: zlib.compress(b'hello hello hello hello').hex()
constexpr std::string_view kHelloHex = "789ccb48cdc9c957c8402701680308b1";
constexpr std::string_view kJson = R"({"user":42,"name":"alice","roles":["admin","admin","admin"]})";
// Python: zlib.compress(kJson).hex(), then with level 9 and level 1.
constexpr std::string_view kJsonHex =
    "789cab562a2d4e2d52b23231d251ca4bcc4d55b2524accc94c4e55d2512acacf492d56b28a564a4cc9cdcc030aa0d2b1b500385b12ef";

TEST(Zlib, MatchesPythonBytes) {
  EXPECT_EQ(zlib_compress(bytes_of("hello hello hello hello")), from_hex(kHelloHex));
  EXPECT_EQ(zlib_compress(bytes_of(kJson)), from_hex(kJsonHex));
  // Python: zlib.compress(b'').hex()
  EXPECT_EQ(zlib_compress(bytes_of("")), from_hex("789c030000000001"));
  // Level -1 (Python's default) is level 6.
  EXPECT_EQ(zlib_compress(bytes_of(kJson), -1), from_hex(kJsonHex));
}

TEST(Zlib, HeaderFollowsLevel) {
  std::string body = from_hex(kJsonHex).substr(2);
  EXPECT_EQ(zlib_compress(bytes_of(kJson), 9), from_hex("78da") + body);
  EXPECT_EQ(zlib_compress(bytes_of(kJson), 1), from_hex("7801") + body);
}

TEST(Zlib, RoundTrips) {
  std::mt19937_64 rng(5);
  for (std::size_t n : {0u, 1u, 2u, 100u, 1000u, 65536u, 300000u}) {
    for (int compressible = 0; compressible < 2; ++compressible) {
      std::string data(n, '\0');
      for (auto& c : data) c = static_cast<char>(compressible != 0 ? 'a' + rng() % 4 : rng());
      for (int level : {0, 1, 6, 9}) {
        const std::string z = zlib_compress(bytes_of(data), level);
        auto back = zlib_inflate(bytes_of(z), data.size());
        ASSERT_THAT(back, IsOk()) << n << " level " << level;
        EXPECT_TRUE(*back == data) << n << " level " << level;
        if (level == 0) continue;  // stored blocks depend on the output buffering; see below
        // At levels 1-9 the bytes equal compress2()'s, however the output was
        // buffered.
        std::string ref(compressBound(static_cast<uLong>(n)), '\0');
        uLongf ref_len = static_cast<uLongf>(ref.size());
        ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(ref.data()), &ref_len,
                            reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(n), level),
                  Z_OK);
        ref.resize(ref_len);
        EXPECT_TRUE(z == ref) << n << " level " << level;
      }
    }
  }
}

// lcg_bytes is deterministic filler that Python can reproduce:
//   x = (x * 6364136223846793005 + 1442695040888963407) % 2**64; byte = x >> 56
std::string lcg_bytes(std::size_t n, std::uint64_t x) {
  std::string out(n, '\0');
  for (auto& c : out) {
    x = x * 6364136223846793005u + 1442695040888963407u;
    c = static_cast<char>(x >> 56);
  }
  return out;
}

TEST(Zlib, MatchesPythonOnLargeInputsAtEveryLevel) {
  // Length and CRC-32 of Python 3.11's zlib.compress(data, level) (zlib
  // 1.2.13). Level 0 is the sensitive one: stored-block boundaries follow
  // how much output space each deflate() call is offered.
  struct Case {
    std::size_t n;
    bool text;
    int level;
    std::size_t len;
    unsigned long crc;
  };
  const Case cases[] = {
      {100000, false, 0, 100021, 0x0bc9bd88},   {100000, false, 6, 100041, 0x09747177},
      {300000, false, 0, 300036, 0x8642b844},   {300000, false, 6, 300101, 0x91326af5},
      {2000000, false, 0, 2000166, 0x8810a9ff}, {2000000, false, 6, 2000621, 0x380064e4},
      {300000, true, 0, 300036, 0x959c21b2},    {300000, true, 6, 88095, 0xc66968b7},
      {300000, true, 9, 86821, 0x434d0e50},
  };
  for (const Case& c : cases) {
    // text: bytes(97 + b % 4 for b in lcg_bytes(n, 2)); otherwise lcg_bytes(n, 1).
    std::string data = lcg_bytes(c.n, c.text ? 2 : 1);
    if (c.text) {
      for (auto& ch : data) ch = static_cast<char>('a' + static_cast<unsigned char>(ch) % 4);
    }
    const std::string z = zlib_compress(bytes_of(data), c.level);
    EXPECT_EQ(z.size(), c.len) << c.n << " level " << c.level;
    EXPECT_EQ(crc32(0, reinterpret_cast<const Bytef*>(z.data()), static_cast<uInt>(z.size())), c.crc)
        << c.n << " level " << c.level;
  }
}

TEST(Zlib, InflatesPythonBytes) {
  const std::string z = from_hex(kHelloHex);
  auto out = zlib_inflate(bytes_of(z), 1024);
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ(*out, "hello hello hello hello");
}

TEST(Zlib, CapBoundaries) {
  const std::string data(100000, 'x');
  const std::string z = zlib_compress(bytes_of(data));
  EXPECT_THAT(zlib_inflate(bytes_of(z), data.size()), IsOk());
  EXPECT_THAT(zlib_inflate(bytes_of(z), data.size() + 1), IsOk());
  EXPECT_THAT(zlib_inflate(bytes_of(z), data.size() - 1), HasError(Errc::payload_too_large));
  EXPECT_THAT(zlib_inflate(bytes_of(z), 1), HasError(Errc::payload_too_large));
  EXPECT_THAT(zlib_inflate(bytes_of(z), 0), HasError(Errc::payload_too_large));
}

TEST(Zlib, CapBoundariesForSmallPayloads) {
  // Exercises the cap below the initial buffer guess, for every size.
  for (std::size_t n = 1; n < 40; ++n) {
    const std::string data(n, 'q');
    const std::string z = zlib_compress(bytes_of(data));
    auto exact = zlib_inflate(bytes_of(z), n);
    ASSERT_THAT(exact, IsOk()) << n;
    EXPECT_EQ(*exact, data);
    EXPECT_THAT(zlib_inflate(bytes_of(z), n - 1), HasError(Errc::payload_too_large)) << n;
  }
}

TEST(Zlib, ZeroCapAllowsOnlyEmpty) {
  const std::string empty = zlib_compress(bytes_of(""));
  auto out = zlib_inflate(bytes_of(empty), 0);
  ASSERT_THAT(out, IsOk());
  EXPECT_TRUE(out->empty());
  const std::string one = zlib_compress(bytes_of("a"));
  EXPECT_THAT(zlib_inflate(bytes_of(one), 0), HasError(Errc::payload_too_large));
}

TEST(Zlib, BombStopsAtCap) {
  constexpr std::size_t kSize = 64u << 20;
  const std::string z = zlib_compress(bytes_of(std::string(kSize, '\0')));
  ASSERT_LT(z.size(), 100000u);  // a real bomb: ~1000:1
  EXPECT_THAT(zlib_inflate(bytes_of(z), 1u << 20), HasError(Errc::payload_too_large));
  EXPECT_THAT(zlib_inflate(bytes_of(z), kSize - 1), HasError(Errc::payload_too_large));
  auto full = zlib_inflate(bytes_of(z), kSize);
  ASSERT_THAT(full, IsOk());
  EXPECT_EQ(full->size(), kSize);
  EXPECT_EQ(full->find_first_not_of('\0'), std::string::npos);
}

TEST(Zlib, RejectsEmptyInput) {
  EXPECT_THAT(zlib_inflate(bytes_of(""), 1024), HasError(Errc::bad_payload));
  EXPECT_THAT(zlib_inflate(bytes_of(""), 0), HasError(Errc::bad_payload));
}

TEST(Zlib, RejectsTruncatedStream) {
  const std::string z = zlib_compress(bytes_of(kJson));
  // Every proper prefix, including ones missing only part of the Adler-32.
  for (std::size_t len = 1; len < z.size(); ++len) {
    EXPECT_THAT(zlib_inflate(bytes_of(std::string_view(z).substr(0, len)), 1024), HasError(Errc::bad_payload))
        << len;
  }
}

TEST(Zlib, RejectsFlippedBytes) {
  const std::string z = zlib_compress(bytes_of(kJson));
  for (std::size_t i = 0; i < z.size(); ++i) {
    std::string bad = z;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    // A flipped bit can also make the stream claim more data; either way it
    // must fail, and with a generous cap it must fail as bad_payload.
    EXPECT_THAT(zlib_inflate(bytes_of(bad), 1 << 20), HasError(Errc::bad_payload)) << i;
  }
}

TEST(Zlib, RejectsTrailingGarbage) {
  const std::string z = zlib_compress(bytes_of(kJson));
  EXPECT_THAT(zlib_inflate(bytes_of(z + "x"), 1024), HasError(Errc::bad_payload));
  EXPECT_THAT(zlib_inflate(bytes_of(z + std::string(1, '\0')), 1024), HasError(Errc::bad_payload));
  EXPECT_THAT(zlib_inflate(bytes_of(z + z), 1024), HasError(Errc::bad_payload));
  // Trailing bytes are found even when the output sits exactly at the cap.
  EXPECT_THAT(zlib_inflate(bytes_of(z + "x"), kJson.size()), HasError(Errc::bad_payload));
}

TEST(Zlib, RejectsRawDeflateAndGzip) {
  const std::string raw = deflate_with_window_bits(kJson, -15);
  EXPECT_THAT(zlib_inflate(bytes_of(raw), 1024), HasError(Errc::bad_payload));
  const std::string gz = deflate_with_window_bits(kJson, 31);
  ASSERT_EQ(gz.substr(0, 2), "\x1f\x8b");
  EXPECT_THAT(zlib_inflate(bytes_of(gz), 1024), HasError(Errc::bad_payload));
}

TEST(Zlib, RejectsPresetDictionary) {
  // Header 78 bb: FDICT set (78bb % 31 == 0), then a dictionary id.
  const std::string z = from_hex("78bb00000001030000000001");
  EXPECT_THAT(zlib_inflate(bytes_of(z), 1024), HasError(Errc::bad_payload));
}

TEST(Zlib, RejectsGarbage) {
  EXPECT_THAT(zlib_inflate(bytes_of("not zlib at all"), 1024), HasError(Errc::bad_payload));
  EXPECT_THAT(zlib_inflate(bytes_of(std::string(1, '\x78')), 1024), HasError(Errc::bad_payload));
}

}  // namespace
}  // namespace signet::encoding
