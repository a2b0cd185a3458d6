// Why the low-level SHA*_CTX API: it is deprecated in OpenSSL 3 but it is
// the only one whose state is a plain struct that can be copied for free.
// HMAC with precomputed ipad/opad midstates (hmac.cc) copies such a state per
// token; EVP_MD_CTX_copy_ex costs an allocation and a provider round trip.
// This file and hmac.cc are the only users of the deprecated API.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "crypto/hash.h"

#include <openssl/sha.h>

#include "crypto/hash_state.h"

namespace signet::crypto {

std::size_t digest_size(Hash h) noexcept {
  switch (h) {
    case Hash::sha1: return 20;
    case Hash::sha224: return 28;
    case Hash::sha256: return 32;
    case Hash::sha384: return 48;
    case Hash::sha512: return 64;
  }
  return 0;
}

std::size_t block_size(Hash h) noexcept {
  switch (h) {
    case Hash::sha1:
    case Hash::sha224:
    case Hash::sha256: return 64;
    case Hash::sha384:
    case Hash::sha512: return 128;
  }
  return 0;
}

void HashState::init(Hash h) noexcept {
  hash = h;
  switch (h) {
    case Hash::sha1: SHA1_Init(&sha1); break;
    case Hash::sha224: SHA224_Init(&sha256); break;
    case Hash::sha256: SHA256_Init(&sha256); break;
    case Hash::sha384: SHA384_Init(&sha512); break;
    case Hash::sha512: SHA512_Init(&sha512); break;
  }
}

void HashState::update(const void* data, std::size_t len) noexcept {
  switch (hash) {
    case Hash::sha1: SHA1_Update(&sha1, data, len); break;
    case Hash::sha224: SHA224_Update(&sha256, data, len); break;
    case Hash::sha256: SHA256_Update(&sha256, data, len); break;
    case Hash::sha384: SHA384_Update(&sha512, data, len); break;
    case Hash::sha512: SHA512_Update(&sha512, data, len); break;
  }
}

void HashState::final(std::uint8_t* out) noexcept {
  switch (hash) {
    case Hash::sha1: SHA1_Final(out, &sha1); break;
    case Hash::sha224: SHA224_Final(out, &sha256); break;
    case Hash::sha256: SHA256_Final(out, &sha256); break;
    case Hash::sha384: SHA384_Final(out, &sha512); break;
    case Hash::sha512: SHA512_Final(out, &sha512); break;
  }
}

void digest(Hash h, std::span<const std::span<const std::uint8_t>> parts, std::uint8_t* out) noexcept {
  HashState state;
  state.init(h);
  for (auto part : parts) state.update(part.data(), part.size());
  state.final(out);
  state.wipe();
}

}  // namespace signet::crypto
