#include "signet/jwt/verifier.h"

#include <gtest/gtest.h>

#include "signet/jwt/signer.h"
#include "support/jws_forge.h"
#include "support/matchers.h"

namespace signet::jwt {
namespace {

using namespace std::chrono_literals;
using signet::testing::forge_hs;
using signet::testing::HasError;
using signet::testing::IsOk;

constexpr std::int64_t kNow = 1700000000;
const std::string kSecret = "0123456789abcdef0123456789abcdef";  // 32 bytes

HmacKey key() { return HmacKey::from_secret(Algorithm::HS256, SecretBytes(std::string_view(kSecret))).value(); }

Verifier verifier(Policy policy = PolicyBuilder().build().value(), std::int64_t now = kNow) {
  static FixedClock fixed = FixedClock::from_seconds(kNow);
  fixed = FixedClock::from_seconds(now);
  return Verifier::create(key(), std::move(policy), fixed).value();
}

std::string sign(const Claims& claims) { return Signer::create(key()).value().sign(claims).value(); }

Claims fresh() {
  Claims c;
  c.issuer("iss-1").subject("user-1").audience("api").issued_at(UnixTime(std::chrono::seconds(kNow)))
      .expires_at(UnixTime(std::chrono::seconds(kNow + 600)));
  return c;
}

Policy api_policy() { return PolicyBuilder().expect_audience("api").build().value(); }

TEST(JwtVerifierTest, RoundTrip) {
  Claims c = fresh();
  c.set("role", "admin").set("level", 3).set("beta", true);
  const std::string token = sign(c);
  auto verified = verifier(api_policy()).verify(token);
  ASSERT_THAT(verified, IsOk());
  EXPECT_EQ(verified->algorithm(), Algorithm::HS256);
  EXPECT_EQ(*verified->type(), "JWT");
  EXPECT_EQ(*verified->issuer(), "iss-1");
  EXPECT_EQ(*verified->subject(), "user-1");
  EXPECT_EQ(verified->audiences(), (std::vector<std::string>{"api"}));
  EXPECT_EQ(verified->expires_at()->time_since_epoch(), std::chrono::seconds(kNow + 600));
  EXPECT_EQ(*verified->string_claim("role"), "admin");
  EXPECT_EQ(*verified->int_claim("level"), 3);
  EXPECT_EQ(*verified->bool_claim("beta"), true);
  EXPECT_THAT(verified->string_claim("level"), HasError(Errc::claim_mismatch));
  EXPECT_THAT(verified->int_claim("missing"), HasError(Errc::claim_mismatch));
  EXPECT_EQ(*verified->claim("level"), "3");
  EXPECT_EQ(verified->header_json(), R"({"alg":"HS256","typ":"JWT"})");
  EXPECT_EQ(verified->claims_json(), *c.to_json());
}

TEST(JwtVerifierTest, ExpiryBoundary) {
  const std::string token = sign(fresh());
  EXPECT_THAT(verifier(api_policy(), kNow + 599).verify(token), IsOk());
  EXPECT_THAT(verifier(api_policy(), kNow + 600).verify(token), HasError(Errc::expired));
  auto lenient = PolicyBuilder().expect_audience("api").leeway(30s).build().value();
  EXPECT_THAT(verifier(lenient, kNow + 629).verify(token), IsOk());
  EXPECT_THAT(verifier(lenient, kNow + 630).verify(token), HasError(Errc::expired));
}

TEST(JwtVerifierTest, ExpIsRequiredUnlessWaived) {
  Claims c;
  c.subject("s");
  const std::string token = sign(c);
  EXPECT_THAT(verifier().verify(token), HasError(Errc::claim_mismatch));
  EXPECT_THAT(verifier(PolicyBuilder().allow_missing_exp().build().value()).verify(token), IsOk());
}

TEST(JwtVerifierTest, NotBeforeAndIssuedAt) {
  Claims c = fresh();
  c.not_before(UnixTime(std::chrono::seconds(kNow + 10)));
  const std::string token = sign(c);
  EXPECT_THAT(verifier(api_policy(), kNow + 9).verify(token), HasError(Errc::not_yet_valid));
  EXPECT_THAT(verifier(api_policy(), kNow + 10).verify(token), IsOk());

  Claims future = fresh();
  future.issued_at(UnixTime(std::chrono::seconds(kNow + 60)));
  const std::string future_token = sign(future);
  EXPECT_THAT(verifier(api_policy(), kNow).verify(future_token), HasError(Errc::not_yet_valid));
  auto lenient = PolicyBuilder().expect_audience("api").leeway(60s).build().value();
  EXPECT_THAT(verifier(lenient, kNow).verify(future_token), IsOk());
}

TEST(JwtVerifierTest, FarFutureNumericDates) {
  // NumericDates beyond 2262 do not fit int64 nanoseconds; they must still
  // compare correctly (found by fuzzing: they used to overflow).
  auto v = verifier(PolicyBuilder().max_age(std::chrono::seconds(std::numeric_limits<std::int64_t>::max() / 2)).build().value());
  const std::string h = R"({"alg":"HS256"})";
  auto never = v.verify(forge_hs(h, R"({"exp":9999999999,"iat":1700000000})", kSecret));
  ASSERT_THAT(never, IsOk());
  EXPECT_EQ(never->expires_at()->time_since_epoch().count(), 9999999999);
  EXPECT_THAT(v.verify(forge_hs(h, R"({"exp":253402300799,"iat":1700000000})", kSecret)), IsOk());
  EXPECT_THAT(v.verify(forge_hs(h, R"({"exp":9999999999,"iat":1700000000,"nbf":10000000000})", kSecret)),
              HasError(Errc::not_yet_valid));
  EXPECT_THAT(v.verify(forge_hs(h, R"({"exp":9999999999,"iat":1700000000,"nbf":253402300799})", kSecret)),
              HasError(Errc::not_yet_valid));
  EXPECT_THAT(v.verify(forge_hs(h, R"({"exp":9999999999,"iat":253402300799})", kSecret)),
              HasError(Errc::not_yet_valid));
}

TEST(JwtVerifierTest, MaxAge) {
  const std::string token = sign(fresh());
  auto policy = PolicyBuilder().expect_audience("api").max_age(300s).build().value();
  EXPECT_THAT(verifier(policy, kNow + 300).verify(token), IsOk());
  EXPECT_THAT(verifier(policy, kNow + 301).verify(token), HasError(Errc::expired));
  Claims no_iat;
  no_iat.expires_at(UnixTime(std::chrono::seconds(kNow + 60)));
  const std::string no_iat_token = sign(no_iat);
  EXPECT_THAT(verifier(PolicyBuilder().max_age(300s).build().value()).verify(no_iat_token),
              HasError(Errc::claim_mismatch));
}

TEST(JwtVerifierTest, IssuerAudienceSubjectType) {
  const std::string token = sign(fresh());
  auto p = [](PolicyBuilder b) { return b.build().value(); };
  EXPECT_THAT(verifier(p(PolicyBuilder().expect_audience("api").expect_issuer("x").expect_issuer("iss-1"))).verify(token), IsOk());
  EXPECT_THAT(verifier(p(PolicyBuilder().expect_audience("api").expect_issuer("iss-"))).verify(token), HasError(Errc::claim_mismatch));
  EXPECT_THAT(verifier(p(PolicyBuilder().expect_audience("other"))).verify(token), HasError(Errc::claim_mismatch));
  EXPECT_THAT(verifier(p(PolicyBuilder().expect_audience("ap"))).verify(token), HasError(Errc::claim_mismatch));
  // A token with an audience is refused when none is expected (RFC 8725 §3.9)...
  EXPECT_THAT(verifier().verify(token), HasError(Errc::claim_mismatch));
  // ...unless explicitly ignored.
  EXPECT_THAT(verifier(p(PolicyBuilder().ignore_audience())).verify(token), IsOk());
  EXPECT_THAT(verifier(p(PolicyBuilder().expect_audience("api").expect_subject("user-1"))).verify(token), IsOk());
  EXPECT_THAT(verifier(p(PolicyBuilder().expect_audience("api").expect_subject("user-2"))).verify(token), HasError(Errc::claim_mismatch));
  EXPECT_THAT(verifier(p(PolicyBuilder().expect_audience("api").expect_type("application/JWT"))).verify(token), IsOk());
  EXPECT_THAT(verifier(p(PolicyBuilder().expect_audience("api").expect_type("at+jwt"))).verify(token), HasError(Errc::claim_mismatch));
}

TEST(JwtVerifierTest, AudienceArray) {
  Claims c = fresh();
  c.audiences({"web", "api"});
  const std::string token = sign(c);
  EXPECT_THAT(verifier(api_policy()).verify(token), IsOk());
  EXPECT_THAT(verifier(PolicyBuilder().expect_audience("mobile").build().value()).verify(token),
              HasError(Errc::claim_mismatch));
}

TEST(JwtVerifierTest, RequiredClaimsAndPredicates) {
  const std::string token = sign(fresh());
  EXPECT_THAT(verifier(PolicyBuilder().expect_audience("api").require_claim("jti").build().value()).verify(token),
              HasError(Errc::claim_mismatch));
  EXPECT_THAT(verifier(PolicyBuilder().expect_audience("api").require_claim("sub").build().value()).verify(token),
              IsOk());
  auto admin_only = PolicyBuilder()
                        .expect_audience("api")
                        .check([](const VerifiedToken& t) -> Status {
                          auto role = t.string_claim("role");
                          if (role && *role == "admin") return {};
                          return Unexpected(Errc::claim_mismatch, "not an admin");
                        })
                        .build()
                        .value();
  auto rejected = verifier(admin_only).verify(token);
  ASSERT_THAT(rejected, HasError(Errc::claim_mismatch));
  EXPECT_EQ(rejected.error().detail(), "not an admin");
}

TEST(JwtVerifierTest, MalformedTokens) {
  const std::string token = sign(fresh());
  auto v = verifier(api_policy());
  EXPECT_THAT(v.verify(""), HasError(Errc::malformed));
  EXPECT_THAT(v.verify("abc"), HasError(Errc::malformed));
  EXPECT_THAT(v.verify("a.b"), HasError(Errc::malformed));
  const std::string four = token + ".x";
  EXPECT_THAT(v.verify(four), HasError(Errc::malformed));
  const std::string many_dots(5000, '.');
  EXPECT_THAT(v.verify(many_dots), HasError(Errc::malformed));
  const std::string huge = token + std::string(kDefaultMaxTokenSize, 'A');
  EXPECT_THAT(v.verify(huge), HasError(Errc::malformed));
  const std::string padded_header = "=" + token;
  EXPECT_THAT(v.verify(padded_header), HasError(Errc::malformed));
  const std::string padded_sig = token + "=";
  EXPECT_THAT(v.verify(padded_sig), HasError(Errc::bad_signature));
  const std::string no_sig = token.substr(0, token.rfind('.') + 1);
  EXPECT_THAT(v.verify(no_sig), HasError(Errc::bad_signature));
}

TEST(JwtVerifierTest, TamperingFails) {
  const std::string token = sign(fresh());
  auto v = verifier(api_policy());
  for (std::size_t i = 0; i < token.size(); i += 7) {
    std::string t = token;
    if (t[i] == '.') continue;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(v.verify(t).has_value()) << "position " << i;
  }
}

TEST(JwtVerifierTest, HeaderAlgMustBeTheKeys) {
  const std::string payload = R"({"exp":1700000600})";
  auto v = verifier();
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256"})", payload, kSecret)), IsOk());
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS512"})", payload, kSecret, crypto::Hash::sha512)),
              HasError(Errc::key_mismatch));
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"none"})", payload, kSecret)), HasError(Errc::key_mismatch));
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"hs256"})", payload, kSecret)), HasError(Errc::key_mismatch));
  EXPECT_THAT(v.verify(forge_hs(R"({"typ":"JWT"})", payload, kSecret)), HasError(Errc::malformed));
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256","alg":"HS256"})", payload, kSecret)), HasError(Errc::malformed));
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":["HS256"]})", payload, kSecret)), HasError(Errc::malformed));
  EXPECT_THAT(v.verify(forge_hs(R"(["HS256"])", payload, kSecret)), HasError(Errc::malformed));
}

TEST(JwtVerifierTest, CritAndB64AreRefusedAfterTheSignature) {
  const std::string payload = R"({"exp":1700000600})";
  auto v = verifier();
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256","crit":["exp"],"exp":1})", payload, kSecret)),
              HasError(Errc::unsupported));
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256","b64":false,"crit":["b64"]})", payload, kSecret)),
              HasError(Errc::unsupported));
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256","b64":false})", payload, kSecret)), HasError(Errc::unsupported));
  // With a wrong key the signature fails first: no header verdict leaks.
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256","crit":["x"]})", payload, "wrong-secret-wrong-secret-wrong!")),
              HasError(Errc::bad_signature));
}

TEST(JwtVerifierTest, KeyHeadersNeverSupplyAKey) {
  const std::string payload = R"({"exp":1700000600})";
  const std::string other = "another-secret-another-secret-xx";
  auto v = verifier();
  for (const char* header :
       {R"({"alg":"HS256","jwk":{"kty":"oct","k":"YW5vdGhlci1zZWNyZXQtYW5vdGhlci1zZWNyZXQteHg"}})",
        R"({"alg":"HS256","jku":"https://attacker.example/jwks.json"})",
        R"({"alg":"HS256","x5u":"https://attacker.example/cert.pem"})", R"({"alg":"HS256","x5c":["MIIB"]})"}) {
    EXPECT_THAT(v.verify(forge_hs(header, payload, other)), HasError(Errc::bad_signature)) << header;
    EXPECT_THAT(v.verify(forge_hs(header, payload, kSecret)), IsOk()) << header;
  }
}

TEST(JwtVerifierTest, KidIsOnlyALookupKey) {
  const std::string payload = R"({"exp":1700000600})";
  auto kid_key = HmacKey::from_secret(Algorithm::HS256, SecretBytes(std::string_view(kSecret)), "key-1").value();
  static const FixedClock fixed = FixedClock::from_seconds(kNow);
  auto v = Verifier::create(kid_key, PolicyBuilder().build().value(), fixed).value();
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256","kid":"key-1"})", payload, kSecret)), IsOk());
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256","kid":"../../dev/null"})", payload, kSecret)),
              HasError(Errc::key_mismatch));
  const std::string long_kid = R"({"alg":"HS256","kid":")" + std::string(300, 'k') + "\"}";
  EXPECT_THAT(v.verify(forge_hs(long_kid, payload, kSecret)), HasError(Errc::malformed));
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256","kid":"a\u0000b"})", payload, kSecret)), HasError(Errc::malformed));
}

TEST(JwtVerifierTest, RegisteredClaimsMustHaveTheirTypes) {
  auto v = verifier(PolicyBuilder().allow_missing_exp().build().value());
  const std::string h = R"({"alg":"HS256"})";
  for (const char* payload : {R"({"exp":"1700000600"})", R"({"exp":1700000600.5})", R"({"exp":1e10})",
                              R"({"exp":-1})", R"({"exp":99999999999999})", R"({"nbf":true})", R"({"iat":null})",
                              R"({"iss":5})", R"({"sub":["a"]})", R"({"aud":[1,2]})", R"({"aud":{"a":1}})",
                              R"({"jti":{}})"}) {
    EXPECT_THAT(v.verify(forge_hs(h, payload, kSecret)), HasError(Errc::claim_mismatch)) << payload;
  }
}

TEST(JwtVerifierTest, PayloadMustBeAStrictObject) {
  auto v = verifier(PolicyBuilder().allow_missing_exp().build().value());
  const std::string h = R"({"alg":"HS256"})";
  for (const char* payload : {"[]", "1", "\"x\"", "{", R"({"a":1,"a":2})", "{\"a\":\"\xff\"}", "{\"a\":NaN}"}) {
    EXPECT_THAT(v.verify(forge_hs(h, payload, kSecret)), HasError(Errc::bad_payload)) << payload;
  }
  std::string deep = std::string(40, '[') + std::string(40, ']');
  EXPECT_THAT(v.verify(forge_hs(h, "{\"a\":" + deep + "}", kSecret)), HasError(Errc::bad_payload));
}

// The verifier uses canonical payloads as they are and canonicalises the
// rest; both paths must give the same token.
TEST(JwtVerifierTest, CanonicalAndNonCanonicalPayloadsAgree) {
  auto v = verifier(api_policy());
  const std::string h = R"({"alg":"HS256","typ":"JWT"})";
  const std::string canonical =
      R"({"iss":"iss-1","sub":"user-1","aud":["api","x"],"iat":1700000000,"exp":1700000600,"n":{"a":[1,2.5]}})";
  for (const std::string& payload :
       {canonical,
        std::string(R"({ "iss":"iss-1", "sub":"user-1","aud":["api","x"],"iat":1700000000,"exp":1700000600,"n":{"a":[1,2.5]}} )"),
        std::string(R"({"iss":"iss\u002d1","sub":"user-1","aud":["api","x"],"iat":1700000000,"exp":1700000600,"n":{"a":[1,2.5]}})")}) {
    auto t = v.verify(forge_hs(h, payload, kSecret));
    ASSERT_THAT(t, IsOk()) << payload;
    EXPECT_EQ(t->payload_json(), payload);
    EXPECT_EQ(t->claims_json(), payload == canonical
                                    ? canonical
                                    : R"({"iss":"iss-1","sub":"user-1","aud":["api","x"],"iat":1700000000,"exp":1700000600,"n":{"a":[1,2.5]}})");
    EXPECT_EQ(*t->issuer(), "iss-1");
    EXPECT_EQ(*t->subject(), "user-1");
    EXPECT_EQ(t->audiences(), (std::vector<std::string>{"api", "x"}));
    EXPECT_EQ(t->issued_at()->time_since_epoch(), std::chrono::seconds(kNow));
    EXPECT_EQ(t->expires_at()->time_since_epoch(), std::chrono::seconds(kNow + 600));
    EXPECT_EQ(*t->claim("n"), R"({"a":[1,2.5]})");
  }
}

TEST(JwtVerifierTest, VerifyIntoACallersBuffer) {
  auto v = verifier(api_policy());
  VerifiedTokenBuffer buffer;
  Claims big = fresh();
  big.set("pad", std::string(3000, 'p'));  // larger than the stack payload buffer
  const std::string tokens[] = {sign(fresh()), sign(big), sign(fresh())};
  for (const std::string& token : tokens) {
    auto into = v.verify(token, buffer);
    ASSERT_THAT(into, IsOk());
    auto alone = v.verify(token);
    ASSERT_THAT(alone, IsOk());
    EXPECT_EQ((*into)->claims_json(), alone->claims_json());
    EXPECT_EQ((*into)->header_json(), alone->header_json());
    EXPECT_EQ(*(*into)->subject(), "user-1");
    EXPECT_EQ(*(*into)->type(), "JWT");
    EXPECT_EQ((*into)->expires_at(), alone->expires_at());
  }
  // Rejections through the buffer give the same errors.
  std::string bad = tokens[0];
  bad.back() = bad.back() == 'A' ? 'B' : 'A';
  EXPECT_THAT(v.verify(bad, buffer), HasError(Errc::bad_signature));
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256"})", R"({"a":1,"a":2})", kSecret), buffer),
              HasError(Errc::bad_payload));
  // ...and the buffer still works afterwards.
  auto again = v.verify(tokens[2], buffer);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(*(*again)->issuer(), "iss-1");
  // (The test clock is shared: this comes last.)
  EXPECT_THAT(verifier(api_policy(), kNow + 601).verify(tokens[0], buffer), HasError(Errc::expired));
}

TEST(JwtVerifierTest, SignatureIsCheckedBeforeClaims) {
  Claims c = fresh();
  const std::string token = sign(c);
  std::string bad = token;
  bad.back() = bad.back() == 'A' ? 'B' : 'A';
  // Expired and tampered: the answer is about the signature, not the claims.
  EXPECT_THAT(verifier(api_policy(), kNow + 10000).verify(bad), HasError(Errc::bad_signature));
}

TEST(JwtVerifierTest, InspectUnverified) {
  const std::string token = sign(fresh());
  auto u = inspect_unverified(token);
  ASSERT_THAT(u, IsOk());
  EXPECT_EQ(u->header_json, R"({"alg":"HS256","typ":"JWT"})");
  EXPECT_EQ(u->payload_json, *fresh().to_json());
  EXPECT_THAT(inspect_unverified("a.b"), HasError(Errc::malformed));
  EXPECT_THAT(inspect_unverified(token + "="), HasError(Errc::malformed));
}

TEST(JwtSignerTest, SigningATemporaryBuilderGivesTheSameToken) {
  auto signer = Signer::create(key()).value();
  Claims big = fresh();
  big.set("pad", std::string(4000, 'p'));  // beyond the in-place path's stack buffer
  for (const Claims& c : {fresh(), big}) {
    Claims copy = c;
    auto from_rvalue = signer.sign(std::move(copy));
    ASSERT_THAT(from_rvalue, IsOk());
    EXPECT_EQ(*from_rvalue, signer.sign(c).value());
    EXPECT_EQ(copy.to_json().value(), "{}");  // the builder is left empty and usable
    EXPECT_THAT(verifier(api_policy()).verify(*from_rvalue), IsOk());
  }
  Claims bad;
  bad.set("iss", "registered names need their typed setter");
  EXPECT_THAT(signer.sign(std::move(bad)), HasError(Errc::invalid_argument));
}

TEST(JwtSignerTest, HeaderOptions) {
  auto k = HmacKey::from_secret(Algorithm::HS384, SecretBytes(std::string_view(kSecret + kSecret)), "k1").value();
  SignerOptions options;
  options.type = "at+jwt";
  auto s = Signer::create(k, options).value();
  auto t = s.sign_json(R"({"exp":1700000600})").value();
  EXPECT_EQ(inspect_unverified(t)->header_json, R"({"alg":"HS384","typ":"at+jwt","kid":"k1"})");
  options.type.reset();
  options.include_kid = false;
  t = Signer::create(k, options).value().sign_json(R"({"a":1})").value();
  EXPECT_EQ(inspect_unverified(t)->header_json, R"({"alg":"HS384"})");
  options.kid = "override";
  t = Signer::create(k, options).value().sign_json(R"({"a":1})").value();
  EXPECT_EQ(inspect_unverified(t)->header_json, R"({"alg":"HS384","kid":"override"})");
  options.kid = std::string(257, 'x');
  EXPECT_THAT(Signer::create(k, options), HasError(Errc::invalid_argument));
  EXPECT_THAT(s.sign_json("[1]"), HasError(Errc::invalid_argument));
  EXPECT_THAT(s.sign_json("{"), HasError(Errc::invalid_argument));
}

}  // namespace
}  // namespace signet::jwt
