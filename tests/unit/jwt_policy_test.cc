#include "signet/jwt/policy.h"

#include <gtest/gtest.h>

#include "support/matchers.h"

namespace signet::jwt {
namespace {

using namespace std::chrono_literals;
using signet::testing::HasError;
using signet::testing::IsOk;

TEST(JwtPolicyTest, DefaultsAreStrict) {
  auto policy = PolicyBuilder().build();
  ASSERT_THAT(policy, IsOk());
  EXPECT_TRUE(policy->require_exp());
  EXPECT_EQ(policy->leeway(), 0s);
  EXPECT_EQ(policy->max_token_size(), kDefaultMaxTokenSize);
  EXPECT_FALSE(policy->ignore_audience());
}

TEST(JwtPolicyTest, LeewayIsCapped) {
  EXPECT_THAT(PolicyBuilder().leeway(600s).build(), IsOk());
  EXPECT_THAT(PolicyBuilder().leeway(601s).build(), HasError(Errc::invalid_argument));
  EXPECT_THAT(PolicyBuilder().leeway(-1s).build(), HasError(Errc::invalid_argument));
}

TEST(JwtPolicyTest, ContradictionsAreRefused) {
  EXPECT_THAT(PolicyBuilder().expect_audience("a").ignore_audience().build(), HasError(Errc::invalid_argument));
  EXPECT_THAT(PolicyBuilder().max_age(0s).build(), HasError(Errc::invalid_argument));
  EXPECT_THAT(PolicyBuilder().max_token_size(3).build(), HasError(Errc::invalid_argument));
  EXPECT_THAT(PolicyBuilder().check(nullptr).build(), HasError(Errc::invalid_argument));
}

TEST(JwtPolicyTest, KeepsWhatWasAsked) {
  auto policy = PolicyBuilder()
                    .expect_issuer("a")
                    .expect_issuer("b")
                    .expect_audience("api")
                    .expect_subject("s")
                    .expect_type("at+jwt")
                    .require_claim("jti")
                    .max_age(1h)
                    .allow_missing_exp()
                    .build();
  ASSERT_THAT(policy, IsOk());
  EXPECT_EQ(policy->issuers(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(policy->audiences(), (std::vector<std::string>{"api"}));
  EXPECT_EQ(*policy->subject(), "s");
  EXPECT_EQ(*policy->type(), "at+jwt");
  EXPECT_EQ(policy->required_claims(), (std::vector<std::string>{"jti"}));
  EXPECT_EQ(*policy->max_age(), 1h);
  EXPECT_FALSE(policy->require_exp());
}

}  // namespace
}  // namespace signet::jwt
