#pragma once

#include <atomic>
#include <cstdint>

#include "adapters/clock/clock.hpp"
#include "core/common/clock.hpp"

namespace chinjeol::testing {

// A clock that runs with the system's but can be moved forward by hand: tests step past
// session lifetimes, lockout windows and deadlines without waiting.
class ManualClock final : public Clock {
 public:
  void Advance(std::int64_t seconds) { offset_ += seconds; }

  std::int64_t UnixNow() const override { return clock::UnixNow() + offset_.load(); }
  LocalDateTime LocalNow() const override {
    const LocalDateTime now = clock::LocalNow();
    std::int64_t seconds = static_cast<std::int64_t>(DayNumber(now.date)) * 86400 +
                           now.hour * 3600 + now.minute * 60 + now.second + offset_.load();
    const int day = static_cast<int>(seconds / 86400);
    seconds %= 86400;
    return {DateFromDayNumber(day), static_cast<int>(seconds / 3600),
            static_cast<int>(seconds % 3600 / 60), static_cast<int>(seconds % 60)};
  }

 private:
  std::atomic<std::int64_t> offset_{0};
};

}  // namespace chinjeol::testing
