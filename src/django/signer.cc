#include <array>

#include "crypto/constant_time.h"
#include "crypto/hash.h"
#include "crypto/hmac.h"
#include "django/object_codec.h"
#include "django/signer_impl.h"
#include "encoding/base64url.h"
#include "signet/django.h"

namespace signet::django {
namespace {

crypto::Hash hash_of(Algorithm a) noexcept {
  switch (a) {
    case Algorithm::sha1: return crypto::Hash::sha1;
    case Algorithm::sha224: return crypto::Hash::sha224;
    case Algorithm::sha256: return crypto::Hash::sha256;
    case Algorithm::sha384: return crypto::Hash::sha384;
    case Algorithm::sha512: return crypto::Hash::sha512;
  }
  return crypto::Hash::sha256;
}

// Django refuses a separator that matches re.match(r'^[A-z0-9-_=]*$', sep).
// `A-z` spans 0x41..0x7A, so it also covers [ \ ] ^ _ ` ; `$` also matches
// before one trailing newline. We refuse exactly the same set, so that any
// separator signet accepts is one Django accepts too.
bool is_unsafe_separator(std::string_view sep) noexcept {
  if (!sep.empty() && sep.back() == '\n') sep.remove_suffix(1);
  for (char c : sep) {
    const bool in_class = (c >= 'A' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '=';
    if (!in_class) return false;
  }
  return true;
}

// Django's salted_hmac: the HMAC key is H(salt || "signer" || secret).
std::unique_ptr<crypto::HmacKey> derive_key(Algorithm a, std::string_view salt, const SecretBytes& secret) {
  const crypto::Hash h = hash_of(a);
  std::array<std::uint8_t, crypto::kMaxDigestSize> derived{};
  const std::span<const std::uint8_t> parts[] = {crypto::as_bytes(salt), crypto::as_bytes("signer"),
                                                 secret.bytes()};
  crypto::digest(h, parts, derived.data());
  auto key = std::make_unique<crypto::HmacKey>(h, std::span<const std::uint8_t>(derived.data(), crypto::digest_size(h)));
  secure_wipe(derived);
  return key;
}

}  // namespace

Signer::Signer(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Signer::Signer(Signer&&) noexcept = default;
Signer& Signer::operator=(Signer&&) noexcept = default;
Signer::~Signer() = default;

Result<Signer> Signer::create(const SecretBytes& key, const SignerOptions& options) {
  if (key.empty()) return Unexpected(Errc::invalid_key, "the key is empty");
  for (const auto& fallback : options.fallback_keys) {
    if (fallback.empty()) return Unexpected(Errc::invalid_key, "a fallback key is empty");
  }
  const std::string_view salt = options.salt ? std::string_view(*options.salt) : kSignerSalt;
  if (salt.empty()) return Unexpected(Errc::invalid_argument, "the salt is empty (Django would silently use the default)");
  if (is_unsafe_separator(options.sep)) {
    return Unexpected(Errc::invalid_argument, "unsafe separator: it may not consist only of characters of [A-z0-9-_=]");
  }
  auto impl = std::make_unique<Impl>();
  impl->salt = std::string(salt);
  impl->sep = options.sep;
  impl->algorithm = options.algorithm;
  impl->signature_len = encoding::base64url_encoded_size(crypto::digest_size(hash_of(options.algorithm)));
  impl->keys.reserve(1 + options.fallback_keys.size());
  impl->keys.push_back(derive_key(options.algorithm, salt, key));
  for (const auto& fallback : options.fallback_keys) {
    impl->keys.push_back(derive_key(options.algorithm, salt, fallback));
  }
  return Signer(std::move(impl));
}

void Signer::Impl::append_signature(std::string& out) const {
  const std::size_t signed_len = out.size();
  out.resize(signed_len + sep.size() + signature_len);
  write_signature(std::string_view(out.data(), signed_len), out.data() + signed_len);
}

void Signer::Impl::write_signature(std::string_view signed_part, char* out) const noexcept {
  std::uint8_t mac[crypto::kMaxDigestSize];
  keys.front()->mac(crypto::as_bytes(signed_part), mac);
  sep.copy(out, sep.size());
  encoding::base64url_encode(std::span<const std::uint8_t>(mac, keys.front()->mac_size()), out + sep.size());
}

std::string Signer::sign(std::string_view value) const {
  std::string out;
  out.reserve(value.size() + impl_->sep.size() + impl_->signature_len);
  out.append(value);
  impl_->append_signature(out);
  return out;
}

namespace {

// rfind for the separator: a one-character separator (the default ':') is
// searched as a character, not by a memcmp at every position.
std::size_t find_separator(std::string_view text, std::string_view sep) noexcept {
  return sep.size() == 1 ? text.rfind(sep.front()) : text.rfind(sep);
}

// The errors of unsign are built once: an Error carries a 119-byte inline
// buffer, and filling it on every rejected token would make a rejection cost
// more than an acceptance.
const Error& bad_signature_error() noexcept {
  static const Error error(Errc::bad_signature, "signature does not match");
  return error;
}

const Error& no_separator_error() noexcept {
  static const Error error(Errc::malformed, "no separator found in the token");
  return error;
}

}  // namespace

Result<std::string_view> Signer::unsign(std::string_view token) const noexcept {
  const Impl& impl = *impl_;
  const std::string_view sep = impl.sep;
  const std::size_t signature_len = impl.signature_len;
  // Django splits at the last SEP, and only a signature of exactly
  // signature_len characters can match. So instead of scanning the token
  // backwards for SEP, look where it must be. This finds the same split
  // whenever a match is possible: a later SEP would have to end inside the
  // signature, and every SEP signet accepts holds a character outside the
  // base64url alphabet ([A-z0-9-_=] covers it; see is_unsafe_separator), so
  // that signature text would not decode and is refused below, exactly as the
  // shorter signature a backward scan would have found.
  const std::size_t tail = signature_len + sep.size();
  if (token.size() < tail || token.compare(token.size() - tail, sep.size(), sep) != 0) {
    // No SEP where it must be: either none at all, or one followed by a
    // signature of the wrong length, which Django refuses as well.
    if (find_separator(token, sep) == std::string_view::npos) return no_separator_error();
    return bad_signature_error();
  }
  const std::string_view value = token.substr(0, token.size() - tail);
  const std::string_view signature = token.substr(token.size() - signature_len);
  // Django compares the signature text, so any other encoding of the same
  // MAC (padding, '+' '/', other trailing bits) is refused, as here.
  // The presented signature is public, so it is decoded with the ordinary
  // table-driven decoder; the strict decoder accepts only the canonical
  // encoding, so "decodes to the MAC" is exactly Django's "equals the MAC's
  // text". The MAC itself is only ever compared in constant time.
  std::uint8_t presented[crypto::kMaxDigestSize];
  const bool canonical = encoding::base64url_decode(signature, presented).has_value();
  std::uint8_t mac[crypto::kMaxDigestSize];
  bool match = false;
  for (const auto& key : impl.keys) {
    key->mac(crypto::as_bytes(value), mac);
    // Every key is tried even after a match, so timing does not reveal
    // which key (main or fallback) signed the token.
    match |= crypto::constant_time_equal(mac, presented, key->mac_size());
  }
  match = match && canonical;
  crypto::cleanse(mac, sizeof mac);
  if (!match) return bad_signature_error();
  return value;
}

Result<std::string> Signer::sign_object(std::string_view json, const ObjectOptions& options) const {
  auto payload = detail::prepare_payload(json, options.compress);
  if (!payload) return payload.error();
  // One exact allocation, every part written in place.
  const std::size_t signed_len = detail::payload_text_size(*payload);
  std::string out(signed_len + impl_->sep.size() + impl_->signature_len, '\0');
  detail::write_payload_text(*payload, out.data());
  impl_->write_signature(std::string_view(out.data(), signed_len), out.data() + signed_len);
  return out;
}

Result<std::string> Signer::unsign_object(std::string_view token, std::size_t max_inflate) const {
  auto payload = unsign(token);
  if (!payload) return payload.error();
  return detail::decode_payload(*payload, max_inflate);
}

std::string_view Signer::salt() const noexcept { return impl_->salt; }
std::string_view Signer::sep() const noexcept { return impl_->sep; }
Algorithm Signer::algorithm() const noexcept { return impl_->algorithm; }

}  // namespace signet::django
