#include "signet/bytes.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace signet {
namespace {

TEST(SecretBytesTest, HoldsTheBytes) {
  SecretBytes s(std::string_view("hunter2"));
  ASSERT_EQ(s.size(), 7u);
  EXPECT_EQ(std::string(s.bytes().begin(), s.bytes().end()), "hunter2");
}

TEST(SecretBytesTest, NeverPrintsTheSecret) {
  SecretBytes s(std::string_view("hunter2"));
  std::ostringstream out;
  out << s;
  EXPECT_EQ(out.str(), "SecretBytes(7 bytes)");
  EXPECT_EQ(out.str().find("hunter2"), std::string::npos);
}

TEST(SecretBytesTest, CompareInConstantTimeSemantics) {
  SecretBytes s(std::string_view("abc"));
  const std::vector<std::uint8_t> same{'a', 'b', 'c'};
  const std::vector<std::uint8_t> other{'a', 'b', 'd'};
  const std::vector<std::uint8_t> shorter{'a', 'b'};
  EXPECT_TRUE(s.equals(same));
  EXPECT_FALSE(s.equals(other));
  EXPECT_FALSE(s.equals(shorter));
}

TEST(SecretBytesTest, MoveLeavesSourceEmpty) {
  SecretBytes a(std::string_view("key"));
  SecretBytes b(std::move(a));
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): documented state
  EXPECT_EQ(b.size(), 3u);
  SecretBytes c;
  c = std::move(b);
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(c.size(), 3u);
}

TEST(SecretBytesTest, CloneIsIndependent) {
  SecretBytes a(std::string_view("key"));
  SecretBytes b = a.clone();
  EXPECT_TRUE(b.equals(a.bytes()));
  a = SecretBytes(std::string_view("other"));
  EXPECT_FALSE(b.equals(a.bytes()));
}

TEST(SecureWipeTest, ZeroesTheBuffer) {
  std::vector<std::uint8_t> buf{1, 2, 3, 4};
  secure_wipe(buf);
  EXPECT_EQ(buf, (std::vector<std::uint8_t>{0, 0, 0, 0}));
}

TEST(ConstantTimeEqualTest, ComparesStrings) {
  EXPECT_TRUE(constant_time_equal(std::string_view(""), std::string_view("")));
  EXPECT_TRUE(constant_time_equal(std::string_view("abc"), std::string_view("abc")));
  EXPECT_FALSE(constant_time_equal(std::string_view("abc"), std::string_view("abd")));
  EXPECT_FALSE(constant_time_equal(std::string_view("abc"), std::string_view("ab")));
}

}  // namespace
}  // namespace signet
