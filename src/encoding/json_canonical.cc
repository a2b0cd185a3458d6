// A one-pass recogniser for JSON objects already in canonical compact form.
//
// Why it exists: a JWT payload written by any mainstream library is compact
// JSON without escapes, and canonicalising it (simdjson walk + re-writing
// every byte) was the largest cost of an HS256 verify after the MAC. When the
// payload is already canonical the verifier can use the decoded bytes as they
// are; this scanner proves that in a single forward pass over ~100 bytes.
//
// Soundness over completeness: every rule here is at least as strict as
// json.cc's reader, and anything unusual (whitespace, escapes, exponents,
// wide objects, deep nesting) makes it answer "unknown" (false) so the full
// reader decides. It never reports an error of its own.

#include "encoding/json_canonical.h"

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace signet::json {
namespace {

using Byte = unsigned char;

constexpr std::size_t kMaxNesting = 64;
// Names of all open objects together; more than this is "unknown".
constexpr std::size_t kMaxOpenNames = 128;
// A non-integer longer than this could, in principle, reach the double
// overflow json.cc refuses (it needs >= 309 integer digits); leave it to the
// full reader.
constexpr std::size_t kMaxFloatChars = 300;

constexpr bool is_digit(Byte c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_cont(Byte c) noexcept { return (c & 0xC0u) == 0x80u; }

// scan_string moves `p` (at an opening quote) past the closing quote. Only
// strings that compact style writes back unchanged pass: no backslash, no
// control character, strictly valid UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool scan_string(const Byte*& p, const Byte* end, Shape& shape) noexcept {
  const Byte* q = p + 1;
  // Skip plain ASCII eight bytes at a time; the byte loop below decides
  // every byte of a word that holds anything special.
  while (end - q >= 8) {
    std::uint64_t w;
    std::memcpy(&w, q, sizeof w);
    if (string_special_bytes(w) != 0) break;
    q += 8;
  }
  while (q < end) {
    const Byte c = *q;
    if (c == '"') {
      p = q + 1;
      return true;
    }
    if (c < 0x7F) {
      if (c == '\\' || c < 0x20) return false;
      ++q;
      continue;
    }
    shape.escapable = true;
    if (c == 0x7F) {
      ++q;
      continue;
    }
    const std::size_t left = static_cast<std::size_t>(end - q);
    if (c >= 0xC2 && c <= 0xDF) {
      if (left < 2 || !is_cont(q[1])) return false;
      q += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (left < 3 || !is_cont(q[1]) || !is_cont(q[2])) return false;
      if (c == 0xE0 && q[1] < 0xA0) return false;  // overlong
      if (c == 0xED && q[1] > 0x9F) return false;  // UTF-16 surrogate
      q += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (left < 4 || !is_cont(q[1]) || !is_cont(q[2]) || !is_cont(q[3])) return false;
      if (c == 0xF0 && q[1] < 0x90) return false;  // overlong
      if (c == 0xF4 && q[1] > 0x8F) return false;  // above U+10FFFF
      q += 4;
    } else {
      return false;
    }
  }
  return false;
}

// scan_number moves `p` past an RFC 8259 number without an exponent part.
bool scan_number(const Byte*& p, const Byte* end, Shape& shape) noexcept {
  const Byte* q = p;
  const bool negative = q < end && *q == '-';
  if (negative) ++q;
  if (q >= end) return false;
  bool zero = false;
  if (*q == '0') {
    zero = true;
    ++q;  // a digit after a leading zero fails at the caller's separator check
  } else if (is_digit(*q)) {
    while (q < end && is_digit(*q)) ++q;
  } else {
    return false;
  }
  bool is_int = true;
  if (q < end && *q == '.') {
    ++q;
    const Byte* digits = q;
    while (q < end && is_digit(*q)) ++q;
    if (q == digits) return false;
    is_int = false;
    shape.fraction = true;
  }
  if (q < end && (*q == 'e' || *q == 'E')) return false;
  if (!is_int && static_cast<std::size_t>(q - p) > kMaxFloatChars) return false;
  if (is_int && zero && negative) shape.negative_zero = true;
  p = q;
  return true;
}

bool scan_literal(const Byte*& p, const Byte* end, const char* word, std::size_t n) noexcept {
  if (static_cast<std::size_t>(end - p) < n || std::memcmp(p, word, n) != 0) return false;
  p += n;
  return true;
}

struct Frame {
  bool object;
  std::uint8_t names_begin;  // this object's names start here in the name list
};

// ---- The flat fast path.
//
// Most token payloads are one object of strings, integers and literals in
// printable ASCII. For those, one vector pass proves every string valid
// (no byte below 0x20, none above 0x7E, no backslash), after which a string
// simply ends at the next quote, found from a bit mask built in the same
// pass. Anything else (a nested container, a fraction, -0, an empty object,
// more than TopMembers::kMax members, a longer text) answers "unknown" and
// the general scanner below decides, so this path only ever accepts a
// subset of what that scanner accepts, with the same members.
constexpr std::size_t kFlatMaxBytes = 1024;

#if defined(__x86_64__) && defined(__GNUC__)
const bool kFlatAvx2 = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
}();

// plain_quotes_avx2 checks that every byte is printable ASCII other than
// '\\' and sets bit i of `quotes` for every '"' at i. Needs n >= 32: a
// partial last block is read as the last 32 bytes of the text (overlapping
// the block before), so no byte outside the text is ever read and no
// partial copy stalls the load.
__attribute__((target("avx2"))) bool plain_quotes_avx2(const Byte* p, std::size_t n, std::uint64_t* quotes) noexcept {
  const __m256i lo = _mm256_set1_epi8(0x1F), hi = _mm256_set1_epi8(0x7F);
  const __m256i quote = _mm256_set1_epi8('"'), backslash = _mm256_set1_epi8('\\');
  __m256i bad = _mm256_setzero_si256();
  for (std::size_t i = 0; i < n; i += 32) {
    const std::size_t at = n - i < 32 ? n - 32 : i;
    const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + at));
    // Signed compares: bytes >= 0x80 are negative, so below 0x20 too.
    const __m256i printable = _mm256_and_si256(_mm256_cmpgt_epi8(c, lo), _mm256_cmpgt_epi8(hi, c));
    bad = _mm256_or_si256(bad, _mm256_andnot_si256(printable, _mm256_set1_epi8(-1)));
    bad = _mm256_or_si256(bad, _mm256_cmpeq_epi8(c, backslash));
    // Bits for bytes before i (already recorded) are shifted out. The first
    // block of a word sets it, the second adds the high half: no zeroing.
    const auto mask = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(c, quote))) >> (i - at);
    if (i % 64 == 0) {
      quotes[i / 64] = mask;
    } else {
      quotes[i / 64] |= std::uint64_t{mask} << 32;
    }
  }
  return _mm256_testz_si256(bad, bad) != 0;
}
#endif

bool plain_quotes_scalar(const Byte* p, std::size_t n, std::uint64_t* quotes) noexcept {
  for (std::size_t w = 0; w < (n + 63) / 64; ++w) quotes[w] = 0;
  bool ok = true;
  for (std::size_t i = 0; i < n; ++i) {
    const Byte c = p[i];
    ok = ok && c >= 0x20 && c < 0x7F && c != '\\';
    quotes[i / 64] |= std::uint64_t{c == '"'} << (i % 64);
  }
  return ok;
}

// same_bytes is memcmp() == 0 for the short names of a token, without a
// library call per pair.
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// next_quote returns the index of the first quote at or after `from`, or
// `n` when there is none.
inline std::size_t next_quote(const std::uint64_t* quotes, std::size_t from, std::size_t n) noexcept {
  if (from >= n) return n;
  std::size_t word = from / 64;
  std::uint64_t bits = quotes[word] & (~std::uint64_t{0} << (from % 64));
  const std::size_t words = (n + 63) / 64;
  while (bits == 0) {
    if (++word >= words) return n;
    bits = quotes[word];
  }
  const std::size_t at = word * 64 + static_cast<std::size_t>(__builtin_ctzll(bits));
  return at < n ? at : n;
}

// flat_object is the fast path: true only for a flat object it proves
// canonical (see above); false means "unknown".
bool flat_object(std::string_view text, TopMembers* top) noexcept {
  const std::size_t n = text.size();
  const Byte* const s = reinterpret_cast<const Byte*>(text.data());
  // "{}" and anything shorter than one member go to the general scanner.
  if (n < 7 || n > kFlatMaxBytes || s[0] != '{' || s[n - 1] != '}') return false;
  std::uint64_t quotes[kFlatMaxBytes / 64];  // words [0, (n + 63) / 64) are written below
#if defined(__x86_64__) && defined(__GNUC__)
  const bool plain = kFlatAvx2 && n >= 32 ? plain_quotes_avx2(s, n, quotes) : plain_quotes_scalar(s, n, quotes);
#else
  const bool plain = plain_quotes_scalar(s, n, quotes);
#endif
  if (!plain) return false;
  // Members go straight into `top` (its contents are unspecified when the
  // answer is false, as with the general scanner).
  TopMembers local;
  TopMembers& out = top != nullptr ? *top : local;
  TopMembers::Piece* const names = out.names;
  TopMembers::Piece* const values = out.values;
  std::size_t count = 0;
  std::uint64_t seen = 0;
  std::size_t i = 1;
  for (;;) {
    // A name: '"', text without quotes (all of it plain), '"', ':'.
    if (s[i] != '"' || count == TopMembers::kMax) return false;
    const std::size_t name_end = next_quote(quotes, i + 1, n);
    if (name_end + 1 >= n || s[name_end + 1] != ':') return false;
    const TopMembers::Piece name{text.data() + i + 1, name_end - i - 1};
    // Equal names have equal lengths and first bytes: only a name whose
    // (length, first byte) bit is already set is compared with the others.
    const std::uint64_t bit = std::uint64_t{1}
                              << ((name.size * 7 + (name.size != 0 ? static_cast<Byte>(name.data[0]) : 0u)) % 64);
    if ((seen & bit) != 0) {
      for (std::size_t k = 0; k < count; ++k) {
        if (names[k].size == name.size && same_bytes(names[k].data, name.data, name.size)) return false;
      }
    }
    seen |= bit;
    i = name_end + 2;
    const std::size_t value_at = i;
    // n - 1 is the closing brace, so every index below it is in bounds.
    const Byte c = s[i];
    if (c == '"') {
      i = next_quote(quotes, i + 1, n) + 1;
      if (i >= n) return false;
    } else if (c == 't') {
      if (n - 1 - i < 4 || std::memcmp(s + i, "true", 4) != 0) return false;
      i += 4;
    } else if (c == 'f') {
      if (n - 1 - i < 5 || std::memcmp(s + i, "false", 5) != 0) return false;
      i += 5;
    } else if (c == 'n') {
      if (n - 1 - i < 4 || std::memcmp(s + i, "null", 4) != 0) return false;
      i += 4;
    } else {
      // Integers only: a fraction, an exponent and -0 are the general
      // scanner's (it tracks the shape they give).
      if (c == '-') ++i;
      if (s[i] == '0') {
        if (i != value_at) return false;  // -0
        ++i;
      } else if (s[i] >= '1' && s[i] <= '9') {
        while (is_digit(s[i])) ++i;  // stops at the closing brace at the latest
      } else {
        return false;
      }
    }
    names[count] = name;
    values[count] = TopMembers::Piece{text.data() + value_at, i - value_at};
    ++count;
    if (s[i] == ',') {
      ++i;
      continue;
    }
    if (s[i] != '}' || i != n - 1) return false;
    break;
  }
  out.count = count;
  return true;
}

}  // namespace

bool is_canonical_compact_object(std::string_view text, std::size_t max_depth, TopMembers* top,
                                 Shape* shape_out) noexcept {
  // A flat object has depth 1, within any max_depth but 0; what it accepts
  // has no byte >= 0x7F, no fraction and no -0: an all-false shape.
  if (max_depth != 0 && flat_object(text, top)) {
    if (shape_out != nullptr) *shape_out = Shape{};
    return true;
  }
  return is_canonical_compact_object_general(text, max_depth, top, shape_out);
}

bool is_canonical_compact_object_general(std::string_view text, std::size_t max_depth, TopMembers* top,
                                         Shape* shape_out) noexcept {
  Shape local_shape;
  Shape& shape = shape_out != nullptr ? *shape_out : local_shape;
  shape = Shape{};
  const Byte* p = reinterpret_cast<const Byte*>(text.data());
  const Byte* const end = p + text.size();
  if (text.size() < 2 || *p != '{' || max_depth == 0) return false;
  if (top != nullptr) top->count = 0;

  Frame frames[kMaxNesting];
  std::size_t depth = 0;
  // Trivial storage: a string_view array would be zeroed on every call.
  struct Name {
    const Byte* data;
    std::size_t size;
  };
  Name names[kMaxOpenNames];
  std::size_t n_names = 0;
  const Byte* top_value = nullptr;

  enum class Next { value, key, after_value };
  Next next = Next::value;
  for (;;) {
    switch (next) {
      case Next::value: {
        if (p >= end) return false;
        const Byte c = *p;
        if (c == '{' || c == '[') {
          if (depth >= max_depth || depth >= kMaxNesting) return false;
          frames[depth++] = Frame{c == '{', static_cast<std::uint8_t>(n_names)};
          ++p;
          if (p < end && *p == (c == '{' ? '}' : ']')) {  // empty container
            ++p;
            --depth;
            next = Next::after_value;
          } else {
            next = c == '{' ? Next::key : Next::value;
          }
          continue;
        }
        bool ok = false;
        if (c == '"') ok = scan_string(p, end, shape);
        else if (c == 't') ok = scan_literal(p, end, "true", 4);
        else if (c == 'f') ok = scan_literal(p, end, "false", 5);
        else if (c == 'n') ok = scan_literal(p, end, "null", 4);
        else ok = scan_number(p, end, shape);
        if (!ok) return false;
        next = Next::after_value;
        continue;
      }
      case Next::key: {
        if (p >= end || *p != '"') return false;
        const Byte* start = p;
        if (!scan_string(p, end, shape)) return false;
        const std::string_view name(reinterpret_cast<const char*>(start + 1), static_cast<std::size_t>(p - start - 2));
        const Frame& f = frames[depth - 1];
        if (n_names - f.names_begin >= TopMembers::kMax || n_names >= kMaxOpenNames) return false;
        // Without escapes, equal bytes is equal names: the duplicate check
        // the full reader does after unescaping.
        for (std::size_t k = f.names_begin; k < n_names; ++k) {
          if (names[k].size == name.size() && std::memcmp(names[k].data, name.data(), name.size()) == 0) return false;
        }
        names[n_names++] = Name{start + 1, name.size()};
        if (p >= end || *p != ':') return false;
        ++p;
        if (depth == 1 && top != nullptr) {
          top->names[top->count] = TopMembers::Piece{name.data(), name.size()};
          top_value = p;
        }
        next = Next::value;
        continue;
      }
      case Next::after_value: {
        if (depth == 0) return p == end;  // the root object closed
        if (depth == 1 && top != nullptr && top_value != nullptr) {
          top->values[top->count++] =
              TopMembers::Piece{reinterpret_cast<const char*>(top_value), static_cast<std::size_t>(p - top_value)};
          top_value = nullptr;
        }
        if (p >= end) return false;
        const Frame& f = frames[depth - 1];
        if (*p == ',') {
          ++p;
          next = f.object ? Next::key : Next::value;
          continue;
        }
        if (*p != (f.object ? '}' : ']')) return false;
        ++p;
        if (f.object) n_names = f.names_begin;
        --depth;
        continue;  // still after a value: the container just closed
      }
    }
  }
}

}  // namespace signet::json
