// Message digests used by signet: the SHA-1 and SHA-2 families.
#ifndef SIGNET_SRC_CRYPTO_HASH_H_
#define SIGNET_SRC_CRYPTO_HASH_H_

#include <cstddef>
#include <cstdint>
#include <span>

namespace signet::crypto {

enum class Hash : std::uint8_t { sha1, sha224, sha256, sha384, sha512 };

// kMaxDigestSize is the largest digest any Hash produces (SHA-512).
inline constexpr std::size_t kMaxDigestSize = 64;

// digest_size returns the output length of `h` in bytes.
std::size_t digest_size(Hash h) noexcept;

// digest hashes the concatenation of `parts` into `out` (digest_size(h) bytes).
void digest(Hash h, std::span<const std::span<const std::uint8_t>> parts, std::uint8_t* out) noexcept;

}  // namespace signet::crypto

#endif  // SIGNET_SRC_CRYPTO_HASH_H_
