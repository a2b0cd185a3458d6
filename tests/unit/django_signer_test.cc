#include <gtest/gtest.h>

#include <string>

#include "signet/django.h"
#include "support/matchers.h"

namespace signet::django {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

const SecretBytes& test_key() {
  static const SecretBytes key(std::string_view("test-secret-key"));
  return key;
}

Signer make(SignerOptions options = {}) { return Signer::create(test_key(), options).value(); }

// Reference tokens below were produced by Django 3.2.25's signing module
// (identical in 5.2, see shared/spec/django-signing.md §2).
TEST(DjangoSignerTest, SignMatchesDjango) {
  EXPECT_EQ(make().sign("hello"), "hello:Bhwb70gkLMxw89zHbeKamLKat9XovdaGC_qGGTgRVOA");
}

TEST(DjangoSignerTest, EveryAlgorithmMatchesDjango) {
  const SecretBytes key(std::string_view("k"));
  struct Case {
    Algorithm algorithm;
    const char* token;
  } cases[] = {
      {Algorithm::sha1, "v:0qwLB4yD4m_kXZo2U_VvjpPrMp4"},
      {Algorithm::sha224, "v:vuGjQMP8YaoGPHrPUBpjnEQBS8dxilTMvnJRQA"},
      {Algorithm::sha384, "v:SdD0RueJ-YUHyHlf0k5OVCsBP7UnFvK6U6ir1t0SQdsThXJNFeRCHj5uqG4wxl4C"},
      {Algorithm::sha512,
       "v:SN48fxWtVHL5_5lXgftNq2F1dQM6ca7fILhH7qfZ4vwYw-rlWcH4t1224aSqwjOCTPAij2oZpmDTuWpin52mUw"},
  };
  for (const auto& c : cases) {
    SignerOptions options;
    options.salt = "s";
    options.algorithm = c.algorithm;
    auto signer = Signer::create(key, options);
    ASSERT_THAT(signer, IsOk());
    EXPECT_EQ(signer->sign("v"), c.token) << algorithm_name(c.algorithm);
    EXPECT_THAT(signer->unsign(c.token), IsOk());
  }
}

TEST(DjangoSignerTest, UnicodeValueAndOtherSeparator) {
  SignerOptions options;
  options.sep = "/";
  const std::string token = "h\xc3\xa9llo \xe2\x98\x83 \xf0\x9f\x98\x80/I0W8ay-s3bsUk0-rlq9_Si25O4vWifXitPSqcfPajAg";
  auto signer = make(std::move(options));
  auto value = signer.unsign(token);
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(*value, "h\xc3\xa9llo \xe2\x98\x83 \xf0\x9f\x98\x80");
}

TEST(DjangoSignerTest, UnsignReturnsTheValue) {
  auto signer = make();
  const std::string token = signer.sign("a:b:c");
  auto value = signer.unsign(token);
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(*value, "a:b:c");  // split at the last separator
}

TEST(DjangoSignerTest, RejectsTampering) {
  auto signer = make();
  const std::string token = signer.sign("hello");
  const std::string bad_value = "hellO" + token.substr(5);
  EXPECT_THAT(signer.unsign(bad_value), HasError(Errc::bad_signature));
  std::string bad_sig = token;
  bad_sig.back() = bad_sig.back() == 'A' ? 'B' : 'A';
  EXPECT_THAT(signer.unsign(bad_sig), HasError(Errc::bad_signature));
  const std::string truncated = token.substr(0, token.size() - 1);
  EXPECT_THAT(signer.unsign(truncated), HasError(Errc::bad_signature));
  const std::string padded = token + "=";
  EXPECT_THAT(signer.unsign(padded), HasError(Errc::bad_signature));
  EXPECT_THAT(signer.unsign("hello"), HasError(Errc::malformed));
  EXPECT_THAT(signer.unsign(""), HasError(Errc::malformed));
  EXPECT_THAT(signer.unsign(":"), HasError(Errc::bad_signature));
}

TEST(DjangoSignerTest, RejectsOtherSpellingsOfTheSameMac) {
  // Django compares signature text: '+' '/' instead of '-' '_', or other
  // spare bits in the last character, must fail although they decode alike.
  auto signer = make();
  std::string token;
  for (int i = 0; token.empty(); ++i) {
    std::string candidate = signer.sign("x" + std::to_string(i));
    const std::string sig = candidate.substr(candidate.rfind(':') + 1);
    if (sig.find_first_of("-_") != std::string::npos) token = candidate;
  }
  const std::size_t at = token.rfind(':') + 1;
  std::string standard = token;
  for (std::size_t i = at; i < standard.size(); ++i) {
    if (standard[i] == '-') standard[i] = '+';
    if (standard[i] == '_') standard[i] = '/';
  }
  EXPECT_THAT(signer.unsign(standard), HasError(Errc::bad_signature));

  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string spare_bits = token;
  const std::size_t digit = alphabet.find(spare_bits.back());
  spare_bits.back() = alphabet[digit ^ 1];  // a 43-char SHA-256 MAC leaves 2 unused bits
  EXPECT_THAT(signer.unsign(spare_bits), HasError(Errc::bad_signature));
  EXPECT_THAT(signer.unsign(token), IsOk());
}

TEST(DjangoSignerTest, WrongKeySaltOrAlgorithmFails) {
  const std::string token = make().sign("hello");
  EXPECT_THAT(Signer::create(SecretBytes(std::string_view("other")))->unsign(token), HasError(Errc::bad_signature));
  SignerOptions salted;
  salted.salt = "other";
  EXPECT_THAT(make(std::move(salted)).unsign(token), HasError(Errc::bad_signature));
  SignerOptions sha512;
  sha512.algorithm = Algorithm::sha512;
  EXPECT_THAT(make(std::move(sha512)).unsign(token), HasError(Errc::bad_signature));
}

TEST(DjangoSignerTest, LegacySha1IsNotAccepted) {
  // Django 3.2 accepted an SHA-1 signature whatever the algorithm; 4.0+ does not.
  SignerOptions sha1;
  sha1.algorithm = Algorithm::sha1;
  const std::string legacy = make(std::move(sha1)).sign("hello");
  EXPECT_THAT(make().unsign(legacy), HasError(Errc::bad_signature));
}

TEST(DjangoSignerTest, FallbackKeysVerifyButNeverSign) {
  const SecretBytes old_key(std::string_view("old-key"));
  const std::string old_token = Signer::create(old_key)->sign("hello");
  SignerOptions options;
  options.fallback_keys.push_back(old_key.clone());
  options.fallback_keys.push_back(SecretBytes(std::string_view("older-key")));
  auto signer = make(std::move(options));
  EXPECT_THAT(signer.unsign(old_token), IsOk());
  EXPECT_EQ(signer.sign("hello"), "hello:Bhwb70gkLMxw89zHbeKamLKat9XovdaGC_qGGTgRVOA");
  const std::string unknown = Signer::create(SecretBytes(std::string_view("unknown")))->sign("hello");
  EXPECT_THAT(signer.unsign(unknown), HasError(Errc::bad_signature));
}

TEST(DjangoSignerTest, RefusesWhatDjangoSilentlyReplaces) {
  EXPECT_THAT(Signer::create(SecretBytes()), HasError(Errc::invalid_key));
  SignerOptions empty_fallback;
  empty_fallback.fallback_keys.emplace_back();
  EXPECT_THAT(Signer::create(test_key(), empty_fallback), HasError(Errc::invalid_key));
  SignerOptions empty_salt;
  empty_salt.salt = "";
  EXPECT_THAT(Signer::create(test_key(), empty_salt), HasError(Errc::invalid_argument));
}

TEST(DjangoSignerTest, SeparatorRuleIsDjangos) {
  // Refused by Django's ^[A-z0-9-_=]*$ (A-z includes [ \ ] ^ _ `; $ allows one trailing newline).
  for (const char* sep : {"", "a", "Z", "0", "-", "_", "=", "[", "\\", "]", "^", "`", "ab", "\n", "x\n", "-_="}) {
    SignerOptions options;
    options.sep = sep;
    EXPECT_THAT(Signer::create(test_key(), options), HasError(Errc::invalid_argument)) << "sep '" << sep << "'";
  }
  for (const char* sep : {":", "/", "::", "a.", "\xc2\xb7", "\t", "\n:", "!", "{", "|", "~", "@"}) {
    SignerOptions options;
    options.sep = sep;
    EXPECT_THAT(Signer::create(test_key(), options), IsOk()) << "sep '" << sep << "'";
  }
}

TEST(DjangoSignerTest, KeyOfAnyLengthIsAccepted) {
  EXPECT_THAT(Signer::create(SecretBytes(std::string_view("x"))), IsOk());
  EXPECT_THAT(Signer::create(SecretBytes(std::string(10000, 'k'))), IsOk());
}

TEST(DjangoSignerTest, AlgorithmNames) {
  for (auto a : {Algorithm::sha1, Algorithm::sha224, Algorithm::sha256, Algorithm::sha384, Algorithm::sha512}) {
    auto parsed = parse_algorithm(algorithm_name(a));
    ASSERT_THAT(parsed, IsOk());
    EXPECT_EQ(*parsed, a);
  }
  EXPECT_THAT(parse_algorithm("md5"), HasError(Errc::invalid_argument));
  EXPECT_THAT(parse_algorithm("SHA256"), HasError(Errc::invalid_argument));
  EXPECT_THAT(parse_algorithm(""), HasError(Errc::invalid_argument));
}

TEST(DjangoSignerTest, SignObjectAndBack) {
  auto signer = make();
  auto token = signer.sign_object(R"({"a": 1, "b": [true, null, "x"]})");
  ASSERT_THAT(token, IsOk());
  auto value = signer.unsign_object(*token);
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(*value, R"({"a":1,"b":[true,null,"x"]})");
  EXPECT_THAT(signer.sign_object("{not json"), HasError(Errc::invalid_argument));
}

}  // namespace
}  // namespace signet::django
