#include "signet/paseto/claims.h"

#include <charconv>
#include <chrono>
#include <cmath>

#include "encoding/json.h"
#include "encoding/json_object.h"
#include "paseto/registered.h"

namespace signet::paseto {
namespace detail {
namespace {

Error claim_error(std::string_view name, std::string_view what) noexcept {
  char text[Error::kMaxDetail];
  std::size_t n = 0;
  for (std::string_view part : {std::string_view("claim \""), name.substr(0, 16), std::string_view("\" "), what}) {
    for (char c : part) {
      if (n < sizeof text) text[n++] = c;
    }
  }
  return Error(Errc::claim_mismatch, std::string_view(text, n));
}

bool is_time_claim(std::string_view name) noexcept { return name == "exp" || name == "nbf" || name == "iat"; }

}  // namespace

bool is_registered_claim(std::string_view name) noexcept {
  return name == "iss" || name == "sub" || name == "aud" || name == "exp" || name == "nbf" || name == "iat" ||
         name == "jti";
}

Result<UnixTime> claim_time(std::string_view name, std::string_view value) {
  // A present but unreadable time is an error, never "absent" (threat #28).
  if (json::type_of(value) != json::JsonType::string) return claim_error(name, "is not an RFC 3339 string");
  auto text = json::decode_string(value);
  if (!text) return claim_error(name, "is not a valid string");
  auto t = parse_rfc3339(*text);
  if (!t) return claim_error(name, "is not a valid RFC 3339 time");
  return *t;
}

Status check_registered_claim(std::string_view name, std::string_view value) {
  if (is_time_claim(name)) {
    auto t = claim_time(name, value);
    if (!t) return t.error();
    return {};
  }
  // iss, sub, aud and jti are strings in PASETO (aud is never an array).
  if (json::type_of(value) != json::JsonType::string) return claim_error(name, "is not a string");
  return {};
}

}  // namespace detail

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

Claims& Claims::put_time(std::string_view name, UnixTime t) {
  // Whole seconds, like JWT's NumericDate: shorter, and exact in every
  // peer's date type (JavaScript's Date keeps only milliseconds).
  auto text = format_rfc3339(std::chrono::floor<std::chrono::seconds>(t));
  if (!text) {
    if (!error_) error_ = text.error();
    return *this;
  }
  return put(name, json::quote(*text), true);
}

Claims& Claims::issuer(std::string_view iss) { return put("iss", json::quote(iss), true); }
Claims& Claims::subject(std::string_view sub) { return put("sub", json::quote(sub), true); }
Claims& Claims::audience(std::string_view aud) { return put("aud", json::quote(aud), true); }
Claims& Claims::expires_at(UnixTime exp) { return put_time("exp", exp); }
Claims& Claims::not_before(UnixTime nbf) { return put_time("nbf", nbf); }
Claims& Claims::issued_at(UnixTime iat) { return put_time("iat", iat); }
Claims& Claims::token_id(std::string_view jti) { return put("jti", json::quote(jti), true); }

Claims& Claims::set(std::string_view name, std::string_view value) { return put(name, json::quote(value), false); }
Claims& Claims::set(std::string_view name, std::int64_t value) { return put(name, std::to_string(value), false); }
Claims& Claims::set(std::string_view name, bool value) { return put(name, value ? "true" : "false", false); }

Claims& Claims::set(std::string_view name, double value) {
  if (!std::isfinite(value)) {
    if (!error_) error_ = Error(Errc::invalid_argument, "a claim value must be a finite number");
    return *this;
  }
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  // 32 bytes always hold the shortest round-trip form of a double.
  return put(name, std::string(buf, static_cast<std::size_t>(result.ptr - buf)), false);
}

Claims& Claims::set_json(std::string_view name, std::string_view json_text) {
  auto canonical = json::canonicalize(json_text, json::Style::compact, json::Limits{1u << 20, 32});
  if (!canonical) {
    if (!error_) error_ = Error(Errc::invalid_argument, "a claim value is not valid JSON");
    return *this;
  }
  return put(name, std::move(*canonical), false);
}

bool Claims::has(std::string_view name) const noexcept {
  for (const auto& member : members_) {
    if (member.first == name) return true;
  }
  return false;
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
  // UTF-8 JSON before anyone encrypts or signs it.
  if (auto ok = json::validate(out, json::Limits{std::size_t{1} << 24, 64}); !ok) {
    return Unexpected(Errc::invalid_argument, "the claims are not valid JSON (invalid UTF-8 in a string?)");
  }
  return out;
}

}  // namespace signet::paseto
