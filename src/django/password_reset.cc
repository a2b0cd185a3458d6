// Django's PasswordResetTokenGenerator (django/contrib/auth/tokens.py).
//
// token = int_to_base36(ts) + "-" + salted_hmac(key_salt, value, secret,
//         algorithm).hexdigest()[::2]
// value = f"{pk}{password}{login_timestamp}{ts}{email}"
// salted_hmac's key is H(key_salt + secret) (no "signer" suffix: that one
// belongs to django.core.signing.Signer).
#include "signet/django/password_reset.h"

#include <array>
#include <charconv>
#include <limits>

#include "crypto/hash.h"
#include "crypto/hmac.h"

namespace signet::django {
namespace {

__extension__ typedef __int128 Wide;

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
constexpr std::size_t kMaxBase36Digits = 13;  // Django's base36_to_int limit
constexpr std::chrono::seconds kMaxUtcOffset{24 * 3600};

crypto::Hash hash_of(Algorithm a) noexcept {
  switch (a) {
    case Algorithm::sha1: return crypto::Hash::sha1;
    case Algorithm::sha224: return crypto::Hash::sha224;
    case Algorithm::sha256: return crypto::Hash::sha256;
    case Algorithm::sha384: return crypto::Hash::sha384;
    case Algorithm::sha512: return crypto::Hash::sha512;
  }
  return crypto::Hash::sha256;
}

// salted_hmac's key: H(key_salt || secret).
std::unique_ptr<crypto::HmacKey> derive_key(Algorithm a, std::string_view key_salt, const SecretBytes& secret) {
  const crypto::Hash h = hash_of(a);
  std::array<std::uint8_t, crypto::kMaxDigestSize> derived{};
  const std::span<const std::uint8_t> parts[] = {crypto::as_bytes(key_salt), secret.bytes()};
  crypto::digest(h, parts, derived.data());
  auto key = std::make_unique<crypto::HmacKey>(h, std::span<const std::uint8_t>(derived.data(), crypto::digest_size(h)));
  secure_wipe(derived);
  return key;
}

// Python's str(datetime) for a whole-second naive datetime, written into
// `out` (at least 19 bytes). Returns the length, or 0 outside years 1..9999.
std::size_t format_datetime(UnixTime t, char* out) noexcept {
  using namespace std::chrono;
  const auto secs = floor<seconds>(t);
  const auto day = floor<days>(secs);
  const year_month_day ymd(day);
  const int y = static_cast<int>(ymd.year());
  if (y < 1 || y > 9999) return 0;
  const auto tod = secs - day;  // 0 .. 86399 s
  const auto s = static_cast<int>(tod.count());
  const int fields[] = {y / 1000, (y / 100) % 10, (y / 10) % 10, y % 10};
  std::size_t n = 0;
  for (int d : fields) out[n++] = static_cast<char>('0' + d);
  auto two = [&](unsigned v) {
    out[n++] = static_cast<char>('0' + v / 10);
    out[n++] = static_cast<char>('0' + v % 10);
  };
  out[n++] = '-';
  two(static_cast<unsigned>(ymd.month()));
  out[n++] = '-';
  two(static_cast<unsigned>(ymd.day()));
  out[n++] = ' ';
  two(static_cast<unsigned>(s / 3600));
  out[n++] = ':';
  two(static_cast<unsigned>((s / 60) % 60));
  out[n++] = ':';
  two(static_cast<unsigned>(s % 60));
  return n;
}

// int_to_base36 (lower-case, "0" for zero) into `out` (13 bytes suffice for int64).
std::size_t to_base36(std::int64_t v, char* out) noexcept {
  constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  char tmp[16];
  std::size_t n = 0;
  auto u = static_cast<std::uint64_t>(v);
  do {
    tmp[n++] = kDigits[u % 36];
    u /= 36;
  } while (u != 0);
  for (std::size_t i = 0; i < n; ++i) out[i] = tmp[n - 1 - i];
  return n;
}

// Parses the canonical base36 that int_to_base36 writes: 1..13 characters of
// [0-9a-z], no leading zero (except "0" itself), at most INT64_MAX. Django
// parses leniently (int(s, 36) takes case, signs, '_' and spaces) but then
// compares against the canonical form, so nothing more is ever accepted.
std::optional<std::int64_t> parse_base36(std::string_view s) noexcept {
  if (s.empty() || s.size() > kMaxBase36Digits) return std::nullopt;
  if (s.size() > 1 && s.front() == '0') return std::nullopt;
  Wide v = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
    else return std::nullopt;
    v = v * 36 + d;  // 36^13 < 2^68: no overflow in 128 bits
  }
  if (v > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

}  // namespace

struct PasswordResetTokenGenerator::Impl {
  Algorithm algorithm;
  std::chrono::seconds timeout;
  std::chrono::seconds utc_offset;
  bool use_tz;
  std::optional<std::chrono::seconds> max_future;
  const Clock* clock;
  // keys[0] makes tokens; all of them check.
  std::vector<std::unique_ptr<crypto::HmacKey>> keys;

  // login_text renders user.last_login into `buf`; false when out of range.
  bool login_text(const PasswordResetUser& user, char* buf, std::string_view& out) const noexcept {
    if (std::holds_alternative<std::monostate>(user.last_login)) {
      out = {};
      return true;
    }
    if (const auto* text = std::get_if<std::string>(&user.last_login)) {
      out = *text;
      return true;
    }
    UnixTime t = std::get<UnixTime>(user.last_login);
    if (!use_tz) {
      // Avoid overflow at the extremes: those are out of range anyway.
      const auto ns = t.time_since_epoch().count();
      const auto off = std::chrono::duration_cast<std::chrono::nanoseconds>(utc_offset).count();
      if ((off > 0 && ns > std::numeric_limits<std::int64_t>::max() - off) ||
          (off < 0 && ns < std::numeric_limits<std::int64_t>::min() - off)) {
        return false;
      }
      t += utc_offset;
    }
    const std::size_t n = format_datetime(t, buf);
    if (n == 0) return false;
    out = std::string_view(buf, n);
    return true;
  }

  // mac_text writes the hexdigest()[::2] of the MAC over the hash value,
  // which is the high nibble of every MAC byte in hex: digest_size chars.
  void mac_text(const crypto::HmacKey& key, const PasswordResetUser& user, std::string_view login,
                std::int64_t ts, char* out) const noexcept {
    char ts_dec[24];
    const auto end = std::to_chars(ts_dec, ts_dec + sizeof ts_dec, ts).ptr;
    const std::span<const std::uint8_t> parts[] = {
        crypto::as_bytes(user.pk), crypto::as_bytes(user.password), crypto::as_bytes(login),
        crypto::as_bytes(std::string_view(ts_dec, static_cast<std::size_t>(end - ts_dec))),
        crypto::as_bytes(user.email)};
    std::uint8_t mac[crypto::kMaxDigestSize];
    key.mac(parts, mac);
    constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < key.mac_size(); ++i) out[i] = kHex[mac[i] >> 4];
    secure_wipe(mac);
  }
};

PasswordResetTokenGenerator::PasswordResetTokenGenerator(std::unique_ptr<Impl> impl) noexcept
    : impl_(std::move(impl)) {}
PasswordResetTokenGenerator::PasswordResetTokenGenerator(PasswordResetTokenGenerator&&) noexcept = default;
PasswordResetTokenGenerator& PasswordResetTokenGenerator::operator=(PasswordResetTokenGenerator&&) noexcept = default;
PasswordResetTokenGenerator::~PasswordResetTokenGenerator() = default;

Result<PasswordResetTokenGenerator> PasswordResetTokenGenerator::create(const SecretBytes& key,
                                                                        const PasswordResetOptions& options,
                                                                        const Clock& clock) {
  if (key.empty()) return Unexpected(Errc::invalid_key, "the key is empty");
  for (const auto& fallback : options.fallback_keys) {
    if (fallback.empty()) return Unexpected(Errc::invalid_key, "a fallback key is empty");
  }
  if (options.timeout.count() < 0) return Unexpected(Errc::invalid_argument, "the timeout is negative");
  if (options.utc_offset > kMaxUtcOffset || options.utc_offset < -kMaxUtcOffset) {
    return Unexpected(Errc::invalid_argument, "the UTC offset is beyond 24 hours");
  }
  if (options.max_future && options.max_future->count() < 0) {
    return Unexpected(Errc::invalid_argument, "max_future is negative");
  }
  if (options.key_salt.empty()) return Unexpected(Errc::invalid_argument, "the key salt is empty");
  auto impl = std::make_unique<Impl>();
  impl->algorithm = options.algorithm;
  impl->timeout = options.timeout;
  impl->utc_offset = options.utc_offset;
  impl->use_tz = options.use_tz;
  impl->max_future = options.max_future;
  impl->clock = &clock;
  impl->keys.reserve(1 + options.fallback_keys.size());
  impl->keys.push_back(derive_key(options.algorithm, options.key_salt, key));
  for (const auto& fallback : options.fallback_keys) {
    impl->keys.push_back(derive_key(options.algorithm, options.key_salt, fallback));
  }
  return PasswordResetTokenGenerator(std::move(impl));
}

std::int64_t PasswordResetTokenGenerator::timestamp_now() const noexcept {
  // Django: int((datetime.now() - datetime(2001, 1, 1)).total_seconds()),
  // i.e. truncation toward zero of the local time since the Django epoch.
  const Wide local_ns = Wide{impl_->clock->now().time_since_epoch().count()} +
                        Wide{impl_->utc_offset.count()} * kNanosPerSecond;
  const Wide since = local_ns - Wide{kDjangoEpochUnixSeconds} * kNanosPerSecond;
  return static_cast<std::int64_t>(since / kNanosPerSecond);  // |since| < 2^64 ns: fits after division
}

Result<std::string> PasswordResetTokenGenerator::make_token(const PasswordResetUser& user) const {
  return make_token_at(user, timestamp_now());
}

Result<std::string> PasswordResetTokenGenerator::make_token_at(const PasswordResetUser& user,
                                                               std::int64_t timestamp) const {
  if (timestamp < 0) return Unexpected(Errc::invalid_argument, "the time is before 2001-01-01 (Django's token epoch)");
  char login_buf[32];
  std::string_view login;
  if (!impl_->login_text(user, login_buf, login)) {
    return Unexpected(Errc::invalid_argument, "last_login is outside the years 1..9999");
  }
  const auto& key = *impl_->keys.front();
  char b36[16];
  const std::size_t b36_len = to_base36(timestamp, b36);
  std::string token;
  token.resize(b36_len + 1 + key.mac_size());
  token.replace(0, b36_len, b36, b36_len);
  token[b36_len] = '-';
  impl_->mac_text(key, user, login, timestamp, token.data() + b36_len + 1);
  return token;
}

Status PasswordResetTokenGenerator::check_token(const PasswordResetUser& user, std::string_view token) const noexcept {
  if (token.empty()) return Unexpected(Errc::malformed, "the token is empty");
  // token.split("-") must give exactly two parts.
  const std::size_t dash = token.find('-');
  if (dash == std::string_view::npos || token.find('-', dash + 1) != std::string_view::npos) {
    return Unexpected(Errc::malformed, "the token must have exactly one '-'");
  }
  const std::string_view ts_text = token.substr(0, dash);
  const std::string_view mac = token.substr(dash + 1);
  const auto ts = parse_base36(ts_text);
  if (!ts) return Unexpected(Errc::malformed, "the timestamp is not canonical base36 (at most 13 digits, int64)");
  const std::size_t mac_size = impl_->keys.front()->mac_size();
  if (mac.size() != mac_size) return Unexpected(Errc::malformed, "the MAC part has the wrong length");
  for (char c : mac) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return Unexpected(Errc::malformed, "the MAC part is not lower-case hex");
    }
  }
  char login_buf[32];
  std::string_view login;
  if (!impl_->login_text(user, login_buf, login)) {
    return Unexpected(Errc::invalid_argument, "last_login is outside the years 1..9999");
  }
  char expected[crypto::kMaxDigestSize];
  bool match = false;
  for (const auto& key : impl_->keys) {
    impl_->mac_text(*key, user, login, *ts, expected);
    // No early exit: which key matched stays invisible in the timing.
    match |= constant_time_equal(mac, std::string_view(expected, mac_size));
  }
  if (!match) return Unexpected(Errc::bad_signature, "the token does not match the user's current state");
  // Django: expired iff _num_seconds(now) - ts > PASSWORD_RESET_TIMEOUT.
  const Wide age = Wide{timestamp_now()} - Wide{*ts};
  if (age > impl_->timeout.count()) return Unexpected(Errc::expired, "the token is older than the timeout");
  if (impl_->max_future && -age > impl_->max_future->count()) {
    return Unexpected(Errc::not_yet_valid, "the token's timestamp is too far in the future");
  }
  return {};
}

Algorithm PasswordResetTokenGenerator::algorithm() const noexcept { return impl_->algorithm; }

Result<std::string> format_django_datetime(UnixTime t) {
  char buf[32];
  const std::size_t n = format_datetime(t, buf);
  if (n == 0) return Unexpected(Errc::invalid_argument, "the time is outside the years 1..9999");
  return std::string(buf, n);
}

}  // namespace signet::django
