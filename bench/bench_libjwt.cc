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

#include "peer_fixture.h"

namespace signet_bench {
namespace {

using Fixture = PeerFixture<jwt_alg_t>;

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

}  // namespace

// Verify inputs are the tokens signet made (workload_token), so every
// implementation verifies the same bytes; libjwt's own tokens (it sorts the
// members) are only checked to round-trip.
void register_libjwt_benchmarks() {
  for (auto [name, alg, pem] : {std::tuple{"hs256", JWT_ALG_HS256, ""}, std::tuple{"es256", JWT_ALG_ES256, "es256"},
                                std::tuple{"rs256", JWT_ALG_RS256, "rsa2048"}}) {
    register_peer_benchmarks(make_peer_fixture(name, alg, pem), "libjwt", verify, sign,
                             /*rejected=*/alg == JWT_ALG_HS256);
  }
}

}  // namespace signet_bench
