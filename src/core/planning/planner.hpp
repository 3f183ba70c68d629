#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/error.hpp"
#include "core/common/result.hpp"
#include "core/planning/assignment.hpp"
#include "core/planning/metrics.hpp"
#include "core/planning/plan_input.hpp"
#include "core/planning/summary.hpp"

namespace chinjeol::planning {

// What re-planning did to one assignment.
enum class ChangeKind {
  kAdded,      // a new contact: new employee or counter unit, raised quota, top-up, lunch sample
  kMoved,      // an unreleased contact got a new date, time, monitor or scenario; same code
  kReplaced,   // a released contact that can no longer happen was cancelled; a new one replaces it
  kCancelled,  // no longer needed (employee left, unit closed its counter, quota met)
  kRetry,      // a new contact repeats an unanswered call at another day and time
  kRescheduled,  // a new contact repeats a void one
};
const char* ChangeKindCode(ChangeKind kind);  // "added", "moved", ...

struct PlanChange {
  ChangeKind kind = ChangeKind::kAdded;
  std::string code;                  // the assignment as it is now in Plan::assignments
  std::string previous_code;         // kReplaced, kRetry, kRescheduled: the contact it stands for
  std::optional<Assignment> before;  // kMoved, kReplaced, kCancelled: the old values
  std::string reason;                // lower-case, e.g. "monitor M03 is not available"
};

// A contact the plan leaves out for a reason nobody can schedule around.
struct Shortfall {
  int round = 1;
  Channel channel = Channel::kPhone;
  std::string employee_no;      // phone
  std::string department_code;  // the employee's department or the unit
  int missing = 0;              // contacts short of the quota
  std::string reason;           // e.g. "absent on every working day of the round"
};

// A complete plan: every quota met except the listed shortfalls. Never partial: when a contact
// cannot be placed, BuildPlan fails instead.
struct Plan {
  std::string campaign_code;
  std::uint64_t seed = 0;       // PlanOptions::seed
  std::uint64_t code_seed = 0;  // PlanOptions::code_seed
  // Every assignment of the campaign, the kept history included, ordered by date, start time,
  // monitor and code.
  std::vector<Assignment> assignments;
  std::vector<PlanChange> changes;  // empty for a first plan
  std::vector<Shortfall> shortfalls;
  PlanMetrics metrics;
  PlanSummary summary;
};

// Builds the schedule of a campaign, or re-plans it when `input.existing` is not empty.
//
// Hard rules: working days only (weekends, public holidays, organisation and department
// closures); starts on the slot grid within 09:00-18:00, outside 12:00-13:00 unless the lunch
// policy allows it (kSeparate adds a flagged lunch-hour sample); the round's phone quota per
// active employee and visit quota per counter unit; monitor capacity per day and channel,
// availability window, absences, one contact at a time; a monitor never has the same employee
// twice in a campaign (an unanswered call does not count); a monitor visits a unit at most once
// within the lockout; one visit per
// unit a day; at most one contact per employee per ISO week; scenarios of the contact's
// department or general ones, of the channel, never abusive.
//
// Re-planning keeps done and released contacts (a released one that can no longer happen is
// replaced), keeps planned ones that still fit, moves the others, retries unanswered calls
// (until max_attempts_per_round, then the employee is unreachable for the round) and repeats
// void contacts. Plan::changes says what happened to each.
//
// Errors: kInvalidArgument for malformed input (duplicate codes, an employee in an unknown
// department, bad options), with one FieldViolation each; kFailedPrecondition when the input
// cannot be scheduled, with every reason found as a FieldViolation.
Result<Plan> BuildPlan(const PlanInput& input);

// The feasibility pre-check of BuildPlan alone: every reason the input cannot be scheduled
// (capacity against demand per round and channel, visits per counter unit under the lockout,
// scenarios per department, quota against weeks, distinct monitors per employee). Empty when
// none is found; BuildPlan may still fail on a finer conflict. kInvalidArgument as BuildPlan.
Result<std::vector<FieldViolation>> FindInfeasibilities(const PlanInput& input);

}  // namespace chinjeol::planning
