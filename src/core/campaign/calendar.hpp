#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/common/date.hpp"

namespace chinjeol::campaign {

// A public holiday (공휴일), including substitute holidays (대체공휴일).
struct Holiday {
  Date date;
  std::string name_ko;
  std::string name_en;
  std::string kind;  // fixed, lunar, national, substitute, election, temporary
};

// A day the organisation, or one department, is closed (e.g. a city anniversary).
struct Closure {
  Date date;
  std::string department_code;  // empty = the whole organisation
  std::string reason;
};

// Which days are working days: not a weekend, not a public holiday, not closed.
class WorkingCalendar {
 public:
  WorkingCalendar(const std::vector<Holiday>& holidays, const std::vector<Closure>& closures);

  // For the organisation as a whole.
  bool IsWorkingDay(const Date& date) const;
  // For one department (organisation-wide closures apply too).
  bool IsWorkingDay(const Date& date, std::string_view department_code) const;
  // Working days from `from` to `to`, both inclusive.
  std::vector<Date> WorkingDays(const Date& from, const Date& to) const;
  // The holiday on `date`, if any.
  const Holiday* HolidayOn(const Date& date) const;

 private:
  std::unordered_map<int, Holiday> holidays_;  // by DayNumber
  std::unordered_set<int> closed_days_;        // organisation-wide closures
  std::unordered_map<int, std::vector<std::string>> department_closures_;
};

}  // namespace chinjeol::campaign
