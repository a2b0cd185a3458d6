// zlib (RFC 1950) compression, and inflation with a hard output cap.
#ifndef SIGNET_SRC_ENCODING_ZLIB_H_
#define SIGNET_SRC_ENCODING_ZLIB_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "signet/result.h"

namespace signet::encoding {

// zlib_compress returns the zlib stream of `in` at `level` (-1 or 0-9; other
// values are clamped to that range). The bytes equal CPython's
// zlib.compress(data, level) with the same zlib; its default is -1, i.e. 6.
// Cannot fail except by std::bad_alloc.
std::string zlib_compress(std::span<const std::uint8_t> in, int level = 6);

// zlib_inflate inflates one complete zlib stream. It fails with
// Errc::payload_too_large as soon as the output would exceed `max_output`
// bytes (memory stays within that cap whatever the input claims; 0 allows
// only an empty result), with Errc::bad_payload for an empty, corrupt,
// truncated or trailing-garbage stream, raw deflate, gzip or a stream that
// needs a preset dictionary, and with Errc::backend_failure if zlib cannot
// allocate its state.
Result<std::string> zlib_inflate(std::span<const std::uint8_t> in, std::size_t max_output);

}  // namespace signet::encoding

#endif  // SIGNET_SRC_ENCODING_ZLIB_H_
