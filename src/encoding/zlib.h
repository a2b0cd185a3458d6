// zlib (RFC 1950) compression, and inflation with a hard output cap.
#ifndef SIGNET_SRC_ENCODING_ZLIB_H_
#define SIGNET_SRC_ENCODING_ZLIB_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "signet/result.h"

namespace signet::encoding {

// zlib_compress returns the zlib stream of `in` at `level` (Python's
// zlib.compress(data) is level 6 and gives the same bytes with the same zlib).
std::string zlib_compress(std::span<const std::uint8_t> in, int level = 6);

// zlib_inflate inflates one complete zlib stream. It fails with
// Errc::payload_too_large as soon as the output would exceed `max_output`
// bytes (memory stays within that cap whatever the input claims), and with
// Errc::bad_payload for a corrupt, truncated or trailing-garbage stream.
Result<std::string> zlib_inflate(std::span<const std::uint8_t> in, std::size_t max_output);

}  // namespace signet::encoding

#endif  // SIGNET_SRC_ENCODING_ZLIB_H_
