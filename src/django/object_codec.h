// The payload codec shared by sign_object / unsign_object: Django's
// JSONSerializer text, optional zlib, base64url.
#ifndef SIGNET_SRC_DJANGO_OBJECT_CODEC_H_
#define SIGNET_SRC_DJANGO_OBJECT_CODEC_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "signet/result.h"

namespace signet::django::detail {

// PayloadBytes is a serialized value ready to be base64url-encoded.
struct PayloadBytes {
  bool compressed;         // zlib stream, marked with a leading '.'
  // Either the caller's `json` itself or per-thread scratch: valid while
  // `json` lives and until the next call on this thread.
  std::string_view bytes;
};

// prepare_payload rewrites `json` as Django's JSONSerializer does and, with
// `compress`, deflates it when that saves more than one byte. Fails with
// invalid_argument when `json` is not valid JSON.
Result<PayloadBytes> prepare_payload(std::string_view json, bool compress);

// payload_text_size is the length write_payload_text writes.
std::size_t payload_text_size(const PayloadBytes& payload) noexcept;

// write_payload_text writes the payload as it appears in a token,
// ['.'] base64url(bytes): payload_text_size(payload) characters.
void write_payload_text(const PayloadBytes& payload, char* out) noexcept;

// decode_payload turns an authenticated payload back into compact JSON text.
// Fails with bad_payload or payload_too_large. One allocation (the result)
// for uncompressed ASCII payloads.
Result<std::string> decode_payload(std::string_view payload, std::size_t max_inflate);

}  // namespace signet::django::detail

#endif  // SIGNET_SRC_DJANGO_OBJECT_CODEC_H_
