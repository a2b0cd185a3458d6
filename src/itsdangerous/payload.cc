#include "itsdangerous/payload.h"

#include <limits>

#include "crypto/hmac.h"
#include "encoding/base64url.h"
#include "encoding/json.h"
#include "encoding/zlib.h"

namespace signet::itsdangerous::detail {
namespace {

// What we write must be at most what Python can read back: Python's json
// nests to about 990 levels (the recursion limit). The size bound is
// generous for the caller's own data. On reading, the payload is already
// authenticated, so only the depth cap (work per token) matters.
constexpr json::Limits kSignLimits{std::size_t{64} << 20, 256};
constexpr json::Limits kLoadLimits{std::numeric_limits<std::size_t>::max(), kSignLimits.max_depth};

Result<std::string> rewrite(std::string_view json, json::Style style) {
  auto text = json::canonicalize(json, style, kSignLimits);
  if (!text) {
    return Unexpected(Errc::invalid_argument,
                      std::string("the value is not valid JSON: ") + std::string(text.error().detail()));
  }
  return text;
}

// itsdangerous decodes the payload as strict UTF-8 and runs json.loads; any
// failure is BadPayload. The strict reader refuses invalid UTF-8 as well,
// plus what Python would accept but is not JSON (NaN, duplicates, lone
// surrogates).
Result<std::string> read_json(std::string_view data) {
  auto out = json::canonicalize(data, json::Style::compact, kLoadLimits);
  if (!out) {
    return Unexpected(Errc::bad_payload,
                      std::string("the signed payload is not valid JSON: ") + std::string(out.error().detail()));
  }
  return out;
}

}  // namespace

Result<std::string> encode_plain(std::string_view json) { return rewrite(json, json::Style::python_spaced_ascii); }

Result<std::string> encode_url_safe(std::string_view json, bool compress) {
  auto text = rewrite(json, json::Style::python_compact_utf8);
  if (!text) return text.error();
  const std::string& data = *text;
  if (compress) {
    // itsdangerous always tries zlib.compress (level 6) and keeps the result
    // only when len(compressed) < len(json) - 1.
    std::string packed = encoding::zlib_compress(crypto::as_bytes(data));
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

Result<std::string> decode_plain(std::string_view payload) { return read_json(payload); }

Result<std::string> decode_url_safe(std::string_view payload, std::size_t max_inflate) {
  const bool compressed = !payload.empty() && payload.front() == '.';
  if (compressed) payload.remove_prefix(1);
  // Strict base64url where itsdangerous is lenient: the payload is signed,
  // so only a key holder could produce another spelling, and itsdangerous
  // never writes one.
  auto raw = encoding::base64url_decode(payload);
  if (!raw) return Unexpected(Errc::bad_payload, "the signed payload is not base64url");
  if (!compressed) return read_json(*raw);
  // itsdangerous inflates without limit; the cap bounds memory even for a
  // key holder's bomb, and inflation only ever happens after verification.
  auto inflated = encoding::zlib_inflate(crypto::as_bytes(*raw), max_inflate);
  if (!inflated) {
    if (inflated.error().code() == Errc::payload_too_large) {
      return Unexpected(Errc::payload_too_large, "the compressed payload inflates beyond the cap");
    }
    if (inflated.error().code() == Errc::backend_failure) return inflated.error();
    return Unexpected(Errc::bad_payload, "the signed payload is not a valid zlib stream");
  }
  return read_json(*inflated);
}

}  // namespace signet::itsdangerous::detail
