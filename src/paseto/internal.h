// Internals shared by the PASETO and PASERK sources (and the unit tests).
#ifndef SIGNET_SRC_PASETO_INTERNAL_H_
#define SIGNET_SRC_PASETO_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/sodium.h"
#include "signet/paseto/keys.h"
#include "signet/paseto/v4.h"
#include "signet/result.h"

namespace signet::paseto::detail {

inline constexpr std::string_view kLocalHeader = "v4.local.";
inline constexpr std::string_view kPublicHeader = "v4.public.";
inline constexpr std::size_t kNonceSize = 32;  // v4.local n
inline constexpr std::size_t kMacSize = 32;    // v4.local t
inline constexpr std::size_t kSignatureSize = 64;

// as_bytes / as_text view the same memory as the other type.
inline std::span<const std::uint8_t> as_bytes(std::string_view s) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_text(std::span<const std::uint8_t> b) noexcept {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// pae is PASETO's Pre-Authentication Encoding: LE64(count) and, for every
// piece, LE64(length) || piece, with the top bit of every LE64 cleared.
std::string pae(std::initializer_list<std::string_view> pieces);

// Parts of a token "h" "body" ["." "footer"], views into the token. Nothing
// has been decoded yet.
struct TokenParts {
  std::string_view body;    // base64url of the payload part
  std::string_view footer;  // base64url of the footer (may be empty)
};

// split_token checks the size cap, the exact header (key_mismatch for
// another version or purpose, malformed for anything that is no PASETO
// header), the part count, and the encoded footer size against
// max_footer_size (malformed), all without decoding.
Result<TokenParts> split_token(std::string_view token, std::string_view header, std::size_t max_token_size,
                               std::size_t max_footer_size) noexcept;

// encrypt_with_nonce is encrypt_message with a caller-chosen 32-byte nonce;
// the test vectors fix the nonce. Never use a nonce twice with one key.
Result<std::string> encrypt_with_nonce(const LocalKey& key, std::string_view payload, std::string_view footer,
                                       std::string_view implicit_assertion, std::span<const std::uint8_t> nonce);

// LocalSchedule is the per-key part of v4.local key derivation: two BLAKE2b
// states keyed with the key and holding their domain-separation prefix, so
// that each token only adds its nonce (spec §v4.Decrypt steps 4-5). A
// Decryptor prepares it once. It holds key material: wiped on destruction,
// never copied.
struct LocalSchedule {
  crypto::sodium::Blake2bState encryption;      // yields Ek || n2 (56 bytes)
  crypto::sodium::Blake2bState authentication;  // yields Ak (32 bytes)

  LocalSchedule() = default;
  LocalSchedule(const LocalSchedule&) = delete;
  LocalSchedule& operator=(const LocalSchedule&) = delete;
  ~LocalSchedule();
  // prepare keys both states; backend_failure if libsodium cannot initialise.
  Status prepare(const LocalKey& key) noexcept;
};

// open_local is decrypt_message writing into the caller's buffer: once the
// MAC has matched (so a rejected token allocates nothing), `buffer` is
// replaced by the payload followed by the footer, and `payload_size` tells
// where one ends. Errors as decrypt_message. The first form derives from a
// prepared schedule, the second from the key.
Status open_local(const LocalSchedule& schedule, std::string_view token, std::string_view implicit_assertion,
                  std::size_t max_token_size, std::size_t max_footer_size, std::string& buffer,
                  std::size_t& payload_size);
Status open_local(const LocalKey& key, std::string_view token, std::string_view implicit_assertion,
                  std::size_t max_token_size, std::size_t max_footer_size, std::string& buffer,
                  std::size_t& payload_size);
// open_public is verify_message writing as open_local does, once the
// signature has matched. Errors as verify_message.
Status open_public(const PublicKey& key, std::string_view token, std::string_view implicit_assertion,
                   std::size_t max_token_size, std::size_t max_footer_size, std::string& buffer,
                   std::size_t& payload_size);

// decode_paserk_key checks "<prefix><base64url>" and decodes exactly
// `size` bytes into `out`: key_mismatch when the prefix is another PASERK
// type or version, invalid_key for a bad encoding or length.
Status decode_paserk_key(std::string_view paserk, std::string_view prefix, std::span<std::uint8_t> out) noexcept;

// paserk_id computes "<id prefix>" || base64url(BLAKE2b-264(id prefix || paserk)).
std::string paserk_id(std::string_view id_prefix, std::string_view paserk);

// check_footer_rules applies the footer rules to authenticated footer bytes:
// a footer that starts with '{' must be a strict JSON object of at most
// max_depth nesting and max_keys members, whose "kid", if present, is a
// string that is not a PASERK key serialization (threat: key material in the
// footer). Fails with `code`.
Status check_footer_rules(std::string_view footer, std::size_t max_depth, std::size_t max_keys, Errc code);

}  // namespace signet::paseto::detail

#endif  // SIGNET_SRC_PASETO_INTERNAL_H_
