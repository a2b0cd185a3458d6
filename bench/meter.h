// bench/meter.h: per-benchmark allocation counters.
#ifndef SIGNET_BENCH_METER_H_
#define SIGNET_BENCH_METER_H_

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "alloc_counter.h"

namespace signet_bench {

// AllocMeter samples this thread's allocation counters when built and, in
// report(), adds two per-iteration counters to the benchmark:
//   allocs_per_op          global operator new calls (C++ code),
//   openssl_allocs_per_op  OpenSSL CRYPTO_malloc/realloc calls.
// Build it right before the timed loop, call report() right after. With
// ->Threads(n) each thread counts its own calls; Google Benchmark sums the
// threads' counters and divides by the total iteration count.
class AllocMeter {
 public:
  AllocMeter() noexcept : start_(signet_alloc::thread_counts()) {}
  void report(benchmark::State& state) const {
    const auto d = signet_alloc::thread_counts() - start_;
    state.counters["allocs_per_op"] =
        benchmark::Counter(static_cast<double>(d.cxx_new), benchmark::Counter::kAvgIterations);
    state.counters["openssl_allocs_per_op"] =
        benchmark::Counter(static_cast<double>(d.openssl), benchmark::Counter::kAvgIterations);
  }

 private:
  signet_alloc::Counts start_;
};

// keep takes a fixture that registered benchmarks use until the program
// ends; a static list owns it and destroys it at exit (no leak reports under
// ASan, whose leak check runs after Google Benchmark drops its lambdas).
template <class T>
T* keep(T* fixture) {
  static std::vector<std::unique_ptr<T>> all;
  all.emplace_back(fixture);
  return fixture;
}

// Registration entry points, one per translation unit (called from main).
void register_raw_benchmarks();
void register_signet_benchmarks();
void register_libjwt_benchmarks();   // defined only when libjwt was found
void register_cppjwt_benchmarks();   // defined only when cpp-jwt was found

// workload_token returns the token signet made for "hs256", "es256", "eddsa",
// "rs256" or "ps256" (valid after register_signet_benchmarks), so that every
// implementation verifies the same bytes.
const std::string& workload_token(std::string_view name);

// add_context records a key/value in the JSON output's "context".
void add_context(const std::string& key, const std::string& value);

}  // namespace signet_bench

#endif  // SIGNET_BENCH_METER_H_
