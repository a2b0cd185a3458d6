// zlib inflation with a hard cap, and the compress/inflate round trip.
//   1. zlib_inflate(input, cap) never returns more than cap bytes, and never
//      crashes or allocates beyond what the cap allows (run with
//      -malloc_limit_mb to enforce the latter);
//   2. it agrees with zlib's own uncompress() given a buffer of cap bytes:
//      success exactly when uncompress() finishes the stream within the cap
//      and consumes all input, with the same bytes;
//   3. raising the cap never changes a success, and a payload_too_large
//      under one cap is not a success with fewer than cap bytes under a larger;
//   4. compress(x) inflates back to x with cap == x.size() exactly, and is
//      payload_too_large with cap == x.size() - 1.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "encoding/zlib.h"
#include "fuzz_util.h"

using namespace signet;
using signet::fuzz::as_bytes;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::ByteReader in(data, size);
  // A small cap: 0..65535 bytes.
  const std::size_t cap = std::size_t{in.u8()} << 8 | in.u8();
  const int level = static_cast<int>(in.u8() % 11) - 1;  // -1..9
  const std::string_view stream = in.rest();

  const auto got = encoding::zlib_inflate(as_bytes(stream), cap);
  if (got) {
    FUZZ_CHECK(got->size() <= cap);
  } else {
    const Errc code = got.error().code();
    FUZZ_CHECK(code == Errc::payload_too_large || code == Errc::bad_payload);
  }

  // Reference: uncompress2 into exactly cap bytes (plus one, to tell "fits"
  // from "would exceed").
  const std::unique_ptr<Bytef[]> ref(new Bytef[cap + 1]);
  uLongf ref_len = static_cast<uLongf>(cap + 1);
  uLong consumed = static_cast<uLong>(stream.size());
  const int rc = uncompress2(ref.get(), &ref_len, reinterpret_cast<const Bytef*>(stream.data()), &consumed);
  const bool ref_ok = rc == Z_OK && ref_len <= cap && consumed == stream.size();
  FUZZ_CHECK(got.has_value() == ref_ok);
  if (got) FUZZ_CHECK(*got == std::string_view(reinterpret_cast<const char*>(ref.get()), ref_len));
  if (rc == Z_OK && ref_len > cap) FUZZ_CHECK(!got && got.error().code() == Errc::payload_too_large);

  const std::size_t bigger = cap * 2 + 1;
  const auto wide = encoding::zlib_inflate(as_bytes(stream), bigger);
  if (got) FUZZ_CHECK(wide && *wide == *got);
  if (!got && got.error().code() == Errc::payload_too_large && wide) FUZZ_CHECK(wide->size() > cap);
  if (!got && got.error().code() == Errc::bad_payload) FUZZ_CHECK(!wide && wide.error().code() == Errc::bad_payload);

  // Round trip of the stream bytes as plain data.
  const std::string packed = encoding::zlib_compress(as_bytes(stream), level);
  const auto exact = encoding::zlib_inflate(as_bytes(packed), stream.size());
  FUZZ_CHECK(exact && *exact == stream);
  if (!stream.empty()) {
    const auto short_cap = encoding::zlib_inflate(as_bytes(packed), stream.size() - 1);
    FUZZ_CHECK(!short_cap && short_cap.error().code() == Errc::payload_too_large);
  }
  // Same bytes as zlib's compress2 at that level: CPython's zlib.compress
  // makes the same stream (for stored blocks, level 0, only while the input
  // fits the first 32 KiB output block, hence the size bound).
  if (stream.size() > 16384) return 0;
  uLongf ref_packed_len = compressBound(static_cast<uLong>(stream.size()));
  const std::unique_ptr<Bytef[]> ref_packed(new Bytef[ref_packed_len]);
  FUZZ_CHECK(compress2(ref_packed.get(), &ref_packed_len, reinterpret_cast<const Bytef*>(stream.data()),
                       static_cast<uLong>(stream.size()), level) == Z_OK);
  FUZZ_CHECK(packed == std::string_view(reinterpret_cast<const char*>(ref_packed.get()), ref_packed_len));
  return 0;
}
