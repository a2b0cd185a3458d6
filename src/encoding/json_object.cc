#include "encoding/json_object.h"

#include <charconv>
#include <limits>

#include "encoding/json.h"

namespace signet::json {
namespace {

Unexpected not_canonical() noexcept { return Unexpected(Errc::malformed, "JSON text is not canonical compact JSON"); }

// end_of_string returns the index just past the closing quote of the string
// starting at `at` (a '"'), or npos.
std::size_t end_of_string(std::string_view s, std::size_t at) noexcept {
  for (std::size_t i = at + 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// end_of_value returns the index just past the value starting at `at`.
std::size_t end_of_value(std::string_view s, std::size_t at) noexcept {
  if (at >= s.size()) return std::string_view::npos;
  if (s[at] == '"') return end_of_string(s, at);
  if (s[at] == '{' || s[at] == '[') {
    std::size_t depth = 0;
    for (std::size_t i = at; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '"') {
        i = end_of_string(s, i);
        if (i == std::string_view::npos) return i;
        --i;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return i + 1;
      }
    }
    return std::string_view::npos;
  }
  std::size_t i = at;
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']') ++i;
  return i == at ? std::string_view::npos : i;
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

JsonType type_of(std::string_view value) noexcept {
  if (value.empty()) return JsonType::null;
  switch (value.front()) {
    case '"': return JsonType::string;
    case '{': return JsonType::object;
    case '[': return JsonType::array;
    case 't':
    case 'f': return JsonType::boolean;
    case 'n': return JsonType::null;
    default: return JsonType::number;
  }
}

Result<std::vector<Member>> parse_object(std::string_view text, std::string& out_text, std::size_t max_bytes,
                                         std::size_t max_depth) {
  auto canonical = canonicalize(text, Style::compact, Limits{max_bytes, max_depth});
  if (!canonical) return canonical.error();
  out_text = std::move(*canonical);
  if (type_of(out_text) != JsonType::object) return Unexpected(Errc::malformed, "JSON value is not an object");
  return members_of(out_text);
}

Result<std::vector<Member>> members_of(std::string_view object) {
  std::vector<Member> members;
  if (object.size() < 2 || object.front() != '{' || object.back() != '}') return not_canonical();
  std::size_t i = 1;
  if (object[i] == '}') return members;
  while (true) {
    if (object[i] != '"') return not_canonical();
    const std::size_t name_end = end_of_string(object, i);
    if (name_end == std::string_view::npos || name_end >= object.size() || object[name_end] != ':') {
      return not_canonical();
    }
    auto name = decode_string(object.substr(i, name_end - i));
    if (!name) return name.error();
    const std::size_t value_end = end_of_value(object, name_end + 1);
    if (value_end == std::string_view::npos || value_end >= object.size()) return not_canonical();
    members.push_back(Member{std::move(*name), object.substr(name_end + 1, value_end - name_end - 1)});
    if (object[value_end] == '}') {
      if (value_end + 1 != object.size()) return not_canonical();
      return members;
    }
    if (object[value_end] != ',') return not_canonical();
    i = value_end + 1;
  }
}

Result<std::vector<std::string_view>> elements_of(std::string_view array) {
  std::vector<std::string_view> elements;
  if (array.size() < 2 || array.front() != '[' || array.back() != ']') return not_canonical();
  std::size_t i = 1;
  if (array[i] == ']') return elements;
  while (true) {
    const std::size_t end = end_of_value(array, i);
    if (end == std::string_view::npos || end >= array.size()) return not_canonical();
    elements.push_back(array.substr(i, end - i));
    if (array[end] == ']') {
      if (end + 1 != array.size()) return not_canonical();
      return elements;
    }
    if (array[end] != ',') return not_canonical();
    i = end + 1;
  }
}

bool next_member(std::string_view object, std::size_t& pos, std::string_view& raw_name,
                 std::string_view& value) noexcept {
  if (pos == 0) {
    if (object.size() < 2 || object.front() != '{') return false;
    pos = 1;
  }
  if (pos >= object.size() || object[pos] == '}') return false;
  if (object[pos] == ',') ++pos;
  if (pos >= object.size() || object[pos] != '"') return false;
  const std::size_t name_end = end_of_string(object, pos);
  if (name_end == std::string_view::npos || name_end >= object.size() || object[name_end] != ':') return false;
  const std::size_t value_end = end_of_value(object, name_end + 1);
  if (value_end == std::string_view::npos || value_end >= object.size()) return false;
  raw_name = object.substr(pos + 1, name_end - pos - 2);
  value = object.substr(name_end + 1, value_end - name_end - 1);
  pos = value_end;
  return true;
}

bool next_element(std::string_view array, std::size_t& pos, std::string_view& value) noexcept {
  if (pos == 0) {
    if (array.size() < 2 || array.front() != '[') return false;
    pos = 1;
  }
  if (pos >= array.size() || array[pos] == ']') return false;
  if (array[pos] == ',') ++pos;
  const std::size_t end = end_of_value(array, pos);
  if (end == std::string_view::npos || end >= array.size()) return false;
  value = array.substr(pos, end - pos);
  pos = end;
  return true;
}

std::optional<std::string_view> find(const std::vector<Member>& members, std::string_view name) noexcept {
  for (const auto& m : members) {
    if (m.name == name) return m.value;
  }
  return std::nullopt;
}

Result<std::string> decode_string(std::string_view value) {
  if (value.size() < 2 || value.front() != '"' || value.back() != '"') {
    return Unexpected(Errc::malformed, "JSON value is not a string");
  }
  std::string out;
  out.reserve(value.size() - 2);
  for (std::size_t i = 1; i + 1 < value.size(); ++i) {
    const char c = value[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (i + 2 >= value.size()) return not_canonical();
    const char e = value[++i];
    switch (e) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '/': out.push_back('/'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'u': {
        // Canonical compact text escapes only control characters this way.
        if (i + 4 >= value.size()) return not_canonical();
        int code = 0;
        for (int k = 1; k <= 4; ++k) {
          const int h = hex_value(value[i + static_cast<std::size_t>(k)]);
          if (h < 0) return not_canonical();
          code = code * 16 + h;
        }
        if (code >= 0x80) return not_canonical();
        out.push_back(static_cast<char>(code));
        i += 4;
        break;
      }
      default: return not_canonical();
    }
  }
  return out;
}

Result<std::int64_t> as_int64(std::string_view value) noexcept {
  // A hand-rolled loop rather than find_first_of + from_chars: it runs for
  // every NumericDate of every verified JWT. Same language as before: an
  // optional '-' then decimal digits only, within the int64 range.
  std::size_t i = 0;
  const bool negative = !value.empty() && value[0] == '-';
  if (negative) i = 1;
  if (i >= value.size()) return Unexpected(Errc::malformed, "not an integer");
  // Accumulate as a negative number: its range includes INT64_MIN.
  std::int64_t acc = 0;
  for (; i < value.size(); ++i) {
    const char c = value[i];
    if (c < '0' || c > '9') {
      if (c == '.' || c == 'e' || c == 'E') return Unexpected(Errc::malformed, "not an integer");
      return Unexpected(Errc::malformed, "not an integer in the 64-bit range");
    }
    if (__builtin_mul_overflow(acc, 10, &acc) || __builtin_sub_overflow(acc, c - '0', &acc)) {
      return Unexpected(Errc::malformed, "not an integer in the 64-bit range");
    }
  }
  if (negative) return acc;
  if (acc == std::numeric_limits<std::int64_t>::min()) {
    return Unexpected(Errc::malformed, "not an integer in the 64-bit range");
  }
  return -acc;
}

Result<bool> as_bool(std::string_view value) noexcept {
  if (value == "true") return true;
  if (value == "false") return false;
  return Unexpected(Errc::malformed, "not a boolean");
}

void quote_append(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

std::string quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  quote_append(text, out);
  return out;
}

}  // namespace signet::json
