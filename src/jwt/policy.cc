#include "signet/jwt/policy.h"

#include "signet/revocation.h"

namespace signet::jwt {

Policy::Policy() = default;

PolicyBuilder& PolicyBuilder::expect_type(std::string_view typ) {
  policy_.type_ = std::string(typ);
  return *this;
}

Result<Policy> PolicyBuilder::build() const {
  if (auto ok = check_claims_settings(); !ok) return ok.error();
  return policy_;
}

}  // namespace signet::jwt
