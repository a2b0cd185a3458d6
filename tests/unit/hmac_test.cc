#include "crypto/hmac.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace signet::crypto {
namespace {

std::vector<std::uint8_t> from_hex(const std::string& hex) {
  std::vector<std::uint8_t> out;
  if (hex == "-") return out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::string to_hex(const std::uint8_t* p, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(digits[p[i] >> 4]);
    out.push_back(digits[p[i] & 15]);
  }
  return out;
}

Hash hash_named(const std::string& name) {
  if (name == "sha1") return Hash::sha1;
  if (name == "sha224") return Hash::sha224;
  if (name == "sha256") return Hash::sha256;
  if (name == "sha384") return Hash::sha384;
  return Hash::sha512;
}

// tests/data/hmac_cases.txt: RFC 4231 (and RFC 2202 style) cases for every
// hash, including keys longer than the block, one line per case:
// name hash key-hex message-hex expected-mac-hex ("-" for empty).
TEST(HmacTest, MatchesReferenceVectors) {
  std::ifstream in(SIGNET_TEST_DATA_DIR "/hmac_cases.txt");
  ASSERT_TRUE(in) << "missing test data";
  std::string line;
  int count = 0;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string name, hash, key, message, expected;
    fields >> name >> hash >> key >> message >> expected;
    const auto k = from_hex(key);
    const auto m = from_hex(message);
    HmacKey mac_key(hash_named(hash), k);
    std::uint8_t out[kMaxDigestSize];
    mac_key.mac(m, out);
    EXPECT_EQ(to_hex(out, mac_key.mac_size()), expected) << name << " " << hash;
    // Split messages must give the same MAC as one part.
    if (m.size() > 2) {
      const std::span<const std::uint8_t> parts[] = {std::span(m).first(1), std::span(m).subspan(1)};
      mac_key.mac(parts, out);
      EXPECT_EQ(to_hex(out, mac_key.mac_size()), expected) << name << " " << hash << " in two parts";
    }
    ++count;
  }
  EXPECT_EQ(count, 40);
}

TEST(HmacTest, KeyIsReusable) {
  const std::string key = "Jefe";
  HmacKey mac_key(Hash::sha256, as_bytes(key));
  std::uint8_t a[32], b[32];
  mac_key.mac(as_bytes("what do ya want for nothing?"), a);
  mac_key.mac(as_bytes("other"), b);
  mac_key.mac(as_bytes("what do ya want for nothing?"), b);
  EXPECT_EQ(to_hex(a, 32), to_hex(b, 32));
  EXPECT_EQ(to_hex(a, 32), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(DigestTest, Sha256OfAbc) {
  std::uint8_t out[32];
  const auto part = as_bytes("abc");
  digest(Hash::sha256, std::span(&part, 1), out);
  EXPECT_EQ(to_hex(out, 32), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(digest_size(Hash::sha1), 20u);
  EXPECT_EQ(digest_size(Hash::sha224), 28u);
  EXPECT_EQ(digest_size(Hash::sha384), 48u);
  EXPECT_EQ(digest_size(Hash::sha512), 64u);
}

}  // namespace
}  // namespace signet::crypto
