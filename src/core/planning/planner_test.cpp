#include "core/planning/planner.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/planning/commitment.hpp"
#include "core/planning/testing/test_support.hpp"

namespace chinjeol::planning {
namespace {

using testing::D;
using testing::ExpectHardRules;
using testing::GenerateInput;
using testing::KoreanHolidays;
using testing::OrganisationSpec;
using testing::Window;

Plan MustPlan(const PlanInput& input) {
  Result<Plan> plan = BuildPlan(input);
  EXPECT_TRUE(plan.has_value()) << (plan ? "" : testing::Describe(plan.error()));
  return plan ? std::move(*plan) : Plan{};
}

TEST(BuildPlan, HolidayDataCoversEveryYearFrom2021To2027) {
  std::set<int> years;
  for (const campaign::Holiday& holiday : KoreanHolidays()) {
    years.insert(static_cast<int>(holiday.date.year()));
  }
  for (int year = 2021; year <= 2027; ++year) EXPECT_TRUE(years.contains(year)) << year;
}

// Pocheon's 2021 campaign: 17 May - 16 Sep, two rounds, with Buddha's Birthday, Memorial Day
// and the Liberation Day substitute holiday (16 Aug) inside the window.
TEST(BuildPlan, PlansPocheon2021WithinEveryHardRule) {
  OrganisationSpec organisation;
  organisation.employees = 1200;
  organisation.departments = 60;
  organisation.monitors = 15;
  organisation.seed = 2021;
  const PlanInput input =
      GenerateInput(organisation, Window("2021-05-17", "2021-09-16"), KoreanHolidays(),
                    {{D("2021-06-25"), "", "city anniversary"}});
  const Plan plan = MustPlan(input);
  ExpectHardRules(input, plan);
  EXPECT_TRUE(plan.shortfalls.empty());
  EXPECT_EQ(plan.summary.phone, 2400);

  std::set<std::string> no_contact = {"2021-05-19", "2021-06-25", "2021-08-16"};
  for (const Assignment& assignment : plan.assignments) {
    EXPECT_FALSE(no_contact.contains(FormatDate(assignment.date))) << assignment.code;
  }
  const ChannelMetrics& phone = plan.metrics.phone;
  EXPECT_EQ(phone.graph_components, 1);
  EXPECT_EQ(plan.metrics.visit.graph_components, 1);
  EXPECT_LT(phone.sweep, 0.05);
  EXPECT_LT(phone.sweep_max, 0.08);
  EXPECT_LT(phone.week_deviation, 0.05);
  EXPECT_LT(phone.hour_deviation, 0.02);
  EXPECT_EQ(phone.scenario_repeats, 0.0);
  EXPECT_LT(phone.workload_cv, 0.15);
  EXPECT_LT(phone.crossing_shortfall, 0.05);
  EXPECT_GE(phone.min_departments_per_monitor, 20);
}

struct Case {
  const char* name;
  const char* start;
  const char* end;
  int rounds;
  int phone_per_round;
  campaign::LunchPolicy lunch;
  std::uint64_t seed;
};

class HardRules : public ::testing::TestWithParam<Case> {};

// Campaigns over Seollal, Chuseok and substitute or temporary holidays of 2021-2027, each
// lunch policy, one or two calls a round, department and organisation closures.
TEST_P(HardRules, HoldOnGeneratedCity) {
  const Case& test = GetParam();
  OrganisationSpec organisation;
  organisation.employees = 420;
  organisation.departments = 26;
  organisation.monitors = 9;
  organisation.seed = test.seed;
  testing::CampaignSpec spec = Window(test.start, test.end, test.rounds);
  spec.phone_per_round = test.phone_per_round;
  spec.lunch = test.lunch;
  const Date start = D(test.start);
  const PlanInput input = GenerateInput(organisation, spec, KoreanHolidays(),
                                        {{AddDays(start, 9), "", "city anniversary"},
                                         {AddDays(start, 15), "D0021", "office move"},
                                         {AddDays(start, 16), "D0003", "training day"}});
  const Plan plan = MustPlan(input);
  ExpectHardRules(input, plan);
  EXPECT_TRUE(plan.shortfalls.empty());
  for (const Assignment& assignment : plan.assignments) {
    ASSERT_EQ(KoreanHolidays().end(),
              std::find_if(KoreanHolidays().begin(), KoreanHolidays().end(),
                           [&](const campaign::Holiday& h) { return h.date == assignment.date; }))
        << assignment.code << " on a holiday " << FormatDate(assignment.date);
  }
  if (test.lunch == campaign::LunchPolicy::kSeparate) {
    EXPECT_GT(plan.summary.lunch_sample, 0);
    EXPECT_EQ(plan.metrics.phone.lunch_sample + plan.metrics.visit.lunch_sample,
              plan.summary.lunch_sample);
  } else {
    EXPECT_EQ(plan.summary.lunch_sample, 0);
  }
  EXPECT_EQ(plan.metrics.phone.graph_components, 1);
  EXPECT_LT(plan.metrics.phone.sweep, 0.1);
}

INSTANTIATE_TEST_SUITE_P(
    KoreanCalendar2021To2027, HardRules,
    ::testing::Values(
        Case{"Chuseok2021", "2021-09-01", "2021-11-30", 2, 1, campaign::LunchPolicy::kAvoid, 1},
        Case{"Seollal2022", "2022-01-10", "2022-03-31", 2, 2, campaign::LunchPolicy::kSeparate, 2},
        Case{"Chuseok2022Substitute", "2022-08-16", "2022-10-31", 2, 1,
             campaign::LunchPolicy::kAllow, 3},
        Case{"Chuseok2023Temporary", "2023-09-11", "2023-11-10", 2, 1,
             campaign::LunchPolicy::kSeparate, 4},
        Case{"Seollal2024Substitute", "2024-01-22", "2024-03-29", 3, 1,
             campaign::LunchPolicy::kAvoid, 5},
        Case{"Seollal2025Temporary", "2025-01-13", "2025-03-14", 2, 2,
             campaign::LunchPolicy::kAvoid, 6},
        Case{"Chuseok2025", "2025-09-22", "2025-11-28", 2, 1, campaign::LunchPolicy::kAllow, 7},
        Case{"Seollal2026", "2026-02-02", "2026-04-30", 2, 1, campaign::LunchPolicy::kSeparate, 8},
        Case{"Chuseok2026", "2026-09-14", "2026-11-13", 2, 1, campaign::LunchPolicy::kAvoid, 9},
        Case{"Spring2027", "2027-01-25", "2027-05-31", 2, 2, campaign::LunchPolicy::kAvoid, 10},
        Case{"Autumn2027", "2027-09-06", "2027-12-17", 2, 1, campaign::LunchPolicy::kSeparate, 11}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(BuildPlan, IsReproducibleFromTheSeedAndDiffersAcrossSeeds) {
  OrganisationSpec organisation;
  organisation.seed = 77;
  PlanInput input =
      GenerateInput(organisation, Window("2021-05-17", "2021-09-16"), KoreanHolidays());
  const Plan first = MustPlan(input);
  const Plan again = MustPlan(input);
  EXPECT_EQ(first.assignments, again.assignments);
  EXPECT_EQ(CanonicalPlanText(first), CanonicalPlanText(again));

  input.options.seed = 78;
  const Plan other = MustPlan(input);
  ExpectHardRules(input, other);
  std::map<std::string, Date> first_dates;
  for (const Assignment& a : first.assignments) {
    if (a.channel == Channel::kPhone && a.round == 1) first_dates[a.employee_no] = a.date;
  }
  int same_day = 0;
  for (const Assignment& a : other.assignments) {
    if (a.channel == Channel::kPhone && a.round == 1 && first_dates[a.employee_no] == a.date) {
      ++same_day;
    }
  }
  // About one employee in 40 (working days of the round) lands on the same day by chance.
  EXPECT_LT(same_day, 30);
  EXPECT_NE(CanonicalPlanText(first), CanonicalPlanText(other));
}

// Monitors see codes; they come from a separate secret and say nothing about the schedule.
TEST(BuildPlan, DrawsCodesFromTheirOwnSeed) {
  OrganisationSpec organisation;
  organisation.employees = 150;
  PlanInput input =
      GenerateInput(organisation, Window("2021-05-17", "2021-07-16"), KoreanHolidays());
  input.options.code_seed = 1;
  const Plan first = MustPlan(input);
  input.options.code_seed = 2;
  const Plan second = MustPlan(input);
  ASSERT_EQ(first.assignments.size(), second.assignments.size());
  for (std::size_t k = 0; k < first.assignments.size(); ++k) {
    Assignment same = second.assignments[k];
    EXPECT_NE(same.code, first.assignments[k].code);
    same.code = first.assignments[k].code;
    EXPECT_EQ(same, first.assignments[k]);
  }
}

TEST(BuildPlan, NeverSchedulesAbusiveScenariosAndRotatesThemWithinDepartmentWeeks) {
  OrganisationSpec organisation;
  organisation.employees = 600;
  organisation.departments = 12;
  organisation.department_scenarios = 3;
  organisation.general_scenarios = 4;
  organisation.seed = 5;
  const PlanInput input =
      GenerateInput(organisation, Window("2023-03-06", "2023-06-30"), KoreanHolidays());
  const Plan plan = MustPlan(input);
  std::set<std::string> abusive;
  for (const org::Scenario& scenario : input.scenarios) {
    if (scenario.abusive) abusive.insert(scenario.code);
  }
  std::map<std::tuple<std::string, int, std::string>, int> heard;
  std::map<std::pair<std::string, int>, int> contacts;
  for (const Assignment& a : plan.assignments) {
    EXPECT_FALSE(abusive.contains(a.scenario_code)) << a.code;
    const int week = DayNumber(a.date) - static_cast<int>(IsoWeekday(a.date));
    if (a.channel == Channel::kPhone) {
      ++heard[{a.department_code, week, a.scenario_code}];
      ++contacts[{a.department_code, week}];
    }
  }
  // A story repeats in a department-week only when it has more contacts than stories (7).
  for (const auto& [key, count] : heard) {
    if (count > 1) {
      const std::pair<std::string, int> department_week{std::get<0>(key), std::get<1>(key)};
      EXPECT_GT(contacts[department_week], 7);
    }
  }
}

TEST(BuildPlan, SpreadsContactsEvenlyWithoutFollowingTheOrganisationChart) {
  OrganisationSpec organisation;
  organisation.employees = 3000;
  organisation.departments = 80;
  organisation.monitors = 20;
  organisation.phone_per_day = 20;
  organisation.seed = 11;
  const PlanInput input =
      GenerateInput(organisation, Window("2024-04-01", "2024-07-31"), KoreanHolidays());
  const Plan plan = MustPlan(input);
  ExpectHardRules(input, plan);
  const ChannelMetrics& phone = plan.metrics.phone;
  EXPECT_LT(phone.sweep, 0.02);
  EXPECT_LT(phone.week_deviation, 0.03);
  EXPECT_LT(phone.weekday_deviation, 0.03);
  EXPECT_LT(phone.hour_deviation, 0.01);
  EXPECT_EQ(phone.graph_components, 1);
  EXPECT_GE(phone.min_monitors_per_department, 5);
  EXPECT_LT(phone.workload_cv, 0.3);
  // Every department sees several monitors, and hours 9-17 but 12 are all used.
  for (const HourRow& row : plan.summary.hours) {
    if (row.hour == 12) {
      EXPECT_EQ(row.phone, 0);
    } else {
      EXPECT_GT(row.phone, 0) << row.hour;
    }
  }
}

TEST(BuildPlan, SummaryTablesAddUp) {
  OrganisationSpec organisation;
  organisation.seed = 3;
  const PlanInput input =
      GenerateInput(organisation, Window("2021-05-17", "2021-09-16"), KoreanHolidays());
  const Plan plan = MustPlan(input);
  int weeks = 0, monitors = 0, departments = 0, hours = 0;
  for (const WeekRow& row : plan.summary.weeks) weeks += row.phone + row.visit;
  for (const MonitorRow& row : plan.summary.monitors) monitors += row.phone + row.visit;
  for (const DepartmentRow& row : plan.summary.departments) departments += row.phone + row.visit;
  for (const HourRow& row : plan.summary.hours) hours += row.phone + row.visit + row.lunch_sample;
  const int total = plan.summary.phone + plan.summary.visit;
  EXPECT_EQ(weeks, total);
  EXPECT_EQ(monitors, total);
  EXPECT_EQ(departments, total);
  EXPECT_EQ(hours, total);
  EXPECT_EQ(plan.summary.departments.size(), input.departments.size());
  EXPECT_TRUE(plan.changes.empty());
}

TEST(BuildPlan, OrdersAssignmentsByDateTimeMonitorAndCode) {
  OrganisationSpec organisation;
  organisation.employees = 150;
  organisation.seed = 9;
  const PlanInput input =
      GenerateInput(organisation, Window("2021-05-17", "2021-07-16"), KoreanHolidays());
  const Plan plan = MustPlan(input);
  EXPECT_TRUE(std::is_sorted(
      plan.assignments.begin(), plan.assignments.end(),
      [](const Assignment& a, const Assignment& b) {
        return std::tuple(DayNumber(a.date), a.start_minute, a.monitor_code, a.code) <
               std::tuple(DayNumber(b.date), b.start_minute, b.monitor_code, b.code);
      }));
}

// The checker the other tests rely on must see each kind of break.
TEST(FindHardRuleViolations, SeesEveryKindOfBreak) {
  OrganisationSpec organisation;
  organisation.employees = 200;
  organisation.seed = 12;
  const PlanInput input =
      GenerateInput(organisation, Window("2021-05-17", "2021-09-16"), KoreanHolidays());
  const Plan plan = MustPlan(input);
  ASSERT_TRUE(testing::FindHardRuleViolations(input, plan).empty());

  std::size_t phone = 0;
  while (plan.assignments[phone].channel != Channel::kPhone) ++phone;
  std::size_t visit = 0;
  while (plan.assignments[visit].channel != Channel::kVisit) ++visit;
  auto expect = [&](const std::string& what, auto&& change) {
    Plan broken = plan;
    change(broken);
    const std::vector<std::string> problems = testing::FindHardRuleViolations(input, broken);
    const bool seen = std::any_of(problems.begin(), problems.end(), [&](const std::string& p) {
      return p.find(what) != std::string::npos;
    });
    EXPECT_TRUE(seen) << "not seen: " << what;
  };
  expect("weekend", [&](Plan& p) { p.assignments[phone].date = D("2021-05-22"); });
  expect("public holiday", [&](Plan& p) { p.assignments[phone].date = D("2021-08-16"); });
  expect("in the lunch hour", [&](Plan& p) { p.assignments[phone].start_minute = 12 * 60 + 20; });
  expect("outside office hours", [&](Plan& p) { p.assignments[phone].start_minute = 18 * 60; });
  expect("off the slot grid", [&](Plan& p) { p.assignments[phone].start_minute += 5; });
  expect("abusive-caller scenario", [&](Plan& p) {
    for (const org::Scenario& s : input.scenarios) {
      if (s.abusive && s.channel == Channel::kPhone && s.department_code == "*") {
        p.assignments[phone].scenario_code = s.code;
      }
    }
  });
  expect("release time off the rule", [&](Plan& p) { p.assignments[phone].release_at.hour = 8; });
  expect("phone contacts, quota",
         [&](Plan& p) { p.assignments.erase(p.assignments.begin() + phone); });
  expect("monitor has this employee twice", [&](Plan& p) {
    for (Assignment& a : p.assignments) {
      if (a.employee_no == p.assignments[phone].employee_no &&
          a.code != p.assignments[phone].code) {
        a.monitor_code = p.assignments[phone].monitor_code;
      }
    }
  });
  expect("second contact in the week", [&](Plan& p) {
    for (Assignment& a : p.assignments) {
      if (a.employee_no == p.assignments[phone].employee_no &&
          a.code != p.assignments[phone].code) {
        a.date = p.assignments[phone].date;
        a.round = p.assignments[phone].round;
      }
    }
  });
  expect("inside the visit lockout", [&](Plan& p) {
    Assignment again = p.assignments[visit];
    again.code = "AGAIN";
    again.date = AddDays(again.date, 1);
    while (!input.calendar.IsWorkingDay(again.date)) again.date = AddDays(again.date, 1);
    p.assignments.push_back(again);
  });
  expect("contacts, capacity", [&](Plan& p) {
    for (Assignment& a : p.assignments) {
      if (a.channel == Channel::kPhone) {
        a.date = p.assignments[phone].date;
        a.monitor_code = p.assignments[phone].monitor_code;
      }
    }
  });
  expect("monitor has two contacts at once", [&](Plan& p) {
    Assignment other = p.assignments[visit];
    other.date = p.assignments[phone].date;
    other.start_minute = p.assignments[phone].start_minute;
    other.monitor_code = p.assignments[phone].monitor_code;
    p.assignments[visit] = other;
  });
}

}  // namespace
}  // namespace chinjeol::planning
