#include "adapters/clock/clock.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>

namespace chinjeol::clock {

LocalDateTime LocalNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  const Date date{std::chrono::year(local.tm_year + 1900),
                  std::chrono::month(static_cast<unsigned>(local.tm_mon + 1)),
                  std::chrono::day(static_cast<unsigned>(local.tm_mday))};
  return {date, local.tm_hour, local.tm_min, local.tm_sec};
}

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

class System final : public Clock {
 public:
  std::int64_t UnixNow() const override { return clock::UnixNow(); }
  LocalDateTime LocalNow() const override { return clock::LocalNow(); }
};

}  // namespace

void UseOrganisationTimeZone() {
  ::setenv("TZ", "Asia/Seoul", /*overwrite=*/0);
  ::tzset();
}

const Clock& SystemClock() {
  static const System system;
  return system;
}

std::string UtcText(std::int64_t unix_seconds) {
  const std::time_t seconds = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t size = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text, size);
}

}  // namespace chinjeol::clock
