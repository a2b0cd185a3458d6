// Helpers shared by the fuzz targets: a byte reader that turns fuzz input
// into typed values, and a check that aborts with a message (libFuzzer and
// the replay driver both treat abort() as a finding).
#ifndef SIGNET_FUZZ_FUZZ_UTIL_H_
#define SIGNET_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

namespace signet::fuzz {

// FUZZ_CHECK aborts when an invariant does not hold, naming it.
#define FUZZ_CHECK(cond)                                                                    \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      std::fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (0)

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) noexcept {
  return {reinterpret_cast<const char*>(data), size};
}

inline std::span<const std::uint8_t> as_bytes(std::string_view s) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// ByteReader consumes fuzz input front to back. Once it runs dry every
// read returns zero / empty, so harnesses never need to check.
class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size) noexcept : data_(data), size_(size) {}

  bool empty() const noexcept { return pos_ >= size_; }
  std::size_t remaining() const noexcept { return size_ - pos_; }

  std::uint8_t u8() noexcept { return empty() ? 0 : data_[pos_++]; }
  bool boolean() noexcept { return (u8() & 1) != 0; }
  std::uint64_t u64() noexcept {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = v << 8 | u8();
    return v;
  }
  std::int64_t i64() noexcept { return static_cast<std::int64_t>(u64()); }
  // below returns a value in [0, n) (n > 0).
  std::size_t below(std::size_t n) noexcept { return u8() % n; }

  // bytes returns up to `max` bytes: a length byte, then that many bytes.
  std::string_view bytes(std::size_t max = 255) noexcept {
    std::size_t n = u8();
    if (n > max) n = max;
    if (n > remaining()) n = remaining();
    std::string_view out(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return out;
  }
  // rest returns everything not yet consumed.
  std::string_view rest() noexcept {
    std::string_view out(reinterpret_cast<const char*>(data_ + pos_), remaining());
    pos_ = size_;
    return out;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

// append_utf8 writes code point `cp` (not a surrogate, <= 0x10FFFF) as UTF-8.
inline void append_utf8(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// utf8_text turns fuzz bytes into valid UTF-8 text: ASCII bytes stay, other
// bytes pick a code point from a few interesting ranges (controls, Latin-1,
// BMP, astral) so that escaping paths are exercised.
inline std::string utf8_text(ByteReader& in, std::size_t max_chars = 24) {
  std::string out;
  const std::size_t n = in.below(max_chars + 1);
  for (std::size_t i = 0; i < n && !in.empty(); ++i) {
    const std::uint8_t b = in.u8();
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      continue;
    }
    std::uint32_t cp = 0;
    switch (b & 3) {
      case 0: cp = 0x80u + in.u8(); break;                                        // Latin-1 supplement
      case 1: cp = 0x800u + (std::uint32_t{in.u8()} << 8 | in.u8()) % 0xD000u; break;  // BMP below surrogates
      case 2: cp = 0xE000u + (std::uint32_t{in.u8()} << 8 | in.u8()) % 0x2000u; break;  // BMP above surrogates
      default: cp = 0x10000u + (std::uint32_t{in.u8()} << 12 | std::uint32_t{in.u8()} << 4) % 0x100000u; break;
    }
    append_utf8(cp, out);
  }
  return out;
}

}  // namespace signet::fuzz

#endif  // SIGNET_FUZZ_FUZZ_UTIL_H_
