// signet/nlohmann.h: optional adapter between signet's JSON text and
// nlohmann::json (Debian nlohmann-json3-dev). This is the only public header
// that includes a JSON library; include it only if you use nlohmann::json.
#ifndef SIGNET_NLOHMANN_H_
#define SIGNET_NLOHMANN_H_

#include <nlohmann/json.hpp>

#include <string>

#include "signet/jwt/claims.h"
#include "signet/jwt/verifier.h"
#include "signet/result.h"

namespace signet {

// to_json parses a verified token's claims into nlohmann::json (member order
// is nlohmann's: sorted). Never fails: the claims were validated strictly.
inline nlohmann::json to_json(const jwt::VerifiedToken& token) {
  return nlohmann::json::parse(token.claims_json(), nullptr, /*allow_exceptions=*/false);
}

// claims_from_json makes Claims from a JSON object. Registered claims must
// have their registered types (else invalid_argument), as Claims::from_json.
inline Result<jwt::Claims> claims_from_json(const nlohmann::json& object) {
  if (!object.is_object()) return Unexpected(Errc::invalid_argument, "the claims must be a JSON object");
  return jwt::Claims::from_json(object.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict));
}

}  // namespace signet

#endif  // SIGNET_NLOHMANN_H_
