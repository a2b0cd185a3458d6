// Strict, canonical base64url (RFC 4648 §5) without padding.
#ifndef SIGNET_SRC_ENCODING_BASE64URL_H_
#define SIGNET_SRC_ENCODING_BASE64URL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "signet/result.h"

namespace signet::encoding {

// base64url_encoded_size returns the length of the unpadded encoding of n bytes.
constexpr std::size_t base64url_encoded_size(std::size_t n) noexcept { return n / 3 * 4 + (n % 3 == 0 ? 0 : n % 3 + 1); }

// base64url_decoded_size returns the byte length that `encoded_len` characters
// decode to, or nullopt when no canonical encoding has that length (len % 4 == 1).
constexpr std::optional<std::size_t> base64url_decoded_size(std::size_t encoded_len) noexcept {
  if (encoded_len % 4 == 1) return std::nullopt;
  return encoded_len / 4 * 3 + (encoded_len % 4 == 0 ? 0 : encoded_len % 4 - 1);
}

// base64url_encode writes base64url_encoded_size(in.size()) characters to `out`.
void base64url_encode(std::span<const std::uint8_t> in, char* out) noexcept;
// base64url_encode appends the encoding of `in` to `out`.
void base64url_encode_append(std::span<const std::uint8_t> in, std::string& out);
// base64url_encode returns the encoding of `in`.
std::string base64url_encode(std::span<const std::uint8_t> in);

// base64url_decode decodes `in` into `out`, which must hold
// *base64url_decoded_size(in.size()) bytes. Only the canonical encoding is
// accepted: no padding, no whitespace, nothing outside A-Z a-z 0-9 - _, the
// unused low bits of the last character zero, length % 4 != 1. Fails with
// Errc::malformed; `out` may then have been partly written. Never allocates.
Status base64url_decode(std::string_view in, std::uint8_t* out) noexcept;
// base64url_is_canonical reports whether `in` is exactly what
// base64url_decode accepts, without decoding it. Never allocates.
bool base64url_is_canonical(std::string_view in) noexcept;

// base64url_decode returns the decoded bytes of `in` (same rules).
Result<std::string> base64url_decode(std::string_view in);

// Constant-time variants for secret material (key bytes, expected MACs). The
// functions above index a table with each character, which can leak the data
// through the cache; these compute every character arithmetically, without a
// secret-dependent branch or memory index (tests/consttime checks this under
// valgrind). Only lengths are treated as public.
//
// base64url_encode_secret is base64url_encode for secret bytes.
void base64url_encode_secret(std::span<const std::uint8_t> in, char* out) noexcept;
// base64url_decode_secret is base64url_decode for secret text (JWK "k" and
// "d", PASERK keys). It returns whether `in` was canonical; the result is
// the one value derived from the secret that callers branch on. `out` is
// always fully written and unspecified when false is returned.
bool base64url_decode_secret(std::string_view in, std::uint8_t* out) noexcept;
// base64url_matches_secret reports whether `text` is exactly the canonical
// encoding of `mac`, in time that depends only on the two lengths: how the
// Django and itsdangerous signers compare a token's signature text with the
// MAC they computed, without ever writing out the expected text.
bool base64url_matches_secret(std::span<const std::uint8_t> mac, std::string_view text) noexcept;

}  // namespace signet::encoding

#endif  // SIGNET_SRC_ENCODING_BASE64URL_H_
