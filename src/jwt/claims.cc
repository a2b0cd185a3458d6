#include "signet/jwt/claims.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>

#include "encoding/json.h"
#include "encoding/json_object.h"
#include "encoding/utf8.h"
#include "jwt/registered_claims.h"

namespace signet::jwt {

void Claims::fail(Errc code, std::string_view detail) {
  if (!error_) error_ = Error(code, detail);
}

namespace {

// The first member reserves room for a typical payload and the token signed
// from it (see Signer::sign(Claims&&)), so building and signing allocate once.
constexpr std::size_t kInitialCapacity = 256;

// plain reports whether `s` needs no JSON escaping, i.e. quoting it is just
// adding the two quotes.
bool plain(std::string_view s) noexcept {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == '"' || c == '\\') return false;
  }
  return true;
}

// kSpecial marks the bytes that make a text "not simple": below 0x20, '"',
// '\\', and 0x7F or above.
constexpr std::array<bool, 256> make_special() {
  std::array<bool, 256> t{};
  for (std::size_t c = 0; c < 256; ++c) t[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x7F;
  return t;
}
constexpr std::array<bool, 256> kSpecial = make_special();

// simple_text reports whether every byte of `s` is ASCII from 0x20 to 0x7E
// other than '"' and '\\': text that is valid UTF-8 and needs no escaping.
// false only means "look closer". Claim names and values are short, so a
// table lookup per byte (no branch per byte) beats word tricks here.
bool simple_text(std::string_view s) noexcept {
  bool special = false;
  for (char c : s) special |= kSpecial[static_cast<unsigned char>(c)];
  return !special;
}

}  // namespace

namespace {

// add_member inserts or replaces the member `wanted` (the name as it appears
// in the text) with `json_value` (quoted first when quote_value) in `json`.
// `names_seen` has one bit per name hash of the members present: a clear bit
// proves a name new without scanning the text.
void add_member(std::string& json, std::uint64_t& names_seen, std::string_view wanted, std::string_view json_value,
                bool quote_value) {
  // One of 64 bits for the name: a multiplicative hash of its length, first,
  // middle and last bytes (a collision only costs a scan, so a cheap hash
  // that separates typical names is enough).
  std::uint64_t key = wanted.size();
  if (!wanted.empty()) {
    key |= std::uint64_t{static_cast<unsigned char>(wanted[0])} << 16 |
           std::uint64_t{static_cast<unsigned char>(wanted[wanted.size() / 2])} << 24 |
           std::uint64_t{static_cast<unsigned char>(wanted.back())} << 32;
  }
  const std::uint64_t bit = std::uint64_t{1} << ((key * 0x9E3779B97F4A7C15ull) >> 58);
  if ((names_seen & bit) != 0) {
    std::size_t pos = 0;
    std::string_view raw_name, value;
    while (json::next_member(json, pos, raw_name, value)) {
      if (raw_name == wanted) {
        const auto at = static_cast<std::size_t>(value.data() - json.data());
        if (quote_value) json.replace(at, value.size(), json::quote(json_value));
        else json.replace(at, value.size(), json_value);
        return;
      }
    }
  }
  names_seen |= bit;
  // One resize, then the member is written in place over the closing brace:
  // [,]"name":[" ]value[" ]}
  const std::size_t old_size = json.size();
  const bool comma = old_size > 2;
  const std::size_t quotes = quote_value ? 2 : 0;
  const std::size_t added = (comma ? 1 : 0) + wanted.size() + 3 + json_value.size() + quotes;
  if (json.capacity() < old_size + added) json.reserve(std::max(kInitialCapacity, 2 * (old_size + added)));
  json.resize(old_size + added);
  char* w = json.data() + old_size - 1;  // the closing brace
  if (comma) *w++ = ',';
  *w++ = '"';
  std::memcpy(w, wanted.data(), wanted.size());
  w += wanted.size();
  *w++ = '"';
  *w++ = ':';
  if (quote_value) *w++ = '"';
  std::memcpy(w, json_value.data(), json_value.size());
  w += json_value.size();
  if (quote_value) *w++ = '"';
  *w = '}';
}

}  // namespace

// put inserts or replaces a member. Every value reaching here is already
// canonical compact JSON (quoted and UTF-8 checked, printed by to_chars, or
// canonicalised), or plain text to be quoted (quote_value), so json_ stays a
// valid object without re-validation. No temporary strings for plain names
// and values.
Claims& Claims::put(std::string_view name, std::string_view json_value, bool registered, bool quote_value) {
  if (!registered && detail::is_registered_claim(name)) {
    fail(Errc::invalid_argument, "a registered claim must be set with its typed setter");
    return *this;
  }
  // The typed setters pass their own literal (plain ASCII) names; in
  // canonical text a name that needs no escaping appears verbatim.
  if (registered || simple_text(name)) {
    add_member(json_, names_seen_, name, json_value, quote_value);
    return *this;
  }
  if (!encoding::is_valid_utf8(name)) {
    fail(Errc::invalid_argument, "a claim name is not valid UTF-8");
    return *this;
  }
  if (plain(name)) {
    add_member(json_, names_seen_, name, json_value, quote_value);
    return *this;
  }
  const std::string quoted_name = json::quote(name);
  add_member(json_, names_seen_, std::string_view(quoted_name).substr(1, quoted_name.size() - 2), json_value,
             quote_value);
  return *this;
}

Claims& Claims::put_string(std::string_view name, std::string_view text, bool registered) {
  if (simple_text(text)) return put(name, text, registered, /*quote_value=*/true);
  if (!encoding::is_valid_utf8(text)) {
    fail(Errc::invalid_argument, "a claim value is not valid UTF-8");
    return *this;
  }
  if (plain(text)) return put(name, text, registered, /*quote_value=*/true);
  return put(name, json::quote(text), registered);
}

namespace {

// kPairs holds "00" to "99", for writing two digits per division.
constexpr std::array<char, 200> make_pairs() {
  std::array<char, 200> t{};
  for (std::size_t i = 0; i < 100; ++i) {
    t[2 * i] = static_cast<char>('0' + i / 10);
    t[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return t;
}
constexpr std::array<char, 200> kPairs = make_pairs();

// decimal writes `value` in decimal at the end of `buf` (24 bytes) and
// returns the text: the same as std::to_chars, backwards, two digits at a
// time, without first counting the digits.
std::string_view decimal(std::int64_t value, char (&buf)[24]) noexcept {
  char* p = buf + sizeof buf;
  // The magnitude as unsigned, so that INT64_MIN needs no special case.
  std::uint64_t v = value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  while (v >= 100) {
    const std::uint64_t pair = v % 100;
    v /= 100;
    p -= 2;
    std::memcpy(p, kPairs.data() + 2 * pair, 2);
  }
  if (v >= 10) {
    p -= 2;
    std::memcpy(p, kPairs.data() + 2 * v, 2);
  } else {
    *--p = static_cast<char>('0' + v);
  }
  if (value < 0) *--p = '-';
  return std::string_view(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

}  // namespace

Claims& Claims::put_integer(std::string_view name, std::int64_t value, bool registered) {
  char buf[24];
  return put(name, decimal(value, buf), registered);
}

namespace {
std::int64_t seconds_of(UnixTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
}  // namespace

Claims& Claims::issuer(std::string_view iss) { return put_string("iss", iss, true); }
Claims& Claims::subject(std::string_view sub) { return put_string("sub", sub, true); }
Claims& Claims::audience(std::string_view aud) { return put_string("aud", aud, true); }
Claims& Claims::audiences(const std::vector<std::string>& auds) {
  std::string array = "[";
  for (const auto& aud : auds) {
    if (!encoding::is_valid_utf8(aud)) {
      fail(Errc::invalid_argument, "an audience is not valid UTF-8");
      return *this;
    }
    if (array.size() > 1) array.push_back(',');
    json::quote_append(aud, array);
  }
  array.push_back(']');
  return put("aud", array, true);
}
Claims& Claims::expires_at(UnixTime exp) { return put_integer("exp", seconds_of(exp), true); }
Claims& Claims::not_before(UnixTime nbf) { return put_integer("nbf", seconds_of(nbf), true); }
Claims& Claims::issued_at(UnixTime iat) { return put_integer("iat", seconds_of(iat), true); }
Claims& Claims::jwt_id(std::string_view jti) { return put_string("jti", jti, true); }

Claims& Claims::set(std::string_view name, std::string_view value) { return put_string(name, value, false); }
Claims& Claims::set(std::string_view name, std::int64_t value) { return put_integer(name, value, false); }
Claims& Claims::set(std::string_view name, bool value) { return put(name, value ? "true" : "false", false); }

Claims& Claims::set(std::string_view name, double value) {
  if (!std::isfinite(value)) {
    fail(Errc::invalid_argument, "a claim value must be a finite number");
    return *this;
  }
  // to_chars writes the shortest round-trip form ("1.5", "1e+16"), which
  // is always a valid JSON number for a finite double.
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  return put(name, std::string_view(buf, static_cast<std::size_t>(end - buf)), false);
}

Claims& Claims::set_json(std::string_view name, std::string_view json_text) {
  auto canonical = json::canonicalize(json_text, json::Style::compact, json::Limits{1u << 20, 32});
  if (!canonical) {
    fail(Errc::invalid_argument, "a claim value is not valid JSON");
    return *this;
  }
  return put(name, *canonical, false);
}

Result<Claims> Claims::from_json(std::string_view json_object) {
  Claims claims;
  claims.names_seen_ = ~std::uint64_t{0};  // names from text: always scan
  auto members = json::parse_object(json_object, claims.json_, 1u << 20, 32);
  if (!members) return Unexpected(Errc::invalid_argument, "the claims are not a JSON object");
  for (const auto& m : *members) {
    if (!detail::is_registered_claim(m.name)) continue;
    if (auto status = detail::check_registered_claim(m.name, m.value); !status) {
      return Unexpected(Errc::invalid_argument, status.error().detail());
    }
  }
  return claims;
}

Result<std::string> Claims::to_json() const {
  if (error_) return *error_;
  return json_;
}

}  // namespace signet::jwt
