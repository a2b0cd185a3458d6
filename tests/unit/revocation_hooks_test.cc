// The revocation hooks of the JWT, PASETO and Django verifiers: a revoked
// token is refused with Errc::revoked, and the list is consulted only for
// tokens that passed every other check (proved with a counting list).
#include <atomic>
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "signet/django.h"
#include "signet/jwt.h"
#include "signet/paseto.h"
#include "signet/revocation.h"

namespace signet::revocation {
namespace {

using std::chrono::seconds;

constexpr std::int64_t kNow = 1'700'000'000;
UnixTime at(std::int64_t s) { return UnixTime(seconds(s)); }
const FixedClock kClock = FixedClock::from_seconds(kNow);

// CountingList wraps a MemoryRevocationList, counts check() calls and keeps
// the last facts it was asked about (copied).
class CountingList final : public RevocationList {
 public:
  CountingList() : inner_(*MemoryRevocationList::create({.clock = &kClock})) {}
  Status revoke_token(std::string_view i, std::string_view id, UnixTime until) override {
    return inner_->revoke_token(i, id, until);
  }
  Status revoke_subject(std::string_view i, std::string_view s, UnixTime b, UnixTime k) override {
    return inner_->revoke_subject(i, s, b, k);
  }
  Status check(const TokenFacts& f) const noexcept override {
    ++calls;
    issuer = std::string(f.issuer);
    token_id = std::string(f.token_id);
    subject = std::string(f.subject);
    issued_at = f.issued_at;
    expires_at = f.expires_at;
    if (fail) return Unexpected(Errc::backend_failure, "down");
    return inner_->check(f);
  }
  Result<std::size_t> purge() override { return inner_->purge(); }

  mutable std::atomic<int> calls{0};
  mutable std::string issuer, token_id, subject;
  mutable std::optional<UnixTime> issued_at, expires_at;
  bool fail = false;

 private:
  std::shared_ptr<MemoryRevocationList> inner_;
};

// ---------------------------------------------------------------- JWT

const std::string kJwtSecret = "0123456789abcdef0123456789abcdef";
jwt::HmacKey jwt_key(std::string_view secret = kJwtSecret) {
  return jwt::HmacKey::from_secret(jwt::Algorithm::HS256, SecretBytes(secret)).value();
}

std::string jwt_token(std::string_view jti, std::string_view sub, std::int64_t iat, std::int64_t exp,
                      std::string_view secret = kJwtSecret) {
  jwt::Claims c;
  c.issuer("https://issuer").subject(sub).jwt_id(jti).issued_at(at(iat)).expires_at(at(exp));
  return jwt::Signer::create(jwt_key(secret)).value().sign(c).value();
}

struct JwtHook : ::testing::Test {
  std::shared_ptr<CountingList> list = std::make_shared<CountingList>();
  jwt::Verifier verifier() {
    auto policy = jwt::PolicyBuilder().revocation(list).build().value();
    return jwt::Verifier::create(jwt_key(), std::move(policy), kClock).value();
  }
};

TEST_F(JwtHook, PassesTheVerifiedFacts) {
  auto v = verifier();
  ASSERT_TRUE(v.verify(jwt_token("id-1", "alice", kNow - 10, kNow + 100)));
  EXPECT_EQ(list->calls, 1);
  EXPECT_EQ(list->issuer, "https://issuer");
  EXPECT_EQ(list->token_id, "id-1");
  EXPECT_EQ(list->subject, "alice");
  EXPECT_EQ(list->issued_at, at(kNow - 10));
  EXPECT_EQ(list->expires_at, at(kNow + 100));
}

TEST_F(JwtHook, RevokedJtiIsRefused) {
  auto v = verifier();
  ASSERT_TRUE(list->revoke_token("https://issuer", "id-1", at(kNow + 100)));
  auto r = v.verify(jwt_token("id-1", "alice", kNow - 10, kNow + 100));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), Errc::revoked);
  EXPECT_TRUE(v.verify(jwt_token("id-2", "alice", kNow - 10, kNow + 100)));
}

TEST_F(JwtHook, SubjectCutoffIsApplied) {
  auto v = verifier();
  ASSERT_TRUE(list->revoke_subject("https://issuer", "alice", at(kNow - 5), at(kNow + 3600)));
  EXPECT_EQ(v.verify(jwt_token("a", "alice", kNow - 10, kNow + 100)).error().code(), Errc::revoked);
  EXPECT_TRUE(v.verify(jwt_token("b", "alice", kNow - 5, kNow + 100)));
  EXPECT_TRUE(v.verify(jwt_token("c", "bob", kNow - 10, kNow + 100)));
}

TEST_F(JwtHook, ForgedOrFailingTokensNeverReachTheList) {
  auto v = verifier();
  // Signed with another key: bad_signature, no lookup.
  auto forged = v.verify(jwt_token("id-1", "alice", kNow - 10, kNow + 100, "another-secret-of-32-bytes-000000"));
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().code(), Errc::bad_signature);
  // Expired: no lookup either.
  EXPECT_EQ(v.verify(jwt_token("id-1", "alice", kNow - 100, kNow - 1)).error().code(), Errc::expired);
  EXPECT_EQ(v.verify("garbage").error().code(), Errc::malformed);
  EXPECT_EQ(list->calls, 0);
}

TEST_F(JwtHook, BackendFailureIsReported) {
  auto v = verifier();
  list->fail = true;
  EXPECT_EQ(v.verify(jwt_token("id-1", "alice", kNow - 10, kNow + 100)).error().code(), Errc::backend_failure);
}

TEST_F(JwtHook, NoListMeansNoCheck) {
  auto v = jwt::Verifier::create(jwt_key(), jwt::PolicyBuilder().build().value(), kClock).value();
  ASSERT_TRUE(list->revoke_token("https://issuer", "id-1", at(kNow + 100)));
  EXPECT_TRUE(v.verify(jwt_token("id-1", "alice", kNow - 10, kNow + 100)));
}

TEST_F(JwtHook, EscapedClaimsAreComparedDecoded) {
  auto v = verifier();
  ASSERT_TRUE(list->revoke_token("https://issuer", "a/\"b\"", at(kNow + 100)));
  // The JSON writer escapes '"'; the verifier hands over the decoded text.
  EXPECT_EQ(v.verify(jwt_token("a/\"b\"", "alice", kNow - 10, kNow + 100)).error().code(), Errc::revoked);
}

// ---------------------------------------------------------------- PASETO

paseto::LocalKey paseto_key(std::uint8_t fill = 0x42) {
  return *paseto::LocalKey::from_bytes(std::vector<std::uint8_t>(32, fill));
}

std::string paseto_token(std::string_view jti, std::string_view sub, std::int64_t iat, std::int64_t exp,
                         std::uint8_t fill = 0x42) {
  paseto::Claims c;
  c.issuer("iss").subject(sub).token_id(jti).issued_at(at(iat)).expires_at(at(exp));
  return *paseto::encrypt(paseto_key(fill), c);
}

struct PasetoHook : ::testing::Test {
  std::shared_ptr<CountingList> list = std::make_shared<CountingList>();
  paseto::Decryptor decryptor() {
    auto policy = paseto::PolicyBuilder().revocation(list).build().value();
    return paseto::Decryptor::create(paseto_key(), std::move(policy), kClock).value();
  }
};

TEST_F(PasetoHook, RevokedTokenIsRefusedAndFactsArePassed) {
  auto d = decryptor();
  ASSERT_TRUE(d.decrypt(paseto_token("j1", "alice", kNow - 10, kNow + 100)));
  EXPECT_EQ(list->calls, 1);
  EXPECT_EQ(list->issuer, "iss");
  EXPECT_EQ(list->token_id, "j1");
  EXPECT_EQ(list->subject, "alice");
  EXPECT_EQ(list->issued_at, at(kNow - 10));
  EXPECT_EQ(list->expires_at, at(kNow + 100));
  ASSERT_TRUE(list->revoke_token("iss", "j1", at(kNow + 100)));
  EXPECT_EQ(d.decrypt(paseto_token("j1", "alice", kNow - 10, kNow + 100)).error().code(), Errc::revoked);
  ASSERT_TRUE(list->revoke_subject("iss", "bob", at(kNow), at(kNow + 100)));
  EXPECT_EQ(d.decrypt(paseto_token("j2", "bob", kNow - 10, kNow + 100)).error().code(), Errc::revoked);
  EXPECT_TRUE(d.decrypt(paseto_token("j3", "bob", kNow, kNow + 100)));
}

TEST_F(PasetoHook, ForgedTokensNeverReachTheList) {
  auto d = decryptor();
  EXPECT_EQ(d.decrypt(paseto_token("j1", "alice", kNow - 10, kNow + 100, 0x43)).error().code(), Errc::bad_signature);
  EXPECT_EQ(d.decrypt(paseto_token("j1", "alice", kNow - 100, kNow - 1)).error().code(), Errc::expired);
  EXPECT_EQ(list->calls, 0);
}

TEST_F(PasetoHook, PublicTokensToo) {
  auto secret = paseto::SecretKey::generate().value();
  paseto::Claims c;
  c.issuer("iss").token_id("p1").expires_at(at(kNow + 100));
  const std::string token = *paseto::sign(secret, c);
  auto v = paseto::Verifier::create(secret.public_key(), paseto::PolicyBuilder().revocation(list).build().value(),
                                    kClock)
               .value();
  EXPECT_TRUE(v.verify(token));
  ASSERT_TRUE(list->revoke_token("iss", "p1", at(kNow + 100)));
  EXPECT_EQ(v.verify(token).error().code(), Errc::revoked);
  auto other = paseto::SecretKey::generate().value();
  EXPECT_EQ(v.verify(*paseto::sign(other, c)).error().code(), Errc::bad_signature);
  EXPECT_EQ(list->calls, 2);
}

// ---------------------------------------------------------------- Django

const SecretBytes& django_key() {
  static const SecretBytes k(std::string_view("django-secret-key"));
  return k;
}

TEST(DjangoHook, RevokedSignatureIsRefused) {
  auto list = std::make_shared<CountingList>();
  auto signer = django::TimestampSigner::create(django_key(), {}, kClock).value();
  const std::string token = signer.sign("hello");
  const std::string other = django::TimestampSigner::create(django_key(), {}, FixedClock::from_seconds(kNow - 1))
                                .value()
                                .sign("hello");
  django::UnsignOptions options;
  options.revocation = list;
  ASSERT_TRUE(signer.unsign(token, options));
  EXPECT_EQ(list->calls, 1);
  EXPECT_EQ(list->issuer, kDjangoIssuer);
  EXPECT_EQ(list->token_id, *django_token_id(token));
  EXPECT_EQ(list->issued_at, at(kNow));
  ASSERT_TRUE(list->revoke_token(kDjangoIssuer, *django_token_id(token), at(kNow + 60)));
  auto r = signer.unsign(token, options);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), Errc::revoked);
  EXPECT_TRUE(signer.unsign(other, options));  // same value, other timestamp: another token
  // Without the option the list is not consulted.
  EXPECT_TRUE(signer.unsign(token));
}

TEST(DjangoHook, LoadsPassesTheList) {
  auto list = std::make_shared<CountingList>();
  const std::string token = *django::dumps(R"({"user":1})", django_key(), {.clock = &kClock});
  django::LoadsOptions options;
  options.clock = &kClock;
  options.revocation = list;
  ASSERT_TRUE(django::loads(token, django_key(), options));
  ASSERT_TRUE(list->revoke_token(kDjangoIssuer, *django_token_id(token), at(kNow + 60)));
  EXPECT_EQ(django::loads(token, django_key(), options).error().code(), Errc::revoked);
}

TEST(DjangoHook, ForgedOrExpiredTokensNeverReachTheList) {
  auto list = std::make_shared<CountingList>();
  auto signer = django::TimestampSigner::create(django_key(), {}, kClock).value();
  std::string token = signer.sign("hello");
  django::UnsignOptions options;
  options.revocation = list;
  std::string forged = token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(signer.unsign(forged, options).error().code(), Errc::bad_signature);
  const FixedClock earlier = FixedClock::from_seconds(kNow - 100);
  auto old = django::TimestampSigner::create(django_key(), {}, earlier).value();
  options.max_age = seconds(10);
  const std::string old_token = old.sign("hello");
  EXPECT_EQ(signer.unsign(old_token, options).error().code(), Errc::expired);
  EXPECT_EQ(list->calls, 0);
}

}  // namespace
}  // namespace signet::revocation
