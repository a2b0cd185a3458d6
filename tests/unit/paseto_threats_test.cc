// The attacks of the threat catalog (/shared/spec/threats.md) that apply to
// PASETO v4, each shown failing against signet's defaults:
//   #52 cross-purpose / cross-version key use (algorithm lucidity)
//   #17, #19 modified tokens: every byte of body and footer, the implicit
//        assertion, truncation and extension
//   #26 non-canonical base64url (trailing bits, padding, other alphabet)
//   #30, #31 footer and token size, footer JSON depth and member count
//   #33 nothing decrypted or parsed before the MAC / signature
//   #48, #49 exp required, leeway capped
//   #28 present-but-malformed times are errors, never "absent"
//   key material in the footer's kid
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "encoding/base64url.h"
#include "paseto/internal.h"
#include "signet/paseto.h"
#include "support/matchers.h"

namespace signet::paseto {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;
using namespace std::chrono_literals;

constexpr std::int64_t kNow = 1700000000;
const FixedClock kClock = FixedClock::from_seconds(kNow);

LocalKey local_key() { return *LocalKey::from_bytes(std::vector<std::uint8_t>(32, 0x11)); }
SecretKey secret_key() { return *SecretKey::from_seed(std::vector<std::uint8_t>(32, 0x22)); }

Claims claims() {
  Claims c;
  c.subject("alice").expires_at(UnixTime(std::chrono::seconds(kNow + 600)));
  return c;
}

// The (authenticated) payload is valid; anything that fails must fail before it.
struct Fixture {
  LocalKey lkey = local_key();
  SecretKey skey = secret_key();
  std::string local = *encrypt(lkey, claims(), {"{\"kid\":\"k4.lid.x\"}", "ctx"});
  std::string pub = *sign(skey, claims(), {"{\"kid\":\"k4.pid.x\"}", "ctx"});
  Decryptor dec = std::move(*Decryptor::create(lkey, *PolicyBuilder().build(), kClock));
  Verifier ver = std::move(*Verifier::create(skey.public_key(), *PolicyBuilder().build(), kClock));
};

// ---------------------------------------------------------------- #52 lucidity

TEST(PasetoThreats, WrongPurposeIsKeyMismatch) {
  Fixture f;
  EXPECT_THAT(f.dec.decrypt(f.pub, "ctx"), HasError(Errc::key_mismatch));
  EXPECT_THAT(f.ver.verify(f.local, "ctx"), HasError(Errc::key_mismatch));
  EXPECT_THAT(decrypt_message(f.lkey, f.pub, "ctx"), HasError(Errc::key_mismatch));
  EXPECT_THAT(verify_message(f.skey.public_key(), f.local, "ctx"), HasError(Errc::key_mismatch));
}

TEST(PasetoThreats, WrongVersionIsKeyMismatch) {
  Fixture f;
  for (const char* version : {"v1", "v2", "v3", "v5", "V4", "v44"}) {
    const std::string local = version + f.local.substr(2);
    const std::string pub = version + f.pub.substr(2);
    EXPECT_FALSE(f.dec.decrypt(local, "ctx").has_value()) << version;
    EXPECT_FALSE(f.ver.verify(pub, "ctx").has_value()) << version;
  }
  EXPECT_THAT(f.dec.decrypt("v2.local." + f.local.substr(9), "ctx"), HasError(Errc::key_mismatch));
  EXPECT_THAT(f.dec.decrypt("v4.secret." + f.local.substr(9), "ctx"), HasError(Errc::key_mismatch));
  EXPECT_THAT(f.dec.decrypt("paseto", "ctx"), HasError(Errc::malformed));
  EXPECT_THAT(f.dec.decrypt("", "ctx"), HasError(Errc::malformed));
}

TEST(PasetoThreats, PaserkKeysOfAnotherTypeAreRefused) {
  const auto l = local_key().to_paserk();
  const auto s = secret_key().to_paserk();
  const auto p = secret_key().public_key().to_paserk();
  EXPECT_THAT(LocalKey::from_paserk(s), HasError(Errc::key_mismatch));
  EXPECT_THAT(LocalKey::from_paserk(p), HasError(Errc::key_mismatch));
  EXPECT_THAT(LocalKey::from_paserk("k3" + l.substr(2)), HasError(Errc::key_mismatch));
  EXPECT_THAT(SecretKey::from_paserk(l), HasError(Errc::key_mismatch));
  EXPECT_THAT(PublicKey::from_paserk(l), HasError(Errc::key_mismatch));
  EXPECT_THAT(PublicKey::from_paserk(s), HasError(Errc::key_mismatch));
  // A local key's 32 bytes under a public prefix decode, but only as a
  // PublicKey object, which cannot decrypt: the types keep them apart.
  EXPECT_THAT(PublicKey::from_paserk("k4.public." + l.substr(9)), IsOk());
}

// ---------------------------------------------------------------- #17 #19 modification

// Flips one bit in every character position of `token` (keeping the
// character in the base64url alphabet) and expects each result refused.
void every_position_fails(const std::string& token, const std::function<bool(const std::string&)>& accepts) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const std::size_t start = token.find('.', 3) + 1;
  int tried = 0;
  for (std::size_t i = start; i < token.size(); ++i) {
    if (token[i] == '.') continue;
    std::string t = token;
    const auto pos = kAlphabet.find(t[i]);
    t[i] = kAlphabet[(pos + 1) % kAlphabet.size()];
    EXPECT_FALSE(accepts(t)) << "position " << i;
    ++tried;
  }
  EXPECT_GT(tried, 100);
}

TEST(PasetoThreats, EveryModifiedCharacterIsRejected) {
  Fixture f;
  every_position_fails(f.local, [&](const std::string& t) { return f.dec.decrypt(t, "ctx").has_value(); });
  every_position_fails(f.pub, [&](const std::string& t) { return f.ver.verify(t, "ctx").has_value(); });
}

TEST(PasetoThreats, ModifiedBodyIsBadSignatureNotBadPayload) {
  // Flipping a ciphertext bit must be caught by the MAC: the tampered
  // plaintext is never decrypted or parsed (threat #33).
  Fixture f;
  auto body = encoding::base64url_decode(f.local.substr(9, f.local.find('.', 9) - 9));
  ASSERT_THAT(body, IsOk());
  for (std::size_t i = 0; i < body->size(); ++i) {
    std::string b = *body;
    b[i] = static_cast<char>(b[i] ^ 0x01);
    const std::string t = "v4.local." + encoding::base64url_encode(detail::as_bytes(b)) + f.local.substr(f.local.find('.', 9));
    EXPECT_THAT(f.dec.decrypt(t, "ctx"), HasError(Errc::bad_signature)) << i;
  }
}

TEST(PasetoThreats, FooterAndImplicitAssertionAreAuthenticated) {
  Fixture f;
  const std::string other_footer = encoding::base64url_encode(detail::as_bytes(std::string("{\"kid\":\"k4.lid.y\"}")));
  const std::string local = f.local.substr(0, f.local.rfind('.') + 1) + other_footer;
  const std::string pub = f.pub.substr(0, f.pub.rfind('.') + 1) + other_footer;
  EXPECT_THAT(f.dec.decrypt(local, "ctx"), HasError(Errc::bad_signature));
  EXPECT_THAT(f.ver.verify(pub, "ctx"), HasError(Errc::bad_signature));
  // Dropping the footer, or the implicit assertion, breaks the MAC too.
  EXPECT_THAT(f.dec.decrypt(f.local.substr(0, f.local.rfind('.')), "ctx"), HasError(Errc::bad_signature));
  EXPECT_THAT(f.ver.verify(f.pub.substr(0, f.pub.rfind('.')), "ctx"), HasError(Errc::bad_signature));
  EXPECT_THAT(f.dec.decrypt(f.local), HasError(Errc::bad_signature));
  EXPECT_THAT(f.ver.verify(f.pub, "ctx2"), HasError(Errc::bad_signature));
}

TEST(PasetoThreats, TruncatedAndExtendedTokensAreRejected) {
  Fixture f;
  for (const std::string* token : {&f.local, &f.pub}) {
    const bool local = token == &f.local;
    for (std::size_t n = 0; n < token->size(); n += 7) {
      const std::string t = token->substr(0, n);
      EXPECT_FALSE(local ? f.dec.decrypt(t, "ctx").has_value() : f.ver.verify(t, "ctx").has_value()) << n;
    }
    for (const char* tail : {".", "A", "AA", ".e30", "=", "\n", " "}) {
      const std::string t = *token + tail;
      EXPECT_FALSE(local ? f.dec.decrypt(t, "ctx").has_value() : f.ver.verify(t, "ctx").has_value()) << tail;
    }
  }
  // The shortest bodies: 63 bytes cannot hold n || t, 63 bytes cannot hold a signature.
  const std::string short_body = encoding::base64url_encode(std::vector<std::uint8_t>(63, 0));
  EXPECT_THAT(f.dec.decrypt("v4.local." + short_body), HasError(Errc::malformed));
  EXPECT_THAT(f.ver.verify("v4.public." + short_body), HasError(Errc::malformed));
}

TEST(PasetoThreats, EmptyFooterPartIsRefused) {
  Fixture f;
  auto token = *encrypt(f.lkey, claims());
  EXPECT_THAT(f.dec.decrypt(token), IsOk());
  EXPECT_THAT(f.dec.decrypt(token + "."), HasError(Errc::malformed));
}

// ---------------------------------------------------------------- #26 base64url

TEST(PasetoThreats, NonCanonicalBase64IsRejected) {
  Fixture f;
  const auto key = f.lkey;
  // A body whose length leaves unused bits in its last character: set them.
  std::string token;
  for (int len = 0; len < 3; ++len) {
    token = *encrypt_message(key, std::string(static_cast<std::size_t>(len), 'x'));
    if ((token.size() - 9) % 4 != 0) break;
  }
  ASSERT_NE((token.size() - 9) % 4, 0u);
  ASSERT_THAT(decrypt_message(key, token), IsOk());
  std::string lenient = token;
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  lenient.back() = kAlphabet[kAlphabet.find(lenient.back()) | 1];
  ASSERT_NE(lenient, token);
  EXPECT_THAT(decrypt_message(key, lenient), HasError(Errc::malformed));
  EXPECT_THAT(decrypt_message(key, token + "="), HasError(Errc::malformed));
  EXPECT_THAT(decrypt_message(key, token + "=="), HasError(Errc::malformed));
  std::string std_alphabet = f.local;
  for (char& c : std_alphabet) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  if (std_alphabet != f.local) {
    EXPECT_THAT(f.dec.decrypt(std_alphabet, "ctx"), HasError(Errc::malformed));
  }
  std::string with_space = f.local;
  with_space.insert(20, " ");
  EXPECT_THAT(f.dec.decrypt(with_space, "ctx"), HasError(Errc::malformed));
  std::string with_newline = f.pub;
  with_newline.insert(30, "\n");
  EXPECT_THAT(f.ver.verify(with_newline, "ctx"), HasError(Errc::malformed));
  // The footer part too.
  EXPECT_THAT(f.dec.decrypt(f.local + "=", "ctx"), HasError(Errc::malformed));
}

TEST(PasetoThreats, NonCanonicalPaserkIsRejected) {
  const std::string good = local_key().to_paserk();
  ASSERT_THAT(LocalKey::from_paserk(good), IsOk());
  std::string bad = good;
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  bad.back() = kAlphabet[kAlphabet.find(bad.back()) ^ 1];
  EXPECT_THAT(LocalKey::from_paserk(bad), HasError(Errc::invalid_key));
  EXPECT_THAT(LocalKey::from_paserk(good + "="), HasError(Errc::invalid_key));
  EXPECT_THAT(LocalKey::from_paserk(good + "A"), HasError(Errc::invalid_key));
  EXPECT_THAT(LocalKey::from_paserk(good.substr(0, good.size() - 1)), HasError(Errc::invalid_key));
}

// ---------------------------------------------------------------- #30 #31 sizes and depth

TEST(PasetoThreats, FooterLengthIsCheckedBeforeDecoding) {
  Fixture f;
  const std::string huge_footer(3000, 'A');  // never decoded: longer than the limit
  EXPECT_THAT(f.dec.decrypt(f.local.substr(0, f.local.rfind('.') + 1) + huge_footer, "ctx"), HasError(Errc::malformed));
  auto tight = Decryptor::create(f.lkey, *PolicyBuilder().footer_limits(8, 2, 32).build(), kClock);
  EXPECT_THAT(tight->decrypt(f.local, "ctx"), HasError(Errc::malformed));
}

TEST(PasetoThreats, FooterJsonDepthAndMembersAreLimited) {
  Fixture f;
  const auto policy = *PolicyBuilder().allow_missing_exp().build();
  auto dec = Decryptor::create(f.lkey, policy, kClock);
  // Made with the message layer, which does not check JSON footers.
  const auto token = [&](std::string footer) { return *encrypt_message(f.lkey, "{}", footer); };
  EXPECT_THAT(dec->decrypt(token("{\"kid\":\"k4.lid.x\",\"a\":{\"b\":1}}")), IsOk());           // depth 2
  EXPECT_THAT(dec->decrypt(token("{\"a\":{\"b\":{\"c\":1}}}")), HasError(Errc::claim_mismatch)); // depth 3
  EXPECT_THAT(dec->decrypt(token("{\"a\":[[1]]}")), HasError(Errc::claim_mismatch));
  std::string many = "{";
  for (int i = 0; i < 33; ++i) many += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  many += "}";
  EXPECT_THAT(dec->decrypt(token(many)), HasError(Errc::claim_mismatch));
  EXPECT_THAT(dec->decrypt(token("{\"a\":1,\"a\":2}")), HasError(Errc::claim_mismatch));  // duplicate
  EXPECT_THAT(dec->decrypt(token("{not json")), HasError(Errc::claim_mismatch));
  EXPECT_THAT(dec->decrypt(token("plain text footer")), IsOk());
  auto lax = Decryptor::create(f.lkey, *PolicyBuilder().allow_missing_exp().footer_limits(2048, 3, 40).build(), kClock);
  EXPECT_THAT(lax->decrypt(token("{\"a\":{\"b\":{\"c\":1}}}")), IsOk());
  EXPECT_THAT(lax->decrypt(token(many)), IsOk());
}

TEST(PasetoThreats, KeyMaterialInTheFooterKidIsRefused) {
  Fixture f;
  auto dec = Decryptor::create(f.lkey, *PolicyBuilder().allow_missing_exp().build(), kClock);
  for (const std::string& kid : {f.lkey.to_paserk(), f.skey.to_paserk(), f.skey.public_key().to_paserk(),
                                 std::string("k3.local.AAAA")}) {
    const std::string footer = "{\"kid\":\"" + kid + "\"}";
    EXPECT_THAT(dec->decrypt(*encrypt_message(f.lkey, "{}", footer)), HasError(Errc::claim_mismatch));
    EXPECT_THAT(encrypt(f.lkey, claims(), {footer, ""}), HasError(Errc::invalid_argument));
  }
  EXPECT_THAT(dec->decrypt(*encrypt_message(f.lkey, "{}", "{\"kid\":\"" + f.lkey.id() + "\"}")), IsOk());
  EXPECT_THAT(dec->decrypt(*encrypt_message(f.lkey, "{}", "{\"kid\":7}")), HasError(Errc::claim_mismatch));
}

TEST(PasetoThreats, OversizedTokensAreRejectedBeforeAnyWork) {
  Fixture f;
  const std::string huge = "v4.local." + std::string(100000, 'A');
  EXPECT_THAT(f.dec.decrypt(huge), HasError(Errc::malformed));
  const std::string dots = "v4.local." + std::string(5000, '.');
  EXPECT_THAT(f.dec.decrypt(dots), HasError(Errc::malformed));
}

// ---------------------------------------------------------------- #48 #49 #28 lifetime

TEST(PasetoThreats, ExpIsRequiredAndLeewayCapped) {
  Fixture f;
  Claims forever;
  forever.subject("alice");
  EXPECT_THAT(f.dec.decrypt(*encrypt(f.lkey, forever)), HasError(Errc::claim_mismatch));
  EXPECT_THAT(f.ver.verify(*sign(f.skey, forever)), HasError(Errc::claim_mismatch));
  EXPECT_THAT(PolicyBuilder().leeway(kMaxLeeway + 1s).build(), HasError(Errc::invalid_argument));
  Claims expired;
  expired.expires_at(UnixTime(std::chrono::seconds(kNow - 601)));
  auto max_leeway = Decryptor::create(f.lkey, *PolicyBuilder().leeway(kMaxLeeway).build(), kClock);
  EXPECT_THAT(max_leeway->decrypt(*encrypt(f.lkey, expired)), HasError(Errc::expired));
}

TEST(PasetoThreats, MalformedTimesAreNeverTreatedAsAbsent) {
  Fixture f;
  auto lax = Decryptor::create(f.lkey, *PolicyBuilder().allow_missing_exp().build(), kClock);
  for (const char* payload : {"{\"exp\":\"\"}", "{\"exp\":null}", "{\"exp\":\"2023-11-14T22:13:20\"}",
                              "{\"exp\":\"1e309\"}", "{\"nbf\":\"9999-12-31T23:59:59Z\"}", "{\"exp\":[]}"}) {
    EXPECT_THAT(lax->decrypt(*encrypt_message(f.lkey, payload)), HasError(Errc::claim_mismatch)) << payload;
  }
}

// ---------------------------------------------------------------- secret hygiene

TEST(PasetoThreats, ErrorDetailsNeverHoldKeysOrPlaintext) {
  Fixture f;
  const std::string paserk = f.lkey.to_paserk();
  const auto results = {f.ver.verify(f.local).error(), f.dec.decrypt(f.local).error(),
                        SecretKey::from_paserk(paserk).error(),
                        unwrap_local_pie("k4.local-wrap.pie." + std::string(128, 'A'), *WrappingKey::generate()).error()};
  for (const auto& e : results) {
    EXPECT_EQ(std::string(e.detail()).find(paserk.substr(9, 10)), std::string::npos);
    EXPECT_EQ(std::string(e.detail()).find("alice"), std::string::npos);
  }
}

}  // namespace
}  // namespace signet::paseto
