// The registered claims of RFC 7519 §4.1 and their types.
#ifndef SIGNET_SRC_JWT_REGISTERED_CLAIMS_H_
#define SIGNET_SRC_JWT_REGISTERED_CLAIMS_H_

#include <cstdint>
#include <string_view>

#include "signet/result.h"

namespace signet::jwt::detail {

// kMaxNumericDate is 9999-12-31T23:59:59Z; later (or negative) times are
// refused as out of range rather than risk overflow in arithmetic.
inline constexpr std::int64_t kMaxNumericDate = 253402300799;

// is_registered_claim reports whether `name` is iss, sub, aud, exp, nbf, iat or jti.
bool is_registered_claim(std::string_view name) noexcept;

// check_registered_claim checks a registered claim's compact JSON value has
// its registered type: iss/sub/jti strings, aud a string or an array of
// strings, exp/nbf/iat integer NumericDates in [0, kMaxNumericDate].
// Fails with claim_mismatch naming the claim.
Status check_registered_claim(std::string_view name, std::string_view value);

// numeric_date reads an exp/nbf/iat value (already checked).
Result<std::int64_t> numeric_date(std::string_view name, std::string_view value) noexcept;

}  // namespace signet::jwt::detail

#endif  // SIGNET_SRC_JWT_REGISTERED_CLAIMS_H_
