// Tokens bound to user state: Django's password-reset tokens and the
// StateBoundSigner.
//   1. The whole input as a token never crashes either checker and is never
//      accepted (neither knows a token for the fixed user/state below that
//      random bytes could hit).
//   2. Fields drawn from the input: make_token/sign at a drawn time verify at
//      that time; appending a byte to any one field (which changes the MAC
//      input's length even under Django's concatenation) makes the same
//      token fail with bad_signature; the StateBoundSigner payload comes back
//      unchanged.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "signet/django.h"
#include "signet/state_bound.h"

using namespace signet;

namespace {

const SecretBytes& key() {
  static const SecretBytes k(std::string_view("fuzz-state-bound-key-0123456789abcdef"));
  return k;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const FixedClock clock = FixedClock::from_seconds(1'700'000'000);

  // 1. Garbage.
  {
    auto gen = django::PasswordResetTokenGenerator::create(key(), {}, clock).value();
    django::PasswordResetUser user;
    user.pk = "1";
    user.password = "pbkdf2_sha256$1$s$h";
    FUZZ_CHECK(!gen.check_token(user, text).has_value());
    StateBoundOptions o;
    o.purpose = "fuzz";
    o.max_age = std::chrono::hours(1);
    auto signer = StateBoundSigner::create(key(), o, clock).value();
    FUZZ_CHECK(!signer.verify(text, "1", {"a", "b"}).has_value());
  }

  // 2. Round trips with drawn fields.
  fuzz::ByteReader in(data, size);
  const auto seconds = static_cast<std::int64_t>(in.u64() % 4'000'000'000ull) + 978'307'200;  // 2001 .. 2128
  const FixedClock at = FixedClock::from_seconds(seconds);
  {
    django::PasswordResetOptions o;
    o.algorithm = static_cast<django::Algorithm>(in.below(5));
    o.utc_offset = std::chrono::seconds(static_cast<std::int64_t>(in.below(25)) * 3600 - 12 * 3600);
    o.use_tz = in.boolean();
    auto gen = django::PasswordResetTokenGenerator::create(key(), o, at).value();
    django::PasswordResetUser user;
    user.pk = std::string(in.bytes(32));
    user.password = std::string(in.bytes(96));
    user.email = std::string(in.bytes(48));
    switch (in.below(3)) {
      case 0: break;
      case 1: user.last_login = UnixTime(std::chrono::seconds(static_cast<std::int64_t>(in.u64() % 8'000'000'000ull))); break;
      default: user.last_login = std::string(in.bytes(24)); break;
    }
    auto token = gen.make_token(user);
    // A local time before 2001 (a negative offset at the very start) is refused, as Django does.
    if (token) {
      FUZZ_CHECK(gen.check_token(user, *token).has_value());
      const std::size_t field = in.below(3);
      django::PasswordResetUser changed = user;
      (field == 0 ? changed.pk : field == 1 ? changed.password : changed.email).push_back('x');
      const Status st = gen.check_token(changed, *token);
      FUZZ_CHECK(!st.has_value() && st.error() == Errc::bad_signature);
    }
  }
  {
    StateBoundOptions o;
    o.purpose = std::string(in.bytes(16));
    if (o.purpose.empty()) o.purpose = "p";
    o.max_age = std::chrono::seconds(1 + in.below(200));
    auto signer = StateBoundSigner::create(key(), o, at).value();
    const std::string subject(in.bytes(32));
    std::vector<std::string> state(in.below(6));
    for (auto& s : state) s = std::string(in.bytes(40));
    const std::vector<std::string_view> views(state.begin(), state.end());
    const std::string payload(in.rest());
    auto token = signer.sign(subject, views, payload);
    FUZZ_CHECK(token.has_value() || payload.size() > 6000);
    if (token) {
      auto back = signer.verify(*token, subject, views);
      FUZZ_CHECK(back.has_value() && back->payload == payload && back->issued_at == seconds);
      if (!state.empty()) {
        std::vector<std::string> changed = state;
        changed[payload.size() % changed.size()].push_back('x');
        const std::vector<std::string_view> changed_views(changed.begin(), changed.end());
        auto bad = signer.verify(*token, subject, changed_views);
        FUZZ_CHECK(!bad.has_value() && bad.error() == Errc::bad_signature);
      }
    }
  }
  return 0;
}
