#include <charconv>
#include <cstdio>
#include <cstring>

#include "django/object_codec.h"
#include "django/signer_impl.h"
#include "encoding/base62.h"
#include "revocation/facts.h"
#include "signet/django.h"
#include "signet/revocation.h"

namespace signet::django {
namespace {

// 128-bit arithmetic: now - timestamp * 1e9 cannot overflow for any int64 timestamp.
__extension__ typedef __int128 Nanos;
constexpr Nanos kNanosPerSecond = 1'000'000'000;

// Writes a duration in seconds: "3700", "100.5", "-3.25".
std::size_t format_seconds(Nanos ns, char* out, std::size_t cap) noexcept {
  std::size_t n = 0;
  auto put = [&](char c) {
    if (n < cap) out[n++] = c;
  };
  if (ns < 0) {
    put('-');
    ns = -ns;
  }
  Nanos whole = ns / kNanosPerSecond;
  auto frac = static_cast<long>(ns % kNanosPerSecond);
  char digits[48];
  std::size_t d = 0;
  do {
    digits[d++] = static_cast<char>('0' + static_cast<int>(whole % 10));
    whole /= 10;
  } while (whole != 0 && d < sizeof digits);
  while (d != 0) put(digits[--d]);
  if (frac != 0) {
    put('.');
    char f[10];
    std::snprintf(f, sizeof f, "%09ld", frac);
    std::size_t len = 9;
    while (len > 0 && f[len - 1] == '0') --len;
    for (std::size_t i = 0; i < len; ++i) put(f[i]);
  }
  return n;
}

Error age_error(Errc code, const char* what, Nanos left, Nanos right, const char* op) noexcept {
  char text[Error::kMaxDetail];
  std::size_t n = 0;
  auto append = [&](std::string_view s) {
    for (char c : s) {
      if (n < sizeof text) text[n++] = c;
    }
  };
  append(what);
  n += format_seconds(left, text + n, sizeof text - n);
  append(op);
  n += format_seconds(right, text + n, sizeof text - n);
  append(" seconds");
  return Error(code, std::string_view(text, n));
}

std::int64_t seconds_of(UnixTime t) noexcept {
  // duration_cast truncates toward zero, as Python's int(time.time()).
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

Result<TimestampSigner> TimestampSigner::create(const SecretBytes& key, const SignerOptions& options,
                                                const Clock& clock) {
  SignerOptions with_default;
  const SignerOptions* effective = &options;
  if (!options.salt) {
    // Copy only what the default salt changes; keys are re-derived anyway.
    with_default.salt = std::string(kTimestampSignerSalt);
    with_default.sep = options.sep;
    with_default.algorithm = options.algorithm;
    with_default.fallback_keys.reserve(options.fallback_keys.size());
    for (const auto& k : options.fallback_keys) with_default.fallback_keys.push_back(k.clone());
    effective = &with_default;
  }
  auto signer = Signer::create(key, *effective);
  if (!signer) return signer.error();
  return TimestampSigner(std::move(*signer), clock);
}

std::string TimestampSigner::sign(std::string_view value) const {
  char timestamp[encoding::kBase62MaxSize];
  const std::size_t timestamp_len = encoding::base62_encode_to(seconds_of(clock_->now()), timestamp);
  const Signer::Impl& impl = *signer_.impl_;
  std::string out;
  out.reserve(value.size() + 2 * impl.sep.size() + timestamp_len + impl.signature_len);
  out.append(value).append(impl.sep).append(timestamp, timestamp_len);
  impl.append_signature(out);
  return out;
}

Result<std::string_view> TimestampSigner::unsign_parts(std::string_view token, const UnsignOptions& options,
                                                       std::int64_t* out_timestamp) const noexcept {
  auto stamped = signer_.unsign(token);
  if (!stamped) return stamped.error();
  // A one-character separator (the default) is found as a character.
  const std::string_view sep = signer_.impl_->sep;
  const std::size_t at = sep.size() == 1 ? stamped->rfind(sep.front()) : stamped->rfind(sep);
  if (at == std::string_view::npos) {
    return Unexpected(Errc::bad_payload, "the signed value has no timestamp");
  }
  const std::string_view value = stamped->substr(0, at);
  auto timestamp = encoding::base62_decode(stamped->substr(at + sep.size()));
  if (!timestamp) return Unexpected(Errc::bad_payload, "the timestamp is not a base62 integer in range");
  if (out_timestamp) *out_timestamp = *timestamp;
  if (options.max_age || options.max_future) {
    // Django: age = time.time() - timestamp; expired iff age > max_age. The
    // sum is done in 128 bits so that no timestamp can overflow it.
    const Nanos now = clock_->now().time_since_epoch().count();
    const Nanos age = now - static_cast<Nanos>(*timestamp) * kNanosPerSecond;
    if (options.max_age && age > options.max_age->count()) {
      return age_error(Errc::expired, "signature age ", age, options.max_age->count(), " > ");
    }
    if (options.max_future && -age > options.max_future->count()) {
      return age_error(Errc::not_yet_valid, "signature timestamp ", -age, options.max_future->count(),
                       " seconds in the future > ");
    }
  }
  if (options.revocation) {
    // Last, after the signature and the age: the signature is the token's id.
    revocation::TokenFacts facts;
    facts.issuer = revocation::kDjangoIssuer;
    facts.token_id = token.substr(stamped->size() + sep.size());
    facts.issued_at = revocation::detail::to_unix_time(*timestamp);
    if (auto ok = options.revocation->check(facts); !ok) return ok.error();
  }
  return value;
}

Result<std::string_view> TimestampSigner::unsign(std::string_view token, const UnsignOptions& options) const noexcept {
  return unsign_parts(token, options, nullptr);
}

Result<std::int64_t> TimestampSigner::timestamp_of(std::string_view token) const noexcept {
  std::int64_t timestamp = 0;
  auto value = unsign_parts(token, {}, &timestamp);
  if (!value) return value.error();
  return timestamp;
}

Result<std::string> TimestampSigner::sign_object(std::string_view json, const ObjectOptions& options) const {
  auto payload = detail::prepare_payload(json, options.compress);
  if (!payload) return payload.error();
  char timestamp[encoding::kBase62MaxSize];
  const std::size_t timestamp_len = encoding::base62_encode_to(seconds_of(clock_->now()), timestamp);
  const Signer::Impl& impl = *signer_.impl_;
  // One exact allocation, every part written in place.
  const std::size_t payload_len = detail::payload_text_size(*payload);
  const std::size_t signed_len = payload_len + impl.sep.size() + timestamp_len;
  std::string out(signed_len + impl.sep.size() + impl.signature_len, '\0');
  char* p = out.data();
  detail::write_payload_text(*payload, p);
  p += payload_len;
  p += impl.sep.copy(p, impl.sep.size());
  std::memcpy(p, timestamp, timestamp_len);
  impl.write_signature(std::string_view(out.data(), signed_len), out.data() + signed_len);
  return out;
}

Result<std::string> TimestampSigner::unsign_object(std::string_view token, const UnsignOptions& options) const {
  auto payload = unsign(token, options);
  if (!payload) return payload.error();
  return detail::decode_payload(*payload, options.max_inflate);
}

}  // namespace signet::django
