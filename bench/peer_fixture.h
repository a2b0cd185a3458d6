// bench/peer_fixture.h: what the C/C++ peer benchmarks (libjwt, cpp-jwt)
// share: the fixture of one algorithm (keys as the peer takes them, the
// workload token and its tampered twin) and the registration of the peer's
// verify / sign / rejected rows after checking that the peer computes the
// right thing on the workload.
#ifndef SIGNET_BENCH_PEER_FIXTURE_H_
#define SIGNET_BENCH_PEER_FIXTURE_H_

#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

#include "meter.h"
#include "workload.h"

namespace signet_bench {

// PeerFixture is one algorithm for one peer; Alg is the peer's own algorithm
// designation (a name, an enum).
template <class Alg>
struct PeerFixture {
  std::string name;  // "hs256", "es256", ...
  Alg alg;
  std::string sign_key, verify_key;  // HS256: the secret twice; else PEM private / public text
  std::string token, bad_token;      // signet's workload token, and one with a tampered signature
};

// make_peer_fixture loads the keys for `pem` (a bench/keys base name; empty
// for HS256, which uses the workload secret) and the workload tokens. The
// fixture lives until the program ends (registered benchmarks use it).
template <class Alg>
PeerFixture<Alg>* make_peer_fixture(std::string_view name, Alg alg, std::string_view pem) {
  const bool hmac = pem.empty();
  auto* f = keep(new PeerFixture<Alg>{
      std::string(name), alg, hmac ? std::string(kHmacSecret) : read_file(key_path(std::string(pem) + ".pem")),
      hmac ? std::string(kHmacSecret) : read_file(key_path(std::string(pem) + ".pub.pem")), {}, {}});
  f->token = workload_token(name);
  f->bad_token = tamper_signature(f->token);
  return f;
}

// register_peer_benchmarks dies unless the peer signs, accepts its own and
// the workload token and refuses the tampered one, then registers
// "<name>_verify/<peer>", "<name>_sign/<peer>" and, with `rejected`,
// "<name>_verify_rejected/<peer>". verify(fixture, token) -> bool;
// sign(fixture) -> std::string (empty on failure).
template <class Alg, class Verify, class Sign>
void register_peer_benchmarks(const PeerFixture<Alg>* f, std::string_view peer, Verify verify, Sign sign,
                              bool rejected) {
  const std::string own = sign(*f);
  require(!own.empty(), std::string(peer) + " cannot sign", f->name);
  require(verify(*f, own), std::string(peer) + " rejects its own token", f->name);
  require(verify(*f, f->token), std::string(peer) + " rejects the workload token", f->name);
  require(!verify(*f, f->bad_token), std::string(peer) + " accepts a tampered token", f->name);

  auto verify_row = [f, verify](const std::string* token) {
    return [f, verify, token](benchmark::State& state) {
      AllocMeter meter;
      for (auto _ : state) {
        bool ok = verify(*f, *token);
        benchmark::DoNotOptimize(ok);
      }
      meter.report(state);
    };
  };
  const std::string suffix = "/" + std::string(peer);
  benchmark::RegisterBenchmark((f->name + "_verify" + suffix).c_str(), verify_row(&f->token));
  benchmark::RegisterBenchmark((f->name + "_sign" + suffix).c_str(), [f, sign](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      std::string t = sign(*f);
      benchmark::DoNotOptimize(t);
    }
    meter.report(state);
  });
  if (rejected) benchmark::RegisterBenchmark((f->name + "_verify_rejected" + suffix).c_str(), verify_row(&f->bad_token));
}

}  // namespace signet_bench

#endif  // SIGNET_BENCH_PEER_FIXTURE_H_
