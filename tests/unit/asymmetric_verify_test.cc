// Tests for AsymmetricKey::verify's strictness and for the per-thread
// verification contexts it keeps: signatures made directly with OpenSSL
// with every PSS parameter JWS forbids, PKCS#1 signatures without the
// DigestInfo, and keys created, evicted and destroyed between
// verifications.
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/asymmetric.h"
#include "support/matchers.h"

namespace signet::crypto {
namespace {

using signet::testing::IsOk;

constexpr std::string_view kMessage = "eyJhbGciOiJQUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0";

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

struct PkeyFree {
  void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

const AsymmetricKey::Ptr& rsa_key() {
  static const AsymmetricKey::Ptr key = AsymmetricKey::generate_rsa(2048).value();
  return key;
}

// openssl_private turns a signet private key into an OpenSSL EVP_PKEY.
Pkey openssl_private(const AsymmetricKey& key) {
  const SecretBytes der = key.to_private_der().value();
  const unsigned char* p = der.bytes().data();
  return Pkey(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size())));
}

const EVP_MD* md_named(const char* name) { return EVP_get_digestbyname(name); }

// pss_sign signs kMessage with RSASSA-PSS and the given parameters.
std::vector<std::uint8_t> pss_sign(EVP_PKEY* pkey, const char* md, const char* mgf1, int salt_len) {
  std::vector<std::uint8_t> sig(static_cast<std::size_t>(EVP_PKEY_get_size(pkey)));
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  std::size_t len = sig.size();
  const bool ok = EVP_DigestSignInit(ctx, &pctx, md_named(md), nullptr, pkey) == 1 &&
                  EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
                  EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md_named(mgf1)) == 1 &&
                  EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salt_len) == 1 &&
                  EVP_DigestSign(ctx, sig.data(), &len, bytes_of(kMessage).data(), kMessage.size()) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) sig.clear();
  return sig;
}

// pss_verifies_strictly checks `sig` with OpenSSL alone, demanding MGF1 with
// `md` and a salt of the digest length.
bool pss_verifies_strictly(EVP_PKEY* pkey, const char* md, std::span<const std::uint8_t> sig) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  const bool ok = EVP_DigestVerifyInit(ctx, &pctx, md_named(md), nullptr, pkey) == 1 &&
                  EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
                  EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md_named(md)) == 1 &&
                  EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
                  EVP_DigestVerify(ctx, sig.data(), sig.size(), bytes_of(kMessage).data(), kMessage.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

// RFC 7518 §3.5: MGF1 with the same hash, a salt as long as the hash.
// Anything else is refused, through the key and through its public half.
TEST(AsymmetricVerifyTest, PssNeedsMgf1OfTheHashAndASaltOfTheHashLength) {
  const AsymmetricKey& key = *rsa_key();
  Pkey pkey = openssl_private(key);
  ASSERT_NE(pkey, nullptr);
  struct Case {
    const char* md;
    const char* mgf1;
    int salt;
    Hash hash;
    bool valid;
  };
  const int max_salt = RSA_PSS_SALTLEN_MAX;
  for (const Case c : {Case{"SHA256", "SHA256", 32, Hash::sha256, true}, Case{"SHA256", "SHA1", 32, Hash::sha256, false},
                       Case{"SHA256", "SHA384", 32, Hash::sha256, false}, Case{"SHA256", "SHA256", 0, Hash::sha256, false},
                       Case{"SHA256", "SHA256", 20, Hash::sha256, false}, Case{"SHA256", "SHA256", 31, Hash::sha256, false},
                       Case{"SHA256", "SHA256", 33, Hash::sha256, false},
                       Case{"SHA256", "SHA256", max_salt, Hash::sha256, false},
                       Case{"SHA384", "SHA384", 48, Hash::sha384, true}, Case{"SHA384", "SHA256", 48, Hash::sha384, false},
                       Case{"SHA384", "SHA384", 32, Hash::sha384, false}, Case{"SHA512", "SHA512", 64, Hash::sha512, true},
                       Case{"SHA512", "SHA1", 64, Hash::sha512, false}}) {
    const auto sig = pss_sign(pkey.get(), c.md, c.mgf1, c.salt);
    ASSERT_EQ(sig.size(), key.signature_size()) << c.md << " " << c.mgf1 << " " << c.salt;
    // Twice each: the second call uses the context the first one kept.
    for (int round = 0; round < 2; ++round) {
      EXPECT_EQ(key.verify(SignatureScheme::rsa_pss, c.hash, bytes_of(kMessage), sig), c.valid)
          << c.md << " MGF1-" << c.mgf1 << " salt " << c.salt;
      EXPECT_EQ(key.public_half()->verify(SignatureScheme::rsa_pss, c.hash, bytes_of(kMessage), sig), c.valid)
          << c.md << " MGF1-" << c.mgf1 << " salt " << c.salt;
    }
  }
}

// signet's own PSS signatures use MGF1 with the message hash and a salt of
// the hash length: OpenSSL alone accepts them with exactly those
// parameters (twice: the second signature uses the context the key kept).
TEST(AsymmetricVerifyTest, PssSignaturesUseMgf1OfTheHashAndASaltOfTheHashLength) {
  const AsymmetricKey& key = *rsa_key();
  Pkey pkey = openssl_private(key);
  ASSERT_NE(pkey, nullptr);
  for (const auto& [hash, md] : {std::pair{Hash::sha256, "SHA256"}, std::pair{Hash::sha384, "SHA384"},
                                 std::pair{Hash::sha512, "SHA512"}}) {
    for (int round = 0; round < 2; ++round) {
      std::vector<std::uint8_t> sig(key.signature_size());
      ASSERT_THAT(key.sign(SignatureScheme::rsa_pss, hash, bytes_of(kMessage), sig.data()), IsOk());
      EXPECT_TRUE(pss_verifies_strictly(pkey.get(), md, sig)) << md;
    }
  }
}

// A PKCS#1 v1.5 signature must carry the DigestInfo of the JWS hash; a
// signature over the bare digest (what RSA "raw" PKCS#1 signing without a
// digest makes) or over another hash's DigestInfo is refused.
TEST(AsymmetricVerifyTest, Pkcs1NeedsTheDigestInfoOfTheHash) {
  const AsymmetricKey& key = *rsa_key();
  Pkey pkey = openssl_private(key);
  ASSERT_NE(pkey, nullptr);
  std::uint8_t digest_bytes[32];
  unsigned int digest_len = 0;
  ASSERT_EQ(EVP_Digest(kMessage.data(), kMessage.size(), digest_bytes, &digest_len, EVP_sha256(), nullptr), 1);

  const auto sign_digest = [&](const EVP_MD* md) {
    std::vector<std::uint8_t> sig(key.signature_size());
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(pkey.get(), nullptr);
    std::size_t len = sig.size();
    const bool ok = ctx != nullptr && EVP_PKEY_sign_init(ctx) == 1 &&
                    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1 &&
                    (md == nullptr || EVP_PKEY_CTX_set_signature_md(ctx, md) == 1) &&
                    EVP_PKEY_sign(ctx, sig.data(), &len, digest_bytes, digest_len) == 1;
    EVP_PKEY_CTX_free(ctx);
    if (!ok) sig.clear();
    return sig;
  };
  const auto proper = sign_digest(EVP_sha256());
  ASSERT_EQ(proper.size(), key.signature_size());
  EXPECT_TRUE(key.verify(SignatureScheme::rsa_pkcs1, Hash::sha256, bytes_of(kMessage), proper));
  const auto bare = sign_digest(nullptr);  // no DigestInfo around the digest
  ASSERT_EQ(bare.size(), key.signature_size());
  EXPECT_FALSE(key.verify(SignatureScheme::rsa_pkcs1, Hash::sha256, bytes_of(kMessage), bare));
  EXPECT_FALSE(key.public_half()->verify(SignatureScheme::rsa_pkcs1, Hash::sha256, bytes_of(kMessage), bare));
  // The same 32 bytes under a SHA-512/256 DigestInfo: another algorithm.
  const auto other = sign_digest(EVP_get_digestbyname("SHA512-256"));
  ASSERT_EQ(other.size(), key.signature_size());
  EXPECT_FALSE(key.verify(SignatureScheme::rsa_pkcs1, Hash::sha256, bytes_of(kMessage), other));
  // And after all those failures, the kept context still accepts the good one.
  EXPECT_TRUE(key.verify(SignatureScheme::rsa_pkcs1, Hash::sha256, bytes_of(kMessage), proper));
}

TEST(AsymmetricVerifyTest, EcdsaSignatureOfAnotherHashIsRefused) {
  auto key = AsymmetricKey::generate_ec(Curve::p256).value();
  std::vector<std::uint8_t> sig(64);
  ASSERT_THAT(key->sign(SignatureScheme::ecdsa, Hash::sha384, bytes_of(kMessage), sig.data()), IsOk());
  EXPECT_TRUE(key->verify(SignatureScheme::ecdsa, Hash::sha384, bytes_of(kMessage), sig));
  EXPECT_FALSE(key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), sig));
  EXPECT_FALSE(key->verify(SignatureScheme::ecdsa, Hash::sha512, bytes_of(kMessage), sig));
  EXPECT_TRUE(key->verify(SignatureScheme::ecdsa, Hash::sha384, bytes_of(kMessage), sig));
}

struct Signed {
  AsymmetricKey::Ptr key;
  std::vector<std::uint8_t> sig;
};

Signed make_signed(Curve curve, Hash hash, std::string_view message) {
  Signed s{AsymmetricKey::generate_ec(curve).value(), {}};
  s.sig.resize(s.key->signature_size());
  EXPECT_THAT(s.key->sign(SignatureScheme::ecdsa, hash, bytes_of(message), s.sig.data()), IsOk());
  return s;
}

// More keys than a thread keeps contexts for, used in turn: every key still
// verifies only its own signatures, with every hash it is asked for.
TEST(AsymmetricVerifyTest, ManyKeysInTurnEachVerifyOnlyTheirOwnSignatures) {
  std::vector<Signed> keys;
  for (int i = 0; i < 13; ++i) keys.push_back(make_signed(Curve::p256, Hash::sha256, kMessage));
  for (int round = 0; round < 3; ++round) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const Signed& k = keys[i];
      const Signed& other = keys[(i + 1) % keys.size()];
      EXPECT_TRUE(k.key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), k.sig)) << round << " " << i;
      EXPECT_TRUE(k.key->public_half()->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), k.sig));
      EXPECT_FALSE(k.key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), other.sig));
      EXPECT_FALSE(k.key->verify(SignatureScheme::ecdsa, Hash::sha384, bytes_of(kMessage), k.sig));
    }
  }
}

// A key destroyed after verifying, and a new key (often at the same
// address): the new key never verifies the old key's signature. (Address
// reuse happens in plain builds; AddressSanitizer's quarantine delays it, so
// there this test checks only the rest.)
TEST(AsymmetricVerifyTest, DestroyedKeysLeaveNothingANewKeyCouldUse) {
  Signed previous = make_signed(Curve::p256, Hash::sha256, kMessage);
  ASSERT_TRUE(previous.key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), previous.sig));
  for (int i = 0; i < 20; ++i) {
    const std::vector<std::uint8_t> old_sig = previous.sig;
    previous = Signed{};  // the only reference: the key is destroyed here
    previous = make_signed(Curve::p256, Hash::sha256, kMessage);
    EXPECT_FALSE(previous.key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), old_sig)) << i;
    EXPECT_TRUE(previous.key->verify(SignatureScheme::ecdsa, Hash::sha256, bytes_of(kMessage), previous.sig)) << i;
  }
  // RSA too: a public key parsed, used, destroyed and parsed again.
  const std::string pem = rsa_key()->to_public_pem().value();
  std::vector<std::uint8_t> sig(rsa_key()->signature_size());
  ASSERT_THAT(rsa_key()->sign(SignatureScheme::rsa_pss, Hash::sha256, bytes_of(kMessage), sig.data()), IsOk());
  for (int i = 0; i < 3; ++i) {
    auto pub = AsymmetricKey::from_pem(pem, false).value();
    EXPECT_TRUE(pub->verify(SignatureScheme::rsa_pss, Hash::sha256, bytes_of(kMessage), sig)) << i;
    EXPECT_FALSE(pub->verify(SignatureScheme::rsa_pkcs1, Hash::sha256, bytes_of(kMessage), sig)) << i;
  }
}

}  // namespace
}  // namespace signet::crypto
