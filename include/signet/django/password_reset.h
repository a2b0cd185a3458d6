// signet/django/password_reset.h: Django's password-reset tokens
// (django.contrib.auth.tokens.PasswordResetTokenGenerator), byte for byte.
//
// A token is "<base36 timestamp>-<MAC>", where the MAC is Django's
// salted_hmac over the user's primary key, password hash, last login,
// the timestamp and email. Nothing is stored: changing the password (or the
// last login, or the email) invalidates every token issued before.
//
//   auto gen = signet::django::PasswordResetTokenGenerator::create(key).value();
//   signet::django::PasswordResetUser user{.pk = "42", .password = hash_from_db, .email = "a@example.com"};
//   std::string token = gen.make_token(user).value();     // "cjdl5k-3f0c..."
//   signet::Status ok = gen.check_token(user, token);     // bad_signature once the password changed
//
// Follows Django 4.1 and later (SECRET_KEY_FALLBACKS, SHA-256 default).
// Not supported: the pre-3.1 "legacy" tokens that Django 3.x still accepted
// (timestamps in days, SHA-1 MAC); see docs/state-bound.md.
#ifndef SIGNET_DJANGO_PASSWORD_RESET_H_
#define SIGNET_DJANGO_PASSWORD_RESET_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/django.h"
#include "signet/result.h"

namespace signet::django {

// kPasswordResetKeySalt is PasswordResetTokenGenerator.key_salt.
inline constexpr std::string_view kPasswordResetKeySalt = "django.contrib.auth.tokens.PasswordResetTokenGenerator";
// kPasswordResetTimeout is Django's PASSWORD_RESET_TIMEOUT default (3 days).
inline constexpr std::chrono::seconds kPasswordResetTimeout{259200};
// kDjangoEpochUnixSeconds is 2001-01-01T00:00:00 in Unix seconds: the origin of the token timestamp.
inline constexpr std::int64_t kDjangoEpochUnixSeconds = 978307200;

// PasswordResetUser is what Django's _make_hash_value reads from a user.
// Every field is used verbatim; signet never interprets the password hash.
// Members have default initializers, so designated initializers may omit any.
struct PasswordResetUser {
  // pk is str(user.pk): "42" for an integer key, the hyphenated form of a UUID.
  std::string pk{};
  // password is user.password, the stored hash ("pbkdf2_sha256$...").
  std::string password{};
  // last_login is user.last_login:
  //   std::monostate  None (never logged in): contributes "";
  //   UnixTime        formatted as Django does, "YYYY-MM-DD HH:MM:SS"
  //                   (sub-second part dropped), in UTC when the options'
  //                   use_tz is true, else in local time (UTC + utc_offset);
  //   std::string     used verbatim: pass str(last_login.replace(microsecond=0,
  //                   tzinfo=None)) when you have it as text.
  std::variant<std::monostate, UnixTime, std::string> last_login{};
  // email is the value of the user's EMAIL_FIELD, "" when None or absent.
  std::string email{};
};

// PasswordResetOptions mirrors the Django settings the generator reads.
struct PasswordResetOptions {
  // algorithm is PasswordResetTokenGenerator.algorithm (Django >= 4: sha256;
  // Django 3.x: settings.DEFAULT_HASHING_ALGORITHM).
  Algorithm algorithm = Algorithm::sha256;
  // timeout is PASSWORD_RESET_TIMEOUT: a token is expired iff
  // now - timestamp > timeout (whole seconds), so the boundary is valid.
  // Must not be negative.
  std::chrono::seconds timeout = kPasswordResetTimeout;
  // utc_offset is the offset of settings.TIME_ZONE from UTC (east positive).
  // Django takes the token time from datetime.now(), the naive local time
  // of TIME_ZONE, so timestamp = seconds from 2001-01-01 to local now. With
  // TIME_ZONE = "UTC" (the startproject default) it is 0. A zone with
  // daylight saving time has two offsets; Django's own tokens then shift by
  // the difference, and so do signet's: pick the offset in force.
  // Must lie within +-24 hours.
  std::chrono::seconds utc_offset{0};
  // use_tz is settings.USE_TZ. It only matters for a UnixTime last_login:
  // true formats it in UTC (Django stores aware UTC datetimes), false in
  // local time (naive datetimes in TIME_ZONE).
  bool use_tz = true;
  // max_future rejects a token whose timestamp is more than this ahead of
  // now with Errc::not_yet_valid. Django accepts any future timestamp
  // (nullopt, the default).
  std::optional<std::chrono::seconds> max_future{};
  // key_salt is the generator's key_salt; override it as a Django subclass
  // would (for example for an email-confirmation generator). Non-empty.
  std::string key_salt = std::string(kPasswordResetKeySalt);
  // fallback_keys is SECRET_KEY_FALLBACKS (Django >= 4.1): checked in order
  // after the main key, never used to make tokens.
  std::vector<SecretBytes> fallback_keys{};
};

// PasswordResetTokenGenerator makes and checks Django password-reset tokens.
//
// Immutable and safe to share between threads; the key derivation and HMAC
// key schedule run once, in create(). MACs are compared in constant time,
// and every key (main and fallbacks) is always tried, so timing does not
// reveal which one matched.
class PasswordResetTokenGenerator {
 public:
  // create builds a generator. Fails with Errc::invalid_key for an empty key
  // or fallback key (Django accepts any SECRET_KEY; an empty one is a
  // misconfiguration) and Errc::invalid_argument for a negative timeout, an
  // offset beyond 24 hours or an empty key_salt. `clock` must outlive the
  // generator.
  static Result<PasswordResetTokenGenerator> create(const SecretBytes& key, const PasswordResetOptions& options = {},
                                                    const Clock& clock = SystemClock::instance());

  PasswordResetTokenGenerator(PasswordResetTokenGenerator&&) noexcept;
  PasswordResetTokenGenerator& operator=(PasswordResetTokenGenerator&&) noexcept;
  ~PasswordResetTokenGenerator();

  // make_token returns Django's make_token(user) at the clock's time.
  // Fails with Errc::invalid_argument when the local time is before
  // 2001-01-01 (Django raises there) or a UnixTime last_login lies outside
  // the years 1..9999.
  Result<std::string> make_token(const PasswordResetUser& user) const;

  // make_token_at returns the token for `timestamp` seconds since
  // 2001-01-01 local time (Django's _make_token_with_timestamp). Same errors;
  // `timestamp` must not be negative.
  Result<std::string> make_token_at(const PasswordResetUser& user, std::int64_t timestamp) const;

  // check_token is Django's check_token(user, token), with reasons:
  //   Errc::malformed      empty, not exactly one '-', a timestamp that is
  //                        empty, longer than 13 characters, not canonical
  //                        lower-case base36 or beyond int64, or a MAC part
  //                        of the wrong length or not lower-case hex;
  //   Errc::bad_signature  the MAC does not match the user's current state
  //                        under any key;
  //   Errc::expired        now - timestamp > timeout;
  //   Errc::not_yet_valid  only with max_future set.
  // The MAC is checked before the time. Django returns False for all of
  // these; it also rejects every token signet calls malformed (non-canonical
  // forms can never equal the token Django recomputes). Never throws.
  Status check_token(const PasswordResetUser& user, std::string_view token) const noexcept;

  // timestamp_now returns the current token timestamp (Django's
  // _num_seconds(_now())), truncated toward zero.
  std::int64_t timestamp_now() const noexcept;

  Algorithm algorithm() const noexcept;

 private:
  struct Impl;
  explicit PasswordResetTokenGenerator(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

// format_django_datetime writes `t` (floored to whole seconds) as Python's
// str(datetime) with no microseconds and no tzinfo: "YYYY-MM-DD HH:MM:SS".
// Fails with Errc::invalid_argument outside the years 1..9999.
Result<std::string> format_django_datetime(UnixTime t);

}  // namespace signet::django

#endif  // SIGNET_DJANGO_PASSWORD_RESET_H_
