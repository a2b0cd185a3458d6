// StateBoundSigner and state fingerprints: format, every input bound, the
// ambiguity that Django's password-reset MAC has and this one does not,
// boundaries, rotation, garbage, and a JWT refused after a password change.
#include "signet/state_bound.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "encoding/base64url.h"
#include "signet/django.h"
#include "signet/jwt.h"
#include "support/matchers.h"

namespace signet {
namespace {

using namespace std::chrono_literals;
using signet::testing::HasError;
using signet::testing::IsOk;

constexpr std::int64_t kNow = 1'700'000'000;
const SecretBytes& key() {
  static const SecretBytes k(std::string_view("0123456789abcdef0123456789abcdef-state"));
  return k;
}

StateBoundOptions opts(std::string purpose = "password-reset", std::chrono::seconds max_age = 3600s) {
  StateBoundOptions o;
  o.purpose = std::move(purpose);
  o.max_age = max_age;
  return o;
}

// The documented construction, recomputed with OpenSSL's one-shot HMAC and
// an independent PAE, must give the token's tag (and a fingerprint).
std::string pae(const std::vector<std::string>& pieces) {
  auto le64 = [](std::uint64_t n) {
    std::string out(8, '\0');
    for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
    return out;
  };
  std::string out = le64(pieces.size());
  for (const auto& p : pieces) out += le64(p.size()) + p;
  return out;
}

std::string hmac_sha256(std::string_view k, std::string_view m) {
  unsigned char out[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), k.data(), static_cast<int>(k.size()), reinterpret_cast<const unsigned char*>(m.data()), m.size(),
       out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string b64url(std::string_view bytes) {
  return encoding::base64url_encode(
      std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

TEST(StateBoundTest, TokenShapeAndRoundTrip) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  auto signer = StateBoundSigner::create(key(), opts(), clock);
  ASSERT_THAT(signer, IsOk());
  auto token = signer->sign("42", {"pbkdf2$hash", "2023-11-14 00:00:00"}, R"({"next":"/home"})");
  ASSERT_THAT(token, IsOk());
  // B64(payload) "." B62(1700000000) "." B64(32-byte tag)
  const auto dot1 = token->find('.');
  const auto dot2 = token->find('.', dot1 + 1);
  EXPECT_EQ(token->substr(0, dot1), b64url(R"({"next":"/home"})"));
  EXPECT_EQ(token->substr(dot1 + 1, dot2 - dot1 - 1), "1r31eq");  // Django's b62 of 1700000000
  EXPECT_EQ(token->size() - dot2 - 1, 43u);
  auto verified = signer->verify(*token, "42", {"pbkdf2$hash", "2023-11-14 00:00:00"});
  ASSERT_THAT(verified, IsOk());
  EXPECT_EQ(verified->payload, R"({"next":"/home"})");
  EXPECT_EQ(verified->issued_at, kNow);
  // Empty payload and empty state are fine.
  auto bare = signer->sign("42", std::span<const std::string_view>{});
  ASSERT_THAT(bare, IsOk());
  EXPECT_EQ(bare->front(), '.');
  EXPECT_THAT(signer->verify(*bare, "42", std::span<const std::string_view>{}), IsOk());
}

TEST(StateBoundTest, TagIsTheSpecifiedHmac) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  auto signer = StateBoundSigner::create(key(), opts("email-confirm"), clock).value();
  const std::string token = signer.sign("user-9", {"a", "", "bc"}, "hi").value();
  const std::string key_text = "0123456789abcdef0123456789abcdef-state";
  const std::string kp = hmac_sha256(key_text, pae({"signet.state-bound.v1.key", "email-confirm"}));
  const std::string tag = hmac_sha256(
      kp, pae({"signet.state-bound.v1", "email-confirm", "user-9", "a", "", "bc", "1r31eq", b64url("hi")}));
  EXPECT_EQ(token, b64url("hi") + ".1r31eq." + b64url(tag));

  const std::string kf = hmac_sha256(key_text, pae({"signet.state-fingerprint.v1.key", "sess"}));
  const std::string fp = hmac_sha256(kf, pae({"signet.state-fingerprint.v1", "sess", "42", "h"})).substr(0, 16);
  EXPECT_EQ(state_fingerprint(key(), "sess", {"42", "h"}).value(), b64url(fp));
}

TEST(StateBoundTest, PurposesDoNotCross) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  auto a = StateBoundSigner::create(key(), opts("p"), clock).value();
  auto c = StateBoundSigner::create(key(), opts("q"), clock).value();
  const std::string token = a.sign("u", {"s"}).value();
  EXPECT_NE(c.sign("u", {"s"}).value(), token);
  EXPECT_THAT(c.verify(token, "u", {"s"}), HasError(Errc::bad_signature));
}

TEST(StateBoundTest, EveryStateChangeInvalidates) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  auto signer = StateBoundSigner::create(key(), opts(), clock).value();
  const std::string token = signer.sign("42", {"hash-1", "login-1", "v3"}, "p").value();
  EXPECT_THAT(signer.verify(token, "42", {"hash-1", "login-1", "v3"}), IsOk());
  EXPECT_THAT(signer.verify(token, "42", {"hash-2", "login-1", "v3"}), HasError(Errc::bad_signature));  // password
  EXPECT_THAT(signer.verify(token, "42", {"hash-1", "login-2", "v3"}), HasError(Errc::bad_signature));  // last login
  EXPECT_THAT(signer.verify(token, "42", {"hash-1", "login-1", "v4"}), HasError(Errc::bad_signature));  // version bump
  EXPECT_THAT(signer.verify(token, "43", {"hash-1", "login-1", "v3"}), HasError(Errc::bad_signature));  // other user
  EXPECT_THAT(signer.verify(token, "42", {"hash-1", "login-1"}), HasError(Errc::bad_signature));        // fewer fields
  EXPECT_THAT(signer.verify(token, "42", {"hash-1", "login-1", "v3", ""}), HasError(Errc::bad_signature));
  EXPECT_THAT(signer.verify(token, "42", {"login-1", "hash-1", "v3"}), HasError(Errc::bad_signature));  // order
}

TEST(StateBoundTest, NoConcatenationAmbiguity) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  // Django: pk "1" + password "2x" == pk "12" + password "x" (same token).
  const SecretBytes django_key(std::string_view("ambiguity"));
  auto django_gen = django::PasswordResetTokenGenerator::create(django_key, {}, clock).value();
  django::PasswordResetUser a;
  a.pk = "1";
  a.password = "2x";
  django::PasswordResetUser b;
  b.pk = "12";
  b.password = "x";
  ASSERT_THAT(django_gen.check_token(b, django_gen.make_token(a).value()), IsOk());
  // StateBoundSigner: every split of the same bytes is a different token.
  auto signer = StateBoundSigner::create(key(), opts(), clock).value();
  const std::string token = signer.sign("1", {"2x"}).value();
  EXPECT_THAT(signer.verify(token, "1", {"2x"}), IsOk());
  EXPECT_THAT(signer.verify(token, "12", {"x"}), HasError(Errc::bad_signature));
  EXPECT_THAT(signer.verify(token, "", {"12x"}), HasError(Errc::bad_signature));
  EXPECT_THAT(signer.verify(token, "1", {"2", "x"}), HasError(Errc::bad_signature));
  EXPECT_THAT(signer.verify(token, "12x", std::span<const std::string_view>{}), HasError(Errc::bad_signature));
  // State bytes cannot masquerade as the payload or the time either.
  const std::string with_payload = signer.sign("1", {"2"}, "x").value();
  EXPECT_NE(with_payload.substr(with_payload.rfind('.')), token.substr(token.rfind('.')));
  EXPECT_THAT(signer.verify(with_payload, "1", {"2x"}), HasError(Errc::bad_signature));
}

TEST(StateBoundTest, MaxAgeBoundaryAndFuture) {
  const FixedClock t0 = FixedClock::from_seconds(kNow);
  auto make = [&](const FixedClock& c) { return StateBoundSigner::create(key(), opts("p", 100s), c).value(); };
  const std::string token = make(t0).sign("u", {"s"}).value();
  const FixedClock at_limit(UnixTime(std::chrono::seconds(kNow + 100) + 999ms));
  const FixedClock past = FixedClock::from_seconds(kNow + 101);
  EXPECT_THAT(make(at_limit).verify(token, "u", {"s"}), IsOk());
  EXPECT_THAT(make(past).verify(token, "u", {"s"}), HasError(Errc::expired));
  const FixedClock early_ok = FixedClock::from_seconds(kNow - 30);
  const FixedClock early = FixedClock::from_seconds(kNow - 31);
  EXPECT_THAT(make(early_ok).verify(token, "u", {"s"}), IsOk());
  EXPECT_THAT(make(early).verify(token, "u", {"s"}), HasError(Errc::not_yet_valid));
  // A forged (tampered) time is caught by the tag, not by the age check.
  std::string older = token;
  older.replace(older.find('.') + 1, 6, "1r31ep");
  EXPECT_THAT(make(t0).verify(older, "u", {"s"}), HasError(Errc::bad_signature));
}

TEST(StateBoundTest, FallbackKeysVerifyButNeverSign) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  const SecretBytes old_key(std::string_view("an-old-key-that-is-32-bytes-long!!"));
  const std::string old_token = StateBoundSigner::create(old_key, opts(), clock)->sign("u", {"s"}).value();
  StateBoundOptions o = opts();
  o.fallback_keys.push_back(old_key.clone());
  auto rotated = StateBoundSigner::create(key(), o, clock).value();
  EXPECT_THAT(rotated.verify(old_token, "u", {"s"}), IsOk());
  EXPECT_NE(rotated.sign("u", {"s"}).value(), old_token);
  EXPECT_THAT(StateBoundSigner::create(key(), opts(), clock)->verify(old_token, "u", {"s"}),
              HasError(Errc::bad_signature));
}

TEST(StateBoundTest, RefusesBadConfiguration) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  EXPECT_THAT(StateBoundSigner::create(SecretBytes(std::string_view("short")), opts(), clock),
              HasError(Errc::invalid_key));
  StateBoundOptions weak = opts();
  weak.fallback_keys.emplace_back(std::string_view("short"));
  EXPECT_THAT(StateBoundSigner::create(key(), weak, clock), HasError(Errc::invalid_key));
  EXPECT_THAT(StateBoundSigner::create(key(), opts(""), clock), HasError(Errc::invalid_argument));
  EXPECT_THAT(StateBoundSigner::create(key(), opts("p", 0s), clock), HasError(Errc::invalid_argument));
  StateBoundOptions future = opts();
  future.max_future = -1s;
  EXPECT_THAT(StateBoundSigner::create(key(), future, clock), HasError(Errc::invalid_argument));
  auto signer = StateBoundSigner::create(key(), opts(), clock).value();
  EXPECT_THAT(signer.sign("u", {"s"}, std::string(7000, 'x')), HasError(Errc::invalid_argument));
}

TEST(StateBoundTest, MalformedAndGarbageTokens) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  auto signer = StateBoundSigner::create(key(), opts(), clock).value();
  const std::string token = signer.sign("u", {"s"}, "payload").value();
  for (const std::string& bad : {std::string(), std::string("."), std::string(".."), std::string("..."),
                                 token + ".", "." + token, token.substr(0, token.size() - 1), token + "A",
                                 std::string(9000, 'a')}) {
    SCOPED_TRACE(bad.substr(0, 80));
    auto r = signer.verify(bad, "u", {"s"});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), Errc::malformed);
  }
  std::mt19937_64 rng(11);
  const std::string alphabet = "AZaz09-_.=+/ \x00\xff";
  for (int i = 0; i < 20000; ++i) {
    std::string s = token;
    const auto pos = rng() % s.size();
    switch (rng() % 3) {
      case 0: s[pos] = alphabet[rng() % alphabet.size()]; break;
      case 1: s.erase(pos, 1 + rng() % 4); break;
      default: s.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
    }
    if (i % 3 == 0) {  // pure noise
      s.resize(rng() % 120);
      for (auto& c : s) c = alphabet[rng() % alphabet.size()];
    }
    if (s == token) continue;
    auto r = signer.verify(s, "u", {"s"});
    ASSERT_FALSE(r.has_value()) << s;
    EXPECT_TRUE(r.error() == Errc::malformed || r.error() == Errc::bad_signature) << errc_name(r.error().code());
  }
}

TEST(StateFingerprintTest, StableShortAndKeyed) {
  auto fp = state_fingerprint(key(), "jwt-session", {"42", "hash-1", "v1"});
  ASSERT_THAT(fp, IsOk());
  EXPECT_EQ(fp->size(), kStateFingerprintSize);
  EXPECT_EQ(state_fingerprint(key(), "jwt-session", {"42", "hash-1", "v1"}).value(), *fp);
  EXPECT_NE(state_fingerprint(key(), "other", {"42", "hash-1", "v1"}).value(), *fp);
  EXPECT_NE(state_fingerprint(key(), "jwt-session", {"42", "hash-1v1"}).value(), *fp);
  const SecretBytes other(std::string_view("another-key-another-key-another-key"));
  EXPECT_NE(state_fingerprint(other, "jwt-session", {"42", "hash-1", "v1"}).value(), *fp);
  EXPECT_THAT(check_state_fingerprint(key(), "jwt-session", {"42", "hash-1", "v1"}, *fp), IsOk());
  EXPECT_THAT(check_state_fingerprint(key(), "jwt-session", {"42", "hash-2", "v1"}, *fp), HasError(Errc::revoked));
  EXPECT_THAT(check_state_fingerprint(key(), "jwt-session", {"42", "hash-1", "v1"}, fp->substr(1)),
              HasError(Errc::revoked));
  EXPECT_THAT(check_state_fingerprint(key(), "jwt-session", {"42", "hash-1", "v1"}, ""), HasError(Errc::revoked));
  EXPECT_THAT(state_fingerprint(SecretBytes(std::string_view("short")), "p", {"x"}), HasError(Errc::invalid_key));
  EXPECT_THAT(state_fingerprint(key(), "", {"x"}), HasError(Errc::invalid_argument));
  // The reusable form gives the same tags and verdicts.
  auto fper = StateFingerprinter::create(key(), "jwt-session");
  ASSERT_THAT(fper, IsOk());
  EXPECT_EQ(fper->fingerprint({"42", "hash-1", "v1"}), *fp);
  EXPECT_THAT(fper->check({"42", "hash-1", "v1"}, *fp), IsOk());
  EXPECT_THAT(fper->check({"42", "hash-1", "v2"}, *fp), HasError(Errc::revoked));
  EXPECT_THAT(StateFingerprinter::create(key(), ""), HasError(Errc::invalid_argument));
}

// A JWT carries the fingerprint of the user's state in a claim; a policy
// predicate recomputes it from the current state, so every JWT issued
// before a password change is refused with Errc::revoked.
TEST(StateFingerprintTest, JwtIssuedBeforePasswordChangeIsRefused) {
  const FixedClock clock = FixedClock::from_seconds(kNow);
  const SecretBytes jwt_secret(std::string_view("jwt-hs256-secret-jwt-hs256-secret!"));
  struct UserRow {
    std::string id, password_hash;
    int token_version;
  } user{"42", "pbkdf2_sha256$260000$a$old", 1};
  auto fields_of = [](const UserRow& u) {
    return std::vector<std::string>{u.id, u.password_hash, std::to_string(u.token_version)};
  };
  auto fingerprint_of = [&](const UserRow& u) {
    const auto f = fields_of(u);
    const std::vector<std::string_view> views(f.begin(), f.end());
    return state_fingerprint(key(), "jwt-session", views).value();
  };

  auto signer = jwt::Signer::create(jwt::HmacKey::from_secret(jwt::Algorithm::HS256, jwt_secret).value()).value();
  const std::string token = signer
                                .sign(jwt::Claims()
                                          .subject(user.id)
                                          .expires_at(clock.now() + 1h)
                                          .set("sfp", fingerprint_of(user)))
                                .value();

  // The verifier looks the user up by "sub" (here: the one row) and checks.
  const UserRow* current = &user;
  auto policy = jwt::PolicyBuilder()
                    .check([&](const jwt::VerifiedToken& t) -> Status {
                      auto sfp = t.string_claim("sfp");
                      if (!sfp) return sfp.error();
                      const auto f = fields_of(*current);
                      const std::vector<std::string_view> views(f.begin(), f.end());
                      return check_state_fingerprint(key(), "jwt-session", views, *sfp);
                    })
                    .build()
                    .value();
  auto verifier =
      jwt::Verifier::create(jwt::HmacKey::from_secret(jwt::Algorithm::HS256, jwt_secret).value(), policy, clock).value();

  EXPECT_THAT(verifier.verify(token), IsOk());
  user.password_hash = "pbkdf2_sha256$260000$b$new";  // password changed
  EXPECT_THAT(verifier.verify(token), HasError(Errc::revoked));
  user.password_hash = "pbkdf2_sha256$260000$a$old";
  EXPECT_THAT(verifier.verify(token), IsOk());
  user.token_version = 2;  // "log out everywhere"
  EXPECT_THAT(verifier.verify(token), HasError(Errc::revoked));
  // A token minted after the change passes.
  const std::string fresh =
      signer.sign(jwt::Claims().subject(user.id).expires_at(clock.now() + 1h).set("sfp", fingerprint_of(user))).value();
  EXPECT_THAT(verifier.verify(fresh), IsOk());
}

}  // namespace
}  // namespace signet
