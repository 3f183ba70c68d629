#include "core/campaign/calendar.hpp"

#include <algorithm>

namespace chinjeol::campaign {

WorkingCalendar::WorkingCalendar(const std::vector<Holiday>& holidays,
                                 const std::vector<Closure>& closures) {
  for (const Holiday& holiday : holidays) holidays_.emplace(DayNumber(holiday.date), holiday);
  for (const Closure& closure : closures) {
    if (closure.department_code.empty()) {
      closed_days_.insert(DayNumber(closure.date));
    } else {
      department_closures_[DayNumber(closure.date)].push_back(closure.department_code);
    }
  }
}

bool WorkingCalendar::IsWorkingDay(const Date& date) const {
  const int day = DayNumber(date);
  return !IsWeekend(date) && !holidays_.contains(day) && !closed_days_.contains(day);
}

bool WorkingCalendar::IsWorkingDay(const Date& date, std::string_view department_code) const {
  if (!IsWorkingDay(date)) return false;
  const auto found = department_closures_.find(DayNumber(date));
  if (found == department_closures_.end()) return true;
  return std::find(found->second.begin(), found->second.end(), department_code) ==
         found->second.end();
}

std::vector<Date> WorkingCalendar::WorkingDays(const Date& from, const Date& to) const {
  std::vector<Date> days;
  for (Date day = from; std::chrono::sys_days(day) <= std::chrono::sys_days(to);
       day = AddDays(day, 1)) {
    if (IsWorkingDay(day)) days.push_back(day);
  }
  return days;
}

const Holiday* WorkingCalendar::HolidayOn(const Date& date) const {
  const auto found = holidays_.find(DayNumber(date));
  return found == holidays_.end() ? nullptr : &found->second;
}

}  // namespace chinjeol::campaign
