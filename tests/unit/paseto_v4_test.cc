// PASETO v4: the message layer (PAE, token shape, footers, implicit
// assertions), RFC 3339 times, Claims, Policy and the claims layer
// (Decryptor, Verifier). The official vectors are in paseto_vectors_test.cc,
// attacks in paseto_threats_test.cc.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "paseto/internal.h"
#include "signet/jwt/policy.h"
#include "signet/paseto.h"
#include "support/matchers.h"

namespace signet::paseto {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;
using namespace std::chrono_literals;

constexpr std::int64_t kNow = 1700000000;  // 2023-11-14T22:13:20Z
const FixedClock kClock = FixedClock::from_seconds(kNow);

UnixTime at(std::int64_t seconds) { return UnixTime(std::chrono::seconds(seconds)); }

LocalKey local_key() { return *LocalKey::from_bytes(std::vector<std::uint8_t>(32, 0x42)); }
SecretKey secret_key() { return *SecretKey::from_seed(std::vector<std::uint8_t>(32, 0x07)); }

Policy default_policy() { return *PolicyBuilder().build(); }

Claims good_claims() {
  Claims c;
  c.issuer("issuer").subject("alice").expires_at(at(kNow + 3600)).set("role", "admin");
  return c;
}

// ---------------------------------------------------------------- PAE

TEST(PasetoPae, MatchesTheSpecificationExamples) {
  using detail::pae;
  EXPECT_EQ(pae({}), std::string("\x00\x00\x00\x00\x00\x00\x00\x00", 8));
  EXPECT_EQ(pae({""}), std::string("\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", 16));
  EXPECT_EQ(pae({"test"}), std::string("\x01\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00\x00test", 20));
  // Length prefixes make ("ab","c") and ("a","bc") different inputs.
  EXPECT_NE(pae({"ab", "c"}), pae({"a", "bc"}));
}

// ---------------------------------------------------------------- message layer

TEST(PasetoMessage, LocalRoundTripWithFooterAndImplicitAssertion) {
  const auto key = local_key();
  auto token = encrypt_message(key, "hello", "footer", "context");
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(token->substr(0, 9), "v4.local.");
  EXPECT_NE(token->find(".Zm9vdGVy"), std::string::npos);  // base64url("footer")
  auto m = decrypt_message(key, *token, "context");
  ASSERT_THAT(m, IsOk());
  EXPECT_EQ(m->payload, "hello");
  EXPECT_EQ(m->footer, "footer");
}

TEST(PasetoMessage, EncryptionIsRandomized) {
  const auto key = local_key();
  EXPECT_NE(*encrypt_message(key, "same"), *encrypt_message(key, "same"));
}

TEST(PasetoMessage, EmptyPayloadAndNoFooter) {
  const auto key = local_key();
  auto token = encrypt_message(key, "");
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(token->find('.', 9), std::string::npos);  // no footer part
  auto m = decrypt_message(key, *token);
  ASSERT_THAT(m, IsOk());
  EXPECT_TRUE(m->payload.empty());
  EXPECT_TRUE(m->footer.empty());
}

TEST(PasetoMessage, PublicRoundTripIsDeterministicAndNotEncrypted) {
  const auto key = secret_key();
  auto token = sign_message(key, "{\"a\":1}", "f", "i");
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(*token, *sign_message(key, "{\"a\":1}", "f", "i"));
  EXPECT_EQ(token->substr(0, 10 + 8), "v4.public.eyJhIjox");  // the payload is readable
  auto m = verify_message(key.public_key(), *token, "i");
  ASSERT_THAT(m, IsOk());
  EXPECT_EQ(m->payload, "{\"a\":1}");
  EXPECT_EQ(m->footer, "f");
}

TEST(PasetoMessage, ImplicitAssertionMustMatch) {
  const auto key = local_key();
  auto token = *encrypt_message(key, "x", "", "a");
  EXPECT_THAT(decrypt_message(key, token, "b"), HasError(Errc::bad_signature));
  EXPECT_THAT(decrypt_message(key, token, ""), HasError(Errc::bad_signature));
  auto signed_token = *sign_message(secret_key(), "x", "", "a");
  EXPECT_THAT(verify_message(secret_key().public_key(), signed_token, "b"), HasError(Errc::bad_signature));
}

TEST(PasetoMessage, WrongKeyFails) {
  auto token = *encrypt_message(local_key(), "x");
  EXPECT_THAT(decrypt_message(*LocalKey::generate(), token), HasError(Errc::bad_signature));
  auto signed_token = *sign_message(secret_key(), "x");
  EXPECT_THAT(verify_message(SecretKey::generate()->public_key(), signed_token), HasError(Errc::bad_signature));
}

TEST(PasetoMessage, FooterSizeIsCappedOnBothSides) {
  const auto key = local_key();
  const std::string big(kDefaultMaxFooterSize + 1, 'f');
  EXPECT_THAT(encrypt_message(key, "x", big), HasError(Errc::invalid_argument));
  EXPECT_THAT(sign_message(secret_key(), "x", big), HasError(Errc::invalid_argument));
  const std::string ok(kDefaultMaxFooterSize, 'f');
  auto token = encrypt_message(key, "x", ok);
  ASSERT_THAT(token, IsOk());
  EXPECT_THAT(decrypt_message(key, *token, "", 1 << 20), IsOk());
  EXPECT_THAT(decrypt_message(key, *token, "", 1 << 20, 100), HasError(Errc::malformed));
}

TEST(PasetoMessage, TokenSizeIsCapped) {
  const auto key = local_key();
  auto token = *encrypt_message(key, std::string(9000, 'x'));
  EXPECT_THAT(decrypt_message(key, token), HasError(Errc::malformed));
  EXPECT_THAT(decrypt_message(key, token, "", 20000), IsOk());
}

TEST(PasetoMessage, UnverifiedFooterIsForKeySelectionOnly) {
  const auto key = local_key();
  const std::string footer = "{\"kid\":\"" + key.id() + "\"}";
  EXPECT_EQ(*unverified_footer(*encrypt_message(key, "x", footer)), footer);
  EXPECT_EQ(*unverified_footer(*sign_message(secret_key(), "x", "f")), "f");
  EXPECT_EQ(*unverified_footer(*encrypt_message(key, "x")), "");
  EXPECT_THAT(unverified_footer("v3.local.AAAA.Zg"), HasError(Errc::key_mismatch));
  EXPECT_THAT(unverified_footer("v4.local.AAAA.Zg="), HasError(Errc::malformed));
  EXPECT_THAT(unverified_footer("nonsense"), HasError(Errc::malformed));
  EXPECT_THAT(unverified_footer("v4.public.AAAA." + std::string(4000, 'A')), HasError(Errc::malformed));
}

// ---------------------------------------------------------------- RFC 3339

TEST(PasetoRfc3339, FormatsUtcWithOptionalFraction) {
  EXPECT_EQ(*format_rfc3339(at(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(*format_rfc3339(at(kNow)), "2023-11-14T22:13:20Z");
  EXPECT_EQ(*format_rfc3339(at(kNow) + 5ms), "2023-11-14T22:13:20.005Z");
  EXPECT_EQ(*format_rfc3339(at(kNow) + 1ns), "2023-11-14T22:13:20.000000001Z");
  EXPECT_EQ(*format_rfc3339(at(-1)), "1969-12-31T23:59:59Z");
}

TEST(PasetoRfc3339, ParsesOffsetsFractionsAndLowerCase) {
  EXPECT_EQ(*parse_rfc3339("2023-11-14T22:13:20Z"), at(kNow));
  EXPECT_EQ(*parse_rfc3339("2023-11-14t22:13:20z"), at(kNow));
  EXPECT_EQ(*parse_rfc3339("2023-11-15T00:13:20+02:00"), at(kNow));
  EXPECT_EQ(*parse_rfc3339("2023-11-14T20:13:20-02:00"), at(kNow));
  EXPECT_EQ(*parse_rfc3339("2023-11-14T22:13:20.5Z"), at(kNow) + 500ms);
  EXPECT_EQ(*parse_rfc3339("2023-11-14T22:13:20.1234567891Z"), at(kNow) + 123456789ns);
  EXPECT_EQ(*parse_rfc3339("2022-01-01T00:00:00+00:00"), at(1640995200));
  EXPECT_EQ(*parse_rfc3339("2024-02-29T00:00:00Z"), at(1709164800));
}

TEST(PasetoRfc3339, RefusesEverythingElse) {
  for (const char* bad : {"", "2023-11-14", "2023-11-14T22:13:20", "2023-11-14 22:13:20Z", "2023-11-14T22:13Z",
                          "2023-11-14T22:13:20.Z", "2023-11-14T22:13:20+0200", "2023-11-14T22:13:20+24:00",
                          "2023-11-14T24:00:00Z", "2023-11-14T23:60:00Z", "2023-11-14T23:59:60Z",
                          "2023-02-29T00:00:00Z", "2023-13-01T00:00:00Z", "2023-00-01T00:00:00Z",
                          "2023-11-14T22:13:20ZZ", "+2023-11-14T22:13:20Z", "2023-11-14T22:13:20Z ",
                          "1677-01-01T00:00:00Z", "2262-01-01T00:00:00Z", "２023-11-14T22:13:20Z", "1700000000"}) {
    EXPECT_THAT(parse_rfc3339(bad), HasError(Errc::malformed)) << bad;
  }
}

TEST(PasetoRfc3339, RoundTrips) {
  for (std::int64_t s : {std::int64_t{0}, kNow, std::int64_t{-5000000000}, std::int64_t{7000000000}}) {
    EXPECT_EQ(*parse_rfc3339(*format_rfc3339(at(s))), at(s));
  }
}

// Every day of the supported range, at a time with every field non-zero,
// parses back to itself: checks the calendar arithmetic against <chrono>.
TEST(PasetoRfc3339, EveryDayOfTheRangeRoundTrips) {
  using namespace std::chrono;
  const sys_days first = year{1678} / January / 1, last = year{2261} / December / 31;
  for (sys_days d = first; d <= last; d += days{1}) {
    const UnixTime t = d + 13h + 47min + 59s + 250ms;
    const auto text = format_rfc3339(t);
    ASSERT_THAT(text, IsOk());
    ASSERT_EQ(*parse_rfc3339(*text), t) << *text;
  }
  EXPECT_THAT(format_rfc3339(first - days{1}), HasError(Errc::invalid_argument));
  EXPECT_THAT(format_rfc3339(last + days{1}), HasError(Errc::invalid_argument));
}

TEST(PasetoRfc3339, LeapYearsAndRangeEdges) {
  EXPECT_EQ(*parse_rfc3339("2000-02-29T00:00:00Z"), at(951782400));
  EXPECT_EQ(*parse_rfc3339("1678-01-01T00:00:00Z"), at(-9214560000));
  EXPECT_EQ(*parse_rfc3339("2261-12-31T23:59:59Z"), at(9214646399));
  EXPECT_EQ(*parse_rfc3339("1970-01-01T00:00:00-23:59"), at(86340));
  for (const char* bad : {"1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2023-04-31T00:00:00Z",
                          "2023-11-00T00:00:00Z", "2023-11-14T22:13:20+23:60", "2023-11-14T22:13:20+2:00",
                          "2023-11-14T22:13:20+02:0", "2023-11-14T22:13:20+02-00", "2023-11-14T22:13:20+02:00Z",
                          "2023-1a-14T22:13:20Z", "2023-11-14X22:13:20Z", "2023/11/14T22:13:20Z", "2023-11-14T22:13:2Z"}) {
    EXPECT_THAT(parse_rfc3339(bad), HasError(Errc::malformed)) << bad;
  }
  // Out of range: the same code, a message of its own.
  auto old = parse_rfc3339("0000-01-01T00:00:00Z");
  ASSERT_THAT(old, HasError(Errc::malformed));
  EXPECT_NE(std::string(old.error().detail()).find("outside"), std::string::npos);
}

// ---------------------------------------------------------------- Claims

TEST(PasetoClaims, WritesRegisteredTimesAsRfc3339WholeSeconds) {
  Claims c;
  c.issuer("i").subject("s").audience("a").token_id("j").expires_at(at(kNow) + 900ms).not_before(at(kNow)).issued_at(at(kNow));
  EXPECT_EQ(*c.to_json(),
            "{\"iss\":\"i\",\"sub\":\"s\",\"aud\":\"a\",\"jti\":\"j\",\"exp\":\"2023-11-14T22:13:20Z\","
            "\"nbf\":\"2023-11-14T22:13:20Z\",\"iat\":\"2023-11-14T22:13:20Z\"}");
}

TEST(PasetoClaims, CustomClaimsAndErrors) {
  Claims c;
  c.set("n", 5).set("b", true).set("d", 1.5).set("s", "x").set_json("o", "{ \"k\" : [1, 2] }").set("n", 6);
  EXPECT_EQ(*c.to_json(), "{\"n\":6,\"b\":true,\"d\":1.5,\"s\":\"x\",\"o\":{\"k\":[1,2]}}");
  EXPECT_TRUE(c.has("o"));
  EXPECT_FALSE(c.has("exp"));
  EXPECT_THAT(Claims().set("exp", "tomorrow").to_json(), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims().set_json("x", "{bad").to_json(), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims().set("x", std::nan("")).to_json(), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims().expires_at(UnixTime(std::chrono::nanoseconds::min()) + 1h).to_json(), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims().set("s", std::string_view("\xff")).to_json(), HasError(Errc::invalid_argument));
}

TEST(PasetoClaims, FromJsonChecksRegisteredTypes) {
  EXPECT_THAT(Claims::from_json("{\"sub\":\"a\",\"exp\":\"2023-11-14T22:13:20+01:00\",\"x\":[1]}"), IsOk());
  EXPECT_THAT(Claims::from_json("{\"exp\":1700000000}"), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims::from_json("{\"exp\":\"soon\"}"), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims::from_json("{\"aud\":[\"a\"]}"), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims::from_json("{\"iss\":1}"), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims::from_json("[1]"), HasError(Errc::invalid_argument));
  EXPECT_THAT(Claims::from_json("{\"a\":1,\"a\":2}"), HasError(Errc::invalid_argument));
}

// ---------------------------------------------------------------- Policy

TEST(PasetoPolicy, DefaultsAndCapsAreTheJwtOnes) {
  const Policy p = default_policy();
  EXPECT_TRUE(p.require_exp());
  EXPECT_EQ(p.leeway(), 0s);
  EXPECT_EQ(p.max_token_size(), jwt::kDefaultMaxTokenSize);
  EXPECT_EQ(kMaxLeeway, jwt::kMaxLeeway);
  EXPECT_THAT(PolicyBuilder().leeway(600s).build(), IsOk());
  EXPECT_THAT(PolicyBuilder().leeway(601s).build(), HasError(Errc::invalid_argument));
  EXPECT_THAT(PolicyBuilder().leeway(-1s).build(), HasError(Errc::invalid_argument));
  EXPECT_THAT(PolicyBuilder().max_age(0s).build(), HasError(Errc::invalid_argument));
  EXPECT_THAT(PolicyBuilder().ignore_audience().expect_audience("a").build(), HasError(Errc::invalid_argument));
  EXPECT_THAT(PolicyBuilder().max_token_size(8).build(), HasError(Errc::invalid_argument));
  EXPECT_THAT(PolicyBuilder().footer_limits(100, 0, 1).build(), HasError(Errc::invalid_argument));
  EXPECT_THAT(PolicyBuilder().footer_limits(4, 2, 1).expect_footer("12345").build(), HasError(Errc::invalid_argument));
  EXPECT_THAT(PolicyBuilder().check(nullptr).build(), HasError(Errc::invalid_argument));
}

// Issues a v4.local token for `claims` and checks it with `policy` at kNow.
Result<VerifiedToken> local_round_trip(const Claims& claims, const Policy& policy, const TokenOptions& options = {},
                                       std::string_view implicit = {}) {
  const auto key = local_key();
  auto token = encrypt(key, claims, options);
  if (!token) return token.error();
  auto dec = Decryptor::create(key, policy, kClock);
  return dec->decrypt(*token, implicit);
}

Result<VerifiedToken> public_round_trip(const Claims& claims, const Policy& policy, const TokenOptions& options = {}) {
  const auto key = secret_key();
  auto token = sign(key, claims, options);
  if (!token) return token.error();
  auto ver = Verifier::create(key, policy, kClock);
  return ver->verify(*token, options.implicit_assertion);
}

TEST(PasetoTokens, LocalAndPublicExposeTheVerifiedClaims) {
  Claims c = good_claims();
  c.audience("app").token_id("id-1").issued_at(at(kNow - 10)).not_before(at(kNow - 10));
  auto policy = PolicyBuilder().expect_audience("app").build();
  for (auto t : {local_round_trip(c, *policy, {"{\"kid\":\"k4.lid.abc\"}", "ctx"}, "ctx"),
                 public_round_trip(c, *policy, {"{\"kid\":\"k4.pid.abc\"}", "ctx"})}) {
    ASSERT_THAT(t, IsOk());
    EXPECT_EQ(t->issuer(), "issuer");
    EXPECT_EQ(t->subject(), "alice");
    EXPECT_EQ(t->audience(), "app");
    EXPECT_EQ(t->token_id(), "id-1");
    EXPECT_EQ(t->expires_at(), at(kNow + 3600));
    EXPECT_EQ(t->issued_at(), at(kNow - 10));
    EXPECT_EQ(t->not_before(), at(kNow - 10));
    EXPECT_EQ(*t->string_claim("role"), "admin");
    EXPECT_THAT(t->int_claim("role"), HasError(Errc::claim_mismatch));
    EXPECT_THAT(t->bool_claim("none"), HasError(Errc::claim_mismatch));
    EXPECT_EQ(t->claim("missing"), std::nullopt);
    EXPECT_EQ(t->footer().substr(0, 7), "{\"kid\":");
    EXPECT_EQ(t->claims_json(), t->payload_json());
  }
}

TEST(PasetoTokens, PurposeIsReported) {
  EXPECT_EQ(local_round_trip(good_claims(), default_policy())->purpose(), Purpose::local);
  EXPECT_EQ(public_round_trip(good_claims(), default_policy())->purpose(), Purpose::public_);
}

TEST(PasetoTokens, ExpIsRequiredByDefault) {
  Claims c;
  c.subject("alice");
  EXPECT_THAT(local_round_trip(c, default_policy()), HasError(Errc::claim_mismatch));
  EXPECT_THAT(public_round_trip(c, default_policy()), HasError(Errc::claim_mismatch));
  EXPECT_THAT(local_round_trip(c, *PolicyBuilder().allow_missing_exp().build()), IsOk());
}

TEST(PasetoTokens, TimeChecksWithLeeway) {
  Claims expired;
  expired.expires_at(at(kNow));
  EXPECT_THAT(local_round_trip(expired, default_policy()), HasError(Errc::expired));
  EXPECT_THAT(local_round_trip(expired, *PolicyBuilder().leeway(1s).build()), IsOk());
  Claims early;
  early.expires_at(at(kNow + 100)).not_before(at(kNow + 10));
  EXPECT_THAT(local_round_trip(early, default_policy()), HasError(Errc::not_yet_valid));
  EXPECT_THAT(local_round_trip(early, *PolicyBuilder().leeway(10s).build()), IsOk());
  Claims future_iat;
  future_iat.expires_at(at(kNow + 100)).issued_at(at(kNow + 60));
  EXPECT_THAT(public_round_trip(future_iat, default_policy()), HasError(Errc::not_yet_valid));
  Claims old;
  old.expires_at(at(kNow + 100)).issued_at(at(kNow - 100));
  EXPECT_THAT(local_round_trip(old, *PolicyBuilder().max_age(99s).build()), HasError(Errc::expired));
  EXPECT_THAT(local_round_trip(old, *PolicyBuilder().max_age(100s).build()), IsOk());
  EXPECT_THAT(local_round_trip(good_claims(), *PolicyBuilder().max_age(100s).build()), HasError(Errc::claim_mismatch));
}

TEST(PasetoTokens, IssuerAudienceSubjectAndRequiredClaims) {
  EXPECT_THAT(local_round_trip(good_claims(), *PolicyBuilder().expect_issuer("x").expect_issuer("issuer").build()), IsOk());
  EXPECT_THAT(local_round_trip(good_claims(), *PolicyBuilder().expect_issuer("x").build()), HasError(Errc::claim_mismatch));
  EXPECT_THAT(local_round_trip(good_claims(), *PolicyBuilder().expect_subject("bob").build()), HasError(Errc::claim_mismatch));
  EXPECT_THAT(local_round_trip(good_claims(), *PolicyBuilder().expect_audience("app").build()), HasError(Errc::claim_mismatch));
  EXPECT_THAT(local_round_trip(good_claims(), *PolicyBuilder().require_claim("role").build()), IsOk());
  EXPECT_THAT(local_round_trip(good_claims(), *PolicyBuilder().require_claim("jti").build()), HasError(Errc::claim_mismatch));
  Claims with_aud = good_claims();
  with_aud.audience("app");
  EXPECT_THAT(local_round_trip(with_aud, default_policy()), HasError(Errc::claim_mismatch));
  EXPECT_THAT(local_round_trip(with_aud, *PolicyBuilder().ignore_audience().build()), IsOk());
  EXPECT_THAT(local_round_trip(with_aud, *PolicyBuilder().expect_audience("other").build()), HasError(Errc::claim_mismatch));
}

TEST(PasetoTokens, PredicatesRunLast) {
  auto policy = PolicyBuilder()
                    .check([](const VerifiedToken& t) -> Status {
                      if (t.string_claim("role").value_or("") != "admin") return Unexpected(Errc::claim_mismatch, "not admin");
                      return {};
                    })
                    .build();
  EXPECT_THAT(local_round_trip(good_claims(), *policy), IsOk());
  Claims user = good_claims();
  user.set("role", "user");
  EXPECT_THAT(public_round_trip(user, *policy), HasError(Errc::claim_mismatch));
}

TEST(PasetoTokens, ExpectedFooter) {
  auto policy = PolicyBuilder().expect_footer("kid-1").build();
  EXPECT_THAT(local_round_trip(good_claims(), *policy, {"kid-1", ""}), IsOk());
  EXPECT_THAT(local_round_trip(good_claims(), *policy, {"kid-2", ""}), HasError(Errc::claim_mismatch));
  EXPECT_THAT(local_round_trip(good_claims(), *policy), HasError(Errc::claim_mismatch));
  EXPECT_THAT(public_round_trip(good_claims(), *PolicyBuilder().expect_footer("").build(), {"x", ""}),
              HasError(Errc::claim_mismatch));
}

TEST(PasetoTokens, RegisteredClaimsOfTheWrongTypeAreRejected) {
  const auto key = local_key();
  auto dec = Decryptor::create(key, *PolicyBuilder().allow_missing_exp().build(), kClock);
  for (const char* payload : {"{\"exp\":1700003600}", "{\"exp\":\"2023-11-14\"}", "{\"nbf\":null}",
                              "{\"aud\":[\"a\"]}", "{\"iss\":1}", "{\"sub\":{}}", "{\"jti\":true}",
                              "{\"iat\":\"2023-11-14T22:13:20\"}"}) {
    EXPECT_THAT(dec->decrypt(*encrypt_message(key, payload)), HasError(Errc::claim_mismatch)) << payload;
  }
}

TEST(PasetoTokens, PayloadMustBeAStrictJsonObject) {
  const auto key = local_key();
  auto dec = Decryptor::create(key, *PolicyBuilder().allow_missing_exp().build(), kClock);
  for (const char* payload : {"", "[]", "\"s\"", "{", "{\"a\":1,\"a\":2}", "{\"a\":NaN}", "{} x"}) {
    EXPECT_THAT(dec->decrypt(*encrypt_message(key, payload)), HasError(Errc::bad_payload)) << payload;
  }
  const std::string deep = std::string(33, '[') + std::string(33, ']');
  EXPECT_THAT(dec->decrypt(*encrypt_message(key, "{\"a\":" + deep + "}")), HasError(Errc::bad_payload));
}

TEST(PasetoTokens, ProducersRefuseBadFootersAndClaims) {
  EXPECT_THAT(encrypt(local_key(), good_claims(), {"{\"kid\":", ""}), HasError(Errc::invalid_argument));
  EXPECT_THAT(sign(secret_key(), good_claims(), {"{\"kid\":\"" + local_key().to_paserk() + "\"}", ""}),
              HasError(Errc::invalid_argument));
  EXPECT_THAT(encrypt(local_key(), Claims().set("exp", "x")), HasError(Errc::invalid_argument));
  EXPECT_THAT(encrypt(local_key(), good_claims(), {"not json, fine", ""}), IsOk());
}

TEST(PasetoTokens, VerifierFromSecretKeyUsesThePublicHalf) {
  const auto key = secret_key();
  auto token = *sign(key, good_claims());
  auto from_secret = Verifier::create(key, default_policy(), kClock);
  auto from_public = Verifier::create(key.public_key(), default_policy(), kClock);
  EXPECT_THAT(from_secret->verify(token), IsOk());
  EXPECT_THAT(from_public->verify(token), IsOk());
}

TEST(PasetoTokens, DecryptorsAreMovable) {
  auto dec = Decryptor::create(local_key(), default_policy(), kClock);
  Decryptor moved = std::move(*dec);
  EXPECT_THAT(moved.decrypt(*encrypt(local_key(), good_claims())), IsOk());
}

// Canonical payloads are used as their own claims text; others are
// canonicalised. Both give the same claims, and the payload stays as sent.
TEST(PasetoToken, CanonicalAndNonCanonicalPayloadsAgree) {
  const LocalKey key = local_key();
  auto dec = *Decryptor::create(key, default_policy(), kClock);
  const std::string canonical =
      R"({"iss":"issuer","sub":"alice","exp":"2023-11-14T23:13:20+00:00","role":"admin","n":[1,{"a":2.5}]})";
  for (const std::string& payload :
       {canonical,
        std::string(R"({ "iss": "issuer", "sub":"alice","exp":"2023-11-14T23:13:20+00:00","role":"admin","n":[1,{"a":2.5}]})"),
        std::string(R"({"iss":"iss\u0075er","sub":"alice","exp":"2023-11-14T23:13:20+00:00","role":"admin","n":[1,{"a":2.5}]})")}) {
    auto token = dec.decrypt(*encrypt_message(key, payload));
    ASSERT_THAT(token, IsOk()) << payload;
    EXPECT_EQ(token->payload_json(), payload);
    EXPECT_EQ(token->claims_json(), canonical);
    EXPECT_EQ(*token->issuer(), "issuer");
    EXPECT_EQ(*token->subject(), "alice");
    EXPECT_EQ(*token->expires_at(), at(kNow + 3600));
    EXPECT_EQ(*token->string_claim("role"), "admin");
    EXPECT_EQ(*token->claim("n"), R"([1,{"a":2.5}])");
  }
  // Escaped or malformed times are judged exactly as before.
  for (const char* payload : {R"({"exp":"2023-11-14T23:13:20\u002b00:00"})", R"({"exp":"2023-13-14T23:13:20+00:00"})",
                              R"({"exp":1700003600})"}) {
    auto token = dec.decrypt(*encrypt_message(key, payload));
    if (std::string_view(payload).find("\\u002b") != std::string_view::npos) {
      ASSERT_THAT(token, IsOk()) << payload;
      EXPECT_EQ(*token->expires_at(), at(kNow + 3600));
    } else {
      EXPECT_THAT(token, HasError(Errc::claim_mismatch)) << payload;
    }
  }
}

// A Decryptor derives its keys from a schedule prepared once; the message
// layer derives them from the key on every call. Both must read every token
// alike: bodies and footers on either side of the stack buffer, implicit
// assertions, and any tampering.
TEST(PasetoToken, DecryptorAndMessageLayerAgree) {
  const LocalKey key = local_key();
  auto dec = *Decryptor::create(key, *PolicyBuilder().allow_missing_exp().max_token_size(1u << 16).build(), kClock);
  for (std::size_t body : {0u, 1u, 100u, 1900u, 1983u, 1984u, 2100u, 5000u}) {
    for (std::size_t footer_size : {0u, 10u, 200u}) {
      const std::string payload = body == 0 ? "{}" : "{\"a\":\"" + std::string(body, 'x') + "\"}";
      const std::string footer(footer_size, 'f');
      const std::string token = *encrypt_message(key, payload, footer, "ia");
      auto message = decrypt_message(key, token, "ia", 1u << 16);
      ASSERT_THAT(message, IsOk()) << body << "/" << footer_size;
      EXPECT_EQ(message->payload, payload);
      EXPECT_EQ(message->footer, footer);
      auto verified = dec.decrypt(token, "ia");
      ASSERT_THAT(verified, IsOk()) << body << "/" << footer_size;
      EXPECT_EQ(verified->payload_json(), payload);
      EXPECT_EQ(verified->footer(), footer);
      EXPECT_THAT(dec.decrypt(token, "ib"), HasError(Errc::bad_signature));
      EXPECT_THAT(decrypt_message(key, token, "ib", 1u << 16), HasError(Errc::bad_signature));
      std::string tampered = token;
      char& c = tampered[detail::kLocalHeader.size() + 20];  // within the nonce
      c = c == 'A' ? 'B' : 'A';                                // still strict base64url
      EXPECT_THAT(dec.decrypt(tampered, "ia"), HasError(Errc::bad_signature));
      EXPECT_THAT(decrypt_message(key, tampered, "ia", 1u << 16), HasError(Errc::bad_signature));
    }
  }
}

// Registered string claims with escapes go through the full decoder; those
// without are read in place. Either way the accessor holds the decoded text.
TEST(PasetoToken, EscapedRegisteredStringsAreDecoded) {
  const LocalKey key = local_key();
  const std::string payload =
      R"({"iss":"a\"b","sub":"caf\u00e9","aud":"x\\y","jti":"\ud83d\ude00","exp":"2023-11-14T23:13:20Z"})";
  auto strict = *Decryptor::create(key, default_policy(), kClock);
  EXPECT_THAT(strict.decrypt(*encrypt_message(key, payload)), HasError(Errc::claim_mismatch));  // aud, none expected
  auto dec = *Decryptor::create(key, *PolicyBuilder().expect_audience("x\\y").build(), kClock);
  auto token = dec.decrypt(*encrypt_message(key, payload));
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(*token->issuer(), "a\"b");
  EXPECT_EQ(*token->subject(), "caf\xc3\xa9");
  EXPECT_EQ(*token->audience(), "x\\y");
  EXPECT_EQ(*token->token_id(), "\xf0\x9f\x98\x80");
  EXPECT_EQ(*token->expires_at(), at(kNow + 3600));
  EXPECT_EQ(token->payload_json(), payload);
}

// One buffer holds the payload, the footer and the registered strings: the
// views point into it, and stay right when the token moves (a short payload
// lives inside the string object itself, so pointers would not survive).
TEST(PasetoToken, ViewsLiveInOneBufferAndSurviveMoves) {
  const LocalKey key = local_key();
  auto dec = *Decryptor::create(key, *PolicyBuilder().allow_missing_exp().build(), kClock);
  auto small = dec.decrypt(*encrypt_message(key, R"({"sub":"a"})", "k"));
  ASSERT_THAT(small, IsOk());
  // Two moves of the token itself (moving the Result<VerifiedToken> instead
  // trips GCC 12's -Wmaybe-uninitialized at -O3 on the Result's union, a
  // false positive).
  VerifiedToken first = std::move(*small);
  VerifiedToken again = std::move(first);
  EXPECT_EQ(again.payload_json(), R"({"sub":"a"})");
  EXPECT_EQ(again.footer(), "k");
  EXPECT_EQ(again.subject(), "a");
  EXPECT_EQ(again.issuer(), std::nullopt);

  Claims c;
  c.issuer("https://issuer.example.com/tenants/42")
      .token_id("0b6f3f4e-5d1c-4c1b-9a57-3f0e6c2b8d11")
      .subject("a-subject-longer-than-a-short-string")
      .expires_at(at(kNow + 60));
  auto token = dec.decrypt(*encrypt(key, c, {"{\"kid\":\"key-1\"}", ""}));
  ASSERT_THAT(token, IsOk());
  const std::string_view payload = token->payload_json();
  EXPECT_EQ(token->footer().data(), payload.data() + payload.size());
  for (auto claim : {token->issuer(), token->token_id(), token->subject()}) {
    ASSERT_TRUE(claim.has_value());
    EXPECT_GE(claim->data(), payload.data());
    EXPECT_LE(claim->data() + claim->size(), payload.data() + payload.size());
  }
  EXPECT_EQ(token->issuer(), "https://issuer.example.com/tenants/42");
  EXPECT_EQ(token->token_id(), "0b6f3f4e-5d1c-4c1b-9a57-3f0e6c2b8d11");
}

}  // namespace
}  // namespace signet::paseto
