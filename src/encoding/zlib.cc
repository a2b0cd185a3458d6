// zlib compression and capped inflation.
//
// Compression mirrors CPython's zlib.compress (deflateInit at `level`,
// default window and memLevel, same call sequence) because Django writes
// payloads with zlib.compress and the bytes must match. Inflation drives
// inflate() by hand instead of calling uncompress(), which needs the output
// size up front: a signed payload can claim any size, so the output buffer
// grows only up to the caller's cap and the stream is stopped the moment it
// would go beyond it.
#define ZLIB_CONST 1  // makes z_stream::next_in const, so no const_cast is needed

#include "encoding/zlib.h"

#include <zlib.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <new>

namespace signet::encoding {
namespace {

constexpr std::size_t kMaxChunk = std::numeric_limits<uInt>::max();

// The z_stream fields are 32-bit; feed at most that much at a time.
uInt chunk(std::size_t n) noexcept { return static_cast<uInt>(std::min(n, kMaxChunk)); }

// Calls the matching End function on every path out, including a bad_alloc
// thrown while growing the output string.
struct DeflateGuard {
  z_stream* s;
  ~DeflateGuard() { deflateEnd(s); }
};
struct InflateGuard {
  z_stream* s;
  ~InflateGuard() { inflateEnd(s); }
};

}  // namespace

std::string zlib_compress(std::span<const std::uint8_t> in, int level) {
  // There is no error channel here, so an out-of-range level is clamped
  // rather than reported; callers pass constants.
  level = std::clamp(level, Z_DEFAULT_COMPRESSION, Z_BEST_COMPRESSION);
  z_stream s{};
  // deflateInit fails only for a bad level (excluded above) or no memory.
  if (deflateInit(&s, level) != Z_OK) throw std::bad_alloc();
  DeflateGuard guard{&s};

  // The calls to deflate() replay CPython's zlib.compress (3.11+): input in
  // UINT_MAX chunks, Z_FINISH with the last one, and output offered in
  // blocks of these sizes. Levels 1-9 give the same bytes whatever the
  // output blocks are, but level 0 (stored blocks) sizes its blocks by the
  // output space offered, so only this exact sequence matches Python there.
  static constexpr std::size_t kKiB = 1024, kMiB = 1024 * kKiB;
  static constexpr std::size_t kBlocks[] = {32 * kKiB, 64 * kKiB, 256 * kKiB, kMiB,     4 * kMiB,   8 * kMiB,
                                            16 * kMiB, 16 * kMiB, 32 * kMiB,  32 * kMiB, 32 * kMiB,  32 * kMiB,
                                            64 * kMiB, 64 * kMiB, 128 * kMiB, 128 * kMiB, 256 * kMiB};
  std::size_t next_block = 0;
  std::string out;
  std::size_t produced = 0;
  const std::uint8_t* next_in = in.data();
  std::size_t in_left = in.size();
  int flush = Z_NO_FLUSH;
  while (flush != Z_FINISH) {
    s.next_in = next_in;
    s.avail_in = chunk(in_left);
    next_in += s.avail_in;
    in_left -= s.avail_in;
    flush = in_left == 0 ? Z_FINISH : Z_NO_FLUSH;
    do {
      if (s.avail_out == 0) {
        const std::size_t block = kBlocks[next_block];
        if (next_block + 1 < std::size(kBlocks)) ++next_block;
        out.resize(produced + block);
        s.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
        s.avail_out = static_cast<uInt>(block);
      }
      const uInt before = s.avail_out;
      const int rc = deflate(&s, flush);
      produced += before - s.avail_out;
      // Z_BUF_ERROR only means no progress was possible and is not fatal;
      // Z_STREAM_ERROR cannot happen on a stream set up as above.
      if (rc == Z_STREAM_ERROR) throw std::bad_alloc();
    } while (s.avail_out == 0);
  }
  out.resize(produced);
  return out;
}

Result<std::string> zlib_inflate(std::span<const std::uint8_t> in, std::size_t max_output) {
  z_stream s{};
  // windowBits 15 without +16/+32 accepts only the zlib (RFC 1950) format, so
  // raw deflate and gzip fail the header check.
  if (inflateInit(&s) != Z_OK) return Unexpected(Errc::backend_failure, "zlib: inflateInit failed");
  InflateGuard guard{&s};

  const std::uint8_t* next_in = in.data();
  std::size_t in_left = in.size();

  // First guess: typical payloads compress by a few times. The buffer then
  // doubles, never beyond max_output, so memory is bounded by the cap.
  const std::size_t guess = in.size() > std::numeric_limits<std::size_t>::max() / 4 ? in.size() : in.size() * 4;
  std::string out(std::min(max_output, std::max<std::size_t>(guess, 256)), '\0');
  std::size_t produced = 0;

  for (;;) {
    if (s.avail_in == 0 && in_left > 0) {
      s.next_in = next_in;
      s.avail_in = chunk(in_left);
      next_in += s.avail_in;
      in_left -= s.avail_in;
    }
    if (produced == out.size() && out.size() < max_output) {
      out.resize(std::min(max_output, out.size() * 2));
    }

    // At the cap, inflate into a one-byte probe: if zlib produces a byte, the
    // output would exceed the cap; if it reaches the end of the stream without
    // one (e.g. only the Adler-32 trailer was left), the output fits exactly.
    // inflate() with no output space at all would not read the trailer.
    std::uint8_t probe = 0;
    const bool probing = produced == out.size();
    if (probing) {
      s.next_out = &probe;
      s.avail_out = 1;
    } else {
      s.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
      s.avail_out = chunk(out.size() - produced);
    }
    const uInt before = s.avail_out;
    const int rc = inflate(&s, Z_NO_FLUSH);
    const uInt written = before - s.avail_out;
    if (probing) {
      if (written != 0) return Unexpected(Errc::payload_too_large, "zlib: inflated payload exceeds the size cap");
    } else {
      produced += written;
    }

    switch (rc) {
      case Z_STREAM_END:
        if (s.avail_in != 0 || in_left != 0) return Unexpected(Errc::bad_payload, "zlib: trailing bytes after stream");
        out.resize(produced);
        return out;
      case Z_OK:
        break;
      case Z_BUF_ERROR:
        // No progress was possible. Output space was offered, so zlib needs
        // more input; if there is none, the stream is truncated.
        if (s.avail_in == 0 && in_left == 0) return Unexpected(Errc::bad_payload, "zlib: truncated stream");
        break;
      case Z_MEM_ERROR:
        return Unexpected(Errc::backend_failure, "zlib: out of memory");
      case Z_NEED_DICT:
        return Unexpected(Errc::bad_payload, "zlib: stream needs a preset dictionary");
      default:  // Z_DATA_ERROR, Z_STREAM_ERROR
        return Unexpected(Errc::bad_payload, "zlib: corrupt stream");
    }
  }
}

}  // namespace signet::encoding
