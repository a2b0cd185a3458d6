// The common Django payload, recognised in one short pass: a flat JSON object
// such as {"user_id":123456}, already in the exact form Django's loads path
// would return.
#ifndef SIGNET_SRC_DJANGO_PLAIN_JSON_H_
#define SIGNET_SRC_DJANGO_PLAIN_JSON_H_

#include <cstddef>
#include <string_view>

namespace signet::django::detail {

// kMaxPlainMembers bounds the members is_plain_flat_object accepts.
inline constexpr std::size_t kMaxPlainMembers = 8;

// is_plain_flat_object returns true only for an object of 1 to
// kMaxPlainMembers members with distinct names, no whitespace, whose names
// and string values hold only printable ASCII other than '"' and '\\', and
// whose other values are true, false, null or an integer of at most 15
// digits without leading zeros (and not -0). Such text is canonical compact
// JSON without bytes >= 0x7F: json::is_canonical_compact_object accepts it
// with shape.escapable false, so decode_payload would return it unchanged.
// Anything else answers false, meaning "unknown": the caller must take the
// general path, which decides. Never allocates.
bool is_plain_flat_object(std::string_view text) noexcept;

}  // namespace signet::django::detail

#endif  // SIGNET_SRC_DJANGO_PLAIN_JSON_H_
