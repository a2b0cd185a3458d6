// itsdangerous's Signer: value SEP base64url(HMAC-H(derived_key, value)).
#include <array>
#include <memory>
#include <vector>

#include "crypto/hash.h"
#include "crypto/hmac.h"
#include "encoding/base64url.h"
#include "signet/itsdangerous.h"

namespace signet::itsdangerous {
namespace {

crypto::Hash hash_of(Digest d) noexcept {
  switch (d) {
    case Digest::sha1: return crypto::Hash::sha1;
    case Digest::sha224: return crypto::Hash::sha224;
    case Digest::sha256: return crypto::Hash::sha256;
    case Digest::sha384: return crypto::Hash::sha384;
    case Digest::sha512: return crypto::Hash::sha512;
  }
  return crypto::Hash::sha1;
}

bool is_base64_char(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '=';
}

// itsdangerous refuses `sep in b"abc...XYZ0123456789-_="`, a *substring*
// test: it refuses "", "a", "ab", "9-", but accepts "za" or "aa", which can
// occur inside a signature and then break the split at the last separator.
// A separator is safe exactly when it has at least one byte outside that
// alphabet: signatures and timestamps never contain one, so the last
// occurrence of the separator is always the real one. Refusing every
// all-alphabet separator covers everything itsdangerous refuses and those
// broken cases, and nothing else.
bool is_unsafe_separator(std::string_view sep) noexcept {
  for (char c : sep) {
    if (!is_base64_char(c)) return false;
  }
  return true;
}

// derive_key turns one secret into the HMAC key, as itsdangerous's
// Signer.derive_key does for each key_derivation mode.
std::unique_ptr<crypto::HmacKey> derive_key(Digest d, KeyDerivation kd, std::string_view salt,
                                            const SecretBytes& secret) {
  const crypto::Hash h = hash_of(d);
  std::array<std::uint8_t, crypto::kMaxDigestSize> derived{};
  switch (kd) {
    case KeyDerivation::django_concat: {
      const std::span<const std::uint8_t> parts[] = {crypto::as_bytes(salt), crypto::as_bytes("signer"),
                                                     secret.bytes()};
      crypto::digest(h, parts, derived.data());
      break;
    }
    case KeyDerivation::concat: {
      const std::span<const std::uint8_t> parts[] = {crypto::as_bytes(salt), secret.bytes()};
      crypto::digest(h, parts, derived.data());
      break;
    }
    case KeyDerivation::hmac: {
      const crypto::HmacKey outer(h, secret.bytes());
      outer.mac(crypto::as_bytes(salt), derived.data());
      break;
    }
    case KeyDerivation::none:
      // The secret is the HMAC key; HmacKey applies RFC 2104's rule for keys
      // longer than a block, as Python's hmac does.
      return std::make_unique<crypto::HmacKey>(h, secret.bytes());
  }
  auto key = std::make_unique<crypto::HmacKey>(h, std::span<const std::uint8_t>(derived.data(), crypto::digest_size(h)));
  secure_wipe(derived);
  return key;
}

}  // namespace

struct Signer::Impl {
  std::string salt;
  std::string sep;
  Digest digest;
  KeyDerivation key_derivation;
  std::size_t signature_len;  // base64url characters of one MAC
  // The rotation list as given, oldest first; back() signs.
  std::vector<std::unique_ptr<crypto::HmacKey>> keys;
};

Signer::Signer(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Signer::Signer(Signer&&) noexcept = default;
Signer& Signer::operator=(Signer&&) noexcept = default;
Signer::~Signer() = default;

Result<Signer> Signer::create(std::span<const SecretBytes> keys, const SignerOptions& options) {
  if (keys.empty()) return Unexpected(Errc::invalid_key, "no key given");
  // itsdangerous would sign with an empty key; that is never intended.
  for (const auto& key : keys) {
    if (key.empty()) return Unexpected(Errc::invalid_key, "a key is empty");
  }
  if (is_unsafe_separator(options.sep)) {
    return Unexpected(Errc::invalid_argument,
                      "unsafe separator: it must contain a character outside A-Z a-z 0-9 - _ =");
  }
  auto impl = std::make_unique<Impl>();
  impl->salt = options.salt ? *options.salt : std::string(kSignerSalt);
  impl->sep = options.sep;
  impl->digest = options.digest;
  impl->key_derivation = options.key_derivation;
  impl->signature_len = encoding::base64url_encoded_size(crypto::digest_size(hash_of(options.digest)));
  impl->keys.reserve(keys.size());
  for (const auto& key : keys) {
    impl->keys.push_back(derive_key(options.digest, options.key_derivation, impl->salt, key));
  }
  return Signer(std::move(impl));
}

Result<Signer> Signer::create(const SecretBytes& key, const SignerOptions& options) {
  return create(std::span<const SecretBytes>(&key, 1), options);
}

std::string Signer::sign(std::string_view value) const {
  const crypto::HmacKey& newest = *impl_->keys.back();
  std::string out;
  out.reserve(value.size() + impl_->sep.size() + impl_->signature_len);
  out.append(value);
  out.append(impl_->sep);
  std::uint8_t mac[crypto::kMaxDigestSize];
  newest.mac(crypto::as_bytes(value), mac);
  encoding::base64url_encode_append(std::span<const std::uint8_t>(mac, newest.mac_size()), out);
  secure_wipe(mac);
  return out;
}

Result<std::string_view> Signer::unsign(std::string_view token) const noexcept {
  const std::size_t at = token.rfind(impl_->sep);
  if (at == std::string_view::npos) return Unexpected(Errc::malformed, "no separator found in the token");
  const std::string_view value = token.substr(0, at);
  const std::string_view signature = token.substr(at + impl_->sep.size());
  // itsdangerous decodes the signature leniently before comparing bytes, so
  // many strings verify for one MAC (padding, '+' '/', other spare bits,
  // stray characters). Comparing the canonical text instead accepts exactly
  // what itsdangerous writes and makes the token string a unique id.
  if (signature.size() != impl_->signature_len) {
    return Unexpected(Errc::bad_signature, "signature does not match");
  }
  std::uint8_t mac[crypto::kMaxDigestSize];
  bool match = false;
  // Newest to oldest as itsdangerous, but without stopping at a match, so
  // timing does not reveal which key signed the token.
  for (auto it = impl_->keys.rbegin(); it != impl_->keys.rend(); ++it) {
    (*it)->mac(crypto::as_bytes(value), mac);
    // The expected MAC is compared as text in constant time (no table).
    match |= encoding::base64url_matches_secret(std::span<const std::uint8_t>(mac, (*it)->mac_size()), signature);
  }
  secure_wipe(mac);
  if (!match) return Unexpected(Errc::bad_signature, "signature does not match");
  return value;
}

std::string_view Signer::salt() const noexcept { return impl_->salt; }
std::string_view Signer::sep() const noexcept { return impl_->sep; }
Digest Signer::digest() const noexcept { return impl_->digest; }
KeyDerivation Signer::key_derivation() const noexcept { return impl_->key_derivation; }
std::size_t Signer::key_count() const noexcept { return impl_->keys.size(); }

}  // namespace signet::itsdangerous
