// signet/paseto/claims.h: building the claims of a PASETO token, and the
// RFC 3339 times PASETO uses for exp, nbf and iat.
#ifndef SIGNET_PASETO_CLAIMS_H_
#define SIGNET_PASETO_CLAIMS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "signet/clock.h"
#include "signet/result.h"

namespace signet::paseto {

// format_rfc3339 writes `t` as "YYYY-MM-DDTHH:MM:SSZ", with a fraction of
// up to nine digits (trailing zeros dropped) when `t` is not a whole second.
// Fails with invalid_argument outside years 0000..9999.
Result<std::string> format_rfc3339(UnixTime t);

// parse_rfc3339 reads an RFC 3339 date-time (§5.6): "YYYY-MM-DDTHH:MM:SS",
// an optional fraction of any length (digits past the ninth are truncated),
// and "Z" or "+HH:MM"/"-HH:MM". "t" and "z" may be lower case, as RFC 3339
// allows. Refused with malformed: any other shape, an impossible date
// (2023-02-29), hour > 23, minute > 59, second > 59 (a leap second cannot be
// placed on the POSIX time line) and offsets beyond ±23:59.
Result<UnixTime> parse_rfc3339(std::string_view text);

// Claims collects a PASETO claims set (PASETO spec, "Registered Claims").
// Registered claims are typed setters; times are written as RFC 3339 strings
// in UTC, in whole seconds (truncated toward the past). Custom claims take a
// string, integer, double, bool or raw JSON. Member order is the order of the
// calls; setting a name again replaces its value in place. Errors (a custom
// claim that reuses a registered name, raw JSON that is not valid, a time out
// of range) are kept and reported by to_json().
class Claims {
 public:
  Claims& issuer(std::string_view iss);
  Claims& subject(std::string_view sub);
  // audience sets "aud" (PASETO's aud is one string).
  Claims& audience(std::string_view aud);
  Claims& expires_at(UnixTime exp);
  Claims& not_before(UnixTime nbf);
  Claims& issued_at(UnixTime iat);
  Claims& token_id(std::string_view jti);

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

  // has reports whether a claim of this name has been set.
  bool has(std::string_view name) const noexcept;

  // from_json starts from a JSON object's members (e.g. claims read on
  // stdin). Registered claims in it must have their registered types (strings;
  // exp, nbf and iat valid RFC 3339 times), else invalid_argument.
  static Result<Claims> from_json(std::string_view json_object);

  // to_json returns the claims as compact JSON, or the first error recorded.
  Result<std::string> to_json() const;

 private:
  Claims& put(std::string_view name, std::string json_value, bool registered);
  Claims& put_time(std::string_view name, UnixTime t);
  std::vector<std::pair<std::string, std::string>> members_;  // name, JSON text
  std::optional<Error> error_;
};

}  // namespace signet::paseto

#endif  // SIGNET_PASETO_CLAIMS_H_
