#include "signet/clock.h"

#include <gtest/gtest.h>

namespace signet {
namespace {

TEST(ClockTest, FixedClockReturnsItsTime) {
  const auto clock = FixedClock::from_seconds(1700000000);
  EXPECT_EQ(clock.now().time_since_epoch(), std::chrono::seconds(1700000000));
}

TEST(ClockTest, SystemClockIsNearTheStandardClock) {
  const auto before = std::chrono::system_clock::now();
  const auto now = SystemClock::instance().now();
  const auto after = std::chrono::system_clock::now();
  EXPECT_GE(now, std::chrono::time_point_cast<std::chrono::nanoseconds>(before));
  EXPECT_LE(now, std::chrono::time_point_cast<std::chrono::nanoseconds>(after));
}

}  // namespace
}  // namespace signet
