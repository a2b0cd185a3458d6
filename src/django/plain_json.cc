// Why a second recogniser next to json::is_canonical_compact_object: that one
// handles nesting, UTF-8 and fractions through a general state machine, and
// on the 18 bytes of a typical Django payload its set-up and dispatch cost
// more than the bytes. This one knows only the flat, ASCII, integer shape and
// is a strict subset of it (tests/unit/django_plain_json_test.cc checks that
// on crafted and random inputs), so it can never accept more.
#include "django/plain_json.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "encoding/json_canonical.h"

namespace signet::django::detail {
namespace {

// kPlain marks the bytes allowed inside a string: 0x20..0x7E without '"'
// and '\\' (no escapes needed, none of the bytes Python would escape).
constexpr std::array<bool, 256> make_plain_table() {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return t;
}
constexpr std::array<bool, 256> kPlain = make_plain_table();

// Fifteen digits stay below 2^53: the integer is exact in a double, so no
// reader has a reason to rewrite it.
constexpr std::size_t kMaxDigits = 15;

constexpr bool is_digit(unsigned char c) noexcept { return c >= '0' && c <= '9'; }

// skip_string moves `p` (just after an opening quote) past the closing one,
// eight bytes at a time where the byte order allows it.
bool skip_string(const unsigned char*& p, const unsigned char* end) noexcept {
  const unsigned char* q = p;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  while (end - q >= 8) {
    std::uint64_t w;
    std::memcpy(&w, q, sizeof w);
    const std::uint64_t special = json::string_special_bytes(w);
    if (special != 0) {
      q += static_cast<unsigned>(__builtin_ctzll(special)) / 8;
      if (*q != '"') return false;
      p = q + 1;
      return true;
    }
    q += 8;
  }
#endif
  while (q < end && kPlain[*q]) ++q;
  if (q >= end || *q != '"') return false;
  p = q + 1;
  return true;
}

bool skip_literal(const unsigned char*& p, const unsigned char* end, const char* word, std::size_t n) noexcept {
  if (static_cast<std::size_t>(end - p) < n || std::memcmp(p, word, n) != 0) return false;
  p += n;
  return true;
}

bool skip_integer(const unsigned char*& p, const unsigned char* end) noexcept {
  const unsigned char* q = p;
  if (q < end && *q == '-') ++q;
  if (q >= end || !is_digit(*q)) return false;
  const unsigned char* digits = q;
  if (*q == '0') {
    if (q != p) return false;  // -0
    ++q;                       // a digit after it fails at the separator check
  } else {
    while (q < end && is_digit(*q)) ++q;
    if (static_cast<std::size_t>(q - digits) > kMaxDigits) return false;
  }
  p = q;
  return true;
}

}  // namespace

bool is_plain_flat_object(std::string_view text) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* const end = p + text.size();
  if (text.size() < 2 || *p != '{') return false;
  ++p;
  // Trivial storage: a string_view array would be zeroed on every call.
  struct Name {
    const unsigned char* data;
    std::size_t size;
  };
  Name names[kMaxPlainMembers];
  std::size_t count = 0;
  for (;;) {
    // Name.
    if (p >= end || *p != '"' || count == kMaxPlainMembers) return false;
    const unsigned char* name_start = ++p;
    if (!skip_string(p, end)) return false;
    const Name name{name_start, static_cast<std::size_t>(p - 1 - name_start)};
    for (std::size_t k = 0; k < count; ++k) {
      if (names[k].size == name.size && std::memcmp(names[k].data, name.data, name.size) == 0) return false;
    }
    names[count++] = name;
    if (p >= end || *p != ':') return false;
    ++p;
    // Value.
    if (p >= end) return false;
    bool ok = false;
    switch (*p) {
      case '"': ++p; ok = skip_string(p, end); break;
      case 't': ok = skip_literal(p, end, "true", 4); break;
      case 'f': ok = skip_literal(p, end, "false", 5); break;
      case 'n': ok = skip_literal(p, end, "null", 4); break;
      default: ok = skip_integer(p, end); break;
    }
    if (!ok || p >= end) return false;
    if (*p == ',') {
      ++p;
      continue;
    }
    return *p == '}' && p + 1 == end;
  }
}

}  // namespace signet::django::detail
