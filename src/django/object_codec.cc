#include "django/object_codec.h"

#include <limits>

#include "crypto/hmac.h"
#include "encoding/base64url.h"
#include "encoding/json.h"
#include "encoding/zlib.h"

namespace signet::django::detail {
namespace {

// What we write must be at most what Django can read back. These bounds are
// generous for signing (the caller's own data); the payload we read is
// already authenticated, so only the structural depth cap matters there.
constexpr json::Limits kSignLimits{std::size_t{64} << 20, 256};

// Django decodes the serialized bytes as Latin-1 before json.loads, so a
// byte >= 0x80 means the code point U+00XX whatever its UTF-8 meaning.
// Reproduce that, so a value reads the same in signet as in Django.
std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

bool is_ascii(std::string_view bytes) noexcept {
  for (char ch : bytes) {
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  }
  return true;
}

}  // namespace

Result<std::string> encode_payload(std::string_view json, bool compress) {
  auto text = json::canonicalize(json, json::Style::python_compact_ascii, kSignLimits);
  if (!text) {
    return Unexpected(Errc::invalid_argument, std::string("the value is not valid JSON: ") +
                                                  std::string(text.error().detail()));
  }
  const std::string& data = *text;
  if (compress) {
    std::string packed = encoding::zlib_compress(crypto::as_bytes(data));
    // Django keeps the compressed form only when it saves more than one byte
    // (len(compressed) < len(data) - 1).
    if (packed.size() + 1 < data.size()) {
      std::string out;
      out.reserve(1 + encoding::base64url_encoded_size(packed.size()));
      out.push_back('.');
      encoding::base64url_encode_append(crypto::as_bytes(packed), out);
      return out;
    }
  }
  return encoding::base64url_encode(crypto::as_bytes(data));
}

Result<std::string> decode_payload(std::string_view payload, std::size_t max_inflate) {
  const bool compressed = !payload.empty() && payload.front() == '.';
  if (compressed) payload.remove_prefix(1);
  auto raw = encoding::base64url_decode(payload);
  if (!raw) return Unexpected(Errc::bad_payload, "the signed payload is not base64url");
  std::string data;
  if (compressed) {
    auto inflated = encoding::zlib_inflate(crypto::as_bytes(*raw), max_inflate);
    if (!inflated) {
      if (inflated.error().code() == Errc::payload_too_large) {
        return Unexpected(Errc::payload_too_large, "the compressed payload inflates beyond the cap");
      }
      return Unexpected(Errc::bad_payload, "the signed payload is not a valid zlib stream");
    }
    data = std::move(*inflated);
  } else {
    data = std::move(*raw);
  }
  if (!is_ascii(data)) data = latin1_to_utf8(data);
  auto out = json::canonicalize(data, json::Style::compact,
                                json::Limits{std::numeric_limits<std::size_t>::max(), kSignLimits.max_depth});
  if (!out) {
    return Unexpected(Errc::bad_payload, std::string("the signed payload is not valid JSON: ") +
                                             std::string(out.error().detail()));
  }
  return out;
}

}  // namespace signet::django::detail
