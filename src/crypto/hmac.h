// HMAC with the key schedule done once.
#ifndef SIGNET_SRC_CRYPTO_HMAC_H_
#define SIGNET_SRC_CRYPTO_HMAC_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "crypto/hash.h"

namespace signet::crypto {

// HmacKey holds the inner and outer hash states after absorbing the padded
// key (the "midstates"), so computing a MAC costs only the message blocks and
// two finalisations: no allocation, no algorithm fetch, no key schedule.
// Immutable after construction, hence safe to share between threads.
// The states are wiped on destruction.
class HmacKey {
 public:
  HmacKey(Hash h, std::span<const std::uint8_t> key) noexcept;
  ~HmacKey();
  HmacKey(const HmacKey&) = delete;
  HmacKey& operator=(const HmacKey&) = delete;

  Hash hash() const noexcept { return hash_; }
  std::size_t mac_size() const noexcept { return digest_size(hash_); }

  // mac computes HMAC over the concatenation of `parts` into `out` (mac_size() bytes).
  void mac(std::span<const std::span<const std::uint8_t>> parts, std::uint8_t* out) const noexcept;
  void mac(std::span<const std::uint8_t> message, std::uint8_t* out) const noexcept {
    mac(std::span<const std::span<const std::uint8_t>>(&message, 1), out);
  }

 private:
  struct States;
  Hash hash_;
  std::unique_ptr<States> states_;
};

// as_bytes views text as bytes.
inline std::span<const std::uint8_t> as_bytes(std::string_view s) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace signet::crypto

#endif  // SIGNET_SRC_CRYPTO_HMAC_H_
