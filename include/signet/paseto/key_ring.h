// signet/paseto/key_ring.h: a PASETO v4 key ring (signet/key_ring.h has the
// model).
//
// A ring holds keys of one purpose: k4.local keys (v4.local tokens), or
// k4.secret / k4.public keys (v4.public tokens; a k4.public key can only be
// verify-only). Ids are PASERK identifiers and are computed, never chosen:
// k4.lid for a local key, k4.pid (of the public half) for a public-purpose
// key. As PASERK specifies, tokens made through the ring carry the id in the
// footer, {"kid":"k4.lid.<...>"}, and the ring's verifier picks the key by
// that footer kid (a token without one fails with key_mismatch).
//
//   paseto::KeyRing ring;
//   ring.add(*paseto::LocalKey::generate());
//   auto token = ring.encrypt(claims);            // footer {"kid":"k4.lid..."}
//   auto reader = ring.verifier(policy);          // decrypts v4.local tokens
#ifndef SIGNET_PASETO_KEY_RING_H_
#define SIGNET_PASETO_KEY_RING_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "signet/clock.h"
#include "signet/key_ring.h"
#include "signet/paseto/claims.h"
#include "signet/paseto/keys.h"
#include "signet/paseto/policy.h"
#include "signet/paseto/v4.h"
#include "signet/result.h"

namespace signet::paseto {

// RingVerifier decrypts (local ring) or verifies (public ring) tokens with
// the key the footer's kid names. Order: the footer is read (unverified, as
// unverified_footer) and must be a JSON object with a string "kid" that names
// a key of the ring (else key_mismatch) -> the checks of Decryptor /
// Verifier with that key -> the key's state and not-after date: a token
// authenticated by a retired key or a key past its not-after date fails with
// Errc::revoked (only after its MAC or signature was checked). Immutable
// apart from its counters; safe to share between threads.
class RingVerifier {
 public:
  // verify checks `token`. Errors: those of Decryptor::decrypt /
  // Verifier::verify, plus key_mismatch (no or unknown footer kid) and revoked.
  Result<VerifiedToken> verify(std::string_view token, std::string_view implicit_assertion = {}) const;
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

// KeyRing holds the PASETO v4 keys of one issuer. A value type (keys are
// shared, immutable). Not safe to modify from several threads at once.
class KeyRing {
 public:
  KeyRing() = default;

  // parse reads a ring document with "format":"paseto" whose keys are PASERK
  // strings (k4.local, k4.secret, or k4.public for verify-only and retired
  // keys). Each id must be the key's PASERK id. Errors: those of the
  // document (key_ring.h), of the PASERK import (invalid_key, key_mismatch),
  // key_mismatch for keys of two purposes, malformed for an id that is not
  // the key's, invalid_key for an active k4.public key.
  static Result<KeyRing> parse(std::string_view document, std::size_t max_bytes = kMaxKeyRingFileSize);

  // serialize writes the ring document. IT CONTAINS EVERY SECRET KEY OF THE
  // RING: store it with mode 0600, never log it.
  std::string serialize() const;

  // add puts a key into the ring; options.id must be empty or the key's
  // PASERK id. A PublicKey can only be added verify-only. Errors:
  // key_mismatch (a key of the other purpose), invalid_argument (an id that
  // is not the key's, a key already in the ring, an active public key),
  // payload_too_large (256 keys).
  Status add(const LocalKey& key, const AddKeyOptions& options = {}, const Clock& clock = SystemClock::instance());
  Status add(const SecretKey& key, const AddKeyOptions& options = {}, const Clock& clock = SystemClock::instance());
  Status add(const PublicKey& key, const AddKeyOptions& options = {}, const Clock& clock = SystemClock::instance());
  // activate / retire as jwt::KeyRing (the active key cannot be retired; a
  // k4.public key cannot be activated: invalid_key).
  Status activate(std::string_view id);
  Status retire(std::string_view id);

  // list describes every key in ring order (algorithm "k4.local",
  // "k4.secret" or "k4.public"; thumbprint = the id).
  std::vector<KeyInfo> list() const;
  std::size_t size() const noexcept { return entries_.size(); }
  // purpose is the ring's purpose, nullopt while it is empty.
  std::optional<Purpose> purpose() const noexcept;

  // encrypt (local ring) and sign (public ring) issue a token with the
  // active key and the footer {"kid":"<id>"}. A footer in `options` must be
  // empty or a JSON object without "kid"; the kid is then added as its first
  // member. Errors: invalid_key (no usable active key), key_mismatch (the
  // ring has the other purpose), invalid_argument (a footer that is not a
  // JSON object, or already has a kid), and those of paseto::encrypt / sign.
  Result<std::string> encrypt(const Claims& claims, const TokenOptions& options = {},
                              const Clock& clock = SystemClock::instance()) const;
  Result<std::string> sign(const Claims& claims, const TokenOptions& options = {},
                           const Clock& clock = SystemClock::instance()) const;

  // verifier returns a RingVerifier over every key of the ring; `clock` must
  // outlive it. Errors: invalid_key (an empty ring).
  Result<RingVerifier> verifier(Policy policy, const Clock& clock = SystemClock::instance()) const;

 private:
  struct Entry {
    KeyInfo info;
    std::variant<LocalKey, SecretKey, PublicKey> key;
  };
  Status add_entry(Entry entry, const AddKeyOptions& options, const Clock& clock);
  Result<std::string> footer_with_kid(const Entry& active, const TokenOptions& options) const;
  std::vector<Entry> entries_;
};

}  // namespace signet::paseto

#endif  // SIGNET_PASETO_KEY_RING_H_
