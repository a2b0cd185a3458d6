// bench/alloc_counter.h: counts heap allocations per thread.
//
// Linking alloc_counter.cc into an executable replaces the global operator
// new/delete (every form) with versions that count calls in a thread-local
// counter and then use malloc/free, and, from a static initializer that runs
// before any other, routes OpenSSL's allocations through counting wrappers
// with CRYPTO_set_mem_functions. Both counters are per thread, so counting
// costs no shared cache line (the 2-thread benchmarks stay honest).
//
// Used by the benchmark binary (allocs/op counters) and by the allocation
// test (tests/alloc). Works under AddressSanitizer: ASan intercepts malloc
// and free, which the replacements call.
#ifndef SIGNET_BENCH_ALLOC_COUNTER_H_
#define SIGNET_BENCH_ALLOC_COUNTER_H_

#include <cstdint>

namespace signet_alloc {

struct Counts {
  std::uint64_t cxx_new = 0;  // calls of any global operator new (C++ code: signet, libstdc++, simdjson, nlohmann...)
  std::uint64_t openssl = 0;  // CRYPTO_malloc / CRYPTO_realloc calls (OpenSSL, and libraries calling it)
};

inline Counts operator-(const Counts& a, const Counts& b) noexcept {
  return {a.cxx_new - b.cxx_new, a.openssl - b.openssl};
}

// thread_counts returns this thread's totals since it started.
Counts thread_counts() noexcept;

// openssl_hook_installed tells whether CRYPTO_set_mem_functions succeeded
// (it fails if OpenSSL allocated anything first); if not, `openssl` stays 0.
bool openssl_hook_installed() noexcept;

}  // namespace signet_alloc

#endif  // SIGNET_BENCH_ALLOC_COUNTER_H_
