// signet/itsdangerous.h: signed tokens byte-compatible with itsdangerous
// (Flask's signer), versions 2.x.
//
// A Flask app and a C++ service that share a secret key can read each
// other's tokens:
//
//   auto key = signet::SecretBytes(secret_text);
//   auto s = signet::itsdangerous::URLSafeTimedSerializer::create(key).value();
//   auto token = s.dumps(R"({"user_id":123456})");        // URLSafeTimedSerializer(key).dumps(obj)
//   auto json = s.loads(*token, {.max_age = std::chrono::hours(1)});
//
// Tokens signet writes are byte-identical to itsdangerous's for the same
// inputs. On input signet is stricter where itsdangerous is lenient: a
// signature must be the exact base64url text itsdangerous writes (so a token
// string is a unique id), inflation is capped, and separators that can occur
// inside a signature are refused. See docs/itsdangerous.md.
#ifndef SIGNET_ITSDANGEROUS_H_
#define SIGNET_ITSDANGEROUS_H_

#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/result.h"

namespace signet::revocation {
class RevocationList;
}

namespace signet::itsdangerous {

// Digest is the hash of the HMAC and of the key derivation (itsdangerous's
// `digest_method`). itsdangerous defaults to SHA-1.
enum class Digest : std::uint8_t { sha1, sha224, sha256, sha384, sha512 };

// parse_digest maps a hashlib name ("sha256") to a Digest; any other name
// fails with Errc::invalid_argument.
Result<Digest> parse_digest(std::string_view name) noexcept;
// digest_name returns the hashlib name of `d`.
std::string_view digest_name(Digest d) noexcept;

// KeyDerivation is how the HMAC key is derived from a secret key and the salt
// (itsdangerous's `key_derivation`), with H the digest:
//   django_concat  H(salt || "signer" || secret)   (the default, as Django)
//   concat         H(salt || secret)
//   hmac           HMAC-H(key = secret, message = salt)
//   none           the secret itself (the salt is ignored)
enum class KeyDerivation : std::uint8_t { django_concat, concat, hmac, none };

// parse_key_derivation maps itsdangerous's names ("django-concat", "concat",
// "hmac", "none") to a KeyDerivation; any other name fails with
// Errc::invalid_argument.
Result<KeyDerivation> parse_key_derivation(std::string_view name) noexcept;
// key_derivation_name returns itsdangerous's name of `k`.
std::string_view key_derivation_name(KeyDerivation k) noexcept;

// kSignerSalt is the default salt of Signer and TimestampSigner.
inline constexpr std::string_view kSignerSalt = "itsdangerous.Signer";
// kSerializerSalt is the default salt of the four serializers.
inline constexpr std::string_view kSerializerSalt = "itsdangerous";
// kDefaultSep is the default separator.
inline constexpr std::string_view kDefaultSep = ".";

// kDefaultMaxInflate caps the inflated size of a compressed payload (1 MiB).
inline constexpr std::size_t kDefaultMaxInflate = std::size_t{1} << 20;

// SignerOptions configures a Signer or TimestampSigner (and, through
// SerializerOptions, a serializer). Defaults are itsdangerous's.
struct SignerOptions {
  // salt namespaces the derived key. nullopt means the default (kSignerSalt
  // for signers, kSerializerSalt for serializers). Any other value, the empty
  // string included, is used as given, as itsdangerous does.
  std::optional<std::string> salt;
  // sep separates value, timestamp and signature. Refused (invalid_argument)
  // when empty or made only of base64 characters (A-Z a-z 0-9 - _ =): that is
  // everything itsdangerous refuses, plus the separators such as "za" or "aa"
  // that it accepts although they can occur inside a signature.
  std::string sep = std::string(kDefaultSep);
  KeyDerivation key_derivation = KeyDerivation::django_concat;
  Digest digest = Digest::sha1;
};

// UnsignOptions configures unsign / loads on the timed classes.
struct UnsignOptions {
  // max_age rejects old and future tokens, as itsdangerous does: with
  // age = int(now) - timestamp (whole seconds), age > max_age fails with
  // Errc::expired and age < 0 with Errc::not_yet_valid (itsdangerous raises
  // SignatureExpired for both). nullopt: any timestamp is accepted.
  std::optional<std::chrono::seconds> max_age;
  // max_inflate caps the inflated size of a compressed payload (URL-safe
  // serializers only).
  std::size_t max_inflate = kDefaultMaxInflate;
  // revocation, when set, is consulted after the signature, the timestamp
  // and max_age checks passed, and before any payload is decoded
  // (signet/revocation.h): the token's id is its signature
  // (revocation::itsdangerous_token_id), its issuer
  // revocation::kItsdangerousIssuer, its issued_at the timestamp. A withdrawn
  // token fails with Errc::revoked; a list that cannot answer fails with
  // Errc::backend_failure (or passes, per its FailurePolicy). Unset, it costs
  // one null check. The untimed Signer and serializers take no list: see
  // docs/revocation.md.
  std::shared_ptr<const revocation::RevocationList> revocation;
};

// Signer signs and verifies byte strings with itsdangerous's Signer.
//
// Keys are a rotation list, oldest first: the last (newest) key signs, and
// every key verifies. Immutable and safe to share between threads; the
// derived keys and HMAC states are computed once, at construction.
// Signatures are compared in constant time, and every key is always tried so
// timing does not reveal which one matched.
class Signer {
 public:
  // create builds a Signer over `keys` (oldest to newest). Fails with
  // Errc::invalid_key when the list or any key is empty, and
  // Errc::invalid_argument for an unsafe separator.
  static Result<Signer> create(std::span<const SecretBytes> keys, const SignerOptions& options = {});
  // create builds a Signer with a single key; same errors.
  static Result<Signer> create(const SecretBytes& key, const SignerOptions& options = {});

  // Movable, not copyable; destruction wipes the derived key states.
  Signer(Signer&&) noexcept;
  Signer& operator=(Signer&&) noexcept;
  ~Signer();

  // sign returns "value SEP signature", signed with the newest key.
  std::string sign(std::string_view value) const;

  // unsign checks "value SEP signature" (split at the last SEP) against
  // every key and returns the value as a view into `token`. The signature
  // must be exactly the unpadded base64url text itsdangerous writes. Errors:
  // Errc::malformed (no SEP), Errc::bad_signature. Never allocates.
  // No revocation hook, as Django's plain Signer: a token without timestamp
  // never expires, so whoever revokes it picks the end; after unsign, ask
  // the list with revocation::itsdangerous_token_id(token, sep()).
  Result<std::string_view> unsign(std::string_view token) const noexcept;
  // A temporary std::string would leave the returned view dangling: refused at compile time.
  template <class S>
    requires std::same_as<S, std::string>
  Result<std::string_view> unsign(S&& token) const = delete;

  // salt, sep, digest and key_derivation return the configuration in use
  // (salt() is the effective salt, the default filled in).
  std::string_view salt() const noexcept;
  std::string_view sep() const noexcept;
  Digest digest() const noexcept;
  KeyDerivation key_derivation() const noexcept;
  // key_count returns the number of keys in the rotation list.
  std::size_t key_count() const noexcept;

 private:
  struct Impl;
  explicit Signer(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

// Stamped is a verified value with its signing time (seconds since the
// epoch; itsdangerous timestamps are unsigned 64-bit integers).
struct Stamped {
  std::string_view value;
  std::uint64_t timestamp;
};

// TimestampSigner is a Signer that appends the signing time before signing
// (itsdangerous's TimestampSigner: big-endian, minimal, base64url).
class TimestampSigner {
 public:
  // create builds a TimestampSigner (default salt kSignerSalt, as
  // itsdangerous); same errors as Signer::create. `clock` must outlive the
  // signer; it defaults to the system clock.
  static Result<TimestampSigner> create(std::span<const SecretBytes> keys, const SignerOptions& options = {},
                                        const Clock& clock = SystemClock::instance());
  static Result<TimestampSigner> create(const SecretBytes& key, const SignerOptions& options = {},
                                        const Clock& clock = SystemClock::instance());

  // sign returns "value SEP timestamp SEP signature" at the clock's time
  // (whole seconds, truncated toward zero as int(time.time())). Fails with
  // Errc::invalid_argument when the clock is before 1970, where itsdangerous
  // fails too (it cannot encode a negative timestamp).
  Result<std::string> sign(std::string_view value) const;

  // unsign verifies the signature, then the timestamp, then (when
  // options.revocation is set) asks the revocation list, and returns the
  // value as a view into `token`. Errors: malformed, bad_signature,
  // bad_payload (validly signed but the timestamp field is missing or is not
  // the canonical encoding of at most 8 bytes), expired, not_yet_valid,
  // revoked, backend_failure (the list could not answer). Never allocates
  // unless the list does (MemoryRevocationList does not).
  Result<std::string_view> unsign(std::string_view token, const UnsignOptions& options = {}) const noexcept;
  template <class S>
    requires std::same_as<S, std::string>
  Result<std::string_view> unsign(S&& token, const UnsignOptions& options = {}) const = delete;

  // unsign_stamped is unsign that also returns the signing time
  // (itsdangerous's return_timestamp=True). Same errors.
  Result<Stamped> unsign_stamped(std::string_view token, const UnsignOptions& options = {}) const noexcept;
  template <class S>
    requires std::same_as<S, std::string>
  Result<Stamped> unsign_stamped(S&& token, const UnsignOptions& options = {}) const = delete;

  // signer is the inner Signer (same keys and options, no timestamp).
  const Signer& signer() const noexcept { return signer_; }
  // clock is the time source given to create.
  const Clock& clock() const noexcept { return *clock_; }

 private:
  TimestampSigner(Signer signer, const Clock& clock) noexcept : signer_(std::move(signer)), clock_(&clock) {}
  Signer signer_;
  const Clock* clock_;
};

// SerializerOptions configures the four serializers.
struct SerializerOptions {
  // signer: salt (nullopt means kSerializerSalt, "itsdangerous"; pass
  // kSignerSalt for itsdangerous's salt=None), sep, key derivation, digest.
  SignerOptions signer;
  // compress (URL-safe serializers only): deflate the JSON and keep it when
  // that saves more than one byte, marked by a leading '.'. itsdangerous
  // always does; false writes uncompressed payloads (still readable by it).
  bool compress = true;
};

// Loaded is a verified JSON value with its signing time.
struct Loaded {
  std::string json;
  std::uint64_t timestamp;
};

// Serializer is itsdangerous's Serializer: "JSON SEP signature", where the
// JSON is Python's json.dumps(obj) (", " and ": " separators, ASCII only).
//
// Objects are JSON text in both directions. dumps validates its input and
// rewrites it exactly as Python would write the value json.loads makes of
// it; it fails with Errc::invalid_argument when the text is not strict JSON
// (RFC 8259; no NaN/Infinity, duplicate names or lone surrogates). loads
// returns compact JSON text (member order kept, non-ASCII as raw UTF-8,
// numbers as written in the token).
class Serializer {
 public:
  // create: same errors as Signer::create. Keys are oldest to newest.
  static Result<Serializer> create(std::span<const SecretBytes> keys, const SerializerOptions& options = {});
  static Result<Serializer> create(const SecretBytes& key, const SerializerOptions& options = {});
  // dumps returns the signed token for `json`. Errors: invalid_argument.
  Result<std::string> dumps(std::string_view json) const;
  // loads verifies `token` and returns its JSON. Errors: malformed,
  // bad_signature, bad_payload (validly signed but not strict UTF-8 JSON).
  // No revocation hook: see Signer::unsign.
  Result<std::string> loads(std::string_view token) const;
  // signer is the underlying Signer (for its configuration).
  const Signer& signer() const noexcept { return signer_; }

 private:
  explicit Serializer(Signer signer) noexcept : signer_(std::move(signer)) {}
  Signer signer_;
};

// TimedSerializer is itsdangerous's TimedSerializer: Serializer's payload
// signed by a TimestampSigner.
class TimedSerializer {
 public:
  // create: same errors as Signer::create; `clock` must outlive the serializer.
  static Result<TimedSerializer> create(std::span<const SecretBytes> keys, const SerializerOptions& options = {},
                                        const Clock& clock = SystemClock::instance());
  static Result<TimedSerializer> create(const SecretBytes& key, const SerializerOptions& options = {},
                                        const Clock& clock = SystemClock::instance());
  // dumps: as Serializer::dumps, timestamped; also fails with
  // invalid_argument when the clock is before 1970.
  Result<std::string> dumps(std::string_view json) const;
  // loads: as Serializer::loads, plus TimestampSigner::unsign's errors
  // (revoked and backend_failure included: the list is asked before the
  // payload is decoded).
  Result<std::string> loads(std::string_view token, const UnsignOptions& options = {}) const;
  // loads_stamped also returns the signing time.
  Result<Loaded> loads_stamped(std::string_view token, const UnsignOptions& options = {}) const;
  // signer is the underlying TimestampSigner.
  const TimestampSigner& signer() const noexcept { return signer_; }

 private:
  explicit TimedSerializer(TimestampSigner signer) noexcept : signer_(std::move(signer)) {}
  TimestampSigner signer_;
};

// URLSafeSerializer is itsdangerous's URLSafeSerializer: the payload is
// compact UTF-8 JSON (json.dumps(obj, separators=(',', ':'),
// ensure_ascii=False)), zlib-compressed when that saves more than one byte
// (then marked with a leading '.'), base64url-encoded, then signed.
class URLSafeSerializer {
 public:
  // create: same errors as Signer::create. options.compress (default true)
  // compresses exactly as itsdangerous does.
  static Result<URLSafeSerializer> create(std::span<const SecretBytes> keys, const SerializerOptions& options = {});
  static Result<URLSafeSerializer> create(const SecretBytes& key, const SerializerOptions& options = {});
  // dumps returns the signed token for `json`. Errors: invalid_argument.
  Result<std::string> dumps(std::string_view json) const;
  // loads verifies, decodes (canonical base64url only), inflates (at most
  // max_inflate bytes) and validates the payload. Errors: malformed,
  // bad_signature, payload_too_large, bad_payload. No revocation hook: see
  // Signer::unsign.
  Result<std::string> loads(std::string_view token, std::size_t max_inflate = kDefaultMaxInflate) const;
  // signer is the underlying Signer.
  const Signer& signer() const noexcept { return signer_; }

 private:
  URLSafeSerializer(Signer signer, bool compress) noexcept : signer_(std::move(signer)), compress_(compress) {}
  Signer signer_;
  bool compress_;
};

// URLSafeTimedSerializer is itsdangerous's URLSafeTimedSerializer (what
// Flask's session cookie uses): URLSafeSerializer's payload signed by a
// TimestampSigner.
class URLSafeTimedSerializer {
 public:
  // create: same errors as Signer::create; `clock` must outlive the serializer.
  static Result<URLSafeTimedSerializer> create(std::span<const SecretBytes> keys,
                                               const SerializerOptions& options = {},
                                               const Clock& clock = SystemClock::instance());
  static Result<URLSafeTimedSerializer> create(const SecretBytes& key, const SerializerOptions& options = {},
                                               const Clock& clock = SystemClock::instance());
  // dumps: as URLSafeSerializer::dumps, timestamped; also fails with
  // invalid_argument when the clock is before 1970.
  Result<std::string> dumps(std::string_view json) const;
  // loads: URLSafeSerializer::loads's errors plus expired, not_yet_valid,
  // revoked and backend_failure (the revocation list is asked before the
  // payload is decoded or inflated).
  Result<std::string> loads(std::string_view token, const UnsignOptions& options = {}) const;
  // loads_stamped also returns the signing time.
  Result<Loaded> loads_stamped(std::string_view token, const UnsignOptions& options = {}) const;
  // signer is the underlying TimestampSigner.
  const TimestampSigner& signer() const noexcept { return signer_; }

 private:
  URLSafeTimedSerializer(TimestampSigner signer, bool compress) noexcept
      : signer_(std::move(signer)), compress_(compress) {}
  TimestampSigner signer_;
  bool compress_;
};

}  // namespace signet::itsdangerous

#endif  // SIGNET_ITSDANGEROUS_H_
