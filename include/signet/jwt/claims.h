// signet/jwt/claims.h: building the claims of a token to sign.
#ifndef SIGNET_JWT_CLAIMS_H_
#define SIGNET_JWT_CLAIMS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "signet/clock.h"
#include "signet/result.h"

namespace signet::jwt {

// Claims collects a JWT claims set (RFC 7519 §4). Registered claims are typed
// setters; custom claims take a string, integer, double, bool or raw JSON.
// Member order is the order of the calls; setting a name again replaces its
// value in place. Errors (a custom claim that reuses a registered name, raw
// JSON that is not valid) are kept and reported by to_json().
class Claims {
 public:
  Claims& issuer(std::string_view iss);
  Claims& subject(std::string_view sub);
  // audience sets "aud" to one string; audiences() to an array.
  Claims& audience(std::string_view aud);
  Claims& audiences(const std::vector<std::string>& auds);
  // Times are written as integer NumericDate seconds (truncated toward zero).
  Claims& expires_at(UnixTime exp);
  Claims& not_before(UnixTime nbf);
  Claims& issued_at(UnixTime iat);
  Claims& jwt_id(std::string_view jti);

  // set adds a custom claim. Registered names (iss sub aud exp nbf iat jti)
  // are refused: use the typed setters.
  Claims& set(std::string_view name, std::string_view value);
  Claims& set(std::string_view name, const char* value) { return set(name, std::string_view(value)); }
  Claims& set(std::string_view name, std::int64_t value);
  Claims& set(std::string_view name, int value) { return set(name, static_cast<std::int64_t>(value)); }
  Claims& set(std::string_view name, double value);  // must be finite
  Claims& set(std::string_view name, bool value);
  // set_json adds a custom claim whose value is JSON text (any type).
  Claims& set_json(std::string_view name, std::string_view json);

  // from_json starts from a JSON object's members (e.g. claims read on
  // stdin). Registered claims in it must have their registered types.
  static Result<Claims> from_json(std::string_view json_object);

  // to_json returns the claims as compact JSON, or the first error recorded.
  Result<std::string> to_json() const;

 private:
  friend class Signer;
  Claims& put(std::string_view name, std::string_view json_value, bool registered, bool quote_value = false);
  Claims& put_string(std::string_view name, std::string_view text, bool registered);
  Claims& put_integer(std::string_view name, std::int64_t value, bool registered);
  void fail(Errc code, std::string_view detail);
  // The claims as one compact JSON object, kept complete after every call,
  // so that signing needs no further serialisation.
  std::string json_ = "{}";
  std::optional<Error> error_;
  // One bit per name hash of the members present: a clear bit proves a name
  // new without scanning json_ (all ones: unknown, always scan).
  std::uint64_t names_seen_ = 0;
};

}  // namespace signet::jwt

#endif  // SIGNET_JWT_CLAIMS_H_
