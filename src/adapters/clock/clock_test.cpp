#include "adapters/clock/clock.hpp"

#include <gtest/gtest.h>

namespace chinjeol::clock {
namespace {

TEST(ClockTest, UtcTextFormatsSecondsSinceTheEpoch) {
  EXPECT_EQ(UtcText(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(UtcText(1621213500), "2021-05-17T01:05:00Z");
}

TEST(ClockTest, LocalNowAndUnixNowAgreeOnTheDay) {
  const std::int64_t before = UnixNow();
  const LocalDateTime local = LocalNow();
  const std::int64_t after = UnixNow();
  EXPECT_GE(after, before);
  EXPECT_GT(before, 1600000000);  // after September 2020
  // Local time is within a day of UTC in every time zone.
  const int utc_day = static_cast<int>(before / 86400);
  EXPECT_LE(std::abs(DayNumber(local.date) - utc_day), 1);
  EXPECT_GE(local.hour, 0);
  EXPECT_LT(local.hour, 24);
}

}  // namespace
}  // namespace chinjeol::clock
