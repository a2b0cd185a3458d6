// Randomness from the operating system's CSPRNG (through OpenSSL).
#ifndef SIGNET_SRC_CRYPTO_RANDOM_H_
#define SIGNET_SRC_CRYPTO_RANDOM_H_

#include <span>
#include <cstdint>

#include "signet/result.h"

namespace signet::crypto {

// random_bytes fills `out`; fails with backend_failure if the CSPRNG cannot.
Status random_bytes(std::span<std::uint8_t> out) noexcept;

}  // namespace signet::crypto

#endif  // SIGNET_SRC_CRYPTO_RANDOM_H_
