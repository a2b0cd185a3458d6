#include "crypto/constant_time.h"

#include <openssl/crypto.h>

namespace signet::crypto {

bool constant_time_equal(const void* a, const void* b, std::size_t len) noexcept {
  return len == 0 || CRYPTO_memcmp(a, b, len) == 0;
}

void cleanse(void* p, std::size_t len) noexcept {
  if (len != 0) OPENSSL_cleanse(p, len);
}

}  // namespace signet::crypto
