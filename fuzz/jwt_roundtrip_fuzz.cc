// jwt::Signer -> jwt::Verifier round trip with every algorithm's fixed key.
// The fuzz bytes pick a key and build a Claims set: registered claims
// through the typed setters (times the lenient policy admits), custom
// claims of every type (strings with any Unicode, integers, finite doubles,
// booleans, raw JSON), names repeated or reserved. Then:
//   * Claims::to_json() fails only when a custom claim reuses a registered
//     name or raw JSON is invalid, and then sign() fails with invalid_argument;
//   * otherwise sign() succeeds, verify() succeeds, payload_json() is
//     exactly to_json() and claims_json() is its canonical compact form;
//     the typed accessors give back what was set;
//   * sign_json(fuzz JSON) signs exactly the given text: verify (lenient
//     policy) never fails on the signature, and payload_json() is that text.
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "encoding/json.h"
#include "jwt_fixture.h"

using namespace signet;

namespace {

std::string name_of(fuzz::ByteReader& in) {
  static const char* const kNames[] = {"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "a", "b", "\xc3\xa9", "n"};
  const std::uint8_t b = in.u8();
  if (b < 0xC0) return kNames[b % (sizeof kNames / sizeof kNames[0])];
  return fuzz::utf8_text(in, 8);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::JwtFixture& f = fuzz::jwt_fixture();
  fuzz::ByteReader in(data, size);
  const fuzz::JwtKey& key = f.keys[in.below(fuzz::kAlgorithmCount)];
  const std::int64_t now = fuzz::keys::kNow;

  jwt::Claims claims;
  bool expect_error = false;
  std::optional<std::string> iss, sub;
  std::optional<std::int64_t> exp;
  const std::size_t ops = in.below(12);
  for (std::size_t i = 0; i < ops && !in.empty(); ++i) {
    switch (in.below(12)) {
      case 0: iss = fuzz::utf8_text(in); claims.issuer(*iss); break;
      case 1: sub = fuzz::utf8_text(in); claims.subject(*sub); break;
      case 2: claims.audience(fuzz::utf8_text(in)); break;
      case 3: {
        std::vector<std::string> auds(in.below(4));
        for (auto& a : auds) a = fuzz::utf8_text(in);
        claims.audiences(auds);
        break;
      }
      case 4:
        exp = now + 1 + static_cast<std::int64_t>(in.u8()) * 1000;
        claims.expires_at(UnixTime(std::chrono::seconds(*exp)));
        break;
      case 5: claims.not_before(UnixTime(std::chrono::seconds(now - in.u8()))); break;
      case 6: claims.issued_at(UnixTime(std::chrono::seconds(now - in.u8()))); break;
      case 7: claims.jwt_id(fuzz::utf8_text(in)); break;
      case 8: {
        const std::string name = name_of(in);
        if (jwt::Claims().set(name, "x").to_json().has_value() == false) expect_error = true;
        claims.set(name, std::string_view(fuzz::utf8_text(in)));
        break;
      }
      case 9: {
        const std::string name = name_of(in);
        if (!jwt::Claims().set(name, "x").to_json()) expect_error = true;
        if (in.boolean()) {
          claims.set(name, in.i64());
        } else {
          double d = 0;
          const std::uint64_t bits = in.u64();
          std::memcpy(&d, &bits, sizeof d);
          if (!std::isfinite(d)) expect_error = true;
          claims.set(name, d);
        }
        break;
      }
      case 10: {
        const std::string name = name_of(in);
        if (!jwt::Claims().set(name, "x").to_json()) expect_error = true;
        claims.set(name, in.boolean());
        break;
      }
      default: {
        const std::string name = name_of(in);
        const std::string_view raw = in.bytes(64);
        if (!jwt::Claims().set(name, "x").to_json()) expect_error = true;
        if (!json::validate(raw, json::Limits{1u << 20, 32})) expect_error = true;
        claims.set_json(name, raw);
        break;
      }
    }
  }

  const auto json_text = claims.to_json();
  const auto token = key.signer->sign(claims);
  if (expect_error) {
    FUZZ_CHECK(!json_text && json_text.error().code() == Errc::invalid_argument);
    FUZZ_CHECK(!token && token.error().code() == Errc::invalid_argument);
  } else {
    if (!json_text) {
      std::fprintf(stderr, "to_json failed: %.*s\n", static_cast<int>(json_text.error().detail().size()),
                   json_text.error().detail().data());
    }
    FUZZ_CHECK(json_text.has_value());
    FUZZ_CHECK(token.has_value());
    const auto verified = key.verifier->verify(*token);
    if (!verified) {
      std::fprintf(stderr, "verify failed: %.*s\n", static_cast<int>(verified.error().detail().size()),
                   verified.error().detail().data());
    }
    FUZZ_CHECK(verified.has_value());
    FUZZ_CHECK(verified->algorithm() == key.alg);
    FUZZ_CHECK(verified->payload_json() == *json_text);
    const auto canonical = json::canonicalize(*json_text, json::Style::compact);
    FUZZ_CHECK(canonical && verified->claims_json() == *canonical);
    if (iss) FUZZ_CHECK(verified->issuer() == iss);
    if (sub) FUZZ_CHECK(verified->subject() == sub);
    if (exp) FUZZ_CHECK(verified->expires_at() == std::chrono::sys_seconds(std::chrono::seconds(*exp)));
    if (key.hmac && (!key.hmac->kid().empty())) FUZZ_CHECK(verified->kid() == std::string(key.hmac->kid()));
    // Any other key of the same algorithm family refuses it.
    const fuzz::JwtKey& other = f.keys[(static_cast<std::size_t>(&key - f.keys.data()) + 1) % fuzz::kAlgorithmCount];
    FUZZ_CHECK(!other.verifier->verify(*token));
  }

  // sign_json with the remaining bytes as the payload.
  const std::string_view payload = in.rest();
  const auto signed_json = key.signer->sign_json(payload);
  const auto parsed = json::canonicalize(payload, json::Style::compact);
  if (!signed_json) {
    FUZZ_CHECK(!parsed || parsed->front() != '{');
  } else {
    FUZZ_CHECK(parsed && parsed->front() == '{');
    const auto verified = key.verifier->verify(*signed_json);
    if (verified) {
      FUZZ_CHECK(verified->payload_json() == payload);
      FUZZ_CHECK(verified->claims_json() == *parsed);
    } else {
      const Errc c = verified.error().code();
      // Signed by us: only the payload's claims can be refused.
      FUZZ_CHECK(c == Errc::expired || c == Errc::not_yet_valid || c == Errc::claim_mismatch ||
                 c == Errc::bad_payload || c == Errc::malformed);
    }
  }
  return 0;
}
