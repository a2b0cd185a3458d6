// Strict base64url. Decoding sits on the token-verification hot path, so it
// works a quad of characters at a time from a 256-entry table and folds every
// validity check into one accumulator tested once at the end, instead of
// branching per character.
#include "encoding/base64url.h"

#include <array>

namespace signet::encoding {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Any table entry with this bit set is not a base64url character. Valid
// values are 0..63, so OR-ing entries together keeps the bit if any was bad.
constexpr std::uint8_t kInvalid = 0x80;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> t{};
  for (auto& v : t) v = kInvalid;
  for (std::size_t i = 0; i < 64; ++i) {
    t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return t;
}

constexpr std::array<std::uint8_t, 256> kDecode = make_decode_table();

inline std::uint32_t lookup(char c) noexcept { return kDecode[static_cast<unsigned char>(c)]; }

}  // namespace

void base64url_encode(std::span<const std::uint8_t> in, char* out) noexcept {
  const std::uint8_t* p = in.data();
  std::size_t n = in.size();
  while (n >= 3) {
    const std::uint32_t v = std::uint32_t{p[0]} << 16 | std::uint32_t{p[1]} << 8 | p[2];
    out[0] = kAlphabet[v >> 18];
    out[1] = kAlphabet[(v >> 12) & 63];
    out[2] = kAlphabet[(v >> 6) & 63];
    out[3] = kAlphabet[v & 63];
    p += 3;
    n -= 3;
    out += 4;
  }
  // The tail emits only the characters that carry data bits; the unused low
  // bits of the last one are zero, which is what makes the output canonical.
  if (n == 2) {
    const std::uint32_t v = std::uint32_t{p[0]} << 16 | std::uint32_t{p[1]} << 8;
    out[0] = kAlphabet[v >> 18];
    out[1] = kAlphabet[(v >> 12) & 63];
    out[2] = kAlphabet[(v >> 6) & 63];
  } else if (n == 1) {
    const std::uint32_t v = std::uint32_t{p[0]} << 16;
    out[0] = kAlphabet[v >> 18];
    out[1] = kAlphabet[(v >> 12) & 63];
  }
}

void base64url_encode_append(std::span<const std::uint8_t> in, std::string& out) {
  const std::size_t old = out.size();
  out.resize(old + base64url_encoded_size(in.size()));
  base64url_encode(in, out.data() + old);
}

std::string base64url_encode(std::span<const std::uint8_t> in) {
  std::string out(base64url_encoded_size(in.size()), '\0');
  base64url_encode(in, out.data());
  return out;
}

Status base64url_decode(std::string_view in, std::uint8_t* out) noexcept {
  const std::size_t rem = in.size() % 4;
  if (rem == 1) return Unexpected(Errc::malformed, "base64url: impossible length");

  const char* p = in.data();
  std::size_t quads = in.size() / 4;
  std::uint32_t bad = 0;
  // Bytes are written even if a later character turns out invalid: the
  // caller's buffer is sized for the whole input and its contents are
  // unspecified on failure, and not branching here keeps the loop tight.
  while (quads-- > 0) {
    const std::uint32_t a = lookup(p[0]), b = lookup(p[1]), c = lookup(p[2]), d = lookup(p[3]);
    bad |= a | b | c | d;
    const std::uint32_t v = a << 18 | b << 12 | c << 6 | d;
    out[0] = static_cast<std::uint8_t>(v >> 16);
    out[1] = static_cast<std::uint8_t>(v >> 8);
    out[2] = static_cast<std::uint8_t>(v);
    p += 4;
    out += 3;
  }

  if (rem == 2) {
    const std::uint32_t a = lookup(p[0]), b = lookup(p[1]);
    bad |= a | b;
    // b's low 4 bits fall outside the single output byte; a canonical encoder
    // leaves them zero, and accepting anything else would let several
    // strings decode to the same bytes (signature malleability).
    if ((b & 0x0f) != 0) bad |= kInvalid;
    out[0] = static_cast<std::uint8_t>((a << 2 | b >> 4) & 0xff);
  } else if (rem == 3) {
    const std::uint32_t a = lookup(p[0]), b = lookup(p[1]), c = lookup(p[2]);
    bad |= a | b | c;
    if ((c & 0x03) != 0) bad |= kInvalid;  // same reason: unused low 2 bits
    const std::uint32_t v = a << 10 | b << 4 | c >> 2;
    out[0] = static_cast<std::uint8_t>((v >> 8) & 0xff);
    out[1] = static_cast<std::uint8_t>(v & 0xff);
  }

  if ((bad & kInvalid) != 0) return Unexpected(Errc::malformed, "base64url: invalid or non-canonical character");
  return {};
}

bool base64url_is_canonical(std::string_view in) noexcept {
  const std::size_t rem = in.size() % 4;
  if (rem == 1) return false;
  std::uint32_t bad = 0;
  for (char c : in) bad |= lookup(c);
  // The unused low bits of a final partial quad must be zero (see above).
  if (rem == 2 && (lookup(in.back()) & 0x0f) != 0) bad |= kInvalid;
  if (rem == 3 && (lookup(in.back()) & 0x03) != 0) bad |= kInvalid;
  return (bad & kInvalid) == 0;
}

Result<std::string> base64url_decode(std::string_view in) {
  const std::optional<std::size_t> size = base64url_decoded_size(in.size());
  if (!size) return Unexpected(Errc::malformed, "base64url: impossible length");
  std::string out(*size, '\0');
  Status st = base64url_decode(in, reinterpret_cast<std::uint8_t*>(out.data()));
  if (!st) return st.error();
  return out;
}

}  // namespace signet::encoding
