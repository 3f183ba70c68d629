#pragma once

#include <span>
#include <string_view>

#include "core/campaign/calendar.hpp"
#include "core/common/date.hpp"
#include "core/planning/assignment.hpp"
#include "core/planning/plan_input.hpp"

namespace chinjeol::planning {

// When a contact on `date` becomes visible to its monitor: `rule.minute_of_day` on the
// organisation's working day `rule.working_days_before` working days earlier (by default 09:00
// of the previous working day). With working_days_before = 0, on the day itself.
LocalDateTime ReleaseTime(const Date& date, const campaign::WorkingCalendar& calendar,
                          const ReleaseRule& rule = {});

// Whether the assignment has reached its monitor: its release time has passed, or fieldwork
// has already touched it (released, done, void, unanswered).
bool IsReleased(const Assignment& assignment, const LocalDateTime& now);

// Whether `monitor_code` may see the assignment at `now`: their own, and released. The admin
// sees everything; that decision belongs to the access policy, not here.
bool IsVisibleToMonitor(const Assignment& assignment, std::string_view monitor_code,
                        const LocalDateTime& now);

// True when any of the assignments is not yet released at `now`: a read of them by anyone
// must be written to the audit log.
bool ContainsUnreleased(std::span<const Assignment> assignments, const LocalDateTime& now);

}  // namespace chinjeol::planning
