// One test per resource cap, named after it (docs/security.md, "Resource
// limits", lists these and the tests elsewhere that cover the other caps:
// JSON layer boundaries in json_test.cc, PASETO footer limits in
// paseto_threats_test.cc, PASERK password costs in paseto_paserk_test.cc,
// itsdangerous inflation in itsdangerous_serializer_test.cc).
#include <gtest/gtest.h>
#include <malloc.h>
#include <zlib.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "encoding/base64url.h"
#include "signet/django.h"
#include "signet/itsdangerous.h"
#include "signet/jwt.h"
#include "signet/paseto.h"
#include "support/jws_forge.h"
#include "support/matchers.h"

namespace signet {
namespace {

using signet::testing::b64;
using signet::testing::forge_hs;
using signet::testing::HasError;
using signet::testing::IsOk;
using namespace std::chrono_literals;

constexpr std::int64_t kNow = 1700000000;
const std::string kSecret(32, 's');
const FixedClock kClock = FixedClock::from_seconds(kNow);

jwt::Verifier hs_verifier(std::size_t max_token_size = jwt::kDefaultMaxTokenSize, std::string_view kid = {}) {
  auto key = jwt::HmacKey::from_secret(jwt::Algorithm::HS256, SecretBytes(kSecret), kid).value();
  return jwt::Verifier::create(key, jwt::PolicyBuilder().max_token_size(max_token_size).build().value(), kClock)
      .value();
}

std::string hs_token(std::string_view payload, std::string_view header = R"({"alg":"HS256"})") {
  return forge_hs(header, payload, kSecret);
}

// Peak resident memory growth of this process around `fn`, in bytes, from
// Linux's VmHWM after resetting it (/proc/self/clear_refs "5"). Returns -1
// when the peak cannot be reset. A peak of memory in use, unlike a counting
// operator new, also sees zlib's and OpenSSL's own malloc calls, and needs no
// allocator replacement (which would disable ASan's checks in this binary).
long long peak_rss_growth(const std::function<void()>& fn) {
  auto status_kb = [](std::string_view field) -> long long {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind(field, 0) == 0) return std::stoll(line.substr(field.size()));
    }
    return -1;
  };
  // Return freed heap memory to the system first, so that what `fn`
  // allocates has to be faulted in and shows in the peak.
  malloc_trim(0);
  {
    std::ofstream reset("/proc/self/clear_refs");
    reset << "5";
    if (!reset.good()) return -1;
  }
  const long long before = status_kb("VmRSS:");
  fn();
  const long long peak = status_kb("VmHWM:");
  if (before < 0 || peak < 0) return -1;
  return (peak - before) * 1024;
}

// ---------------------------------------------------------------- token size

TEST(LimitsTest, TokenSize_Jwt) {
  const std::string token = hs_token(R"({"sub":"x","exp":1700000600,"pad":")" + std::string(300, 'p') + "\"}");
  EXPECT_THAT(hs_verifier(token.size()).verify(token), IsOk());
  EXPECT_THAT(hs_verifier(token.size() - 1).verify(token), HasError(Errc::malformed));
  // The default cap is 8 KiB.
  const std::string big = hs_token(R"({"exp":1700000600,"pad":")" + std::string(8192, 'p') + "\"}");
  EXPECT_THAT(hs_verifier().verify(big), HasError(Errc::malformed));
}

TEST(LimitsTest, TokenSize_Paseto) {
  const auto key = paseto::LocalKey::generate().value();
  paseto::Claims claims;
  claims.expires_at(UnixTime(std::chrono::seconds(kNow + 600))).set("pad", std::string(300, 'p'));
  const std::string token = paseto::encrypt(key, claims).value();
  auto at_cap = paseto::Decryptor::create(key, paseto::PolicyBuilder().max_token_size(token.size()).build().value(),
                                          kClock);
  EXPECT_THAT(at_cap->decrypt(token), IsOk());
  auto below = paseto::Decryptor::create(key, paseto::PolicyBuilder().max_token_size(token.size() - 1).build().value(),
                                         kClock);
  EXPECT_THAT(below->decrypt(token), HasError(Errc::malformed));
  // The message layer has the same cap.
  EXPECT_THAT(paseto::decrypt_message(key, token, {}, token.size() - 1), HasError(Errc::malformed));
}

// Django and itsdangerous have no token-size cap of their own (neither does
// Django): verification is one linear HMAC pass over the token before any
// decoding, and the decoded payload is capped (inflate cap, JSON size cap).
// This checks that a huge forged token costs one pass and is refused.
TEST(LimitsTest, TokenSize_DjangoAndItsdangerousRefuseHugeForgeriesInOnePass) {
  const std::string value(8u << 20, 'v');
  auto django_signer = django::Signer::create(SecretBytes("django-key")).value();
  const std::string forged = value + ":" + std::string(43, 'A');
  EXPECT_THAT(django_signer.unsign(forged), HasError(Errc::bad_signature));
  auto its_signer = itsdangerous::Signer::create(SecretBytes("its-key")).value();
  const std::string its_forged = value + "." + std::string(27, 'A');
  EXPECT_THAT(its_signer.unsign(its_forged), HasError(Errc::bad_signature));
}

// ---------------------------------------------------------------- segment count

TEST(LimitsTest, SegmentCount_JwtWithTenThousandDotsIsMalformedFast) {
  // The size cap is raised so that the segment split itself is what refuses
  // these: 10,000 dots, alone and between valid-looking segments.
  auto v = hs_verifier(1u << 20);
  const std::string good = hs_token(R"({"exp":1700000600})");
  std::string many;
  for (int i = 0; i < 10'000; ++i) many += "eyJ.";
  // Splitting stops at the fourth segment: no work per extra dot beyond one
  // scan (tests assert no timings; bench/ measures).
  EXPECT_THAT(v.verify(std::string(10'000, '.')), HasError(Errc::malformed));
  EXPECT_THAT(v.verify(many + "a"), HasError(Errc::malformed));
  EXPECT_THAT(v.verify(good + std::string(10'000, '.')), HasError(Errc::malformed));
  EXPECT_THAT(jwt::inspect_unverified(std::string(10'000, '.'), 1u << 20), HasError(Errc::malformed));
  // PASETO: the same.
  const auto key = paseto::LocalKey::generate().value();
  auto d = paseto::Decryptor::create(key, paseto::PolicyBuilder().max_token_size(1u << 20).build().value(), kClock);
  EXPECT_THAT(d->decrypt("v4.local." + std::string(10'000, '.')), HasError(Errc::malformed));
}

// ---------------------------------------------------------------- JSON depth and size

// A JWT payload object nested `depth` levels deep in total (the payload
// object itself is level 1).
std::string nested_payload(std::size_t depth) {
  return R"({"exp":1700000600,"x":)" + std::string(depth - 2, '[') + "{}" + std::string(depth - 2, ']') + "}";
}

TEST(LimitsTest, JsonDepth_JwtPayloadAtCapPassesCapPlusOneFails) {
  constexpr std::size_t kCap = 32;  // src/jwt/verifier.cc kMaxPayloadDepth
  auto v = hs_verifier();
  EXPECT_THAT(v.verify(hs_token(nested_payload(kCap))), IsOk());
  EXPECT_THAT(v.verify(hs_token(nested_payload(kCap + 1))), HasError(Errc::bad_payload));
  // Header depth: 4.
  EXPECT_THAT(v.verify(hs_token(R"({"exp":1700000600})", R"({"alg":"HS256","x":[[{}]]})")), IsOk());
  EXPECT_THAT(v.verify(hs_token(R"({"exp":1700000600})", R"({"alg":"HS256","x":[[[{}]]]})")),
              HasError(Errc::malformed));
}

TEST(LimitsTest, JsonSize_JwtHeaderAndJwksDocument) {
  // The header decodes to at most 2048 bytes.
  auto v = hs_verifier(1u << 20);
  const std::string base = R"({"alg":"HS256","x":""})";
  const std::string at_cap = R"({"alg":"HS256","x":")" + std::string(2048 - base.size(), 'h') + "\"}";
  ASSERT_EQ(at_cap.size(), 2048u);
  EXPECT_THAT(v.verify(hs_token(R"({"exp":1700000600})", at_cap)), IsOk());
  const std::string over = R"({"alg":"HS256","x":")" + std::string(2049 - base.size(), 'h') + "\"}";
  EXPECT_THAT(v.verify(hs_token(R"({"exp":1700000600})", over)), HasError(Errc::malformed));
}

TEST(LimitsTest, JwkAndJwksDocumentSize) {
  // JWK and JWKS documents are parsed with the JSON layer's 1 MiB cap.
  const auto key = jwt::PrivateKey::generate(jwt::Algorithm::ES256, "k").value();
  const std::string jwk = key.public_key().to_jwk();
  auto padded = [&](std::size_t total) {
    const std::string head = R"({"keys":[)" + jwk + R"(],"pad":")";
    return head + std::string(total - head.size() - 2, 'p') + "\"}";
  };
  EXPECT_THAT(jwt::KeySet::from_jwks(padded(1u << 20)), IsOk());
  // One byte over: the parser refuses the document (reported as malformed).
  EXPECT_THAT(jwt::KeySet::from_jwks(padded((1u << 20) + 1)), HasError(Errc::malformed));
  const std::string big_jwk = jwk.substr(0, jwk.size() - 1) + R"(,"pad":")" + std::string(1u << 20, 'p') + "\"}";
  EXPECT_FALSE(jwt::PublicKey::from_jwk(big_jwk).has_value());
}

// ---------------------------------------------------------------- inflated size

// deflate_repeated returns the zlib stream of `total` bytes of 'a', made a
// mebibyte at a time so the test never holds the inflated size itself.
std::string deflate_repeated(std::size_t total) {
  z_stream z{};
  EXPECT_EQ(deflateInit(&z, 9), Z_OK);
  const std::string chunk(1u << 20, 'a');
  std::string out;
  std::vector<unsigned char> buf(1u << 16);
  for (std::size_t done = 0; done < total; done += chunk.size()) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    z.avail_in = static_cast<uInt>(chunk.size());
    const int flush = done + chunk.size() >= total ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = buf.data();
      z.avail_out = static_cast<uInt>(buf.size());
      deflate(&z, flush);
      out.append(reinterpret_cast<const char*>(buf.data()), buf.size() - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return out;
}

TEST(LimitsTest, InflatedSize_DjangoGigabyteBombIsRejectedWithinTheMemoryCap) {
  // deflate's best ratio is about 1:1000, so a 1 GiB inflation needs a token
  // of about 1.4 MB (a 1 KB token reaches about 1 MB). The signer's key
  // signs it, so only the inflate cap stands in the way.
  const std::string zlib_data = deflate_repeated(std::size_t{1} << 30);
  const std::string payload = "." + encoding::base64url_encode(
                                        {reinterpret_cast<const std::uint8_t*>(zlib_data.data()), zlib_data.size()});
  const SecretBytes key("django-bomb-key");
  django::SignerOptions options;
  options.salt = std::string(django::kDumpsSalt);
  const std::string token = django::TimestampSigner::create(key, options, kClock).value().sign(payload);
  EXPECT_LT(token.size(), 2'000'000u);

  django::LoadsOptions load;
  load.clock = &kClock;
  Result<std::string> result = std::string();
  const long long growth = peak_rss_growth([&] { result = django::loads(token, key, load); });
  EXPECT_THAT(result, HasError(Errc::payload_too_large));
  if (growth < 0) GTEST_SKIP() << "cannot reset the peak RSS (/proc/self/clear_refs); the cap itself was checked";
  // The default cap is 1 MiB of inflated output; peak growth must stay far
  // below what inflating the bomb would take.
  EXPECT_LT(growth, 8LL << 20) << "peak RSS grew by " << growth << " bytes";
  std::cout << "inflate bomb: token " << token.size() << " bytes, peak RSS growth " << growth << " bytes\n";
}

// ---------------------------------------------------------------- RSA key size

// An RSA public JWK whose modulus has `bits` bits (random, odd): import checks
// the size before anything that needs a real key.
std::string rsa_jwk_with_bits(std::size_t bits) {
  std::mt19937 rng(static_cast<unsigned>(bits));
  std::vector<std::uint8_t> n(bits / 8);
  for (auto& b : n) b = static_cast<std::uint8_t>(rng());
  n.front() |= 0xc0;
  n.back() |= 1;
  return R"({"kty":"RSA","n":")" + encoding::base64url_encode(n) + R"(","e":"AQAB"})";
}

TEST(LimitsTest, RsaKeySize_1024And16384RefusedAnd2048Accepted) {
  EXPECT_THAT(jwt::PublicKey::from_jwk(rsa_jwk_with_bits(1024), jwt::Algorithm::RS256), HasError(Errc::invalid_key));
  EXPECT_THAT(jwt::PublicKey::from_jwk(rsa_jwk_with_bits(16384), jwt::Algorithm::RS256), HasError(Errc::invalid_key));
  EXPECT_THAT(jwt::PublicKey::from_jwk(rsa_jwk_with_bits(8200), jwt::Algorithm::RS256), HasError(Errc::invalid_key));
  EXPECT_THAT(jwt::PublicKey::from_jwk(rsa_jwk_with_bits(2048), jwt::Algorithm::RS256), IsOk());
  EXPECT_THAT(jwt::PublicKey::from_jwk(rsa_jwk_with_bits(8192), jwt::Algorithm::RS256), IsOk());
  EXPECT_THAT(jwt::PrivateKey::generate(jwt::Algorithm::RS256, {}, 16384), HasError(Errc::invalid_argument));
  auto generated = jwt::PrivateKey::generate(jwt::Algorithm::RS256, {}, 2048);
  ASSERT_THAT(generated, IsOk());
  EXPECT_THAT(jwt::PublicKey::from_pem(generated->public_key().to_pem(), jwt::Algorithm::RS256), IsOk());
}

// ---------------------------------------------------------------- kid length

TEST(LimitsTest, KidLength_256AcceptedAnd257Refused) {
  const std::string kid256(256, 'k'), kid257(257, 'k');
  EXPECT_THAT(jwt::HmacKey::from_secret(jwt::Algorithm::HS256, SecretBytes(kSecret), kid256), IsOk());
  EXPECT_THAT(jwt::HmacKey::from_secret(jwt::Algorithm::HS256, SecretBytes(kSecret), kid257),
              HasError(Errc::invalid_argument));
  auto v = hs_verifier(jwt::kDefaultMaxTokenSize, kid256);
  const std::string payload = R"({"exp":1700000600})";
  EXPECT_THAT(v.verify(hs_token(payload, R"({"alg":"HS256","kid":")" + kid256 + "\"}")), IsOk());
  // An oversized kid in a token is refused before any key lookup.
  EXPECT_THAT(v.verify(hs_token(payload, R"({"alg":"HS256","kid":")" + kid257 + "\"}")), HasError(Errc::malformed));
}

}  // namespace
}  // namespace signet
