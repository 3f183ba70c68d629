#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace chinjeol {

// A civil calendar date (no time zone). Programmes run in one organisation's local time.
using Date = std::chrono::year_month_day;

// A local wall-clock time on a date, to the second (the organisation's own time zone).
struct LocalDateTime {
  Date date;
  int hour = 0;
  int minute = 0;
  int second = 0;

  int MinuteOfDay() const { return hour * 60 + minute; }
  friend auto operator<=>(const LocalDateTime&, const LocalDateTime&) = default;
};

// Strict "YYYY-MM-DD"; empty when the text is not a real date.
std::optional<Date> ParseDate(std::string_view text);

// ISO 8601 local time: "YYYY-MM-DDTHH:MM[:SS]" (a space may replace the T). A date alone means
// midnight. Fractions of a second are accepted and dropped; a zone suffix is rejected because
// times are local.
std::optional<LocalDateTime> ParseLocalDateTime(std::string_view text);

std::string FormatDate(const Date& date);                    // "2021-05-17"
std::string FormatLocalDateTime(const LocalDateTime& time);  // "2021-05-17T10:05:00"

inline Date AddDays(const Date& date, int days) {
  return Date(std::chrono::sys_days(date) + std::chrono::days(days));
}
inline int DaysBetween(const Date& from, const Date& to) {
  return static_cast<int>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}
// ISO weekday: 1 = Monday ... 7 = Sunday.
inline unsigned IsoWeekday(const Date& date) {
  return std::chrono::weekday(std::chrono::sys_days(date)).iso_encoding();
}
inline bool IsWeekend(const Date& date) { return IsoWeekday(date) >= 6; }

// Days since 1970-01-01, a compact key for maps and arrays.
inline int DayNumber(const Date& date) {
  return static_cast<int>(std::chrono::sys_days(date).time_since_epoch().count());
}
inline Date DateFromDayNumber(int day_number) {
  return Date(std::chrono::sys_days(std::chrono::days(day_number)));
}

}  // namespace chinjeol
