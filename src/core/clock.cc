#include "signet/clock.h"

namespace signet {

// Every verification reads this clock once, and the read is a visible part
// of its cost (~20 ns on a virtual machine). CLOCK_REALTIME_COARSE would be
// cheaper (no TSC read), but it returns the time of the last timer tick:
// usually 1-4 ms behind, and unboundedly behind on a CPU whose tick is held
// off (nohz_full, a stalled virtual CPU), so a verdict could be reached for
// a time before the call was even made. The precise clock it stays.
UnixTime SystemClock::now() const noexcept {
  return std::chrono::time_point_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now());
}

const SystemClock& SystemClock::instance() noexcept {
  static const SystemClock clock;
  return clock;
}

}  // namespace signet
