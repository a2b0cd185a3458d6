// Turning a verified token into revocation::TokenFacts, for the verifiers'
// hooks (JWT, PASETO, Django). Internal.
#ifndef SIGNET_SRC_REVOCATION_FACTS_H_
#define SIGNET_SRC_REVOCATION_FACTS_H_

#include <chrono>
#include <cstdint>
#include <optional>

#include "signet/clock.h"
#include "signet/revocation.h"

namespace signet::revocation::detail {

// to_unix_time converts whole seconds to UnixTime, saturating outside the
// int64-nanosecond range (a JWT NumericDate may name year 9999).
inline UnixTime to_unix_time(std::int64_t seconds) noexcept {
  constexpr std::int64_t kMax = INT64_MAX / 1'000'000'000;
  if (seconds > kMax) return UnixTime::max();
  if (seconds < -kMax) return UnixTime::min();
  return UnixTime(std::chrono::seconds(seconds));
}

inline std::optional<UnixTime> to_unix_time(const std::optional<std::chrono::sys_seconds>& t) noexcept {
  if (!t) return std::nullopt;
  return to_unix_time(static_cast<std::int64_t>(t->time_since_epoch().count()));
}

}  // namespace signet::revocation::detail

#endif  // SIGNET_SRC_REVOCATION_FACTS_H_
