// bench/bench_cppjwt.cc: cpp-jwt 1.4 (Debian libcpp-jwt-dev, nlohmann/json)
// on the same workload.
//
// cpp-jwt takes the key as a string on every call (PEM text for ES256/RS256,
// parsed every time: that is its API). verify = jwt::decode with
// verify(true) (which checks exp) and validate_iat(true), with an
// error_code (no exceptions on the hot path). sign = jwt_object with the five
// claims added, then signature(). cpp-jwt has neither EdDSA nor PS256.
//
// cpp-jwt's headers define non-inline functions: include them in this one
// translation unit only.
#include <benchmark/benchmark.h>

#include <jwt/jwt.hpp>

#include <string>
#include <system_error>
#include <tuple>

#include "meter.h"
#include "workload.h"

namespace signet_bench {
namespace {

struct Fixture {
  std::string name;
  std::string alg;
  std::string sign_key, verify_key;
  std::string token, bad_token;
};

bool verify(const Fixture& f, const std::string& token) {
  namespace p = jwt::params;
  std::error_code ec;
  auto obj = jwt::decode(token, p::algorithms({f.alg}), ec, p::secret(f.verify_key), p::verify(true), p::validate_iat(true));
  benchmark::DoNotOptimize(obj);
  return !ec;
}

std::string sign(const Fixture& f) {
  namespace p = jwt::params;
  jwt::jwt_object obj{p::algorithm(f.alg), p::secret(f.sign_key)};
  obj.add_claim("sub", "1234567890")
      .add_claim("name", "John Doe")
      .add_claim("admin", true)
      .add_claim("iat", kIat)
      .add_claim("exp", kExp);
  std::error_code ec;
  std::string out = obj.signature(ec);
  return ec ? std::string() : out;
}

void register_fixture(Fixture* f, bool rejected) {
  const std::string own = sign(*f);
  require(!own.empty(), "cpp-jwt cannot sign", f->name);
  require(verify(*f, own), "cpp-jwt rejects its own token", f->name);
  require(verify(*f, f->token), "cpp-jwt rejects the workload token", f->name);
  require(!verify(*f, f->bad_token), "cpp-jwt accepts a tampered token", f->name);

  benchmark::RegisterBenchmark((f->name + "_verify/cpp_jwt").c_str(), [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      bool ok = verify(*f, f->token);
      benchmark::DoNotOptimize(ok);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark((f->name + "_sign/cpp_jwt").c_str(), [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      std::string t = sign(*f);
      benchmark::DoNotOptimize(t);
    }
    meter.report(state);
  });
  if (rejected) {
    benchmark::RegisterBenchmark((f->name + "_verify_rejected/cpp_jwt").c_str(), [f](benchmark::State& state) {
      AllocMeter meter;
      for (auto _ : state) {
        bool ok = verify(*f, f->bad_token);
        benchmark::DoNotOptimize(ok);
      }
      meter.report(state);
    });
  }
}

}  // namespace

void register_cppjwt_benchmarks() {
  for (auto [name, alg, pem] : {std::tuple{"hs256", "HS256", ""}, std::tuple{"es256", "ES256", "es256"},
                                std::tuple{"rs256", "RS256", "rsa2048"}}) {
    const bool hmac = std::string_view(alg) == "HS256";
    auto* f = keep(new Fixture{name, alg, hmac ? std::string(kHmacSecret) : read_file(key_path(std::string(pem) + ".pem")),
                               hmac ? std::string(kHmacSecret) : read_file(key_path(std::string(pem) + ".pub.pem")), {}, {}});
    f->token = workload_token(name);
    f->bad_token = tamper_signature(f->token);
    register_fixture(f, /*rejected=*/hmac);
  }
}

}  // namespace signet_bench
