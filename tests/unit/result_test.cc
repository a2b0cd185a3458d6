#include "signet/result.h"

#include <gtest/gtest.h>

#include <string>
#include <system_error>

namespace signet {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) return Unexpected(Errc::invalid_argument, "not positive");
  return v;
}

TEST(ResultTest, HoldsValue) {
  auto r = parse_positive(7);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(*r, 7);
  EXPECT_EQ(r.value(), 7);
  EXPECT_EQ(r.value_or(3), 7);
}

TEST(ResultTest, HoldsError) {
  auto r = parse_positive(-1);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), Errc::invalid_argument);
  EXPECT_EQ(r.error().detail(), "not positive");
  EXPECT_EQ(r.value_or(3), 3);
  EXPECT_THROW((void)r.value(), BadResultAccess);
}

TEST(ResultTest, CopiesAndMovesStrings) {
  Result<std::string> a = std::string(100, 'x');
  Result<std::string> b = a;
  Result<std::string> c = std::move(a);
  EXPECT_EQ(*b, std::string(100, 'x'));
  EXPECT_EQ(*c, std::string(100, 'x'));
  b = Result<std::string>(Unexpected(Errc::expired, "old"));
  EXPECT_FALSE(b.has_value());
  b = c;
  EXPECT_EQ(*b, *c);
}

TEST(ResultTest, StatusDefaultsToSuccess) {
  Status ok;
  EXPECT_TRUE(ok.has_value());
  Status bad = Unexpected(Errc::bad_signature, "");
  EXPECT_FALSE(bad.has_value());
  EXPECT_THROW(bad.value(), BadResultAccess);
}

TEST(ErrorTest, DetailIsTruncatedNotOverflowed) {
  const std::string long_detail(500, 'd');
  Error e(Errc::malformed, long_detail);
  EXPECT_EQ(e.detail().size(), Error::kMaxDetail);
}

TEST(ErrorTest, ConvertsToErrorCode) {
  std::error_code ec = Errc::bad_signature;
  EXPECT_EQ(ec.category().name(), std::string("signet"));
  EXPECT_EQ(ec.message(), "bad_signature");
  EXPECT_EQ(Error(Errc::expired, "").error_code(), make_error_code(Errc::expired));
}

TEST(ErrorTest, EveryCodeHasAStableName) {
  EXPECT_EQ(errc_name(Errc::malformed), "malformed");
  EXPECT_EQ(errc_name(Errc::bad_signature), "bad_signature");
  EXPECT_EQ(errc_name(Errc::expired), "expired");
  EXPECT_EQ(errc_name(Errc::not_yet_valid), "not_yet_valid");
  EXPECT_EQ(errc_name(Errc::claim_mismatch), "claim_mismatch");
  EXPECT_EQ(errc_name(Errc::unsupported), "unsupported");
  EXPECT_EQ(errc_name(Errc::key_mismatch), "key_mismatch");
  EXPECT_EQ(errc_name(Errc::payload_too_large), "payload_too_large");
  EXPECT_EQ(errc_name(Errc::bad_payload), "bad_payload");
  EXPECT_EQ(errc_name(Errc::invalid_key), "invalid_key");
  EXPECT_EQ(errc_name(Errc::invalid_argument), "invalid_argument");
  EXPECT_EQ(errc_name(Errc::backend_failure), "backend_failure");
  EXPECT_EQ(errc_name(Errc::revoked), "revoked");
  EXPECT_EQ(errc_name(static_cast<Errc>(200)), "unknown");
}

}  // namespace
}  // namespace signet
