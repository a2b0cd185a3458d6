// signet/itsdangerous/key_ring.h: an itsdangerous key ring (signet/key_ring.h
// has the model).
//
// itsdangerous takes its keys as one rotation list, oldest first, and signs
// with the last; every key verifies. keys() turns the ring into that list:
// the verify-only keys (not past their not-after date) in ring order, then
// the active key. Tokens carry no key id, so a token signed with a retired
// key fails as bad_signature. Ids are names the user gives (or random hex).
//
//   itsdangerous::KeyRing ring;
//   ring.add(SecretBytes(old_secret), {.id = "2025"});
//   ring.add(SecretBytes(new_secret), {.id = "2026"});   // "2025" becomes verify-only
//   auto keys = ring.keys();                              // {old, new}: new signs
//   auto s = itsdangerous::URLSafeTimedSerializer::create(*keys);
#ifndef SIGNET_ITSDANGEROUS_KEY_RING_H_
#define SIGNET_ITSDANGEROUS_KEY_RING_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/key_ring.h"
#include "signet/result.h"

namespace signet::itsdangerous {

// KeyRing holds the secret keys of one itsdangerous deployment;
// SecretKeyRing (signet/key_ring.h) has add, add_generated, activate,
// retire, list and serialize. Movable, not copyable (it owns secrets). Not
// safe to modify from several threads at once.
class KeyRing : public SecretKeyRing {
 public:
  KeyRing() noexcept : SecretKeyRing("itsdangerous") {}

  // parse reads a ring document with "format":"itsdangerous" whose keys are
  // base64url strings (no padding). Errors: those of the document
  // (key_ring.h), and invalid_key for a key that is not strict base64url or
  // is empty.
  static Result<KeyRing> parse(std::string_view document, std::size_t max_bytes = kMaxKeyRingFileSize);

  // keys returns the rotation list for Signer, TimestampSigner and the
  // serializers, oldest first: the verify-only keys not past their not-after
  // date at the clock's time, in ring order, then the active key (which
  // signs). Errors: invalid_key (no active key, or it is past its date).
  Result<std::vector<SecretBytes>> keys(const Clock& clock = SystemClock::instance()) const;
};

}  // namespace signet::itsdangerous

#endif  // SIGNET_ITSDANGEROUS_KEY_RING_H_
