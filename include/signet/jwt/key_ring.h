// signet/jwt/key_ring.h: a JWT key ring (signet/key_ring.h has the model).
//
// Ring ids are kids: every token signed through the ring carries the active
// key's id as its "kid" header, and the ring's verifier selects the key by
// that kid (a token without kid is refused). A ring may mix algorithms and
// HMAC with asymmetric keys; each key keeps the algorithm it was bound to.
//
//   jwt::KeyRing ring;
//   ring.add(*jwt::PrivateKey::generate(jwt::Algorithm::ES256));   // k1 active
//   auto signer = ring.signer();                                    // kid = k1
//   ring.add(*jwt::PrivateKey::generate(jwt::Algorithm::ES256));   // k2 active, k1 verify-only
//   auto verifier = ring.verifier(policy);                          // k1 and k2 tokens pass
//   ring.retire(k1_id);                                             // k1 tokens: Errc::revoked
#ifndef SIGNET_JWT_KEY_RING_H_
#define SIGNET_JWT_KEY_RING_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "signet/clock.h"
#include "signet/jwt/key_set.h"
#include "signet/jwt/keys.h"
#include "signet/jwt/policy.h"
#include "signet/jwt/signer.h"
#include "signet/jwt/verifier.h"
#include "signet/key_ring.h"
#include "signet/result.h"

namespace signet::jwt {

// RingVerifier verifies tokens with the non-retired keys of a ring, selected
// by kid, and keeps RingStats. Order: the checks of jwt::Verifier (over a
// KeySet of every key of the ring) -> the token must carry a kid -> the key's
// state and not-after date at the clock's time. A token whose signature
// verifies with a retired key, or with a key past its not-after date, is
// rejected with Errc::revoked (only after its signature was checked, so the
// code never answers an unauthenticated token); a kid the ring does not know
// fails with key_mismatch. Immutable apart from its counters; safe to share
// between threads.
class RingVerifier {
 public:
  // verify checks `token`. Errors: those of jwt::Verifier::verify, plus
  // key_mismatch (no kid) and revoked.
  Result<VerifiedToken> verify(std::string_view token) const;
  // stats returns the counters so far.
  RingStats stats() const noexcept;

  RingVerifier(RingVerifier&&) noexcept;
  RingVerifier& operator=(RingVerifier&&) noexcept;
  ~RingVerifier();

 private:
  friend class KeyRing;
  struct Impl;
  explicit RingVerifier(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

// KeyRing holds the keys of one JWT issuer. A value type: copying a ring
// shares the (immutable) keys. Not safe to modify from several threads at
// once; signers and verifiers made from it are independent of it.
class KeyRing {
 public:
  // An empty ring (no key: it can neither sign nor verify).
  KeyRing() = default;

  // parse reads a ring document with "format":"jwt" whose keys are JWKs:
  // private JWKs or "oct" JWKs (any state), or public JWKs (verify-only or
  // retired only). The JWK must carry its "alg". Each key's kid becomes the
  // entry's id. Errors: those of the document (key_ring.h: malformed,
  // payload_too_large, unsupported, key_mismatch), and of the key import
  // (invalid_key, unsupported, invalid_argument); an active public key is
  // invalid_key.
  static Result<KeyRing> parse(std::string_view document, std::size_t max_bytes = kMaxKeyRingFileSize);

  // from_jwks makes a verify-only ring from a published JWKS (a relying
  // party's ring): every key must have a kid, which becomes its id. The
  // created time is the clock's. Errors: those of KeySet::from_jwks, and
  // invalid_argument for a key without kid.
  static Result<KeyRing> from_jwks(std::string_view jwks, const KeySetOptions& options = {},
                                   const Clock& clock = SystemClock::instance());

  // serialize writes the ring document. IT CONTAINS EVERY SECRET AND PRIVATE
  // KEY OF THE RING: store it with mode 0600, never log it.
  std::string serialize() const;

  // add puts a key into the ring (AddKeyOptions says as what). The id is
  // options.id, else the key's own kid, else the RFC 7638 thumbprint for an
  // asymmetric key or random hex for an HMAC key; the stored key is rebound
  // to that kid. A public key can only be added verify-only. Errors:
  // invalid_argument (a bad or duplicate id; an active public key),
  // payload_too_large (256 keys), backend_failure (CSPRNG).
  Status add(const HmacKey& key, const AddKeyOptions& options = {}, const Clock& clock = SystemClock::instance());
  Status add(const PrivateKey& key, const AddKeyOptions& options = {}, const Clock& clock = SystemClock::instance());
  Status add(const PublicKey& key, const AddKeyOptions& options = {}, const Clock& clock = SystemClock::instance());

  // activate makes the verify-only key `id` active (after pre-publication);
  // the active key becomes verify-only. retire retires `id` (never the
  // active key). Errors: invalid_argument; a public key cannot be activated
  // (invalid_key).
  Status activate(std::string_view id);
  Status retire(std::string_view id);

  // list describes every key in ring order: id, state, dates, alg and the
  // thumbprint (empty for HMAC keys). No secret is in it.
  std::vector<KeyInfo> list() const;
  std::size_t size() const noexcept { return entries_.size(); }

  // signer returns a Signer with the active key; the "kid" header is the
  // key's id (options.kid must be unset or equal to it). Errors:
  // invalid_key (no active key, or it is past its not-after date at the
  // clock's time), invalid_argument.
  Result<Signer> signer(SignerOptions options = {}, const Clock& clock = SystemClock::instance()) const;

  // verifier returns a RingVerifier over every key of the ring. `clock` must
  // outlive it (it also decides not-after dates at each verify).
  Result<RingVerifier> verifier(Policy policy, const Clock& clock = SystemClock::instance()) const;

  // public_jwks returns {"keys":[...]} with the public JWK of every active and
  // verify-only asymmetric key not past its not-after date, in ring order;
  // never a private member. HMAC keys are secrets and are left out; a ring
  // with no public key to publish (an HMAC-only ring) fails with
  // invalid_argument rather than print an empty set that would kill every
  // token. Retired keys are left out: dropping a kid from the JWKS is what
  // withdraws its tokens from every relying party.
  Result<std::string> public_jwks(const Clock& clock = SystemClock::instance()) const;

 private:
  struct Entry {
    KeyInfo info;
    std::variant<HmacKey, PrivateKey, PublicKey> key;
  };
  Status add_entry(Entry entry, const AddKeyOptions& options, const Clock& clock);
  template <class Key>
  Status add_key(const Key& key, const AddKeyOptions& options, const Clock& clock);
  std::vector<Entry> entries_;
};

}  // namespace signet::jwt

#endif  // SIGNET_JWT_KEY_RING_H_
