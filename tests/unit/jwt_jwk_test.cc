// Tests for JWK import and export (RFC 7517, RFC 7518 §6, RFC 8037) and
// thumbprints (RFC 7638): the binding of "alg", "use", "key_ops" and "kid",
// strict base64url and JSON, and exact output.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "jwt/key_data.h"
#include "signet/jwt/keys.h"
#include "support/matchers.h"

namespace signet::jwt {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

// RFC example keys: RFC 7515 A.1 (oct), A.2 (RSA), A.3 (EC P-256) and
// RFC 8037 A.1 (Ed25519).
constexpr std::string_view kOctK = R"("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")";
constexpr std::string_view kRsaN =
    R"("ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ")";
constexpr std::string_view kRsaD =
    R"("Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ")";
constexpr std::string_view kRsaP =
    R"("4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc")";
constexpr std::string_view kRsaQ =
    R"("uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc")";
constexpr std::string_view kRsaDp =
    R"("BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0")";
constexpr std::string_view kRsaDq =
    R"("h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU")";
constexpr std::string_view kRsaQi =
    R"("IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U")";
constexpr std::string_view kEcX = R"("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU")";
constexpr std::string_view kEcY = R"("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0")";
constexpr std::string_view kEcD = R"("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI")";
constexpr std::string_view kEdX = R"("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")";
constexpr std::string_view kEdD = R"("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")";

using Members = std::vector<std::pair<std::string_view, std::string_view>>;

// jwk writes {"name":value,...}; values are raw JSON text.
std::string jwk(const Members& members) {
  std::string out = "{";
  for (const auto& [name, value] : members) {
    if (out.size() > 1) out += ',';
    out.append("\"").append(name).append("\":").append(value);
  }
  return out + "}";
}

Members with(Members m, std::string_view name, std::string_view value) {
  for (auto& member : m) {
    if (member.first == name) {
      member.second = value;
      return m;
    }
  }
  m.emplace_back(name, value);
  return m;
}

Members without(Members m, std::string_view name) {
  std::erase_if(m, [&](const auto& member) { return member.first == name; });
  return m;
}

const Members kEcPublic = {{"kty", R"("EC")"}, {"crv", R"("P-256")"}, {"x", kEcX}, {"y", kEcY}};
const Members kEcPrivate = with(kEcPublic, "d", kEcD);
const Members kRsaPublic = {{"kty", R"("RSA")"}, {"n", kRsaN}, {"e", R"("AQAB")"}};
const Members kRsaPrivate = {{"kty", R"("RSA")"}, {"n", kRsaN}, {"e", R"("AQAB")"}, {"d", kRsaD}, {"p", kRsaP},
                             {"q", kRsaQ},        {"dp", kRsaDp}, {"dq", kRsaDq},     {"qi", kRsaQi}};
const Members kEdPublic = {{"kty", R"("OKP")"}, {"crv", R"("Ed25519")"}, {"x", kEdX}};
const Members kEdPrivate = with(kEdPublic, "d", kEdD);
const Members kOct = {{"kty", R"("oct")"}, {"k", kOctK}};

TEST(JwkTest, Rfc7638Thumbprint) {
  // RFC 7638 §3.1: the example key and its thumbprint.
  const std::string key = R"({"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"})";
  auto pub = PublicKey::from_jwk(key);
  ASSERT_THAT(pub, IsOk());
  EXPECT_EQ(pub->thumbprint(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  EXPECT_EQ(pub->algorithm(), Algorithm::RS256);
  EXPECT_EQ(pub->kid(), "2011-04-29");
  // The thumbprint ignores alg, kid and member order.
  auto same = PublicKey::from_jwk(jwk({{"e", R"("AQAB")"}, {"n", key.substr(key.find("\"0vx7"), 344)}, {"kty", R"("RSA")"}}),
                                  Algorithm::PS512);
  ASSERT_THAT(same, IsOk());
  EXPECT_EQ(same->thumbprint(), pub->thumbprint());
}

TEST(JwkTest, ThumbprintsOfOtherKeyTypesUseTheirRequiredMembers) {
  auto ec = PublicKey::from_jwk(jwk(kEcPublic), Algorithm::ES256);
  auto ec_kid = PublicKey::from_jwk(jwk(with(with(kEcPublic, "kid", R"("a")"), "use", R"("sig")")), Algorithm::ES256);
  ASSERT_THAT(ec, IsOk());
  ASSERT_THAT(ec_kid, IsOk());
  EXPECT_EQ(ec->thumbprint(), ec_kid->thumbprint());
  EXPECT_EQ(ec->thumbprint().size(), 43u);
  auto ed = PublicKey::from_jwk(jwk(kEdPublic), Algorithm::EdDSA);
  ASSERT_THAT(ed, IsOk());
  // RFC 8037 A.3: the thumbprint of the A.2 public key.
  EXPECT_EQ(ed->thumbprint(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  auto oct = HmacKey::from_jwk(jwk(kOct), Algorithm::HS256);
  ASSERT_THAT(oct, IsOk());
  EXPECT_NE(oct->thumbprint(), ec->thumbprint());
}

TEST(JwkTest, AlgorithmBinding) {
  const Members rs256 = with(kRsaPublic, "alg", R"("RS256")");
  auto from_jwk = PublicKey::from_jwk(jwk(rs256));
  ASSERT_THAT(from_jwk, IsOk());
  EXPECT_EQ(from_jwk->algorithm(), Algorithm::RS256);
  EXPECT_THAT(PublicKey::from_jwk(jwk(rs256), Algorithm::RS256), IsOk());
  EXPECT_THAT(PublicKey::from_jwk(jwk(rs256), Algorithm::PS256), HasError(Errc::key_mismatch));
  auto from_param = PublicKey::from_jwk(jwk(kRsaPublic), Algorithm::PS384);
  ASSERT_THAT(from_param, IsOk());
  EXPECT_EQ(from_param->algorithm(), Algorithm::PS384);
  EXPECT_THAT(PublicKey::from_jwk(jwk(kRsaPublic)), HasError(Errc::invalid_argument));
  EXPECT_THAT(HmacKey::from_jwk(jwk(kOct)), HasError(Errc::invalid_argument));
  EXPECT_THAT(PrivateKey::from_jwk(jwk(kEcPrivate)), HasError(Errc::invalid_argument));

  for (const std::string_view alg : {R"("none")", R"("RSA1_5")", R"("A256GCM")", R"("ES521")", R"("rs256")", R"("")"}) {
    EXPECT_THAT(PublicKey::from_jwk(jwk(with(kRsaPublic, "alg", alg))), HasError(Errc::unsupported)) << alg;
    EXPECT_THAT(PublicKey::from_jwk(jwk(with(kRsaPublic, "alg", alg)), Algorithm::RS256), HasError(Errc::unsupported));
    EXPECT_THAT(HmacKey::from_jwk(jwk(with(kOct, "alg", alg)), Algorithm::HS256), HasError(Errc::unsupported));
  }
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kRsaPublic, "alg", "256"))), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kRsaPublic, "alg", "null"))), HasError(Errc::invalid_key));
}

TEST(JwkTest, KtyMustFitTheAlgorithmAndThePurpose) {
  // Public-key material never becomes an HMAC secret, whatever "alg" says.
  EXPECT_THAT(HmacKey::from_jwk(jwk(kRsaPublic), Algorithm::HS256), HasError(Errc::invalid_key));
  EXPECT_THAT(HmacKey::from_jwk(jwk(with(kEcPublic, "alg", R"("HS256")"))), HasError(Errc::invalid_key));
  EXPECT_THAT(HmacKey::from_jwk(jwk(kEdPrivate), Algorithm::HS512), HasError(Errc::invalid_key));
  // A secret is never a public or private key.
  EXPECT_THAT(PublicKey::from_jwk(jwk(kOct), Algorithm::HS256), HasError(Errc::invalid_key));
  EXPECT_THAT(PrivateKey::from_jwk(jwk(with(kOct, "alg", R"("RS256")"))), HasError(Errc::invalid_key));
  // kty against the algorithm family.
  EXPECT_THAT(PublicKey::from_jwk(jwk(kEcPublic), Algorithm::RS256), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(kRsaPublic), Algorithm::ES256), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(kEdPublic), Algorithm::ES256), HasError(Errc::invalid_key));
  EXPECT_THAT(HmacKey::from_jwk(jwk(kOct), Algorithm::RS256), HasError(Errc::invalid_key));
  // Missing, unknown or mistyped kty.
  EXPECT_THAT(PublicKey::from_jwk(jwk(without(kRsaPublic, "kty")), Algorithm::RS256), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kRsaPublic, "kty", R"("rsa")")), Algorithm::RS256),
              HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kRsaPublic, "kty", "1")), Algorithm::RS256), HasError(Errc::invalid_key));
}

TEST(JwkTest, UseAndKeyOps) {
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "use", R"("sig")")), Algorithm::ES256), IsOk());
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "use", R"("enc")")), Algorithm::ES256),
              HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "use", R"("SIG")")), Algorithm::ES256),
              HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "use", R"(["sig"])")), Algorithm::ES256),
              HasError(Errc::invalid_key));

  const auto public_ops = [](std::string_view ops) {
    return PublicKey::from_jwk(jwk(with(kEcPublic, "key_ops", ops)), Algorithm::ES256);
  };
  EXPECT_THAT(public_ops(R"(["verify"])"), IsOk());
  EXPECT_THAT(public_ops(R"(["sign","verify","wrapKey"])"), IsOk());
  EXPECT_THAT(public_ops(R"(["sign"])"), HasError(Errc::invalid_key));
  EXPECT_THAT(public_ops(R"([])"), HasError(Errc::invalid_key));
  EXPECT_THAT(public_ops(R"(["verify","verify"])"), HasError(Errc::invalid_key));
  EXPECT_THAT(public_ops(R"("verify")"), HasError(Errc::invalid_key));
  EXPECT_THAT(public_ops(R"(["sign, verify"])"), HasError(Errc::invalid_key));
  EXPECT_THAT(public_ops(R"([1])"), HasError(Errc::invalid_key));

  const auto private_ops = [](std::string_view ops) {
    return PrivateKey::from_jwk(jwk(with(kEcPrivate, "key_ops", ops)), Algorithm::ES256);
  };
  EXPECT_THAT(private_ops(R"(["sign"])"), IsOk());
  EXPECT_THAT(private_ops(R"(["verify"])"), HasError(Errc::invalid_key));

  const auto hmac_ops = [](std::string_view ops) {
    return HmacKey::from_jwk(jwk(with(kOct, "key_ops", ops)), Algorithm::HS256);
  };
  EXPECT_THAT(hmac_ops(R"(["sign"])"), IsOk());
  EXPECT_THAT(hmac_ops(R"(["verify"])"), IsOk());
  EXPECT_THAT(hmac_ops(R"(["encrypt"])"), HasError(Errc::invalid_key));
  EXPECT_THAT(HmacKey::from_jwk(jwk(with(kOct, "use", R"("enc")")), Algorithm::HS256), HasError(Errc::invalid_key));
}

TEST(JwkTest, KidRules) {
  const auto with_kid = [](std::string_view kid) {
    return PublicKey::from_jwk(jwk(with(kEcPublic, "kid", kid)), Algorithm::ES256);
  };
  auto ok = with_kid(R"("key \"one\" \/ \\ 1")");
  ASSERT_THAT(ok, IsOk());
  EXPECT_EQ(ok->kid(), R"(key "one" / \ 1)");
  const std::string long_kid = "\"" + std::string(256, 'a') + "\"";
  EXPECT_THAT(with_kid(long_kid), IsOk());
  const std::string too_long = "\"" + std::string(257, 'a') + "\"";
  EXPECT_THAT(with_kid(too_long), HasError(Errc::invalid_argument));
  EXPECT_THAT(with_kid(R"("")"), HasError(Errc::invalid_argument));
  EXPECT_THAT(with_kid(R"("tab\there")"), HasError(Errc::invalid_argument));
  EXPECT_THAT(with_kid(R"("\u0001")"), HasError(Errc::invalid_argument));
  EXPECT_THAT(with_kid("\"caf\xc3\xa9\""), HasError(Errc::invalid_argument));
  EXPECT_THAT(with_kid("1"), HasError(Errc::invalid_key));
  // The kid survives export and import, escapes included.
  auto again = PublicKey::from_jwk(ok->to_jwk());
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->kid(), ok->kid());
}

TEST(JwkTest, UnknownMembersAreIgnored) {
  Members m = kEcPublic;
  m.emplace_back("x5c", R"(["not even base64"])");
  m.emplace_back("ext", "true");
  m.emplace_back("nested", R"({"a":[1,2,{"b":null}]})");
  m.emplace_back("k", R"("ignored for EC")");
  EXPECT_THAT(PublicKey::from_jwk(jwk(m), Algorithm::ES256), IsOk());
}

TEST(JwkTest, JsonMustBeStrict) {
  EXPECT_THAT(PublicKey::from_jwk("", Algorithm::ES256), HasError(Errc::malformed));
  EXPECT_THAT(PublicKey::from_jwk("[]", Algorithm::ES256), HasError(Errc::malformed));
  EXPECT_THAT(PublicKey::from_jwk(jwk(kEcPublic) + "x", Algorithm::ES256), HasError(Errc::malformed));
  std::string trailing_comma = jwk(kEcPublic);
  trailing_comma.insert(trailing_comma.size() - 1, ",");
  EXPECT_THAT(PublicKey::from_jwk(trailing_comma, Algorithm::ES256), HasError(Errc::malformed));
  // Duplicate member names: which "x" would be meant?
  Members dup = kEcPublic;
  dup.emplace_back("x", kEcY);
  EXPECT_THAT(PublicKey::from_jwk(jwk(dup), Algorithm::ES256), HasError(Errc::malformed));
  Members dup_alg = with(kOct, "alg", R"("HS256")");
  dup_alg.emplace_back("alg", R"("HS512")");
  EXPECT_THAT(HmacKey::from_jwk(jwk(dup_alg)), HasError(Errc::malformed));
  // Whitespace between tokens is fine.
  EXPECT_THAT(PublicKey::from_jwk(" {\n \"kty\" : \"EC\", \"crv\":\"P-256\",\"x\":" + std::string(kEcX) +
                                      ",\t\"y\":" + std::string(kEcY) + " }\n",
                                  Algorithm::ES256),
              IsOk());
}

TEST(JwkTest, Base64urlMustBeStrict) {
  // kEcX without its last character "U" plus a padding or a wrong alphabet.
  const std::string x(kEcX);
  const std::string padded = x.substr(0, x.size() - 1) + "=\"";
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "x", padded)), Algorithm::ES256), HasError(Errc::invalid_key));
  std::string plus = x;
  plus[5] = '+';
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "x", plus)), Algorithm::ES256), HasError(Errc::invalid_key));
  std::string space = x;
  space.insert(5, " ");
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "x", space)), Algorithm::ES256), HasError(Errc::invalid_key));
  // Non-canonical: the last character carries non-zero unused bits ("U" -> "V").
  std::string noncanonical = x;
  noncanonical[noncanonical.size() - 2] = 'V';
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "x", noncanonical)), Algorithm::ES256),
              HasError(Errc::invalid_key));
  // A JSON escape is the same string: "\u0066" is "f".
  std::string escaped = x;
  escaped.replace(1, 1, "\\u0066");
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "x", escaped)), Algorithm::ES256), IsOk());
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "x", "123")), Algorithm::ES256), HasError(Errc::invalid_key));
  const std::string k(kOctK);
  EXPECT_THAT(HmacKey::from_jwk(jwk(with(kOct, "k", k.substr(0, k.size() - 1) + "==\"")), Algorithm::HS256),
              HasError(Errc::invalid_key));
}

TEST(JwkTest, EcMembers) {
  EXPECT_THAT(PrivateKey::from_jwk(jwk(kEcPrivate), Algorithm::ES256), IsOk());
  // crv must match the algorithm and be known.
  EXPECT_THAT(PublicKey::from_jwk(jwk(kEcPublic), Algorithm::ES384), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(kEcPublic), Algorithm::ES256K), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "crv", R"("P-384")")), Algorithm::ES384),
              HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "crv", R"("P-224")")), Algorithm::ES256),
              HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(without(kEcPublic, "crv")), Algorithm::ES256), HasError(Errc::invalid_key));
  // x, y, d exactly 32 bytes for P-256.
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "x", R"("AA")")), Algorithm::ES256), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "y", R"("AAf83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU")")),
                                  Algorithm::ES256),
              HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(without(kEcPublic, "y")), Algorithm::ES256), HasError(Errc::invalid_key));
  EXPECT_THAT(PrivateKey::from_jwk(jwk(with(kEcPrivate, "d", R"("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9A")")),
                                   Algorithm::ES256),
              HasError(Errc::invalid_key));
  // The point must lie on the curve (y changed in its last bits).
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "y", R"("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a4")")),
                                  Algorithm::ES256),
              HasError(Errc::invalid_key));
  // d must belong to the point.
  EXPECT_THAT(PrivateKey::from_jwk(jwk(with(kEcPrivate, "d", R"("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LM")")),
                                   Algorithm::ES256),
              HasError(Errc::invalid_key));
  // A private key needs d.
  EXPECT_THAT(PrivateKey::from_jwk(jwk(kEcPublic), Algorithm::ES256), HasError(Errc::invalid_key));
}

TEST(JwkTest, OkpMembers) {
  EXPECT_THAT(PrivateKey::from_jwk(jwk(kEdPrivate), Algorithm::EdDSA), IsOk());
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEdPublic, "crv", R"("Ed448")")), Algorithm::EdDSA),
              HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEdPublic, "crv", R"("X25519")")), Algorithm::EdDSA),
              HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(without(kEdPublic, "crv")), Algorithm::EdDSA), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEdPublic, "x", R"("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUQ")")),
                                  Algorithm::EdDSA),
              HasError(Errc::invalid_key));
  // x must be the public key of d.
  EXPECT_THAT(PrivateKey::from_jwk(jwk(with(kEdPrivate, "x", kEcX)), Algorithm::EdDSA), HasError(Errc::invalid_key));
}

TEST(JwkTest, RsaMembers) {
  EXPECT_THAT(PrivateKey::from_jwk(jwk(kRsaPrivate), Algorithm::RS256), IsOk());
  // Base64urlUInt for n and e: no leading zero octets.
  const std::string n(kRsaN);
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kRsaPublic, "n", "\"AA" + n.substr(1))), Algorithm::RS256),
              HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kRsaPublic, "e", R"("AAEAAQ")")), Algorithm::RS256),
              HasError(Errc::invalid_key));
  // e = 1, e = 2, e = 0, empty e.
  for (const std::string_view e : {R"("AQ")", R"("Ag")", R"("AA")", R"("")"}) {
    EXPECT_THAT(PublicKey::from_jwk(jwk(with(kRsaPublic, "e", e)), Algorithm::RS256), HasError(Errc::invalid_key)) << e;
  }
  EXPECT_THAT(PublicKey::from_jwk(jwk(without(kRsaPublic, "n")), Algorithm::RS256), HasError(Errc::invalid_key));
  // Private keys need d and every CRT member; no multi-prime keys.
  for (const std::string_view member : {"d", "p", "q", "dp", "dq", "qi"}) {
    EXPECT_THAT(PrivateKey::from_jwk(jwk(without(kRsaPrivate, member)), Algorithm::RS256), HasError(Errc::invalid_key))
        << member;
  }
  EXPECT_THAT(PrivateKey::from_jwk(jwk(with(kRsaPrivate, "oth", "[]")), Algorithm::RS256), HasError(Errc::invalid_key));
  // Members of another key: refused.
  EXPECT_THAT(PrivateKey::from_jwk(jwk(with(kRsaPrivate, "p", kRsaQ)), Algorithm::RS256), HasError(Errc::invalid_key));
  EXPECT_THAT(PrivateKey::from_jwk(jwk(with(kRsaPrivate, "qi", kRsaDp)), Algorithm::RS256), HasError(Errc::invalid_key));
}

TEST(JwkTest, PublicImportIgnoresPrivateMembers) {
  auto pub = PublicKey::from_jwk(jwk(kRsaPrivate), Algorithm::RS256);
  ASSERT_THAT(pub, IsOk());
  EXPECT_FALSE(pub->data().has_private);
  EXPECT_EQ(pub->to_jwk().find("\"d\""), std::string::npos);
  // Even malformed private members do not matter to a public import.
  EXPECT_THAT(PublicKey::from_jwk(jwk(with(kEcPublic, "d", R"("not base64!")")), Algorithm::ES256), IsOk());
}

TEST(JwkTest, OutputIsCompactAndOrdered) {
  auto ec = PrivateKey::from_jwk(jwk(with(kEcPrivate, "kid", R"("ec-1")")), Algorithm::ES256);
  ASSERT_THAT(ec, IsOk());
  EXPECT_EQ(ec->public_key().to_jwk(), jwk({{"kty", R"("EC")"}, {"crv", R"("P-256")"}, {"x", kEcX}, {"y", kEcY},
                                           {"alg", R"("ES256")"}, {"kid", R"("ec-1")"}}));
  EXPECT_EQ(ec->to_jwk_with_private(), jwk({{"kty", R"("EC")"}, {"crv", R"("P-256")"}, {"x", kEcX}, {"y", kEcY},
                                            {"d", kEcD}, {"alg", R"("ES256")"}, {"kid", R"("ec-1")"}}));

  auto rsa = PrivateKey::from_jwk(jwk(kRsaPrivate), Algorithm::PS256);
  ASSERT_THAT(rsa, IsOk());
  Members rsa_out = kRsaPrivate;
  rsa_out.emplace_back("alg", R"("PS256")");
  EXPECT_EQ(rsa->to_jwk_with_private(), jwk(rsa_out));
  EXPECT_EQ(rsa->public_key().to_jwk(), jwk(with(kRsaPublic, "alg", R"("PS256")")));

  auto ed = PrivateKey::from_jwk(jwk(kEdPrivate), Algorithm::EdDSA);
  ASSERT_THAT(ed, IsOk());
  EXPECT_EQ(ed->public_key().to_jwk(), jwk(with(kEdPublic, "alg", R"("EdDSA")")));
  EXPECT_EQ(ed->to_jwk_with_private(), jwk(with(kEdPrivate, "alg", R"("EdDSA")")));

  auto oct = HmacKey::from_jwk(jwk(with(kOct, "kid", R"("h")")), Algorithm::HS512);
  ASSERT_THAT(oct, IsOk());
  EXPECT_EQ(oct->to_jwk_with_secret(), jwk({{"kty", R"("oct")"}, {"k", kOctK}, {"alg", R"("HS512")"}, {"kid", R"("h")"}}));
}

TEST(JwkTest, GeneratedKeysRoundTripThroughJwk) {
  for (const Algorithm alg : {Algorithm::ES256, Algorithm::ES384, Algorithm::ES512, Algorithm::ES256K,
                              Algorithm::EdDSA, Algorithm::PS256}) {
    SCOPED_TRACE(algorithm_name(alg));
    const PrivateKey key = PrivateKey::generate(alg, "gen").value();
    auto pub = PublicKey::from_jwk(key.public_key().to_jwk());
    ASSERT_THAT(pub, IsOk());
    EXPECT_EQ(pub->thumbprint(), key.thumbprint());
    EXPECT_EQ(pub->algorithm(), alg);
    EXPECT_EQ(pub->kid(), "gen");
    auto priv = PrivateKey::from_jwk(key.to_jwk_with_private());
    ASSERT_THAT(priv, IsOk());
    EXPECT_EQ(priv->thumbprint(), key.thumbprint());
    EXPECT_EQ(priv->to_jwk_with_private(), key.to_jwk_with_private());
    // What the re-imported key signs, the original public key verifies.
    std::string sig(detail::signature_size(priv->data()), '\0');
    ASSERT_THAT(detail::sign(priv->data(), "a.b", reinterpret_cast<std::uint8_t*>(sig.data())), IsOk());
    EXPECT_TRUE(detail::verify(key.public_key().data(), "a.b",
                               {reinterpret_cast<const std::uint8_t*>(sig.data()), sig.size()}));
  }
  const HmacKey hmac = HmacKey::generate(Algorithm::HS384, "h").value();
  auto again = HmacKey::from_jwk(hmac.to_jwk_with_secret());
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->thumbprint(), hmac.thumbprint());
  EXPECT_EQ(again->algorithm(), Algorithm::HS384);
}

TEST(JwkTest, HmacJwk) {
  EXPECT_THAT(HmacKey::from_jwk(jwk(kOct), Algorithm::HS512), IsOk());  // 64 bytes
  EXPECT_THAT(HmacKey::from_jwk(jwk(with(kOct, "k", R"("")")), Algorithm::HS256), HasError(Errc::invalid_key));
  EXPECT_THAT(HmacKey::from_jwk(jwk(without(kOct, "k")), Algorithm::HS256), HasError(Errc::invalid_key));
  // 31 bytes for HS256: too short.
  EXPECT_THAT(HmacKey::from_jwk(jwk(with(kOct, "k", R"("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg")")), Algorithm::HS256),
              HasError(Errc::invalid_key));
  EXPECT_THAT(HmacKey::from_jwk(jwk(with(kOct, "k", "1")), Algorithm::HS256), HasError(Errc::invalid_key));
}

}  // namespace
}  // namespace signet::jwt
