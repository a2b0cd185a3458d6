// PASERK k4: key types and their serialisations, IDs, PIE wrapping, sealing
// and password wrapping (the official vectors are in paseto_vectors_test.cc).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "encoding/base64url.h"
#include "signet/paseto.h"
#include "support/matchers.h"

namespace signet::paseto {
namespace {

using signet::testing::HasError;
using signet::testing::IsOk;

std::vector<std::uint8_t> v(std::span<const std::uint8_t> s) { return {s.begin(), s.end()}; }

TEST(PaserkKeys, SizesAreExact) {
  EXPECT_THAT(LocalKey::from_bytes(std::vector<std::uint8_t>(31)), HasError(Errc::invalid_key));
  EXPECT_THAT(LocalKey::from_bytes(std::vector<std::uint8_t>(33)), HasError(Errc::invalid_key));
  EXPECT_THAT(PublicKey::from_bytes(std::vector<std::uint8_t>(0)), HasError(Errc::invalid_key));
  EXPECT_THAT(SecretKey::from_seed(std::vector<std::uint8_t>(64)), HasError(Errc::invalid_key));
  EXPECT_THAT(SecretKey::from_bytes(std::vector<std::uint8_t>(32)), HasError(Errc::invalid_key));
  EXPECT_THAT(WrappingKey::from_bytes(std::vector<std::uint8_t>(16)), HasError(Errc::invalid_key));
}

TEST(PaserkKeys, SecretKeyHalvesMustMatch) {
  auto key = SecretKey::generate();
  ASSERT_THAT(key, IsOk());
  auto bytes = v(key->bytes());
  EXPECT_THAT(SecretKey::from_bytes(bytes), IsOk());
  bytes[40] ^= 1;
  EXPECT_THAT(SecretKey::from_bytes(bytes), HasError(Errc::invalid_key));
}

TEST(PaserkKeys, GeneratedKeysRoundTripAndDiffer) {
  auto a = LocalKey::generate();
  auto b = LocalKey::generate();
  EXPECT_NE(v(a->bytes()), v(b->bytes()));
  EXPECT_EQ(v(LocalKey::from_paserk(a->to_paserk())->bytes()), v(a->bytes()));
  auto s = SecretKey::generate();
  EXPECT_EQ(v(SecretKey::from_paserk(s->to_paserk())->bytes()), v(s->bytes()));
  EXPECT_TRUE(PublicKey::from_paserk(s->public_key().to_paserk())->bytes().size() == 32);
  EXPECT_EQ(a->to_paserk().size(), 9u + 43u);
  EXPECT_EQ(s->to_paserk().size(), 10u + 86u);
}

TEST(PaserkKeys, IdsAreTypedAndStable) {
  auto s = SecretKey::generate();
  EXPECT_EQ(s->id().substr(0, 7), "k4.sid.");
  EXPECT_EQ(s->public_key().id().substr(0, 7), "k4.pid.");
  EXPECT_NE(s->id().substr(7), s->public_key().id().substr(7));
  auto l = LocalKey::generate();
  EXPECT_EQ(l->id().substr(0, 7), "k4.lid.");
  EXPECT_EQ(l->id().size(), 7u + 44u);
  EXPECT_EQ(l->id(), LocalKey::from_paserk(l->to_paserk())->id());
}

TEST(PaserkKeys, TypeDetection) {
  EXPECT_EQ(*paserk_type("k4.local.xx"), PaserkType::local);
  EXPECT_EQ(*paserk_type("k4.local-wrap.pie.xx"), PaserkType::local_wrap_pie);
  EXPECT_EQ(*paserk_type("k4.secret-pw.xx"), PaserkType::secret_pw);
  EXPECT_EQ(*paserk_type("k4.seal."), PaserkType::seal);
  EXPECT_THAT(paserk_type("k3.local.xx"), HasError(Errc::unsupported));
  EXPECT_THAT(paserk_type("k4.other.xx"), HasError(Errc::malformed));
  EXPECT_THAT(paserk_type("{\"kty\":\"oct\"}"), HasError(Errc::malformed));
  EXPECT_EQ(paserk_prefix(PaserkType::sid), "k4.sid.");
}

TEST(PaserkPie, WrongWrappingKeyOrTypeFails) {
  auto wk = WrappingKey::generate();
  auto other = WrappingKey::generate();
  auto l = LocalKey::generate();
  auto s = SecretKey::generate();
  auto wl = wrap_pie(*l, *wk);
  auto ws = wrap_pie(*s, *wk);
  ASSERT_THAT(wl, IsOk());
  ASSERT_THAT(ws, IsOk());
  EXPECT_EQ(v(unwrap_local_pie(*wl, *wk)->bytes()), v(l->bytes()));
  EXPECT_EQ(v(unwrap_secret_pie(*ws, *wk)->bytes()), v(s->bytes()));
  EXPECT_THAT(unwrap_local_pie(*wl, *other), HasError(Errc::bad_signature));
  EXPECT_THAT(unwrap_secret_pie(*wl, *wk), HasError(Errc::key_mismatch));
  EXPECT_THAT(unwrap_local_pie(*ws, *wk), HasError(Errc::key_mismatch));
  EXPECT_THAT(unwrap_local_pie(wl->substr(0, wl->size() - 2), *wk), HasError(Errc::malformed));
  EXPECT_NE(*wrap_pie(*l, *wk), *wl);  // random nonce
}

TEST(PaserkSeal, OnlyTheRecipientCanUnseal) {
  auto recipient = SecretKey::generate();
  auto someone = SecretKey::generate();
  auto l = LocalKey::generate();
  auto sealed = seal(*l, recipient->public_key());
  ASSERT_THAT(sealed, IsOk());
  EXPECT_EQ(sealed->substr(0, 8), "k4.seal.");
  EXPECT_EQ(v(unseal(*sealed, *recipient)->bytes()), v(l->bytes()));
  EXPECT_THAT(unseal(*sealed, *someone), HasError(Errc::bad_signature));
  std::string tampered = *sealed;
  tampered[20] = tampered[20] == 'A' ? 'B' : 'A';
  EXPECT_THAT(unseal(tampered, *recipient), HasError(Errc::bad_signature));
  // An ephemeral key of low order (all zeros) gives no shared secret.
  const std::string zero_epk = "k4.seal." + std::string(43, 'A') + std::string(85, 'A');
  EXPECT_THAT(unseal(zero_epk, *recipient), HasError(Errc::bad_signature));
  EXPECT_THAT(unseal("k4.local-wrap.pie." + sealed->substr(8), *recipient), HasError(Errc::key_mismatch));
}

TEST(PaserkPassword, RoundTripWrongPasswordAndLimits) {
  auto l = LocalKey::generate();
  const PasswordParams cheap{1u << 16, 1};
  auto wrapped = wrap_password(*l, "hunter2", cheap);
  ASSERT_THAT(wrapped, IsOk());
  EXPECT_EQ(wrapped->substr(0, 12), "k4.local-pw.");
  EXPECT_EQ(v(unwrap_local_password(*wrapped, "hunter2")->bytes()), v(l->bytes()));
  EXPECT_THAT(unwrap_local_password(*wrapped, "hunter3"), HasError(Errc::bad_signature));
  EXPECT_THAT(unwrap_secret_password(*wrapped, "hunter2"), HasError(Errc::key_mismatch));
  // The costs come from the string: a bound stops a forged one early.
  EXPECT_THAT(unwrap_local_password(*wrapped, "hunter2", PasswordLimits{1u << 15, 16}), HasError(Errc::payload_too_large));
  EXPECT_THAT(unwrap_local_password(*wrapped, "hunter2", PasswordLimits{1u << 20, 0}), HasError(Errc::payload_too_large));
  auto s = SecretKey::generate();
  auto ws = wrap_password(*s, "pw", cheap);
  ASSERT_THAT(ws, IsOk());
  EXPECT_EQ(v(unwrap_secret_password(*ws, "pw")->bytes()), v(s->bytes()));
  EXPECT_THAT(wrap_password(*l, "", cheap), HasError(Errc::invalid_argument));
  EXPECT_THAT(wrap_password(*l, "pw", PasswordParams{1024, 1}), HasError(Errc::invalid_argument));
  EXPECT_THAT(wrap_password(*l, "pw", PasswordParams{1u << 16, 0}), HasError(Errc::invalid_argument));
  EXPECT_THAT(wrap_password(*l, "pw", PasswordParams{std::uint64_t{2} << 30, 1}), HasError(Errc::invalid_argument));
}

TEST(PaserkPassword, ForgedCostsAreRefusedBeforeArgon2) {
  auto l = LocalKey::generate();
  const std::string prefix = "k4.local-pw.";
  const auto wrapped = *wrap_password(*l, "pw", PasswordParams{1u << 16, 1});
  auto body = *encoding::base64url_decode(std::string_view(wrapped).substr(prefix.size()));
  ASSERT_EQ(body.size(), 16u + 16u + 24u + 32u + 32u);
  const auto forge = [&](std::size_t offset, std::uint8_t value) {
    std::string b = body;
    b[offset] = static_cast<char>(value);
    return prefix + encoding::base64url_encode(std::span<const std::uint8_t>(
                        reinterpret_cast<const std::uint8_t*>(b.data()), b.size()));
  };
  // memlimit is bytes 16..23 (big-endian): 2^62 bytes would never finish.
  EXPECT_THAT(unwrap_local_password(forge(16, 0x40), "pw"), HasError(Errc::payload_too_large));
  // opslimit is bytes 24..27: 2^24 passes.
  EXPECT_THAT(unwrap_local_password(forge(25, 0x01), "pw"), HasError(Errc::payload_too_large));
  // parallelism is bytes 28..31: only 1 is supported.
  EXPECT_THAT(unwrap_local_password(forge(31, 0x02), "pw"), HasError(Errc::unsupported));
  // A changed salt passes the bounds, runs Argon2id and fails the tag.
  EXPECT_THAT(unwrap_local_password(forge(0, static_cast<std::uint8_t>(body[0] ^ 1)), "pw"), HasError(Errc::bad_signature));
}

}  // namespace
}  // namespace signet::paseto
