// signet/revocation.h: taking tokens back before they expire.
//
// A RevocationList answers one question after a token's signature, claims
// and policy have all passed: has this token been withdrawn? It holds two
// kinds of entries, both namespaced by issuer:
//
//   * a token entry (issuer, token id): that one token is refused until it
//     would have expired. The id is the JWT/PASETO "jti", or a Django or
//     itsdangerous token's signature (django_token_id,
//     itsdangerous_token_id). Never the raw token bytes: the same valid
//     token can be spelled in several byte strings (ECDSA (r, n-s), base64
//     variants), and only its id is stable.
//   * a subject cutoff (issuer, subject, cutoff): every token of that subject
//     issued before the cutoff ("iat" < cutoff) is refused: "log out
//     everywhere", "password changed". A token without "iat" is refused while
//     a cutoff for its subject is in force, since its age cannot be told.
//
// Entries carry their own end (the token's expiry, or the longest lifetime of
// a token issued before the cutoff) plus a grace period that covers the
// verifiers' clock-skew leeway; they are purged after that, so the list stays
// as small as the set of live revoked tokens.
//
// Verifiers take a std::shared_ptr<const RevocationList> (see
// jwt::PolicyBuilder::revocation, paseto::PolicyBuilder::revocation,
// django::UnsignOptions::revocation and itsdangerous::UnsignOptions::revocation). Every method of every implementation is
// safe to call from many threads at once.
//
// Backends: MemoryRevocationList (this header: one process) and
// RedisRevocationList (signet/revocation/redis.h: shared by many processes
// and machines; an optional component).
#ifndef SIGNET_REVOCATION_H_
#define SIGNET_REVOCATION_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "signet/clock.h"
#include "signet/result.h"

namespace signet::revocation {

// kMaxIdSize caps an issuer, token id or subject passed to revoke_*: longer
// ones are refused with invalid_argument, so that an entry's size is bounded.
inline constexpr std::size_t kMaxIdSize = 1024;

// kDefaultGrace is how long an entry outlives the time it was given: the
// largest clock-skew leeway a signet verifier accepts (10 minutes), so that a
// token accepted "leeway seconds after exp" is still refused.
inline constexpr std::chrono::seconds kDefaultGrace{600};

// kDjangoIssuer is the issuer under which Django tokens are revoked and
// checked (Django tokens have no "iss"; their signatures are the ids).
inline constexpr std::string_view kDjangoIssuer = "django";

// kItsdangerousIssuer is the issuer under which itsdangerous tokens are
// revoked and checked (they have no "iss"; their signatures are the ids).
inline constexpr std::string_view kItsdangerousIssuer = "itsdangerous";

// TokenFacts is what a verifier tells a RevocationList about a token that
// has passed every other check. Empty views mean "absent".
struct TokenFacts {
  std::string_view issuer{};    // "iss", or kDjangoIssuer; empty when absent
  std::string_view token_id{};  // "jti" or a Django signature; empty: no token entry applies
  std::string_view subject{};   // "sub"; empty: no subject cutoff applies
  std::optional<UnixTime> issued_at{};   // "iat" or a Django timestamp
  std::optional<UnixTime> expires_at{};  // "exp" (informational)
};

// FailurePolicy says what check() answers when the backend cannot be asked
// (unreachable, timed out, refused the command).
enum class FailurePolicy : std::uint8_t {
  fail_closed,  // the default: Errc::backend_failure, so the token is refused
  fail_open,    // Errc-free ok: the token is accepted unchecked (availability first)
};

// RevocationList is the interface every backend implements. All methods are
// thread-safe. Errors: invalid_argument (empty or oversized ids, see
// kMaxIdSize), backend_failure (the store failed or is full).
class RevocationList {
 public:
  virtual ~RevocationList() = default;

  // revoke_token refuses the token (issuer, token_id) until `until` (its
  // expiry) plus the grace period. An `until` that has passed by more than
  // the grace period is a no-op: no verifier accepts such a token anyway.
  // A repeated revocation keeps the later end.
  virtual Status revoke_token(std::string_view issuer, std::string_view token_id, UnixTime until) = 0;

  // revoke_subject refuses every token of (issuer, subject) whose "iat" is
  // before `issued_before`, and every such token without "iat", until
  // `keep_until` (plus the grace period). Pick keep_until >= issued_before +
  // the longest lifetime of your tokens. A repeated cutoff keeps the later
  // cutoff and the later end, so a cutoff never moves back.
  virtual Status revoke_subject(std::string_view issuer, std::string_view subject, UnixTime issued_before,
                                UnixTime keep_until) = 0;

  // check returns ok for a token that no entry covers, Errc::revoked for one
  // that is withdrawn, and, when the backend cannot answer, Errc::
  // backend_failure (FailurePolicy::fail_closed) or ok (fail_open). Never
  // throws.
  virtual Status check(const TokenFacts& facts) const noexcept = 0;

  // purge drops the entries whose end (plus grace) has passed and returns how
  // many it dropped (backends that expire entries themselves return 0).
  virtual Result<std::size_t> purge() = 0;
};

// MemoryOptions configures a MemoryRevocationList.
struct MemoryOptions {
  // max_entries bounds token entries plus subject cutoffs. When the list is
  // full, expired entries are purged; if it is still full, new revocations
  // fail with backend_failure: evicting a live entry would silently
  // un-revoke a token.
  std::size_t max_entries = 1'000'000;
  // grace is added to every entry's end (see kDefaultGrace).
  std::chrono::seconds grace = kDefaultGrace;
  // clock tells the time; it must outlive the list. nullptr: the system clock.
  const Clock* clock = nullptr;
};

// MemoryRevocationList keeps the list in this process, sharded under
// reader/writer locks so that concurrent checks do not serialize. Checks do
// not allocate. Expired entries are purged on purge(), when the list is
// full, and from time to time as revocations arrive.
class MemoryRevocationList final : public RevocationList {
 public:
  // create validates `options` (max_entries >= 1, grace >= 0) and returns a
  // list to share; invalid_argument otherwise.
  static Result<std::shared_ptr<MemoryRevocationList>> create(const MemoryOptions& options = {});

  ~MemoryRevocationList() override;
  MemoryRevocationList(const MemoryRevocationList&) = delete;
  MemoryRevocationList& operator=(const MemoryRevocationList&) = delete;

  Status revoke_token(std::string_view issuer, std::string_view token_id, UnixTime until) override;
  Status revoke_subject(std::string_view issuer, std::string_view subject, UnixTime issued_before,
                        UnixTime keep_until) override;
  Status check(const TokenFacts& facts) const noexcept override;
  Result<std::size_t> purge() override;

  // size returns the number of entries held (expired ones not yet purged included).
  std::size_t size() const noexcept;

  struct Impl;

 private:
  explicit MemoryRevocationList(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

// django_token_id returns the id under which a Django token is revoked: its
// signature, the text after the last `sep`. Django compares signatures
// exactly, so a signature names one token. The token is not verified here
// (revoking a forged id is harmless). Errors: malformed (no separator, or an
// empty signature). A token of a plain Signer has no timestamp and so no
// expiry: whoever revokes it chooses `until`.
Result<std::string_view> django_token_id(std::string_view token, std::string_view sep = ":") noexcept;

// itsdangerous_token_id returns the id under which an itsdangerous token is
// revoked: its signature, the text after the last `sep` (itsdangerous's
// default "."). signet accepts only the exact base64url text itsdangerous
// writes, so a signature names one token. The token is not verified here
// (revoking a forged id is harmless). Errors: invalid_argument (empty
// `sep`), malformed (no separator, or an empty signature). A token of a
// Signer or an untimed serializer has no timestamp and so no expiry: whoever
// revokes it chooses `until`.
Result<std::string_view> itsdangerous_token_id(std::string_view token, std::string_view sep = ".") noexcept;

}  // namespace signet::revocation

#endif  // SIGNET_REVOCATION_H_
