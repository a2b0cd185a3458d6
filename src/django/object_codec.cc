#include "django/object_codec.h"

#include <array>
#include <limits>

#include "crypto/hmac.h"
#include "django/plain_json.h"
#include "encoding/base64url.h"
#include "encoding/json.h"
#include "encoding/json_canonical.h"
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

// Serialization and decoding work in per-thread scratch buffers that keep
// their capacity, so steady-state signing and verification allocate only the
// string they return. Buffers that grew past kKeepScratch are released.
constexpr std::size_t kKeepScratch = std::size_t{64} << 10;

void trim(std::string& scratch) {
  if (scratch.capacity() > kKeepScratch) std::string().swap(scratch);
}

Result<PayloadBytes> prepare_payload(std::string_view json, bool compress) {
  // The usual value ({"user_id":123456}) is a flat object that Python writes
  // exactly as given: sign the caller's bytes as they are, no copy.
  if (!compress && json.size() <= kSignLimits.max_bytes && is_plain_flat_object(json)) {
    return PayloadBytes{false, json};
  }
  thread_local std::string text;
  thread_local std::string packed;
  trim(text);
  trim(packed);
  text.clear();
  // Other objects in canonical compact form with only ASCII text and
  // integers are also already what Python writes.
  json::Shape shape;
  if (json.size() <= kSignLimits.max_bytes &&
      json::is_canonical_compact_object(json, kSignLimits.max_depth, nullptr, &shape) && !shape.escapable &&
      !shape.fraction && !shape.negative_zero) {
    text.assign(json);
  } else if (auto ok = json::canonicalize_append(json, json::Style::python_compact_ascii, kSignLimits, text); !ok) {
    return Unexpected(Errc::invalid_argument, std::string("the value is not valid JSON: ") +
                                                  std::string(ok.error().detail()));
  }
  if (compress) {
    packed = encoding::zlib_compress(crypto::as_bytes(text));
    // Django keeps the compressed form only when it saves more than one byte
    // (len(compressed) < len(data) - 1).
    if (packed.size() + 1 < text.size()) return PayloadBytes{true, packed};
  }
  return PayloadBytes{false, text};
}

std::size_t payload_text_size(const PayloadBytes& payload) noexcept {
  return (payload.compressed ? 1 : 0) + encoding::base64url_encoded_size(payload.bytes.size());
}

void write_payload_text(const PayloadBytes& payload, char* out) noexcept {
  if (payload.compressed) *out++ = '.';
  encoding::base64url_encode(crypto::as_bytes(payload.bytes), out);
}

Result<std::string> decode_payload(std::string_view payload, std::size_t max_inflate) {
  const bool compressed = !payload.empty() && payload.front() == '.';
  if (compressed) payload.remove_prefix(1);
  const auto size = encoding::base64url_decoded_size(payload.size());
  if (!size) return Unexpected(Errc::bad_payload, "the signed payload is not base64url");
  // Small payloads (the usual case) are decoded on the stack.
  thread_local std::string raw;
  std::array<char, 1024> small;
  char* bytes = small.data();
  if (*size > small.size()) {
    trim(raw);
    raw.resize(*size);
    bytes = raw.data();
  }
  if (!encoding::base64url_decode(payload, reinterpret_cast<std::uint8_t*>(bytes))) {
    return Unexpected(Errc::bad_payload, "the signed payload is not base64url");
  }
  std::string_view data(bytes, *size);
  std::string inflated;
  if (compressed) {
    auto result = encoding::zlib_inflate(crypto::as_bytes(data), max_inflate);
    if (!result) {
      if (result.error().code() == Errc::payload_too_large) {
        return Unexpected(Errc::payload_too_large, "the compressed payload inflates beyond the cap");
      }
      return Unexpected(Errc::bad_payload, "the signed payload is not a valid zlib stream");
    }
    inflated = std::move(*result);
    data = inflated;
  }
  // An ASCII payload already in canonical compact form is its own result:
  // first the usual flat shape, then any such object.
  if (is_plain_flat_object(data)) return std::string(data);
  json::Shape shape;
  if (json::is_canonical_compact_object(data, kSignLimits.max_depth, nullptr, &shape) && !shape.escapable) {
    return std::string(data);
  }
  std::string converted;
  if (!is_ascii(data)) {
    converted = latin1_to_utf8(data);
    data = converted;
  }
  std::string out;
  out.reserve(data.size());  // compact output is never longer than its input
  if (auto ok = json::canonicalize_append(
          data, json::Style::compact, json::Limits{std::numeric_limits<std::size_t>::max(), kSignLimits.max_depth}, out);
      !ok) {
    return Unexpected(Errc::bad_payload, std::string("the signed payload is not valid JSON: ") +
                                             std::string(ok.error().detail()));
  }
  return out;
}

}  // namespace signet::django::detail
