#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/common/date.hpp"
#include "core/common/result.hpp"
#include "core/planning/assignment.hpp"
#include "core/planning/plan_input.hpp"

namespace chinjeol::planning {

// Live contacts (planned, released, done) in one ISO week.
struct WeekRow {
  Date monday;
  int working_days = 0;  // organisation-wide working days of the campaign in this week
  int phone = 0;
  int visit = 0;
  int lunch_sample = 0;
};

struct MonitorRow {
  std::string monitor_code;
  int phone = 0;
  int visit = 0;
  int working_days = 0;          // days with at least one contact
  int departments = 0;           // distinct departments met, either channel
  int max_per_day = 0;           // busiest day
  double phone_utilisation = 0;  // phone contacts / (phone_per_day x available working days)
};

struct DepartmentRow {
  std::string department_code;
  std::string name;
  int employees = 0;  // active
  int counter_employees = 0;
  int phone = 0;
  int visit = 0;
  int monitors = 0;   // distinct monitors met, either channel
  int scenarios = 0;  // distinct scenarios used
};

struct HourRow {
  int hour = 9;  // contacts starting from hour:00 to hour:59
  int phone = 0;
  int visit = 0;
  int lunch_sample = 0;
};

// Plan summary tables for the admin: plain rows, rendered by the caller.
struct PlanSummary {
  int phone = 0;
  int visit = 0;
  int lunch_sample = 0;
  int top_up = 0;
  int retries = 0;  // live contacts that repeat an unanswered or void one
  int done = 0;
  int cancelled = 0;
  std::vector<WeekRow> weeks;              // in date order
  std::vector<MonitorRow> monitors;        // in the input's monitor order
  std::vector<DepartmentRow> departments;  // in organisation-chart order
  std::vector<HourRow> hours;              // 9 to 17
};

// kInvalidArgument when the input is malformed (as BuildPlan reports it).
Result<PlanSummary> SummarizePlan(const PlanInput& input, std::span<const Assignment> assignments);

}  // namespace chinjeol::planning
