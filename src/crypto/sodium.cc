#include "crypto/sodium.h"

#include <sodium.h>

#include "crypto/constant_time.h"

namespace signet::crypto::sodium {
namespace {

Error not_initialised() noexcept { return Error(Errc::backend_failure, "libsodium could not be initialised"); }

}  // namespace

Status init() noexcept {
  // sodium_init is itself thread-safe and idempotent; the function-local
  // static just avoids calling into it on every operation.
  static const bool ok = sodium_init() >= 0;
  if (!ok) return not_initialised();
  return {};
}

Status blake2b(std::span<std::uint8_t> out, Bytes key, std::initializer_list<Bytes> parts) noexcept {
  if (auto s = init(); !s) return s;
  if (out.size() < crypto_generichash_BYTES_MIN || out.size() > crypto_generichash_BYTES_MAX ||
      key.size() > crypto_generichash_KEYBYTES_MAX) {
    return Unexpected(Errc::invalid_argument, "BLAKE2b output or key size out of range");
  }
  crypto_generichash_state state;
  if (crypto_generichash_init(&state, key.empty() ? nullptr : key.data(), key.size(), out.size()) != 0) {
    return Unexpected(Errc::backend_failure, "BLAKE2b init failed");
  }
  for (const Bytes& part : parts) {
    if (crypto_generichash_update(&state, part.data(), part.size()) != 0) {
      sodium_memzero(&state, sizeof state);
      return Unexpected(Errc::backend_failure, "BLAKE2b update failed");
    }
  }
  const int rc = crypto_generichash_final(&state, out.data(), out.size());
  // The state holds the key (or a key-derived block): wipe it.
  sodium_memzero(&state, sizeof state);
  if (rc != 0) return Unexpected(Errc::backend_failure, "BLAKE2b final failed");
  return {};
}

// Blake2bState stands in for crypto_generichash_blake2b_state, which sodium.h
// keeps out of the public view; the two must agree in size and alignment.
// The state functions call the blake2b functions directly (the generic
// crypto_generichash_* ones only forward to them).
static_assert(sizeof(Blake2bState) == sizeof(crypto_generichash_blake2b_state));
static_assert(alignof(Blake2bState) >= alignof(crypto_generichash_blake2b_state));

namespace {
crypto_generichash_blake2b_state* native(Blake2bState& state) noexcept {
  return reinterpret_cast<crypto_generichash_blake2b_state*>(state.opaque);
}
}  // namespace

Status blake2b_init(Blake2bState& state, std::size_t out_size, Bytes key) noexcept {
  if (auto s = init(); !s) return s;
  if (out_size < crypto_generichash_blake2b_BYTES_MIN || out_size > crypto_generichash_blake2b_BYTES_MAX ||
      key.size() > crypto_generichash_blake2b_KEYBYTES_MAX) {
    return Unexpected(Errc::invalid_argument, "BLAKE2b output or key size out of range");
  }
  if (crypto_generichash_blake2b_init(native(state), key.empty() ? nullptr : key.data(), key.size(), out_size) != 0) {
    blake2b_wipe(state);
    return Unexpected(Errc::backend_failure, "BLAKE2b init failed");
  }
  return {};
}

void blake2b_update(Blake2bState& state, Bytes data) noexcept {
  // libsodium's update cannot fail for a state that init accepted.
  (void)crypto_generichash_blake2b_update(native(state), data.data(), data.size());
}

Status blake2b_final(Blake2bState& state, std::span<std::uint8_t> out) noexcept {
  if (out.size() < crypto_generichash_blake2b_BYTES_MIN || out.size() > crypto_generichash_blake2b_BYTES_MAX) {
    blake2b_wipe(state);
    return Unexpected(Errc::invalid_argument, "BLAKE2b output size out of range");
  }
  const int rc = crypto_generichash_blake2b_final(native(state), out.data(), out.size());
  // The state ends holding the digest and a key-derived chain value.
  blake2b_wipe(state);
  if (rc != 0) return Unexpected(Errc::backend_failure, "BLAKE2b final failed");
  return {};
}

void blake2b_wipe(Blake2bState& state) noexcept { cleanse(&state, sizeof state); }

Status xchacha20_xor(std::span<std::uint8_t> out, Bytes in, Bytes nonce, Bytes key) noexcept {
  if (auto s = init(); !s) return s;
  if (out.size() != in.size() || nonce.size() != crypto_stream_xchacha20_NONCEBYTES ||
      key.size() != crypto_stream_xchacha20_KEYBYTES) {
    return Unexpected(Errc::invalid_argument, "XChaCha20 sizes are wrong");
  }
  if (in.empty()) return {};
  if (crypto_stream_xchacha20_xor(out.data(), in.data(), in.size(), nonce.data(), key.data()) != 0) {
    return Unexpected(Errc::backend_failure, "XChaCha20 failed");
  }
  return {};
}

Status ed25519_keypair_from_seed(Bytes seed, std::span<std::uint8_t> public_key,
                                 std::span<std::uint8_t> secret_key) noexcept {
  if (auto s = init(); !s) return s;
  if (seed.size() != crypto_sign_SEEDBYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES ||
      secret_key.size() != crypto_sign_SECRETKEYBYTES) {
    return Unexpected(Errc::invalid_argument, "Ed25519 key sizes are wrong");
  }
  if (crypto_sign_seed_keypair(public_key.data(), secret_key.data(), seed.data()) != 0) {
    return Unexpected(Errc::backend_failure, "Ed25519 key derivation failed");
  }
  return {};
}

Status ed25519_sign(std::span<std::uint8_t> signature, Bytes message, Bytes secret_key) noexcept {
  if (auto s = init(); !s) return s;
  if (signature.size() != crypto_sign_BYTES || secret_key.size() != crypto_sign_SECRETKEYBYTES) {
    return Unexpected(Errc::invalid_argument, "Ed25519 signature or key size is wrong");
  }
  if (crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret_key.data()) != 0) {
    return Unexpected(Errc::backend_failure, "Ed25519 signing failed");
  }
  return {};
}

bool ed25519_verify(Bytes signature, Bytes message, Bytes public_key) noexcept {
  if (!init()) return false;
  if (signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) return false;
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), public_key.data()) == 0;
}

Status ed25519_public_to_x25519(std::span<std::uint8_t> x25519_public, Bytes ed25519_public) noexcept {
  if (auto s = init(); !s) return s;
  if (x25519_public.size() != crypto_scalarmult_curve25519_BYTES || ed25519_public.size() != crypto_sign_PUBLICKEYBYTES) {
    return Unexpected(Errc::invalid_argument, "X25519/Ed25519 key sizes are wrong");
  }
  if (crypto_sign_ed25519_pk_to_curve25519(x25519_public.data(), ed25519_public.data()) != 0) {
    return Unexpected(Errc::invalid_key, "the Ed25519 public key is not a valid curve point");
  }
  return {};
}

Status ed25519_secret_to_x25519(std::span<std::uint8_t> x25519_secret, Bytes ed25519_secret) noexcept {
  if (auto s = init(); !s) return s;
  if (x25519_secret.size() != crypto_scalarmult_curve25519_BYTES || ed25519_secret.size() != crypto_sign_SECRETKEYBYTES) {
    return Unexpected(Errc::invalid_argument, "X25519/Ed25519 key sizes are wrong");
  }
  if (crypto_sign_ed25519_sk_to_curve25519(x25519_secret.data(), ed25519_secret.data()) != 0) {
    return Unexpected(Errc::backend_failure, "Ed25519 to X25519 conversion failed");
  }
  return {};
}

Status x25519_keypair(std::span<std::uint8_t> public_key, std::span<std::uint8_t> secret_key) noexcept {
  if (auto s = init(); !s) return s;
  if (public_key.size() != crypto_box_PUBLICKEYBYTES || secret_key.size() != crypto_box_SECRETKEYBYTES) {
    return Unexpected(Errc::invalid_argument, "X25519 key sizes are wrong");
  }
  if (crypto_box_keypair(public_key.data(), secret_key.data()) != 0) {
    return Unexpected(Errc::backend_failure, "X25519 key generation failed");
  }
  return {};
}

Status x25519(std::span<std::uint8_t> shared, Bytes secret_key, Bytes public_key) noexcept {
  if (auto s = init(); !s) return s;
  if (shared.size() != crypto_scalarmult_BYTES || secret_key.size() != crypto_scalarmult_SCALARBYTES ||
      public_key.size() != crypto_scalarmult_BYTES) {
    return Unexpected(Errc::invalid_argument, "X25519 sizes are wrong");
  }
  // crypto_scalarmult returns -1 when the result is the all-zero point.
  if (crypto_scalarmult(shared.data(), secret_key.data(), public_key.data()) != 0) {
    sodium_memzero(shared.data(), shared.size());
    return Unexpected(Errc::bad_signature, "the X25519 peer key has low order");
  }
  return {};
}

Status argon2id(std::span<std::uint8_t> out, Bytes password, Bytes salt, std::uint64_t opslimit,
                std::uint64_t memlimit) noexcept {
  if (auto s = init(); !s) return s;
  if (salt.size() != crypto_pwhash_SALTBYTES || out.size() < crypto_pwhash_BYTES_MIN ||
      password.size() > crypto_pwhash_PASSWD_MAX) {
    return Unexpected(Errc::invalid_argument, "Argon2id sizes are wrong");
  }
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_MAX ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_MAX) {
    return Unexpected(Errc::invalid_argument, "Argon2id limits are out of libsodium's range");
  }
  // libsodium's pwhash takes a char pointer for the password.
  const char* pw = reinterpret_cast<const char*>(password.data());
  if (crypto_pwhash(out.data(), out.size(), pw, password.size(), salt.data(), static_cast<unsigned long long>(opslimit),
                    static_cast<std::size_t>(memlimit), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Unexpected(Errc::backend_failure, "Argon2id failed (out of memory?)");
  }
  return {};
}

}  // namespace signet::crypto::sodium
