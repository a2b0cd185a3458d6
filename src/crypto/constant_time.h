// Constant-time primitives: MAC comparison and wiping of secrets.
#ifndef SIGNET_SRC_CRYPTO_CONSTANT_TIME_H_
#define SIGNET_SRC_CRYPTO_CONSTANT_TIME_H_

#include <cstddef>

namespace signet::crypto {

// constant_time_equal compares `len` bytes in time independent of their
// contents (it depends on `len` only). Never fails; len 0 compares equal.
bool constant_time_equal(const void* a, const void* b, std::size_t len) noexcept;

// cleanse overwrites `len` bytes with zeros; the write is never optimised away.
void cleanse(void* p, std::size_t len) noexcept;

}  // namespace signet::crypto

#endif  // SIGNET_SRC_CRYPTO_CONSTANT_TIME_H_
