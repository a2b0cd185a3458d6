// Recognising JSON objects that are already in canonical compact form, in one
// pass and without allocating: the fast path of token verification.
#ifndef SIGNET_SRC_ENCODING_JSON_CANONICAL_H_
#define SIGNET_SRC_ENCODING_JSON_CANONICAL_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace signet::json {

// TopMembers receives the top-level members of a recognised object: each
// name (no escapes, so it is its own decoded form) and value text, views
// into the input, in order.
// Storage is trivial (not string_view arrays, which would be zeroed on
// every construction): read it through name(i) / value(i).
struct TopMembers {
  static constexpr std::size_t kMax = 16;
  struct Piece {
    const char* data;
    std::size_t size;
  };
  std::size_t count = 0;
  Piece names[kMax];
  Piece values[kMax];
  std::string_view name(std::size_t i) const noexcept { return {names[i].data, names[i].size}; }
  std::string_view value(std::size_t i) const noexcept { return {values[i].data, values[i].size}; }
};

// Shape tells what a recognised document contains beyond plain ASCII text
// and integers; with none of these, the python_compact_ascii style writes it
// unchanged too (Python escapes bytes >= 0x7F, re-prints floats, and writes
// -0 as 0).
struct Shape {
  bool escapable = false;      // a byte >= 0x7F in a string
  bool fraction = false;       // a number with a fraction part
  bool negative_zero = false;  // the integer -0
};

// is_canonical_compact_object returns true only when `text` is a JSON object
// that canonicalize(text, Style::compact, {text.size(), max_depth}) accepts
// AND returns unchanged, byte for byte. It is deliberately conservative: it
// recognises the common shape (no whitespace, no backslash escapes, strictly
// valid UTF-8, RFC 8259 numbers that cannot overflow a double, at most
// TopMembers::kMax members per object and 64 levels of nesting, no
// duplicate names) and returns false for everything else, including every
// invalid document. false therefore means "unknown": the caller must run the
// full canonicalize, which decides. It never accepts a document the full
// reader would refuse (tests/unit/json_canonical_test.cc checks this on the
// JSON corpora and on crafted edge cases).
// When it returns true and `top` is not null, `top` holds the top-level
// members. Never allocates, never throws.
// When `shape` is not null it is filled in as well.
bool is_canonical_compact_object(std::string_view text, std::size_t max_depth, TopMembers* top,
                                 Shape* shape = nullptr) noexcept;

// is_canonical_compact_object_general is the same recogniser without its
// fast path for flat printable-ASCII objects: the reference the fast path is
// tested against (it must never accept what this refuses, and must record
// the same members). Same contract as above.
bool is_canonical_compact_object_general(std::string_view text, std::size_t max_depth, TopMembers* top,
                                         Shape* shape = nullptr) noexcept;

// string_special_bytes sets the high bit of (at least) every byte of the
// eight in `w` that may not appear unescaped in a plain JSON string: '"',
// '\\', below 0x20, 0x7F and above. A borrow or carry can also flag a byte
// after (above) a flagged one, never one before it, so the lowest flagged
// byte is always a real one, and a word with none flags nothing.
inline std::uint64_t string_special_bytes(std::uint64_t w) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHighs = 0x8080808080808080ull;
  auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  const std::uint64_t control = (w - 0x20 * kOnes) & ~w;
  const std::uint64_t quote = has_zero(w ^ (0x22 * kOnes));
  const std::uint64_t backslash = has_zero(w ^ (0x5C * kOnes));
  const std::uint64_t high = (w + kOnes) | w;  // 0x7F + 1 and >= 0x80 set the high bit
  return (control | quote | backslash | high) & kHighs;
}

}  // namespace signet::json

#endif  // SIGNET_SRC_ENCODING_JSON_CANONICAL_H_
