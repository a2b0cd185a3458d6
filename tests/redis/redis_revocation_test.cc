// RedisRevocationList against a real redis-server: semantics, the data model
// (keys, TTLs, one round trip), AUTH, faults (server stopped, restarted,
// paused past the command timeout, corrupt values) and concurrency.
//
// Most tests start a redis-server of their own (so they can stop or pause it
// and count its commands); the concurrency test uses the CTest fixture's
// server, whose directory is in SIGNET_REDIS_DIR.
#include <arpa/inet.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "revocation/redis_keys.h"
#include "signet/jwt.h"
#include "signet/revocation/redis.h"

namespace signet::revocation {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kNow = 1'700'000'000;
UnixTime at(std::int64_t s) { return UnixTime(std::chrono::seconds(s)); }

bool have_server() { return std::string_view(SIGNET_REDIS_SERVER).size() > 0 && ::access(SIGNET_REDIS_SERVER, X_OK) == 0; }

#define REQUIRE_REDIS_SERVER()                                                                       \
  if (!have_server()) GTEST_SKIP() << "redis-server is not installed: the Redis tests are skipped"

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  (void)::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  (void)::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// Admin is a plain hiredis connection for poking at the server.
class Admin {
 public:
  explicit Admin(int port, const char* password = nullptr) {
    c_ = redisConnect("127.0.0.1", port);
    if (password && c_ && !c_->err) freeReplyObject(redisCommand(c_, "AUTH %s", password));
  }
  ~Admin() {
    if (c_) redisFree(c_);
  }
  bool ok() const { return c_ && !c_->err; }
  // run returns the reply as text ("(nil)", "(error) ...", a string or integer).
  std::string run(const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lens;
    for (const auto& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    auto* r = static_cast<redisReply*>(redisCommandArgv(c_, static_cast<int>(args.size()), argv.data(), lens.data()));
    if (!r) return "(io error)";
    std::string out;
    switch (r->type) {
      case REDIS_REPLY_STRING:
      case REDIS_REPLY_STATUS: out = std::string(r->str, r->len); break;
      case REDIS_REPLY_ERROR: out = "(error) " + std::string(r->str, r->len); break;
      case REDIS_REPLY_INTEGER: out = std::to_string(r->integer); break;
      case REDIS_REPLY_NIL: out = "(nil)"; break;
      default: out = "(array)"; break;
    }
    freeReplyObject(r);
    return out;
  }
  // info_number reads the number after `label` ("total_commands_processed:") in INFO.
  long long info_number(const std::string& section, const std::string& label) {
    const std::string text = run({"INFO", section});
    const std::size_t at = text.find(label);
    if (at == std::string::npos) return -1;
    return std::atoll(text.c_str() + at + label.size());
  }

 private:
  redisContext* c_ = nullptr;
};

// RedisServer runs a private redis-server on a free loopback port.
class RedisServer {
 public:
  explicit RedisServer(std::vector<std::string> extra = {}, int port = 0)
      : port_(port ? port : free_port()), extra_(std::move(extra)) {
    start();
  }
  ~RedisServer() { stop(); }
  int port() const { return port_; }

  void start() {
    std::vector<std::string> args = {SIGNET_REDIS_SERVER, "--port", std::to_string(port_), "--bind", "127.0.0.1",
                                      "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"};
    args.insert(args.end(), extra_.begin(), extra_.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(SIGNET_REDIS_SERVER, argv.data());
      ::_exit(127);
    }
    // Ready when it answers (PING may answer NOAUTH: still up).
    for (int i = 0; i < 200; ++i) {
      redisContext* c = redisConnect("127.0.0.1", port_);
      const bool up = c && !c->err;
      if (c) redisFree(c);
      if (up) return;
      std::this_thread::sleep_for(25ms);
    }
    ADD_FAILURE() << "redis-server did not start on port " << port_;
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  int port_;
  std::vector<std::string> extra_;
  pid_t pid_ = -1;
};

RedisOptions options_for(int port, FailurePolicy policy = FailurePolicy::fail_closed) {
  RedisOptions o;
  o.port = static_cast<std::uint16_t>(port);
  o.failure_policy = policy;
  o.command_timeout = 200ms;
  o.connect_timeout = 200ms;
  o.retry_backoff = 100ms;
  o.grace = std::chrono::seconds(0);
  return o;
}

std::shared_ptr<RedisRevocationList> connect(RedisOptions o) {
  auto list = RedisRevocationList::connect(std::move(o));
  EXPECT_TRUE(list) << (list ? "" : std::string(list.error().detail()));
  return list ? *list : nullptr;
}

// The wall clock: Redis expires keys by its own clock, so entries must end in
// the real future.
std::int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

TEST(RedisRevocation, TokenAndSubjectEntries) {
  REQUIRE_REDIS_SERVER();
  RedisServer server;
  auto list = connect(options_for(server.port()));
  ASSERT_TRUE(list);
  const std::int64_t t = now_s();
  EXPECT_TRUE(list->check({.issuer = "iss", .token_id = "a"}));
  ASSERT_TRUE(list->revoke_token("iss", "a", at(t + 100)));
  auto r = list->check({.issuer = "iss", .token_id = "a"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), Errc::revoked);
  EXPECT_TRUE(list->check({.issuer = "other", .token_id = "a"}));
  EXPECT_TRUE(list->check({.issuer = "iss", .token_id = "b"}));

  ASSERT_TRUE(list->revoke_subject("iss", "alice", at(t - 10), at(t + 100)));
  TokenFacts f{.issuer = "iss", .token_id = "x", .subject = "alice", .issued_at = at(t - 11)};
  EXPECT_EQ(list->check(f).error().code(), Errc::revoked);
  f.issued_at = at(t - 10);
  EXPECT_TRUE(list->check(f));
  f.issued_at.reset();
  EXPECT_EQ(list->check(f).error().code(), Errc::revoked);  // no iat while a cutoff exists
  f.subject = "bob";
  EXPECT_TRUE(list->check(f));
  // A cutoff never moves back, and later ones merge in.
  ASSERT_TRUE(list->revoke_subject("iss", "alice", at(t - 50), at(t + 10)));
  EXPECT_EQ(list->check({.issuer = "iss", .subject = "alice", .issued_at = at(t - 20)}).error().code(), Errc::revoked);
  ASSERT_TRUE(list->revoke_subject("iss", "alice", at(t), at(t + 200)));
  EXPECT_EQ(list->check({.issuer = "iss", .subject = "alice", .issued_at = at(t - 5)}).error().code(), Errc::revoked);
  EXPECT_TRUE(list->ping());
}

TEST(RedisRevocation, DataModelKeysValuesAndTtls) {
  REQUIRE_REDIS_SERVER();
  RedisServer server;
  auto o = options_for(server.port());
  o.key_prefix = "app1:";
  o.grace = std::chrono::seconds(30);
  auto list = connect(std::move(o));
  ASSERT_TRUE(list);
  Admin admin(server.port());
  const std::int64_t t = now_s();
  const std::string big(kMaxIdSize, 'z');
  ASSERT_TRUE(list->revoke_token("iss", big, at(t + 100)));
  const std::string tkey = detail::redis_key("app1:", 't', "iss", big);
  EXPECT_EQ(tkey.size(), std::string("app1:t:").size() + 64);  // bounded whatever the id
  EXPECT_EQ(admin.run({"GET", tkey}), std::to_string((t + 130) * 1000));
  const long long pttl = std::stoll(admin.run({"PTTL", tkey}));
  EXPECT_GT(pttl, 125'000);
  EXPECT_LE(pttl, 130'000);
  // An earlier end does not shorten the entry.
  ASSERT_TRUE(list->revoke_token("iss", big, at(t + 10)));
  EXPECT_EQ(admin.run({"GET", tkey}), std::to_string((t + 130) * 1000));

  ASSERT_TRUE(list->revoke_subject("iss", "alice", at(t - 10), at(t + 100)));
  const std::string skey = detail::redis_key("app1:", 's', "iss", "alice");
  EXPECT_EQ(admin.run({"GET", skey}), std::to_string((t - 10) * 1000) + ":" + std::to_string((t + 130) * 1000));
  EXPECT_GT(std::stoll(admin.run({"PTTL", skey})), 125'000);
  // Keys are length-prefixed: ("ab","c") and ("a","bc") differ.
  EXPECT_NE(detail::redis_key("", 't', "ab", "c"), detail::redis_key("", 't', "a", "bc"));
  // A revocation whose end has passed writes nothing.
  ASSERT_TRUE(list->revoke_token("iss", "old", at(t - 100)));
  EXPECT_EQ(admin.run({"EXISTS", detail::redis_key("app1:", 't', "iss", "old")}), "0");
  // Entries expire by themselves.
  ASSERT_TRUE(list->revoke_token("iss", "short", at(t - 29)));  // ends about 1 s from now (grace 30 s)
  EXPECT_FALSE(list->check({.issuer = "iss", .token_id = "short"}));
  std::this_thread::sleep_for(2100ms);
  EXPECT_TRUE(list->check({.issuer = "iss", .token_id = "short"}));
}

TEST(RedisRevocation, CheckIsOneRoundTrip) {
  REQUIRE_REDIS_SERVER();
  RedisServer server;
  auto list = connect(options_for(server.port()));
  ASSERT_TRUE(list);
  ASSERT_TRUE(list->revoke_subject("iss", "alice", at(now_s() - 10), at(now_s() + 100)));
  Admin admin(server.port());
  const long long before = admin.info_number("stats", "total_commands_processed:");
  const long long mget_before = admin.info_number("commandstats", "cmdstat_mget:calls=");
  for (int i = 0; i < 10; ++i) {
    (void)list->check({.issuer = "iss", .token_id = "t" + std::to_string(i), .subject = "alice", .issued_at = at(now_s())});
  }
  const long long mget_after = admin.info_number("commandstats", "cmdstat_mget:calls=");
  const long long after = admin.info_number("stats", "total_commands_processed:");
  // 10 checks = 10 MGETs; the rest are the admin's three INFO calls.
  EXPECT_EQ(mget_after - (mget_before < 0 ? 0 : mget_before), 10);
  EXPECT_EQ(after - before, 10 + 3);
}

TEST(RedisRevocation, InvalidArgumentsAndOptions) {
  REQUIRE_REDIS_SERVER();
  RedisServer server;
  auto list = connect(options_for(server.port()));
  ASSERT_TRUE(list);
  EXPECT_EQ(list->revoke_token("iss", "", at(now_s() + 10)).error().code(), Errc::invalid_argument);
  EXPECT_EQ(list->revoke_token("iss", std::string(kMaxIdSize + 1, 'x'), at(now_s() + 10)).error().code(),
            Errc::invalid_argument);
  EXPECT_EQ(list->revoke_subject("iss", "", at(0), at(now_s() + 10)).error().code(), Errc::invalid_argument);
  auto o = options_for(server.port());
  o.max_connections = 0;
  EXPECT_EQ(RedisRevocationList::connect(std::move(o)).error().code(), Errc::invalid_argument);
  o = options_for(server.port());
  o.key_prefix = std::string(300, 'p');
  EXPECT_EQ(RedisRevocationList::connect(std::move(o)).error().code(), Errc::invalid_argument);
  o = options_for(server.port());
  o.command_timeout = 0ms;
  EXPECT_EQ(RedisRevocationList::connect(std::move(o)).error().code(), Errc::invalid_argument);
}

TEST(RedisRevocation, AuthRequiredWrongAndRightPassword) {
  REQUIRE_REDIS_SERVER();
  const std::string password = "s3cret-PASSWORD-91";
  RedisServer server({"--requirepass", password});
  // No password: the handshake's PING answers NOAUTH.
  auto none = RedisRevocationList::connect(options_for(server.port()));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), Errc::invalid_argument);
  EXPECT_NE(none.error().detail().find("NOAUTH"), std::string_view::npos) << none.error().detail();
  // Wrong password.
  auto o = options_for(server.port());
  o.password = SecretBytes(std::string_view("wrong-password-77"));
  auto wrong = RedisRevocationList::connect(std::move(o));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), Errc::invalid_argument);
  EXPECT_EQ(wrong.error().detail().find("wrong-password-77"), std::string_view::npos);
  // Right password, and a database number.
  o = options_for(server.port());
  o.password = SecretBytes(std::string_view(password));
  o.db = 3;
  auto list = connect(std::move(o));
  ASSERT_TRUE(list);
  ASSERT_TRUE(list->revoke_token("iss", "a", at(now_s() + 100)));
  EXPECT_EQ(list->check({.issuer = "iss", .token_id = "a"}).error().code(), Errc::revoked);
  Admin admin(server.port(), password.c_str());
  admin.run({"SELECT", "3"});
  EXPECT_EQ(admin.run({"EXISTS", detail::redis_key("signet:revocation:", 't', "iss", "a")}), "1");
}

TEST(RedisRevocation, ServerStoppedThenRestarted) {
  REQUIRE_REDIS_SERVER();
  RedisServer server;
  auto closed = connect(options_for(server.port()));
  auto open = connect(options_for(server.port(), FailurePolicy::fail_open));
  ASSERT_TRUE(closed && open);
  const std::int64_t t = now_s();
  ASSERT_TRUE(closed->revoke_token("iss", "a", at(t + 100)));
  EXPECT_EQ(closed->check({.issuer = "iss", .token_id = "a"}).error().code(), Errc::revoked);
  EXPECT_EQ(open->check({.issuer = "iss", .token_id = "a"}).error().code(), Errc::revoked);

  server.stop();
  const auto t0 = std::chrono::steady_clock::now();
  auto r = closed->check({.issuer = "iss", .token_id = "a"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), Errc::backend_failure);
  EXPECT_NE(r.error().detail().find("redis"), std::string_view::npos) << r.error().detail();
  EXPECT_TRUE(open->check({.issuer = "iss", .token_id = "a"}));  // fail open: accepted unchecked
  EXPECT_EQ(closed->revoke_token("iss", "b", at(t + 100)).error().code(), Errc::backend_failure);
  EXPECT_EQ(open->revoke_token("iss", "b", at(t + 100)).error().code(), Errc::backend_failure);  // writes never fail open
  EXPECT_FALSE(closed->ping());
  // Calls during the back-off fail at once.
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(closed->check({.issuer = "iss", .token_id = "a"}));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);

  server.start();  // same port, empty (no persistence)
  std::this_thread::sleep_for(150ms);  // past the back-off
  EXPECT_TRUE(closed->ping());
  EXPECT_TRUE(closed->check({.issuer = "iss", .token_id = "a"}));
  ASSERT_TRUE(closed->revoke_token("iss", "a", at(t + 100)));
  EXPECT_EQ(open->check({.issuer = "iss", .token_id = "a"}).error().code(), Errc::revoked);
}

TEST(RedisRevocation, UnreachableAtStartIsNotFatal) {
  REQUIRE_REDIS_SERVER();
  const int port = free_port();  // nothing listens there
  auto list = connect(options_for(port));
  ASSERT_TRUE(list);
  EXPECT_EQ(list->check({.issuer = "iss", .token_id = "a"}).error().code(), Errc::backend_failure);
  auto open = connect(options_for(port, FailurePolicy::fail_open));
  EXPECT_TRUE(open->check({.issuer = "iss", .token_id = "a"}));
  // It comes up later: the list connects.
  RedisServer server({}, port);
  std::this_thread::sleep_for(150ms);  // past the back-off
  EXPECT_TRUE(list->check({.issuer = "iss", .token_id = "a"}));
  EXPECT_TRUE(list->ping());
}

TEST(RedisRevocation, SlowServerTimesOutWithoutHanging) {
  REQUIRE_REDIS_SERVER();
  RedisServer server;
  auto closed = connect(options_for(server.port()));
  auto open = connect(options_for(server.port(), FailurePolicy::fail_open));
  ASSERT_TRUE(closed && open);
  ASSERT_TRUE(closed->revoke_token("iss", "a", at(now_s() + 100)));
  Admin admin(server.port());
  ASSERT_EQ(admin.run({"CLIENT", "PAUSE", "1500", "ALL"}), "OK");
  const auto t0 = std::chrono::steady_clock::now();
  auto r = closed->check({.issuer = "iss", .token_id = "a"});
  const auto waited = std::chrono::steady_clock::now() - t0;
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), Errc::backend_failure);
  EXPECT_NE(r.error().detail().find("timed out"), std::string_view::npos) << r.error().detail();
  EXPECT_LT(waited, 1s);  // the command timeout (200 ms), not the pause
  EXPECT_TRUE(open->check({.issuer = "iss", .token_id = "a"}));
  std::this_thread::sleep_for(1600ms);  // the pause is over
  EXPECT_EQ(closed->check({.issuer = "iss", .token_id = "a"}).error().code(), Errc::revoked);
}

TEST(RedisRevocation, CorruptAndWrongTypeValues) {
  REQUIRE_REDIS_SERVER();
  RedisServer server;
  auto closed = connect(options_for(server.port()));
  auto open = connect(options_for(server.port(), FailurePolicy::fail_open));
  ASSERT_TRUE(closed && open);
  Admin admin(server.port());
  const std::string prefix = "signet:revocation:";
  // A corrupt subject cutoff refuses, whatever the policy.
  admin.run({"SET", detail::redis_key(prefix, 's', "iss", "alice"), "garbage"});
  TokenFacts f{.issuer = "iss", .subject = "alice", .issued_at = at(now_s())};
  EXPECT_EQ(closed->check(f).error().code(), Errc::backend_failure);
  EXPECT_EQ(open->check(f).error().code(), Errc::backend_failure);
  admin.run({"SET", detail::redis_key(prefix, 's', "iss", "alice"), "12:"});
  EXPECT_EQ(closed->check(f).error().code(), Errc::backend_failure);
  // revoke_subject repairs it.
  ASSERT_TRUE(closed->revoke_subject("iss", "alice", at(now_s() - 5), at(now_s() + 100)));
  EXPECT_TRUE(closed->check(f));
  // Any string at a token key revokes; revoke_token overwrites garbage.
  admin.run({"SET", detail::redis_key(prefix, 't', "iss", "t1"), "junk"});
  EXPECT_EQ(closed->check({.issuer = "iss", .token_id = "t1"}).error().code(), Errc::revoked);
  ASSERT_TRUE(closed->revoke_token("iss", "t1", at(now_s() + 100)));
  EXPECT_GT(std::stoll(admin.run({"PTTL", detail::redis_key(prefix, 't', "iss", "t1")})), 0);
  // A key of another type reads as absent (MGET's rule), and revoking over
  // it reports the clash instead of destroying someone's data.
  admin.run({"LPUSH", detail::redis_key(prefix, 't', "iss", "t2"), "x"});
  EXPECT_TRUE(closed->check({.issuer = "iss", .token_id = "t2"}));
  auto clash = closed->revoke_token("iss", "t2", at(now_s() + 100));
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().code(), Errc::backend_failure);
  EXPECT_NE(clash.error().detail().find("WRONGTYPE"), std::string_view::npos) << clash.error().detail();
  // The connection survives a server error reply.
  EXPECT_EQ(closed->check({.issuer = "iss", .token_id = "t1"}).error().code(), Errc::revoked);
}

TEST(RedisRevocation, JwtVerifierEndToEnd) {
  REQUIRE_REDIS_SERVER();
  RedisServer server;
  auto closed = connect(options_for(server.port()));
  auto open = connect(options_for(server.port(), FailurePolicy::fail_open));
  ASSERT_TRUE(closed && open);
  const auto key =
      jwt::HmacKey::from_secret(jwt::Algorithm::HS256, SecretBytes(std::string_view("0123456789abcdef0123456789abcdef")))
          .value();
  jwt::Claims c;
  c.issuer("iss").subject("alice").jwt_id("j-1").issued_at(at(now_s() - 5)).expires_at(at(now_s() + 600));
  const std::string token = jwt::Signer::create(key).value().sign(c).value();
  auto verifier_closed = jwt::Verifier::create(key, jwt::PolicyBuilder().revocation(closed).build().value()).value();
  auto verifier_open = jwt::Verifier::create(key, jwt::PolicyBuilder().revocation(open).build().value()).value();
  ASSERT_TRUE(verifier_closed.verify(token));
  // Revoked through one list (one process), refused through the other.
  ASSERT_TRUE(closed->revoke_token("iss", "j-1", at(now_s() + 600)));
  EXPECT_EQ(verifier_open.verify(token).error().code(), Errc::revoked);
  EXPECT_EQ(verifier_closed.verify(token).error().code(), Errc::revoked);
  server.stop();
  EXPECT_EQ(verifier_closed.verify(token).error().code(), Errc::backend_failure);
  EXPECT_TRUE(verifier_open.verify(token));  // fail open: accepted unchecked
}

TEST(RedisRevocation, ManyThreadsCheckWhileOthersRevoke) {
  REQUIRE_REDIS_SERVER();
  const char* dir = std::getenv("SIGNET_REDIS_DIR");
  std::unique_ptr<RedisServer> own;
  int port = 0;
  if (dir) std::ifstream(std::string(dir) + "/port") >> port;
  if (port == 0) {  // run outside CTest: a server of our own
    own = std::make_unique<RedisServer>();
    port = own->port();
  }
  auto o = options_for(port);
  o.max_connections = 4;  // fewer than the threads: the pool is shared
  o.command_timeout = 2000ms;
  o.key_prefix = "concurrency:" + std::to_string(::getpid()) + ":";
  auto list = connect(std::move(o));
  ASSERT_TRUE(list);
  constexpr int kWriters = 3, kReaders = 5, kPerWriter = 200;
  std::atomic<int> done[kWriters] = {};
  std::atomic<int> writers_left{kWriters};
  std::atomic<int> wrong{0};
  const std::int64_t until = now_s() + 300;
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i) {
        if (!list->revoke_token("iss", std::to_string(w) + "-" + std::to_string(i), at(until))) wrong.fetch_add(1);
        done[w].store(i + 1, std::memory_order_release);
      }
      writers_left.fetch_sub(1);
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&] {
      while (writers_left.load() > 0) {
        for (int w = 0; w < kWriters; ++w) {
          const int n = done[w].load(std::memory_order_acquire);
          if (n > 0) {
            auto res = list->check({.issuer = "iss", .token_id = std::to_string(w) + "-" + std::to_string(n - 1)});
            if (res || res.error().code() != Errc::revoked) wrong.fetch_add(1);
          }
          if (!list->check({.issuer = "iss", .token_id = "never-" + std::to_string(w)})) wrong.fetch_add(1);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  for (int w = 0; w < kWriters; ++w) {
    for (int i = 0; i < kPerWriter; i += 17) {
      EXPECT_FALSE(list->check({.issuer = "iss", .token_id = std::to_string(w) + "-" + std::to_string(i)}));
    }
  }
}

}  // namespace
}  // namespace signet::revocation
