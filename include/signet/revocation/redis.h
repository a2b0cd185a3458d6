// signet/revocation/redis.h: a revocation list in Redis, shared by every
// verifier process on every machine.
//
// Data model (docs/revocation.md): for each entry one string key,
//   <prefix>t:<hex SHA-256 of the length-prefixed (issuer, token id)>  = "<end ms>"
//   <prefix>s:<hex SHA-256 of the length-prefixed (issuer, subject)>   = "<cutoff ms>:<end ms>"
// each expiring at its end (PXAT), so Redis drops entries itself. Keys are
// bounded (whatever the ids' length) and unambiguous. A check is ONE round
// trip: MGET of the token key and the subject key. Revocations are
// idempotent scripts that keep the later end and the later cutoff.
//
// Faults (unreachable server, timeouts, a server error reply, a dropped
// connection) are values: check() answers per FailurePolicy, revoke_* and
// ping() report Errc::backend_failure. Nothing here throws, crashes on a
// closed socket (no SIGPIPE) or blocks longer than the configured timeouts.
//
// An optional component: when signet was built without hiredis, connect()
// fails with Errc::unsupported.
#ifndef SIGNET_REVOCATION_REDIS_H_
#define SIGNET_REVOCATION_REDIS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/result.h"
#include "signet/revocation.h"

namespace signet::revocation {

// RedisOptions says where the server is and how to talk to it.
struct RedisOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 6379;
  // unix_socket, when not empty, is used instead of host and port.
  std::string unix_socket{};
  int db = 0;  // SELECTed after connecting when not 0
  // username (Redis 6 ACL) and password for AUTH; an empty password sends no
  // AUTH. The password is never put in an error message.
  std::string username{};
  SecretBytes password{};
  // key_prefix namespaces signet's keys (at most 256 bytes). Every key under
  // it belongs to signet: a key of another type there reads as absent.
  std::string key_prefix = "signet:revocation:";
  std::chrono::milliseconds connect_timeout{500};
  std::chrono::milliseconds command_timeout{250};
  FailurePolicy failure_policy = FailurePolicy::fail_closed;
  // max_connections bounds the pool (hiredis connections are not thread-safe:
  // each call borrows one). A call that finds all of them busy waits at most
  // command_timeout.
  std::size_t max_connections = 8;
  // retry_backoff: after a failed connection attempt, calls fail at once for
  // this long instead of each waiting connect_timeout; then one call retries.
  std::chrono::milliseconds retry_backoff{1000};
  std::chrono::seconds grace = kDefaultGrace;  // added to every entry's end
  const Clock* clock = nullptr;               // nullptr: the system clock; must outlive the list
};

// parse_redis_url reads "redis://HOST[:PORT][/DB]" ("[::1]" for IPv6) or
// "unix:///PATH[?db=N]" into options (other fields at their defaults).
// A URL carrying credentials ("redis://user:pass@host") is refused with
// invalid_argument: a password on a command line leaks into process lists
// and shell history; pass it as RedisOptions::password (the CLI reads it
// from --redis-password-file). "rediss://" (TLS) is unsupported. The URL is
// never echoed in an error.
Result<RedisOptions> parse_redis_url(std::string_view url);

// RedisRevocationList is a RevocationList kept in Redis. Thread-safe.
class RedisRevocationList final : public RevocationList {
 public:
  // connect validates `options` (invalid_argument) and opens a first
  // connection. A server that cannot be reached is not an error here (it may
  // come up later: calls then fail per the policy and reconnect); a server
  // that refuses the connection's handshake (AUTH, SELECT, NOAUTH) is, with
  // invalid_argument. Without hiredis support: unsupported.
  static Result<std::shared_ptr<RedisRevocationList>> connect(RedisOptions options);

  ~RedisRevocationList() override;
  RedisRevocationList(const RedisRevocationList&) = delete;
  RedisRevocationList& operator=(const RedisRevocationList&) = delete;

  Status revoke_token(std::string_view issuer, std::string_view token_id, UnixTime until) override;
  Status revoke_subject(std::string_view issuer, std::string_view subject, UnixTime issued_before,
                        UnixTime keep_until) override;
  // check: one MGET. A transport or server fault answers per the failure
  // policy; a value signet did not write (corrupt data) is always
  // backend_failure, whatever the policy.
  Status check(const TokenFacts& facts) const noexcept override;
  // purge returns 0: Redis expires entries itself.
  Result<std::size_t> purge() override;

  // ping asks the server for PONG: ok, or backend_failure (no policy applied).
  Status ping() const noexcept;

  struct Impl;

 private:
  explicit RedisRevocationList(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace signet::revocation

#endif  // SIGNET_REVOCATION_REDIS_H_
