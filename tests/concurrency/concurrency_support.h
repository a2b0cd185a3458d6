// Helpers for the concurrency tests: start many threads at once and count
// wrong results without calling GoogleTest from worker threads.
#ifndef SIGNET_TESTS_CONCURRENCY_CONCURRENCY_SUPPORT_H_
#define SIGNET_TESTS_CONCURRENCY_CONCURRENCY_SUPPORT_H_

#include <atomic>
#include <cstddef>
#include <functional>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "signet/result.h"

namespace signet::testing {

// Threads each concurrency test starts; at least 8 (the floor).
inline constexpr int kThreads = 8;

// Failures collects wrong results from worker threads. GoogleTest assertions
// are made on the main thread afterwards (from `count()` and `first()`), so
// the test checks every result without relying on GoogleTest's own locking.
class Failures {
 public:
  // fail records one wrong result; the first message is kept for the report.
  void fail(const std::string& what) {
    if (count_.fetch_add(1, std::memory_order_relaxed) == 0) {
      std::lock_guard lock(mu_);
      first_ = what;
    }
  }
  // expect records a failure when `ok` is false.
  void expect(bool ok, const char* what) {
    if (!ok) fail(what);
  }
  std::size_t count() const noexcept { return count_.load(); }
  std::string first() const {
    std::lock_guard lock(mu_);
    return first_;
  }

 private:
  std::atomic<std::size_t> count_{0};
  mutable std::mutex mu_;
  std::string first_;
};

// run_threads runs body(thread_index) on `n` threads that all start together
// (a latch releases them at once, to maximise overlap) and joins them.
inline void run_threads(int n, const std::function<void(int)>& body) {
  std::latch start(n);
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      body(i);
    });
  }
  for (auto& t : threads) t.join();
}

// is_error reports whether `r` failed with `code`.
template <class R>
bool is_error(const R& r, Errc code) {
  return !r.has_value() && r.error().code() == code;
}

}  // namespace signet::testing

#endif  // SIGNET_TESTS_CONCURRENCY_CONCURRENCY_SUPPORT_H_
