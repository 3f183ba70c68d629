#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/campaign/calendar.hpp"
#include "core/campaign/campaign.hpp"
#include "core/common/date.hpp"
#include "core/planning/plan_input.hpp"

// Generated organisations for planner tests and benchmarks (not linked into the product).
namespace chinjeol::planning::testing {

struct OrganisationSpec {
  int departments = 20;
  int employees = 300;
  double unit_share = 0.4;  // share of departments that serve at a counter
  int monitors = 8;
  int phone_per_day = 12;
  int visit_per_day = 2;
  double windowed_monitors = 0.25;  // share of monitors available for part of the campaign
  int general_scenarios = 3;        // per channel, department "*"
  int department_scenarios = 2;     // phone scenarios per department; counter units get visit ones
  bool abusive_scenarios = true;    // add abusive-caller scripts (never to be scheduled)
  std::uint64_t seed = 1;
};

struct CampaignSpec {
  std::string code = "TEST-2021";
  Date start;
  Date end;
  int rounds = 2;
  int phone_per_round = 1;
  int visit_per_round = 1;
  campaign::LunchPolicy lunch = campaign::LunchPolicy::kAvoid;
};

// Departments in the four groups with Korean names, staff with counter duties in the counter
// units, monitors with capacities and some availability windows, scenarios per department and
// general ones (with abusive ones mixed in), and the campaign split into rounds by the
// calendar. The planning seed is `organisation.seed` too.
PlanInput GenerateInput(const OrganisationSpec& organisation, const CampaignSpec& campaign,
                        const std::vector<campaign::Holiday>& holidays,
                        const std::vector<campaign::Closure>& closures = {});

// Public holidays from the text of data/holidays-kr.csv (date,name_ko,name_en,kind with a
// header line); lines that do not parse are skipped.
std::vector<campaign::Holiday> ParseHolidaysCsv(std::string_view text);

}  // namespace chinjeol::planning::testing
