// signet/key_ring.h: what every format's key ring shares (jwt::KeyRing,
// django::KeyRing, paseto::KeyRing).
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

#include "signet/bytes.h"
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

// key_ring_format returns the "format" of a ring document ("jwt", "django",
// "paseto"), so that a tool can tell which KeyRing::parse to call. The
// document is checked as strict JSON with the version and the members of
// key_ring.h; its keys are not imported. Errors as parse_ring: malformed,
// payload_too_large, unsupported.
Result<std::string> key_ring_format(std::string_view document, std::size_t max_bytes = kMaxKeyRingFileSize);

}  // namespace signet

#endif  // SIGNET_KEY_RING_H_
