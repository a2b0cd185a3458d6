// bench/bench_libjwt.cc: libjwt 1.10 (Debian libjwt-dev) on the same workload.
//
// libjwt takes the key as bytes on every call (PEM text for ES256/RS256, so
// it parses the PEM every time: that is its API). It has no claim validator:
// verify = jwt_decode (signature) + jwt_get_grant_int("exp") > now and
// "iat" <= now, as a user writes it. libjwt 1.10 has neither EdDSA nor PS256.
#include <benchmark/benchmark.h>
#include <jwt.h>

#include <cstdlib>
#include <ctime>
#include <string>
#include <tuple>

#include "meter.h"
#include "workload.h"

namespace signet_bench {
namespace {

struct Fixture {
  std::string name;
  jwt_alg_t alg;
  std::string sign_key, verify_key;  // HS256: the secret twice; else PEM private / public
  std::string token, bad_token;
};

// verify returns true when libjwt accepts the token and exp/iat hold.
bool verify(const Fixture& f, const std::string& token) {
  jwt_t* jwt = nullptr;
  if (jwt_decode(&jwt, token.c_str(), reinterpret_cast<const unsigned char*>(f.verify_key.data()),
                 static_cast<int>(f.verify_key.size())) != 0) {
    return false;
  }
  const long now = static_cast<long>(std::time(nullptr));
  const bool ok = jwt_get_alg(jwt) == f.alg && jwt_get_grant_int(jwt, "exp") > now && jwt_get_grant_int(jwt, "iat") <= now;
  jwt_free(jwt);
  return ok;
}

// sign builds the claims and returns the token (empty on failure).
std::string sign(const Fixture& f) {
  jwt_t* jwt = nullptr;
  if (jwt_new(&jwt) != 0) return {};
  std::string out;
  if (jwt_add_grant(jwt, "sub", "1234567890") == 0 && jwt_add_grant(jwt, "name", "John Doe") == 0 &&
      jwt_add_grant_bool(jwt, "admin", 1) == 0 && jwt_add_grant_int(jwt, "iat", kIat) == 0 &&
      jwt_add_grant_int(jwt, "exp", kExp) == 0 &&
      jwt_set_alg(jwt, f.alg, reinterpret_cast<const unsigned char*>(f.sign_key.data()), static_cast<int>(f.sign_key.size())) == 0) {
    if (char* s = jwt_encode_str(jwt)) {
      out = s;
      std::free(s);
    }
  }
  jwt_free(jwt);
  return out;
}

void register_fixture(Fixture* f, bool rejected) {
  require(!sign(*f).empty(), "libjwt cannot sign", f->name);
  require(verify(*f, f->token), "libjwt rejects the workload token", f->name);
  require(!verify(*f, f->bad_token), "libjwt accepts a tampered token", f->name);
  require(verify(*f, sign(*f)), "libjwt rejects its own token", f->name);

  benchmark::RegisterBenchmark((f->name + "_verify/libjwt").c_str(), [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      bool ok = verify(*f, f->token);
      benchmark::DoNotOptimize(ok);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark((f->name + "_sign/libjwt").c_str(), [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      std::string t = sign(*f);
      benchmark::DoNotOptimize(t);
    }
    meter.report(state);
  });
  if (rejected) {
    benchmark::RegisterBenchmark((f->name + "_verify_rejected/libjwt").c_str(), [f](benchmark::State& state) {
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

// Verify inputs are the tokens signet made (workload_token), so every
// implementation verifies the same bytes; libjwt's own tokens (it sorts the
// members) are only checked to round-trip.
void register_libjwt_benchmarks() {
  for (auto [name, alg, pem] : {std::tuple{"hs256", JWT_ALG_HS256, ""}, std::tuple{"es256", JWT_ALG_ES256, "es256"},
                                std::tuple{"rs256", JWT_ALG_RS256, "rsa2048"}}) {
    const bool hmac = alg == JWT_ALG_HS256;
    auto* f = keep(new Fixture{name, alg, hmac ? std::string(kHmacSecret) : read_file(key_path(std::string(pem) + ".pem")),
                               hmac ? std::string(kHmacSecret) : read_file(key_path(std::string(pem) + ".pub.pem")), {}, {}});
    f->token = workload_token(name);
    f->bad_token = tamper_signature(f->token);
    register_fixture(f, /*rejected=*/hmac);
  }
}

}  // namespace signet_bench
