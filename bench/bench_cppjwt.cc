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

#include "peer_fixture.h"

namespace signet_bench {
namespace {

using Fixture = PeerFixture<std::string>;

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

}  // namespace

void register_cppjwt_benchmarks() {
  for (auto [name, alg, pem] : {std::tuple{"hs256", "HS256", ""}, std::tuple{"es256", "ES256", "es256"},
                                std::tuple{"rs256", "RS256", "rsa2048"}}) {
    register_peer_benchmarks(make_peer_fixture(name, std::string(alg), pem), "cpp_jwt", verify, sign,
                             /*rejected=*/std::string_view(alg) == "HS256");
  }
}

}  // namespace signet_bench
