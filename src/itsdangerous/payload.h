// The payload codecs of itsdangerous's serializers: plain JSON text
// (Serializer, TimedSerializer) and compact UTF-8 JSON, optionally
// zlib-compressed, in base64url (the URL-safe ones).
#ifndef SIGNET_SRC_ITSDANGEROUS_PAYLOAD_H_
#define SIGNET_SRC_ITSDANGEROUS_PAYLOAD_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "signet/result.h"

namespace signet::itsdangerous::detail {

// encode_plain rewrites `json` as json.dumps(obj) writes it (", " and ": ",
// ASCII only). Fails with invalid_argument when `json` is not strict JSON.
Result<std::string> encode_plain(std::string_view json);

// encode_url_safe rewrites `json` as json.dumps(obj, separators=(',', ':'),
// ensure_ascii=False) does, compresses it when `compress` and that saves
// more than one byte, and returns the ('.'-marked) base64url payload.
// Fails with invalid_argument when `json` is not strict JSON.
Result<std::string> encode_url_safe(std::string_view json, bool compress);

// decode_plain turns an authenticated plain payload into compact JSON text.
// Fails with bad_payload.
Result<std::string> decode_plain(std::string_view payload);

// decode_url_safe turns an authenticated URL-safe payload into compact JSON
// text. Fails with bad_payload or payload_too_large.
Result<std::string> decode_url_safe(std::string_view payload, std::size_t max_inflate);

}  // namespace signet::itsdangerous::detail

#endif  // SIGNET_SRC_ITSDANGEROUS_PAYLOAD_H_
