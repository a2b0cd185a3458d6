// RedisRevocationList: the revocation list in Redis, over hiredis.
//
// hiredis contexts are not thread-safe, so calls borrow one from a small
// pool. Every context runs in blocking mode with socket timeouts
// (redisSetTimeout), so no call waits longer than connect_timeout +
// command_timeout. Commands are written with send(MSG_NOSIGNAL) rather than
// hiredis' write(), so a server that went away yields EPIPE, not a SIGPIPE
// that would kill the process; replies are read by hiredis. A context that
// saw any fault is thrown away: its stream may be mid-reply.
#include <hiredis/hiredis.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "revocation/common.h"
#include "revocation/redis_keys.h"
#include "signet/revocation/redis.h"

namespace signet::revocation {
namespace {

// Keeps the later end; a value signet did not write is overwritten. A key of
// another type makes GET fail, which is reported rather than clobbered.
constexpr std::string_view kRevokeTokenScript =
    "local cur = tonumber(redis.call('GET', KEYS[1]))\n"
    "if cur and cur >= tonumber(ARGV[1]) then return 0 end\n"
    "redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[1])\n"
    "return 1\n";

// Keeps the later cutoff and the later end ("<cutoff ms>:<end ms>"), so
// concurrent revocations from several machines merge instead of racing.
constexpr std::string_view kRevokeSubjectScript =
    "local cut = tonumber(ARGV[1])\n"
    "local fin = tonumber(ARGV[2])\n"
    "local cur = redis.call('GET', KEYS[1])\n"
    "if cur then\n"
    "  local c, e = string.match(cur, '^(%-?%d+):(%d+)$')\n"
    "  if c then\n"
    "    c = tonumber(c); e = tonumber(e)\n"
    "    if c > cut then cut = c end\n"
    "    if e > fin then fin = e end\n"
    "  end\n"
    "end\n"
    "redis.call('SET', KEYS[1], string.format('%d:%d', cut, fin), 'PXAT', fin)\n"
    "return 1\n";

constexpr std::size_t kMaxPrefix = 256;

enum class Fault : std::uint8_t { none, transport, timeout, server, data };

// Outcome of one command: a reply (owned) or a fault with a short detail.
struct Reply {
  redisReply* reply = nullptr;
  Fault fault = Fault::none;
  std::string detail;

  Reply() = default;
  Reply(const Reply&) = delete;
  Reply& operator=(const Reply&) = delete;
  Reply(Reply&& o) noexcept : reply(o.reply), fault(o.fault), detail(std::move(o.detail)) { o.reply = nullptr; }
  Reply& operator=(Reply&& o) noexcept {
    if (this != &o) {
      if (reply) freeReplyObject(reply);
      reply = o.reply;
      o.reply = nullptr;
      fault = o.fault;
      detail = std::move(o.detail);
    }
    return *this;
  }
  ~Reply() {
    if (reply) freeReplyObject(reply);
  }
  static Reply failed(Fault f, std::string d) {
    Reply r;
    r.fault = f;
    r.detail = std::move(d);
    return r;
  }
};

timeval to_timeval(std::chrono::milliseconds ms) noexcept {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

// Sends a formatted command in full without raising SIGPIPE.
Fault send_all(redisContext* c, const char* data, std::size_t len, std::string& detail) {
  while (len > 0) {
    const ssize_t n = ::send(c->fd, data, len, MSG_NOSIGNAL);
    if (n > 0) {
      data += n;
      len -= static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      detail = "redis: timed out sending a command";
      return Fault::timeout;
    }
    detail = std::string("redis: connection lost while sending: ") + (n < 0 ? std::strerror(errno) : "closed");
    return Fault::transport;
  }
  return Fault::none;
}

// Runs one command on `c` (argv form: binary-safe arguments).
Reply command(redisContext* c, const std::vector<std::string_view>& args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lens;
  argv.reserve(args.size());
  lens.reserve(args.size());
  for (auto a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  char* formatted = nullptr;
  const int len = redisFormatCommandArgv(&formatted, static_cast<int>(args.size()), argv.data(), lens.data());
  if (len < 0 || !formatted) return Reply::failed(Fault::transport, "redis: could not format a command");
  std::string detail;
  const Fault sent = send_all(c, formatted, static_cast<std::size_t>(len), detail);
  redisFreeCommand(formatted);
  if (sent != Fault::none) return Reply::failed(sent, std::move(detail));
  void* raw = nullptr;
  errno = 0;
  if (redisGetReply(c, &raw) != REDIS_OK || !raw) {
    const bool timed_out = c->err == REDIS_ERR_IO && (errno == EAGAIN || errno == EWOULDBLOCK);
    if (timed_out) return Reply::failed(Fault::timeout, "redis: timed out waiting for a reply");
    return Reply::failed(Fault::transport, std::string("redis: connection lost: ") + c->errstr);
  }
  Reply r;
  r.reply = static_cast<redisReply*>(raw);
  if (r.reply->type == REDIS_REPLY_ERROR) {
    r.fault = Fault::server;
    r.detail = "redis: " + std::string(r.reply->str, r.reply->len);
  }
  return r;
}

std::string decimal(std::int64_t v) { return std::to_string(v); }

}  // namespace

struct RedisRevocationList::Impl {
  RedisOptions options;
  const Clock* clock = nullptr;

  mutable std::mutex mu;
  mutable std::condition_variable freed;
  mutable std::vector<redisContext*> idle;
  mutable std::size_t open = 0;  // idle + borrowed
  // While steady time < down_until, no new connection is attempted.
  mutable std::atomic<std::int64_t> down_until{0};

  ~Impl() {
    for (auto* c : idle) redisFree(c);
  }

  static std::int64_t steady_ms() noexcept {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  // Opens and prepares one connection: timeouts, AUTH, SELECT, PING.
  Reply dial(redisContext*& out) const {
    out = nullptr;
    const timeval ctv = to_timeval(options.connect_timeout);
    redisContext* c = options.unix_socket.empty()
                          ? redisConnectWithTimeout(options.host.c_str(), options.port, ctv)
                          : redisConnectUnixWithTimeout(options.unix_socket.c_str(), ctv);
    if (!c) return Reply::failed(Fault::transport, "redis: out of memory for a connection");
    if (c->err) {
      Reply r = Reply::failed(Fault::transport, std::string("redis: cannot connect: ") + c->errstr);
      redisFree(c);
      return r;
    }
    redisSetTimeout(c, to_timeval(options.command_timeout));
    if (options.unix_socket.empty()) redisEnableKeepAlive(c);
    auto handshake = [&](const std::vector<std::string_view>& args) -> Reply {
      Reply r = command(c, args);
      if (r.fault == Fault::none) r = Reply();  // success: the reply is not needed
      return r;
    };
    Reply r;
    if (!options.password.empty()) {
      const auto pw = options.password.bytes();
      const std::string_view password(reinterpret_cast<const char*>(pw.data()), pw.size());
      r = options.username.empty() ? handshake({"AUTH", password}) : handshake({"AUTH", options.username, password});
    }
    const std::string db = decimal(options.db);
    if (r.fault == Fault::none && options.db != 0) r = handshake({"SELECT", db});
    if (r.fault == Fault::none) r = handshake({"PING"});
    if (r.fault != Fault::none) {
      redisFree(c);
      return r;
    }
    out = c;
    return Reply();
  }

  // Borrows a connection: an idle one (reused = true) or a new one.
  Reply acquire(redisContext*& out, bool& reused) const {
    out = nullptr;
    {
      std::unique_lock lock(mu);
      const auto deadline = std::chrono::steady_clock::now() + options.command_timeout;
      while (idle.empty() && open >= options.max_connections) {
        if (freed.wait_until(lock, deadline) == std::cv_status::timeout && idle.empty() &&
            open >= options.max_connections) {
          return Reply::failed(Fault::timeout, "redis: every pooled connection stayed busy");
        }
      }
      if (!idle.empty()) {
        out = idle.back();
        idle.pop_back();
        reused = true;
        return Reply();
      }
      ++open;
    }
    reused = false;
    if (steady_ms() < down_until.load(std::memory_order_relaxed)) {
      release(nullptr, false);
      return Reply::failed(Fault::transport, "redis: unreachable (retrying after a back-off)");
    }
    Reply r = dial(out);
    if (r.fault != Fault::none) {
      if (r.fault == Fault::transport || r.fault == Fault::timeout) {
        down_until.store(steady_ms() + options.retry_backoff.count(), std::memory_order_relaxed);
      }
      release(nullptr, false);
    }
    return r;
  }

  // Returns a borrowed connection: kept when healthy, closed otherwise.
  void release(redisContext* c, bool healthy) const noexcept {
    std::lock_guard lock(mu);
    if (c && healthy) {
      idle.push_back(c);
    } else {
      if (c) redisFree(c);
      --open;
    }
    freed.notify_one();
  }

  // After a transport fault the idle connections are likely dead too (the
  // server restarted): close them rather than fail on each in turn.
  void drop_idle() const noexcept {
    std::vector<redisContext*> dead;
    {
      std::lock_guard lock(mu);
      dead.swap(idle);
      open -= dead.size();
    }
    for (auto* c : dead) redisFree(c);
    freed.notify_all();
  }

  // Runs a command on a pooled connection. A pooled connection that fails
  // with a transport fault may simply be stale, so the command is retried
  // once on a fresh connection; timeouts are not retried (that would double
  // the wait). Every command signet sends is idempotent.
  Reply run(const std::vector<std::string_view>& args) const {
    for (int attempt = 0; attempt < 2; ++attempt) {
      redisContext* c = nullptr;
      bool reused = false;
      Reply got = acquire(c, reused);
      if (got.fault != Fault::none) return got;
      Reply r = command(c, args);
      const bool broken = r.fault == Fault::transport || r.fault == Fault::timeout;
      release(c, !broken);
      if (r.fault == Fault::transport) drop_idle();
      if (r.fault == Fault::transport && reused && attempt == 0) continue;
      return r;
    }
    return Reply::failed(Fault::transport, "redis: connection lost");
  }

  Status to_status(const Reply& r) const {
    return Unexpected(Errc::backend_failure, r.detail);
  }
};

Result<std::shared_ptr<RedisRevocationList>> RedisRevocationList::connect(RedisOptions options) {
  if (options.unix_socket.empty() && (options.host.empty() || options.port == 0)) {
    return Unexpected(Errc::invalid_argument, "the Redis host is empty or the port is 0");
  }
  if (options.host.find('\0') != std::string::npos || options.unix_socket.find('\0') != std::string::npos) {
    return Unexpected(Errc::invalid_argument, "the Redis host or socket path contains a NUL byte");
  }
  if (options.db < 0) return Unexpected(Errc::invalid_argument, "the Redis database number is negative");
  if (options.key_prefix.size() > kMaxPrefix) return Unexpected(Errc::invalid_argument, "the key prefix is longer than 256 bytes");
  if (options.connect_timeout <= std::chrono::milliseconds(0) || options.command_timeout <= std::chrono::milliseconds(0)) {
    return Unexpected(Errc::invalid_argument, "the Redis timeouts must be positive");
  }
  if (options.retry_backoff < std::chrono::milliseconds(0)) return Unexpected(Errc::invalid_argument, "retry_backoff is negative");
  if (options.max_connections == 0) return Unexpected(Errc::invalid_argument, "max_connections must be at least 1");
  if (options.grace < std::chrono::seconds(0)) return Unexpected(Errc::invalid_argument, "grace is negative");

  auto impl = std::make_unique<Impl>();
  impl->clock = options.clock ? options.clock : &SystemClock::instance();
  impl->options = std::move(options);
  redisContext* first = nullptr;
  Reply r = impl->dial(first);
  if (r.fault == Fault::server) {
    // Reachable, but it refused the handshake: a configuration error.
    return Unexpected(Errc::invalid_argument, r.detail);
  }
  if (first) {
    impl->idle.push_back(first);
    impl->open = 1;
  } else {
    impl->down_until.store(Impl::steady_ms() + impl->options.retry_backoff.count(), std::memory_order_relaxed);
  }
  return std::shared_ptr<RedisRevocationList>(new RedisRevocationList(std::move(impl)));
}

RedisRevocationList::RedisRevocationList(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
RedisRevocationList::~RedisRevocationList() = default;

Status RedisRevocationList::revoke_token(std::string_view issuer, std::string_view token_id, UnixTime until) {
  if (auto ok = detail::check_id(issuer, token_id, false); !ok) return ok;
  const UnixTime end = detail::end_of(until, impl_->options.grace);
  if (end <= impl_->clock->now()) return {};
  try {
    const std::string key = detail::redis_key(impl_->options.key_prefix, 't', issuer, token_id);
    const std::string end_ms = decimal(detail::to_ms_ceil(end));
    Reply r = impl_->run({"EVAL", kRevokeTokenScript, "1", key, end_ms});
    if (r.fault != Fault::none) return impl_->to_status(r);
    return {};
  } catch (const std::bad_alloc&) {
    return Unexpected(Errc::backend_failure, "out of memory");
  }
}

Status RedisRevocationList::revoke_subject(std::string_view issuer, std::string_view subject, UnixTime issued_before,
                                           UnixTime keep_until) {
  if (auto ok = detail::check_id(issuer, subject, true); !ok) return ok;
  const UnixTime end = detail::end_of(keep_until, impl_->options.grace);
  if (end <= impl_->clock->now()) return {};
  try {
    const std::string key = detail::redis_key(impl_->options.key_prefix, 's', issuer, subject);
    const std::string cutoff_ms = decimal(detail::to_ms_ceil(issued_before));
    const std::string end_ms = decimal(detail::to_ms_ceil(end));
    Reply r = impl_->run({"EVAL", kRevokeSubjectScript, "1", key, cutoff_ms, end_ms});
    if (r.fault != Fault::none) return impl_->to_status(r);
    return {};
  } catch (const std::bad_alloc&) {
    return Unexpected(Errc::backend_failure, "out of memory");
  }
}

Status RedisRevocationList::check(const TokenFacts& facts) const noexcept {
  if (facts.token_id.empty() && facts.subject.empty()) return {};
  const bool fail_open = impl_->options.failure_policy == FailurePolicy::fail_open;
  try {
    // Absent parts get a key no entry can have (an empty id is never revoked),
    // so the round trip is always the same single MGET.
    const std::string token_key = detail::redis_key(impl_->options.key_prefix, 't', facts.issuer, facts.token_id);
    const std::string subject_key = detail::redis_key(impl_->options.key_prefix, 's', facts.issuer, facts.subject);
    Reply r = impl_->run({"MGET", token_key, subject_key});
    if (r.fault != Fault::none) {
      if (fail_open) return {};
      return impl_->to_status(r);
    }
    const redisReply* a = r.reply;
    if (a->type != REDIS_REPLY_ARRAY || a->elements != 2) {
      return Unexpected(Errc::backend_failure, "redis: MGET answered something other than two values");
    }
    const redisReply* token = a->element[0];
    const redisReply* subject = a->element[1];
    if (!facts.token_id.empty() && token->type == REDIS_REPLY_STRING) {
      return Unexpected(Errc::revoked, "the token has been revoked");
    }
    if (!facts.subject.empty() && subject->type == REDIS_REPLY_STRING) {
      const auto cutoff = detail::parse_cutoff(std::string_view(subject->str, subject->len));
      if (!cutoff) return Unexpected(Errc::backend_failure, "redis: a subject cutoff value is corrupt");
      if (!facts.issued_at) return Unexpected(Errc::revoked, "the subject's tokens are revoked and this one has no iat");
      // Compare in milliseconds, rounding iat down: a token issued in the
      // cutoff's millisecond but before it is still refused.
      const std::int64_t iat_ns = facts.issued_at->time_since_epoch().count();
      std::int64_t iat_ms = iat_ns / 1'000'000;
      if (iat_ns % 1'000'000 < 0) --iat_ms;
      if (iat_ms < *cutoff) return Unexpected(Errc::revoked, "the subject's tokens issued before the cutoff are revoked");
    }
    return {};
  } catch (...) {
    if (fail_open) return {};
    return Unexpected(Errc::backend_failure, "redis: out of memory");
  }
}

Result<std::size_t> RedisRevocationList::purge() { return std::size_t{0}; }

Status RedisRevocationList::ping() const noexcept {
  try {
    Reply r = impl_->run({"PING"});
    if (r.fault != Fault::none) return impl_->to_status(r);
    return {};
  } catch (...) {
    return Unexpected(Errc::backend_failure, "redis: out of memory");
  }
}

}  // namespace signet::revocation
