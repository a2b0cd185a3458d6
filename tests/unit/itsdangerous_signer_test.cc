#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "signet/itsdangerous.h"
#include "support/matchers.h"

namespace signet::itsdangerous {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

const SecretBytes& test_key() {
  static const SecretBytes key(std::string_view("test-secret-key"));
  return key;
}

Signer make(SignerOptions options = {}) { return Signer::create(test_key(), options).value(); }

// Options with a salt, built in place: assigning to the disengaged
// optional<string> trips g++ 12's -Wmaybe-uninitialized at -O3.
SignerOptions with_salt(std::string salt) { return SignerOptions{std::move(salt)}; }

std::vector<SecretBytes> keys(std::initializer_list<std::string_view> texts) {
  std::vector<SecretBytes> out;
  for (auto t : texts) out.emplace_back(t);
  return out;
}

// Reference tokens below were produced by itsdangerous 2.1.2 (Debian 12);
// the wire format is the same in 2.2 (shared/spec/django-signing.md §3).
TEST(ItsdangerousSignerTest, DefaultsMatchItsdangerous) {
  auto signer = make();
  EXPECT_EQ(signer.sign("hello"), "hello.lYl6R2mXZaqvOUcYoA9sT4P85pc");
  EXPECT_EQ(signer.salt(), "itsdangerous.Signer");
  EXPECT_EQ(signer.sep(), ".");
  EXPECT_EQ(signer.digest(), Digest::sha1);
  EXPECT_EQ(signer.key_derivation(), KeyDerivation::django_concat);
  auto value = signer.unsign("hello.lYl6R2mXZaqvOUcYoA9sT4P85pc");
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(*value, "hello");
}

TEST(ItsdangerousSignerTest, EveryKeyDerivationAndDigestMatchesItsdangerous) {
  struct Case {
    KeyDerivation kd;
    Digest digest;
    const char* token;
  } cases[] = {
      {KeyDerivation::django_concat, Digest::sha1, "v.QT6QJUIDRFaajpF5ZtuewVS2L6c"},
      {KeyDerivation::django_concat, Digest::sha224, "v.HvkSmAcDtlRtOmk7fZSirHSsrQbFGP-h5OizuQ"},
      {KeyDerivation::django_concat, Digest::sha256, "v.U-Qv9qqxYHLEWpaP0Qq6NW8v1i-ZsB9CmC58zh7dCRM"},
      {KeyDerivation::django_concat, Digest::sha384,
       "v.nJd93O-WwDnutCtxSwOvwK9JY0j5gy__Lqo3I70XUQ0YtWNK2ct_Rn3aJLFAiFk8"},
      {KeyDerivation::django_concat, Digest::sha512,
       "v.3mBZJIdgIBqBurwtCWwCEzVhVgSniaBZpQBNxkesJnUTa42RZQ_RnfQ_p0Taa_bQfRhjDZykzLeQZ-mKwd9lsw"},
      {KeyDerivation::concat, Digest::sha1, "v.47U1Nv3-8UviySoLZ3pD-RrcnLo"},
      {KeyDerivation::concat, Digest::sha224, "v.i8p3uhBERDGVd_-SEps-5jkCLcQSJC0YoyUZcQ"},
      {KeyDerivation::concat, Digest::sha256, "v.b_PLvIzKBBGS8WRcHJ8NZ5rPXUnhoHl7ys-zOUI_x88"},
      {KeyDerivation::concat, Digest::sha384, "v.l6y97EtrIGJ7tj-VRvXtFCtcNJUjbiGkJdDPKFhEwKp-Hmhvt0cjL88gCWB8Rinx"},
      {KeyDerivation::concat, Digest::sha512,
       "v.Cn9jwEKCTX-mkfmi6RRIZUf8MiQprcm9kwTEagjZaKGps80-Y9G6V3LGGWg7vysTyq0qFFh9sc4NYqGHTUKYyw"},
      {KeyDerivation::hmac, Digest::sha1, "v.wpgo5Yt4cg6m0lZqkPLjZK_tqsE"},
      {KeyDerivation::hmac, Digest::sha224, "v.3Rbnp3HFU9FQy8w-BYUSNGHzKCex17SNJwiKBQ"},
      {KeyDerivation::hmac, Digest::sha256, "v.SFrkDabM-6ILRLB-IWYNfHs8EUy5wpel9VVxCuFC_Gk"},
      {KeyDerivation::hmac, Digest::sha384, "v.4BNdJSmWPdVcIjHo4HbAfMuXe5sH-mLwki52rtp3TZKZ5AlsILUIhZCWymeUtHhn"},
      {KeyDerivation::hmac, Digest::sha512,
       "v.GaDs_NoiV7CMnFRtcpYxofKdTBqtCbaTcJyaCgSvflaPRewi8qswsfhkesthftgOWOETK78t7-pmd2yvXK70fQ"},
      {KeyDerivation::none, Digest::sha1, "v.b8W2_v46faxd92zIY75UXGsl3AU"},
      {KeyDerivation::none, Digest::sha224, "v.mbavo7tRoNPgSTj1idchrX89yf1we5FHtwXnNw"},
      {KeyDerivation::none, Digest::sha256, "v.QvTcbdKvLk-enDl_F79gFqYeDs93RMeprwLmQ88Faj0"},
      {KeyDerivation::none, Digest::sha384, "v.uTa7raRgyKqYPfJxLnYQrZN1VhIpg2fZS0SsD9EgOTLZuBGfkqBoXyzRCDZXFmd6"},
      {KeyDerivation::none, Digest::sha512,
       "v.j8DvKeeYuCGvejON-kuC_PWAGDOMnFsz7h-0lwnGy9dVpwII1RHkj0mHt7KPQLK2kyJ0m-0VLODfSA3eq-DU2Q"},
  };
  for (const auto& c : cases) {
    SignerOptions options = with_salt("s");
    options.key_derivation = c.kd;
    options.digest = c.digest;
    auto signer = Signer::create(test_key(), options);
    ASSERT_THAT(signer, IsOk());
    const std::string what = std::string(key_derivation_name(c.kd)) + "/" + std::string(digest_name(c.digest));
    EXPECT_EQ(signer->sign("v"), c.token) << what;
    EXPECT_THAT(signer->unsign(std::string_view(c.token)), IsOk()) << what;
  }
}

TEST(ItsdangerousSignerTest, EmptySaltIsUsedAsGiven) {
  EXPECT_EQ(make(with_salt("")).sign("hello"), "hello.4D-LSTxNmgEpTeC9KpMc5meVfF0");
  EXPECT_EQ(make(with_salt(std::string(kSignerSalt))).sign("hello"), "hello.lYl6R2mXZaqvOUcYoA9sT4P85pc");
}

TEST(ItsdangerousSignerTest, KeyLongerThanABlockWithoutDerivation) {
  SignerOptions options;
  options.key_derivation = KeyDerivation::none;
  auto signer = Signer::create(SecretBytes(std::string(200, 'k')), options);
  ASSERT_THAT(signer, IsOk());
  EXPECT_EQ(signer->sign("v"), "v.zfZE1LpcLpqcLSsTWUPxQpCqEcc");
}

TEST(ItsdangerousSignerTest, OtherSeparatorAndSplitAtTheLast) {
  SignerOptions options;
  options.sep = ":";
  auto signer = make(options);
  const std::string token = signer.sign("a.b:c");
  EXPECT_EQ(token, "a.b:c:X0OOjfOV6ZKFmCzX5lMWPH5L9_g");
  auto value = signer.unsign(token);
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(*value, "a.b:c");
}

TEST(ItsdangerousSignerTest, DjangoCompatibleConfiguration) {
  // itsdangerous.Signer(key, salt="django.core.signing.Signer", sep=":",
  // digest_method=sha256) == Django's Signer(key).sign (spec §3.6).
  SignerOptions options = with_salt("django.core.signing.Signer");
  options.sep = ":";
  options.digest = Digest::sha256;
  EXPECT_EQ(make(options).sign("hello"), "hello:Bhwb70gkLMxw89zHbeKamLKat9XovdaGC_qGGTgRVOA");
}

TEST(ItsdangerousSignerTest, RotationSignsWithTheNewestAndVerifiesAll) {
  const auto list = keys({"old", "new"});
  auto signer = Signer::create(list).value();
  EXPECT_EQ(signer.key_count(), 2u);
  // itsdangerous: Signer([b"old", b"new"]).sign(b"v") == Signer(b"new").sign(b"v").
  EXPECT_EQ(signer.sign("v"), "v.36xUtSROzMo9IUv6FUAqcLcS7_Y");
  EXPECT_THAT(signer.unsign(std::string_view("v.HxviI7IrsdOnm-zOA8kyTnaVH0I")), IsOk());  // old
  EXPECT_THAT(signer.unsign(std::string_view("v.36xUtSROzMo9IUv6FUAqcLcS7_Y")), IsOk());  // new
  const auto other = keys({"other"});
  const std::string foreign = Signer::create(other)->sign("v");
  EXPECT_THAT(signer.unsign(foreign), HasError(Errc::bad_signature));
  // A single old key does not accept the new key's tokens.
  EXPECT_THAT(Signer::create(SecretBytes(std::string_view("old")))->unsign(std::string_view("v.36xUtSROzMo9IUv6FUAqcLcS7_Y")),
              HasError(Errc::bad_signature));
}

TEST(ItsdangerousSignerTest, RejectsTamperingAndShapes) {
  auto signer = make();
  const std::string token = signer.sign("hello");
  const std::string bad_value = "hellO" + token.substr(5);
  EXPECT_THAT(signer.unsign(bad_value), HasError(Errc::bad_signature));
  std::string bad_sig = token;
  bad_sig.back() = bad_sig.back() == 'A' ? 'B' : 'A';
  EXPECT_THAT(signer.unsign(bad_sig), HasError(Errc::bad_signature));
  const std::string truncated = token.substr(0, token.size() - 1);
  EXPECT_THAT(signer.unsign(truncated), HasError(Errc::bad_signature));
  EXPECT_THAT(signer.unsign("hello"), HasError(Errc::malformed));
  EXPECT_THAT(signer.unsign(""), HasError(Errc::malformed));
  EXPECT_THAT(signer.unsign("."), HasError(Errc::bad_signature));
  EXPECT_THAT(signer.unsign("hello.."), HasError(Errc::bad_signature));
}

TEST(ItsdangerousSignerTest, RefusesTheMalleableSpellingsItsdangerousAccepts) {
  // itsdangerous decodes the signature leniently; each of these verifies
  // there (spec §3.2, it-unsign-malleable-*), and none does in signet.
  auto signer = make();
  std::string token;
  for (int i = 0; token.empty(); ++i) {
    std::string candidate = signer.sign("x" + std::to_string(i));
    const std::string sig = candidate.substr(candidate.rfind('.') + 1);
    if (sig.find_first_of("-_") != std::string::npos) token = candidate;
  }
  ASSERT_THAT(signer.unsign(token), IsOk());
  const std::size_t at = token.rfind('.') + 1;
  std::string standard = token;
  for (std::size_t i = at; i < standard.size(); ++i) {
    if (standard[i] == '-') standard[i] = '+';
    if (standard[i] == '_') standard[i] = '/';
  }
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string spare_bits = token;
  spare_bits.back() = alphabet[alphabet.find(spare_bits.back()) ^ 1];  // SHA-1: 27 chars, 2 spare bits
  std::string non_ascii = token;
  non_ascii.insert(at + 3, "\xc3\xa9");
  for (const std::string& variant : {token + "=", token + "!!", standard, spare_bits, non_ascii, token + "\n"}) {
    EXPECT_THAT(signer.unsign(variant), HasError(Errc::bad_signature)) << variant;
  }
}

TEST(ItsdangerousSignerTest, WrongKeySaltDigestOrDerivationFails) {
  const std::string token = make().sign("hello");
  EXPECT_THAT(Signer::create(SecretBytes(std::string_view("other")))->unsign(token), HasError(Errc::bad_signature));
  EXPECT_THAT(make(with_salt("other")).unsign(token), HasError(Errc::bad_signature));
  SignerOptions sha256;
  sha256.digest = Digest::sha256;
  EXPECT_THAT(make(sha256).unsign(token), HasError(Errc::bad_signature));
  SignerOptions concat;
  concat.key_derivation = KeyDerivation::concat;
  EXPECT_THAT(make(concat).unsign(token), HasError(Errc::bad_signature));
}

TEST(ItsdangerousSignerTest, RefusesEmptyKeys) {
  EXPECT_THAT(Signer::create(SecretBytes()), HasError(Errc::invalid_key));
  EXPECT_THAT(Signer::create(std::span<const SecretBytes>()), HasError(Errc::invalid_key));
  std::vector<SecretBytes> list = keys({"a"});
  list.emplace_back();
  EXPECT_THAT(Signer::create(list), HasError(Errc::invalid_key));
}

TEST(ItsdangerousSignerTest, SeparatorRule) {
  // Refused by itsdangerous (a substring of its alphabet) ...
  for (const char* sep : {"", "a", "Z", "0", "-", "_", "=", "ab", "9-", "xyz", "-_="}) {
    SignerOptions options;
    options.sep = sep;
    EXPECT_THAT(Signer::create(test_key(), options), HasError(Errc::invalid_argument)) << "sep '" << sep << "'";
  }
  // ... and also refused by signet although itsdangerous accepts them: they
  // can occur inside a signature (spec §3.2 it-unsign-sep-za).
  for (const char* sep : {"za", "aa", "Az", "0a", "=-", "a_b"}) {
    SignerOptions options;
    options.sep = sep;
    EXPECT_THAT(Signer::create(test_key(), options), HasError(Errc::invalid_argument)) << "sep '" << sep << "'";
  }
  // Accepted: at least one character outside the alphabet. Unlike Django,
  // [ \ ] ^ ` and newlines are fine.
  for (const char* sep : {".", ":", "/", "::", "a.", ".a", "[", "\\", "^", "`", "\n", "x\n", "\xc2\xb7", "~", " ", "!"}) {
    SignerOptions options;
    options.sep = sep;
    EXPECT_THAT(Signer::create(test_key(), options), IsOk()) << "sep '" << sep << "'";
  }
}

TEST(ItsdangerousSignerTest, RoundTripsWithEverySafeSeparatorShape) {
  // Values containing the separator and base64 characters around it.
  for (const char* sep : {".", "a.", ".a", "a.a", "..", "~~", "\n"}) {
    SignerOptions options;
    options.sep = sep;
    auto signer = make(options);
    for (std::string value : {std::string(""), std::string("abc"), std::string(sep) + "x" + sep, std::string("a.a.")}) {
      const std::string token = signer.sign(value);
      auto back = signer.unsign(token);
      ASSERT_THAT(back, IsOk()) << "sep '" << sep << "' value '" << value << "'";
      EXPECT_EQ(*back, value);
    }
  }
}

TEST(ItsdangerousSignerTest, Names) {
  for (auto d : {Digest::sha1, Digest::sha224, Digest::sha256, Digest::sha384, Digest::sha512}) {
    auto parsed = parse_digest(digest_name(d));
    ASSERT_THAT(parsed, IsOk());
    EXPECT_EQ(*parsed, d);
  }
  EXPECT_THAT(parse_digest("md5"), HasError(Errc::invalid_argument));
  EXPECT_THAT(parse_digest("SHA1"), HasError(Errc::invalid_argument));
  for (auto k : {KeyDerivation::django_concat, KeyDerivation::concat, KeyDerivation::hmac, KeyDerivation::none}) {
    auto parsed = parse_key_derivation(key_derivation_name(k));
    ASSERT_THAT(parsed, IsOk());
    EXPECT_EQ(*parsed, k);
  }
  EXPECT_EQ(key_derivation_name(KeyDerivation::django_concat), "django-concat");
  EXPECT_THAT(parse_key_derivation("django_concat"), HasError(Errc::invalid_argument));
  EXPECT_THAT(parse_key_derivation(""), HasError(Errc::invalid_argument));
}

TEST(ItsdangerousSignerTest, ErrorDetailsNeverContainTheKey) {
  const SecretBytes key(std::string_view("SUPER-SECRET-7731"));
  auto signer = Signer::create(key).value();
  for (const char* t : {"", "x", "x.y", "SUPER-SECRET-7731.abc"}) {
    auto r = signer.unsign(std::string_view(t));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().detail().find("SUPER-SECRET"), std::string_view::npos);
  }
}

}  // namespace
}  // namespace signet::itsdangerous
