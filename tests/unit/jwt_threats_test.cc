// One test per entry of the threat catalog (shared/spec/threats.md §6) that
// applies to JWS, named by its number. Each builds the attack token and
// checks it is rejected with the expected code. Entries that do not apply
// (JWE: 40-47; fetching: 13; caches: 50) are listed in docs/security.md.
#include <gtest/gtest.h>

#include <random>

#include "encoding/base64url.h"
#include "signet/jwt.h"
#include "support/jws_forge.h"
#include "support/matchers.h"

namespace signet::jwt {
namespace {

using signet::testing::b64;
using signet::testing::forge_hs;
using signet::testing::HasError;
using signet::testing::IsOk;

constexpr std::int64_t kNow = 1700000000;
const std::string kPayload = R"({"sub":"user","exp":1700000600})";
const std::string kSecret(32, 's');

const FixedClock& now_clock() {
  static const FixedClock clock = FixedClock::from_seconds(kNow);
  return clock;
}

Policy default_policy() { return PolicyBuilder().build().value(); }

const PrivateKey& es256() {
  static const PrivateKey key = PrivateKey::generate(Algorithm::ES256).value();
  return key;
}
const PrivateKey& rs256() {
  static const PrivateKey key = PrivateKey::generate(Algorithm::RS256).value();
  return key;
}
HmacKey hs256() { return HmacKey::from_secret(Algorithm::HS256, SecretBytes(kSecret)).value(); }

Verifier verifier_for(const PrivateKey& key, Policy policy = default_policy()) {
  return Verifier::create(key.public_key(), std::move(policy), now_clock()).value();
}
Verifier hs_verifier(Policy policy = default_policy()) {
  return Verifier::create(hs256(), std::move(policy), now_clock()).value();
}

std::string sign_with(const PrivateKey& key, std::string_view payload = kPayload) {
  return Signer::create(key).value().sign_json(payload).value();
}

// Replaces a token's signature segment.
std::string with_signature(std::string_view token, std::string_view signature_b64) {
  return std::string(token.substr(0, token.rfind('.') + 1)) + std::string(signature_b64);
}

TEST(JwtThreatsTest, T01_AlgNoneIsNeverAccepted) {
  auto v = hs_verifier();
  for (const char* alg : {"none", "None", "NONE", "nOnE"}) {
    const std::string header = std::string(R"({"alg":")") + alg + "\"}";
    const std::string unsigned_token = b64(header) + "." + b64(kPayload) + ".";
    EXPECT_THAT(v.verify(unsigned_token), HasError(Errc::key_mismatch)) << alg;
  }
  EXPECT_THAT(parse_algorithm("none"), HasError(Errc::unsupported));
}

TEST(JwtThreatsTest, T02_PublicKeyAsHmacSecretConfusion) {
  // The attacker HMACs with the verifier's public key bytes as the secret.
  const std::string pem = rs256().public_key().to_pem();
  const std::string token = forge_hs(R"({"alg":"HS256"})", kPayload, pem);
  EXPECT_THAT(verifier_for(rs256()).verify(token), HasError(Errc::key_mismatch));
  // And public-key material can never become an HMAC key.
  EXPECT_THAT(HmacKey::from_jwk(rs256().public_key().to_jwk(), Algorithm::HS256), HasError(Errc::invalid_key));
  EXPECT_THAT(HmacKey::from_jwk(es256().public_key().to_jwk(), Algorithm::HS256), HasError(Errc::invalid_key));
}

TEST(JwtThreatsTest, T03_KeyFamilyMustFitTheAlgorithm) {
  const std::string ec_pem = es256().to_pem_with_private();
  EXPECT_THAT(PrivateKey::from_pem(ec_pem, Algorithm::RS256), HasError(Errc::invalid_key));
  EXPECT_THAT(PrivateKey::from_pem(ec_pem, Algorithm::ES384), HasError(Errc::invalid_key));
  EXPECT_THAT(PrivateKey::from_pem(ec_pem, Algorithm::EdDSA), HasError(Errc::invalid_key));
  EXPECT_THAT(PrivateKey::from_pem(ec_pem, Algorithm::HS256), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem(rs256().public_key().to_pem(), Algorithm::ES256), HasError(Errc::invalid_key));
}

TEST(JwtThreatsTest, T04_AlgorithmPinnedWithinAFamily) {
  // The same RSA key bound to PS256 signs; a verifier bound to RS256 refuses.
  auto ps = PrivateKey::from_pem(rs256().to_pem_with_private(), Algorithm::PS256).value();
  EXPECT_THAT(verifier_for(rs256()).verify(sign_with(ps)), HasError(Errc::key_mismatch));
  auto rs512 = PrivateKey::from_pem(rs256().to_pem_with_private(), Algorithm::RS512).value();
  EXPECT_THAT(verifier_for(rs256()).verify(sign_with(rs512)), HasError(Errc::key_mismatch));
  EXPECT_THAT(verifier_for(rs256()).verify(sign_with(rs256())), IsOk());
}

TEST(JwtThreatsTest, T05_EmptyOrTinyHmacKeysAreRefused) {
  EXPECT_THAT(HmacKey::from_secret(Algorithm::HS256, SecretBytes()), HasError(Errc::invalid_key));
  EXPECT_THAT(HmacKey::from_secret(Algorithm::HS256, SecretBytes(std::string(1, 'k'))), HasError(Errc::invalid_key));
  EXPECT_THAT(HmacKey::from_jwk(R"({"kty":"oct","k":"","alg":"HS256"})"), HasError(Errc::invalid_key));
}

TEST(JwtThreatsTest, T06_HmacKeysAtLeastTheHashSize) {
  EXPECT_THAT(HmacKey::from_secret(Algorithm::HS256, SecretBytes(std::string(31, 'k'))), HasError(Errc::invalid_key));
  EXPECT_THAT(HmacKey::from_secret(Algorithm::HS256, SecretBytes(std::string(32, 'k'))), IsOk());
  EXPECT_THAT(HmacKey::from_secret(Algorithm::HS384, SecretBytes(std::string(47, 'k'))), HasError(Errc::invalid_key));
  EXPECT_THAT(HmacKey::from_secret(Algorithm::HS512, SecretBytes(std::string(63, 'k'))), HasError(Errc::invalid_key));
  EXPECT_THAT(HmacKey::from_secret(Algorithm::HS512, SecretBytes(std::string(64, 'k'))), IsOk());
  auto generated = HmacKey::generate(Algorithm::HS512);
  ASSERT_THAT(generated, IsOk());
}

TEST(JwtThreatsTest, T07_WeakOrHugeRsaKeysAreRefused) {
  constexpr const char* kRsa1024 =
      "-----BEGIN PUBLIC KEY-----\n"
      "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC/VTH/6OmbRkPuGiqjsYgGAUqQ\n"
      "J8wyzZy0LY6pZZjI+t4MBY2hrAv46+qVWvcq3Th+YGBXW1y8Jg08KFvolvtqG5Ae\n"
      "16Axferiqmb4YyshU8tRTC3HHSE+jxKAd4/4SrXwc07ezOOrh5sRcFY5Dq/fOZIc\n"
      "mhfXFbYlUI1sgybi6wIDAQAB\n"
      "-----END PUBLIC KEY-----\n";
  EXPECT_THAT(PublicKey::from_pem(kRsa1024, Algorithm::RS256), HasError(Errc::invalid_key));
  EXPECT_FALSE(PrivateKey::generate(Algorithm::RS256, "", 1024).has_value());
  EXPECT_FALSE(PrivateKey::generate(Algorithm::RS256, "", 16384).has_value());
}

TEST(JwtThreatsTest, T08_EmbeddedJwkNeverSuppliesTheKey) {
  auto attacker = PrivateKey::generate(Algorithm::ES256).value();
  const std::string header = R"({"alg":"ES256","jwk":)" + attacker.public_key().to_jwk() + "}";
  // Signed by the attacker's key, announcing that key in the header.
  const std::string unsigned_part = b64(header) + "." + b64(kPayload);
  const std::string attacker_token = sign_with(attacker);
  const std::string token = unsigned_part + attacker_token.substr(attacker_token.rfind('.'));
  EXPECT_THAT(verifier_for(es256()).verify(token), HasError(Errc::bad_signature));
}

TEST(JwtThreatsTest, T09_JkuAndX5uAreNeverFetched) {
  const std::string other(32, 'o');
  for (const char* h : {R"({"alg":"HS256","jku":"http://127.0.0.1:1/jwks"})",
                        R"({"alg":"HS256","x5u":"file:///etc/passwd"})"}) {
    EXPECT_THAT(hs_verifier().verify(forge_hs(h, kPayload, other)), HasError(Errc::bad_signature));
  }
}

TEST(JwtThreatsTest, T10_X5cIsNotTrusted) {
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256","x5c":["MIIBIjANBg"]})", kPayload, std::string(32, 'x'))),
              HasError(Errc::bad_signature));
}

TEST(JwtThreatsTest, T11_KidInjection) {
  auto keyed = HmacKey::from_secret(Algorithm::HS256, SecretBytes(kSecret), "k1").value();
  auto v = Verifier::create(keyed, default_policy(), now_clock()).value();
  for (const char* kid : {"../../dev/null", "' OR 1=1 --", "k1 ", "K1"}) {
    const std::string h = std::string(R"({"alg":"HS256","kid":")") + kid + "\"}";
    EXPECT_THAT(v.verify(forge_hs(h, kPayload, kSecret)), HasError(Errc::key_mismatch)) << kid;
  }
  const std::string long_kid = R"({"alg":"HS256","kid":")" + std::string(1000, 'a') + "\"}";
  EXPECT_THAT(v.verify(forge_hs(long_kid, kPayload, kSecret)), HasError(Errc::malformed));
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256","kid":"k\n1"})", kPayload, kSecret)), HasError(Errc::malformed));
}

TEST(JwtThreatsTest, T12_KeySetSelectionIsNeverAmbiguous) {
  auto a = PrivateKey::generate(Algorithm::ES256).value();
  auto b = PrivateKey::generate(Algorithm::ES256).value();
  auto set = KeySet::from_keys({a.public_key(), b.public_key()});
  auto v = Verifier::create(set, default_policy(), now_clock()).value();
  // Two keys without kid for the same alg: a token without kid is refused.
  EXPECT_THAT(v.verify(sign_with(a)), HasError(Errc::key_mismatch));
}

TEST(JwtThreatsTest, T14_PsychicSignaturesAreRejected) {
  const std::string token = sign_with(es256());
  const std::string zeros = encoding::base64url_encode(std::vector<std::uint8_t>(64, 0));
  EXPECT_THAT(verifier_for(es256()).verify(with_signature(token, zeros)), HasError(Errc::bad_signature));
}

TEST(JwtThreatsTest, T15_EcdsaSignaturesMustBeRawAndExact) {
  const std::string token = sign_with(es256());
  auto raw = encoding::base64url_decode(token.substr(token.rfind('.') + 1)).value();
  ASSERT_EQ(raw.size(), 64u);
  // The DER form of the same (r, s).
  std::string der = "\x30";
  auto integer = [](std::string_view half) {
    std::string v(half);
    while (v.size() > 1 && v[0] == '\0') v.erase(0, 1);
    if (static_cast<unsigned char>(v[0]) & 0x80) v.insert(0, 1, '\0');
    return std::string("\x02") + static_cast<char>(v.size()) + v;
  };
  const std::string body = integer(std::string_view(raw).substr(0, 32)) + integer(std::string_view(raw).substr(32));
  der += static_cast<char>(body.size());
  der += body;
  EXPECT_THAT(verifier_for(es256()).verify(with_signature(token, b64(der))), HasError(Errc::bad_signature));
  EXPECT_THAT(verifier_for(es256()).verify(with_signature(token, b64(raw + '\0'))), HasError(Errc::bad_signature));
  EXPECT_THAT(verifier_for(es256()).verify(with_signature(token, b64(raw.substr(1)))), HasError(Errc::bad_signature));
  EXPECT_THAT(verifier_for(es256()).verify(token), IsOk());
}

TEST(JwtThreatsTest, T16_OversizedSignatures) {
  const std::string token = sign_with(es256());
  EXPECT_THAT(verifier_for(es256()).verify(with_signature(token, std::string(4000, 'A'))), HasError(Errc::bad_signature));
  EXPECT_THAT(verifier_for(es256()).verify(with_signature(token, std::string(21830, 'A'))), HasError(Errc::malformed));
}

TEST(JwtThreatsTest, T17_StrippedSignatures) {
  EXPECT_THAT(verifier_for(es256()).verify(with_signature(sign_with(es256()), "")), HasError(Errc::bad_signature));
  EXPECT_THAT(hs_verifier().verify(with_signature(forge_hs(R"({"alg":"HS256"})", kPayload, kSecret), "")),
              HasError(Errc::bad_signature));
}

TEST(JwtThreatsTest, T18_NonCanonicalSignatureEncoding) {
  const std::string token = forge_hs(R"({"alg":"HS256"})", kPayload, kSecret);
  ASSERT_THAT(hs_verifier().verify(token), IsOk());
  // 43 characters encode 32 bytes with 2 spare bits: flipping them is refused.
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string spare = token;
  spare.back() = alphabet[alphabet.find(spare.back()) ^ 1];
  EXPECT_THAT(hs_verifier().verify(spare), HasError(Errc::bad_signature));
  EXPECT_THAT(hs_verifier().verify(token + "="), HasError(Errc::bad_signature));
}

TEST(JwtThreatsTest, T20_SecretNeverComesFromTokenData) {
  // Whatever the kid says, only configured keys verify.
  const std::string attacker(32, 'a');
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256","kid":"attacker"})", kPayload, attacker)),
              HasError(Errc::bad_signature));
}

TEST(JwtThreatsTest, T21_T24_T37_OnlyCompactSerialization) {
  const std::string token = forge_hs(R"({"alg":"HS256"})", kPayload, kSecret);
  const std::string json_serialized = R"({"payload":")" + b64(kPayload) + R"(","signatures":[]})";
  EXPECT_THAT(hs_verifier().verify(json_serialized), HasError(Errc::malformed));
  EXPECT_THAT(hs_verifier().verify(token + "." + token), HasError(Errc::malformed));
}

TEST(JwtThreatsTest, T23_DuplicateMemberNames) {
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256","alg":"none"})", kPayload, kSecret)),
              HasError(Errc::malformed));
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256"})", R"({"sub":"a","sub":"admin","exp":1700000600})", kSecret)),
              HasError(Errc::bad_payload));
}

TEST(JwtThreatsTest, T25_MemberNamesAreCaseSensitive) {
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"ALG":"HS256"})", kPayload, kSecret)), HasError(Errc::malformed));
  // "EXP" is not exp: exp is still required.
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256"})", R"({"EXP":1700000600})", kSecret)),
              HasError(Errc::claim_mismatch));
}

TEST(JwtThreatsTest, T26_Base64urlLaxity) {
  const std::string token = forge_hs(R"({"alg":"HS256"})", kPayload, kSecret);
  const std::size_t dot = token.find('.');
  for (const std::string& bad : {token.substr(0, dot) + "=" + token.substr(dot), " " + token,
                                 token.substr(0, dot) + "\n" + token.substr(dot),
                                 token.substr(0, dot + 1) + "+" + token.substr(dot + 2)}) {
    EXPECT_THAT(hs_verifier().verify(bad), HasError(Errc::malformed)) << bad;
  }
}

TEST(JwtThreatsTest, T27_InvalidUtf8AndNul) {
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256"})", "{\"sub\":\"\xc0\xaf\",\"exp\":1700000600}", kSecret)),
              HasError(Errc::bad_payload));
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256"})", R"({"sub":"\ud800","exp":1700000600})", kSecret)),
              HasError(Errc::bad_payload));
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256","kid":"a\u0000"})", kPayload, kSecret)),
              HasError(Errc::malformed));
}

TEST(JwtThreatsTest, T28_NumericDateTypeConfusion) {
  for (const char* exp : {R"("1700000600")", "1700000600.5", "1e309", "null", "true", "[1700000600]", "-1"}) {
    const std::string payload = std::string(R"({"exp":)") + exp + "}";
    auto r = hs_verifier().verify(forge_hs(R"({"alg":"HS256"})", payload, kSecret));
    EXPECT_FALSE(r.has_value()) << exp;
    EXPECT_TRUE(r.error().code() == Errc::claim_mismatch || r.error().code() == Errc::bad_payload) << exp;
  }
}

TEST(JwtThreatsTest, T29_NoPartialStringMatching) {
  auto v = hs_verifier(PolicyBuilder().expect_issuer("https://issuer.example").expect_audience("api").build().value());
  for (const char* payload :
       {R"({"iss":"https://issuer.example.evil","aud":"api","exp":1700000600})",
        R"({"iss":"https://issuer.exampl","aud":"api","exp":1700000600})",
        R"({"iss":["https://issuer.example"],"aud":"api","exp":1700000600})",
        R"({"iss":"https://issuer.example","aud":"xapi","exp":1700000600})",
        R"({"iss":"https://issuer.example","aud":"api,web","exp":1700000600})"}) {
    auto r = v.verify(forge_hs(R"({"alg":"HS256"})", payload, kSecret));
    EXPECT_THAT(r, HasError(Errc::claim_mismatch)) << payload;
  }
}

TEST(JwtThreatsTest, T30_DeepNestingAndHugeDocuments) {
  const std::string deep = R"({"x":)" + std::string(100, '[') + std::string(100, ']') + R"(,"exp":1700000600})";
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256"})", deep, kSecret)), HasError(Errc::bad_payload));
  const std::string huge = R"({"x":")" + std::string(20000, 'a') + R"(","exp":1700000600})";
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256"})", huge, kSecret)), HasError(Errc::malformed));
  auto big_policy = PolicyBuilder().max_token_size(100000).build().value();
  EXPECT_THAT(hs_verifier(big_policy).verify(forge_hs(R"({"alg":"HS256"})", huge, kSecret)), IsOk());
}

TEST(JwtThreatsTest, T31_SegmentCountAndLength) {
  EXPECT_THAT(hs_verifier().verify(std::string(8000, '.')), HasError(Errc::malformed));
  EXPECT_THAT(hs_verifier().verify(std::string(10'000'000, 'a')), HasError(Errc::malformed));
  EXPECT_THAT(hs_verifier().verify("a.b.c.d"), HasError(Errc::malformed));
}

TEST(JwtThreatsTest, T32_ErrorsCannotBeMistakenForSuccess) {
  auto r = hs_verifier().verify("garbage");
  EXPECT_FALSE(r.has_value());
  EXPECT_THROW((void)r.value(), BadResultAccess);
}

TEST(JwtThreatsTest, T33_SignatureBeforeClaims) {
  const std::string expired = forge_hs(R"({"alg":"HS256"})", R"({"exp":1})", kSecret);
  EXPECT_THAT(hs_verifier().verify(expired), HasError(Errc::expired));
  EXPECT_THAT(hs_verifier().verify(with_signature(expired, std::string(43, 'A'))), HasError(Errc::bad_signature));
}

TEST(JwtThreatsTest, T34_NoExceptionsOnAnyInput) {
  std::mt19937 rng(7);
  const std::string token = forge_hs(R"({"alg":"HS256"})", kPayload, kSecret);
  auto v = hs_verifier();
  for (int i = 0; i < 2000; ++i) {
    std::string t = token;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) t[rng() % t.size()] = static_cast<char>(rng() % 256);
    EXPECT_NO_THROW((void)v.verify(t));
    EXPECT_NO_THROW((void)inspect_unverified(t));
  }
}

TEST(JwtThreatsTest, T35_CritIsRefused) {
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256","crit":["exp"],"exp":1})", kPayload, kSecret)),
              HasError(Errc::unsupported));
}

TEST(JwtThreatsTest, T36_UnencodedPayloadIsRefused) {
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256","b64":false,"crit":["b64"]})", kPayload, kSecret)),
              HasError(Errc::unsupported));
}

TEST(JwtThreatsTest, T38_TokenTypesAreNotInterchangeable) {
  auto access_only = hs_verifier(PolicyBuilder().expect_type("at+jwt").build().value());
  EXPECT_THAT(access_only.verify(forge_hs(R"({"alg":"HS256","typ":"JWT"})", kPayload, kSecret)),
              HasError(Errc::claim_mismatch));
  EXPECT_THAT(access_only.verify(forge_hs(R"({"alg":"HS256"})", kPayload, kSecret)), HasError(Errc::claim_mismatch));
  EXPECT_THAT(access_only.verify(forge_hs(R"({"alg":"HS256","typ":"application/at+JWT"})", kPayload, kSecret)), IsOk());
}

TEST(JwtThreatsTest, T39_IssuerMixUp) {
  auto v = hs_verifier(PolicyBuilder().expect_issuer("tenant-a").build().value());
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256"})", R"({"iss":"tenant-b","exp":1700000600})", kSecret)),
              HasError(Errc::claim_mismatch));
  EXPECT_THAT(v.verify(forge_hs(R"({"alg":"HS256"})", R"({"exp":1700000600})", kSecret)), HasError(Errc::claim_mismatch));
}

TEST(JwtThreatsTest, T48_LifetimeIsBounded) {
  EXPECT_THAT(hs_verifier().verify(forge_hs(R"({"alg":"HS256"})", R"({"sub":"forever"})", kSecret)),
              HasError(Errc::claim_mismatch));
}

TEST(JwtThreatsTest, T49_LeewayIsCapped) {
  EXPECT_THAT(PolicyBuilder().leeway(std::chrono::hours(1)).build(), HasError(Errc::invalid_argument));
}

TEST(JwtThreatsTest, T51_RotationByKid) {
  auto old_key = HmacKey::from_secret(Algorithm::HS256, SecretBytes(std::string(32, 'o')), "2025").value();
  auto new_key = HmacKey::from_secret(Algorithm::HS256, SecretBytes(std::string(32, 'n')), "2026").value();
  const std::string old_token = Signer::create(old_key).value().sign_json(kPayload).value();
  const std::string new_token = Signer::create(new_key).value().sign_json(kPayload).value();
  auto both = Verifier::create(KeySet::from_keys({}, {old_key, new_key}), default_policy(), now_clock()).value();
  EXPECT_THAT(both.verify(old_token), IsOk());
  EXPECT_THAT(both.verify(new_token), IsOk());
  auto retired = Verifier::create(KeySet::from_keys({}, {new_key}), default_policy(), now_clock()).value();
  EXPECT_THAT(retired.verify(old_token), HasError(Errc::key_mismatch));
  EXPECT_THAT(retired.verify(new_token), IsOk());
}

}  // namespace
}  // namespace signet::jwt
