// PASETO v4 and PASERK k4 on untrusted input, with fixed keys (the official
// vectors' keys, so the seed corpus holds real tokens that decrypt).
//
// The first byte picks the mode; the rest is the input:
//   'v' (and any other byte): a token for decrypt_message / verify_message and
//       for a Decryptor / Verifier (lenient policy, fixed clock), with an
//       implicit assertion of "" and of the vectors' style;
//   0xFF: forged, "payload \0 footer \0 implicit": the harness encrypts and
//       signs it with the fixed keys, so the claims layer sees fuzz-chosen
//       payloads and footers behind a valid MAC / signature;
//   0xFE: a PASERK string for every parser and opener (password costs bounded
//       tightly so that Argon2id stays cheap);
//   0xFD: an RFC 3339 time.
// Invariants: nothing crashes and every error is a documented one;
// unverified_footer agrees with the footer of every token that decrypts; a token
// that verifies re-signs to exactly the same string (Ed25519 is
// deterministic and base64url canonical); a forged token round-trips at the
// message layer and, with one bit flipped, fails; a verified token's claims
// are canonical compact JSON; an accepted PASERK re-serialises to itself; an
// accepted time formats and parses back to the same instant.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "encoding/json.h"
#include "fuzz_util.h"
#include "signet/paseto.h"

using namespace signet;
using namespace signet::paseto;

namespace {

const LocalKey& local_key() {
  static const LocalKey key = [] {
    std::vector<std::uint8_t> k;
    for (std::uint8_t b = 0x70; b <= 0x8f; ++b) k.push_back(b);
    return *LocalKey::from_bytes(k);
  }();
  return key;
}

const SecretKey& secret_key() {
  static const SecretKey key = [] {
    std::vector<std::uint8_t> seed;
    for (std::uint8_t b = 0x70; b <= 0x8f; ++b) seed.push_back(b);
    return *SecretKey::from_seed(seed);
  }();
  return key;
}

const WrappingKey& wrapping_key() {
  static const WrappingKey key = *WrappingKey::from_bytes(std::vector<std::uint8_t>(32, 0x70));
  return key;
}

const FixedClock kClock = FixedClock::from_seconds(1600000000);

const Policy& lenient() {
  static const Policy p = *PolicyBuilder().allow_missing_exp().ignore_audience().leeway(kMaxLeeway).build();
  return p;
}

bool token_error(Errc c) noexcept {
  switch (c) {
    case Errc::malformed:
    case Errc::bad_signature:
    case Errc::key_mismatch:
    case Errc::expired:
    case Errc::not_yet_valid:
    case Errc::claim_mismatch:
    case Errc::bad_payload:
      return true;
    case Errc::unsupported:
    case Errc::payload_too_large:
    case Errc::invalid_key:
    case Errc::invalid_argument:
    case Errc::backend_failure:
    case Errc::revoked:  // no revocation list is configured here
      return false;
  }
  return false;
}

void check_verified(const Result<VerifiedToken>& t) {
  if (!t) {
    FUZZ_CHECK(token_error(t.error().code()));
    return;
  }
  auto canonical = json::canonicalize(t->payload_json(), json::Style::compact, json::Limits{1u << 20, 64});
  FUZZ_CHECK(canonical.has_value());
  FUZZ_CHECK(*canonical == t->claims_json());
}

void fuzz_token(std::string_view token) {
  static const Decryptor dec = std::move(*Decryptor::create(local_key(), lenient(), kClock));
  static const Verifier ver = std::move(*Verifier::create(secret_key().public_key(), lenient(), kClock));
  for (std::string_view implicit : {std::string_view(), std::string_view("{\"test-vector\":\"4-E-7\"}")}) {
    const auto footer = unverified_footer(token);
    if (!footer) FUZZ_CHECK(footer.error().code() == Errc::malformed || footer.error().code() == Errc::key_mismatch);
    auto m = decrypt_message(local_key(), token, implicit);
    if (!m) {
      FUZZ_CHECK(token_error(m.error().code()));
    } else {
      FUZZ_CHECK(token.substr(0, 9) == "v4.local.");
      FUZZ_CHECK(footer.has_value() && *footer == m->footer);
    }
    check_verified(dec.decrypt(token, implicit));

    auto p = verify_message(secret_key().public_key(), token, implicit);
    if (!p) {
      FUZZ_CHECK(token_error(p.error().code()));
    } else {
      auto again = sign_message(secret_key(), p->payload, p->footer, implicit);
      FUZZ_CHECK(again.has_value() && *again == token);
    }
    check_verified(ver.verify(token, implicit));
  }
}

void fuzz_forged(std::string_view input) {
  const std::size_t a = input.find('\0');
  const std::string_view payload = input.substr(0, a);
  std::string_view footer, implicit;
  if (a != std::string_view::npos) {
    const std::string_view rest = input.substr(a + 1);
    const std::size_t b = rest.find('\0');
    footer = rest.substr(0, b);
    if (b != std::string_view::npos) implicit = rest.substr(b + 1);
  }
  static const Decryptor dec = std::move(*Decryptor::create(local_key(), lenient(), kClock));
  static const Verifier ver = std::move(*Verifier::create(secret_key().public_key(), lenient(), kClock));
  auto local = encrypt_message(local_key(), payload, footer, implicit);
  auto pub = sign_message(secret_key(), payload, footer, implicit);
  if (footer.size() > kDefaultMaxFooterSize) {
    FUZZ_CHECK(!local && local.error().code() == Errc::invalid_argument);
    FUZZ_CHECK(!pub && pub.error().code() == Errc::invalid_argument);
    return;
  }
  FUZZ_CHECK(local.has_value() && pub.has_value());
  const std::size_t max_size = 1u << 20;
  auto m = decrypt_message(local_key(), *local, implicit, max_size);
  FUZZ_CHECK(m.has_value() && m->payload == payload && m->footer == footer);
  auto p = verify_message(secret_key().public_key(), *pub, implicit, max_size);
  FUZZ_CHECK(p.has_value() && p->payload == payload && p->footer == footer);
  check_verified(dec.decrypt(*local, implicit));
  check_verified(ver.verify(*pub, implicit));
  // One flipped bit anywhere after the header breaks the token.
  for (std::string* t : {&*local, &*pub}) {
    const std::size_t header = t->find('.', 3) + 1;
    std::string bad = *t;
    const std::size_t pos = header + (payload.size() + footer.size()) % (bad.size() - header);
    if (bad[pos] == '.') continue;
    bad[pos] = bad[pos] == 'A' ? 'B' : 'A';
    FUZZ_CHECK(!decrypt_message(local_key(), bad, implicit, max_size).has_value());
    FUZZ_CHECK(!verify_message(secret_key().public_key(), bad, implicit, max_size).has_value());
  }
}

void fuzz_paserk(std::string_view text) {
  (void)paserk_type(text);
  if (auto k = LocalKey::from_paserk(text)) FUZZ_CHECK(k->to_paserk() == text);
  if (auto k = PublicKey::from_paserk(text)) FUZZ_CHECK(k->to_paserk() == text);
  if (auto k = SecretKey::from_paserk(text)) FUZZ_CHECK(k->to_paserk() == text);
  (void)unwrap_local_pie(text, wrapping_key());
  (void)unwrap_secret_pie(text, wrapping_key());
  (void)unseal(text, secret_key());
  const PasswordLimits cheap{1u << 16, 1};
  (void)unwrap_local_password(text, "password", cheap);
  (void)unwrap_secret_password(text, "password", cheap);
}

void fuzz_time(std::string_view text) {
  auto t = parse_rfc3339(text);
  if (!t) return;
  auto formatted = format_rfc3339(*t);
  FUZZ_CHECK(formatted.has_value());
  auto back = parse_rfc3339(*formatted);
  FUZZ_CHECK(back.has_value() && *back == *t);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input = fuzz::as_text(data + 1, size - 1);
  switch (data[0]) {
    case 0xFF:
      fuzz_forged(input);
      break;
    case 0xFE:
      fuzz_paserk(input);
      break;
    case 0xFD:
      fuzz_time(input);
      break;
    default:
      fuzz_token(input);
      break;
  }
  return 0;
}
