#include "signet/paseto/keys.h"

#include <algorithm>
#include <array>

#include "crypto/constant_time.h"
#include "crypto/random.h"
#include "crypto/sodium.h"
#include "encoding/base64url.h"
#include "paseto/internal.h"

namespace signet::paseto {
namespace {

struct TypeName {
  PaserkType type;
  std::string_view prefix;
};

// Longest names first is not needed: every prefix ends with '.', so no
// prefix is a prefix of another.
constexpr TypeName kTypes[] = {
    {PaserkType::local, "k4.local."},
    {PaserkType::public_key, "k4.public."},
    {PaserkType::secret, "k4.secret."},
    {PaserkType::lid, "k4.lid."},
    {PaserkType::pid, "k4.pid."},
    {PaserkType::sid, "k4.sid."},
    {PaserkType::local_wrap_pie, "k4.local-wrap.pie."},
    {PaserkType::secret_wrap_pie, "k4.secret-wrap.pie."},
    {PaserkType::seal, "k4.seal."},
    {PaserkType::local_pw, "k4.local-pw."},
    {PaserkType::secret_pw, "k4.secret-pw."},
};

std::shared_ptr<const SecretBytes> share(std::span<const std::uint8_t> bytes) {
  return std::make_shared<const SecretBytes>(bytes);
}

std::string encode_paserk(std::string_view prefix, std::span<const std::uint8_t> bytes) {
  std::string out(prefix);
  encoding::base64url_encode_append(bytes, out);
  return out;
}

}  // namespace

Result<PaserkType> paserk_type(std::string_view paserk) noexcept {
  for (const auto& t : kTypes) {
    if (paserk.substr(0, t.prefix.size()) == t.prefix) return t.type;
  }
  // "kN." with another version digit is a PASERK of a version signet does
  // not implement; anything else is not a PASERK at all.
  if (paserk.size() > 3 && paserk[0] == 'k' && paserk[1] >= '1' && paserk[1] <= '9' && paserk[1] != '4' &&
      paserk[2] == '.') {
    return Unexpected(Errc::unsupported, "only PASERK version k4 is supported");
  }
  return Unexpected(Errc::malformed, "not a PASERK k4 string");
}

std::string_view paserk_prefix(PaserkType type) noexcept {
  for (const auto& t : kTypes) {
    if (t.type == type) return t.prefix;
  }
  return {};
}

namespace detail {

Status decode_paserk_key(std::string_view paserk, std::string_view prefix, std::span<std::uint8_t> out) noexcept {
  if (paserk.substr(0, prefix.size()) != prefix) {
    return Unexpected(Errc::key_mismatch, "the PASERK is not of the expected version and type");
  }
  const std::string_view data = paserk.substr(prefix.size());
  const auto size = encoding::base64url_decoded_size(data.size());
  if (!size || *size != out.size()) return Unexpected(Errc::invalid_key, "the PASERK key has the wrong length");
  // Key bytes are secret (k4.local, k4.secret): decoded in constant time.
  if (!encoding::base64url_decode_secret(data, out.data())) {
    crypto::cleanse(out.data(), out.size());
    return Unexpected(Errc::invalid_key, "the PASERK key is not strict base64url");
  }
  return {};
}

std::string paserk_id(std::string_view id_prefix, std::string_view paserk) {
  // PASERK ID: h || base64url(BLAKE2b-264(h || PASERK)); 33 bytes encode to
  // 44 characters without padding.
  std::array<std::uint8_t, 33> digest{};
  if (!crypto::sodium::blake2b(digest, {}, {as_bytes(id_prefix), as_bytes(paserk)})) return {};
  return encode_paserk(id_prefix, digest);
}

}  // namespace detail

// ---------------------------------------------------------------- LocalKey

Result<LocalKey> LocalKey::generate() {
  std::array<std::uint8_t, kKeySize> bytes{};
  if (auto s = crypto::random_bytes(bytes); !s) return s.error();
  LocalKey key(share(bytes));
  crypto::cleanse(bytes.data(), bytes.size());
  return key;
}

Result<LocalKey> LocalKey::from_bytes(std::span<const std::uint8_t> bytes) {
  if (bytes.size() != kKeySize) return Unexpected(Errc::invalid_key, "a v4.local key is exactly 32 bytes");
  return LocalKey(share(bytes));
}

Result<LocalKey> LocalKey::from_paserk(std::string_view paserk) {
  std::array<std::uint8_t, kKeySize> bytes{};
  if (auto s = detail::decode_paserk_key(paserk, "k4.local.", bytes); !s) return s.error();
  LocalKey key(share(bytes));
  crypto::cleanse(bytes.data(), bytes.size());
  return key;
}

std::string LocalKey::to_paserk() const { return encode_paserk("k4.local.", bytes()); }

std::string LocalKey::id() const {
  std::string paserk = to_paserk();
  std::string id = detail::paserk_id("k4.lid.", paserk);
  secure_wipe(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(paserk.data()), paserk.size()));
  return id;
}

// ---------------------------------------------------------------- PublicKey

Result<PublicKey> PublicKey::from_bytes(std::span<const std::uint8_t> bytes) {
  if (bytes.size() != kKeySize) return Unexpected(Errc::invalid_key, "a v4.public key is exactly 32 bytes");
  PublicKey key;
  std::copy(bytes.begin(), bytes.end(), key.key_.begin());
  return key;
}

Result<PublicKey> PublicKey::from_paserk(std::string_view paserk) {
  PublicKey key;
  if (auto s = detail::decode_paserk_key(paserk, "k4.public.", key.key_); !s) return s.error();
  return key;
}

std::string PublicKey::to_paserk() const { return encode_paserk("k4.public.", key_); }

std::string PublicKey::id() const { return detail::paserk_id("k4.pid.", to_paserk()); }

// ---------------------------------------------------------------- SecretKey

Result<SecretKey> SecretKey::generate() {
  std::array<std::uint8_t, kKeySize> seed{};
  if (auto s = crypto::random_bytes(seed); !s) return s.error();
  auto key = from_seed(seed);
  crypto::cleanse(seed.data(), seed.size());
  return key;
}

Result<SecretKey> SecretKey::from_seed(std::span<const std::uint8_t> seed) {
  if (seed.size() != kKeySize) return Unexpected(Errc::invalid_key, "an Ed25519 seed is exactly 32 bytes");
  std::array<std::uint8_t, kSecretKeySize> secret{};
  PublicKey pub;
  if (auto s = crypto::sodium::ed25519_keypair_from_seed(seed, pub.key_, secret); !s) return s.error();
  SecretKey key(share(secret), pub);
  crypto::cleanse(secret.data(), secret.size());
  return key;
}

Result<SecretKey> SecretKey::from_bytes(std::span<const std::uint8_t> bytes) {
  if (bytes.size() != kSecretKeySize) {
    return Unexpected(Errc::invalid_key, "a v4.public secret key is exactly 64 bytes (seed || public key)");
  }
  auto key = from_seed(bytes.first(kKeySize));
  if (!key) return key.error();
  // The public half is not secret, so an ordinary comparison is fine.
  const auto given = bytes.subspan(kKeySize);
  if (!std::equal(given.begin(), given.end(), key->public_.key_.begin())) {
    return Unexpected(Errc::invalid_key, "the secret key's public half does not match its seed");
  }
  return key;
}

Result<SecretKey> SecretKey::from_paserk(std::string_view paserk) {
  std::array<std::uint8_t, kSecretKeySize> bytes{};
  if (auto s = detail::decode_paserk_key(paserk, "k4.secret.", bytes); !s) return s.error();
  auto key = from_bytes(bytes);
  crypto::cleanse(bytes.data(), bytes.size());
  return key;
}

PublicKey SecretKey::public_key() const { return public_; }

std::string SecretKey::to_paserk() const { return encode_paserk("k4.secret.", bytes()); }

std::string SecretKey::id() const {
  std::string paserk = to_paserk();
  std::string id = detail::paserk_id("k4.sid.", paserk);
  secure_wipe(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(paserk.data()), paserk.size()));
  return id;
}

// ---------------------------------------------------------------- WrappingKey

Result<WrappingKey> WrappingKey::generate() {
  std::array<std::uint8_t, kKeySize> bytes{};
  if (auto s = crypto::random_bytes(bytes); !s) return s.error();
  WrappingKey key(share(bytes));
  crypto::cleanse(bytes.data(), bytes.size());
  return key;
}

Result<WrappingKey> WrappingKey::from_bytes(std::span<const std::uint8_t> bytes) {
  if (bytes.size() != kKeySize) return Unexpected(Errc::invalid_key, "a k4 wrapping key is exactly 32 bytes");
  return WrappingKey(share(bytes));
}

}  // namespace signet::paseto
