#include "core/planning/release.hpp"

#include <algorithm>

namespace chinjeol::planning {

LocalDateTime ReleaseTime(const Date& date, const campaign::WorkingCalendar& calendar,
                          const ReleaseRule& rule) {
  // A year without a working day cannot happen; the bound only keeps a broken calendar finite.
  constexpr int kMaxDaysBack = 400;
  Date day = date;
  int remaining = rule.working_days_before;
  for (int step = 0; remaining > 0 && step < kMaxDaysBack; ++step) {
    day = AddDays(day, -1);
    if (calendar.IsWorkingDay(day)) --remaining;
  }
  return LocalDateTime{day, rule.minute_of_day / 60, rule.minute_of_day % 60, 0};
}

bool IsReleased(const Assignment& assignment, const LocalDateTime& now) {
  switch (assignment.status) {
    case AssignmentStatus::kReleased:
    case AssignmentStatus::kDone:
    case AssignmentStatus::kVoid:
    case AssignmentStatus::kUnanswered:
      return true;
    case AssignmentStatus::kPlanned:
    case AssignmentStatus::kCancelled:
      break;
  }
  return assignment.release_at <= now;
}

bool IsVisibleToMonitor(const Assignment& assignment, std::string_view monitor_code,
                        const LocalDateTime& now) {
  return assignment.monitor_code == monitor_code && IsReleased(assignment, now);
}

bool ContainsUnreleased(std::span<const Assignment> assignments, const LocalDateTime& now) {
  return std::any_of(assignments.begin(), assignments.end(),
                     [&](const Assignment& assignment) { return !IsReleased(assignment, now); });
}

}  // namespace chinjeol::planning
