// MemoryRevocationList: semantics, boundaries, bounds and purge.
#include <atomic>
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "signet/revocation.h"

namespace signet::revocation {
namespace {

using std::chrono::seconds;

// A clock the test moves by hand (FixedClock is immutable).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t s) : ns_(s * 1'000'000'000) {}
  UnixTime now() const noexcept override { return UnixTime(std::chrono::nanoseconds(ns_.load())); }
  void set(UnixTime t) { ns_ = t.time_since_epoch().count(); }
  void set_seconds(std::int64_t s) { ns_ = s * 1'000'000'000; }

 private:
  std::atomic<std::int64_t> ns_;
};

UnixTime at(std::int64_t s) { return UnixTime(seconds(s)); }

constexpr std::int64_t kNow = 1'700'000'000;

struct Fixture : ::testing::Test {
  ManualClock clock{kNow};
  std::shared_ptr<MemoryRevocationList> make(std::size_t max = 1000, seconds grace = seconds(0)) {
    auto list = MemoryRevocationList::create({.max_entries = max, .grace = grace, .clock = &clock});
    EXPECT_TRUE(list);
    return *list;
  }
};

using MemoryRevocation = Fixture;

TokenFacts token(std::string_view iss, std::string_view jti) { return {.issuer = iss, .token_id = jti}; }

TEST_F(MemoryRevocation, UnrevokedTokenPasses) {
  auto list = make();
  EXPECT_TRUE(list->check(token("iss", "a")));
  EXPECT_TRUE(list->check({}));
}

TEST_F(MemoryRevocation, RevokedTokenIsRefusedUntilItsEnd) {
  auto list = make();
  ASSERT_TRUE(list->revoke_token("iss", "a", at(kNow + 100)));
  auto r = list->check(token("iss", "a"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), Errc::revoked);
  // Same id, other issuer, or other id: not covered.
  EXPECT_TRUE(list->check(token("other", "a")));
  EXPECT_TRUE(list->check(token("iss", "b")));
  EXPECT_TRUE(list->check(token("", "a")));
  // Boundary: in force while now < until.
  clock.set(at(kNow + 100) - std::chrono::nanoseconds(1));
  EXPECT_FALSE(list->check(token("iss", "a")));
  clock.set_seconds(kNow + 100);
  EXPECT_TRUE(list->check(token("iss", "a")));
}

TEST_F(MemoryRevocation, GraceExtendsEveryEntry) {
  auto list = make(1000, seconds(60));
  ASSERT_TRUE(list->revoke_token("iss", "a", at(kNow + 10)));
  clock.set_seconds(kNow + 69);
  EXPECT_FALSE(list->check(token("iss", "a")));
  clock.set_seconds(kNow + 70);
  EXPECT_TRUE(list->check(token("iss", "a")));
}

TEST_F(MemoryRevocation, DefaultGraceIsTheMaximumLeeway) {
  auto list = MemoryRevocationList::create({.clock = &clock});
  ASSERT_TRUE(list);
  ASSERT_TRUE((*list)->revoke_token("i", "a", at(kNow)));
  clock.set_seconds(kNow + 599);
  EXPECT_FALSE((*list)->check(token("i", "a")));
  clock.set_seconds(kNow + 600);
  EXPECT_TRUE((*list)->check(token("i", "a")));
}

TEST_F(MemoryRevocation, IssuerAndIdDoNotRunTogether) {
  auto list = make();
  ASSERT_TRUE(list->revoke_token("ab", "c", at(kNow + 100)));
  EXPECT_TRUE(list->check(token("a", "bc")));
  EXPECT_TRUE(list->check(token("abc", "")));
  EXPECT_FALSE(list->check(token("ab", "c")));
}

TEST_F(MemoryRevocation, PastUntilIsANoOp) {
  auto list = make();
  EXPECT_TRUE(list->revoke_token("iss", "a", at(kNow)));
  EXPECT_TRUE(list->revoke_token("iss", "b", at(kNow - 5)));
  EXPECT_EQ(list->size(), 0u);
}

TEST_F(MemoryRevocation, RepeatedRevocationKeepsTheLaterEnd) {
  auto list = make();
  ASSERT_TRUE(list->revoke_token("iss", "a", at(kNow + 100)));
  ASSERT_TRUE(list->revoke_token("iss", "a", at(kNow + 10)));
  EXPECT_EQ(list->size(), 1u);
  clock.set_seconds(kNow + 50);
  EXPECT_FALSE(list->check(token("iss", "a")));
  ASSERT_TRUE(list->revoke_token("iss", "a", at(kNow + 200)));
  clock.set_seconds(kNow + 150);
  EXPECT_FALSE(list->check(token("iss", "a")));
}

TEST_F(MemoryRevocation, InvalidArguments) {
  auto list = make();
  EXPECT_EQ(list->revoke_token("iss", "", at(kNow + 1)).error().code(), Errc::invalid_argument);
  EXPECT_EQ(list->revoke_subject("iss", "", at(kNow), at(kNow + 1)).error().code(), Errc::invalid_argument);
  const std::string big(kMaxIdSize + 1, 'x');
  const std::string max(kMaxIdSize, 'x');
  EXPECT_EQ(list->revoke_token("iss", big, at(kNow + 1)).error().code(), Errc::invalid_argument);
  EXPECT_EQ(list->revoke_token(big, "a", at(kNow + 1)).error().code(), Errc::invalid_argument);
  EXPECT_EQ(list->revoke_subject("iss", big, at(kNow), at(kNow + 1)).error().code(), Errc::invalid_argument);
  EXPECT_TRUE(list->revoke_token(max, max, at(kNow + 1)));
  EXPECT_FALSE(list->check(token(max, max)));
  // Empty issuer is a namespace of its own (tokens without iss).
  EXPECT_TRUE(list->revoke_token("", "a", at(kNow + 1)));
  EXPECT_FALSE(list->check(token("", "a")));
  EXPECT_EQ(MemoryRevocationList::create({.max_entries = 0}).error().code(), Errc::invalid_argument);
  EXPECT_EQ(MemoryRevocationList::create({.grace = seconds(-1)}).error().code(), Errc::invalid_argument);
}

TEST_F(MemoryRevocation, SubjectCutoffRefusesOlderTokens) {
  auto list = make();
  ASSERT_TRUE(list->revoke_subject("iss", "alice", at(kNow), at(kNow + 3600)));
  TokenFacts f{.issuer = "iss", .token_id = "t1", .subject = "alice", .issued_at = at(kNow - 1)};
  EXPECT_EQ(list->check(f).error().code(), Errc::revoked);
  // Boundary: iat == cutoff is not "before".
  f.issued_at = at(kNow);
  EXPECT_TRUE(list->check(f));
  f.issued_at = at(kNow) - std::chrono::nanoseconds(1);
  EXPECT_FALSE(list->check(f));
  // Other subject or issuer: unaffected.
  f.subject = "bob";
  EXPECT_TRUE(list->check(f));
  f.subject = "alice";
  f.issuer = "other";
  EXPECT_TRUE(list->check(f));
}

TEST_F(MemoryRevocation, SubjectCutoffRefusesTokensWithoutIat) {
  auto list = make();
  ASSERT_TRUE(list->revoke_subject("iss", "alice", at(kNow), at(kNow + 3600)));
  TokenFacts f{.issuer = "iss", .subject = "alice"};
  EXPECT_EQ(list->check(f).error().code(), Errc::revoked);
  // After keep_until the cutoff lapses.
  clock.set_seconds(kNow + 3600);
  EXPECT_TRUE(list->check(f));
}

TEST_F(MemoryRevocation, SubjectCutoffNeverMovesBack) {
  auto list = make();
  ASSERT_TRUE(list->revoke_subject("iss", "alice", at(kNow), at(kNow + 100)));
  ASSERT_TRUE(list->revoke_subject("iss", "alice", at(kNow - 50), at(kNow + 50)));
  TokenFacts f{.issuer = "iss", .subject = "alice", .issued_at = at(kNow - 10)};
  EXPECT_FALSE(list->check(f));
  clock.set_seconds(kNow + 99);
  EXPECT_FALSE(list->check(f));
  ASSERT_TRUE(list->revoke_subject("iss", "alice", at(kNow + 20), at(kNow + 200)));
  f.issued_at = at(kNow + 10);
  EXPECT_FALSE(list->check(f));
  clock.set_seconds(kNow + 199);
  EXPECT_FALSE(list->check(f));
}

TEST_F(MemoryRevocation, TokenAndSubjectEntriesAreSeparateKinds) {
  auto list = make();
  ASSERT_TRUE(list->revoke_token("iss", "alice", at(kNow + 100)));
  TokenFacts f{.issuer = "iss", .token_id = "t", .subject = "alice"};
  EXPECT_TRUE(list->check(f));  // a jti "alice" says nothing of subject "alice"
}

TEST_F(MemoryRevocation, FullListRefusesRatherThanEvicts) {
  auto list = make(3);
  ASSERT_TRUE(list->revoke_token("i", "a", at(kNow + 10)));
  ASSERT_TRUE(list->revoke_token("i", "b", at(kNow + 1000)));
  ASSERT_TRUE(list->revoke_subject("i", "s", at(kNow), at(kNow + 1000)));
  auto full = list->revoke_token("i", "c", at(kNow + 1000));
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code(), Errc::backend_failure);
  EXPECT_NE(full.error().detail().find("full"), std::string_view::npos);
  // Nothing was evicted, and updating an existing entry still works.
  EXPECT_FALSE(list->check(token("i", "a")));
  EXPECT_FALSE(list->check(token("i", "b")));
  EXPECT_TRUE(list->revoke_token("i", "b", at(kNow + 2000)));
  // Once "a" has expired, a full list purges it to make room.
  clock.set_seconds(kNow + 10);
  EXPECT_TRUE(list->revoke_token("i", "c", at(kNow + 1000)));
  EXPECT_FALSE(list->check(token("i", "c")));
  EXPECT_EQ(list->size(), 3u);
}

TEST_F(MemoryRevocation, PurgeDropsExpiredEntries) {
  auto list = make();
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(list->revoke_token("i", std::to_string(i), at(kNow + 1 + i)));
  ASSERT_TRUE(list->revoke_subject("i", "s", at(kNow), at(kNow + 30)));
  EXPECT_EQ(list->size(), 101u);
  clock.set_seconds(kNow + 50);  // ids 0..49 (until <= now) and the subject have ended
  auto dropped = list->purge();
  ASSERT_TRUE(dropped);
  EXPECT_EQ(*dropped, 51u);  // ids 0..49 and the subject cutoff
  EXPECT_EQ(list->size(), 50u);
  EXPECT_TRUE(list->check(token("i", "10")));
  EXPECT_FALSE(list->check(token("i", "50")));
  EXPECT_EQ(*list->purge(), 0u);
}

TEST_F(MemoryRevocation, RevocationsSweepOldEntriesOverTime) {
  auto list = make();
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(list->revoke_token("i", std::to_string(i), at(kNow + 1)));
  EXPECT_EQ(list->size(), 50u);
  clock.set_seconds(kNow + 3600);  // every shard is due for a sweep
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(list->revoke_token("j", std::to_string(i), at(kNow + 7200)));
  EXPECT_EQ(list->size(), 200u);
}

TEST_F(MemoryRevocation, ExtremeTimesDoNotOverflow) {
  auto list = make(10, seconds(600));
  ASSERT_TRUE(list->revoke_token("i", "max", UnixTime::max()));
  EXPECT_FALSE(list->check(token("i", "max")));
  ASSERT_TRUE(list->revoke_subject("i", "s", UnixTime::max(), UnixTime::max()));
  EXPECT_FALSE(list->check({.issuer = "i", .subject = "s", .issued_at = at(0)}));
  EXPECT_TRUE(list->revoke_token("i", "min", UnixTime::min()));
  EXPECT_TRUE(list->check(token("i", "min")));
}

TEST(DjangoTokenId, IsTheSignature) {
  auto id = django_token_id("hello:1pQ2xy:abcDEF_-123");
  ASSERT_TRUE(id);
  EXPECT_EQ(*id, "abcDEF_-123");
  EXPECT_EQ(*django_token_id("a/b/sig", "/"), "sig");
  EXPECT_EQ(django_token_id("nosep").error().code(), Errc::malformed);
  EXPECT_EQ(django_token_id("value:").error().code(), Errc::malformed);
  EXPECT_EQ(django_token_id("a:b", "").error().code(), Errc::invalid_argument);
}

}  // namespace
}  // namespace signet::revocation
