// Django's base62 (django.core.signing.b62_encode / b62_decode), kept exactly
// as permissive as Django on input so that every timestamp Django accepts is
// accepted here too, but bounded to int64.
#include "encoding/base62.h"

#include <array>
#include <limits>

namespace signet::encoding {
namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::uint8_t kInvalid = 0xff;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> t{};
  for (auto& v : t) v = kInvalid;
  for (std::size_t i = 0; i < 62; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
  return t;
}

constexpr std::array<std::uint8_t, 256> kDecode = make_decode_table();

// Up to this many digits the value stays below 62^10 < 2^63, so it fits
// int64 whatever the digits (and its negation too).
constexpr std::size_t kUncheckedDigits = 10;
static_assert(std::uint64_t{839299365868340224} == 62ULL * 62 * 62 * 62 * 62 * 62 * 62 * 62 * 62 * 62 &&
              839299365868340224ULL < (std::uint64_t{1} << 63));

}  // namespace

std::size_t base62_encode_to(std::int64_t value, char* out) noexcept {
  // Work on the unsigned magnitude: negating INT64_MIN as a signed value
  // would overflow, while 0 - uint64(value) is well defined.
  const bool negative = value < 0;
  std::uint64_t mag = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  char buf[kBase62MaxSize];  // 62^11 > 2^64, so 11 digits plus a sign always fit
  std::size_t pos = sizeof buf;
  do {
    buf[--pos] = kAlphabet[mag % 62];
    mag /= 62;
  } while (mag != 0);
  if (negative) buf[--pos] = '-';
  const std::size_t len = sizeof buf - pos;
  for (std::size_t i = 0; i < len; ++i) out[i] = buf[pos + i];
  return len;
}

std::string base62_encode(std::int64_t value) {
  char buf[kBase62MaxSize];
  return std::string(buf, base62_encode_to(value, buf));
}

Result<std::int64_t> base62_decode(std::string_view text) noexcept {
  if (text.empty()) return Unexpected(Errc::malformed, "base62: empty");
  const bool negative = text.front() == '-';
  if (negative) text.remove_prefix(1);
  // Django turns "-" into 0 (an empty digit loop), so we do too. The negative
  // range reaches one further than the positive one (INT64_MIN).
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : std::uint64_t{std::numeric_limits<std::int64_t>::max()};
  std::uint64_t mag = 0;
  if (text.size() <= kUncheckedDigits) {
    // Every timestamp of this era has 6 digits: no overflow check (and no
    // division) per digit is needed below 62^10.
    // Digits are below 62, so OR-ing them stays below 64; kInvalid does not.
    std::uint32_t bad = 0;
    for (const char c : text) {
      const std::uint8_t d = kDecode[static_cast<unsigned char>(c)];
      bad |= d;
      mag = mag * 62 + (d & 0x3f);
    }
    if (bad > 0x3f) return Unexpected(Errc::malformed, "base62: invalid character");
    return negative ? -static_cast<std::int64_t>(mag) : static_cast<std::int64_t>(mag);
  }
  for (const char c : text) {
    const std::uint8_t d = kDecode[static_cast<unsigned char>(c)];
    if (d == kInvalid) return Unexpected(Errc::malformed, "base62: invalid character");
    // mag * 62 + d <= limit  <=>  mag <= (limit - d) / 62, checked before
    // multiplying so nothing wraps.
    if (mag > (limit - d) / 62) return Unexpected(Errc::malformed, "base62: value out of int64 range");
    mag = mag * 62 + d;
  }
  if (!negative) return static_cast<std::int64_t>(mag);
  if (mag == std::uint64_t{1} << 63) return std::numeric_limits<std::int64_t>::min();
  return -static_cast<std::int64_t>(mag);
}

}  // namespace signet::encoding
