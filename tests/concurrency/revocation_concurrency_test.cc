// MemoryRevocationList under concurrency: threads verify JWTs through a
// verifier that consults the list while other threads revoke tokens and
// subjects and purge. Every verdict is checked: a never-revoked token always
// passes, and a token whose revocation completed before the check began is
// always refused.
#include <array>
#include <atomic>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "concurrency_support.h"
#include "signet/jwt.h"
#include "signet/revocation.h"

namespace signet {
namespace {

using signet::testing::Failures;
using signet::testing::is_error;
using signet::testing::kThreads;
using signet::testing::run_threads;

constexpr std::int64_t kNow = 1'700'000'000;
constexpr int kTokensPerWriter = 300;
UnixTime at(std::int64_t s) { return UnixTime(std::chrono::seconds(s)); }

jwt::HmacKey key() {
  return jwt::HmacKey::from_secret(jwt::Algorithm::HS256, SecretBytes(std::string_view("0123456789abcdef0123456789abcdef")))
      .value();
}

std::string token(const std::string& jti, const std::string& sub, std::int64_t iat) {
  jwt::Claims c;
  c.issuer("iss").subject(sub).jwt_id(jti).issued_at(at(iat)).expires_at(at(kNow + 3600));
  return jwt::Signer::create(key()).value().sign(c).value();
}

TEST(RevocationConcurrency, VerifyWhileRevokingAndPurging) {
  static const FixedClock clock = FixedClock::from_seconds(kNow);
  auto list = *revocation::MemoryRevocationList::create({.max_entries = 100'000, .clock = &clock});
  auto verifier = jwt::Verifier::create(key(), jwt::PolicyBuilder().revocation(list).build().value(), clock).value();

  constexpr int kWriters = kThreads / 2;
  // Writer w revokes "w-i" in order, publishing how many it has done.
  std::vector<std::vector<std::string>> doomed(kWriters);
  for (int w = 0; w < kWriters; ++w) {
    for (int i = 0; i < kTokensPerWriter; ++i) {
      doomed[static_cast<std::size_t>(w)].push_back(token(std::to_string(w) + "-" + std::to_string(i), "u", kNow));
    }
  }
  std::vector<std::string> kept;
  for (int i = 0; i < 50; ++i) kept.push_back(token("keep-" + std::to_string(i), "stays", kNow - 10));
  const std::string old_of_leaver = token("leaver-old", "leaver", kNow - 100);
  const std::string new_of_leaver = token("leaver-new", "leaver", kNow);
  std::array<std::atomic<int>, kWriters> done{};
  std::atomic<bool> leaver_cut{false};
  std::atomic<int> writers_left{kWriters};
  Failures failures;

  run_threads(kThreads, [&](int t) {
    if (t < kWriters) {
      const auto w = static_cast<std::size_t>(t);
      for (int i = 0; i < kTokensPerWriter; ++i) {
        auto ok = list->revoke_token("iss", std::to_string(t) + "-" + std::to_string(i), at(kNow + 3600));
        failures.expect(ok.has_value(), "revoke_token failed");
        done[w].store(i + 1, std::memory_order_release);
        if (t == 0 && i == kTokensPerWriter / 2) {
          failures.expect(list->revoke_subject("iss", "leaver", at(kNow - 50), at(kNow + 3600)).has_value(),
                          "revoke_subject failed");
          leaver_cut.store(true, std::memory_order_release);
        }
        if (t == 1 && i % 50 == 0) failures.expect(list->purge().has_value(), "purge failed");
      }
      writers_left.fetch_sub(1);
      return;
    }
    int round = 0;
    while (writers_left.load() > 0 || round < 3) {
      ++round;
      for (int w = 0; w < kWriters; ++w) {
        const int n = done[static_cast<std::size_t>(w)].load(std::memory_order_acquire);
        const auto& tokens = doomed[static_cast<std::size_t>(w)];
        // Revoked before we looked: must be refused.
        for (int i = 0; i < n; i += 7) {
          failures.expect(is_error(verifier.verify(tokens[static_cast<std::size_t>(i)]), Errc::revoked),
                          "a revoked token was accepted");
        }
        // Not yet revoked: either verdict, but only ok or revoked.
        if (n < kTokensPerWriter) {
          auto r = verifier.verify(tokens[static_cast<std::size_t>(n)]);
          failures.expect(r.has_value() || is_error(r, Errc::revoked), "an unexpected error");
        }
      }
      for (const auto& k : kept) failures.expect(verifier.verify(k).has_value(), "a kept token was refused");
      const bool cut = leaver_cut.load(std::memory_order_acquire);
      if (cut) {
        failures.expect(is_error(verifier.verify(old_of_leaver), Errc::revoked), "the subject cutoff was missed");
      }
      failures.expect(verifier.verify(new_of_leaver).has_value(), "a token after the cutoff was refused");
    }
  });

  EXPECT_EQ(failures.count(), 0u) << failures.first();
  EXPECT_EQ(list->size(), static_cast<std::size_t>(kWriters * kTokensPerWriter + 1));
}

TEST(RevocationConcurrency, FullListRefusesUnderContention) {
  static const FixedClock clock = FixedClock::from_seconds(kNow);
  constexpr std::size_t kMax = 1000;
  auto list = *revocation::MemoryRevocationList::create({.max_entries = kMax, .clock = &clock});
  std::atomic<int> accepted{0};
  Failures failures;
  run_threads(kThreads, [&](int t) {
    for (int i = 0; i < 400; ++i) {
      auto r = list->revoke_token("iss", std::to_string(t) + "/" + std::to_string(i), at(kNow + 60));
      if (r) accepted.fetch_add(1);
      else failures.expect(is_error(r, Errc::backend_failure), "a full list gave another error");
    }
  });
  EXPECT_EQ(failures.count(), 0u) << failures.first();
  // Exactly max_entries revocations were taken, and every one of them holds.
  EXPECT_EQ(accepted.load(), static_cast<int>(kMax));
  EXPECT_EQ(list->size(), kMax);
  int held = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < 400; ++i) {
      if (!list->check({.issuer = "iss", .token_id = std::to_string(t) + "/" + std::to_string(i)})) ++held;
    }
  }
  EXPECT_EQ(held, static_cast<int>(kMax));
}

}  // namespace
}  // namespace signet
