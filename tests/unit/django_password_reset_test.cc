// django::PasswordResetTokenGenerator against tokens and verdicts of real
// Django (tests/data/django_password_reset_vectors.json, made by
// tests/data/make_django_password_reset_vectors.py), plus boundaries,
// rejection reasons and a garbage loop.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>

#include "signet/django.h"
#include "support/matchers.h"

namespace signet::django {
namespace {

using namespace std::chrono_literals;
using signet::testing::HasError;
using signet::testing::IsOk;

const nlohmann::json& vectors() {
  static const nlohmann::json doc = [] {
    std::ifstream in(std::string(SIGNET_TEST_DATA_DIR) + "/django_password_reset_vectors.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return nlohmann::json::parse(ss.str());
  }();
  return doc;
}

FixedClock clock_at_us(std::int64_t us) { return FixedClock(UnixTime(std::chrono::microseconds(us))); }

PasswordResetUser user_from(const nlohmann::json& u, bool as_text) {
  PasswordResetUser user;
  user.pk = u.at("pk").get<std::string>();
  user.password = u.at("password").get<std::string>();
  user.email = u.at("email").get<std::string>();
  if (!u.at("last_login_us").is_null()) {
    if (as_text) user.last_login = u.at("last_login_text").get<std::string>();
    else user.last_login = UnixTime(std::chrono::microseconds(u.at("last_login_us").get<std::int64_t>()));
  }
  return user;
}

PasswordResetOptions options_from(const nlohmann::json& v) {
  PasswordResetOptions o;
  o.algorithm = parse_algorithm(v.at("algorithm").get<std::string>()).value();
  o.timeout = std::chrono::seconds(v.at("timeout").get<std::int64_t>());
  o.utc_offset = std::chrono::seconds(v.at("utc_offset").get<std::int64_t>());
  o.use_tz = v.at("use_tz").get<bool>();
  if (!v.at("key_salt").is_null()) o.key_salt = v.at("key_salt").get<std::string>();
  return o;
}

TEST(DjangoPasswordResetTest, VectorsComeFromDjango) {
  ASSERT_GE(vectors().at("vectors").size(), 50u);
  EXPECT_EQ(vectors().at("django_version").get<std::string>().substr(0, 2), "3.");
}

// make_token reproduces Django's token byte for byte, with last_login given
// as a UnixTime (formatted by signet) and as Django's text.
TEST(DjangoPasswordResetTest, MakeTokenMatchesDjango) {
  for (const auto& v : vectors().at("vectors")) {
    SCOPED_TRACE("vector " + std::to_string(v.at("id").get<int>()));
    const SecretBytes key(v.at("secret").get<std::string>());
    const FixedClock clock = clock_at_us(v.at("now_us").get<std::int64_t>());
    auto gen = PasswordResetTokenGenerator::create(key, options_from(v), clock);
    ASSERT_THAT(gen, IsOk());
    EXPECT_EQ(gen->timestamp_now(), v.at("ts").get<std::int64_t>());
    for (bool as_text : {false, true}) {
      auto token = gen->make_token(user_from(v.at("user"), as_text));
      ASSERT_THAT(token, IsOk());
      EXPECT_EQ(*token, v.at("token").get<std::string>()) << (as_text ? "text last_login" : "UnixTime last_login");
    }
    if (!v.at("user").at("last_login_us").is_null()) {
      UnixTime t(std::chrono::microseconds(v.at("user").at("last_login_us").get<std::int64_t>()));
      if (!v.at("use_tz").get<bool>()) t += std::chrono::seconds(v.at("utc_offset").get<std::int64_t>());
      EXPECT_EQ(format_django_datetime(t).value(), v.at("user").at("last_login_text").get<std::string>());
    }
  }
}

// check_token agrees with Django's check_token on every recorded check:
// boundaries, a future token, each changed field, a tampered MAC.
TEST(DjangoPasswordResetTest, CheckTokenAgreesWithDjango) {
  int checked = 0;
  for (const auto& v : vectors().at("vectors")) {
    const SecretBytes key(v.at("secret").get<std::string>());
    for (const auto& c : v.at("checks")) {
      SCOPED_TRACE("vector " + std::to_string(v.at("id").get<int>()) + ": " + c.at("what").get<std::string>());
      const FixedClock clock = clock_at_us(c.at("now_us").get<std::int64_t>());
      auto gen = PasswordResetTokenGenerator::create(key, options_from(v), clock).value();
      const auto& u = c.at("user").is_null() ? v.at("user") : c.at("user");
      const std::string token = c.at("token").is_null() ? v.at("token").get<std::string>() : c.at("token").get<std::string>();
      const Status got = gen.check_token(user_from(u, false), token);
      EXPECT_EQ(got.has_value(), c.at("valid").get<bool>()) << (got ? "ok" : errc_name(got.error().code()));
      const std::string what = c.at("what").get<std::string>();
      if (!got && (what.find("timeout") != std::string::npos)) {
        EXPECT_EQ(got.error().code(), Errc::expired);
      } else if (!got) {
        EXPECT_EQ(got.error().code(), Errc::bad_signature);
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 600);
}

TEST(DjangoPasswordResetTest, DjangosConcatenationIsAmbiguous) {
  // Django MACs f"{pk}{password}..." with no delimiters: pk "1" + password
  // "2x" and pk "12" + password "x" give the same token (recorded from
  // Django). signet reproduces it, because it must be byte-compatible; the
  // StateBoundSigner (state_bound_test.cc) is the safe design.
  const auto& a = vectors().at("ambiguity");
  EXPECT_EQ(a.at("token_a"), a.at("token_b"));
  EXPECT_TRUE(a.at("b_accepts_a").get<bool>());
  const SecretBytes key(a.at("secret").get<std::string>());
  const FixedClock clock = clock_at_us(a.at("now_us").get<std::int64_t>());
  auto gen = PasswordResetTokenGenerator::create(key, {}, clock).value();
  PasswordResetUser user_a;
  user_a.pk = "1";
  user_a.password = "2x";
  PasswordResetUser user_b;
  user_b.pk = "12";
  user_b.password = "x";
  const std::string token = gen.make_token(user_a).value();
  EXPECT_EQ(token, a.at("token_a").get<std::string>());
  EXPECT_THAT(gen.check_token(user_b, token), IsOk());
}

class PasswordResetFixture : public ::testing::Test {
 protected:
  static constexpr std::int64_t kNow = 1'700'000'000;
  const SecretBytes key_{std::string_view("fixture-secret")};
  PasswordResetUser user_{.pk = "7", .password = "pbkdf2_sha256$1$a$b", .last_login = std::string("2023-11-14 00:00:00"),
                          .email = "u@example.com"};

  PasswordResetTokenGenerator gen(const FixedClock& clock, const PasswordResetOptions& o = {}) const {
    return PasswordResetTokenGenerator::create(key_, o, clock).value();
  }
};

TEST_F(PasswordResetFixture, TimeoutBoundaryIsInclusiveInWholeSeconds) {
  const FixedClock t0 = FixedClock::from_seconds(kNow);
  PasswordResetOptions o;
  o.timeout = 100s;
  const std::string token = gen(t0, o).make_token(user_).value();
  const FixedClock at_limit(UnixTime(std::chrono::seconds(kNow + 100) + 999ms));
  const FixedClock past(UnixTime(std::chrono::seconds(kNow + 101)));
  EXPECT_THAT(gen(at_limit, o).check_token(user_, token), IsOk());
  EXPECT_THAT(gen(past, o).check_token(user_, token), HasError(Errc::expired));
  o.timeout = 0s;
  EXPECT_THAT(gen(t0, o).check_token(user_, token), IsOk());
}

TEST_F(PasswordResetFixture, FutureTokensFollowDjangoUnlessMaxFuture) {
  const FixedClock later = FixedClock::from_seconds(kNow + 3600);
  const FixedClock t0 = FixedClock::from_seconds(kNow);
  const std::string token = gen(later).make_token(user_).value();
  EXPECT_THAT(gen(t0).check_token(user_, token), IsOk());  // Django accepts future timestamps
  PasswordResetOptions o;
  o.max_future = 60s;
  EXPECT_THAT(gen(t0, o).check_token(user_, token), HasError(Errc::not_yet_valid));
  o.max_future = 3600s;
  EXPECT_THAT(gen(t0, o).check_token(user_, token), IsOk());
}

TEST_F(PasswordResetFixture, EveryFieldChangeInvalidates) {
  const FixedClock t0 = FixedClock::from_seconds(kNow);
  const auto g = gen(t0);
  const std::string token = g.make_token(user_).value();
  ASSERT_THAT(g.check_token(user_, token), IsOk());
  auto changed = [&](auto mutate) {
    PasswordResetUser u = user_;
    mutate(u);
    return g.check_token(u, token);
  };
  EXPECT_THAT(changed([](auto& u) { u.pk = "8"; }), HasError(Errc::bad_signature));
  EXPECT_THAT(changed([](auto& u) { u.password += "!"; }), HasError(Errc::bad_signature));
  EXPECT_THAT(changed([](auto& u) { u.email = "v@example.com"; }), HasError(Errc::bad_signature));
  EXPECT_THAT(changed([](auto& u) { u.last_login = std::monostate{}; }), HasError(Errc::bad_signature));
  EXPECT_THAT(changed([](auto& u) { u.last_login = std::string("2023-11-14 00:00:01"); }), HasError(Errc::bad_signature));
  // The same instant as a UnixTime formats to the same text: still valid.
  EXPECT_THAT(changed([](auto& u) { u.last_login = UnixTime(std::chrono::seconds(1699920000) + 999ms); }), IsOk());
}

TEST_F(PasswordResetFixture, FallbackKeysCheckButNeverMake) {
  const FixedClock t0 = FixedClock::from_seconds(kNow);
  const SecretBytes old_key(std::string_view("old-secret"));
  const std::string old_token = PasswordResetTokenGenerator::create(old_key, {}, t0)->make_token(user_).value();
  PasswordResetOptions o;
  o.fallback_keys.push_back(old_key.clone());
  const auto g = gen(t0, o);
  EXPECT_THAT(g.check_token(user_, old_token), IsOk());
  EXPECT_NE(g.make_token(user_).value(), old_token);
  EXPECT_THAT(gen(t0).check_token(user_, old_token), HasError(Errc::bad_signature));
}

TEST_F(PasswordResetFixture, AlgorithmsDoNotMix) {
  const FixedClock t0 = FixedClock::from_seconds(kNow);
  PasswordResetOptions sha1;
  sha1.algorithm = Algorithm::sha1;
  const std::string token = gen(t0, sha1).make_token(user_).value();
  EXPECT_EQ(token.size(), 6u + 1u + 20u);
  // Django 3.2 would still accept this SHA-1 token under SHA-256 (its legacy
  // path); signet, like Django >= 4.0, does not.
  EXPECT_THAT(gen(t0).check_token(user_, token), HasError(Errc::malformed));
}

TEST_F(PasswordResetFixture, MalformedTokens) {
  const FixedClock t0 = FixedClock::from_seconds(kNow);
  const auto g = gen(t0);
  const std::string token = g.make_token(user_).value();
  const std::string mac = token.substr(token.find('-'));
  for (const std::string& bad : {std::string(), std::string("-"), mac.substr(1), "bxodq8" + mac + "-",
                                "Bxodq8" + mac, "0bxodq8" + mac, " bxodq8" + mac, "+bxodq8" + mac, "bx_odq8" + mac,
                                "zzzzzzzzzzzzzz" + mac, "1y2p0ij32e8e8" + mac /* > int64 */, token + "0",
                                token.substr(0, token.size() - 1), "bxodq8" + std::string(mac.size() - 1, 'A') + "-"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(g.check_token(user_, bad), HasError(Errc::malformed));
  }
  // Upper-case hex: Django compares the text, so it is not the same token.
  std::string upper = token;
  for (std::size_t i = token.find('-') + 1; i < upper.size(); ++i) {
    if (upper[i] >= 'a' && upper[i] <= 'f') upper[i] = static_cast<char>(upper[i] - 'a' + 'A');
  }
  if (upper != token) {
    EXPECT_THAT(g.check_token(user_, upper), HasError(Errc::malformed));
  }
}

TEST_F(PasswordResetFixture, LargestTimestampIsHandled) {
  const FixedClock t0 = FixedClock::from_seconds(kNow);
  const auto g = gen(t0);
  // "1y2p0ij32e8e7" is INT64_MAX in base36: accepted by the parser, so the
  // MAC decides; a token for it is valid and Django-style far in the future.
  const std::string far = g.make_token_at(user_, INT64_MAX).value();
  EXPECT_EQ(far.substr(0, 14), "1y2p0ij32e8e7-");
  EXPECT_THAT(g.check_token(user_, far), IsOk());
  EXPECT_THAT(g.make_token_at(user_, -1), HasError(Errc::invalid_argument));
}

TEST_F(PasswordResetFixture, RefusesBadConfiguration) {
  const FixedClock t0 = FixedClock::from_seconds(kNow);
  EXPECT_THAT(PasswordResetTokenGenerator::create(SecretBytes(), {}, t0), HasError(Errc::invalid_key));
  PasswordResetOptions o;
  o.fallback_keys.emplace_back();
  EXPECT_THAT(PasswordResetTokenGenerator::create(key_, o, t0), HasError(Errc::invalid_key));
  PasswordResetOptions neg;
  neg.timeout = -1s;
  EXPECT_THAT(PasswordResetTokenGenerator::create(key_, neg, t0), HasError(Errc::invalid_argument));
  PasswordResetOptions zone;
  zone.utc_offset = 25h;
  EXPECT_THAT(PasswordResetTokenGenerator::create(key_, zone, t0), HasError(Errc::invalid_argument));
  PasswordResetOptions salt;
  salt.key_salt.clear();
  EXPECT_THAT(PasswordResetTokenGenerator::create(key_, salt, t0), HasError(Errc::invalid_argument));
  // Before 2001-01-01 local time Django cannot make a token either.
  const FixedClock y2000 = FixedClock::from_seconds(kDjangoEpochUnixSeconds - 10);
  EXPECT_THAT(gen(y2000).make_token(user_), HasError(Errc::invalid_argument));
}

TEST_F(PasswordResetFixture, GarbageNeverCrashesOrPasses) {
  const FixedClock t0 = FixedClock::from_seconds(kNow);
  const auto g = gen(t0);
  const std::string token = g.make_token(user_).value();
  std::mt19937_64 rng(7);
  const std::string alphabet = "0123456789abcdefxyzABC-_ \x00\xff";
  int rejected = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    if (i % 2 == 0) {
      s.resize(rng() % 90);
      for (auto& c : s) c = alphabet[rng() % alphabet.size()];
    } else {
      s = token;  // flip, cut or extend the real token
      const auto pos = rng() % s.size();
      switch (rng() % 3) {
        case 0: s[pos] = alphabet[rng() % alphabet.size()]; break;
        case 1: s.erase(pos, 1 + rng() % 4); break;
        default: s.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
      }
      if (s == token) continue;
    }
    const Status st = g.check_token(user_, s);
    EXPECT_FALSE(st.has_value()) << s;
    rejected += st.has_value() ? 0 : 1;
  }
  EXPECT_GT(rejected, 19000);
}

}  // namespace
}  // namespace signet::django
