#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/campaign/calendar.hpp"
#include "core/campaign/campaign.hpp"
#include "core/common/date.hpp"
#include "core/org/organisation.hpp"
#include "core/planning/assignment.hpp"

namespace chinjeol::planning {

// Office hours and the lunch hour, in minutes after midnight.
inline constexpr int kOfficeOpens = 9 * 60;
inline constexpr int kOfficeCloses = 18 * 60;
inline constexpr int kLunchStarts = 12 * 60;
inline constexpr int kLunchEnds = 13 * 60;

// When an assignment becomes visible to its monitor: at `minute_of_day` on the working day that
// lies `working_days_before` working days before the contact (default: 09:00 the day before).
struct ReleaseRule {
  int working_days_before = 1;
  int minute_of_day = 9 * 60;
};

// How much each soft goal weighs in the plan objective (see metrics.hpp). Every term is a
// share between 0 and about 1, so equal weights give the goals equal say.
struct ObjectiveWeights {
  double week = 1;      // spread over the weeks of each round
  double weekday = 1;   // spread over Monday to Friday
  double hour = 1;      // spread over the hours of the office day
  double sweep = 1;     // no correlation between organisation-chart order and date
  double crossing = 1;  // every department meets as many different monitors as it can
  double scenario = 1;  // colleagues do not hear the same story in the same week
  double workload = 1;  // monitors loaded in proportion to their capacity
};

struct PlanOptions {
  // Everything random in the plan comes from this. Take it from a secure source (the caller
  // reads /dev/urandom) unless reproducing a plan: the plan is predictable to whoever knows it.
  std::uint64_t seed = 0;
  // Assignment codes come from their own generator: monitors see codes, and a second secret
  // keeps them from telling anything about `seed`. 0 derives it from `seed` (weaker).
  std::uint64_t code_seed = 0;
  // The same monitor visits the same counter unit at most once within this many days.
  int lockout_days = 30;
  ReleaseRule release;
  // Grid of start times and the length of one contact; divides 60, between 10 and 60.
  int slot_minutes = 20;
  // Unanswered calls to one employee in one round after which they count as unreachable.
  int max_attempts_per_round = 3;
  // Under LunchPolicy::kSeparate: the share of employees (and of counter units) per round that
  // get one extra contact inside the lunch hour, reported as its own sample.
  double lunch_sample_share = 0.1;
  ObjectiveWeights weights;
  // Local-improvement moves tried per contact; below zero picks by plan size.
  int improvement_moves = -1;
};

// An employee who cannot be contacted between two dates (leave, training, secondment).
struct EmployeeAbsence {
  std::string employee_no;
  Date from;
  Date to;  // inclusive
};

// A monitor who cannot work between two dates.
struct MonitorAbsence {
  std::string monitor_code;
  Date from;
  Date to;  // inclusive
};

// One phone contact beyond the round's quota (adaptive top-up).
struct ExtraContact {
  std::string employee_no;
  int round = 1;  // Round::number
};

// Everything the planner reads. For a first plan `existing` is empty. For re-planning it holds
// the campaign's assignments as stored, with their statuses; `departments`, `employees` and
// `monitors` are the current roster (inactive entries have left).
struct PlanInput {
  std::vector<org::Department> departments;  // in organisation-chart order
  std::vector<org::Employee> employees;
  std::vector<org::Monitor> monitors;
  std::vector<org::Scenario> scenarios;
  campaign::Campaign campaign;
  campaign::WorkingCalendar calendar{{}, {}};
  PlanOptions options;

  std::vector<Assignment> existing;
  std::vector<EmployeeAbsence> employee_absences;
  std::vector<MonitorAbsence> monitor_absences;
  std::vector<ExtraContact> extra_contacts;
  // The time of re-planning. New and moved contacts go on days after now.date; a planned
  // assignment whose release time is not after `now` counts as released and stays.
  std::optional<LocalDateTime> now;
};

}  // namespace chinjeol::planning
