// base62 (Django's timestamps):
//   1. decode(input) succeeds exactly when a reference decoder (arbitrary
//      precision, Django's rules: optional '-', digits 0-9A-Za-z, leading
//      zeros allowed, "-" alone is 0) finds a value in the int64 range, and
//      both give the same value;
//   2. encode(decode(input)) is the canonical form of the input: no leading
//      zeros, "0" for zero (also "-", "-0", "000"), '-' only when negative;
//   3. the first eight bytes as an int64 round-trip through encode/decode.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "encoding/base62.h"
#include "fuzz_util.h"

using namespace signet;

namespace {

__extension__ typedef unsigned __int128 U128;

int digit_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  if (c >= 'a' && c <= 'z') return c - 'a' + 36;
  return -1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const auto decoded = encoding::base62_decode(text);

  // Reference: magnitude in 128 bits, saturating well above the int64 range.
  bool valid = !text.empty();
  const bool negative = valid && text.front() == '-';
  std::string_view digits = negative ? text.substr(1) : text;
  U128 mag = 0;
  constexpr U128 kSaturate = static_cast<U128>(1) << 100;
  for (char c : digits) {
    const int d = digit_value(c);
    if (d < 0) {
      valid = false;
      break;
    }
    mag = mag * 62 + static_cast<unsigned>(d);
    if (mag > kSaturate) mag = kSaturate;
  }
  const U128 limit = negative ? (static_cast<U128>(1) << 63)
                            : static_cast<U128>(std::numeric_limits<std::int64_t>::max());
  const bool in_range = valid && mag <= limit;
  FUZZ_CHECK(decoded.has_value() == in_range);
  if (!decoded) {
    FUZZ_CHECK(decoded.error().code() == Errc::malformed);
  } else {
    const std::int64_t expect = negative ? (mag == limit ? std::numeric_limits<std::int64_t>::min()
                                                         : -static_cast<std::int64_t>(mag))
                                         : static_cast<std::int64_t>(mag);
    FUZZ_CHECK(*decoded == expect);
    // Canonical form of the input.
    while (!digits.empty() && digits.front() == '0') digits.remove_prefix(1);
    // Built with append: g++ 12 warns (-Wrestrict, falsely) on "-" + std::string at -O3.
    std::string canonical;
    if (digits.empty()) {
      canonical = "0";
    } else {
      if (negative) canonical.push_back('-');
      canonical.append(digits);
    }
    FUZZ_CHECK(encoding::base62_encode(*decoded) == canonical);
  }

  // Any int64 round-trips.
  fuzz::ByteReader in(data, size);
  const std::int64_t v = in.i64();
  const std::string enc = encoding::base62_encode(v);
  const auto back = encoding::base62_decode(enc);
  FUZZ_CHECK(back && *back == v);
  return 0;
}
