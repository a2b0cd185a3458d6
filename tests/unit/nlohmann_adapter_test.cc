#include "signet/nlohmann.h"

#include <gtest/gtest.h>

#include "signet/jwt.h"
#include "support/matchers.h"

namespace signet {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

TEST(NlohmannAdapterTest, RoundTripThroughATokenWithNlohmannClaims) {
  const nlohmann::json claims = {{"sub", "user-1"}, {"exp", 1700000600}, {"roles", {"a", "b"}}, {"n", 1.5}};
  auto built = claims_from_json(claims);
  ASSERT_THAT(built, IsOk());
  auto key = jwt::HmacKey::from_secret(jwt::Algorithm::HS256, SecretBytes(std::string(32, 'k'))).value();
  const std::string token = jwt::Signer::create(key).value().sign(*built).value();
  const FixedClock clock = FixedClock::from_seconds(1700000000);
  auto verified = jwt::Verifier::create(key, jwt::PolicyBuilder().build().value(), clock).value().verify(token);
  ASSERT_THAT(verified, IsOk());
  EXPECT_EQ(to_json(*verified), claims);
}

TEST(NlohmannAdapterTest, RefusesNonObjectsAndBadRegisteredClaims) {
  EXPECT_THAT(claims_from_json(nlohmann::json::array({1, 2})), HasError(Errc::invalid_argument));
  EXPECT_THAT(claims_from_json(nlohmann::json{{"exp", "soon"}}), HasError(Errc::invalid_argument));
}

}  // namespace
}  // namespace signet
