// HMAC (RFC 2104) over precomputed ipad/opad midstates; see hash.cc for why
// the low-level SHA contexts are used.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "crypto/hmac.h"

#include <cstring>

#include "crypto/constant_time.h"
#include "crypto/hash_state.h"

namespace signet::crypto {

struct HmacKey::States {
  HashState inner;
  HashState outer;
};

HmacKey::HmacKey(Hash h, std::span<const std::uint8_t> key) noexcept
    : hash_(h), states_(std::make_unique<States>()) {
  const std::size_t block = block_size(h);
  std::uint8_t padded[128] = {};
  // A key longer than the block is replaced by its digest (RFC 2104 §2).
  if (key.size() > block) {
    digest(h, std::span<const std::span<const std::uint8_t>>(&key, 1), padded);
  } else if (!key.empty()) {
    std::memcpy(padded, key.data(), key.size());
  }
  std::uint8_t pad[128];
  for (std::size_t i = 0; i < block; ++i) pad[i] = static_cast<std::uint8_t>(padded[i] ^ 0x36);
  states_->inner.init(h);
  states_->inner.update(pad, block);
  for (std::size_t i = 0; i < block; ++i) pad[i] = static_cast<std::uint8_t>(padded[i] ^ 0x5c);
  states_->outer.init(h);
  states_->outer.update(pad, block);
  cleanse(pad, sizeof pad);
  cleanse(padded, sizeof padded);
}

HmacKey::~HmacKey() {
  if (states_) cleanse(states_.get(), sizeof(States));
}

void HmacKey::mac(std::span<const std::span<const std::uint8_t>> parts, std::uint8_t* out) const noexcept {
  if (hash_ == Hash::sha256) {
    // HS256 and Django's default: the bare SHA-256 contexts, copied and
    // wiped at their own size rather than the whole HashState union (which
    // has room for SHA-512), and no dispatch per call.
    SHA256_CTX c = states_->inner.sha256;
    for (auto part : parts) SHA256_Update(&c, part.data(), part.size());
    std::uint8_t inner_digest[32];
    SHA256_Final(inner_digest, &c);
    c = states_->outer.sha256;
    SHA256_Update(&c, inner_digest, sizeof inner_digest);
    SHA256_Final(out, &c);
    cleanse(&c, sizeof c);
    cleanse(inner_digest, sizeof inner_digest);
    return;
  }
  HashState state = states_->inner;
  for (auto part : parts) state.update(part.data(), part.size());
  std::uint8_t inner_digest[kMaxDigestSize];
  state.final(inner_digest);
  state = states_->outer;
  state.update(inner_digest, digest_size(hash_));
  state.final(out);
  state.wipe();
  cleanse(inner_digest, sizeof inner_digest);
}

}  // namespace signet::crypto
