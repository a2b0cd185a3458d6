// Tests for crypto::AsymmetricKey: formats, key checks, the JWS signature
// encodings and their range checks.
#include "crypto/asymmetric.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support/matchers.h"

namespace signet::crypto {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

// Fixtures made for these tests with the openssl command line tool
// (genrsa -traditional, ecparam -genkey, req -x509, pkcs8 -topk8 -v2,
// ec -aes128, genpkey ED448 / X25519 / RSA-PSS, ecparam -param_enc explicit).
constexpr std::string_view kEcSec1Pem = R"(-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIJS9tF/8D4D1fCYVNM+pN8+KY/qukT1qQx7MWRxfj+bvoAoGCCqGSM49
AwEHoUQDQgAEzSFHihZ3iLJN64GHwS1/nFM4YiBiI37iZHNr5df9wxKxLuprzQto
fwuc9PYnknpZRr+EduxsEQmDEcaXcZnB6g==
-----END EC PRIVATE KEY-----
)";
constexpr std::string_view kRsaPkcs1Pem = R"(-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAo5HZvqLrIF+DSJ9ZnCVKPIe0tVhKT0P352be9cMsOV6unPBp
3No9aO+FzFPAVDQ4NRWZGTH2UAX+a53dx0CpfrjAst9/BHvbtc45hLpJE5LcU3qP
JPSpzd8Sr0gW198rBSpSqd6mmA0BNBpMrDnfG6kDf7vtRKpnoIRzmud81gPoMbBJ
qd+nfQpJExVpIcLgArMTlLrsn997mnRg1VugniJ89C8mu+V8EwnibhF7dpFyb4hq
j3xZHD+eR0t29fL/ad9uxOgeCH0BRxQScIbhebb9w5sYQ7QhxUJ9kRWAUP+ZCoZB
Wscs4xXiZWnS0OMTL2it2fQ4n8AFF8Zkcl0ebwIDAQABAoIBAAz50gtEg2CTEygc
tBAmCSiaH2TPdz2oh68Mwx09+XEnqLR8gflqOrrrXXLjJfvIFLlpWDbedsrMXu2M
nX5kC84ou+i0wC/L35choAB+grORz/azX02wNxRE4QeUsXM4mgIT5HDjX9XqGjFW
8MQs5x0boFJuxxjOZ+AdAcrFGGslza+XV5JG4eDynvTcpKKTqXjpOpmiPQc/gEK7
+L4dsNow9uzrhz7naPbCoBEmf+mSDa4osESuAvWYKTob5SVhM3uhiu3ZJdt+r0W+
l6N9/8Fi+fRRdyZQbwUZ9/v+DJgnrU2BgTf0m+rkRhbN6JH0llQWvaAUxi9qnSE5
IHJp7UkCgYEA17vkZY8AwXNzMiYVmxV+x3diyLCKePZb5jnZmN5rr2H0P/fukKD1
xDJC8QzTaafpxQ7VdESnXHy3uA/4Xw5aNBPbbcs4mBW9qwIbMF1Z1DABTgE+yNOH
V2e84pgfgx1eI+QX9siwJrNMbFhA3rjVL5iUuZ3X0aubD2/T94S/c0sCgYEAwhl4
OU8w06FGVxx8jh+NtSYwXBU9kPxCwiAKCmKnUIVPt0EqkVtcDaVp4ykUp8ogZueM
x6THta/4nnW0uWYtKXE+hdsBU2Vmt00BSMkvjQwfleTCQ4hr8wLroH1EjC9ukeW9
FtiDEEGaPZ5FZVpsHvCKTgIvTBu+UOf+8uJe5u0CgYEAs0BFeDUoFZUN5F9MmH11
x9rk04gMppFcrqDmsmQs6Z7kSbqCGN4FFy4D/TIA/8srLDc1GNRqkyh1ppRudN0C
Cj9tlX7D2WpHHC411SvblbkFfIEAX/GShQeHJGft1w2xyPSfDMiXxLA6EdQKooTF
bjTDbq8+QdLqlhr+7qz4Pp0CgYADu1GgaHFb4EHl8tpCMUEcNnu/iXkBjJgL+2m2
AWeOGMILl+klmkgOyxtaDrQi9bPhxpniTLy6NYPmKAUte1Vq8o5tLGS+Ibjz1Tst
FxEe+RiyXQ+PFNRee7PkBgSHXXIWw//6rHb4nQpGHQDgjfh+L8m47jnSkMX78Dnq
mYeRkQKBgDM67JdSM8IiyraLCi1adR1Wk3qkQF4v8GNGkzBEauvMCWgobFk+TmiL
MsoA+ytkEpbsDJJm+gdvCfqNoia0AGZguFZOiMvuCrhHafs/M++FxlPHesC556Lb
UnG1jjak09+Wbw9n76Db/P0B0RJMfVqP/hdG43VLNuBYtmLhdX3D
-----END RSA PRIVATE KEY-----
)";
constexpr std::string_view kRsaPubPkcs1Pem = R"(-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEAo5HZvqLrIF+DSJ9ZnCVKPIe0tVhKT0P352be9cMsOV6unPBp3No9
aO+FzFPAVDQ4NRWZGTH2UAX+a53dx0CpfrjAst9/BHvbtc45hLpJE5LcU3qPJPSp
zd8Sr0gW198rBSpSqd6mmA0BNBpMrDnfG6kDf7vtRKpnoIRzmud81gPoMbBJqd+n
fQpJExVpIcLgArMTlLrsn997mnRg1VugniJ89C8mu+V8EwnibhF7dpFyb4hqj3xZ
HD+eR0t29fL/ad9uxOgeCH0BRxQScIbhebb9w5sYQ7QhxUJ9kRWAUP+ZCoZBWscs
4xXiZWnS0OMTL2it2fQ4n8AFF8Zkcl0ebwIDAQAB
-----END RSA PUBLIC KEY-----
)";
constexpr std::string_view kEcCertPem = R"(-----BEGIN CERTIFICATE-----
MIIBgTCCASegAwIBAgIUWPm/3zSiegO3MvQ5GpHTCypZdCMwCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLc2lnbmV0LXRlc3QwHhcNMjYxMTI5MDExNDU4WhcNMzYxMTI2
MDExNDU4WjAWMRQwEgYDVQQDDAtzaWduZXQtdGVzdDBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABM0hR4oWd4iyTeuBh8Etf5xTOGIgYiN+4mRza+XX/cMSsS7qa80L
aH8LnPT2J5J6WUa/hHbsbBEJgxHGl3GZweqjUzBRMB0GA1UdDgQWBBQqPqhLiaPV
AI6BlCm0l4faYqEotjAfBgNVHSMEGDAWgBQqPqhLiaPVAI6BlCm0l4faYqEotjAP
BgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQCzezGbf4wA1SPhpAW0
Geya2K4eRXnlCD6SUJjLMasQBQIgb11DoDZ3PMlZ1fnxSg4eqQ5c0hTiHGka8mzy
PrgvC/w=
-----END CERTIFICATE-----
)";
constexpr std::string_view kEcEncPkcs8Pem = R"(-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAh/5q6kvHbV5QICCAAw
DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEIo9n5MAXhu0ii3K6o+tHOgEgZAe
TZDWX3x6U1WpN7BKXQZXiPNRBJtKV+2OXnp/F6UHFenBxnJxM6s5vZXUFz6p13rc
gya3AWEvmNEsu7Lxadock98cKh5biOw1txEkSWK07+rTBkIyafGUVXemNJ/aRVCK
DqFkFu6jpkE+lexS/fhKeHZU0/JkMs3Mtykttg/ikyikB3zDol+Sy0w/igmEupg=
-----END ENCRYPTED PRIVATE KEY-----
)";
constexpr std::string_view kEcLegacyEncPem = R"(-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-128-CBC,782654385A0D63E849ADDB59D407BCAB

KgoJT1y4TRsW/Yd5UdGBdYmzSs+ze5VeBF8XEBj98xu5yGmr8+JDfE/WvooJbjqL
AuC2xfLoiTPUM6sXChlKmmcqiOIdG9M9aPqJIT0INwGchZxBEIiZBm6EutS8a7KO
akhYgmVuqW199LN7WIYTdiSDQr/j74kc17Ho9rRYjmU=
-----END EC PRIVATE KEY-----
)";
constexpr std::string_view kEd448Pem = R"(-----BEGIN PRIVATE KEY-----
MEcCAQAwBQYDK2VxBDsEOdBHWgVDPRXlPTJ8+93WT5T4kjvXtIVHQn+kjizayEy5
GEcM6IRf4kszuURjNqzEGDsff4uEWSaFdA==
-----END PRIVATE KEY-----
)";
constexpr std::string_view kX25519Pem = R"(-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VuBCIEICiCnvh/hvEjmYZIqrrH0xKxGMoWjiRkR0OTSU2XMg1x
-----END PRIVATE KEY-----
)";
constexpr std::string_view kP224Pem = R"(-----BEGIN EC PRIVATE KEY-----
MGgCAQEEHKk9g/UOlqvMCPYI+OhG2w1Fit4mPC6vmGEgMDGgBwYFK4EEACGhPAM6
AAQ64KjRunJ4vPzM+vPRIvX+E1C66kO6ONTmG88fp8sEFs+dIm9zYB5qJn26jODo
Rv0QwQL6lLa6Pw==
-----END EC PRIVATE KEY-----
)";
constexpr std::string_view kRsapssPubPem = R"(-----BEGIN PUBLIC KEY-----
MIIBIDALBgkqhkiG9w0BAQoDggEPADCCAQoCggEBAJ0LcISYtqp4znrB3qme5ogj
4+8QeMzd5K7LENA80efNW0UOuCFI/oQo8ZkjiPjD4/bdSCifvS1129T40b5V69Gj
TTVW0iQe9cuedHNeZPBnHw5GhTYsznAH7qv9eRvyy0k5I3qM9MfioqPxMm284ND2
/7/Gdx//kILVpfw6ASVBpNgYaTQPrON2R+3ux8GLflyga8b+eBC4hR09IpHMhwb7
NATrgmeVK0fUovywJnJ3HFdbEf/Zoy+CyLFnbgtLiyWzSbutI/ComK97lRajzpE7
RIuAnXagc0WKlD0Ddjz/S2WUxGrokzDkjYIr5EtTJbKpeGj3pw1pLdl0ZBJYKV8C
AwEAAQ==
-----END PUBLIC KEY-----
)";
constexpr std::string_view kEcExplicitPem = R"(-----BEGIN EC PRIVATE KEY-----
MIIBaAIBAQQgyqytyVPV/4wNdbuHET2irHXkjXvJI5xeTlVPLcTMma+ggfowgfcC
AQEwLAYHKoZIzj0BAQIhAP////8AAAABAAAAAAAAAAAAAAAA////////////////
MFsEIP////8AAAABAAAAAAAAAAAAAAAA///////////////8BCBaxjXYqjqT57Pr
vVV2mIa8ZR0GsMxTsPY7zjw+J9JgSwMVAMSdNgiG5wSTamZ44ROdJreBn36QBEEE
axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpZP40Li/hp/m47n60p8D54W
K84zV2sxXs7LtkBoN79R9QIhAP////8AAAAA//////////+85vqtpxeehPO5ysL8
YyVRAgEBoUQDQgAENXsnYvCSWsiKTncsSdmvdba32+htjmKmFRwZ93ilp03GrQa5
WC+Zh/I1FQ7PtGV8Hikx/+aln2/yb35wZE4Lfg==
-----END EC PRIVATE KEY-----
)";

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::vector<std::uint8_t> from_hex(std::string_view hex) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

const AsymmetricKey::Ptr& rsa_key() {
  static const AsymmetricKey::Ptr key = AsymmetricKey::generate_rsa(2048).value();
  return key;
}
const AsymmetricKey::Ptr& other_rsa_key() {
  static const AsymmetricKey::Ptr key = AsymmetricKey::generate_rsa(2048).value();
  return key;
}

constexpr std::string_view kMessage = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0";

void expect_round_trip(const AsymmetricKey& key, SignatureScheme scheme, Hash hash) {
  std::vector<std::uint8_t> sig(key.signature_size());
  auto len = key.sign(scheme, hash, bytes_of(kMessage), sig.data());
  ASSERT_THAT(len, IsOk());
  ASSERT_EQ(*len, key.signature_size());
  EXPECT_TRUE(key.verify(scheme, hash, bytes_of(kMessage), sig));
  EXPECT_TRUE(key.public_half()->verify(scheme, hash, bytes_of(kMessage), sig));
  // Another message, a flipped bit anywhere, a wrong length: all false.
  EXPECT_FALSE(key.verify(scheme, hash, bytes_of("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0ZXN1In0"), sig));
  for (const std::size_t at : {std::size_t{0}, sig.size() / 2, sig.size() - 1}) {
    auto bad = sig;
    bad[at] ^= 0x01;
    EXPECT_FALSE(key.verify(scheme, hash, bytes_of(kMessage), bad)) << "flipped byte " << at;
  }
  auto longer = sig;
  longer.push_back(0);
  EXPECT_FALSE(key.verify(scheme, hash, bytes_of(kMessage), longer));
  EXPECT_FALSE(key.verify(scheme, hash, bytes_of(kMessage), std::span(sig).first(sig.size() - 1)));
  EXPECT_FALSE(key.verify(scheme, hash, bytes_of(kMessage), {}));
}

TEST(AsymmetricKeyTest, RsaPkcs1AndPssSignAndVerify) {
  const auto& key = *rsa_key();
  EXPECT_EQ(key.type(), KeyType::rsa);
  EXPECT_EQ(key.bits(), 2048u);
  EXPECT_EQ(key.signature_size(), 256u);
  EXPECT_TRUE(key.has_private());
  for (const Hash h : {Hash::sha256, Hash::sha384, Hash::sha512}) {
    expect_round_trip(key, SignatureScheme::rsa_pkcs1, h);
    expect_round_trip(key, SignatureScheme::rsa_pss, h);
  }
}

TEST(AsymmetricKeyTest, PkcsAndPssSignaturesAreNotInterchangeable) {
  const auto& key = *rsa_key();
  std::vector<std::uint8_t> sig(key.signature_size());
  ASSERT_THAT(key.sign(SignatureScheme::rsa_pkcs1, Hash::sha256, bytes_of(kMessage), sig.data()), IsOk());
  EXPECT_FALSE(key.verify(SignatureScheme::rsa_pss, Hash::sha256, bytes_of(kMessage), sig));
  EXPECT_FALSE(key.verify(SignatureScheme::rsa_pkcs1, Hash::sha384, bytes_of(kMessage), sig));
  ASSERT_THAT(key.sign(SignatureScheme::rsa_pss, Hash::sha256, bytes_of(kMessage), sig.data()), IsOk());
  EXPECT_FALSE(key.verify(SignatureScheme::rsa_pkcs1, Hash::sha256, bytes_of(kMessage), sig));
  EXPECT_FALSE(key.verify(SignatureScheme::rsa_pss, Hash::sha512, bytes_of(kMessage), sig));
}

TEST(AsymmetricKeyTest, PssSignaturesAreRandomised) {
  const auto& key = *rsa_key();
  std::vector<std::uint8_t> a(key.signature_size()), b(key.signature_size());
  ASSERT_THAT(key.sign(SignatureScheme::rsa_pss, Hash::sha256, bytes_of(kMessage), a.data()), IsOk());
  ASSERT_THAT(key.sign(SignatureScheme::rsa_pss, Hash::sha256, bytes_of(kMessage), b.data()), IsOk());
  EXPECT_NE(a, b);
}

TEST(AsymmetricKeyTest, EcdsaSignAndVerifyOnEveryCurve) {
  struct Case {
    Curve curve;
    Hash hash;
    std::size_t field;
    unsigned bits;
  };
  for (const Case c : {Case{Curve::p256, Hash::sha256, 32, 256}, Case{Curve::p384, Hash::sha384, 48, 384},
                       Case{Curve::p521, Hash::sha512, 66, 521}, Case{Curve::secp256k1, Hash::sha256, 32, 256}}) {
    auto key = AsymmetricKey::generate_ec(c.curve);
    ASSERT_THAT(key, IsOk());
    EXPECT_EQ((*key)->type(), KeyType::ec);
    EXPECT_EQ((*key)->curve(), c.curve);
    EXPECT_EQ((*key)->bits(), c.bits);
    EXPECT_EQ((*key)->signature_size(), 2 * c.field);
    EXPECT_EQ(curve_field_size(c.curve), c.field);
    EXPECT_EQ((*key)->ec().x.size(), c.field);
    expect_round_trip(**key, SignatureScheme::ecdsa, c.hash);
  }
}

TEST(AsymmetricKeyTest, Ed25519SignAndVerify) {
  auto key = AsymmetricKey::generate_ed25519();
  ASSERT_THAT(key, IsOk());
  EXPECT_EQ((*key)->type(), KeyType::ed25519);
  EXPECT_EQ((*key)->signature_size(), 64u);
  expect_round_trip(**key, SignatureScheme::ed25519, Hash::sha512);
}

TEST(AsymmetricKeyTest, SchemeMustFitTheKeyType) {
  auto ec = AsymmetricKey::generate_ec(Curve::p256).value();
  std::vector<std::uint8_t> sig(512);
  EXPECT_THAT(ec->sign(SignatureScheme::rsa_pkcs1, Hash::sha256, bytes_of(kMessage), sig.data()),
              HasError(Errc::invalid_key));
  EXPECT_THAT(rsa_key()->sign(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), sig.data()),
              HasError(Errc::invalid_key));
  ASSERT_THAT(ec->sign(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), sig.data()), IsOk());
  EXPECT_FALSE(ec->verify(SignatureScheme::ed25519, Hash::sha256, bytes_of(kMessage), std::span(sig).first(64)));
}

TEST(AsymmetricKeyTest, PublicKeyCannotSign) {
  const auto& pub = rsa_key()->public_half();
  ASSERT_NE(pub, nullptr);
  EXPECT_FALSE(pub->has_private());
  EXPECT_EQ(pub->public_half(), nullptr);
  std::vector<std::uint8_t> sig(256);
  EXPECT_THAT(pub->sign(SignatureScheme::rsa_pkcs1, Hash::sha256, bytes_of(kMessage), sig.data()),
              HasError(Errc::invalid_key));
  EXPECT_THAT(pub->to_private_pem(), HasError(Errc::invalid_key));
  EXPECT_THAT(pub->private_rsa(), HasError(Errc::invalid_key));
}

// r or s of zero, equal to the order or above it must never verify
// (CVE-2022-21449 accepted r = s = 0); nor may any other length.
TEST(AsymmetricKeyTest, EcdsaRejectsOutOfRangeScalarsAndWrongLengths) {
  auto key = AsymmetricKey::generate_ec(Curve::p256).value();
  std::vector<std::uint8_t> sig(64);
  ASSERT_THAT(key->sign(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), sig.data()), IsOk());
  ASSERT_TRUE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), sig));
  const auto order = from_hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
  const auto zero = std::vector<std::uint8_t>(32, 0);
  const auto ones = std::vector<std::uint8_t>(32, 0xff);
  const auto with = [&](const std::vector<std::uint8_t>& r, const std::vector<std::uint8_t>& s) {
    std::vector<std::uint8_t> out(r);
    out.insert(out.end(), s.begin(), s.end());
    return out;
  };
  const std::vector<std::uint8_t> r(sig.begin(), sig.begin() + 32), s(sig.begin() + 32, sig.end());
  EXPECT_FALSE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), with(zero, zero)));
  EXPECT_FALSE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), with(r, zero)));
  EXPECT_FALSE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), with(zero, s)));
  EXPECT_FALSE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), with(order, s)));
  EXPECT_FALSE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), with(r, order)));
  EXPECT_FALSE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), with(ones, s)));
  EXPECT_FALSE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), with(r, ones)));
  // Wrong lengths: one byte short, one byte long, a P-384 length.
  EXPECT_FALSE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), std::span(sig).first(63)));
  auto longer = sig;
  longer.insert(longer.begin(), 0);
  EXPECT_FALSE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), longer));
  std::vector<std::uint8_t> p384_len(96, 1);
  EXPECT_FALSE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), p384_len));
}

TEST(AsymmetricKeyTest, EcdsaSignaturesKeepLeadingZeros) {
  // About one signature in 128 has a leading zero byte in r or s; the JWS
  // form pads them back to the field size, and they must still verify.
  auto key = AsymmetricKey::generate_ec(Curve::p256).value();
  int padded = 0;
  for (int i = 0; i < 600 && padded < 2; ++i) {
    const std::string msg = "message " + std::to_string(i);
    std::vector<std::uint8_t> sig(64);
    ASSERT_THAT(key->sign(SignatureScheme::ecdsa, Hash::sha256, bytes_of(msg), sig.data()), IsOk());
    ASSERT_TRUE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(msg), sig)) << i;
    if (sig[0] == 0 || sig[32] == 0) ++padded;
  }
  EXPECT_GE(padded, 1);
}

TEST(AsymmetricKeyTest, PemRoundTrips) {
  std::vector<AsymmetricKey::Ptr> keys = {rsa_key(), AsymmetricKey::generate_ec(Curve::p384).value(),
                                          AsymmetricKey::generate_ec(Curve::secp256k1).value(),
                                          AsymmetricKey::generate_ed25519().value()};
  for (const auto& key : keys) {
    auto pub_pem = key->to_public_pem();
    ASSERT_THAT(pub_pem, IsOk());
    EXPECT_TRUE(pub_pem->starts_with("-----BEGIN PUBLIC KEY-----\n"));
    auto pub = AsymmetricKey::from_pem(*pub_pem, false);
    ASSERT_THAT(pub, IsOk());
    EXPECT_FALSE((*pub)->has_private());
    EXPECT_EQ((*pub)->rsa().n, key->rsa().n);
    EXPECT_EQ((*pub)->ec().x, key->ec().x);
    EXPECT_EQ((*pub)->ec().y, key->ec().y);
    EXPECT_EQ((*pub)->ed25519().x, key->ed25519().x);

    auto priv_pem = key->to_private_pem();
    ASSERT_THAT(priv_pem, IsOk());
    EXPECT_TRUE(priv_pem->starts_with("-----BEGIN PRIVATE KEY-----\n"));
    auto priv = AsymmetricKey::from_pem(*priv_pem, true);
    ASSERT_THAT(priv, IsOk());
    EXPECT_TRUE((*priv)->has_private());
    EXPECT_EQ((*priv)->to_private_pem().value(), *priv_pem);
    // A private PEM read as public, or the reverse, is refused.
    EXPECT_THAT(AsymmetricKey::from_pem(*priv_pem, false), HasError(Errc::invalid_key));
    EXPECT_THAT(AsymmetricKey::from_pem(*pub_pem, true), HasError(Errc::invalid_key));
  }
}

TEST(AsymmetricKeyTest, DerRoundTripsAndRefusesTrailingBytes) {
  auto key = AsymmetricKey::generate_ec(Curve::p256).value();
  auto der = key->to_public_der();
  ASSERT_THAT(der, IsOk());
  auto pub = AsymmetricKey::from_der(*der, false);
  ASSERT_THAT(pub, IsOk());
  EXPECT_EQ((*pub)->ec().x, key->ec().x);
  auto longer = *der;
  longer.push_back(0);
  EXPECT_THAT(AsymmetricKey::from_der(longer, false), HasError(Errc::invalid_key));
  EXPECT_THAT(AsymmetricKey::from_der(std::span(*der).first(der->size() - 1), false), HasError(Errc::invalid_key));
  EXPECT_THAT(AsymmetricKey::from_der({}, false), HasError(Errc::invalid_key));
  // A public DER is not a private key, and a private DER is not a public key.
  EXPECT_THAT(AsymmetricKey::from_der(*der, true), HasError(Errc::invalid_key));
  auto priv_der = key->to_private_der();
  ASSERT_THAT(priv_der, IsOk());
  EXPECT_THAT(AsymmetricKey::from_der(priv_der->bytes(), false), HasError(Errc::invalid_key));
  auto priv = AsymmetricKey::from_der(priv_der->bytes(), true);
  ASSERT_THAT(priv, IsOk());
  EXPECT_EQ((*priv)->ec().y, key->ec().y);
}

TEST(AsymmetricKeyTest, ReadsPkcs1Sec1AndCertificates) {
  auto rsa = AsymmetricKey::from_pem(kRsaPkcs1Pem, true);
  ASSERT_THAT(rsa, IsOk());
  auto rsa_pub = AsymmetricKey::from_pem(kRsaPubPkcs1Pem, false);
  ASSERT_THAT(rsa_pub, IsOk());
  EXPECT_EQ((*rsa)->rsa().n, (*rsa_pub)->rsa().n);
  expect_round_trip(**rsa, SignatureScheme::rsa_pss, Hash::sha256);

  auto ec = AsymmetricKey::from_pem(kEcSec1Pem, true);
  ASSERT_THAT(ec, IsOk());
  EXPECT_EQ((*ec)->curve(), Curve::p256);
  auto cert = AsymmetricKey::from_pem(kEcCertPem, false);
  ASSERT_THAT(cert, IsOk());
  EXPECT_EQ((*cert)->ec().x, (*ec)->ec().x);
  EXPECT_EQ((*cert)->ec().y, (*ec)->ec().y);
  // A certificate is never a private key.
  EXPECT_THAT(AsymmetricKey::from_pem(kEcCertPem, true), HasError(Errc::invalid_key));
}

TEST(AsymmetricKeyTest, PemMustBeExactlyOneCleanBlock) {
  const std::string pem(kEcSec1Pem);
  EXPECT_THAT(AsymmetricKey::from_pem("  \r\n" + pem + "\n\n", true), IsOk());
  std::string crlf;
  for (const char c : pem) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  EXPECT_THAT(AsymmetricKey::from_pem(crlf, true), IsOk());

  EXPECT_THAT(AsymmetricKey::from_pem("", true), HasError(Errc::invalid_key));
  EXPECT_THAT(AsymmetricKey::from_pem("garbage\n" + pem, true), HasError(Errc::invalid_key));
  EXPECT_THAT(AsymmetricKey::from_pem(pem + "garbage\n", true), HasError(Errc::invalid_key));
  EXPECT_THAT(AsymmetricKey::from_pem(pem + pem, true), HasError(Errc::invalid_key));
  std::string wrong_end = pem;
  wrong_end.replace(wrong_end.find("END EC"), 6, "END RS");
  EXPECT_THAT(AsymmetricKey::from_pem(wrong_end, true), HasError(Errc::invalid_key));
  std::string bad_char = pem;
  bad_char[bad_char.find('\n') + 5] = '-';
  EXPECT_THAT(AsymmetricKey::from_pem(bad_char, true), HasError(Errc::invalid_key));
  // Built by concatenation: g++ 12 at -O3 warns falsely (-Wrestrict) on a
  // std::string::insert of a literal here.
  const std::size_t at = pem.find('\n') + 5;
  const std::string inner_space = pem.substr(0, at) + std::string(1, ' ') + pem.substr(at);
  EXPECT_THAT(AsymmetricKey::from_pem(inner_space, true), HasError(Errc::invalid_key));
  std::string truncated = pem;
  truncated.erase(truncated.find('\n') + 5, 1);
  EXPECT_THAT(AsymmetricKey::from_pem(truncated, true), HasError(Errc::invalid_key));
  std::string relabelled = pem;
  relabelled.replace(relabelled.find("EC PRIVATE"), 10, "DH PRIVATE");
  relabelled.replace(relabelled.rfind("EC PRIVATE"), 10, "DH PRIVATE");
  EXPECT_THAT(AsymmetricKey::from_pem(relabelled, true), HasError(Errc::invalid_key));
}

TEST(AsymmetricKeyTest, EncryptedKeysAreRefusedWithoutPrompting) {
  EXPECT_THAT(AsymmetricKey::from_pem(kEcEncPkcs8Pem, true), HasError(Errc::invalid_key));
  EXPECT_THAT(AsymmetricKey::from_pem(kEcLegacyEncPem, true), HasError(Errc::invalid_key));
}

TEST(AsymmetricKeyTest, UnsupportedKeyTypesAndCurvesAreRefused) {
  EXPECT_THAT(AsymmetricKey::from_pem(kEd448Pem, true), HasError(Errc::invalid_key));
  EXPECT_THAT(AsymmetricKey::from_pem(kX25519Pem, true), HasError(Errc::invalid_key));
  EXPECT_THAT(AsymmetricKey::from_pem(kP224Pem, true), HasError(Errc::invalid_key));
  EXPECT_THAT(AsymmetricKey::from_pem(kRsapssPubPem, false), HasError(Errc::invalid_key));
  EXPECT_THAT(AsymmetricKey::from_pem(kEcExplicitPem, true), HasError(Errc::invalid_key));
}

RsaComponents public_parts(const AsymmetricKey& key) {
  RsaComponents c;
  c.n = key.rsa().n;
  c.e = key.rsa().e;
  return c;
}

TEST(AsymmetricKeyTest, RsaPublicExponentAndModulusChecks) {
  RsaComponents c = public_parts(*rsa_key());
  EXPECT_THAT(AsymmetricKey::from_rsa(c, false), IsOk());
  c.e = {0x03};
  EXPECT_THAT(AsymmetricKey::from_rsa(c, false), IsOk());
  for (const auto& e : std::vector<std::vector<std::uint8_t>>{{0x01}, {0x02}, {0x00}, {0x01, 0x00, 0x00}}) {
    c.e = e;
    EXPECT_THAT(AsymmetricKey::from_rsa(c, false), HasError(Errc::invalid_key)) << int(e.back());
  }
  c.e.assign(33, 0xff);  // 264 bits: beyond 2^256
  EXPECT_THAT(AsymmetricKey::from_rsa(c, false), HasError(Errc::invalid_key));
  c = public_parts(*rsa_key());
  c.n.back() &= 0xfe;  // even modulus
  EXPECT_THAT(AsymmetricKey::from_rsa(c, false), HasError(Errc::invalid_key));
  c = public_parts(*rsa_key());
  c.n.resize(64);  // 512 bits
  c.n.back() |= 1;
  EXPECT_THAT(AsymmetricKey::from_rsa(c, false), HasError(Errc::invalid_key));
  c = public_parts(*rsa_key());
  c.n.clear();
  EXPECT_THAT(AsymmetricKey::from_rsa(c, false), HasError(Errc::invalid_key));
}

TEST(AsymmetricKeyTest, RsaPrivateComponentsMustBeConsistent) {
  auto full = rsa_key()->private_rsa();
  ASSERT_THAT(full, IsOk());
  ASSERT_FALSE(full->p.empty());
  auto key = AsymmetricKey::from_rsa(*full, true);
  ASSERT_THAT(key, IsOk());
  EXPECT_EQ((*key)->rsa().n, rsa_key()->rsa().n);
  expect_round_trip(**key, SignatureScheme::rsa_pkcs1, Hash::sha256);

  // A prime of another key: the key would sign garbage.
  auto other = other_rsa_key()->private_rsa().value();
  auto mixed = rsa_key()->private_rsa().value();
  mixed.p = other.p.clone();
  EXPECT_THAT(AsymmetricKey::from_rsa(mixed, true), HasError(Errc::invalid_key));
  // The private exponent of another key, without CRT members.
  auto no_crt = rsa_key()->private_rsa().value();
  no_crt.d = other.d.clone();
  no_crt.p = SecretBytes();
  no_crt.q = SecretBytes();
  no_crt.dp = SecretBytes();
  no_crt.dq = SecretBytes();
  no_crt.qi = SecretBytes();
  EXPECT_THAT(AsymmetricKey::from_rsa(no_crt, true), HasError(Errc::invalid_key));
  // Some CRT members but not all.
  auto partial = rsa_key()->private_rsa().value();
  partial.qi = SecretBytes();
  EXPECT_THAT(AsymmetricKey::from_rsa(partial, true), HasError(Errc::invalid_key));
  // No d.
  auto no_d = rsa_key()->private_rsa().value();
  no_d.d = SecretBytes();
  EXPECT_THAT(AsymmetricKey::from_rsa(no_d, true), HasError(Errc::invalid_key));
}

TEST(AsymmetricKeyTest, EcPointMustBeOnTheCurveAndMatchD) {
  auto key = AsymmetricKey::generate_ec(Curve::p256).value();
  auto c = key->private_ec().value();
  EXPECT_THAT(AsymmetricKey::from_ec(c, true), IsOk());
  const auto public_of = [&] {
    EcComponents pub;
    pub.curve = c.curve;
    pub.x = c.x;
    pub.y = c.y;
    return pub;
  };
  EXPECT_THAT(AsymmetricKey::from_ec(public_of(), false), IsOk());

  auto off = public_of();
  off.y.back() ^= 1;
  EXPECT_THAT(AsymmetricKey::from_ec(off, false), HasError(Errc::invalid_key));
  auto zero = public_of();
  zero.x.assign(32, 0);
  zero.y.assign(32, 0);
  EXPECT_THAT(AsymmetricKey::from_ec(zero, false), HasError(Errc::invalid_key));
  auto wrong_curve = public_of();
  wrong_curve.curve = Curve::secp256k1;
  EXPECT_THAT(AsymmetricKey::from_ec(wrong_curve, false), HasError(Errc::invalid_key));
  auto short_x = public_of();
  short_x.x.erase(short_x.x.begin());
  EXPECT_THAT(AsymmetricKey::from_ec(short_x, false), HasError(Errc::invalid_key));

  auto other = AsymmetricKey::generate_ec(Curve::p256).value()->private_ec().value();
  auto mismatched = key->private_ec().value();
  mismatched.d = other.d.clone();
  EXPECT_THAT(AsymmetricKey::from_ec(mismatched, true), HasError(Errc::invalid_key));
  auto d_zero = key->private_ec().value();
  d_zero.d = SecretBytes(std::span<const std::uint8_t>(std::vector<std::uint8_t>(32, 0)));
  EXPECT_THAT(AsymmetricKey::from_ec(d_zero, true), HasError(Errc::invalid_key));
  auto d_short = key->private_ec().value();
  d_short.d = SecretBytes(std::span<const std::uint8_t>(std::vector<std::uint8_t>(31, 1)));
  EXPECT_THAT(AsymmetricKey::from_ec(d_short, true), HasError(Errc::invalid_key));
}

TEST(AsymmetricKeyTest, Ed25519ComponentsMustMatch) {
  auto key = AsymmetricKey::generate_ed25519().value();
  auto c = key->private_ed25519().value();
  ASSERT_EQ(c.d.size(), 32u);
  auto again = AsymmetricKey::from_ed25519(c, true);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ((*again)->ed25519().x, key->ed25519().x);
  auto wrong = key->private_ed25519().value();
  wrong.x[0] ^= 1;
  EXPECT_THAT(AsymmetricKey::from_ed25519(wrong, true), HasError(Errc::invalid_key));
  wrong = key->private_ed25519().value();
  wrong.x.pop_back();
  EXPECT_THAT(AsymmetricKey::from_ed25519(wrong, false), HasError(Errc::invalid_key));
  wrong = key->private_ed25519().value();
  wrong.d = SecretBytes(std::span<const std::uint8_t>(std::vector<std::uint8_t>(31, 1)));
  EXPECT_THAT(AsymmetricKey::from_ed25519(wrong, true), HasError(Errc::invalid_key));
}

TEST(AsymmetricKeyTest, GenerationArgumentsAreChecked) {
  EXPECT_THAT(AsymmetricKey::generate_rsa(512), HasError(Errc::invalid_argument));
  EXPECT_THAT(AsymmetricKey::generate_ec(Curve::none), HasError(Errc::invalid_argument));
}

TEST(AsymmetricKeyTest, OneKeySignsAndVerifiesFromManyThreads) {
  auto ec = AsymmetricKey::generate_ec(Curve::p256).value();
  const auto& rsa = rsa_key();
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        const std::string msg = "thread " + std::to_string(t) + " message " + std::to_string(i);
        std::vector<std::uint8_t> sig(256);
        const AsymmetricKey& key = (i % 2 == 0) ? *ec : *rsa;
        const auto scheme = (i % 2 == 0) ? SignatureScheme::ecdsa : SignatureScheme::rsa_pss;
        if (!key.sign(scheme, Hash::sha256, bytes_of(msg), sig.data()) ||
            !key.verify(scheme, Hash::sha256, bytes_of(msg), std::span(sig).first(key.signature_size()))) {
          ++failures[static_cast<std::size_t>(t)];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace signet::crypto
