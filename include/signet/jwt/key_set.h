// signet/jwt/key_set.h: a set of verification keys (a JWKS, RFC 7517 §5).
#ifndef SIGNET_JWT_KEY_SET_H_
#define SIGNET_JWT_KEY_SET_H_

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signet/jwt/algorithm.h"
#include "signet/jwt/keys.h"
#include "signet/result.h"

namespace signet::jwt {

// KeySetOptions controls JWKS import.
struct KeySetOptions {
  // bind_algorithm gives the algorithm of JWKs that have no "alg", by kid.
  // A JWK without "alg" and without a binding here is an error (or skipped
  // with skip_unusable), never guessed.
  std::map<std::string, Algorithm, std::less<>> bind_algorithm;
  // skip_unusable ignores keys signet cannot use for verification (unknown
  // kty or alg, "use" other than "sig", "key_ops" without "verify", missing
  // alg binding) instead of failing the whole import.
  bool skip_unusable = false;
  // allow_hmac admits "oct" keys (shared secrets). Off by default: a JWKS is
  // normally a public document.
  bool allow_hmac = false;
};

// KeySet holds verification keys and selects exactly one per token.
// Immutable and safe to share between threads.
class KeySet {
 public:
  // from_jwks parses a JWKS document ({"keys":[...]}; other top-level
  // members are ignored). Every key is imported as a verification key:
  // RSA/EC/OKP keys must be public — an entry with private members ("d",
  // "p", ..., "oth") is refused with invalid_key, since a published JWKS
  // must never carry a private key — and "oct" keys need allow_hmac. A JWK
  // without "alg" takes options.bind_algorithm[kid]. Fails with malformed
  // for bad JSON or a "keys" element that is not an object; with
  // invalid_key, unsupported, invalid_argument or key_mismatch for a key
  // that cannot be imported (as PublicKey::from_jwk; skipped instead with
  // skip_unusable); with invalid_argument for two keys with the same kid
  // (or both without kid) and the same alg. The result may be empty.
  static Result<KeySet> from_jwks(std::string_view jwks_json, const KeySetOptions& options = {});

  // from_keys builds a set from keys already parsed.
  static KeySet from_keys(std::vector<PublicKey> public_keys, std::vector<HmacKey> hmac_keys = {});

  // select returns the one key for a token's `kid` (nullopt when the token
  // has none) and `alg`. Only keys bound to `alg` are candidates. A token
  // with a kid matches the keys with exactly that kid (a key without kid
  // never matches it). A token without kid matches the keys without kid;
  // if there is none, every key of that alg. Exactly one key must match,
  // else key_mismatch. Never allocates.
  struct Selected {
    const PublicKey* public_key = nullptr;
    const HmacKey* hmac_key = nullptr;
  };
  Result<Selected> select(std::optional<std::string_view> kid, Algorithm alg) const noexcept;

  std::size_t size() const noexcept;
  // KeyId names one key of the set.
  struct KeyId {
    Algorithm alg;
    std::string kid;  // empty when the key has none
  };
  // key_ids lists the algorithm and kid of every key, in import order.
  std::vector<KeyId> key_ids() const;
  // to_jwks writes the public keys as a JWKS document; HMAC keys are never
  // written.
  std::string to_jwks() const;

  KeySet() = default;

 private:
  std::vector<PublicKey> public_keys_;
  std::vector<HmacKey> hmac_keys_;
};

}  // namespace signet::jwt

#endif  // SIGNET_JWT_KEY_SET_H_
