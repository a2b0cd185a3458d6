// The JWT verifier's revocation hook. Internal.
#ifndef SIGNET_SRC_JWT_REVOCATION_CHECK_H_
#define SIGNET_SRC_JWT_REVOCATION_CHECK_H_

#include "signet/jwt/policy.h"
#include "signet/jwt/verifier.h"

namespace signet::jwt::detail {

// check_revocation asks the policy's revocation list (if any) about a token
// that has passed every other check: iss, jti, sub, iat and exp are its facts.
Status check_revocation(const Policy& policy, const VerifiedToken& token) noexcept;

}  // namespace signet::jwt::detail

#endif  // SIGNET_SRC_JWT_REVOCATION_CHECK_H_
