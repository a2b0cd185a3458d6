// jwt::inspect_unverified on untrusted tokens. An independent split and
// decode in the harness is the oracle:
//   inspect succeeds  <=>  the token has exactly three segments, fits the
//   size limit, every segment is strict base64url, and header and payload
//   are strict JSON objects;
// and then header_json / payload_json are their canonical compact forms.
#include <cstddef>
#include <cstdint>
#include <string>

#include "encoding/base64url.h"
#include "encoding/json.h"
#include "fuzz_util.h"
#include "signet/jwt/verifier.h"

using namespace signet;

namespace {

constexpr std::size_t kMaxSize = 4096;

std::optional<std::string> object_text(std::string_view segment, std::size_t max_depth, std::size_t max_bytes) {
  const auto raw = encoding::base64url_decode(segment);
  if (!raw || raw->size() > max_bytes) return std::nullopt;
  auto c = json::canonicalize(*raw, json::Style::compact, json::Limits{raw->size() + 1, max_depth});
  if (!c || c->empty() || c->front() != '{') return std::nullopt;
  return std::move(*c);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view token = fuzz::as_text(data, size);
  const auto got = jwt::inspect_unverified(token, kMaxSize);
  const auto small = jwt::inspect_unverified(token, size == 0 ? 0 : size - 1);
  FUZZ_CHECK(!small || size == 0);
  if (!small) FUZZ_CHECK(small.error().code() == Errc::malformed);

  // Oracle. The header is bounded at 2048 bytes and depth 4, the payload at
  // depth 32 (verifier.cc).
  bool ok = size <= kMaxSize;
  std::optional<std::string> header, payload;
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) ok = false;
  if (ok) {
    header = object_text(token.substr(0, first), 4, 2048);
    payload = object_text(token.substr(first + 1, second - first - 1), 32, kMaxSize);
    const auto sig = encoding::base64url_decode(token.substr(second + 1));
    ok = header && payload && sig && first > 0;
  }
  if (got.has_value() != ok) {
    std::fprintf(stderr, "inspect %s, oracle %s\n", got ? "accepted" : "refused", ok ? "accepts" : "refuses");
  }
  FUZZ_CHECK(got.has_value() == ok);
  if (got) {
    FUZZ_CHECK(got->header_json == *header);
    FUZZ_CHECK(got->payload_json == *payload);
  } else {
    FUZZ_CHECK(got.error().code() == Errc::malformed);
  }
  return 0;
}
