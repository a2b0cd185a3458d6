// Tests for KeySet: JWKS import rules and the one-key-per-token selection.
#include "signet/jwt/key_set.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/matchers.h"

namespace signet::jwt {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

struct Keys {
  PrivateKey es256_a = PrivateKey::generate(Algorithm::ES256, "a").value();
  PrivateKey es256_b = PrivateKey::generate(Algorithm::ES256, "b").value();
  PrivateKey es256_none = PrivateKey::generate(Algorithm::ES256).value();
  PrivateKey ed_a = PrivateKey::generate(Algorithm::EdDSA, "a").value();
  HmacKey hs256_h = HmacKey::generate(Algorithm::HS256, "h").value();
};

const Keys& keys() {
  static const Keys k;
  return k;
}

std::string jwks(const std::vector<std::string>& entries) {
  std::string out = R"({"keys":[)";
  for (std::size_t i = 0; i < entries.size(); ++i) out += (i ? "," : "") + entries[i];
  return out + "]}";
}

// strip_alg removes the "alg" member from compact JWK text.
std::string strip_alg(std::string jwk) {
  const auto at = jwk.find(",\"alg\":\"");
  const auto end = jwk.find('"', at + 8);
  jwk.erase(at, end - at + 1);
  return jwk;
}

std::string add_member(std::string jwk, std::string_view member) {
  jwk.insert(jwk.size() - 1, std::string(",") + std::string(member));
  return jwk;
}

TEST(KeySetTest, ImportsAndSelectsByKidAndAlg) {
  const auto& k = keys();
  auto set = KeySet::from_jwks(jwks({k.es256_a.public_key().to_jwk(), k.es256_b.public_key().to_jwk(),
                                     k.ed_a.public_key().to_jwk()}));
  ASSERT_THAT(set, IsOk());
  EXPECT_EQ(set->size(), 3u);

  auto a = set->select("a", Algorithm::ES256);
  ASSERT_THAT(a, IsOk());
  ASSERT_NE(a->public_key, nullptr);
  EXPECT_EQ(a->hmac_key, nullptr);
  EXPECT_EQ(a->public_key->thumbprint(), k.es256_a.thumbprint());
  auto ed = set->select("a", Algorithm::EdDSA);
  ASSERT_THAT(ed, IsOk());
  EXPECT_EQ(ed->public_key->thumbprint(), k.ed_a.thumbprint());
  auto b = set->select("b", Algorithm::ES256);
  ASSERT_THAT(b, IsOk());
  EXPECT_EQ(b->public_key->thumbprint(), k.es256_b.thumbprint());

  // A kid never steers to a key of another algorithm.
  EXPECT_THAT(set->select("b", Algorithm::EdDSA), HasError(Errc::key_mismatch));
  EXPECT_THAT(set->select("a", Algorithm::ES384), HasError(Errc::key_mismatch));
  EXPECT_THAT(set->select("a", Algorithm::HS256), HasError(Errc::key_mismatch));
  EXPECT_THAT(set->select("c", Algorithm::ES256), HasError(Errc::key_mismatch));
  EXPECT_THAT(set->select("", Algorithm::ES256), HasError(Errc::key_mismatch));
  // No kid: two ES256 keys, both with a kid: ambiguous. One EdDSA key: it.
  EXPECT_THAT(set->select(std::nullopt, Algorithm::ES256), HasError(Errc::key_mismatch));
  auto only = set->select(std::nullopt, Algorithm::EdDSA);
  ASSERT_THAT(only, IsOk());
  EXPECT_EQ(only->public_key->thumbprint(), k.ed_a.thumbprint());
}

TEST(KeySetTest, KidlessKeysMatchKidlessTokensFirst) {
  const auto& k = keys();
  auto set = KeySet::from_jwks(jwks({k.es256_a.public_key().to_jwk(), k.es256_none.public_key().to_jwk()}));
  ASSERT_THAT(set, IsOk());
  auto none = set->select(std::nullopt, Algorithm::ES256);
  ASSERT_THAT(none, IsOk());
  EXPECT_EQ(none->public_key->thumbprint(), k.es256_none.thumbprint());
  auto a = set->select("a", Algorithm::ES256);
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ(a->public_key->thumbprint(), k.es256_a.thumbprint());
  // A kid-less key does not match a token that names a kid.
  auto kidless_only = KeySet::from_jwks(jwks({k.es256_none.public_key().to_jwk()}));
  ASSERT_THAT(kidless_only, IsOk());
  EXPECT_THAT(kidless_only->select("a", Algorithm::ES256), HasError(Errc::key_mismatch));
  EXPECT_THAT(kidless_only->select(std::nullopt, Algorithm::ES256), IsOk());
}

TEST(KeySetTest, DuplicateKidAndAlgIsRefused) {
  const auto& k = keys();
  const std::string a = k.es256_a.public_key().to_jwk();
  EXPECT_THAT(KeySet::from_jwks(jwks({a, a})), HasError(Errc::invalid_argument));
  // Same key material under another kid, or the same kid for another alg: fine.
  std::string b = a;
  b.replace(b.find("\"kid\":\"a\""), 9, "\"kid\":\"z\"");
  EXPECT_THAT(KeySet::from_jwks(jwks({a, b})), IsOk());
  EXPECT_THAT(KeySet::from_jwks(jwks({a, k.ed_a.public_key().to_jwk()})), IsOk());
  // Two kid-less keys of one alg could never be told apart.
  const std::string none = k.es256_none.public_key().to_jwk();
  const std::string other_none = PrivateKey::generate(Algorithm::ES256).value().public_key().to_jwk();
  EXPECT_THAT(KeySet::from_jwks(jwks({none, other_none})), HasError(Errc::invalid_argument));
  KeySetOptions skip;
  skip.skip_unusable = true;
  EXPECT_THAT(KeySet::from_jwks(jwks({a, a}), skip), HasError(Errc::invalid_argument));
}

TEST(KeySetTest, PrivateKeysInAJwksAreRefused) {
  const auto& k = keys();
  const std::string priv = k.es256_a.to_jwk_with_private();
  EXPECT_THAT(KeySet::from_jwks(jwks({priv})), HasError(Errc::invalid_key));
  EXPECT_THAT(KeySet::from_jwks(jwks({add_member(k.es256_b.public_key().to_jwk(), R"("p":"AQAB")")})),
              HasError(Errc::invalid_key));
  KeySetOptions skip;
  skip.skip_unusable = true;
  auto set = KeySet::from_jwks(jwks({priv, k.es256_b.public_key().to_jwk()}), skip);
  ASSERT_THAT(set, IsOk());
  EXPECT_EQ(set->size(), 1u);
  EXPECT_THAT(set->select("a", Algorithm::ES256), HasError(Errc::key_mismatch));
}

TEST(KeySetTest, HmacKeysNeedAllowHmac) {
  const auto& k = keys();
  const std::string oct = k.hs256_h.to_jwk_with_secret();
  EXPECT_THAT(KeySet::from_jwks(jwks({oct})), HasError(Errc::invalid_key));
  KeySetOptions allow;
  allow.allow_hmac = true;
  auto set = KeySet::from_jwks(jwks({oct, k.es256_a.public_key().to_jwk()}), allow);
  ASSERT_THAT(set, IsOk());
  auto h = set->select("h", Algorithm::HS256);
  ASSERT_THAT(h, IsOk());
  ASSERT_NE(h->hmac_key, nullptr);
  EXPECT_EQ(h->public_key, nullptr);
  EXPECT_EQ(h->hmac_key->thumbprint(), k.hs256_h.thumbprint());
  EXPECT_THAT(set->select("h", Algorithm::HS384), HasError(Errc::key_mismatch));
  // key_ops must allow verification.
  EXPECT_THAT(KeySet::from_jwks(jwks({add_member(oct, R"("key_ops":["sign"])")}), allow), HasError(Errc::invalid_key));
  // HMAC keys are never written out.
  EXPECT_EQ(set->to_jwks().find("\"oct\""), std::string::npos);
  KeySetOptions skip;
  skip.skip_unusable = true;
  auto skipped = KeySet::from_jwks(jwks({oct, k.es256_a.public_key().to_jwk()}), skip);
  ASSERT_THAT(skipped, IsOk());
  EXPECT_EQ(skipped->size(), 1u);
}

TEST(KeySetTest, KeysWithoutAlgNeedABinding) {
  const auto& k = keys();
  const std::string a = strip_alg(k.es256_a.public_key().to_jwk());
  ASSERT_EQ(a.find("alg"), std::string::npos);
  EXPECT_THAT(KeySet::from_jwks(jwks({a})), HasError(Errc::invalid_argument));
  KeySetOptions bind;
  bind.bind_algorithm["a"] = Algorithm::ES256;
  auto set = KeySet::from_jwks(jwks({a}), bind);
  ASSERT_THAT(set, IsOk());
  EXPECT_THAT(set->select("a", Algorithm::ES256), IsOk());
  // A binding that contradicts the JWK's "alg", or does not fit the key.
  bind.bind_algorithm["a"] = Algorithm::ES384;
  EXPECT_THAT(KeySet::from_jwks(jwks({k.es256_a.public_key().to_jwk()}), bind), HasError(Errc::key_mismatch));
  EXPECT_THAT(KeySet::from_jwks(jwks({a}), bind), HasError(Errc::invalid_key));
  // Bindings go by kid: a kid-less key cannot be bound.
  bind.bind_algorithm[""] = Algorithm::ES256;
  EXPECT_THAT(KeySet::from_jwks(jwks({strip_alg(k.es256_none.public_key().to_jwk())}), bind),
              HasError(Errc::invalid_argument));
}

TEST(KeySetTest, SkipUnusableSkipsOnlyUnusableKeys) {
  const auto& k = keys();
  const std::string good = k.es256_a.public_key().to_jwk();
  const std::vector<std::string> unusable = {
      add_member(k.es256_b.public_key().to_jwk(), R"("use":"enc")"),
      add_member(k.es256_b.public_key().to_jwk(), R"("key_ops":["sign"])"),
      R"({"kty":"EC","crv":"P-256","x":"AA","y":"AA","alg":"ES256","kid":"bad"})",
      R"({"kty":"foo","kid":"c"})",
      R"({"kty":"oct","k":"AAAA","alg":"A128KW"})",
      R"({"kty":"RSA","n":"AQAB","e":"AQAB","alg":"RS256","kid":"small"})",
      strip_alg(k.es256_b.public_key().to_jwk()),
      R"({"kid":"no kty"})",
  };
  KeySetOptions skip;
  skip.skip_unusable = true;
  for (const auto& bad : unusable) {
    EXPECT_FALSE(KeySet::from_jwks(jwks({good, bad})).has_value()) << bad;
    auto set = KeySet::from_jwks(jwks({bad, good}), skip);
    ASSERT_THAT(set, IsOk()) << bad;
    EXPECT_EQ(set->size(), 1u) << bad;
  }
  auto none = KeySet::from_jwks(jwks(unusable), skip);
  ASSERT_THAT(none, IsOk());
  EXPECT_EQ(none->size(), 0u);
  EXPECT_THAT(none->select(std::nullopt, Algorithm::ES256), HasError(Errc::key_mismatch));
}

TEST(KeySetTest, DocumentShapeIsStrict) {
  KeySetOptions skip;
  skip.skip_unusable = true;
  for (const std::string_view doc : {"", "[]", "{}", R"({"keys":{}})", R"({"keys":"x"})", R"({"keys":[1]})",
                                     R"({"keys":[[]]})", R"({"keys":[],"keys":[]})", R"({"keys":[{},]})"}) {
    EXPECT_THAT(KeySet::from_jwks(doc), HasError(Errc::malformed)) << doc;
    EXPECT_THAT(KeySet::from_jwks(doc, skip), HasError(Errc::malformed)) << doc;
  }
  auto empty = KeySet::from_jwks(R"({"keys":[]})");
  ASSERT_THAT(empty, IsOk());
  EXPECT_EQ(empty->size(), 0u);
  // Other top-level members are allowed (RFC 7517 §5).
  EXPECT_THAT(KeySet::from_jwks(R"({"issuer":"x","keys":[]})"), IsOk());
}

TEST(KeySetTest, ToJwksRoundTrips) {
  const auto& k = keys();
  auto set = KeySet::from_jwks(jwks({k.es256_a.public_key().to_jwk(), k.ed_a.public_key().to_jwk()}));
  ASSERT_THAT(set, IsOk());
  const std::string text = set->to_jwks();
  EXPECT_EQ(text, jwks({k.es256_a.public_key().to_jwk(), k.ed_a.public_key().to_jwk()}));
  auto again = KeySet::from_jwks(text);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->to_jwks(), text);
  EXPECT_EQ(KeySet().to_jwks(), R"({"keys":[]})");
}

TEST(KeySetTest, FromKeysSelectsTheSameWay) {
  const auto& k = keys();
  KeySet set = KeySet::from_keys({k.es256_a.public_key(), k.es256_none.public_key()}, {k.hs256_h});
  EXPECT_EQ(set.size(), 3u);
  EXPECT_THAT(set.select("a", Algorithm::ES256), IsOk());
  EXPECT_THAT(set.select(std::nullopt, Algorithm::ES256), IsOk());
  auto h = set.select(std::nullopt, Algorithm::HS256);
  ASSERT_THAT(h, IsOk());
  EXPECT_NE(h->hmac_key, nullptr);
  // from_keys does not refuse duplicates; select refuses to choose.
  KeySet dup = KeySet::from_keys({k.es256_a.public_key(), k.es256_a.public_key()});
  EXPECT_THAT(dup.select("a", Algorithm::ES256), HasError(Errc::key_mismatch));
}

}  // namespace
}  // namespace signet::jwt
