// StateBoundSigner and the state fingerprint (format: docs/state-bound.md).
//
// Why PAE: Django's password-reset MAC concatenates its inputs, so
// pk "1" + password "2x" and pk "12" + password "x" share a MAC. Prefixing
// the count of pieces and each piece's length (PASETO's PAE) makes the
// encoding injective: different inputs always give different MAC input.
#include "signet/state_bound.h"

#include <array>
#include <limits>

#include "crypto/hash.h"
#include "crypto/hmac.h"
#include "encoding/base62.h"
#include "encoding/base64url.h"

namespace signet {
namespace {

constexpr std::string_view kTokenDomain = "signet.state-bound.v1";
constexpr std::string_view kTokenKeyDomain = "signet.state-bound.v1.key";
constexpr std::string_view kFingerprintDomain = "signet.state-fingerprint.v1";
constexpr std::string_view kFingerprintKeyDomain = "signet.state-fingerprint.v1.key";
constexpr std::size_t kTagSize = 32;
constexpr std::size_t kTagText = encoding::base64url_encoded_size(kTagSize);
constexpr std::size_t kFingerprintBytes = 16;
static_assert(encoding::base64url_encoded_size(kFingerprintBytes) == kStateFingerprintSize);

// Pae collects the pieces of PASETO's pre-authentication encoding as spans
// for HmacKey::mac, without copying the pieces themselves:
//   LE64(count) || LE64(len(p0)) || p0 || ... (LE64 with the top bit clear).
class Pae {
 public:
  explicit Pae(std::size_t count) {
    lengths_.reserve(count + 1);
    parts_.reserve(2 * count + 1);
    lengths_.push_back(le64(count));
    parts_.emplace_back(lengths_.back().data(), 8);
  }
  void add(std::string_view piece) {
    // reserve() above keeps these addresses stable.
    lengths_.push_back(le64(piece.size()));
    parts_.emplace_back(lengths_.back().data(), 8);
    parts_.push_back(crypto::as_bytes(piece));
  }
  std::span<const std::span<const std::uint8_t>> parts() const noexcept { return parts_; }

 private:
  static std::array<std::uint8_t, 8> le64(std::size_t n) noexcept {
    std::array<std::uint8_t, 8> out{};
    auto v = static_cast<std::uint64_t>(n) & ~(std::uint64_t{1} << 63);
    for (auto& b : out) {
      b = static_cast<std::uint8_t>(v & 0xff);
      v >>= 8;
    }
    return out;
  }
  std::vector<std::array<std::uint8_t, 8>> lengths_;
  std::vector<std::span<const std::uint8_t>> parts_;
};

// derive returns HMAC-SHA256(key, PAE(domain, purpose)) as an HMAC key.
std::unique_ptr<crypto::HmacKey> derive(const SecretBytes& key, std::string_view domain, std::string_view purpose) {
  const crypto::HmacKey master(crypto::Hash::sha256, key.bytes());
  Pae pae(2);
  pae.add(domain);
  pae.add(purpose);
  std::array<std::uint8_t, kTagSize> derived{};
  master.mac(pae.parts(), derived.data());
  auto out = std::make_unique<crypto::HmacKey>(crypto::Hash::sha256, derived);
  secure_wipe(derived);
  return out;
}

Status check_key(const SecretBytes& key, std::string_view what) {
  if (key.size() < kStateBoundMinKeySize) {
    return Unexpected(Errc::invalid_key, what == "key" ? "the key is shorter than 32 bytes"
                                                       : "a fallback key is shorter than 32 bytes");
  }
  return {};
}

}  // namespace

struct StateBoundSigner::Impl {
  std::string purpose;
  std::chrono::seconds max_age;
  std::chrono::seconds max_future;
  const Clock* clock;
  std::vector<std::unique_ptr<crypto::HmacKey>> keys;  // [0] signs

  void tag(const crypto::HmacKey& key, std::string_view subject, std::span<const std::string_view> state,
           std::string_view iat_text, std::string_view payload_text, std::uint8_t* out) const {
    Pae pae(5 + state.size());
    pae.add(kTokenDomain);
    pae.add(purpose);
    pae.add(subject);
    for (auto field : state) pae.add(field);
    pae.add(iat_text);
    pae.add(payload_text);
    key.mac(pae.parts(), out);
  }
};

StateBoundSigner::StateBoundSigner(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
StateBoundSigner::StateBoundSigner(StateBoundSigner&&) noexcept = default;
StateBoundSigner& StateBoundSigner::operator=(StateBoundSigner&&) noexcept = default;
StateBoundSigner::~StateBoundSigner() = default;

Result<StateBoundSigner> StateBoundSigner::create(const SecretBytes& key, const StateBoundOptions& options,
                                                  const Clock& clock) {
  if (auto st = check_key(key, "key"); !st) return st.error();
  for (const auto& fallback : options.fallback_keys) {
    if (auto st = check_key(fallback, "fallback"); !st) return st.error();
  }
  if (options.purpose.empty()) return Unexpected(Errc::invalid_argument, "the purpose is empty");
  if (options.max_age.count() <= 0) return Unexpected(Errc::invalid_argument, "max_age must be positive");
  if (options.max_future.count() < 0) return Unexpected(Errc::invalid_argument, "max_future is negative");
  auto impl = std::make_unique<Impl>();
  impl->purpose = options.purpose;
  impl->max_age = options.max_age;
  impl->max_future = options.max_future;
  impl->clock = &clock;
  impl->keys.push_back(derive(key, kTokenKeyDomain, options.purpose));
  for (const auto& fallback : options.fallback_keys) {
    impl->keys.push_back(derive(fallback, kTokenKeyDomain, options.purpose));
  }
  return StateBoundSigner(std::move(impl));
}

std::string_view StateBoundSigner::purpose() const noexcept { return impl_->purpose; }

Result<std::string> StateBoundSigner::sign(std::string_view subject, std::span<const std::string_view> state,
                                           std::string_view payload) const {
  const auto now = std::chrono::floor<std::chrono::seconds>(impl_->clock->now()).time_since_epoch().count();
  if (now < 0) return Unexpected(Errc::invalid_argument, "the clock is before 1970");
  const std::size_t payload_len = encoding::base64url_encoded_size(payload.size());
  if (payload.size() > kStateBoundMaxTokenSize || payload_len + 2 + 11 + kTagText > kStateBoundMaxTokenSize) {
    return Unexpected(Errc::invalid_argument, "the payload makes the token longer than 8192 characters");
  }
  std::string token;
  token.reserve(payload_len + 2 + 11 + kTagText);
  encoding::base64url_encode_append(crypto::as_bytes(payload), token);
  const std::size_t iat_at = token.size() + 1;
  token.push_back('.');
  token.append(encoding::base62_encode(now));
  const std::size_t iat_len = token.size() - iat_at;
  std::array<std::uint8_t, kTagSize> tag{};
  impl_->tag(*impl_->keys.front(), subject, state, std::string_view(token).substr(iat_at, iat_len),
             std::string_view(token).substr(0, payload_len), tag.data());
  token.push_back('.');
  encoding::base64url_encode_append(tag, token);
  return token;
}

Result<StateBoundToken> StateBoundSigner::verify(std::string_view token, std::string_view subject,
                                                 std::span<const std::string_view> state) const {
  if (token.size() > kStateBoundMaxTokenSize) return Unexpected(Errc::malformed, "the token is longer than 8192 characters");
  const std::size_t dot1 = token.find('.');
  const std::size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return Unexpected(Errc::malformed, "a state-bound token has exactly three '.'-separated parts");
  }
  const std::string_view payload_text = token.substr(0, dot1);
  const std::string_view iat_text = token.substr(dot1 + 1, dot2 - dot1 - 1);
  const std::string_view tag_text = token.substr(dot2 + 1);
  if (tag_text.size() != kTagText) return Unexpected(Errc::malformed, "the tag has the wrong length");
  // The tag is compared as text: any other spelling of the same bytes fails.
  std::array<std::uint8_t, kTagSize> tag{};
  char expected[kTagText];
  bool match = false;
  for (const auto& key : impl_->keys) {
    impl_->tag(*key, subject, state, iat_text, payload_text, tag.data());
    encoding::base64url_encode(tag, expected);
    match |= constant_time_equal(tag_text, std::string_view(expected, kTagText));  // no early exit
  }
  secure_wipe(tag);
  if (!match) return Unexpected(Errc::bad_signature, "the token does not match this purpose, subject and state");
  // Authentic from here on; the checks below only guard against signet bugs
  // or a foreign issuer holding the key.
  auto iat = encoding::base62_decode(iat_text);
  if (!iat || *iat < 0 || encoding::base62_encode(*iat) != iat_text) {
    return Unexpected(Errc::bad_payload, "the issue time is not canonical base62");
  }
  auto payload = encoding::base64url_decode(payload_text);
  if (!payload) return Unexpected(Errc::bad_payload, "the payload is not canonical base64url");
  const auto now = std::chrono::floor<std::chrono::seconds>(impl_->clock->now()).time_since_epoch().count();
  // now - iat cannot overflow: iat >= 0 and now is a 64-bit count of seconds from ns.
  const std::int64_t age = now - *iat;
  if (age > impl_->max_age.count()) return Unexpected(Errc::expired, "the token is older than max_age");
  if (-age > impl_->max_future.count()) return Unexpected(Errc::not_yet_valid, "the token is issued in the future");
  return StateBoundToken{std::move(*payload), *iat};
}

struct StateFingerprinter::Impl {
  std::string purpose;
  std::unique_ptr<crypto::HmacKey> key;
};

StateFingerprinter::StateFingerprinter(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
StateFingerprinter::StateFingerprinter(StateFingerprinter&&) noexcept = default;
StateFingerprinter& StateFingerprinter::operator=(StateFingerprinter&&) noexcept = default;
StateFingerprinter::~StateFingerprinter() = default;

Result<StateFingerprinter> StateFingerprinter::create(const SecretBytes& key, std::string_view purpose) {
  if (auto st = check_key(key, "key"); !st) return st.error();
  if (purpose.empty()) return Unexpected(Errc::invalid_argument, "the purpose is empty");
  auto impl = std::make_unique<Impl>();
  impl->purpose = std::string(purpose);
  impl->key = derive(key, kFingerprintKeyDomain, purpose);
  return StateFingerprinter(std::move(impl));
}

std::string StateFingerprinter::fingerprint(std::span<const std::string_view> fields) const {
  Pae pae(2 + fields.size());
  pae.add(kFingerprintDomain);
  pae.add(impl_->purpose);
  for (auto field : fields) pae.add(field);
  std::array<std::uint8_t, kTagSize> tag{};
  impl_->key->mac(pae.parts(), tag.data());
  std::string out = encoding::base64url_encode(std::span<const std::uint8_t>(tag.data(), kFingerprintBytes));
  secure_wipe(tag);
  return out;
}

Status StateFingerprinter::check(std::span<const std::string_view> fields, std::string_view fingerprint) const {
  // constant_time_equal is false for a different length, in time that
  // depends only on the lengths.
  if (!constant_time_equal(this->fingerprint(fields), fingerprint)) {
    return Unexpected(Errc::revoked, "the state fingerprint no longer matches: the state changed");
  }
  return {};
}

Result<std::string> state_fingerprint(const SecretBytes& key, std::string_view purpose,
                                      std::span<const std::string_view> fields) {
  auto fp = StateFingerprinter::create(key, purpose);
  if (!fp) return fp.error();
  return fp->fingerprint(fields);
}

Status check_state_fingerprint(const SecretBytes& key, std::string_view purpose,
                               std::span<const std::string_view> fields, std::string_view fingerprint) {
  auto fp = StateFingerprinter::create(key, purpose);
  if (!fp) return fp.error();
  return fp->check(fields, fingerprint);
}

}  // namespace signet
