// The payload codec shared by sign_object / unsign_object: Django's
// JSONSerializer text, optional zlib, base64url.
#ifndef SIGNET_SRC_DJANGO_OBJECT_CODEC_H_
#define SIGNET_SRC_DJANGO_OBJECT_CODEC_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "signet/result.h"

namespace signet::django::detail {

// encode_payload rewrites `json` as Django's JSONSerializer does and returns
// the (optionally compressed, '.'-marked) base64url payload.
// Fails with invalid_argument when `json` is not valid JSON.
Result<std::string> encode_payload(std::string_view json, bool compress);

// decode_payload turns an authenticated payload back into compact JSON text.
// Fails with bad_payload or payload_too_large.
Result<std::string> decode_payload(std::string_view payload, std::size_t max_inflate);

}  // namespace signet::django::detail

#endif  // SIGNET_SRC_DJANGO_OBJECT_CODEC_H_
