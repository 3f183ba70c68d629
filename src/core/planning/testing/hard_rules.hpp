#pragma once

#include <string>
#include <vector>

#include "core/planning/plan_input.hpp"
#include "core/planning/planner.hpp"

namespace chinjeol::planning::testing {

// Every hard rule of BuildPlan, checked from scratch with plain maps and the calendar (no
// planner code), one line per violation naming the assignment. Quotas count live contacts per
// active employee or counter unit and round, less the plan's shortfalls. Rounds that end on or
// before `input.now` are not held to their quota.
std::vector<std::string> FindHardRuleViolations(const PlanInput& input, const Plan& plan);

}  // namespace chinjeol::planning::testing
