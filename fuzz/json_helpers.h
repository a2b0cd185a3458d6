// Small JSON text scanners used by the JSON fuzz targets as independent
// oracles (they do not share code with src/encoding/json.cc).
#ifndef SIGNET_FUZZ_JSON_HELPERS_H_
#define SIGNET_FUZZ_JSON_HELPERS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace signet::fuzz {

// max_nesting returns the deepest array/object nesting of JSON text
// (brackets inside strings do not count). Meant for text a parser accepted.
inline std::size_t max_nesting(std::string_view text) noexcept {
  std::size_t depth = 0, max = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') max = ++depth > max ? depth : max;
    else if (c == ']' || c == '}') depth = depth > 0 ? depth - 1 : 0;
  }
  return max;
}

// NumberFacts summarises the number tokens of JSON text (outside strings).
struct NumberFacts {
  bool int_beyond_64_bits = false;  // an integer outside [INT64_MIN, UINT64_MAX]
  bool int_beyond_double = false;   // an integer with 309 or more digits (may overflow a double)
};

inline NumberFacts number_facts(std::string_view text) noexcept {
  NumberFacts f;
  bool in_string = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = true;
      ++i;
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) {
      ++i;
      continue;
    }
    const bool negative = c == '-';
    std::size_t j = negative ? i + 1 : i;
    const std::size_t digits_begin = j;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    std::string_view digits = text.substr(digits_begin, j - digits_begin);
    bool is_int = true;
    while (j < text.size() && (text[j] == '.' || text[j] == 'e' || text[j] == 'E' || text[j] == '+' ||
                               text[j] == '-' || (text[j] >= '0' && text[j] <= '9'))) {
      is_int = false;
      ++j;
    }
    if (is_int) {
      while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
      if (digits.size() >= 309) f.int_beyond_double = true;
      // Compare with "18446744073709551615" / "9223372036854775808".
      const std::string_view bound = negative ? "9223372036854775808" : "18446744073709551615";
      if (digits.size() > bound.size() || (digits.size() == bound.size() && digits > bound)) {
        f.int_beyond_64_bits = true;
      }
    }
    i = j;
  }
  return f;
}

inline int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// has_lone_surrogate_escape reports a \uD800-\uDFFF escape inside a string
// that is not part of a \uD8xx\uDCxx pair.
inline bool has_lone_surrogate_escape(std::string_view text) noexcept {
  auto unit_at = [&](std::size_t i) -> long {  // value of \uXXXX at i, or -1
    if (i + 6 > text.size() || text[i] != '\\' || text[i + 1] != 'u') return -1;
    long v = 0;
    for (std::size_t k = 2; k < 6; ++k) {
      const int h = hex_value(text[i + k]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    return v;
  };
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!in_string) {
      if (c == '"') in_string = true;
      continue;
    }
    if (c == '"') {
      in_string = false;
      continue;
    }
    if (c != '\\') continue;
    const long u = unit_at(i);
    if (u < 0) {
      ++i;  // some other escape: skip the escaped character
      continue;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) return true;  // low surrogate first
    if (u >= 0xD800 && u <= 0xDBFF) {
      const long low = unit_at(i + 6);
      if (low < 0xDC00 || low > 0xDFFF) return true;
      i += 11;
      continue;
    }
    i += 5;
  }
  return false;
}

}  // namespace signet::fuzz

#endif  // SIGNET_FUZZ_JSON_HELPERS_H_
