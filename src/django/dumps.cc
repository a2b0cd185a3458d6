// The free functions dumps/loads, Django's signing.dumps/loads.
//
// Why a cache: building a TimestampSigner derives the salted key and the HMAC
// midstates (three hash compressions) and allocates its state, which cost
// more than signing or verifying a short token. Callers of the free functions
// usually pass the same key and salt every time, so each thread keeps the
// last few signers it built and reuses one when key, salt, algorithm and
// clock are the same. Keys are compared in full, in constant time; the copies
// are SecretBytes (wiped when evicted or at thread exit). Calls with fallback
// keys are not cached.
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>

#include "signet/django.h"

namespace signet::django {
namespace {

constexpr std::size_t kCachedSigners = 4;

struct CachedSigner {
  SecretBytes key;
  std::string salt;
  Algorithm algorithm = Algorithm::sha256;
  const Clock* clock = nullptr;
  std::optional<TimestampSigner> signer;
};

struct SignerCache {
  std::array<CachedSigner, kCachedSigners> slots;
  std::size_t next = 0;  // round-robin eviction
};

// same_key compares two keys in constant time for their (public) length,
// eight bytes at a time: this runs on every call.
bool same_key(const SecretBytes& a, const SecretBytes& b) noexcept {
  if (a.size() != b.size()) return false;
  const std::uint8_t* x = a.bytes().data();
  const std::uint8_t* y = b.bytes().data();
  const std::size_t n = a.size();
  std::uint64_t diff = 0;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t u, v;
    std::memcpy(&u, x + i, 8);
    std::memcpy(&v, y + i, 8);
    diff |= u ^ v;
  }
  for (; i < n; ++i) diff |= static_cast<std::uint64_t>(x[i] ^ y[i]);
  // Fold to one bit without a data-dependent branch.
  return ((diff | (0 - diff)) >> 63) == 0;
}

// cached_signer returns this thread's TimestampSigner for the parameters,
// building it on a miss. Errors are those of TimestampSigner::create (never
// cached).
Result<const TimestampSigner*> cached_signer(const SecretBytes& key, std::string_view salt, Algorithm algorithm,
                                             const Clock& clock) {
  thread_local SignerCache cache;
  for (const CachedSigner& slot : cache.slots) {
    if (slot.signer && slot.clock == &clock && slot.algorithm == algorithm && slot.salt == salt &&
        same_key(slot.key, key)) {
      return &*slot.signer;
    }
  }
  SignerOptions signer_options;
  signer_options.salt = std::string(salt);
  signer_options.algorithm = algorithm;
  auto signer = TimestampSigner::create(key, signer_options, clock);
  if (!signer) return signer.error();
  CachedSigner& slot = cache.slots[cache.next];
  cache.next = (cache.next + 1) % kCachedSigners;
  slot.signer.reset();
  slot.key = key.clone();
  slot.salt = std::string(salt);
  slot.algorithm = algorithm;
  slot.clock = &clock;
  slot.signer.emplace(std::move(*signer));
  return &*slot.signer;
}

}  // namespace

Result<std::string> dumps(std::string_view json, const SecretBytes& key, const DumpsOptions& options) {
  auto signer = cached_signer(key, options.salt, options.algorithm,
                              options.clock ? *options.clock : SystemClock::instance());
  if (!signer) return signer.error();
  return (*signer)->sign_object(json, ObjectOptions{options.compress});
}

Result<std::string> loads(std::string_view token, const SecretBytes& key, const LoadsOptions& options) {
  const Clock& clock = options.clock ? *options.clock : SystemClock::instance();
  UnsignOptions unsign_options;
  unsign_options.max_age = options.max_age;
  unsign_options.max_future = options.max_future;
  unsign_options.max_inflate = options.max_inflate;
  unsign_options.revocation = options.revocation;
  if (options.fallback_keys.empty()) {
    auto signer = cached_signer(key, options.salt, options.algorithm, clock);
    if (!signer) return signer.error();
    return (*signer)->unsign_object(token, unsign_options);
  }
  SignerOptions signer_options;
  signer_options.salt = options.salt;
  signer_options.algorithm = options.algorithm;
  signer_options.fallback_keys.reserve(options.fallback_keys.size());
  for (const auto& k : options.fallback_keys) signer_options.fallback_keys.push_back(k.clone());
  auto signer = TimestampSigner::create(key, signer_options, clock);
  if (!signer) return signer.error();
  return signer->unsign_object(token, unsign_options);
}

Result<std::string> dumps(std::string_view json, const SecretBytes& key) {
  static const DumpsOptions defaults;
  return dumps(json, key, defaults);
}

Result<std::string> loads(std::string_view token, const SecretBytes& key) {
  static const LoadsOptions defaults;
  return loads(token, key, defaults);
}

}  // namespace signet::django
