// Tests for HmacKey, PublicKey, PrivateKey and the signature dispatch
// (detail::sign / verify / signature_size).
#include "signet/jwt/keys.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/asymmetric.h"
#include "encoding/base64url.h"
#include "jwt/key_data.h"
#include "support/matchers.h"

namespace signet::jwt {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

// Made for these tests with the openssl command line tool (genrsa 1024,
// genpkey ED448).
constexpr std::string_view kRsa1024Pem = R"(-----BEGIN PRIVATE KEY-----
MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAL88/C+pnvdrdthL
nHTi0wVrDny5N+Dg7bCW/ezrFQt4Uma/PrfwfQLcEBRvZmeh4vuraYI1xyOJPYIu
CgneSZXs8LccDmEHzRPv+dhZCZPcXsov2DWfAosuuyH1WZk7pi391y54skXpnboG
W+FbZmVLOVgppS5Pvp2qMOMviTIZAgMBAAECgYAXR6tDehiZ8gETr5CqQfqCTFgF
It8Ehx0oRBlBQBTdwpX1YA6YgbQWJwfmFPGYaAKjtGgxq65ESy6rrEMYlHDMk0+M
GSnqnO76S+TwqNEWxeL/bSdEAMif0v72URLinj1s4KummfzfJa8N4DOr5NPW41SN
NJszjC83J9siClVQoQJBAPZAzo7iZz7gex+sBbYqZT4S3/I/ssX+pr3m2mugCmon
8guwN6IE7RAQT4nQudFOgGP67+olNe2SA6z6Y99Qi7UCQQDGzrtpnhazgJzULdhb
EP8IQl/veIOdwpr4iYkwex/BxLpvR4ZpuO01QQ9hOAr3Amd3BF/eMf2qaZchhwrJ
NvNVAkEAvl5LUNplxo3zoQBzSehsbBhbWAM2SSob7SLSJ/GJG5fV3oNT/sSgH5L8
aiYaAF0XlDMh1Xj+v7HpdYf8PV8fIQJAbOA8zNuyDP4LZTvyN/U35hsLlQcH9Xbl
DeWshyt2udR2UYj3OKD472hA9voNLzdW2FxB8FqqVBBdnxPouUdpvQJBANFjDIWd
N8Z8c6L7g+7SnHw7ladMkfGQUF99p50IiX0SB0A52bs9aPu1C9IoEpCm1xom/Lqs
2yCz8RA1bn1Ur+I=
-----END PRIVATE KEY-----
)";
constexpr std::string_view kRsa1024PubPem = R"(-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC/PPwvqZ73a3bYS5x04tMFaw58
uTfg4O2wlv3s6xULeFJmvz638H0C3BAUb2ZnoeL7q2mCNccjiT2CLgoJ3kmV7PC3
HA5hB80T7/nYWQmT3F7KL9g1nwKLLrsh9VmZO6Yt/dcueLJF6Z26BlvhW2ZlSzlY
KaUuT76dqjDjL4kyGQIDAQAB
-----END PUBLIC KEY-----
)";
constexpr std::string_view kEd448PubPem = R"(-----BEGIN PUBLIC KEY-----
MEMwBQYDK2VxAzoAXaeJHX3wwhgBNwjrXOIB0l+Qa1JxGWgFw64nn5W/tOJEIuAN
6oKV6dJ8MkCQHDkMPSeNzoO4Ey+A
-----END PUBLIC KEY-----
)";

constexpr Algorithm kAllAlgorithms[] = {Algorithm::HS256, Algorithm::HS384, Algorithm::HS512, Algorithm::RS256,
                                        Algorithm::RS384, Algorithm::RS512, Algorithm::PS256, Algorithm::PS384,
                                        Algorithm::PS512, Algorithm::ES256, Algorithm::ES384, Algorithm::ES512,
                                        Algorithm::ES256K, Algorithm::EdDSA};

SecretBytes secret_of(std::size_t n, std::uint8_t fill = 0x5a) {
  return SecretBytes(std::span<const std::uint8_t>(std::vector<std::uint8_t>(n, fill)));
}

// One RSA key for every RS/PS test: generation is the slow part.
const PrivateKey& rsa_key() {
  static const PrivateKey key = PrivateKey::generate(Algorithm::RS256, "rsa-1").value();
  return key;
}

// bound re-binds the cached RSA key to another algorithm, or makes a key.
PrivateKey private_key_for(Algorithm alg, std::string_view kid = {}) {
  if (family_of(alg) == KeyFamily::rsa) return PrivateKey::from_pem(rsa_key().to_pem_with_private(), alg, kid).value();
  return PrivateKey::generate(alg, kid).value();
}

std::string sign_input(const detail::KeyData& key, std::string_view input) {
  std::string sig(detail::signature_size(key), '\0');
  auto len = detail::sign(key, input, reinterpret_cast<std::uint8_t*>(sig.data()));
  EXPECT_THAT(len, IsOk());
  if (len) sig.resize(*len);
  return sig;
}

bool verify_input(const detail::KeyData& key, std::string_view input, std::string_view sig) {
  return detail::verify(key, input, {reinterpret_cast<const std::uint8_t*>(sig.data()), sig.size()});
}

// ------------------------------------------------------------- algorithm

TEST(AlgorithmTest, NamesRoundTripAndNoneIsRefused) {
  for (const Algorithm alg : kAllAlgorithms) {
    auto parsed = parse_algorithm(algorithm_name(alg));
    ASSERT_THAT(parsed, IsOk());
    EXPECT_EQ(*parsed, alg);
  }
  EXPECT_EQ(algorithm_name(Algorithm::EdDSA), "EdDSA");
  EXPECT_EQ(algorithm_name(Algorithm::ES256K), "ES256K");
  for (const std::string_view name : {"none", "None", "NONE", "hs256", "HS256 ", "", "ES521", "RS1", "Ed25519", "EdDsa"}) {
    EXPECT_THAT(parse_algorithm(name), HasError(Errc::unsupported)) << name;
  }
  EXPECT_EQ(family_of(Algorithm::HS384), KeyFamily::hmac);
  EXPECT_EQ(family_of(Algorithm::PS512), KeyFamily::rsa);
  EXPECT_EQ(family_of(Algorithm::ES256K), KeyFamily::ec);
  EXPECT_EQ(family_of(Algorithm::EdDSA), KeyFamily::okp);
}

// ------------------------------------------------------------- HmacKey

TEST(HmacKeyTest, SecretMustBeAtLeastTheHashSize) {
  struct Case {
    Algorithm alg;
    std::size_t min;
  };
  for (const Case c : {Case{Algorithm::HS256, 32}, Case{Algorithm::HS384, 48}, Case{Algorithm::HS512, 64}}) {
    EXPECT_THAT(HmacKey::from_secret(c.alg, secret_of(c.min - 1)), HasError(Errc::invalid_key));
    EXPECT_THAT(HmacKey::from_secret(c.alg, secret_of(c.min)), IsOk());
    EXPECT_THAT(HmacKey::from_secret(c.alg, secret_of(200)), IsOk());
  }
  EXPECT_THAT(HmacKey::from_secret(Algorithm::HS256, SecretBytes()), HasError(Errc::invalid_key));
}

TEST(HmacKeyTest, OnlyHsAlgorithms) {
  for (const Algorithm alg : kAllAlgorithms) {
    if (family_of(alg) == KeyFamily::hmac) continue;
    EXPECT_THAT(HmacKey::from_secret(alg, secret_of(64)), HasError(Errc::invalid_key)) << algorithm_name(alg);
    EXPECT_THAT(HmacKey::generate(alg), HasError(Errc::invalid_argument)) << algorithm_name(alg);
  }
}

TEST(HmacKeyTest, KidRules) {
  EXPECT_THAT(HmacKey::from_secret(Algorithm::HS256, secret_of(32), std::string(256, 'k')), IsOk());
  EXPECT_THAT(HmacKey::from_secret(Algorithm::HS256, secret_of(32), std::string(257, 'k')),
              HasError(Errc::invalid_argument));
  EXPECT_THAT(HmacKey::from_secret(Algorithm::HS256, secret_of(32), " ~printable ASCII~ "), IsOk());
  for (const std::string_view kid : {std::string_view("tab\there"), std::string_view("nl\n"), std::string_view("\x7f"),
                                     std::string_view("caf\xc3\xa9"), std::string_view("nul\0x", 5)}) {
    EXPECT_THAT(HmacKey::from_secret(Algorithm::HS256, secret_of(32), kid), HasError(Errc::invalid_argument));
    EXPECT_THAT(PrivateKey::generate(Algorithm::ES256, kid), HasError(Errc::invalid_argument));
  }
  auto key = HmacKey::from_secret(Algorithm::HS384, secret_of(48), "my-kid");
  ASSERT_THAT(key, IsOk());
  EXPECT_EQ(key->kid(), "my-kid");
  EXPECT_EQ(key->algorithm(), Algorithm::HS384);
}

TEST(HmacKeyTest, GenerateUsesTheHashLength) {
  for (const auto& [alg, size] : {std::pair{Algorithm::HS256, 32u}, std::pair{Algorithm::HS384, 48u},
                                 std::pair{Algorithm::HS512, 64u}}) {
    auto a = HmacKey::generate(alg, "g");
    auto b = HmacKey::generate(alg, "g");
    ASSERT_THAT(a, IsOk());
    ASSERT_THAT(b, IsOk());
    EXPECT_EQ(a->data().secret.size(), size);
    EXPECT_FALSE(a->data().secret.equals(b->data().secret.bytes()));
    EXPECT_NE(a->thumbprint(), b->thumbprint());
    EXPECT_EQ(detail::signature_size(a->data()), size);
  }
}

TEST(HmacKeyTest, KnownMac) {
  // RFC 4231 test case 2 is too short a key for JWS; use RFC 7515 A.1.
  auto key = HmacKey::from_jwk(
      R"({"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"})",
      Algorithm::HS256);
  ASSERT_THAT(key, IsOk());
  const std::string input =
      "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
      "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
  const std::string sig = sign_input(key->data(), input);
  const auto expected = encoding::base64url_decode("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").value();
  EXPECT_EQ(sig, expected);
  EXPECT_TRUE(verify_input(key->data(), input, expected));
}

// ------------------------------------------------------------- binding

TEST(KeysTest, PemAndDerNeverBecomeHmacKeys) {
  const std::string pem = rsa_key().public_key().to_pem();
  for (const Algorithm alg : {Algorithm::HS256, Algorithm::HS384, Algorithm::HS512}) {
    EXPECT_THAT(PublicKey::from_pem(pem, alg), HasError(Errc::invalid_key));
    EXPECT_THAT(PrivateKey::from_pem(rsa_key().to_pem_with_private(), alg), HasError(Errc::invalid_key));
    EXPECT_THAT(PublicKey::from_der(std::vector<std::uint8_t>(10, 0x30), alg), HasError(Errc::invalid_key));
    EXPECT_THAT(PrivateKey::from_der(std::vector<std::uint8_t>(10, 0x30), alg), HasError(Errc::invalid_key));
  }
}

TEST(KeysTest, RsaSizePolicy) {
  EXPECT_THAT(PublicKey::from_pem(kRsa1024PubPem, Algorithm::RS256), HasError(Errc::invalid_key));
  EXPECT_THAT(PrivateKey::from_pem(kRsa1024Pem, Algorithm::PS256), HasError(Errc::invalid_key));
  EXPECT_THAT(PrivateKey::generate(Algorithm::RS256, {}, 1024), HasError(Errc::invalid_argument));
  EXPECT_THAT(PrivateKey::generate(Algorithm::RS256, {}, 2047), HasError(Errc::invalid_argument));
  EXPECT_THAT(PrivateKey::generate(Algorithm::RS256, {}, 8193), HasError(Errc::invalid_argument));
  EXPECT_THAT(PrivateKey::generate(Algorithm::HS256), HasError(Errc::invalid_argument));
}

TEST(KeysTest, KeyFamilyAndCurveMustFitTheAlgorithm) {
  const auto p256 = PrivateKey::generate(Algorithm::ES256).value();
  const auto p384 = PrivateKey::generate(Algorithm::ES384).value();
  const auto k1 = PrivateKey::generate(Algorithm::ES256K).value();
  const auto ed = PrivateKey::generate(Algorithm::EdDSA).value();
  const std::string rsa_pem = rsa_key().public_key().to_pem();
  const std::string p256_pem = p256.public_key().to_pem();
  const std::string ed_pem = ed.public_key().to_pem();

  EXPECT_THAT(PublicKey::from_pem(p256_pem, Algorithm::ES256), IsOk());
  EXPECT_THAT(PublicKey::from_pem(p256_pem, Algorithm::ES384), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem(p256_pem, Algorithm::ES512), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem(p256_pem, Algorithm::ES256K), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem(p256_pem, Algorithm::RS256), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem(p256_pem, Algorithm::EdDSA), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem(p384.public_key().to_pem(), Algorithm::ES256), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem(k1.public_key().to_pem(), Algorithm::ES256), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem(rsa_pem, Algorithm::ES256), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem(rsa_pem, Algorithm::EdDSA), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem(rsa_pem, Algorithm::PS512), IsOk());
  EXPECT_THAT(PublicKey::from_pem(ed_pem, Algorithm::EdDSA), IsOk());
  EXPECT_THAT(PublicKey::from_pem(ed_pem, Algorithm::ES256), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem(kEd448PubPem, Algorithm::EdDSA), HasError(Errc::invalid_key));
}

TEST(KeysTest, PublicPemIsNotAPrivateKeyAndViceVersa) {
  EXPECT_THAT(PrivateKey::from_pem(rsa_key().public_key().to_pem(), Algorithm::RS256), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem(rsa_key().to_pem_with_private(), Algorithm::RS256), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_pem("not a key", Algorithm::RS256), HasError(Errc::invalid_key));
}

// ------------------------------------------------------------- sign / verify

TEST(KeysTest, GenerateSignVerifyEveryAlgorithm) {
  const std::string input = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0";
  for (const Algorithm alg : kAllAlgorithms) {
    SCOPED_TRACE(algorithm_name(alg));
    if (family_of(alg) == KeyFamily::hmac) {
      auto key = HmacKey::generate(alg).value();
      const std::string sig = sign_input(key.data(), input);
      EXPECT_EQ(sig.size(), detail::signature_size(key.data()));
      EXPECT_TRUE(verify_input(key.data(), input, sig));
      EXPECT_FALSE(verify_input(key.data(), input + "x", sig));
      std::string bad = sig;
      bad.back() = static_cast<char>(bad.back() ^ 1);
      EXPECT_FALSE(verify_input(key.data(), input, bad));
      EXPECT_FALSE(verify_input(key.data(), input, sig.substr(0, sig.size() - 1)));
      EXPECT_FALSE(verify_input(key.data(), input, ""));
      continue;
    }
    const PrivateKey key = private_key_for(alg, "k");
    EXPECT_EQ(key.algorithm(), alg);
    const PublicKey pub = key.public_key();
    EXPECT_EQ(pub.algorithm(), alg);
    EXPECT_EQ(pub.kid(), "k");
    EXPECT_FALSE(pub.data().has_private);
    EXPECT_TRUE(key.data().has_private);
    const std::string sig = sign_input(key.data(), input);
    EXPECT_EQ(sig.size(), detail::signature_size(key.data()));
    EXPECT_LE(sig.size(), detail::kMaxSignatureSize);
    EXPECT_TRUE(verify_input(pub.data(), input, sig));
    EXPECT_TRUE(verify_input(key.data(), input, sig));
    EXPECT_FALSE(verify_input(pub.data(), input + "x", sig));
    std::string bad = sig;
    bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x40);
    EXPECT_FALSE(verify_input(pub.data(), input, bad));
    EXPECT_FALSE(verify_input(pub.data(), input, sig + '\0'));
    EXPECT_FALSE(verify_input(pub.data(), input, sig.substr(1)));
    // A public key has nothing to sign with.
    std::string out(detail::kMaxSignatureSize, '\0');
    EXPECT_THAT(detail::sign(pub.data(), input, reinterpret_cast<std::uint8_t*>(out.data())),
                HasError(Errc::invalid_key));
  }
}

TEST(KeysTest, SignatureSizes) {
  EXPECT_EQ(detail::signature_size(private_key_for(Algorithm::RS256).data()), 256u);
  EXPECT_EQ(detail::signature_size(private_key_for(Algorithm::ES256).data()), 64u);
  EXPECT_EQ(detail::signature_size(private_key_for(Algorithm::ES384).data()), 96u);
  EXPECT_EQ(detail::signature_size(private_key_for(Algorithm::ES512).data()), 132u);
  EXPECT_EQ(detail::signature_size(private_key_for(Algorithm::ES256K).data()), 64u);
  EXPECT_EQ(detail::signature_size(private_key_for(Algorithm::EdDSA).data()), 64u);
}

TEST(KeysTest, TheKeysAlgorithmDecidesHowSignaturesAreChecked) {
  // The same RSA key bound to RS256 must not accept its PS256 signatures,
  // nor the RS384 ones: the binding, not the signature, picks the scheme.
  const std::string input = "header.payload";
  const std::string ps256 = sign_input(private_key_for(Algorithm::PS256).data(), input);
  const std::string rs384 = sign_input(private_key_for(Algorithm::RS384).data(), input);
  const PrivateKey rs256 = private_key_for(Algorithm::RS256);
  EXPECT_FALSE(verify_input(rs256.data(), input, ps256));
  EXPECT_FALSE(verify_input(rs256.data(), input, rs384));
  EXPECT_TRUE(verify_input(private_key_for(Algorithm::PS256).data(), input, ps256));
}

TEST(KeysTest, DeterministicSchemesReproduce) {
  const std::string input = "header.payload";
  for (const Algorithm alg : {Algorithm::RS256, Algorithm::EdDSA}) {
    const PrivateKey key = private_key_for(alg);
    EXPECT_EQ(sign_input(key.data(), input), sign_input(key.data(), input));
  }
}

// ------------------------------------------------------------- export / import

TEST(KeysTest, PemAndDerRoundTripKeepTheThumbprint) {
  for (const Algorithm alg : {Algorithm::RS256, Algorithm::PS384, Algorithm::ES256, Algorithm::ES384,
                              Algorithm::ES512, Algorithm::ES256K, Algorithm::EdDSA}) {
    SCOPED_TRACE(algorithm_name(alg));
    const PrivateKey key = private_key_for(alg, "kid-1");
    const std::string private_pem = key.to_pem_with_private();
    ASSERT_TRUE(private_pem.starts_with("-----BEGIN PRIVATE KEY-----"));
    auto again = PrivateKey::from_pem(private_pem, alg, "kid-1");
    ASSERT_THAT(again, IsOk());
    EXPECT_EQ(again->thumbprint(), key.thumbprint());
    EXPECT_EQ(again->to_jwk_with_private(), key.to_jwk_with_private());

    const std::string public_pem = key.public_key().to_pem();
    ASSERT_TRUE(public_pem.starts_with("-----BEGIN PUBLIC KEY-----"));
    auto pub = PublicKey::from_pem(public_pem, alg, "kid-1");
    ASSERT_THAT(pub, IsOk());
    EXPECT_EQ(pub->thumbprint(), key.thumbprint());
    EXPECT_EQ(pub->to_jwk(), key.public_key().to_jwk());

    // DER: decode the PEM bodies.
    const auto der_of = [](std::string_view pem) {
      std::string b64;
      const auto body = pem.substr(pem.find('\n') + 1, pem.rfind("-----END") - pem.find('\n') - 1);
      for (const char c : body) {
        if (c == '\n') continue;
        b64 += c == '+' ? '-' : c == '/' ? '_' : c;
      }
      while (!b64.empty() && b64.back() == '=') b64.pop_back();
      const std::string raw = encoding::base64url_decode(b64).value();
      return std::vector<std::uint8_t>(raw.begin(), raw.end());
    };
    auto pub_der = PublicKey::from_der(der_of(public_pem), alg);
    ASSERT_THAT(pub_der, IsOk());
    EXPECT_EQ(pub_der->thumbprint(), key.thumbprint());
    EXPECT_EQ(pub_der->kid(), "");
    auto priv_der = PrivateKey::from_der(der_of(private_pem), alg);
    ASSERT_THAT(priv_der, IsOk());
    EXPECT_EQ(priv_der->thumbprint(), key.thumbprint());
  }
}

TEST(KeysTest, PublicHalfCarriesNoPrivateMaterial) {
  for (const Algorithm alg : {Algorithm::RS256, Algorithm::ES256, Algorithm::EdDSA}) {
    const PrivateKey key = private_key_for(alg, "x");
    const std::string jwk = key.public_key().to_jwk();
    EXPECT_EQ(jwk.find("\"d\""), std::string::npos) << jwk;
    EXPECT_EQ(jwk.find("\"p\""), std::string::npos) << jwk;
    EXPECT_NE(key.to_jwk_with_private().find("\"d\""), std::string::npos);
    EXPECT_FALSE(key.public_key().data().pkey->has_private());
  }
}

}  // namespace
}  // namespace signet::jwt
