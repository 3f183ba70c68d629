#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/channel.hpp"
#include "core/common/date.hpp"

namespace chinjeol::planning {

// Where one scheduled contact stands.
enum class AssignmentStatus {
  kPlanned,     // scheduled; visible to its monitor once its release time has passed
  kReleased,    // shown to its monitor
  kDone,        // performed and submitted
  kVoid,        // performed but void (call lawfully ended, technical failure): to be repeated
  kUnanswered,  // nobody answered: to be retried at another time or day
  kCancelled,   // withdrawn by re-planning; never performed
};

const char* AssignmentStatusCode(AssignmentStatus status);  // "planned", "released", ...
std::optional<AssignmentStatus> ParseAssignmentStatus(std::string_view text);

// A contact that counts towards the quota or is still to happen: planned, released or done.
bool IsLive(AssignmentStatus status);
// A contact that reaches (or is to reach) the employee: all but unanswered and cancelled ones.
// These count for the one-contact-a-week rule and for "a monitor never has the same employee
// twice"; an unanswered call evaluated nobody, so its monitor may call again.
bool ReachesEmployee(AssignmentStatus status);

// One scheduled contact: a phone call to an employee or a visit to a counter unit. A visit is
// scored for whoever serves at the unit, so it names the unit and no employee.
struct Assignment {
  std::string code;      // random, unique within the campaign; what the monitor sees
  std::string campaign;  // campaign code
  int round = 1;         // Round::number
  Channel channel = Channel::kPhone;
  std::string employee_no;      // phone: the employee called; visit: empty
  std::string department_code;  // phone: the employee's department; visit: the counter unit
  Date date;
  int start_minute = 0;  // minutes after midnight, local time
  int duration_minutes = 0;
  std::string monitor_code;
  std::string scenario_code;
  LocalDateTime release_at;  // visible to its monitor from this time on
  AssignmentStatus status = AssignmentStatus::kPlanned;
  std::string retry_of;       // code of the unanswered or void contact this one repeats
  bool lunch_sample = false;  // in the separate 12:00-13:00 sample (LunchPolicy::kSeparate)
  bool top_up = false;        // added by adaptive top-up, beyond the round's quota

  friend bool operator==(const Assignment&, const Assignment&) = default;
};

}  // namespace chinjeol::planning
