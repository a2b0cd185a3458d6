// The primitives signet takes from libsodium: BLAKE2b, XChaCha20, Ed25519,
// X25519 and Argon2id (PASETO v4 and PASERK k4). This header and sodium.cc
// are the only places that know libsodium exists; <sodium.h> is included in
// sodium.cc alone.
//
// Every function initialises libsodium on first use (once, thread-safe) and
// reports a failure of that initialisation as backend_failure.
#ifndef SIGNET_SRC_CRYPTO_SODIUM_H_
#define SIGNET_SRC_CRYPTO_SODIUM_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>

#include "signet/result.h"

namespace signet::crypto::sodium {

inline constexpr std::size_t kXChaChaKeySize = 32;
inline constexpr std::size_t kXChaChaNonceSize = 24;
inline constexpr std::size_t kEd25519SeedSize = 32;
inline constexpr std::size_t kEd25519PublicKeySize = 32;
inline constexpr std::size_t kEd25519SecretKeySize = 64;  // seed || public key
inline constexpr std::size_t kEd25519SignatureSize = 64;
inline constexpr std::size_t kX25519KeySize = 32;
inline constexpr std::size_t kArgon2SaltSize = 16;

using Bytes = std::span<const std::uint8_t>;

// init initialises libsodium once per process; later calls are free.
// Fails with backend_failure when libsodium cannot initialise.
Status init() noexcept;

// blake2b writes BLAKE2b(key, parts[0] || parts[1] || ...) with an output of
// out.size() bytes (1..64) and a key of 0..64 bytes (empty = unkeyed).
// Fails with invalid_argument for sizes out of range.
Status blake2b(std::span<std::uint8_t> out, Bytes key, std::initializer_list<Bytes> parts) noexcept;

// Blake2bState is a BLAKE2b computation in progress, for callers that key a
// state once and copy it for every message (the copy skips the key setup).
// It is libsodium's state, opaque here; a keyed state holds key material and
// must be wiped (blake2b_wipe) when it is no longer needed.
struct alignas(64) Blake2bState {
  std::uint8_t opaque[384];
};

// blake2b_init starts a BLAKE2b computation with an output of out_size bytes
// (1..64) and a key of 0..64 bytes. Fails with invalid_argument for sizes out
// of range (the state is then unusable), backend_failure if libsodium cannot
// initialise.
Status blake2b_init(Blake2bState& state, std::size_t out_size, Bytes key) noexcept;
// blake2b_update absorbs `data`. Never fails on an initialised state.
void blake2b_update(Blake2bState& state, Bytes data) noexcept;
// blake2b_final writes the digest (out.size() must be the size given to
// blake2b_init) and wipes the state, which then must be initialised again.
// Fails with invalid_argument for a wrong output size.
Status blake2b_final(Blake2bState& state, std::span<std::uint8_t> out) noexcept;
// blake2b_wipe overwrites a state with zeros (never optimised away).
void blake2b_wipe(Blake2bState& state) noexcept;

// xchacha20_xor writes in XOR XChaCha20-keystream(key, nonce) to out
// (same size as in; out may equal in). key: 32 bytes, nonce: 24 bytes.
Status xchacha20_xor(std::span<std::uint8_t> out, Bytes in, Bytes nonce, Bytes key) noexcept;

// ed25519_keypair_from_seed derives the key pair of a 32-byte seed:
// public_key (32 bytes) and secret_key (64 bytes: seed || public key).
Status ed25519_keypair_from_seed(Bytes seed, std::span<std::uint8_t> public_key,
                                 std::span<std::uint8_t> secret_key) noexcept;

// ed25519_sign writes the 64-byte detached signature of message.
Status ed25519_sign(std::span<std::uint8_t> signature, Bytes message, Bytes secret_key) noexcept;

// ed25519_verify checks a detached signature. libsodium's rule: S must be
// canonical (< L), and small-order or non-canonical R and A are refused.
// Returns false for any mismatch or wrong length; never fails otherwise.
bool ed25519_verify(Bytes signature, Bytes message, Bytes public_key) noexcept;

// ed25519_public_to_x25519 / ed25519_secret_to_x25519 convert Ed25519 keys to
// their birationally equivalent X25519 keys (PASERK seal). The public
// conversion fails with invalid_key for a point that is not a valid Ed25519 key.
Status ed25519_public_to_x25519(std::span<std::uint8_t> x25519_public, Bytes ed25519_public) noexcept;
Status ed25519_secret_to_x25519(std::span<std::uint8_t> x25519_secret, Bytes ed25519_secret) noexcept;

// x25519_keypair makes a fresh ephemeral X25519 key pair.
Status x25519_keypair(std::span<std::uint8_t> public_key, std::span<std::uint8_t> secret_key) noexcept;

// x25519 computes the shared secret; fails with bad_signature when the result
// is all zeros (a low-order peer key), so a forged sealed key cannot force a
// known shared secret.
Status x25519(std::span<std::uint8_t> shared, Bytes secret_key, Bytes public_key) noexcept;

// argon2id derives out.size() bytes from password and a 16-byte salt with
// Argon2id v1.3, parallelism 1 (libsodium's only choice). memlimit is in
// bytes. Fails with invalid_argument for limits libsodium refuses and with
// backend_failure when the memory cannot be allocated.
Status argon2id(std::span<std::uint8_t> out, Bytes password, Bytes salt, std::uint64_t opslimit,
                std::uint64_t memlimit) noexcept;

}  // namespace signet::crypto::sodium

#endif  // SIGNET_SRC_CRYPTO_SODIUM_H_
