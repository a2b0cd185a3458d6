// itsdangerous-compatible signing (include/signet/itsdangerous.h) fed with
// untrusted tokens. The corpus (fuzz/corpus/itsdangerous/) holds real tokens
// made by itsdangerous 2.1.2 with the keys below, so mutations start from
// valid tokens and reach the code behind the signature check.
//
// Each input is used twice:
//   as a token: Signer::unsign, TimestampSigner::unsign / unsign_stamped
//     (with and without max_age), and loads of all four serializers, with
//     fixed keys (a two-key rotation list) and a fixed clock. Invariants:
//     errors are only the documented codes; an accepted token is exactly
//     what one of the keys writes for the returned value (no malleability);
//     accepted JSON is canonical compact JSON; the timed checks agree with
//     each other and with max_age.
//   as a value: sign(value) unsigns back to value for Signer and
//     TimestampSigner; the value is then signed as a serializer payload, so
//     the payload decoders (base64url, '.' + bounded zlib, UTF-8, JSON) see
//     fuzz-chosen bytes behind a valid signature; a decoded value dumps and
//     loads back to itself in every serializer.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "encoding/json.h"
#include "fuzz_util.h"
#include "signet/itsdangerous.h"

using namespace signet;
namespace its = signet::itsdangerous;

namespace {

// Public test keys; fuzz/corpus/itsdangerous/ was signed with them.
constexpr std::string_view kOldKey = "signet-fuzz-itsdangerous-old-key";
constexpr std::string_view kNewKey = "signet-fuzz-itsdangerous-new-key";
constexpr std::int64_t kNow = 1700000000;
constexpr std::size_t kMaxInflate = std::size_t{1} << 16;
// The serializers' own bounds (src/itsdangerous/payload.cc): depth 256.
constexpr json::Limits kJsonLimits{std::size_t{64} << 20, 256};
__extension__ typedef __int128 Wide;

std::vector<SecretBytes> rotation() {
  std::vector<SecretBytes> keys;
  keys.emplace_back(kOldKey);
  keys.emplace_back(kNewKey);
  return keys;
}

struct Fixture {
  FixedClock clock = FixedClock::from_seconds(kNow);
  std::vector<SecretBytes> keys = rotation();
  its::Signer signer = *its::Signer::create(keys);
  its::Signer old_only = *its::Signer::create(keys[0]);
  its::Signer new_only = *its::Signer::create(keys[1]);
  its::Signer custom = make_custom();
  its::Signer payload_signer = make_payload_signer();
  its::TimestampSigner stamped = *its::TimestampSigner::create(keys, {}, clock);
  its::Serializer plain = *its::Serializer::create(keys);
  its::TimedSerializer timed = *its::TimedSerializer::create(keys, {}, clock);
  its::URLSafeSerializer url = *its::URLSafeSerializer::create(keys);
  its::URLSafeTimedSerializer url_timed = *its::URLSafeTimedSerializer::create(keys, {}, clock);
  its::UnsignOptions within_hour{std::chrono::hours(1), kMaxInflate, nullptr};
  its::UnsignOptions any_age{std::nullopt, kMaxInflate, nullptr};

  static its::Signer make_custom() {
    its::SignerOptions o;
    o.salt = "signet-fuzz";
    o.sep = "~";
    o.digest = its::Digest::sha512;
    o.key_derivation = its::KeyDerivation::hmac;
    return *its::Signer::create(SecretBytes(kNewKey), o);
  }
  // Signs raw payloads under the serializers' salt.
  its::Signer make_payload_signer() const {
    its::SignerOptions o;
    o.salt = std::string(its::kSerializerSalt);
    return *its::Signer::create(keys, o);
  }
};

const Fixture& fixture() {
  static const Fixture* f = new Fixture();  // never destroyed: no exit-time order issues
  return *f;
}

void check_canonical(const std::string& json) {
  const auto again = json::canonicalize(json, json::Style::compact, kJsonLimits);
  FUZZ_CHECK(again && *again == json);
}

bool signature_error(Errc c) noexcept { return c == Errc::malformed || c == Errc::bad_signature; }
bool payload_error(Errc c) noexcept { return c == Errc::bad_payload || c == Errc::payload_too_large; }
bool time_error(Errc c) noexcept { return c == Errc::expired || c == Errc::not_yet_valid; }

template <class R>
void check_loaded(const R& r, bool timed) {
  if (r) {
    check_canonical(*r);
    return;
  }
  const Errc c = r.error().code();
  FUZZ_CHECK(signature_error(c) || payload_error(c) || (timed && time_error(c)));
}

void as_token(const Fixture& f, std::string_view token) {
  // Signer: accepted only in the exact spelling one key writes.
  const auto value = f.signer.unsign(token);
  if (value) {
    FUZZ_CHECK(value->data() == token.data());
    FUZZ_CHECK(f.old_only.sign(*value) == token || f.new_only.sign(*value) == token);
  } else {
    FUZZ_CHECK(signature_error(value.error().code()));
  }
  const auto custom = f.custom.unsign(token);
  if (custom) FUZZ_CHECK(f.custom.sign(*custom) == token);

  // TimestampSigner.
  const auto any = f.stamped.unsign_stamped(token, f.any_age);
  const auto hour = f.stamped.unsign_stamped(token, f.within_hour);
  const auto plain_unsign = f.stamped.unsign(token);
  FUZZ_CHECK(any.has_value() == plain_unsign.has_value());
  if (any) {
    FUZZ_CHECK(*plain_unsign == any->value);
    const auto inner = f.stamped.signer().unsign(token);
    FUZZ_CHECK(inner && inner->substr(0, any->value.size()) == any->value);
    // A timestamp signet accepts is one it writes back the same way.
    const Wide age = static_cast<Wide>(kNow) - static_cast<Wide>(any->timestamp);
    if (hour) {
      FUZZ_CHECK(age >= 0 && age <= 3600 && hour->value == any->value && hour->timestamp == any->timestamp);
    } else {
      FUZZ_CHECK(time_error(hour.error().code()));
      FUZZ_CHECK((hour.error().code() == Errc::expired) == (age > 3600));
    }
  } else {
    const Errc c = any.error().code();
    FUZZ_CHECK(signature_error(c) || c == Errc::bad_payload);
    FUZZ_CHECK(!hour && hour.error().code() == c);
  }

  // Serializers.
  check_loaded(f.plain.loads(token), false);
  check_loaded(f.url.loads(token, kMaxInflate), false);
  check_loaded(f.timed.loads(token, f.within_hour), true);
  check_loaded(f.url_timed.loads(token, f.within_hour), true);
  const auto stamped_load = f.url_timed.loads_stamped(token, f.any_age);
  const auto load = f.url_timed.loads(token, f.any_age);
  FUZZ_CHECK(stamped_load.has_value() == load.has_value());
  if (load) FUZZ_CHECK(stamped_load->json == *load);
}

void roundtrip_json(const Fixture& f, const std::string& json) {
  // The value as Python would write it, read back compact: what every
  // serializer must return after dumps.
  const auto python = json::canonicalize(json, json::Style::python_compact_utf8, kJsonLimits);
  FUZZ_CHECK(python.has_value());
  const auto expected = json::canonicalize(*python, json::Style::compact, kJsonLimits);
  FUZZ_CHECK(expected.has_value());
  const auto a = f.plain.dumps(json);
  const auto b = f.url.dumps(json);
  const auto c = f.timed.dumps(json);
  const auto d = f.url_timed.dumps(json);
  FUZZ_CHECK(a && b && c && d);
  const auto la = f.plain.loads(*a);
  const auto lb = f.url.loads(*b, its::kDefaultMaxInflate);
  const auto lc = f.timed.loads(*c, f.within_hour);
  const auto ld = f.url_timed.loads(*d, its::UnsignOptions{std::chrono::seconds(0), its::kDefaultMaxInflate, nullptr});
  FUZZ_CHECK(la && *la == *expected);
  FUZZ_CHECK(lb && *lb == *expected);
  FUZZ_CHECK(lc && *lc == *expected);
  FUZZ_CHECK(ld && *ld == *expected);
}

void as_value(const Fixture& f, std::string_view value) {
  const std::string token = f.signer.sign(value);
  FUZZ_CHECK(token == f.new_only.sign(value));
  const auto back = f.signer.unsign(std::string_view(token));
  FUZZ_CHECK(back && *back == value);

  const auto stamped_token = f.stamped.sign(value);
  FUZZ_CHECK(stamped_token.has_value());
  const auto stamped_back = f.stamped.unsign_stamped(std::string_view(*stamped_token), its::UnsignOptions{std::chrono::seconds(0), 0, nullptr});
  FUZZ_CHECK(stamped_back && stamped_back->value == value && stamped_back->timestamp == static_cast<std::uint64_t>(kNow));

  // The value as a payload behind a valid signature, for every serializer.
  const std::string signed_payload = f.payload_signer.sign(value);
  std::string signed_stamped(value);
  signed_stamped.append(".ZVPxAA");  // T0 = 1700000000
  const std::string stamped_payload = f.payload_signer.sign(signed_stamped);
  const auto plain = f.plain.loads(signed_payload);
  const auto url = f.url.loads(signed_payload, kMaxInflate);
  const auto timed = f.timed.loads(stamped_payload, f.within_hour);
  const auto url_timed = f.url_timed.loads(stamped_payload, f.within_hour);
  for (const auto* r : {&plain, &url, &timed, &url_timed}) {
    if (*r) check_canonical(**r);
    else FUZZ_CHECK(payload_error((*r).error().code()));
  }
  FUZZ_CHECK(plain.has_value() == timed.has_value());
  FUZZ_CHECK(url.has_value() == url_timed.has_value());
  if (plain) {
    FUZZ_CHECK(*plain == *timed);
    roundtrip_json(f, *plain);
  }
  if (url) {
    FUZZ_CHECK(*url == *url_timed);
    roundtrip_json(f, *url);
  }
  // Valid JSON text given to dumps directly.
  if (json::validate(value, kJsonLimits)) {
    const auto compact = json::canonicalize(value, json::Style::compact, kJsonLimits);
    FUZZ_CHECK(compact.has_value());
    roundtrip_json(f, *compact);
  } else {
    const auto refused = f.url.dumps(value);
    FUZZ_CHECK(!refused && refused.error().code() == Errc::invalid_argument);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& f = fixture();
  const std::string_view text = fuzz::as_text(data, size);
  as_token(f, text);
  as_value(f, text);
  return 0;
}
