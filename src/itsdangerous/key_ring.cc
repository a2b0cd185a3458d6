// The itsdangerous key ring: a ring of shared secrets (core/secret_ring.h)
// read as itsdangerous's oldest-first rotation list.
#include "signet/itsdangerous/key_ring.h"

#include <utility>

#include "core/key_ring_file.h"
#include "core/secret_ring.h"

namespace signet::itsdangerous {
namespace {

constexpr std::string_view kFormat = "itsdangerous";

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

Result<std::vector<SecretBytes>> KeyRing::keys(const Clock& clock) const {
  const UnixTime now = clock.now();
  auto active = ring::active_entry(entries_, now);
  if (!active) return active.error();
  // itsdangerous signs with the last key of its list: the active key goes last.
  std::vector<SecretBytes> out = ring::usable_verify_only(entries_, now);
  out.push_back((*active)->secret.clone());
  return out;
}

}  // namespace signet::itsdangerous
