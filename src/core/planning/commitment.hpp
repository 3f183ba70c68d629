#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/planning/assignment.hpp"
#include "core/planning/planner.hpp"

namespace chinjeol::planning {

// The canonical text of a plan, for the hash commitment recorded at campaign start. The caller
// hashes it (e.g. SHA-256) and stores the digest with the time; anyone later given the text
// and the planning input can check the digest and re-run the planner from the seed.
//
// Format (UTF-8, "\n" line ends, no trailing spaces):
//   chinjeol-plan 1
//   campaign <campaign code>
//   seed <seed as 16 lower-case hex digits>
//   code-seed <code seed, likewise>
//   assignments <count>
//   then one line per assignment that is not cancelled, sorted by code (bytewise):
//   code|round|channel|employee_no|department_code|YYYY-MM-DD|HH:MM|duration|monitor_code|
//   scenario_code|release YYYY-MM-DDTHH:MM:SS|retry_of|lunch_sample 0/1|top_up 0/1
// Fieldwork statuses are left out, so the text (and its digest) stays the same while contacts
// are performed; only re-planning changes it. In fields, "\" is written "\\", "|" as "\|" and
// a line break as "\n". The seeds are secret until the plan is disclosed; they also make the
// digest impossible to confirm by guessing assignments.
std::string CanonicalPlanText(std::string_view campaign_code, std::uint64_t seed,
                              std::uint64_t code_seed, std::span<const Assignment> assignments);
std::string CanonicalPlanText(const Plan& plan);

}  // namespace chinjeol::planning
