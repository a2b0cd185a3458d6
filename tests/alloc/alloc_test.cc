// tests/alloc/alloc_test.cc: how many heap allocations signet's hot paths make.
//
// This binary links bench/alloc_counter.cc, which replaces the global
// operator new/delete with counting versions and, from a static initializer
// that runs before any other, installs counting OpenSSL allocators with
// CRYPTO_set_mem_functions. Every measurement runs the operation once to warm
// up (lazy one-time initialisation inside OpenSSL, function-local statics)
// and counts the second, steady-state call on this thread.
//
// ASSERTED (the contracts that hold today):
//   - django::Signer::unsign and django::TimestampSigner::unsign make no
//     operator new call, for a bad signature and for a good token (the
//     header documents "Never allocates").
//   - django::loads / dumps (same key each call): at most one operator new,
//     none for a bad signature.
//   - PASETO v4.local decrypt / v4.public verify (payload without footer):
//     at most one operator new accepted, none rejected.
//   - JWT HS256 / ES256 verify: at most one operator new for an accepted
//     token, none for a rejected one, none into a warm VerifiedTokenBuffer.
// RECORDED (printed as "[alloc] ..." and as test properties, not asserted
// yet; the hot-path work will turn them into assertions):
//   - JWT HS256 / ES256 verify, accepted and rejected; JWT HS256 sign;
//   - django::loads / dumps and TimestampSigner::unsign_object, accepted and rejected;
//   - PASETO v4.local decrypt / v4.public verify, when signet/paseto.h exists.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "alloc_counter.h"
#include "signet/django.h"
#include "signet/jwt.h"

#if __has_include("signet/paseto.h")
#include "signet/paseto.h"
#define SIGNET_ALLOC_TEST_HAVE_PASETO 1
#endif

namespace {

using signet::Errc;
using signet_alloc::Counts;

constexpr std::string_view kSecret = "alloc-test-secret-of-32-bytes!!!";
constexpr std::string_view kClaims =
    R"({"sub":"1234567890","name":"John Doe","admin":true,"iat":1700000000,"exp":4102444800})";

// count runs `op` once to warm up, then counts the allocations of a second run.
template <class Op>
Counts count(Op&& op) {
  op();
  const Counts before = signet_alloc::thread_counts();
  op();
  return signet_alloc::thread_counts() - before;
}

void record(const std::string& what, const Counts& c) {
  std::printf("[alloc] %-58s %3llu operator new, %4llu OpenSSL allocations\n", what.c_str(),
              static_cast<unsigned long long>(c.cxx_new), static_cast<unsigned long long>(c.openssl));
  ::testing::Test::RecordProperty(what + " operator_new", std::to_string(c.cxx_new));
  ::testing::Test::RecordProperty(what + " openssl", std::to_string(c.openssl));
}

// tamper changes one character in the middle of the last '.' or ':' segment.
std::string tamper(std::string token) {
  const std::size_t cut = token.find_last_of(".:") + 1;
  const std::size_t at = cut + (token.size() - cut) / 2;
  token[at] = token[at] == 'A' ? 'B' : 'A';
  return token;
}

signet::SecretBytes secret() { return signet::SecretBytes(kSecret); }

TEST(Alloc, OpensslAllocatorHookIsInstalled) {
  // Otherwise every OpenSSL count below would read 0.
  ASSERT_TRUE(signet_alloc::openssl_hook_installed());
  const Counts c = count([] { signet::jwt::PrivateKey::generate(signet::jwt::Algorithm::ES256).value(); });
  EXPECT_GT(c.openssl, 0u);
}

TEST(Alloc, CountsOperatorNew) {
  const Counts c = count([] {
    int* volatile p = new int(1);  // volatile: the new/delete pair cannot be elided
    delete p;
  });
  EXPECT_EQ(c.cxx_new, 1u);
}

// ------------------------------------------------------------ asserted
TEST(Alloc, DjangoSignerUnsignAllocatesNothing) {
  auto signer = signet::django::Signer::create(secret()).value();
  const std::string good = signer.sign(R"({"user_id":123456})");
  const std::string bad = tamper(good);

  bool rejected = false;
  const Counts r = count([&] {
    auto v = signer.unsign(std::string_view(bad));
    rejected = !v && v.error() == Errc::bad_signature;
  });
  EXPECT_TRUE(rejected);
  record("django Signer::unsign, bad signature", r);
  EXPECT_EQ(r.cxx_new, 0u);

  bool accepted = false;
  const Counts a = count([&] { accepted = signer.unsign(std::string_view(good)).has_value(); });
  EXPECT_TRUE(accepted);
  record("django Signer::unsign, accepted", a);
  EXPECT_EQ(a.cxx_new, 0u);
}

TEST(Alloc, DjangoTimestampSignerUnsignAllocatesNothing) {
  signet::django::SignerOptions so;
  so.salt = std::string(signet::django::kDumpsSalt);
  auto signer = signet::django::TimestampSigner::create(secret(), so).value();
  const std::string good = signer.sign(R"(eyJ1c2VyX2lkIjoxMjM0NTZ9)");
  const std::string bad = tamper(good);
  signet::django::UnsignOptions options;
  options.max_age = std::chrono::hours(1);

  bool rejected = false;
  const Counts r = count([&] {
    auto v = signer.unsign(std::string_view(bad), options);
    rejected = !v && v.error() == Errc::bad_signature;
  });
  EXPECT_TRUE(rejected);
  record("django TimestampSigner::unsign(max_age), bad signature", r);
  EXPECT_EQ(r.cxx_new, 0u);

  bool accepted = false;
  const Counts a = count([&] { accepted = signer.unsign(std::string_view(good), options).has_value(); });
  EXPECT_TRUE(accepted);
  record("django TimestampSigner::unsign(max_age), accepted", a);
  EXPECT_EQ(a.cxx_new, 0u);
}

// ------------------------------------------------------------ recorded
TEST(AllocRecord, DjangoLoadsAndDumps) {
  const signet::SecretBytes key = secret();
  signet::django::LoadsOptions lo;
  lo.max_age = std::chrono::hours(1);
  const std::string token = signet::django::dumps(R"({"user_id":123456})", key).value();
  const std::string bad = tamper(token);

  bool ok = false;
  // The free functions reuse this thread's signer for the same key, so they
  // allocate only the string they return.
  const Counts loads_ok = count([&] { ok = signet::django::loads(token, key, lo).has_value(); });
  record("django::loads(max_age), accepted", loads_ok);
  EXPECT_TRUE(ok);
  EXPECT_LE(loads_ok.cxx_new, 1u);
  const Counts loads_bad = count([&] {
    auto v = signet::django::loads(bad, key, lo);
    ok = !v && v.error() == Errc::bad_signature;
  });
  record("django::loads(max_age), bad signature", loads_bad);
  EXPECT_TRUE(ok);
  EXPECT_EQ(loads_bad.cxx_new, 0u);
  const Counts dumps = count([&] { ok = signet::django::dumps(R"({"user_id":123456})", key).has_value(); });
  record("django::dumps", dumps);
  EXPECT_TRUE(ok);
  EXPECT_LE(dumps.cxx_new, 1u);

  signet::django::SignerOptions so;
  so.salt = std::string(signet::django::kDumpsSalt);
  auto signer = signet::django::TimestampSigner::create(key, so).value();
  signet::django::UnsignOptions uo;
  uo.max_age = std::chrono::hours(1);
  record("django TimestampSigner::unsign_object, accepted",
         count([&] { ok = signer.unsign_object(token, uo).has_value(); }));
  EXPECT_TRUE(ok);
  record("django TimestampSigner::unsign_object, bad signature", count([&] {
           auto v = signer.unsign_object(bad, uo);
           ok = !v && v.error() == Errc::bad_signature;
         }));
  EXPECT_TRUE(ok);
  record("django TimestampSigner::sign_object", count([&] { ok = signer.sign_object(R"({"user_id":123456})").has_value(); }));
  EXPECT_TRUE(ok);
}

void record_jwt(const char* name, const signet::jwt::Signer& signer, const signet::jwt::Verifier& verifier) {
  const std::string token = signer.sign_json(kClaims).value();
  const std::string bad = tamper(token);
  bool ok = false;
  const Counts accepted = count([&] { ok = verifier.verify(token).has_value(); });
  record(std::string("jwt ") + name + " verify, accepted", accepted);
  EXPECT_TRUE(ok);
  EXPECT_LE(accepted.cxx_new, 1u);  // issue #4: at most one per accepted token
  const Counts rejected = count([&] {
    auto v = verifier.verify(bad);
    ok = !v && v.error() == Errc::bad_signature;
  });
  record(std::string("jwt ") + name + " verify, bad signature", rejected);
  EXPECT_TRUE(ok);
  EXPECT_EQ(rejected.cxx_new, 0u);  // issue #4: none for a rejected token
  // The caller's-buffer overload: a warm buffer means no allocation at all.
  signet::jwt::VerifiedTokenBuffer buffer;
  const Counts into = count([&] {
    auto v = verifier.verify(token, buffer);
    ok = v && (*v)->subject() == std::optional<std::string_view>("1234567890");
  });
  record(std::string("jwt ") + name + " verify into a caller's buffer, accepted", into);
  EXPECT_TRUE(ok);
  EXPECT_EQ(into.cxx_new, 0u);
  record(std::string("jwt ") + name + " sign_json", count([&] { ok = signer.sign_json(kClaims).has_value(); }));
  EXPECT_TRUE(ok);
  record(std::string("jwt ") + name + " sign(claims builder)", count([&] {
           signet::jwt::Claims c;
           c.subject("1234567890")
               .set("name", "John Doe")
               .set("admin", true)
               .issued_at(signet::UnixTime(std::chrono::seconds(1700000000)))
               .expires_at(signet::UnixTime(std::chrono::seconds(4102444800)));
           ok = signer.sign(c).has_value();
         }));
  EXPECT_TRUE(ok);
  // A builder handed over as an rvalue is signed in its own buffer: one
  // allocation in all.
  const Counts built = count([&] {
    signet::jwt::Claims c;
    c.subject("1234567890")
        .set("name", "John Doe")
        .set("admin", true)
        .issued_at(signet::UnixTime(std::chrono::seconds(1700000000)))
        .expires_at(signet::UnixTime(std::chrono::seconds(4102444800)));
    ok = signer.sign(std::move(c)).has_value();
  });
  record(std::string("jwt ") + name + " sign(temporary claims builder)", built);
  EXPECT_TRUE(ok);
  EXPECT_LE(built.cxx_new, 1u);
}

TEST(AllocRecord, JwtHs256) {
  using namespace signet::jwt;
  auto key = HmacKey::from_secret(Algorithm::HS256, secret()).value();
  auto signer = Signer::create(key).value();
  auto verifier = Verifier::create(key, PolicyBuilder().build().value()).value();
  record_jwt("HS256", signer, verifier);
}

TEST(AllocRecord, JwtEs256) {
  using namespace signet::jwt;
  auto key = PrivateKey::generate(Algorithm::ES256).value();
  auto signer = Signer::create(key).value();
  auto verifier = Verifier::create(key.public_key(), PolicyBuilder().build().value()).value();
  record_jwt("ES256", signer, verifier);
}

#ifdef SIGNET_ALLOC_TEST_HAVE_PASETO
TEST(AllocRecord, PasetoV4) {
  using namespace signet::paseto;
  Claims claims;
  claims.subject("1234567890").set("name", "John Doe").set("admin", true).expires_at(
      signet::UnixTime(std::chrono::seconds(4102444800)));
  auto policy = PolicyBuilder().build().value();

  auto local = LocalKey::generate().value();
  auto decryptor = Decryptor::create(local, policy).value();
  const std::string lt = encrypt(local, claims).value();
  const std::string lbad = tamper(lt);
  bool ok = false;
  const Counts local_ok = count([&] { ok = decryptor.decrypt(lt).has_value(); });
  record("paseto v4.local Decryptor::decrypt, accepted", local_ok);
  EXPECT_TRUE(ok);
  EXPECT_LE(local_ok.cxx_new, 1u);
  const Counts local_bad = count([&] {
    auto v = decryptor.decrypt(lbad);
    ok = !v && v.error() == Errc::bad_signature;
  });
  record("paseto v4.local Decryptor::decrypt, bad MAC", local_bad);
  EXPECT_TRUE(ok);
  EXPECT_EQ(local_bad.cxx_new, 0u);

  auto sk = SecretKey::generate().value();
  auto verifier = Verifier::create(sk.public_key(), policy).value();
  const std::string pt = sign(sk, claims).value();
  const std::string pbad = tamper(pt);
  const Counts public_ok = count([&] { ok = verifier.verify(pt).has_value(); });
  record("paseto v4.public Verifier::verify, accepted", public_ok);
  EXPECT_TRUE(ok);
  EXPECT_LE(public_ok.cxx_new, 1u);
  const Counts public_bad = count([&] {
    auto v = verifier.verify(pbad);
    ok = !v && v.error() == Errc::bad_signature;
  });
  record("paseto v4.public Verifier::verify, bad signature", public_bad);
  EXPECT_TRUE(ok);
  EXPECT_EQ(public_bad.cxx_new, 0u);
}
#endif

}  // namespace
