// The Django key ring: a ring of shared secrets (core/secret_ring.h) read as
// SECRET_KEY and SECRET_KEY_FALLBACKS.
#include "signet/django/key_ring.h"

#include <utility>

#include "core/key_ring_file.h"
#include "core/secret_ring.h"

namespace signet::django {
namespace {

constexpr std::string_view kFormat = "django";

}  // namespace

Result<KeyRing> KeyRing::parse(std::string_view document, std::size_t max_bytes) {
  auto entries = ring::parse_secret_ring(document, kFormat, max_bytes);
  if (!entries) return entries.error();
  KeyRing out;
  out.entries_ = std::move(*entries);
  return out;
}

std::string KeyRing::serialize() const { return ring::write_secret_ring(kFormat, entries_); }

Status KeyRing::add(const SecretBytes& secret, const AddKeyOptions& options, const Clock& clock) {
  return ring::add_secret(entries_, secret, options, clock);
}

Result<std::string> KeyRing::add_generated(const AddKeyOptions& options, const Clock& clock) {
  return ring::add_generated_secret(entries_, options, clock);
}

Status KeyRing::activate(std::string_view id) { return ring::activate(entries_, id); }
Status KeyRing::retire(std::string_view id) { return ring::retire(entries_, id); }

std::vector<KeyInfo> KeyRing::list() const { return ring::list_secrets(entries_); }

Result<KeyRing::RingKeys> KeyRing::keys(const Clock& clock) const {
  const UnixTime now = clock.now();
  auto active = ring::active_entry(entries_, now);
  if (!active) return active.error();
  return RingKeys{(*active)->secret.clone(), ring::usable_verify_only(entries_, now)};
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
