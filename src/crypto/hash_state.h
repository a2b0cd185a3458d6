// A copyable hash state over OpenSSL's low-level SHA contexts (see hash.cc
// for why the deprecated API is used). Private to src/crypto.
#ifndef SIGNET_SRC_CRYPTO_HASH_STATE_H_
#define SIGNET_SRC_CRYPTO_HASH_STATE_H_

#include <openssl/sha.h>

#include <cstddef>
#include <cstdint>

#include "crypto/constant_time.h"
#include "crypto/hash.h"

namespace signet::crypto {

std::size_t block_size(Hash h) noexcept;

struct HashState {
  Hash hash;
  union {
    SHA_CTX sha1;
    SHA256_CTX sha256;
    SHA512_CTX sha512;
  };
  void init(Hash h) noexcept;
  void update(const void* data, std::size_t len) noexcept;
  void final(std::uint8_t* out) noexcept;
  void wipe() noexcept { cleanse(this, sizeof(*this)); }
};

}  // namespace signet::crypto

#endif  // SIGNET_SRC_CRYPTO_HASH_STATE_H_
