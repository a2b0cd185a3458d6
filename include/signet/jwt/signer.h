// signet/jwt/signer.h: issuing JWS compact tokens.
#ifndef SIGNET_JWT_SIGNER_H_
#define SIGNET_JWT_SIGNER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "signet/jwt/claims.h"
#include "signet/jwt/keys.h"
#include "signet/result.h"

namespace signet::jwt {

// SignerOptions sets the protected header.
struct SignerOptions {
  // type is the "typ" header; "JWT" by default, nullopt to omit it.
  std::optional<std::string> type = std::string("JWT");
  // include_kid writes the key's kid (when it has one) as the "kid" header.
  bool include_kid = true;
  // kid, when set, is written as the "kid" header instead of the key's own
  // (at most 256 printable ASCII characters, else invalid_argument).
  std::optional<std::string> kid;
};

// Signer makes tokens with one key. The header is {"alg":..,"typ":..,"kid":..}
// and is built once. Immutable and safe to share between threads.
class Signer {
 public:
  static Result<Signer> create(HmacKey key, const SignerOptions& options = {});
  static Result<Signer> create(PrivateKey key, const SignerOptions& options = {});
  // A public key cannot sign: this overload exists only to say so.
  static Result<Signer> create(PublicKey key, const SignerOptions& options = {}) = delete;

  // sign returns header.payload.signature for `claims`. Fails with
  // invalid_argument when the claims hold an error, backend_failure when the
  // crypto library fails.
  Result<std::string> sign(const Claims& claims) const;
  // sign consuming a temporary builder: the token is written into the
  // builder's own buffer, so building claims and signing them makes one heap
  // allocation in all. Same result and errors as sign(const Claims&); the
  // builder is left empty.
  Result<std::string> sign(Claims&& claims) const;
  // sign_json signs a payload given as JSON object text (validated strictly;
  // signed exactly as given after validation).
  Result<std::string> sign_json(std::string_view payload_json) const;

  Signer(Signer&&) noexcept;
  Signer& operator=(Signer&&) noexcept;
  ~Signer();

 private:
  struct Impl;
  explicit Signer(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace signet::jwt

#endif  // SIGNET_JWT_SIGNER_H_
