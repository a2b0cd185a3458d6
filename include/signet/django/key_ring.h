// signet/django/key_ring.h: a Django key ring (signet/key_ring.h has the
// model).
//
// Django tokens carry no key id, so a ring is what SECRET_KEY and
// SECRET_KEY_FALLBACKS (Django 4.1+) are: the active key signs, and the
// verify-only keys are tried after it, in ring order. Ids are names the user
// gives (or random hex); they never appear in tokens. A token signed with a
// retired key, or a key past its not-after date, fails as bad_signature:
// without a key id nothing tells it apart from a forgery.
//
//   django::KeyRing ring;
//   ring.add(SecretBytes(old_secret), {.id = "2025"});
//   ring.add(SecretBytes(new_secret), {.id = "2026"});   // "2025" becomes verify-only
//   auto signer = ring.timestamp_signer();                // signs with "2026", verifies both
#ifndef SIGNET_DJANGO_KEY_RING_H_
#define SIGNET_DJANGO_KEY_RING_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/django.h"
#include "signet/key_ring.h"
#include "signet/result.h"

namespace signet::django {

// KeyRing holds the secret keys of one Django deployment; SecretKeyRing
// (signet/key_ring.h) has add, add_generated, activate, retire, list and
// serialize. Movable, not copyable (it owns secrets). Not safe to modify
// from several threads at once; signers made from it are independent of it.
class KeyRing : public SecretKeyRing {
 public:
  KeyRing() noexcept : SecretKeyRing("django") {}

  // parse reads a ring document with "format":"django" whose keys are
  // base64url strings (no padding) of the secret bytes. Errors: those of the
  // document (key_ring.h), and invalid_key for a key that is not strict
  // base64url or is empty.
  static Result<KeyRing> parse(std::string_view document, std::size_t max_bytes = kMaxKeyRingFileSize);

  // RingKeys is the key and fallback keys for a Signer, TimestampSigner,
  // dumps or loads.
  struct RingKeys {
    SecretBytes key;
    std::vector<SecretBytes> fallback_keys;
  };
  // keys returns the active key and, in ring order, every verify-only key
  // not past its not-after date at the clock's time. Errors: invalid_key (no
  // active key, or it is past its not-after date).
  Result<RingKeys> keys(const Clock& clock = SystemClock::instance()) const;

  // signer / timestamp_signer build a Signer or TimestampSigner with
  // keys(clock): options.fallback_keys is replaced. The clock must outlive
  // the TimestampSigner. Errors: those of keys() and of Signer::create.
  Result<Signer> signer(SignerOptions options = {}, const Clock& clock = SystemClock::instance()) const;
  Result<TimestampSigner> timestamp_signer(SignerOptions options = {},
                                           const Clock& clock = SystemClock::instance()) const;
};

}  // namespace signet::django

#endif  // SIGNET_DJANGO_KEY_RING_H_
