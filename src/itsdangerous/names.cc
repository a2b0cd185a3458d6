// The names itsdangerous (and hashlib) use for digests and key derivations.
#include "signet/itsdangerous.h"

namespace signet::itsdangerous {

Result<Digest> parse_digest(std::string_view name) noexcept {
  if (name == "sha1") return Digest::sha1;
  if (name == "sha224") return Digest::sha224;
  if (name == "sha256") return Digest::sha256;
  if (name == "sha384") return Digest::sha384;
  if (name == "sha512") return Digest::sha512;
  return Unexpected(Errc::invalid_argument, "unknown digest (expected sha1, sha224, sha256, sha384 or sha512)");
}

std::string_view digest_name(Digest d) noexcept {
  switch (d) {
    case Digest::sha1: return "sha1";
    case Digest::sha224: return "sha224";
    case Digest::sha256: return "sha256";
    case Digest::sha384: return "sha384";
    case Digest::sha512: return "sha512";
  }
  return "unknown";
}

Result<KeyDerivation> parse_key_derivation(std::string_view name) noexcept {
  if (name == "django-concat") return KeyDerivation::django_concat;
  if (name == "concat") return KeyDerivation::concat;
  if (name == "hmac") return KeyDerivation::hmac;
  if (name == "none") return KeyDerivation::none;
  return Unexpected(Errc::invalid_argument,
                    "unknown key derivation (expected django-concat, concat, hmac or none)");
}

std::string_view key_derivation_name(KeyDerivation k) noexcept {
  switch (k) {
    case KeyDerivation::django_concat: return "django-concat";
    case KeyDerivation::concat: return "concat";
    case KeyDerivation::hmac: return "hmac";
    case KeyDerivation::none: return "none";
  }
  return "unknown";
}

}  // namespace signet::itsdangerous
