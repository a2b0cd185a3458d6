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
#include <string>
#include <string_view>
#include <vector>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/key_ring.h"
#include "signet/result.h"

namespace signet::itsdangerous {

// KeyRing holds the secret keys of one itsdangerous deployment. Movable, not
// copyable (it owns secrets). Not safe to modify from several threads at once.
class KeyRing {
 public:
  KeyRing() = default;

  // parse reads a ring document with "format":"itsdangerous" whose keys are
  // base64url strings (no padding). Errors: those of the document
  // (key_ring.h), and invalid_key for a key that is not strict base64url or
  // is empty.
  static Result<KeyRing> parse(std::string_view document, std::size_t max_bytes = kMaxKeyRingFileSize);

  // serialize writes the ring document. IT CONTAINS EVERY SECRET OF THE
  // RING: store it with mode 0600, never log it.
  std::string serialize() const;

  // add puts a secret into the ring (default id: random hex). Errors:
  // invalid_key (empty), invalid_argument (a bad or duplicate id, or a secret
  // already in the ring), payload_too_large (256 keys).
  Status add(const SecretBytes& secret, const AddKeyOptions& options = {}, const Clock& clock = SystemClock::instance());
  // add_generated adds 50 random characters from the OS CSPRNG (the alphabet
  // of Django's get_random_secret_key, about 282 bits) and returns the id.
  Result<std::string> add_generated(const AddKeyOptions& options = {}, const Clock& clock = SystemClock::instance());
  // activate / retire as jwt::KeyRing (the active key cannot be retired).
  Status activate(std::string_view id);
  Status retire(std::string_view id);

  // list describes every key in ring order (algorithm "secret", no thumbprint).
  std::vector<KeyInfo> list() const;
  std::size_t size() const noexcept { return entries_.size(); }

  // keys returns the rotation list for Signer, TimestampSigner and the
  // serializers, oldest first: the verify-only keys not past their not-after
  // date at the clock's time, in ring order, then the active key (which
  // signs). Errors: invalid_key (no active key, or it is past its date).
  Result<std::vector<SecretBytes>> keys(const Clock& clock = SystemClock::instance()) const;

 private:
  std::vector<detail::SecretKeyEntry> entries_;
};

}  // namespace signet::itsdangerous

#endif  // SIGNET_ITSDANGEROUS_KEY_RING_H_
