#include "crypto/random.h"

#include <climits>

#include <openssl/rand.h>

namespace signet::crypto {

Status random_bytes(std::span<std::uint8_t> out) noexcept {
  std::size_t done = 0;
  while (done < out.size()) {
    const std::size_t chunk = out.size() - done < INT_MAX ? out.size() - done : INT_MAX;
    if (RAND_bytes(out.data() + done, static_cast<int>(chunk)) != 1) {
      return Unexpected(Errc::backend_failure, "the system random generator failed");
    }
    done += chunk;
  }
  return {};
}

}  // namespace signet::crypto
