// signet/key_ring.h: what every format's key ring shares (jwt::KeyRing,
// django::KeyRing, paseto::KeyRing, itsdangerous::KeyRing).
//
// A key ring holds the keys of one token format, each with an id and a state:
//   active       signs new tokens and verifies; exactly one when signing;
//   verify_only  verifies old tokens (or new ones, before it is published);
//   retired      kept in the ring for audit, never accepted again.
// A key may also carry a not-after date: after it the key no longer signs or
// verifies, whatever its state. Retiring is explicit: a key past its date
// stays in the ring until it is retired.
//
// Rings are saved as a versioned JSON document (docs/key-rings.md):
//   {"signet_key_ring":1,"format":"jwt","keys":[
//   {"id":"k1","state":"active","created":1764388800,"not_after":1767225600,"key":<key>}]}
// created and not_after are whole seconds since the epoch; <key> is a private
// JWK (jwt), a base64url secret (django) or a PASERK string (paseto). The
// document holds secrets: write it with mode 0600 and never print it.
#ifndef SIGNET_KEY_RING_H_
#define SIGNET_KEY_RING_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/result.h"

namespace signet {

// KeyState is the state of one key of a ring.
enum class KeyState : std::uint8_t { active, verify_only, retired };

// key_state_name returns the file spelling: "active", "verify" or "retired".
std::string_view key_state_name(KeyState state) noexcept;

// kMaxKeyRingFileSize caps a ring document before it is parsed (1 MiB);
// kMaxKeyRingKeys caps the number of keys in one ring.
inline constexpr std::size_t kMaxKeyRingFileSize = std::size_t{1} << 20;
inline constexpr std::size_t kMaxKeyRingKeys = 256;

// KeyInfo describes one key of a ring without its secret: what `list` shows.
struct KeyInfo {
  std::string id;
  KeyState state = KeyState::active;
  std::chrono::sys_seconds created{};
  std::optional<std::chrono::sys_seconds> not_after;
  // algorithm names the key's kind: its JWS alg ("ES256", "HS256"),
  // "secret" for a Django key, or "k4.local", "k4.secret", "k4.public".
  std::string algorithm;
  // thumbprint is public and safe to print: the RFC 7638 thumbprint of a JWT
  // public key, the PASERK id of a PASETO key; empty for shared secrets.
  std::string thumbprint;
};

// AddKeyOptions configures KeyRing::add.
struct AddKeyOptions {
  // id names the key. Empty: the format's default (a JWK thumbprint, a PASERK
  // id, or random hex). At most 256 printable ASCII characters.
  std::string id;
  // verify_only adds the key without making it active (pre-publication: the
  // verifiers learn the key before anything is signed with it). Otherwise the
  // new key becomes active and the previous active key becomes verify-only.
  bool verify_only = false;
  // not_after, when set, is the last second at which the key is used.
  std::optional<std::chrono::sys_seconds> not_after;
};

// RingStats counts what a ring verifier decided, since it was made: tokens
// accepted by the active key, accepted by a verify-only key (the "fallback
// use" to watch before retiring a key), and rejected with Errc::revoked
// because their key is retired or past its not-after date.
struct RingStats {
  std::uint64_t accepted_active = 0;
  std::uint64_t accepted_verify_only = 0;
  std::uint64_t rejected_retired = 0;
  std::uint64_t rejected_not_after = 0;
};

namespace detail {
// SecretKeyEntry is one key of a ring of shared secrets (django::KeyRing,
// itsdangerous::KeyRing); the rings keep them private.
struct SecretKeyEntry {
  KeyInfo info;
  SecretBytes secret;
};
}  // namespace detail

// SecretKeyRing is what django::KeyRing and itsdangerous::KeyRing share: a
// ring of shared secrets, saved with each secret as a base64url string. Each
// format derives from it and adds how its signers take the keys. Movable, not
// copyable (it owns secrets). Not safe to modify from several threads at once;
// signers made from it are independent of it.
class SecretKeyRing {
 public:
  // serialize writes the ring document. IT CONTAINS EVERY SECRET OF THE
  // RING: store it with mode 0600, never log it.
  std::string serialize() const;

  // add puts a copy of a secret into the ring (AddKeyOptions says as what;
  // the default id is random hex). Errors: invalid_key (empty secret),
  // invalid_argument (a bad or duplicate id, or a secret already in the
  // ring), payload_too_large (kMaxKeyRingKeys keys).
  Status add(const SecretBytes& secret, const AddKeyOptions& options = {}, const Clock& clock = SystemClock::instance());
  // add_generated adds a new secret from the OS CSPRNG: 50 characters of the
  // alphabet of Django's get_random_secret_key (about 282 bits), so that it
  // can also be pasted into settings.SECRET_KEY. Returns the key's id.
  // Errors: as add, and backend_failure if the CSPRNG fails.
  Result<std::string> add_generated(const AddKeyOptions& options = {}, const Clock& clock = SystemClock::instance());
  // activate makes a verify-only key active (the active key becomes
  // verify-only); retire retires a key (the active key cannot be retired).
  // Errors: invalid_argument (no such key, a retired key to activate, or the
  // active key to retire).
  Status activate(std::string_view id);
  Status retire(std::string_view id);

  // list describes every key in ring order (algorithm "secret", no
  // thumbprint: a hash of a secret that a person may have chosen is not
  // printed).
  std::vector<KeyInfo> list() const;
  std::size_t size() const noexcept { return entries_.size(); }

 protected:
  // `format` is the document's "format" member; it must be a string literal
  // (the ring keeps the view).
  explicit SecretKeyRing(std::string_view format) noexcept : format_(format) {}

  // load replaces the keys with those of a ring document of this format.
  // Errors: those of the document, and invalid_key for a key that is not
  // strict base64url or is empty.
  Status load(std::string_view document, std::size_t max_bytes);

  // UsableKeys is the active key and, in ring order, copies of the
  // verify-only keys not past their not-after date.
  struct UsableKeys {
    SecretBytes active;
    std::vector<SecretBytes> verify_only;
  };
  // usable_keys returns them at the clock's time. Errors: invalid_key (no
  // active key, or it is past its not-after date).
  Result<UsableKeys> usable_keys(const Clock& clock) const;

 private:
  std::string_view format_;
  std::vector<detail::SecretKeyEntry> entries_;
};

// key_ring_format returns the "format" of a ring document ("jwt", "django",
// "paseto"), so that a tool can tell which KeyRing::parse to call. The
// document is checked as strict JSON with the version and the members of
// key_ring.h; its keys are not imported. Errors as parse_ring: malformed,
// payload_too_large, unsupported.
Result<std::string> key_ring_format(std::string_view document, std::size_t max_bytes = kMaxKeyRingFileSize);

}  // namespace signet

#endif  // SIGNET_KEY_RING_H_
