#include "signet/jwt/claims.h"

#include <charconv>
#include <chrono>
#include <cmath>

#include "encoding/json.h"
#include "encoding/json_object.h"
#include "jwt/registered_claims.h"

namespace signet::jwt {
namespace {

std::string numeric_date(UnixTime t) {
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

}  // namespace

Claims& Claims::put(std::string_view name, std::string json_value, bool registered) {
  if (!registered && detail::is_registered_claim(name)) {
    if (!error_) error_ = Error(Errc::invalid_argument, "a registered claim must be set with its typed setter");
    return *this;
  }
  for (auto& member : members_) {
    if (member.first == name) {
      member.second = std::move(json_value);
      return *this;
    }
  }
  members_.emplace_back(std::string(name), std::move(json_value));
  return *this;
}

Claims& Claims::issuer(std::string_view iss) { return put("iss", json::quote(iss), true); }
Claims& Claims::subject(std::string_view sub) { return put("sub", json::quote(sub), true); }
Claims& Claims::audience(std::string_view aud) { return put("aud", json::quote(aud), true); }
Claims& Claims::audiences(const std::vector<std::string>& auds) {
  std::string array = "[";
  for (const auto& aud : auds) {
    if (array.size() > 1) array.push_back(',');
    array += json::quote(aud);
  }
  array.push_back(']');
  return put("aud", std::move(array), true);
}
Claims& Claims::expires_at(UnixTime exp) { return put("exp", numeric_date(exp), true); }
Claims& Claims::not_before(UnixTime nbf) { return put("nbf", numeric_date(nbf), true); }
Claims& Claims::issued_at(UnixTime iat) { return put("iat", numeric_date(iat), true); }
Claims& Claims::jwt_id(std::string_view jti) { return put("jti", json::quote(jti), true); }

Claims& Claims::set(std::string_view name, std::string_view value) { return put(name, json::quote(value), false); }
Claims& Claims::set(std::string_view name, std::int64_t value) { return put(name, std::to_string(value), false); }
Claims& Claims::set(std::string_view name, bool value) { return put(name, value ? "true" : "false", false); }

Claims& Claims::set(std::string_view name, double value) {
  if (!std::isfinite(value)) {
    if (!error_) error_ = Error(Errc::invalid_argument, "a claim value must be a finite number");
    return *this;
  }
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  std::string text(buf, static_cast<std::size_t>(end - buf));
  // to_chars writes "1e+16"-style exponents and integers without a point,
  // both valid JSON numbers.
  (void)ec;
  return put(name, std::move(text), false);
}

Claims& Claims::set_json(std::string_view name, std::string_view json_text) {
  auto canonical = json::canonicalize(json_text, json::Style::compact, json::Limits{1u << 20, 32});
  if (!canonical) {
    if (!error_) error_ = Error(Errc::invalid_argument, "a claim value is not valid JSON");
    return *this;
  }
  return put(name, std::move(*canonical), false);
}

Result<Claims> Claims::from_json(std::string_view json_object) {
  std::string text;
  auto members = json::parse_object(json_object, text, 1u << 20, 32);
  if (!members) return Unexpected(Errc::invalid_argument, "the claims are not a JSON object");
  Claims claims;
  for (const auto& m : *members) {
    if (detail::is_registered_claim(m.name)) {
      if (auto status = detail::check_registered_claim(m.name, m.value); !status) {
        return Unexpected(Errc::invalid_argument, status.error().detail());
      }
    }
    claims.members_.emplace_back(m.name, std::string(m.value));
  }
  return claims;
}

Result<std::string> Claims::to_json() const {
  if (error_) return *error_;
  std::string out = "{";
  for (const auto& [name, value] : members_) {
    if (out.size() > 1) out.push_back(',');
    out += json::quote(name);
    out.push_back(':');
    out += value;
  }
  out.push_back('}');
  // Strings were given as raw text: make sure the whole object is valid
  // UTF-8 JSON before anyone signs it.
  if (auto ok = json::validate(out, json::Limits{std::size_t{1} << 24, 64}); !ok) {
    return Unexpected(Errc::invalid_argument, "the claims are not valid JSON (invalid UTF-8 in a string?)");
  }
  return out;
}

}  // namespace signet::jwt
