// Key names and value formats of the Redis revocation list (no hiredis here,
// so tests can compute the keys they poke at). Internal.
#ifndef SIGNET_SRC_REVOCATION_REDIS_KEYS_H_
#define SIGNET_SRC_REVOCATION_REDIS_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "signet/clock.h"

namespace signet::revocation::detail {

// redis_key returns prefix + kind + ':' + hex(SHA-256(u32be |issuer| issuer
// u32be |id| id)): bounded whatever the ids' length, and unambiguous since
// both fields are length-prefixed. kind is 't' (token) or 's' (subject).
std::string redis_key(std::string_view prefix, char kind, std::string_view issuer, std::string_view id);

// to_ms rounds a time up to whole milliseconds (an entry ends no earlier,
// a cutoff refuses no less than asked).
std::int64_t to_ms_ceil(UnixTime t) noexcept;

// parse_cutoff reads the cutoff milliseconds of a subject value
// "<cutoff ms>:<end ms>"; nullopt when the value is not of that form.
std::optional<std::int64_t> parse_cutoff(std::string_view value) noexcept;

}  // namespace signet::revocation::detail

#endif  // SIGNET_SRC_REVOCATION_REDIS_KEYS_H_
