// Shared by every revocation backend: argument checks and time arithmetic.
#ifndef SIGNET_SRC_REVOCATION_COMMON_H_
#define SIGNET_SRC_REVOCATION_COMMON_H_

#include <chrono>
#include <string_view>

#include "signet/revocation.h"

namespace signet::revocation::detail {

// check_id refuses an empty or oversized id (issuer may be empty, never oversized).
Status check_id(std::string_view issuer, std::string_view id, bool id_is_subject) noexcept;

// end_of returns `t + grace`, saturating at the largest UnixTime instead of
// overflowing (times come from callers and token claims).
UnixTime end_of(UnixTime t, std::chrono::seconds grace) noexcept;

}  // namespace signet::revocation::detail

#endif  // SIGNET_SRC_REVOCATION_COMMON_H_
