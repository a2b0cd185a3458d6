#include "crypto/constant_time.h"

#include <cstdint>
#include <cstring>

namespace signet::crypto {

// Word-at-a-time instead of CRYPTO_memcmp's byte loop: a 32-byte MAC is four
// XORs. Every byte is read whatever the data, the differences are only ever
// OR-ed together, and the final fold is arithmetic (no branch on it), so the
// time depends on `len` alone; tests/consttime checks this under valgrind.
bool constant_time_equal(const void* a, const void* b, std::size_t len) noexcept {
  const auto* x = static_cast<const unsigned char*>(a);
  const auto* y = static_cast<const unsigned char*>(b);
  std::uint64_t diff = 0;
  std::size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    std::uint64_t u;
    std::uint64_t v;
    std::memcpy(&u, x + i, 8);
    std::memcpy(&v, y + i, 8);
    diff |= u ^ v;
  }
  for (; i < len; ++i) diff |= static_cast<std::uint64_t>(x[i] ^ y[i]);
  // Hide the value from the optimiser, so that it cannot turn the fold (or
  // the loop above, knowing the result is a bool) into an early exit.
  __asm__("" : "+r"(diff));
  // (diff | -diff) has its top bit set exactly when diff != 0.
  return ((diff | (0 - diff)) >> 63) == 0;
}

// memset then a compiler barrier that claims to read the memory: the
// optimiser must assume the zeros are observed, so the store stays (the
// technique of BoringSSL's OPENSSL_cleanse). glibc's memset is much faster
// than a byte or word loop on the few hundred bytes of a hash state.
void cleanse(void* p, std::size_t len) noexcept {
  if (len == 0) return;
  std::memset(p, 0, len);
  __asm__ __volatile__("" : : "r"(p) : "memory");
}

}  // namespace signet::crypto
