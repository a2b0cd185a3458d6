// base64url: the decoder accepts exactly the canonical encodings.
//   1. decode(input) succeeds  =>  encode(decode(input)) == input
//      (canonical strictness: no two strings decode to the same bytes);
//   2. encode(input) always decodes back to input (nothing canonical is refused);
//   3. the pointer APIs write exactly the advertised sizes (the buffers are
//      heap blocks of exactly that size, so AddressSanitizer sees overruns);
//   4. the allocating and the pointer decoder agree.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "encoding/base64url.h"
#include "fuzz_util.h"

using namespace signet;
using signet::fuzz::as_bytes;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  // Decode the input as text.
  const auto decoded = encoding::base64url_decode(text);
  const auto decoded_size = encoding::base64url_decoded_size(text.size());
  if (decoded) {
    FUZZ_CHECK(decoded_size && *decoded_size == decoded->size());
    FUZZ_CHECK(encoding::base64url_encode(as_bytes(*decoded)) == text);
  }
  if (decoded_size) {
    const std::unique_ptr<std::uint8_t[]> out(new std::uint8_t[*decoded_size]);
    const Status st = encoding::base64url_decode(text, out.get());
    FUZZ_CHECK(st.has_value() == decoded.has_value());
    if (st) FUZZ_CHECK(std::string_view(reinterpret_cast<const char*>(out.get()), *decoded_size) == *decoded);
    else FUZZ_CHECK(st.error().code() == Errc::malformed);
  } else {
    FUZZ_CHECK(!decoded);
  }
  if (!decoded) FUZZ_CHECK(decoded.error().code() == Errc::malformed);

  // Encode the input as bytes, through each API.
  const std::size_t enc_size = encoding::base64url_encoded_size(size);
  const std::unique_ptr<char[]> enc(new char[enc_size]);
  encoding::base64url_encode(std::span<const std::uint8_t>(data, size), enc.get());
  const std::string_view encoded(enc.get(), enc_size);
  FUZZ_CHECK(encoding::base64url_encode(std::span<const std::uint8_t>(data, size)) == encoded);
  std::string appended = "prefix";
  encoding::base64url_encode_append(std::span<const std::uint8_t>(data, size), appended);
  FUZZ_CHECK(appended.substr(6) == encoded);
  for (char c : encoded) {
    FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
  }
  const auto back = encoding::base64url_decode(encoded);
  FUZZ_CHECK(back && *back == text);
  return 0;
}
