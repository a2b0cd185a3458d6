// signet/django.h: signed tokens byte-compatible with django.core.signing.
//
// A Django app and a C++ service that share a SECRET_KEY can read each
// other's tokens:
//
//   auto key = signet::SecretBytes(secret_text);
//   auto token = signet::django::dumps(R"({"user_id":123456})", key);   // Django's signing.dumps
//   auto json = signet::django::loads(*token, key, {.max_age = std::chrono::hours(1)});
//
// Follows modern Django (4.1 and later): SHA-256 by default, fallback keys
// for rotation, no legacy SHA-1 acceptance. Where Django silently substitutes
// a value (an empty key or salt), signet refuses it at construction.
#ifndef SIGNET_DJANGO_H_
#define SIGNET_DJANGO_H_

#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/result.h"

namespace signet::revocation {
class RevocationList;
}

namespace signet::django {

// Algorithm is the hash of Django's salted HMAC (Signer's `algorithm`).
enum class Algorithm : std::uint8_t { sha1, sha224, sha256, sha384, sha512 };

// parse_algorithm maps a hashlib name ("sha256") to an Algorithm; any other
// name fails with Errc::invalid_argument.
Result<Algorithm> parse_algorithm(std::string_view name) noexcept;
// algorithm_name returns the hashlib name of `a`.
std::string_view algorithm_name(Algorithm a) noexcept;

// kSignerSalt and friends are Django's default salts.
inline constexpr std::string_view kSignerSalt = "django.core.signing.Signer";
inline constexpr std::string_view kTimestampSignerSalt = "django.core.signing.TimestampSigner";
inline constexpr std::string_view kDumpsSalt = "django.core.signing";

// kDefaultMaxInflate caps the inflated size of a compressed payload (1 MiB).
inline constexpr std::size_t kDefaultMaxInflate = std::size_t{1} << 20;

// SignerOptions configures a Signer or TimestampSigner. Defaults are Django's.
struct SignerOptions {
  // salt namespaces the derived key. nullopt means the class default
  // (kSignerSalt or kTimestampSignerSalt); an explicit empty salt is refused,
  // because Django would silently replace it with the default.
  std::optional<std::string> salt;
  // sep separates value, timestamp and signature. Refused when Django refuses
  // it: empty, or made only of characters in Django's `[A-z0-9-_=]` range
  // (which includes `[ \ ] ^ _ \``), or a trailing newline after such chars.
  std::string sep = ":";
  Algorithm algorithm = Algorithm::sha256;
  // fallback_keys verify (in order, after the main key) but never sign.
  std::vector<SecretBytes> fallback_keys;
};

// ObjectOptions configures sign_object / dumps.
struct ObjectOptions {
  // compress deflates the JSON (zlib level 6) and keeps it only when that
  // saves more than one byte, marking the payload with a leading '.'.
  bool compress = false;
};

// UnsignOptions configures unsign / unsign_object / loads on a TimestampSigner.
struct UnsignOptions {
  // max_age rejects tokens older than this with Errc::expired. Django's rule:
  // age = now - timestamp (whole seconds); expired iff age > max_age, so the
  // boundary is valid. nullopt: any age is accepted.
  std::optional<std::chrono::nanoseconds> max_age;
  // max_future rejects timestamps more than this ahead of now with
  // Errc::not_yet_valid. Django accepts any future timestamp (nullopt).
  std::optional<std::chrono::nanoseconds> max_future;
  // max_inflate caps the inflated size of a compressed payload.
  std::size_t max_inflate = kDefaultMaxInflate;
  // revocation, when set, is consulted after the signature and the age
  // checks passed (signet/revocation.h): the token's id is its signature
  // (revocation::django_token_id), its issuer revocation::kDjangoIssuer, its
  // issued_at the timestamp. A withdrawn token fails with Errc::revoked.
  std::shared_ptr<const revocation::RevocationList> revocation;
};

// Signer signs and verifies text with Django's salted HMAC.
//
// Immutable and safe to share between threads. The derived key and HMAC
// state are computed once, at construction. Signatures are compared in
// constant time.
class Signer {
 public:
  // create builds a Signer. Fails with Errc::invalid_key for an empty key or
  // fallback key and Errc::invalid_argument for an empty salt or unsafe sep.
  static Result<Signer> create(const SecretBytes& key, const SignerOptions& options = {});

  Signer(Signer&&) noexcept;
  Signer& operator=(Signer&&) noexcept;
  ~Signer();

  // sign returns "value SEP signature", signed with the main key.
  std::string sign(std::string_view value) const;

  // unsign checks "value SEP signature" (split at the last SEP) against the
  // main key, then each fallback key. Returns the value as a view into
  // `token`. Errors: Errc::malformed (no SEP), Errc::bad_signature.
  // Never allocates.
  Result<std::string_view> unsign(std::string_view token) const noexcept;
  // A temporary std::string would leave the returned view dangling: refused at compile time.
  template <class S>
    requires std::same_as<S, std::string>
  Result<std::string_view> unsign(S&& token) const = delete;

  // sign_object serialises nothing itself: `json` is JSON text, which is
  // validated and rewritten exactly as Django's JSONSerializer writes it
  // (compact, ASCII-only with \uXXXX escapes, member order kept), then
  // optionally compressed, base64url-encoded and signed.
  // Fails with Errc::invalid_argument when `json` is not valid JSON.
  Result<std::string> sign_object(std::string_view json, const ObjectOptions& options = {}) const;

  // unsign_object verifies `token`, then decodes, inflates (bounded) and
  // validates the payload. Returns compact JSON text with member order kept.
  // The payload bytes are read as Latin-1, as Django does. Errors:
  // malformed, bad_signature, payload_too_large, bad_payload.
  Result<std::string> unsign_object(std::string_view token, std::size_t max_inflate = kDefaultMaxInflate) const;

  std::string_view salt() const noexcept;
  std::string_view sep() const noexcept;
  Algorithm algorithm() const noexcept;

 private:
  friend class TimestampSigner;
  struct Impl;
  explicit Signer(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

// TimestampSigner is a Signer that appends a base62 timestamp before signing
// and can reject tokens older than max_age.
class TimestampSigner {
 public:
  // create builds a TimestampSigner (salt default kTimestampSignerSalt);
  // same errors as Signer::create. `clock` must outlive the signer; it
  // defaults to the system clock.
  static Result<TimestampSigner> create(const SecretBytes& key, const SignerOptions& options = {},
                                        const Clock& clock = SystemClock::instance());

  // sign returns "value SEP timestamp SEP signature" at the clock's time
  // (seconds, truncated toward zero as Django's int(time.time())).
  std::string sign(std::string_view value) const;

  // unsign verifies the signature, then the timestamp. Returns the value as a
  // view into `token`. Errors: malformed, bad_signature, bad_payload (validly
  // signed but the timestamp field is missing or not base62), expired,
  // not_yet_valid.
  Result<std::string_view> unsign(std::string_view token, const UnsignOptions& options = {}) const noexcept;
  template <class S>
    requires std::same_as<S, std::string>
  Result<std::string_view> unsign(S&& token, const UnsignOptions& options = {}) const = delete;

  // sign_object and unsign_object are Signer's with a timestamp.
  Result<std::string> sign_object(std::string_view json, const ObjectOptions& options = {}) const;
  Result<std::string> unsign_object(std::string_view token, const UnsignOptions& options = {}) const;

  // timestamp_of returns the signing time of a token this signer accepts
  // (signature checked; age not checked).
  Result<std::int64_t> timestamp_of(std::string_view token) const noexcept;

  const Signer& signer() const noexcept { return signer_; }

 private:
  TimestampSigner(Signer signer, const Clock& clock) noexcept : signer_(std::move(signer)), clock_(&clock) {}
  Result<std::string_view> unsign_parts(std::string_view token, const UnsignOptions& options,
                                        std::int64_t* out_timestamp) const noexcept;
  Signer signer_;
  const Clock* clock_;
};

// DumpsOptions configures dumps (Django's signing.dumps).
struct DumpsOptions {
  std::string salt = std::string(kDumpsSalt);
  Algorithm algorithm = Algorithm::sha256;
  bool compress = false;
  const Clock* clock = nullptr;  // nullptr: the system clock
};

// LoadsOptions configures loads (Django's signing.loads).
struct LoadsOptions {
  std::string salt = std::string(kDumpsSalt);
  Algorithm algorithm = Algorithm::sha256;
  std::optional<std::chrono::nanoseconds> max_age;
  std::optional<std::chrono::nanoseconds> max_future;
  std::size_t max_inflate = kDefaultMaxInflate;
  std::vector<SecretBytes> fallback_keys;
  const Clock* clock = nullptr;  // nullptr: the system clock
  // revocation: as UnsignOptions::revocation.
  std::shared_ptr<const revocation::RevocationList> revocation;
};

// dumps returns Django's signing.dumps(json) token: `json` validated and
// rewritten as Django writes it, timestamped and signed. Errors:
// invalid_key, invalid_argument. The signer derived from the key is kept
// per thread (a few of them) and reused while key, salt, algorithm and clock
// stay the same, so repeated calls cost about as much as a TimestampSigner's.
Result<std::string> dumps(std::string_view json, const SecretBytes& key, const DumpsOptions& options);
// dumps with the default DumpsOptions (without building them on every call).
Result<std::string> dumps(std::string_view json, const SecretBytes& key);

// loads is Django's signing.loads: verify, check max_age, decode and return
// compact JSON text. Errors: invalid_key, invalid_argument, malformed,
// bad_signature, expired, not_yet_valid, payload_too_large, bad_payload.
// Like dumps, it reuses a per-thread signer (not when fallback_keys are set).
Result<std::string> loads(std::string_view token, const SecretBytes& key, const LoadsOptions& options);
// loads with the default LoadsOptions.
Result<std::string> loads(std::string_view token, const SecretBytes& key);

}  // namespace signet::django

// Password-reset tokens (PasswordResetTokenGenerator); after the namespace, as it uses Algorithm.
#include "signet/django/password_reset.h"  // IWYU pragma: export

#endif  // SIGNET_DJANGO_H_
