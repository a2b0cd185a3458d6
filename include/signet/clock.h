// signet/clock.h: an injectable time source.
#ifndef SIGNET_CLOCK_H_
#define SIGNET_CLOCK_H_

#include <chrono>
#include <cstdint>

namespace signet {

// UnixTime is a point in time as nanoseconds since 1970-01-01T00:00:00Z.
using UnixTime = std::chrono::sys_time<std::chrono::nanoseconds>;

// Clock tells the current time. Implementations must be safe to call from
// several threads at once.
class Clock {
 public:
  virtual ~Clock() = default;
  // now returns the current time.
  virtual UnixTime now() const noexcept = 0;
};

// SystemClock reads the operating system's real-time clock.
class SystemClock final : public Clock {
 public:
  UnixTime now() const noexcept override;
  // instance returns a process-wide SystemClock.
  static const SystemClock& instance() noexcept;
};

// FixedClock always returns the time it was given; for tests and for `--now`.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(UnixTime t) noexcept : t_(t) {}
  // from_seconds makes a FixedClock at `seconds` since the epoch.
  static FixedClock from_seconds(std::int64_t seconds) noexcept {
    return FixedClock(UnixTime(std::chrono::seconds(seconds)));
  }
  UnixTime now() const noexcept override { return t_; }

 private:
  UnixTime t_;
};

}  // namespace signet

#endif  // SIGNET_CLOCK_H_
