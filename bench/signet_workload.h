// bench/signet_workload.h: the workload expressed with signet's builders.
#ifndef SIGNET_BENCH_SIGNET_WORKLOAD_H_
#define SIGNET_BENCH_SIGNET_WORKLOAD_H_

#include <chrono>

#include "signet/jwt.h"
#include "workload.h"

// PASETO is benchmarked when its header exists (it landed after the rest).
#if __has_include("signet/paseto.h")
#include "signet/paseto.h"
#define SIGNET_BENCH_HAVE_PASETO 1
#endif

namespace signet_bench {

// jwt_claims builds the 5-claim payload with the claims builder; its
// to_json() is exactly kClaimsJson.
inline signet::jwt::Claims jwt_claims() {
  signet::jwt::Claims c;
  c.subject(kSubject)
      .set("name", kName)
      .set("admin", true)
      .issued_at(signet::UnixTime(std::chrono::seconds(kIat)))
      .expires_at(signet::UnixTime(std::chrono::seconds(kExp)));
  return c;
}

#ifdef SIGNET_BENCH_HAVE_PASETO
// paseto_claims is the same payload for PASETO (times as RFC 3339 strings).
inline signet::paseto::Claims paseto_claims() {
  signet::paseto::Claims c;
  c.subject(kSubject)
      .set("name", kName)
      .set("admin", true)
      .issued_at(signet::UnixTime(std::chrono::seconds(kIat)))
      .expires_at(signet::UnixTime(std::chrono::seconds(kExp)));
  return c;
}
#endif

}  // namespace signet_bench

#endif  // SIGNET_BENCH_SIGNET_WORKLOAD_H_
