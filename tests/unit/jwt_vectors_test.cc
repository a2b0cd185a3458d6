// Data-driven tests over third-party vectors in tests/vectors (see its
// README for sources, commits and licences):
//   Wycheproof HMAC, ECDSA (P1363 = JWS r||s), Ed25519, RSASSA-PKCS1-v1_5,
//   RSASSA-PSS signature files and json_web_key_test.json;
//   the JOSE cookbook (RFC 7520 §3 keys, §4.1-4.4 signatures, RFC 8037);
//   RFC 7515 App. A, RFC 7517 App. A/B and RFC 7638 examples.
// Signatures go through detail::sign / detail::verify with keys imported
// through the public factories. Whole-token vectors are run by the
// verifier's tests. Each file test prints its counts.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "encoding/base64url.h"
#include "encoding/json.h"
#include "encoding/json_object.h"
#include "jwt/key_data.h"
#include "signet/jwt/key_set.h"
#include "signet/jwt/keys.h"
#include "support/matchers.h"

namespace signet::jwt {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

const std::string kDir = SIGNET_TEST_VECTORS_DIR;
const std::string kWycheproof = kDir + "/wycheproof/testvectors_v1/";
const std::string kCookbook = kDir + "/jose-cookbook/";
const std::string kRfc = kDir + "/latchset-jose-rfc-examples/";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string b64u(std::string_view s) { return encoding::base64url_decode(s).value(); }

// std_base64 decodes standard (padded) base64, as in "x5c".
std::string std_base64(std::string_view s) {
  std::string u;
  for (const char c : s) {
    if (c == '=') break;
    u += c == '+' ? '-' : c == '/' ? '_' : c;
  }
  return b64u(u);
}

std::string sign_input(const detail::KeyData& key, std::string_view input) {
  std::string sig(detail::signature_size(key), '\0');
  auto len = detail::sign(key, input, reinterpret_cast<std::uint8_t*>(sig.data()));
  EXPECT_THAT(len, IsOk());
  if (len) sig.resize(*len);
  return sig;
}

bool verify_input(const detail::KeyData& key, std::string_view input, std::string_view sig) {
  return detail::verify(key, input, bytes_of(sig));
}

// Counts for one file; printed at the end of its test.
struct Counts {
  explicit Counts(std::string name) : file(std::move(name)) {}
  std::string file;
  int valid_accepted = 0;
  int invalid_rejected = 0;
  int rejected_at_import = 0;  // tests of a group whose key signet refuses
  int acceptable_accepted = 0;
  int acceptable_rejected = 0;
  int skipped = 0;  // outside JWS (noted per file)
  int failed = 0;

  void print() const {
    std::printf("[vectors] %s: %d valid accepted, %d invalid rejected, %d rejected at key import, "
                "%d acceptable (%d accepted, %d rejected), %d skipped, %d FAILED\n",
                file.c_str(), valid_accepted, invalid_rejected, rejected_at_import,
                acceptable_accepted + acceptable_rejected, acceptable_accepted, acceptable_rejected, skipped,
                failed);
  }

  void record(std::int64_t id, std::string_view result, bool accepted) {
    if (result == "valid") {
      accepted ? ++valid_accepted : ++failed;
    } else if (result == "invalid") {
      accepted ? ++failed : ++invalid_rejected;
    } else {
      accepted ? ++acceptable_accepted : ++acceptable_rejected;
      return;
    }
    if ((result == "valid") != accepted) ADD_FAILURE() << file << " tcId " << id << " (" << result << ")";
  }
};

using Json = nlohmann::json;

Json load(const std::string& path) { return Json::parse(read_file(path)); }

std::string str(const Json& e) { return e.get<std::string>(); }

// ------------------------------------------------------------- Wycheproof signatures

Algorithm algorithm_for(std::string_view file, std::string_view sha) {
  const int bits = sha == "SHA-256" ? 256 : sha == "SHA-384" ? 384 : 512;
  if (file.starts_with("rsa_pss")) return bits == 256 ? Algorithm::PS256 : bits == 384 ? Algorithm::PS384 : Algorithm::PS512;
  if (file.starts_with("rsa_signature")) {
    return bits == 256 ? Algorithm::RS256 : bits == 384 ? Algorithm::RS384 : Algorithm::RS512;
  }
  if (file.find("secp256r1") != std::string_view::npos) return Algorithm::ES256;
  if (file.find("secp384r1") != std::string_view::npos) return Algorithm::ES384;
  if (file.find("secp521r1") != std::string_view::npos) return Algorithm::ES512;
  return Algorithm::EdDSA;
}

void run_signature_file(const std::string& file, Counts& counts) {
  const Json root = load(kWycheproof + file);
  for (const Json& group : root["testGroups"]) {
    const std::string sha = group.contains("sha") ? str(group["sha"]) : "";
    const Algorithm alg = algorithm_for(file, sha);
    if (file.starts_with("rsa_pss")) {
      // JWS PS* is MGF1 with the same hash and a salt of the hash length.
      const int hash_len = sha == "SHA-256" ? 32 : sha == "SHA-384" ? 48 : 64;
      EXPECT_EQ(str(group["mgfSha"]), sha) << file;
      EXPECT_EQ(group["sLen"].get<int>(), hash_len) << file;
    }
    // RFC 7518 requires RSA keys of 2048 bits or more: smaller ones must be
    // refused at import, which rejects every test of the group.
    const int key_size = group.contains("keySize") ? group["keySize"].get<int>() : 0;
    const bool must_refuse = family_of(alg) == KeyFamily::rsa && (key_size < 2048 || key_size > 8192);

    auto pem = PublicKey::from_pem(str(group["publicKeyPem"]), alg);
    auto der_bytes = from_hex(str(group["publicKeyDer"]));
    auto der = PublicKey::from_der(bytes_of(der_bytes), alg);
    std::optional<Result<PublicKey>> jwk;
    if (group.contains("publicKeyJwk")) jwk = PublicKey::from_jwk(group["publicKeyJwk"].dump(), alg);
    if (group.contains("keyJwk")) jwk = PublicKey::from_jwk(group["keyJwk"].dump(), alg);
    if (must_refuse) {
      EXPECT_THAT(pem, HasError(Errc::invalid_key)) << file;
      EXPECT_THAT(der, HasError(Errc::invalid_key)) << file;
      if (jwk) {
        EXPECT_THAT(*jwk, HasError(Errc::invalid_key)) << file;
      }
      counts.rejected_at_import += static_cast<int>(group["tests"].size());
      continue;
    }
    ASSERT_THAT(pem, IsOk()) << file;
    ASSERT_THAT(der, IsOk()) << file;
    EXPECT_EQ(der->thumbprint(), pem->thumbprint()) << file;
    const PublicKey* key = &*pem;
    if (jwk) {
      ASSERT_THAT(*jwk, IsOk()) << file;
      EXPECT_EQ((*jwk)->thumbprint(), pem->thumbprint()) << file;
      key = &**jwk;  // the JWK path is the one JOSE users take
    }
    for (const Json& test : group["tests"]) {
      const auto id = test["tcId"].get<std::int64_t>();
      const std::string msg = from_hex(str(test["msg"]));
      const std::string sig = from_hex(str(test["sig"]));
      counts.record(id, str(test["result"]), verify_input(key->data(), msg, sig));
    }
  }
}

class WycheproofSignatureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(WycheproofSignatureTest, VerifiesAsLabelled) {
  Counts counts(GetParam());
  run_signature_file(GetParam(), counts);
  counts.print();
  EXPECT_EQ(counts.failed, 0);
  EXPECT_GT(counts.valid_accepted, 0);
  EXPECT_GT(counts.invalid_rejected, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Files, WycheproofSignatureTest,
    ::testing::Values("ecdsa_secp256r1_sha256_p1363_test.json", "ecdsa_secp384r1_sha384_p1363_test.json",
                      "ecdsa_secp521r1_sha512_p1363_test.json", "ed25519_test.json",
                      "rsa_signature_2048_sha256_test.json", "rsa_signature_2048_sha384_test.json",
                      "rsa_signature_2048_sha512_test.json", "rsa_signature_3072_sha384_test.json",
                      "rsa_signature_4096_sha512_test.json", "rsa_pss_2048_sha256_mgf1_32_test.json",
                      "rsa_pss_2048_sha384_mgf1_48_test.json", "rsa_pss_4096_sha384_mgf1_48_test.json",
                      "rsa_pss_4096_sha512_mgf1_64_test.json"),
    [](const ::testing::TestParamInfo<std::string>& p) {
      std::string name = p.param.substr(0, p.param.size() - 10);  // drop "_test.json"
      for (char& c : name) {
        if (c == '-' || c == '.') c = '_';
      }
      return name;
    });

// ------------------------------------------------------------- Wycheproof HMAC

class WycheproofHmacTest : public ::testing::TestWithParam<std::pair<std::string, Algorithm>> {};

TEST_P(WycheproofHmacTest, VerifiesAsLabelled) {
  const auto& [file, alg] = GetParam();
  Counts counts(file);
  const std::size_t hash_bits = alg == Algorithm::HS256 ? 256 : alg == Algorithm::HS384 ? 384 : 512;
  const Json root = load(kWycheproof + file);
  for (const Json& group : root["testGroups"]) {
    const auto tag_bits = group["tagSize"].get<std::size_t>();
    const auto key_bits = group["keySize"].get<std::size_t>();
    // JWS HS* always uses the full tag and keys of at least the hash size
    // (RFC 7518 §3.2): truncated-tag and short-key groups test raw HMAC,
    // which is outside JWS. Short keys are refused at import (checked).
    const bool in_jws = tag_bits == hash_bits && key_bits >= hash_bits;
    for (const Json& test : group["tests"]) {
      const auto id = test["tcId"].get<std::int64_t>();
      const std::string secret = from_hex(str(test["key"]));
      auto key = HmacKey::from_secret(alg, SecretBytes(std::string_view(secret)));
      if (!in_jws) {
        if (key_bits < hash_bits) {
          EXPECT_THAT(key, HasError(Errc::invalid_key)) << file << " tcId " << id;
        }
        ++counts.skipped;
        continue;
      }
      ASSERT_THAT(key, IsOk()) << file << " tcId " << id;
      const std::string msg = from_hex(str(test["msg"]));
      const std::string tag = from_hex(str(test["tag"]));
      const bool accepted = verify_input(key->data(), msg, tag);
      counts.record(id, str(test["result"]), accepted);
      if (str(test["result"]) == "valid") {
        EXPECT_EQ(sign_input(key->data(), msg), tag) << file << " tcId " << id;
      }
    }
  }
  counts.print();
  std::printf("[vectors] %s: the %d skipped tests are truncated-tag or short-key groups (raw HMAC, outside JWS)\n",
              file.c_str(), counts.skipped);
  EXPECT_EQ(counts.failed, 0);
  EXPECT_GT(counts.valid_accepted, 0);
  EXPECT_GT(counts.invalid_rejected, 0);
}

INSTANTIATE_TEST_SUITE_P(Files, WycheproofHmacTest,
                         ::testing::Values(std::pair{std::string("hmac_sha256_test.json"), Algorithm::HS256},
                                           std::pair{std::string("hmac_sha384_test.json"), Algorithm::HS384},
                                           std::pair{std::string("hmac_sha512_test.json"), Algorithm::HS512}),
                         [](const auto& p) { return std::string(algorithm_name(p.param.second)); });

// ------------------------------------------------------------- Wycheproof JWK sets

// compact_verify selects the key for a compact JWS from `set` by its header
// "alg" and "kid" and checks the signature: the key-set half of what the
// verifier does, enough to run the key-set vectors here.
bool compact_verify(const KeySet& set, std::string_view jws) {
  const auto dot1 = jws.find('.');
  const auto dot2 = jws.find('.', dot1 + 1);
  if (dot1 == std::string_view::npos || dot2 == std::string_view::npos ||
      jws.find('.', dot2 + 1) != std::string_view::npos) {
    return false;
  }
  auto header = encoding::base64url_decode(jws.substr(0, dot1));
  auto sig = encoding::base64url_decode(jws.substr(dot2 + 1));
  if (!header || !sig) return false;
  std::string canonical;
  auto members = json::parse_object(*header, canonical, 1 << 16, 16);
  if (!members) return false;
  const auto alg_text = json::find(*members, "alg");
  if (!alg_text) return false;
  auto alg = parse_algorithm(json::decode_string(*alg_text).value_or(""));
  if (!alg) return false;
  std::optional<std::string> kid;
  if (const auto k = json::find(*members, "kid")) {
    auto text = json::decode_string(*k);
    if (!text) return false;
    kid = *text;
  }
  auto selected = set.select(kid ? std::optional<std::string_view>(*kid) : std::nullopt, *alg);
  if (!selected) return false;
  const detail::KeyData& key = selected->public_key ? selected->public_key->data() : selected->hmac_key->data();
  return verify_input(key, jws.substr(0, dot2), *sig);
}

TEST(WycheproofJsonWebKeyTest, KeySetsVerifyAsLabelled) {
  Counts counts("json_web_key_test.json");
  const Json root = load(kWycheproof + counts.file);
  for (const Json& group : root["testGroups"]) {
    // The public set when given, else the private one (HMAC-only groups,
    // and one that mixes an HMAC key with an EC public key).
    const Json& jwks = group.contains("public") ? group["public"] : group["private"];
    const std::string text = jwks.dump();
    KeySetOptions options;
    // An application that verifies with shared secrets says so; a set that
    // mixes secrets with public keys is imported as a public JWKS.
    bool all_oct = true;
    for (const Json& key : jwks["keys"]) all_oct = all_oct && str(key["kty"]) == "oct";
    options.allow_hmac = all_oct;
    auto set = KeySet::from_jwks(text, options);
    if (!set) {
      std::printf("[vectors] json_web_key_test.json group %s: key set refused, %s: %s\n", str(group["comment"]).c_str(),
                  std::string(errc_name(set.error().code())).c_str(), std::string(set.error().detail()).c_str());
    }
    if (str(group["comment"]) == "jws_rsa_roca_key") {
      ASSERT_FALSE(set.has_value());
      EXPECT_NE(set.error().detail().find("ROCA"), std::string_view::npos) << set.error().detail();
    }
    for (const Json& test : group["tests"]) {
      const auto id = test["tcId"].get<std::int64_t>();
      if (!set) {
        // Every refusal here is of an unusable set, never of a valid token.
        if (str(test["result"]) == "invalid") {
          ++counts.rejected_at_import;
        } else {
          ++counts.failed;
          ADD_FAILURE() << "tcId " << id << ": key set refused: " << set.error().detail();
        }
        continue;
      }
      counts.record(id, str(test["result"]), compact_verify(*set, str(test["jws"])));
    }
  }
  counts.print();
  EXPECT_EQ(counts.failed, 0);
}

// ------------------------------------------------------------- JOSE cookbook

TEST(JoseCookbookTest, Rfc7520Keys) {
  auto ec_pub = PublicKey::from_jwk(read_file(kCookbook + "jwk/3_1.ec_public_key.json"), Algorithm::ES512);
  auto ec_priv = PrivateKey::from_jwk(read_file(kCookbook + "jwk/3_2.ec_private_key.json"), Algorithm::ES512);
  ASSERT_THAT(ec_pub, IsOk());
  ASSERT_THAT(ec_priv, IsOk());
  EXPECT_EQ(ec_pub->kid(), "bilbo.baggins@hobbiton.example");
  EXPECT_EQ(ec_pub->thumbprint(), ec_priv->thumbprint());
  EXPECT_EQ(ec_priv->public_key().to_jwk(), ec_pub->to_jwk());
  EXPECT_THAT(PublicKey::from_jwk(read_file(kCookbook + "jwk/3_1.ec_public_key.json"), Algorithm::ES256),
              HasError(Errc::invalid_key));

  auto rsa_pub = PublicKey::from_jwk(read_file(kCookbook + "jwk/3_3.rsa_public_key.json"), Algorithm::PS384);
  auto rsa_priv = PrivateKey::from_jwk(read_file(kCookbook + "jwk/3_4.rsa_private_key.json"), Algorithm::PS384);
  ASSERT_THAT(rsa_pub, IsOk());
  ASSERT_THAT(rsa_priv, IsOk());
  EXPECT_EQ(rsa_pub->thumbprint(), rsa_priv->thumbprint());

  const std::string mac_key = read_file(kCookbook + "jwk/3_5.symmetric_key_mac_computation.json");
  auto hmac = HmacKey::from_jwk(mac_key);
  ASSERT_THAT(hmac, IsOk());
  EXPECT_EQ(hmac->algorithm(), Algorithm::HS256);
  EXPECT_THAT(PublicKey::from_jwk(mac_key), HasError(Errc::invalid_key));
  // §3.6 is an A256GCM encryption key ("use":"enc"): refused as such.
  EXPECT_THAT(HmacKey::from_jwk(read_file(kCookbook + "jwk/3_6.symmetric_key_encryption.json")),
              HasError(Errc::invalid_key));
}

struct CookbookCase {
  std::string file;
  Algorithm alg;
};

class JoseCookbookSignatureTest : public ::testing::TestWithParam<CookbookCase> {};

TEST_P(JoseCookbookSignatureTest, SignsAndVerifies) {
  const auto& [file, alg] = GetParam();
  const Json root = load(kCookbook + file);
  ASSERT_EQ(str(root["input"]["alg"]), algorithm_name(alg));
  const std::string jwk = root["input"]["key"].dump();
  const std::string input = str(root["signing"]["sig-input"]);
  const std::string sig = b64u(str(root["signing"]["sig"]));
  EXPECT_EQ(str(root["output"]["compact"]), input + "." + str(root["signing"]["sig"]));
  const bool reproducible = root.value("reproducible", false);

  const detail::KeyData* signing = nullptr;
  const detail::KeyData* verifying = nullptr;
  std::optional<HmacKey> hmac;
  std::optional<PrivateKey> priv;
  std::optional<PublicKey> pub;
  if (family_of(alg) == KeyFamily::hmac) {
    hmac = HmacKey::from_jwk(jwk, alg).value();
    signing = verifying = &hmac->data();
  } else {
    priv = PrivateKey::from_jwk(jwk, alg).value();
    pub = PublicKey::from_jwk(jwk, alg).value();  // private members ignored
    signing = &priv->data();
    verifying = &pub->data();
  }
  EXPECT_TRUE(verify_input(*verifying, input, sig));
  std::string tampered = sig;
  tampered[tampered.size() / 3] = static_cast<char>(tampered[tampered.size() / 3] ^ 0x08);
  EXPECT_FALSE(verify_input(*verifying, input, tampered));
  EXPECT_FALSE(verify_input(*verifying, input + " ", sig));
  const std::string ours = sign_input(*signing, input);
  if (reproducible) {
    EXPECT_EQ(ours, sig);
  }
  EXPECT_TRUE(verify_input(*verifying, input, ours));
  std::printf("[vectors] jose-cookbook/%s: %s verified%s\n", file.c_str(), std::string(algorithm_name(alg)).c_str(),
              reproducible ? ", signature reproduced" : "");
}

INSTANTIATE_TEST_SUITE_P(Files, JoseCookbookSignatureTest,
                         ::testing::Values(CookbookCase{"jws/4_1.rsa_v15_signature.json", Algorithm::RS256},
                                           CookbookCase{"jws/4_2.rsa-pss_signature.json", Algorithm::PS384},
                                           CookbookCase{"jws/4_3.ecdsa_signature.json", Algorithm::ES512},
                                           CookbookCase{"jws/4_4.hmac-sha2_integrity_protection.json",
                                                        Algorithm::HS256},
                                           CookbookCase{"curve25519/jws.json", Algorithm::EdDSA}),
                         [](const auto& p) { return std::string(algorithm_name(p.param.alg)); });

// ------------------------------------------------------------- RFC examples

struct Rfc7515Case {
  std::string name;
  Algorithm alg;
  bool deterministic;
};

class Rfc7515Test : public ::testing::TestWithParam<Rfc7515Case> {};

TEST_P(Rfc7515Test, AppendixSignatures) {
  const auto& [name, alg, deterministic] = GetParam();
  const std::string jwk = read_file(kRfc + name + ".jwk");
  const std::string jws = read_file(kRfc + name + ".jwsc");
  const std::string input = jws.substr(0, jws.rfind('.'));
  const std::string sig = b64u(jws.substr(jws.rfind('.') + 1));
  if (family_of(alg) == KeyFamily::hmac) {
    auto key = HmacKey::from_jwk(jwk, alg);
    ASSERT_THAT(key, IsOk());
    EXPECT_TRUE(verify_input(key->data(), input, sig));
    EXPECT_EQ(sign_input(key->data(), input), sig);
    return;
  }
  auto priv = PrivateKey::from_jwk(jwk, alg);
  auto pub = PublicKey::from_jwk(jwk, alg);
  ASSERT_THAT(priv, IsOk());
  ASSERT_THAT(pub, IsOk());
  EXPECT_TRUE(verify_input(pub->data(), input, sig));
  std::string tampered = sig;
  tampered.back() = static_cast<char>(tampered.back() ^ 1);
  EXPECT_FALSE(verify_input(pub->data(), input, tampered));
  const std::string ours = sign_input(priv->data(), input);
  if (deterministic) {
    EXPECT_EQ(ours, sig);
  }
  EXPECT_TRUE(verify_input(pub->data(), input, ours));
}

INSTANTIATE_TEST_SUITE_P(AppendixA, Rfc7515Test,
                         ::testing::Values(Rfc7515Case{"rfc7515_A.1", Algorithm::HS256, true},
                                           Rfc7515Case{"rfc7515_A.2", Algorithm::RS256, true},
                                           Rfc7515Case{"rfc7515_A.3", Algorithm::ES256, false},
                                           Rfc7515Case{"rfc7515_A.4", Algorithm::ES512, false}),
                         [](const auto& p) { return std::string(algorithm_name(p.param.alg)); });

TEST(Rfc7638Test, ThumbprintExample) {
  auto key = PublicKey::from_jwk(read_file(kRfc + "rfc7638_3.1.jwk"));
  ASSERT_THAT(key, IsOk());
  std::string expected = read_file(kRfc + "rfc7638_3.1.thp");
  while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r')) expected.pop_back();
  EXPECT_EQ(expected, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  EXPECT_EQ(key->thumbprint(), expected);
}

TEST(Rfc7517Test, PublicKeySet) {
  // A.1: an EC key for encryption ("use":"enc", no "alg") and an RS256 key.
  const std::string text = read_file(kRfc + "rfc7517_A.1.jwkset");
  EXPECT_THAT(KeySet::from_jwks(text), HasError(Errc::invalid_key));
  KeySetOptions skip;
  skip.skip_unusable = true;
  auto set = KeySet::from_jwks(text, skip);
  ASSERT_THAT(set, IsOk());
  EXPECT_EQ(set->size(), 1u);
  auto rsa = set->select("2011-04-29", Algorithm::RS256);
  ASSERT_THAT(rsa, IsOk());
  EXPECT_EQ(rsa->public_key->thumbprint(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  EXPECT_THAT(set->select("1", Algorithm::ES256), HasError(Errc::key_mismatch));
}

TEST(Rfc7517Test, PrivateKeySet) {
  // A.2: private keys. A JWKS never carries them; each imports on its own.
  const std::string text = read_file(kRfc + "rfc7517_A.2.jwkset");
  EXPECT_THAT(KeySet::from_jwks(text), HasError(Errc::invalid_key));
  std::vector<std::string> keys;
  const Json doc = Json::parse(text);
  for (const Json& key : doc["keys"]) keys.push_back(key.dump());
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_THAT(PrivateKey::from_jwk(keys[0], Algorithm::ES256), HasError(Errc::invalid_key));  // "use":"enc"
  auto rsa = PrivateKey::from_jwk(keys[1]);
  ASSERT_THAT(rsa, IsOk());
  EXPECT_EQ(rsa->algorithm(), Algorithm::RS256);
  EXPECT_EQ(rsa->thumbprint(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

TEST(Rfc7517Test, SymmetricKeySetVerifiesRfc7515A1) {
  // A.3: an A128KW key and the RFC 7515 A.1 HMAC key (no "alg").
  const std::string text = read_file(kRfc + "rfc7517_A.3.jwkset");
  KeySetOptions options;
  options.allow_hmac = true;
  EXPECT_THAT(KeySet::from_jwks(text, options), HasError(Errc::unsupported));
  options.skip_unusable = true;
  options.bind_algorithm["HMACkeyusedinJWSspecAppendixA.1example"] = Algorithm::HS256;
  auto set = KeySet::from_jwks(text, options);
  ASSERT_THAT(set, IsOk());
  EXPECT_EQ(set->size(), 1u);
  EXPECT_TRUE(compact_verify(*set, read_file(kRfc + "rfc7515_A.1.jwsc")));
}

TEST(Rfc7517Test, AppendixBCertificateChainKey) {
  const std::string text = read_file(kRfc + "rfc7517_B.jwk");
  auto key = PublicKey::from_jwk(text, Algorithm::RS256);
  ASSERT_THAT(key, IsOk());
  EXPECT_EQ(key->kid(), "1b94c");
  // The "x5c" certificate holds the same public key: DER and PEM.
  const std::string cert_b64 = str(Json::parse(text)["x5c"].at(0));
  const std::string der = std_base64(cert_b64);
  auto from_der = PublicKey::from_der(bytes_of(der), Algorithm::RS256);
  ASSERT_THAT(from_der, IsOk());
  EXPECT_EQ(from_der->thumbprint(), key->thumbprint());
  std::string pem = "-----BEGIN CERTIFICATE-----\n";
  for (std::size_t i = 0; i < cert_b64.size(); i += 64) pem.append(cert_b64, i, 64).append("\n");
  pem += "-----END CERTIFICATE-----\n";
  auto from_pem = PublicKey::from_pem(pem, Algorithm::PS256, "cert");
  ASSERT_THAT(from_pem, IsOk());
  EXPECT_EQ(from_pem->thumbprint(), key->thumbprint());
  EXPECT_THAT(PrivateKey::from_pem(pem, Algorithm::RS256), HasError(Errc::invalid_key));
}

}  // namespace
}  // namespace signet::jwt
