// Base62 integers as Django writes timestamps (alphabet 0-9A-Za-z, value order).
#ifndef SIGNET_SRC_ENCODING_BASE62_H_
#define SIGNET_SRC_ENCODING_BASE62_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "signet/result.h"

namespace signet::encoding {

// base62_encode writes `value` in base62: "0" for zero, a leading '-' for
// negative numbers, no padding (Django's b62_encode).
std::string base62_encode(std::int64_t value);

// kBase62MaxSize is the longest text base62_encode returns ('-' and 11 digits).
inline constexpr std::size_t kBase62MaxSize = 12;

// base62_encode_to writes base62_encode(value) to `out`, which has room for
// kBase62MaxSize characters, and returns its length. Never allocates.
std::size_t base62_encode_to(std::int64_t value, char* out) noexcept;

// base62_decode parses Django's base62: an optional leading '-', then digits
// of 0-9A-Za-z; leading zeros are accepted and "-" alone is 0, as in Django.
// Fails with Errc::malformed for an empty string, a character outside the
// alphabet, or a value outside the int64 range.
Result<std::int64_t> base62_decode(std::string_view text) noexcept;

}  // namespace signet::encoding

#endif  // SIGNET_SRC_ENCODING_BASE62_H_
