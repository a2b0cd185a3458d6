// itsdangerous's TimestampSigner: value SEP base64url(int_to_bytes(ts)) SEP sig.
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>

#include "encoding/base64url.h"
#include "revocation/facts.h"
#include "signet/itsdangerous.h"
#include "signet/revocation.h"

namespace signet::itsdangerous {
namespace {

// 128-bit arithmetic: int64 seconds minus a uint64 timestamp cannot overflow.
__extension__ typedef __int128 Wide;

std::int64_t seconds_of(UnixTime t) noexcept {
  // duration_cast truncates toward zero, as Python's int(time.time()).
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// encode_timestamp appends itsdangerous's int_to_bytes(ts) in base64url:
// struct.pack(">Q", ts).lstrip(b"\0"), so 0 is the empty string.
void encode_timestamp(std::uint64_t ts, std::string& out) {
  std::array<std::uint8_t, 8> be{};
  for (std::size_t i = 0; i < 8; ++i) be[7 - i] = static_cast<std::uint8_t>(ts >> (8 * i));
  std::size_t skip = 0;
  while (skip < be.size() && be[skip] == 0) ++skip;
  encoding::base64url_encode_append(std::span<const std::uint8_t>(be.data() + skip, be.size() - skip), out);
}

// decode_timestamp reads what encode_timestamp writes, and only that: the
// canonical base64url of at most 8 bytes without a leading zero byte.
// itsdangerous also takes padded, non-canonical or non-minimal spellings,
// but the field is inside the signature, so only a key holder could make
// one, and itsdangerous itself never does.
std::optional<std::uint64_t> decode_timestamp(std::string_view field) noexcept {
  const std::optional<std::size_t> n = encoding::base64url_decoded_size(field.size());
  if (!n || *n > 8) return std::nullopt;
  std::array<std::uint8_t, 8> raw{};
  if (!encoding::base64url_decode(field, raw.data())) return std::nullopt;
  if (*n > 0 && raw[0] == 0) return std::nullopt;
  std::uint64_t ts = 0;
  for (std::size_t i = 0; i < *n; ++i) ts = (ts << 8) | raw[i];
  return ts;
}

// Detail is a fixed buffer for error details, so that the noexcept unsign
// path never allocates.
class Detail {
 public:
  Detail& put(std::string_view s) noexcept {
    for (char c : s) {
      if (n_ < sizeof text_) text_[n_++] = c;
    }
    return *this;
  }
  Detail& put(Wide v) noexcept {
    if (v < 0) {
      put("-");
      v = -v;
    }
    char digits[48];
    std::size_t d = 0;
    do {
      digits[d++] = static_cast<char>('0' + static_cast<int>(v % 10));
      v /= 10;
    } while (v != 0 && d < sizeof digits);
    while (d != 0) put(std::string_view(&digits[--d], 1));
    return *this;
  }
  std::string_view view() const noexcept { return {text_, n_}; }

 private:
  char text_[Error::kMaxDetail] = {};
  std::size_t n_ = 0;
};

// ask_revocation_list tells the list about a verified token: its signature
// is its id (revocation::itsdangerous_token_id). Out of line, so that the
// lookup's code does not enlarge unsign's frame: without a list, unsign pays
// little more than the null check.
[[gnu::noinline]] Status ask_revocation_list(const revocation::RevocationList& list, std::string_view signature,
                                             std::uint64_t ts) noexcept {
  revocation::TokenFacts facts;
  facts.issuer = revocation::kItsdangerousIssuer;
  facts.token_id = signature;
  // A timestamp past int64 seconds is far past UnixTime's range anyway.
  facts.issued_at = ts > static_cast<std::uint64_t>(INT64_MAX)
                        ? UnixTime::max()
                        : revocation::detail::to_unix_time(static_cast<std::int64_t>(ts));
  return list.check(facts);
}

}  // namespace

Result<TimestampSigner> TimestampSigner::create(std::span<const SecretBytes> keys, const SignerOptions& options,
                                                const Clock& clock) {
  // Unlike Django, itsdangerous's TimestampSigner has the same default salt
  // as Signer, so no substitution is needed here.
  auto signer = Signer::create(keys, options);
  if (!signer) return signer.error();
  return TimestampSigner(std::move(*signer), clock);
}

Result<TimestampSigner> TimestampSigner::create(const SecretBytes& key, const SignerOptions& options,
                                                const Clock& clock) {
  return create(std::span<const SecretBytes>(&key, 1), options, clock);
}

Result<std::string> TimestampSigner::sign(std::string_view value) const {
  const std::int64_t now = seconds_of(clock_->now());
  // itsdangerous's struct.pack(">Q", ...) raises for a negative time.
  if (now < 0) return Unexpected(Errc::invalid_argument, "the clock is before 1970: no timestamp can be written");
  std::string stamped;
  stamped.reserve(value.size() + signer_.sep().size() + 11);
  stamped.append(value).append(signer_.sep());
  encode_timestamp(static_cast<std::uint64_t>(now), stamped);
  return signer_.sign(stamped);
}

Result<Stamped> TimestampSigner::unsign_stamped(std::string_view token, const UnsignOptions& options) const noexcept {
  auto stamped = signer_.unsign(token);
  if (!stamped) return stamped.error();
  // itsdangerous raises BadTimeSignature for these two; after a valid
  // signature they are a payload problem, reported as in signet::django.
  const std::size_t at = stamped->rfind(signer_.sep());
  if (at == std::string_view::npos) return Unexpected(Errc::bad_payload, "the signed value has no timestamp");
  const std::string_view value = stamped->substr(0, at);
  const std::optional<std::uint64_t> ts = decode_timestamp(stamped->substr(at + signer_.sep().size()));
  if (!ts) return Unexpected(Errc::bad_payload, "the timestamp is not a canonical 64-bit itsdangerous timestamp");
  if (options.max_age) {
    // itsdangerous: age = int(time.time()) - ts; age > max_age is expired,
    // and (only when max_age is given) age < 0 is refused too.
    const Wide age = static_cast<Wide>(seconds_of(clock_->now())) - static_cast<Wide>(*ts);
    const Wide max_age = options.max_age->count();
    // The details follow itsdangerous's SignatureExpired messages.
    if (age > max_age) {
      Detail d;
      d.put("signature age ").put(age).put(" > ").put(max_age).put(" seconds");
      return Unexpected(Errc::expired, d.view());
    }
    if (age < 0) {
      Detail d;
      d.put("signature age ").put(age).put(" < 0 seconds");
      return Unexpected(Errc::not_yet_valid, d.view());
    }
  }
  if (options.revocation) {
    // Last, after the signature and the age, so a forged or expired token
    // never costs a lookup; and before the serializers decode or inflate the
    // payload, so a revoked token is refused without allocating.
    if (auto ok = ask_revocation_list(*options.revocation, token.substr(stamped->size() + signer_.sep().size()), *ts);
        !ok) {
      return ok.error();
    }
  }
  return Stamped{value, *ts};
}

Result<std::string_view> TimestampSigner::unsign(std::string_view token, const UnsignOptions& options) const noexcept {
  auto stamped = unsign_stamped(token, options);
  if (!stamped) return stamped.error();
  return stamped->value;
}

}  // namespace signet::itsdangerous
