// The revocation hook of the itsdangerous timed classes (UnsignOptions::
// revocation) and revocation::itsdangerous_token_id: a revoked token is
// refused with Errc::revoked, the list is told the right facts, and it is
// consulted only for tokens that passed every other check (a counting list
// proves it).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "signet/itsdangerous.h"
#include "signet/revocation.h"
#include "support/matchers.h"

namespace signet::itsdangerous {
namespace {

using namespace std::chrono_literals;
using revocation::itsdangerous_token_id;
using revocation::kItsdangerousIssuer;
using signet::testing::HasError;
using signet::testing::IsOk;

constexpr std::int64_t kNow = 1'700'000'000;
UnixTime at(std::int64_t s) { return UnixTime(std::chrono::seconds(s)); }
const FixedClock kClock = FixedClock::from_seconds(kNow);

const SecretBytes& test_key() {
  static const SecretBytes key(std::string_view("its-revocation-test-key"));
  return key;
}

// CountingList wraps a MemoryRevocationList, counts check() calls and keeps
// the last facts it was asked about (copied); `fail` makes it answer as a
// backend that is down.
class CountingList final : public revocation::RevocationList {
 public:
  CountingList() : inner_(*revocation::MemoryRevocationList::create({.clock = &kClock})) {}
  Status revoke_token(std::string_view i, std::string_view id, UnixTime until) override {
    return inner_->revoke_token(i, id, until);
  }
  Status revoke_subject(std::string_view i, std::string_view s, UnixTime b, UnixTime k) override {
    return inner_->revoke_subject(i, s, b, k);
  }
  Status check(const revocation::TokenFacts& f) const noexcept override {
    ++calls;
    issuer = std::string(f.issuer);
    token_id = std::string(f.token_id);
    subject = std::string(f.subject);
    issued_at = f.issued_at;
    if (fail) return Unexpected(Errc::backend_failure, "down");
    return inner_->check(f);
  }
  Result<std::size_t> purge() override { return inner_->purge(); }

  mutable std::atomic<int> calls{0};
  mutable std::string issuer, token_id, subject;
  mutable std::optional<UnixTime> issued_at;
  bool fail = false;

 private:
  std::shared_ptr<revocation::MemoryRevocationList> inner_;
};

UnsignOptions with_list(std::shared_ptr<const revocation::RevocationList> list) {
  UnsignOptions o;
  o.revocation = std::move(list);
  return o;
}

// Revokes `token` by its signature for a minute past kNow.
void revoke(CountingList& list, std::string_view token, std::string_view sep = ".") {
  auto id = itsdangerous_token_id(token, sep);
  ASSERT_THAT(id, IsOk());
  ASSERT_THAT(list.revoke_token(kItsdangerousIssuer, *id, at(kNow + 60)), IsOk());
}

// ---------------------------------------------------------------- itsdangerous_token_id

TEST(ItsdangerousTokenId, IsTheTextAfterTheLastSeparator) {
  EXPECT_EQ(*itsdangerous_token_id("hello.ZVPxAA.fI_qtH3geYgdEzcphxt1j9ZQ0pE"), "fI_qtH3geYgdEzcphxt1j9ZQ0pE");
  EXPECT_EQ(*itsdangerous_token_id("hello.sig"), "sig");
  EXPECT_EQ(*itsdangerous_token_id("a.b.c.d.sig"), "sig");    // values may hold the separator
  EXPECT_EQ(*itsdangerous_token_id("hello..sig"), "sig");     // timestamp 0: an empty field
  EXPECT_EQ(*itsdangerous_token_id(".sig"), "sig");           // an empty value
  EXPECT_EQ(*itsdangerous_token_id("v~|ts~|sig", "~|"), "sig");  // a separator of two characters
  EXPECT_EQ(*itsdangerous_token_id("v~|~|sig", "~|"), "sig");
  // The view points into the token, so it lives as long as the token does.
  const std::string token = "value.signature";
  EXPECT_EQ(itsdangerous_token_id(token)->data(), token.data() + 6);
}

TEST(ItsdangerousTokenId, RefusesWhatHasNoSignature) {
  EXPECT_THAT(itsdangerous_token_id(""), HasError(Errc::malformed));
  EXPECT_THAT(itsdangerous_token_id("no-separator"), HasError(Errc::malformed));
  EXPECT_THAT(itsdangerous_token_id("hello.ts."), HasError(Errc::malformed));  // empty signature
  EXPECT_THAT(itsdangerous_token_id("."), HasError(Errc::malformed));
  EXPECT_THAT(itsdangerous_token_id("hello:sig"), HasError(Errc::malformed));  // Django's separator is not "."
  EXPECT_THAT(itsdangerous_token_id("hello.sig", ""), HasError(Errc::invalid_argument));
  EXPECT_THAT(itsdangerous_token_id("v~|sig~", "~|"), IsOk());
  EXPECT_THAT(itsdangerous_token_id("v~sig", "~|"), HasError(Errc::malformed));
  // The details name the format and never echo the token.
  auto r = itsdangerous_token_id("secret-looking-token");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail().find("itsdangerous"), std::string_view::npos);
  EXPECT_EQ(r.error().detail().find("secret-looking"), std::string_view::npos);
}

TEST(ItsdangerousTokenId, MatchesWhatTheSignerAppends) {
  SignerOptions options;
  options.sep = "!";
  auto signer = TimestampSigner::create(test_key(), options, kClock).value();
  const std::string token = *signer.sign("a!b");
  const std::string_view value_and_ts = *signer.signer().unsign(token);
  EXPECT_EQ(*itsdangerous_token_id(token, "!"), std::string_view(token).substr(value_and_ts.size() + 1));
  EXPECT_EQ(itsdangerous_token_id(token, "!")->size(), 27u);  // unpadded base64url of a SHA-1 HMAC
}

// ---------------------------------------------------------------- TimestampSigner

TEST(ItsdangerousRevocation, RevokedSignatureIsRefused) {
  auto list = std::make_shared<CountingList>();
  auto signer = TimestampSigner::create(test_key(), {}, kClock).value();
  const std::string token = *signer.sign("hello");
  const FixedClock second_earlier = FixedClock::from_seconds(kNow - 1);
  const std::string other = *TimestampSigner::create(test_key(), {}, second_earlier)->sign("hello");
  const UnsignOptions options = with_list(list);

  ASSERT_THAT(signer.unsign(token, options), IsOk());
  EXPECT_EQ(list->calls, 1);
  EXPECT_EQ(list->issuer, kItsdangerousIssuer);
  EXPECT_EQ(list->token_id, *itsdangerous_token_id(token));
  EXPECT_EQ(list->subject, "");
  EXPECT_EQ(list->issued_at, at(kNow));

  revoke(*list, token);
  EXPECT_THAT(signer.unsign(token, options), HasError(Errc::revoked));
  EXPECT_THAT(signer.unsign_stamped(token, options), HasError(Errc::revoked));
  // Same value, another timestamp: another signature, another token.
  EXPECT_THAT(signer.unsign(other, options), IsOk());
  // Without the option the list is not consulted.
  const int calls = list->calls;
  EXPECT_THAT(signer.unsign(token), IsOk());
  EXPECT_EQ(list->calls, calls);
}

TEST(ItsdangerousRevocation, MaxAgeAndListTogether) {
  auto list = std::make_shared<CountingList>();
  auto signer = TimestampSigner::create(test_key(), {}, kClock).value();
  const std::string token = *signer.sign("hello");
  UnsignOptions options = with_list(list);
  options.max_age = 10s;
  auto stamped = signer.unsign_stamped(token, options);
  ASSERT_THAT(stamped, IsOk());
  EXPECT_EQ(stamped->value, "hello");
  EXPECT_EQ(stamped->timestamp, static_cast<std::uint64_t>(kNow));
  revoke(*list, token);
  EXPECT_THAT(signer.unsign_stamped(token, options), HasError(Errc::revoked));
}

TEST(ItsdangerousRevocation, TheIssuerNamespacesTheIds) {
  // The same signature revoked as a Django token does not touch an itsdangerous token.
  auto list = std::make_shared<CountingList>();
  auto signer = TimestampSigner::create(test_key(), {}, kClock).value();
  const std::string token = *signer.sign("hello");
  ASSERT_THAT(list->revoke_token(revocation::kDjangoIssuer, *itsdangerous_token_id(token), at(kNow + 60)), IsOk());
  ASSERT_THAT(list->revoke_token("", *itsdangerous_token_id(token), at(kNow + 60)), IsOk());
  EXPECT_THAT(signer.unsign(token, with_list(list)), IsOk());
  EXPECT_EQ(list->calls, 1);
  revoke(*list, token);
  EXPECT_THAT(signer.unsign(token, with_list(list)), HasError(Errc::revoked));
}

TEST(ItsdangerousRevocation, ARotatedKeysTokenIsRevokedByItsSignature) {
  auto list = std::make_shared<CountingList>();
  const std::vector<SecretBytes> old_only = [] {
    std::vector<SecretBytes> v;
    v.emplace_back(std::string_view("old-key"));
    return v;
  }();
  std::vector<SecretBytes> both;
  both.emplace_back(std::string_view("old-key"));
  both.emplace_back(std::string_view("new-key"));
  const std::string token = *TimestampSigner::create(old_only, {}, kClock)->sign("hello");
  auto verifier = TimestampSigner::create(both, {}, kClock).value();
  ASSERT_THAT(verifier.unsign(token, with_list(list)), IsOk());
  revoke(*list, token);
  EXPECT_THAT(verifier.unsign(token, with_list(list)), HasError(Errc::revoked));
}

TEST(ItsdangerousRevocation, CustomSeparator) {
  auto list = std::make_shared<CountingList>();
  SignerOptions options;
  options.sep = "~|";
  auto signer = TimestampSigner::create(test_key(), options, kClock).value();
  const std::string token = *signer.sign("a~|b");
  ASSERT_THAT(signer.unsign(token, with_list(list)), IsOk());
  EXPECT_EQ(list->token_id, *itsdangerous_token_id(token, "~|"));
  revoke(*list, token, "~|");
  EXPECT_THAT(signer.unsign(token, with_list(list)), HasError(Errc::revoked));
}

TEST(ItsdangerousRevocation, BackendFailureIsReported) {
  auto list = std::make_shared<CountingList>();
  list->fail = true;
  auto signer = TimestampSigner::create(test_key(), {}, kClock).value();
  const std::string token = *signer.sign("hello");
  EXPECT_THAT(signer.unsign(token, with_list(list)), HasError(Errc::backend_failure));
  auto s = URLSafeTimedSerializer::create(test_key(), {}, kClock).value();
  EXPECT_THAT(s.loads(*s.dumps("1"), with_list(list)), HasError(Errc::backend_failure));
}

TEST(ItsdangerousRevocation, IssuedAtCoversEveryTimestamp) {
  // The timestamp is an unsigned 64-bit field; tokens with any value can be
  // made with the key (a Signer over "value.TS" is a TimestampSigner token).
  auto list = std::make_shared<CountingList>();
  auto signer = TimestampSigner::create(test_key(), {}, kClock).value();
  auto plain = Signer::create(test_key()).value();
  struct Case {
    std::string_view field;
    std::optional<UnixTime> issued_at;
  };
  const Case cases[] = {
      {"", at(0)},                                // 0: the empty field
      {"AQ", at(1)},                              // 1
      {"AgAAAAU", at((std::int64_t{1} << 33) + 5)},
      {"AQAAAAAF", UnixTime::max()},              // 2^40 + 5 s: past int64 nanoseconds, saturated
      {"f_________8", UnixTime::max()},           // INT64_MAX
      {"gAAAAAAAAAA", UnixTime::max()},           // 2^63
      {"__________8", UnixTime::max()},           // 2^64 - 1
  };
  for (const Case& c : cases) {
    const std::string token = plain.sign("v." + std::string(c.field));
    auto stamped = signer.unsign_stamped(token, with_list(list));
    ASSERT_THAT(stamped, IsOk()) << c.field;
    EXPECT_EQ(list->issued_at, c.issued_at) << c.field;
    EXPECT_EQ(list->token_id, *itsdangerous_token_id(token)) << c.field;
  }
  EXPECT_EQ(list->calls, static_cast<int>(std::size(cases)));
}

TEST(ItsdangerousRevocation, ForgedExpiredOrMalformedTokensNeverReachTheList) {
  auto list = std::make_shared<CountingList>();
  auto signer = TimestampSigner::create(test_key(), {}, kClock).value();
  const std::string token = *signer.sign("hello");
  UnsignOptions options = with_list(list);

  std::string forged = token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_THAT(signer.unsign(forged, options), HasError(Errc::bad_signature));
  const std::string other_key = *TimestampSigner::create(SecretBytes(std::string_view("k2")), {}, kClock)->sign("hello");
  EXPECT_THAT(signer.unsign(other_key, options), HasError(Errc::bad_signature));
  EXPECT_THAT(signer.unsign(std::string_view("no separator"), options), HasError(Errc::malformed));
  // Validly signed, but without a timestamp, or with a non-canonical one.
  auto plain = Signer::create(test_key()).value();
  const std::string no_ts = plain.sign("hello");
  EXPECT_THAT(signer.unsign(no_ts, options), HasError(Errc::bad_payload));
  const std::string bad_ts = plain.sign("hello.AAE");  // a leading zero byte
  EXPECT_THAT(signer.unsign(bad_ts, options), HasError(Errc::bad_payload));

  const FixedClock earlier = FixedClock::from_seconds(kNow - 100);
  const std::string old_token = *TimestampSigner::create(test_key(), {}, earlier)->sign("hello");
  const FixedClock later = FixedClock::from_seconds(kNow + 100);
  const std::string future_token = *TimestampSigner::create(test_key(), {}, later)->sign("hello");
  options.max_age = 10s;
  EXPECT_THAT(signer.unsign(old_token, options), HasError(Errc::expired));
  EXPECT_THAT(signer.unsign(future_token, options), HasError(Errc::not_yet_valid));

  auto s = URLSafeTimedSerializer::create(test_key(), {}, kClock).value();
  std::string forged_loads = *s.dumps(R"({"a":1})");
  forged_loads.back() = forged_loads.back() == 'A' ? 'B' : 'A';
  EXPECT_THAT(s.loads(forged_loads, options), HasError(Errc::bad_signature));
  auto ts = TimedSerializer::create(test_key(), {}, earlier).value();
  EXPECT_THAT(TimedSerializer::create(test_key(), {}, kClock)->loads(*ts.dumps("1"), options),
              HasError(Errc::expired));
  EXPECT_EQ(list->calls, 0);
}

// ---------------------------------------------------------------- serializers

TEST(ItsdangerousRevocation, TimedSerializerLoads) {
  auto list = std::make_shared<CountingList>();
  auto s = TimedSerializer::create(test_key(), {}, kClock).value();
  const std::string token = *s.dumps(R"({"user": 1})");
  ASSERT_THAT(s.loads(token, with_list(list)), IsOk());
  EXPECT_EQ(list->token_id, *itsdangerous_token_id(token));
  EXPECT_EQ(list->issued_at, at(kNow));
  revoke(*list, token);
  EXPECT_THAT(s.loads(token, with_list(list)), HasError(Errc::revoked));
  EXPECT_THAT(s.loads_stamped(token, with_list(list)), HasError(Errc::revoked));
  EXPECT_THAT(s.loads(token), IsOk());
}

TEST(ItsdangerousRevocation, URLSafeTimedSerializerLoads) {
  auto list = std::make_shared<CountingList>();
  auto s = URLSafeTimedSerializer::create(test_key(), {}, kClock).value();
  const std::string token = *s.dumps(R"({"user":1})");
  const std::string other = *s.dumps(R"({"user":2})");
  auto loaded = s.loads_stamped(token, with_list(list));
  ASSERT_THAT(loaded, IsOk());
  EXPECT_EQ(loaded->json, R"({"user":1})");
  EXPECT_EQ(list->issuer, kItsdangerousIssuer);
  EXPECT_EQ(list->token_id, *itsdangerous_token_id(token));
  revoke(*list, token);
  EXPECT_THAT(s.loads(token, with_list(list)), HasError(Errc::revoked));
  EXPECT_THAT(s.loads_stamped(token, with_list(list)), HasError(Errc::revoked));
  EXPECT_THAT(s.loads(other, with_list(list)), IsOk());
}

TEST(ItsdangerousRevocation, TheListIsAskedBeforeThePayloadIsInflated) {
  // A revoked compressed token is refused as revoked even when inflating it
  // would exceed max_inflate: the payload is never decoded.
  auto list = std::make_shared<CountingList>();
  auto s = URLSafeTimedSerializer::create(test_key(), {}, kClock).value();
  const std::string token = *s.dumps(R"({"a":")" + std::string(1000, 'a') + R"("})");
  ASSERT_EQ(token.front(), '.');  // compressed
  UnsignOptions options = with_list(list);
  options.max_inflate = 16;
  EXPECT_THAT(s.loads(token, options), HasError(Errc::payload_too_large));
  EXPECT_EQ(list->calls, 1);
  revoke(*list, token);
  EXPECT_THAT(s.loads(token, options), HasError(Errc::revoked));
}

TEST(ItsdangerousRevocation, UntimedClassesAreCheckedByTheCaller) {
  // The untimed Signer and serializers take no list (docs/revocation.md):
  // the caller asks it after a successful unsign / loads, as the CLI does.
  auto list = std::make_shared<CountingList>();
  auto s = URLSafeSerializer::create(test_key()).value();
  const std::string token = *s.dumps(R"({"user":1})");
  auto check = [&](std::string_view t) -> Status {
    auto json = s.loads(t);
    if (!json) return json.error();
    auto id = itsdangerous_token_id(t, s.signer().sep());
    if (!id) return id.error();
    return list->check({.issuer = kItsdangerousIssuer, .token_id = *id});
  };
  EXPECT_THAT(check(token), IsOk());
  revoke(*list, token);
  EXPECT_THAT(check(token), HasError(Errc::revoked));
}

}  // namespace
}  // namespace signet::itsdangerous
