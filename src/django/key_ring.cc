// The Django key ring: a SecretKeyRing read as SECRET_KEY and
// SECRET_KEY_FALLBACKS.
#include "signet/django/key_ring.h"

#include <utility>

namespace signet::django {

Result<KeyRing> KeyRing::parse(std::string_view document, std::size_t max_bytes) {
  KeyRing out;
  if (auto st = out.load(document, max_bytes); !st) return st.error();
  return out;
}

Result<KeyRing::RingKeys> KeyRing::keys(const Clock& clock) const {
  auto usable = usable_keys(clock);
  if (!usable) return usable.error();
  return RingKeys{std::move(usable->active), std::move(usable->verify_only)};
}

Result<Signer> KeyRing::signer(SignerOptions options, const Clock& clock) const {
  auto k = keys(clock);
  if (!k) return k.error();
  options.fallback_keys = std::move(k->fallback_keys);
  return Signer::create(k->key, options);
}

Result<TimestampSigner> KeyRing::timestamp_signer(SignerOptions options, const Clock& clock) const {
  auto k = keys(clock);
  if (!k) return k.error();
  options.fallback_keys = std::move(k->fallback_keys);
  return TimestampSigner::create(k->key, options, clock);
}

}  // namespace signet::django
