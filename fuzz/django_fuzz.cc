// Django-compatible signing (include/signet/django.h) fed with untrusted
// tokens. The corpus holds real tokens made by Django itself with the keys
// below (fuzz/make_corpus.py), so mutations start from valid tokens.
//
// Each input is used twice:
//   as a token: Signer::unsign / unsign_object, TimestampSigner::unsign
//     (max_age, max_future) / unsign_object / timestamp_of, and loads, with
//     fixed keys and a fixed clock. Invariants: errors are only the documented
//     codes; an accepted token is exactly what the signer (or the fallback
//     key) writes for the returned value (no malleability); accepted objects
//     are canonical compact JSON; loads == TimestampSigner::unsign_object.
//   as a value: sign(value) unsigns back to value, so the payload decoder
//     (base64url, '.' + zlib, Latin-1, JSON) sees fuzz-chosen bytes behind a
//     valid signature; a decoded object signs and loads back to itself.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "encoding/json.h"
#include "fuzz_keys.h"
#include "fuzz_util.h"
#include "signet/django.h"

using namespace signet;
namespace keys = signet::fuzz::keys;

namespace {

struct Fixture {
  FixedClock clock = FixedClock::from_seconds(keys::kNow);
  SecretBytes key{keys::kDjangoKey};
  SecretBytes fallback{keys::kDjangoFallbackKey};
  django::Signer plain = make_signer(true, {}, ":", django::Algorithm::sha256);
  django::Signer plain_main_only = make_signer(false, {}, ":", django::Algorithm::sha256);
  django::Signer plain_fallback_only = make_fallback_signer();
  django::Signer custom = make_signer(false, std::string("signet-fuzz"), "/", django::Algorithm::sha512);
  django::TimestampSigner stamped = make_timestamp_signer(std::nullopt);
  django::TimestampSigner dumps_signer = make_timestamp_signer(std::string(django::kDumpsSalt));
  django::UnsignOptions unsign_options{std::chrono::hours(1), std::chrono::minutes(1), 1u << 16, nullptr};

  django::Signer make_signer(bool with_fallback, std::optional<std::string> salt, std::string sep,
                             django::Algorithm alg) {
    django::SignerOptions o;
    o.salt = std::move(salt);
    o.sep = std::move(sep);
    o.algorithm = alg;
    if (with_fallback) o.fallback_keys.push_back(fallback.clone());
    return std::move(*django::Signer::create(key, o));
  }
  django::Signer make_fallback_signer() { return std::move(*django::Signer::create(fallback, {})); }
  django::TimestampSigner make_timestamp_signer(std::optional<std::string> salt) {
    django::SignerOptions o;
    o.salt = std::move(salt);
    o.fallback_keys.push_back(fallback.clone());
    return std::move(*django::TimestampSigner::create(key, o, clock));
  }
};

const Fixture& fixture() {
  static const Fixture* f = new Fixture();  // never destroyed: no exit-time order issues
  return *f;
}

bool is_view_into(std::string_view part, std::string_view whole) noexcept {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

void check_canonical_object(const std::string& json) {
  FUZZ_CHECK(json::validate(json));
  const auto again = json::canonicalize(json, json::Style::compact);
  FUZZ_CHECK(again && *again == json);
}

bool object_error(Errc c) noexcept {
  return c == Errc::malformed || c == Errc::bad_signature || c == Errc::payload_too_large || c == Errc::bad_payload;
}

void as_token(const Fixture& f, std::string_view token) {
  // Signer.
  const auto value = f.plain.unsign(token);
  if (value) {
    FUZZ_CHECK(is_view_into(*value, token) && value->data() == token.data());
    FUZZ_CHECK(f.plain_main_only.sign(*value) == token || f.plain_fallback_only.sign(*value) == token);
  } else {
    FUZZ_CHECK(value.error().code() == Errc::malformed || value.error().code() == Errc::bad_signature);
  }
  const auto main_only = f.plain_main_only.unsign(token);
  if (main_only) FUZZ_CHECK(value && *value == *main_only && f.plain_main_only.sign(*main_only) == token);

  const auto custom = f.custom.unsign(token);
  if (custom) FUZZ_CHECK(f.custom.sign(*custom) == token);

  const auto object = f.plain.unsign_object(token, 1u << 16);
  if (object) check_canonical_object(*object);
  else FUZZ_CHECK(object_error(object.error().code()));

  // TimestampSigner.
  const auto stamped = f.stamped.unsign(token, f.unsign_options);
  const auto any_age = f.stamped.unsign(token);
  const auto when = f.stamped.timestamp_of(token);
  FUZZ_CHECK(any_age.has_value() == when.has_value());
  if (any_age) {
    // The inner Signer accepts the token and its value starts with ours.
    const auto inner = f.stamped.signer().unsign(token);
    FUZZ_CHECK(inner && inner->substr(0, any_age->size()) == *any_age);
    const std::int64_t age = keys::kNow - *when;
    if (stamped) FUZZ_CHECK(age <= 3600 && age >= -60 && *stamped == *any_age);
    else FUZZ_CHECK(stamped.error().code() == Errc::expired || stamped.error().code() == Errc::not_yet_valid);
  } else {
    const Errc c = any_age.error().code();
    FUZZ_CHECK(c == Errc::malformed || c == Errc::bad_signature || c == Errc::bad_payload);
    FUZZ_CHECK(!stamped);
  }
  const auto stamped_object = f.stamped.unsign_object(token, f.unsign_options);
  if (stamped_object) check_canonical_object(*stamped_object);
  else if (stamped) FUZZ_CHECK(object_error(stamped_object.error().code()));

  // loads is TimestampSigner(salt=kDumpsSalt).unsign_object.
  django::LoadsOptions lo;
  lo.max_age = std::chrono::hours(1);
  lo.max_inflate = 1u << 16;
  lo.clock = &f.clock;
  lo.fallback_keys.push_back(f.fallback.clone());
  const auto loaded = django::loads(token, f.key, lo);
  const auto via_signer =
      f.dumps_signer.unsign_object(token, django::UnsignOptions{std::chrono::hours(1), {}, 1u << 16, nullptr});
  FUZZ_CHECK(loaded.has_value() == via_signer.has_value());
  if (loaded) {
    FUZZ_CHECK(*loaded == *via_signer);
    check_canonical_object(*loaded);
  } else {
    FUZZ_CHECK(loaded.error().code() == via_signer.error().code());
  }
}

void as_value(const Fixture& f, std::string_view value) {
  const std::string token = f.plain.sign(value);
  const auto back = f.plain.unsign(std::string_view(token));
  FUZZ_CHECK(back && *back == value);

  const std::string stamped_token = f.stamped.sign(value);
  const auto stamped_back = f.stamped.unsign(std::string_view(stamped_token), f.unsign_options);
  FUZZ_CHECK(stamped_back && *stamped_back == value);
  const auto when = f.stamped.timestamp_of(stamped_token);
  FUZZ_CHECK(when && *when == keys::kNow);

  // The value as a payload, behind a valid signature.
  const auto object = f.stamped.unsign_object(stamped_token, f.unsign_options);
  if (!object) {
    const Errc c = object.error().code();
    FUZZ_CHECK(c == Errc::bad_payload || c == Errc::payload_too_large);
    return;
  }
  check_canonical_object(*object);
  // Re-signing the decoded object (with and without compression) loads back
  // to the same value: Django writes numbers as Python does, so the expected
  // text is the object written in Python's style, then read back compact.
  const auto python = json::canonicalize(*object, json::Style::python_compact_ascii);
  FUZZ_CHECK(python.has_value());
  const auto expected = json::canonicalize(*python, json::Style::compact);
  FUZZ_CHECK(expected.has_value());
  for (bool compress : {false, true}) {
    const auto resigned = f.stamped.sign_object(*object, django::ObjectOptions{compress});
    FUZZ_CHECK(resigned.has_value());
    const auto reloaded = f.stamped.unsign_object(
        *resigned, django::UnsignOptions{std::chrono::hours(1), {}, django::kDefaultMaxInflate, nullptr});
    FUZZ_CHECK(reloaded && *reloaded == *expected);
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
