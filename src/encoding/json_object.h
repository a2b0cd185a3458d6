// Reading values out of canonical compact JSON: the text that
// json::canonicalize(text, Style::compact) returns. Because that text is
// already strictly validated and minimally escaped, these readers are small
// and never need to re-check the grammar; given anything else they fail with
// Errc::malformed rather than guess.
#ifndef SIGNET_SRC_ENCODING_JSON_OBJECT_H_
#define SIGNET_SRC_ENCODING_JSON_OBJECT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signet/result.h"

namespace signet::json {

// Member is one member of an object: its unescaped name and the compact JSON
// text of its value (a view into the canonical text).
struct Member {
  std::string name;
  std::string_view value;
};

// JsonType is the type of a compact JSON value, read from its first byte.
enum class JsonType : std::uint8_t { null, boolean, number, string, array, object };

// type_of classifies compact JSON value text.
JsonType type_of(std::string_view value) noexcept;

// parse_object validates `text` strictly (as canonicalize, within `limits`),
// requires an object, and returns its canonical compact text in `out_text`
// and its members (views into *out_text) in order.
Result<std::vector<Member>> parse_object(std::string_view text, std::string& out_text, std::size_t max_bytes,
                                         std::size_t max_depth);

// members_of splits canonical compact object text into members.
Result<std::vector<Member>> members_of(std::string_view object);

// elements_of splits canonical compact array text into element texts.
Result<std::vector<std::string_view>> elements_of(std::string_view array);

// next_member steps through canonical compact object text without
// allocating: starting with pos = 0, each call yields the next member's name
// token content (between the quotes, still escaped) and value text, and
// returns false at the end. In canonical text a name without '\\' is its
// decoded form. Stops (false) on text that is not canonical.
bool next_member(std::string_view object, std::size_t& pos, std::string_view& raw_name,
                 std::string_view& value) noexcept;

// next_element steps through canonical compact array text likewise.
bool next_element(std::string_view array, std::size_t& pos, std::string_view& value) noexcept;

// string_content returns the text between a string value's quotes. When it
// holds no '\\' it is the decoded string; otherwise use decode_string.
inline std::string_view string_content(std::string_view value) noexcept {
  return value.size() >= 2 ? value.substr(1, value.size() - 2) : std::string_view();
}

// find returns the value text of member `name`, or nullopt.
std::optional<std::string_view> find(const std::vector<Member>& members, std::string_view name) noexcept;

// decode_string turns a compact JSON string value ("...") into UTF-8 text.
Result<std::string> decode_string(std::string_view value);

// as_int64 reads an integer literal (no fraction, no exponent) in the int64
// range; fails with malformed otherwise.
Result<std::int64_t> as_int64(std::string_view value) noexcept;

// as_bool reads true or false.
Result<bool> as_bool(std::string_view value) noexcept;

// quote writes `text` (UTF-8) as a compact JSON string.
std::string quote(std::string_view text);
// quote_append appends quote(text) to `out`.
void quote_append(std::string_view text, std::string& out);

}  // namespace signet::json

#endif  // SIGNET_SRC_ENCODING_JSON_OBJECT_H_
