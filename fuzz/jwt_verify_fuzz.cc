// jwt::Verifier::verify on untrusted tokens, with fixed keys of every
// algorithm (fuzz_keys.h): one Verifier per key under a lenient policy, and
// a KeySet of all keys under a strict policy.
//
// Two ways to read an input:
//   * a token as is (the corpus holds real tokens signed by PyJWT with the
//     same keys, so mutations start from valid ones);
//   * when the first byte is 0xFF (never part of a token): a forged token.
//     The next byte picks a key, the rest is "header JSON \0 payload" and the
//     harness signs it with that key, so header and payload parsing, crit /
//     b64 handling and the policy see fuzz-chosen JSON behind a valid
//     signature.
// Invariants: verify returns a documented verify error or a VerifiedToken,
// never crashes; a VerifiedToken has the verifier's algorithm, a claims_json
// object that validates and is canonical compact JSON, the payload bytes
// that were signed, and time claims the policy admits; the same token with
// one signature bit flipped fails with bad_signature; verifying twice gives
// the same result; inspect_unverified shows the same claims.
#include <cstddef>
#include <cstdint>
#include <string>

#include "encoding/base64url.h"
#include "encoding/json.h"
#include "jwt/key_data.h"
#include "jwt_fixture.h"

using namespace signet;
using signet::fuzz::as_bytes;

namespace {

bool any_verify_error(Errc c) noexcept {
  switch (c) {
    case Errc::malformed:
    case Errc::bad_signature:
    case Errc::key_mismatch:
    case Errc::unsupported:
    case Errc::expired:
    case Errc::not_yet_valid:
    case Errc::claim_mismatch:
    case Errc::bad_payload:
      return true;
    case Errc::payload_too_large:
    case Errc::invalid_key:
    case Errc::invalid_argument:
    case Errc::backend_failure:
    case Errc::revoked:  // no revocation list is configured here
      return false;
  }
  return false;
}

std::string forge(const fuzz::JwtKey& key, std::string_view header, std::string_view payload) {
  std::string token = encoding::base64url_encode(as_bytes(header));
  token.push_back('.');
  encoding::base64url_encode_append(as_bytes(payload), token);
  std::uint8_t sig[jwt::detail::kMaxSignatureSize];
  const auto n = jwt::detail::sign(key.data(), token, sig);
  FUZZ_CHECK(n.has_value());
  token.push_back('.');
  encoding::base64url_encode_append(std::span<const std::uint8_t>(sig, *n), token);
  return token;
}

// flip_signature_bit returns `token` with the lowest bit of the first
// signature byte flipped (the signature re-encoded canonically), or "" when
// the token has no decodable signature.
std::string flip_signature_bit(std::string_view token) {
  const std::size_t dot = token.rfind('.');
  if (dot == std::string_view::npos) return {};
  auto sig = encoding::base64url_decode(token.substr(dot + 1));
  if (!sig || sig->empty()) return {};
  (*sig)[0] = static_cast<char>((*sig)[0] ^ 1);
  std::string out(token.substr(0, dot + 1));
  encoding::base64url_encode_append(as_bytes(*sig), out);
  return out;
}

// check verifies `token` and checks the invariants; returns the claims of
// a verified token.
std::optional<std::string> check(const jwt::Verifier& verifier, std::string_view token,
                                 std::optional<jwt::Algorithm> key_alg, bool strict) {
  const auto got = verifier.verify(token);
  if (!got) {
    FUZZ_CHECK(any_verify_error(got.error().code()));
    const auto again = verifier.verify(token);
    FUZZ_CHECK(!again && again.error().code() == got.error().code());
    return std::nullopt;
  }
  const jwt::VerifiedToken& t = *got;
  if (key_alg) FUZZ_CHECK(t.algorithm() == *key_alg);
  // Claims: a canonical compact JSON object.
  const std::string claims(t.claims_json());
  FUZZ_CHECK(!claims.empty() && claims.front() == '{');
  FUZZ_CHECK(json::validate(claims));
  const auto canonical = json::canonicalize(claims, json::Style::compact);
  FUZZ_CHECK(canonical && *canonical == claims);
  FUZZ_CHECK(json::validate(t.header_json()));
  // payload_json is exactly the signed payload segment, decoded.
  const std::size_t first = token.find('.');
  const std::size_t second = token.find('.', first + 1);
  const auto payload = encoding::base64url_decode(token.substr(first + 1, second - first - 1));
  FUZZ_CHECK(payload && *payload == t.payload_json());
  const auto canonical_payload = json::canonicalize(t.payload_json(), json::Style::compact);
  FUZZ_CHECK(canonical_payload && *canonical_payload == claims);
  // Time claims are within the policy (leeway included).
  // In whole seconds: a NumericDate may lie beyond the nanosecond range.
  const std::chrono::sys_seconds now{std::chrono::seconds(fuzz::keys::kNow)};
  if (t.expires_at()) FUZZ_CHECK(now < *t.expires_at() + fuzz::kLeeway);
  if (t.not_before()) FUZZ_CHECK(now + fuzz::kLeeway >= *t.not_before());
  if (t.issued_at()) FUZZ_CHECK(now + fuzz::kLeeway >= *t.issued_at());
  if (strict) {
    FUZZ_CHECK(t.issuer() && *t.issuer() == "signet-fuzz");
    FUZZ_CHECK(t.subject() && *t.subject() == "user-2");
    bool aud = false;
    for (const auto& a : t.audiences()) aud = aud || a == "fuzz-aud";
    FUZZ_CHECK(aud && t.issued_at() && t.claim("jti"));
  }
  // Accessors agree with the claims.
  if (t.issuer()) FUZZ_CHECK(t.string_claim("iss") && *t.string_claim("iss") == *t.issuer());
  if (t.subject()) FUZZ_CHECK(t.string_claim("sub") && *t.string_claim("sub") == *t.subject());
  if (t.expires_at()) FUZZ_CHECK(t.int_claim("exp").has_value());
  // Deterministic.
  const auto again = verifier.verify(token);
  FUZZ_CHECK(again && again->claims_json() == claims);
  // The signature is really checked.
  const std::string flipped = flip_signature_bit(token);
  FUZZ_CHECK(!flipped.empty());
  const auto bad = verifier.verify(flipped);
  FUZZ_CHECK(!bad && bad.error().code() == Errc::bad_signature);
  return claims;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::JwtFixture& f = fuzz::jwt_fixture();
  std::string forged;
  std::string_view token = fuzz::as_text(data, size);
  if (size >= 2 && data[0] == 0xFF) {
    const fuzz::JwtKey& key = f.keys[data[1] % fuzz::kAlgorithmCount];
    const std::string_view rest = token.substr(2);
    const std::size_t nul = rest.find('\0');
    const std::string_view header = rest.substr(0, nul);
    const std::string_view payload = nul == std::string_view::npos ? std::string_view() : rest.substr(nul + 1);
    forged = forge(key, header, payload);
    token = forged;
  }
  std::optional<std::string> claims;
  for (const fuzz::JwtKey& key : f.keys) {
    if (auto c = check(*key.verifier, token, key.alg, false)) claims = std::move(c);
  }
  if (auto c = check(*f.strict, token, std::nullopt, true)) claims = std::move(c);
  // inspect_unverified agrees: a verified token is inspectable, with the
  // same claims.
  if (claims) {
    const auto inspected = jwt::inspect_unverified(token);
    FUZZ_CHECK(inspected && inspected->payload_json == *claims);
  }
  return 0;
}
