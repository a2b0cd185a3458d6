// bench/bench_revocation.cc: signet_bench_revocation, what a revocation list
// costs a verifier. HS256 verification of a valid, not revoked token:
//   - with no list,
//   - with a MemoryRevocationList holding 100 000 entries (token entries and
//     subject cutoffs), on 1 and 2 threads,
//   - with a RedisRevocationList on loopback (one MGET per verification),
// plus the bare check() and revoke_token() of each backend.
//
// The Redis rows use $SIGNET_BENCH_REDIS_URL when set, else a redis-server
// this program starts on a free loopback port (no persistence) and stops at
// exit. Without either, the Redis rows are skipped with a message.
// Benchmarks measure, never assert.
#include <arpa/inet.h>
#include <fcntl.h>
#include <benchmark/benchmark.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "signet/jwt.h"
#include "signet/revocation.h"
#include "signet/revocation/redis.h"

namespace {

using namespace signet;

constexpr std::string_view kSecret = "bench-secret-bench-secret-bench-secret-32";
constexpr int kEntries = 100'000;

std::int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}
UnixTime at(std::int64_t s) { return UnixTime(std::chrono::seconds(s)); }

jwt::HmacKey key() {
  return jwt::HmacKey::from_secret(jwt::Algorithm::HS256, SecretBytes(kSecret)).value();
}

// A typical access token: iss, sub, jti, iat, exp, aud.
const std::string& token() {
  static const std::string t = [] {
    jwt::Claims c;
    c.issuer("https://auth.example.com").subject("user-1234567").audience("api").jwt_id("a1b2c3d4-e5f6-4711-8899-aabbccddeeff");
    c.issued_at(at(now_s())).expires_at(at(now_s() + 3600));
    return jwt::Signer::create(key()).value().sign(c).value();
  }();
  return t;
}

jwt::Verifier verifier(std::shared_ptr<const revocation::RevocationList> list) {
  auto policy = jwt::PolicyBuilder().expect_audience("api").revocation(std::move(list)).build().value();
  return jwt::Verifier::create(key(), std::move(policy)).value();
}

// ------------------------------------------------------------ Redis server

class RedisProcess {
 public:
  ~RedisProcess() { stop(); }
  std::string start() {
    const char* server = "/usr/bin/redis-server";
    if (::access(server, X_OK) != 0) return "";
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    (void)::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    (void)::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    const std::string port = std::to_string(ntohs(addr.sin_port));
    pid_ = ::fork();
    if (pid_ == 0) {
      const int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, 1);
      ::dup2(devnull, 2);
      ::execl(server, server, "--port", port.c_str(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
              "--daemonize", "no", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    return "redis://127.0.0.1:" + port;
  }
  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
    }
  }

 private:
  pid_t pid_ = -1;
};

RedisProcess& redis_process() {
  static RedisProcess p;
  return p;
}

// The shared Redis list, or nullptr (with the reason printed once).
std::shared_ptr<revocation::RedisRevocationList> redis_list() {
  static std::shared_ptr<revocation::RedisRevocationList> list = []() -> std::shared_ptr<revocation::RedisRevocationList> {
    std::string url;
    if (const char* env = std::getenv("SIGNET_BENCH_REDIS_URL")) url = env;
    if (url.empty()) url = redis_process().start();
    if (url.empty()) {
      std::fprintf(stderr, "signet_bench_revocation: no redis-server and no SIGNET_BENCH_REDIS_URL: Redis rows skipped\n");
      return nullptr;
    }
    auto options = revocation::parse_redis_url(url);
    if (!options) return nullptr;
    options->key_prefix = "signet-bench:";
    auto made = revocation::RedisRevocationList::connect(std::move(*options));
    if (!made) return nullptr;
    for (int i = 0; i < 100; ++i) {  // wait for a server we just started
      if ((*made)->ping()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!(*made)->ping()) {
      std::fprintf(stderr, "signet_bench_revocation: Redis at %s does not answer: Redis rows skipped\n", url.c_str());
      return nullptr;
    }
    // As many entries as the memory list holds, so both answer the same question.
    for (int i = 0; i < kEntries; i += 2) {
      (void)(*made)->revoke_token("https://auth.example.com", "revoked-" + std::to_string(i), at(now_s() + 3600));
      (void)(*made)->revoke_subject("https://auth.example.com", "user-" + std::to_string(i), at(now_s() - 3600),
                                    at(now_s() + 3600));
    }
    return *made;
  }();
  return list;
}

std::shared_ptr<revocation::MemoryRevocationList> memory_list() {
  static std::shared_ptr<revocation::MemoryRevocationList> list = [] {
    auto made = revocation::MemoryRevocationList::create().value();
    for (int i = 0; i < kEntries; i += 2) {
      (void)made->revoke_token("https://auth.example.com", "revoked-" + std::to_string(i), at(now_s() + 3600));
      (void)made->revoke_subject("https://auth.example.com", "user-" + std::to_string(i), at(now_s() - 3600),
                                 at(now_s() + 3600));
    }
    return made;
  }();
  return list;
}

void run_verify(benchmark::State& state, const jwt::Verifier& v) {
  const std::string& t = token();
  for (auto _ : state) {
    auto r = v.verify(t);
    if (!r) {
      state.SkipWithError("verification failed");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
}

void BM_Hs256Verify_NoList(benchmark::State& state) {
  static const jwt::Verifier v = verifier(nullptr);
  run_verify(state, v);
}

void BM_Hs256Verify_Memory100k(benchmark::State& state) {
  static const jwt::Verifier v = verifier(memory_list());
  run_verify(state, v);
}

void BM_Hs256Verify_RedisLoopback(benchmark::State& state) {
  auto list = redis_list();
  if (!list) {
    state.SkipWithError("no Redis server (see stderr)");
    return;
  }
  static const jwt::Verifier v = verifier(list);
  run_verify(state, v);
}

const revocation::TokenFacts kFacts{.issuer = "https://auth.example.com",
                                    .token_id = "a1b2c3d4-e5f6-4711-8899-aabbccddeeff",
                                    .subject = "user-1234567",
                                    .issued_at = UnixTime(std::chrono::seconds(1'700'000'000)),
                                    .expires_at = std::nullopt};

void BM_Check_Memory100k(benchmark::State& state) {
  auto list = memory_list();
  for (auto _ : state) benchmark::DoNotOptimize(list->check(kFacts));
}

void BM_Check_RedisLoopback(benchmark::State& state) {
  auto list = redis_list();
  if (!list) {
    state.SkipWithError("no Redis server (see stderr)");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(list->check(kFacts));
}

void BM_RevokeToken_Memory(benchmark::State& state) {
  auto list = revocation::MemoryRevocationList::create({.max_entries = 10'000'000}).value();
  std::int64_t i = 0;
  const UnixTime until = at(now_s() + 3600);
  for (auto _ : state) benchmark::DoNotOptimize(list->revoke_token("iss", std::to_string(i++), until));
}

void BM_RevokeToken_RedisLoopback(benchmark::State& state) {
  auto list = redis_list();
  if (!list) {
    state.SkipWithError("no Redis server (see stderr)");
    return;
  }
  std::int64_t i = 0;
  const UnixTime until = at(now_s() + 600);
  for (auto _ : state) benchmark::DoNotOptimize(list->revoke_token("bench", std::to_string(i++), until));
}

BENCHMARK(BM_Hs256Verify_NoList)->Threads(1)->Threads(2);
BENCHMARK(BM_Hs256Verify_Memory100k)->Threads(1)->Threads(2);
BENCHMARK(BM_Hs256Verify_RedisLoopback)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_Check_Memory100k);
BENCHMARK(BM_Check_RedisLoopback)->UseRealTime();
BENCHMARK(BM_RevokeToken_Memory);
BENCHMARK(BM_RevokeToken_RedisLoopback)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  redis_process().stop();
  return 0;
}
