// PASETO's registered claims (iss sub aud exp nbf iat jti) and their types.
#ifndef SIGNET_SRC_PASETO_REGISTERED_H_
#define SIGNET_SRC_PASETO_REGISTERED_H_

#include <string_view>

#include "signet/clock.h"
#include "signet/result.h"

namespace signet::paseto::detail {

// is_registered_claim reports whether `name` is iss, sub, aud, exp, nbf, iat or jti.
bool is_registered_claim(std::string_view name) noexcept;

// check_registered_claim checks a registered claim's compact JSON value: all
// are strings, and exp/nbf/iat valid RFC 3339 times. Fails with
// claim_mismatch naming the claim.
Status check_registered_claim(std::string_view name, std::string_view value);

// claim_time reads an exp/nbf/iat value (claim_mismatch when it is not an
// RFC 3339 string).
Result<UnixTime> claim_time(std::string_view name, std::string_view value);

}  // namespace signet::paseto::detail

#endif  // SIGNET_SRC_PASETO_REGISTERED_H_
