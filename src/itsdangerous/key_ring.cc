// The itsdangerous key ring: a SecretKeyRing read as itsdangerous's
// oldest-first rotation list.
#include "signet/itsdangerous/key_ring.h"

#include <utility>

namespace signet::itsdangerous {

Result<KeyRing> KeyRing::parse(std::string_view document, std::size_t max_bytes) {
  KeyRing out;
  if (auto st = out.load(document, max_bytes); !st) return st.error();
  return out;
}

Result<std::vector<SecretBytes>> KeyRing::keys(const Clock& clock) const {
  auto usable = usable_keys(clock);
  if (!usable) return usable.error();
  // itsdangerous signs with the last key of its list: the active key goes last.
  std::vector<SecretBytes> out = std::move(usable->verify_only);
  out.push_back(std::move(usable->active));
  return out;
}

}  // namespace signet::itsdangerous
