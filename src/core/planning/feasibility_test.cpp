#include <gtest/gtest.h>

#include <algorithm>

#include "core/planning/planner.hpp"
#include "core/planning/testing/test_support.hpp"

namespace chinjeol::planning {
namespace {

using testing::D;
using testing::KoreanHolidays;

// A small town: a planning department of ten (D01) and the 신북면 office of five with a counter
// (T05); three monitors; general scenarios; May 17 - June 11, 2021.
PlanInput SmallTown(int rounds = 1, int phone_per_round = 1, int visit_per_round = 1) {
  PlanInput input;
  input.calendar = campaign::WorkingCalendar(KoreanHolidays(), {});
  input.departments = {{"D01", "기획예산과", org::DepartmentGroup::kHq},
                       {"T05", "신북면", org::DepartmentGroup::kTown}};
  for (int k = 1; k <= 15; ++k) {
    org::Employee employee;
    employee.employee_no = k < 10 ? "E0" + std::to_string(k) : "E" + std::to_string(k);
    employee.department_code = k <= 10 ? "D01" : "T05";
    employee.counter = k == 11 || k == 12;
    input.employees.push_back(employee);
  }
  for (int m = 1; m <= 3; ++m) {
    org::Monitor monitor;
    monitor.code = "M" + std::to_string(m);
    monitor.phone_per_day = 5;
    monitor.visit_per_day = 1;
    input.monitors.push_back(monitor);
  }
  input.scenarios = {{"SP", "*", Channel::kPhone, "문의", "", false},
                     {"SV", "*", Channel::kVisit, "방문 문의", "", false},
                     {"SX", "*", Channel::kPhone, "폭언", "", true}};
  campaign::NewCampaign request{"TOWN-2021", "town",          D("2021-05-17"), D("2021-06-11"),
                                rounds,      phone_per_round, visit_per_round, {}};
  input.campaign = *campaign::PlanCampaign(request, input.calendar);
  input.options.seed = 42;
  return input;
}

std::vector<std::string> Messages(const Error& error) {
  std::vector<std::string> messages;
  for (const FieldViolation& violation : error.violations()) {
    messages.push_back(violation.message);
  }
  return messages;
}

TEST(SmallTown, PlansWhenNothingIsShort) {
  const PlanInput input = SmallTown(2);
  Result<Plan> plan = BuildPlan(input);
  ASSERT_TRUE(plan) << testing::Describe(plan.error());
  testing::ExpectHardRules(input, *plan);
  Result<std::vector<FieldViolation>> reasons = FindInfeasibilities(input);
  ASSERT_TRUE(reasons);
  EXPECT_TRUE(reasons->empty());
}

TEST(BuildPlan, NamesMissingMonitorCapacityExactly) {
  PlanInput input = SmallTown();
  input.monitors.resize(1);
  input.monitors[0].phone_per_day = 0;
  input.monitors[0].visit_per_day = 0;
  Result<Plan> plan = BuildPlan(input);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(plan.error().message(), "the campaign cannot be scheduled as asked: 3 problems");
  EXPECT_EQ(Messages(plan.error()),
            (std::vector<std::string>{
                "round 1 phone contacts need 15 monitor slots in the window, 0 are available; "
                "no monitor taking phone contacts is available in it",
                "round 1 visit contacts need 1 monitor slot in the window, 0 are available; no "
                "monitor taking visit contacts is available in it",
                "round 1 visits for 신북면 (T05) need 1 monitor-day in the window, 0 are "
                "available"}));
}

TEST(BuildPlan, PhoneCapacityShortByDays) {
  PlanInput input = SmallTown();
  input.monitors.resize(1);
  input.monitors[0].phone_per_day = 1;
  input.monitors[0].available_to = D("2021-05-25");  // 6 working days
  input.employees.resize(10);                        // no counter staff: no visits
  Result<Plan> plan = BuildPlan(input);
  ASSERT_FALSE(plan);
  // 17 May - 25 May 2021 has 6 working days (Buddha's Birthday, 19 May, is a holiday).
  ASSERT_EQ(plan.error().violations().size(), 1u) << testing::Describe(plan.error());
  EXPECT_EQ(plan.error().violations()[0].field, "rounds/1/phone");
  EXPECT_EQ(plan.error().violations()[0].message,
            "round 1 phone contacts need 10 monitor slots in the window, 6 are available");
}

// The visit lockout: in round 2 only one monitor visits, and it may come to 신북면 once in 30
// days, but the round asks for three visits.
TEST(BuildPlan, NamesUnitVisitsTheLockoutPrevents) {
  PlanInput input = SmallTown(2, 1, 3);
  input.campaign.end = D("2021-07-16");
  input.campaign.rounds = {{1, D("2021-05-17"), D("2021-06-18")},
                           {2, D("2021-06-21"), D("2021-07-16")}};
  for (org::Monitor& monitor : input.monitors) monitor.available_to = D("2021-06-18");
  org::Monitor late;
  late.code = "M4";
  late.phone_per_day = 5;
  late.visit_per_day = 1;
  late.available_from = D("2021-06-21");
  input.monitors.push_back(late);
  input.options.lockout_days = 30;
  Result<Plan> plan = BuildPlan(input);
  ASSERT_FALSE(plan);
  ASSERT_EQ(plan.error().violations().size(), 1u) << testing::Describe(plan.error());
  EXPECT_EQ(plan.error().violations()[0].field, "rounds/2/visit/T05");
  EXPECT_EQ(plan.error().violations()[0].message,
            "round 2 visits for 신북면 (T05) need 3 monitor-days in the window, 1 is available");
}

TEST(BuildPlan, NamesDepartmentsWithoutAUsableScenario) {
  PlanInput input = SmallTown();
  input.scenarios = {{"SV", "*", Channel::kVisit, "방문 문의", "", false},
                     {"ST", "T05", Channel::kPhone, "면 문의", "", false},
                     {"SX", "D01", Channel::kPhone, "폭언", "", true}};
  Result<Plan> plan = BuildPlan(input);
  ASSERT_FALSE(plan);
  ASSERT_EQ(plan.error().violations().size(), 1u) << testing::Describe(plan.error());
  EXPECT_EQ(plan.error().violations()[0].field, "scenarios/D01/phone");
  EXPECT_EQ(plan.error().violations()[0].message,
            "no phone scenario for 기획예산과 (D01) that is not an abusive-caller script: add one "
            "for the department or a general one (*)");
}

TEST(BuildPlan, NamesAQuotaTheWeeksCannotHold) {
  PlanInput input = SmallTown(1, 3);
  input.campaign.end = D("2021-05-28");
  input.campaign.rounds = {{1, D("2021-05-17"), D("2021-05-28")}};
  Result<Plan> plan = BuildPlan(input);
  ASSERT_FALSE(plan);
  const std::vector<std::string> messages = Messages(plan.error());
  EXPECT_NE(std::find(messages.begin(), messages.end(),
                      "round 1 has working days in 2 weeks, fewer than its 3 phone contacts per "
                      "employee at one a week"),
            messages.end())
      << testing::Describe(plan.error());
}

TEST(BuildPlan, NamesTooFewMonitorsForDistinctCalls) {
  const PlanInput input = SmallTown(2, 2);
  Result<Plan> plan = BuildPlan(input);
  ASSERT_FALSE(plan);
  ASSERT_EQ(plan.error().violations().size(), 1u) << testing::Describe(plan.error());
  EXPECT_EQ(plan.error().violations()[0].message,
            "employee E01 needs 4 different monitors over the campaign (a monitor never calls "
            "the same employee twice), 3 take phone contacts; 14 more employees are short the "
            "same way");
}

TEST(FindInfeasibilities, ListsWhatBuildPlanReports) {
  PlanInput input = SmallTown(2, 2);
  input.scenarios.pop_back();
  input.scenarios.erase(input.scenarios.begin());  // no phone scenario at all
  Result<Plan> plan = BuildPlan(input);
  Result<std::vector<FieldViolation>> reasons = FindInfeasibilities(input);
  ASSERT_FALSE(plan);
  ASSERT_TRUE(reasons);
  ASSERT_EQ(reasons->size(), plan.error().violations().size());
  EXPECT_EQ(reasons->size(), 3u) << testing::Describe(plan.error());  // two departments, monitors
  for (std::size_t k = 0; k < reasons->size(); ++k) {
    EXPECT_EQ((*reasons)[k].message, plan.error().violations()[k].message);
  }
}

TEST(BuildPlan, RejectsMalformedInputWithEveryField) {
  PlanInput input = SmallTown();
  input.employees.push_back(input.employees.front());                  // duplicate employee number
  input.employees.push_back({"E99", "", "X01", "", "", false, true});  // unknown department
  input.monitors.push_back(input.monitors.front());                    // duplicate monitor code
  input.options.slot_minutes = 25;
  Result<Plan> plan = BuildPlan(input);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(plan.error().violations().size(), 1u);  // options are checked first
  EXPECT_EQ(plan.error().violations()[0].field, "options/slot_minutes");

  input.options.slot_minutes = 20;
  plan = BuildPlan(input);
  ASSERT_FALSE(plan);
  std::vector<std::string> fields;
  for (const FieldViolation& violation : plan.error().violations()) {
    fields.push_back(violation.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"employees/E01", "employees/E99", "monitors/M1"}));
}

// Leave for the whole round is a fact to report, not a reason to refuse the plan.
TEST(BuildPlan, ReportsAnEmployeeAbsentAllRoundAsAShortfall) {
  PlanInput input = SmallTown();
  input.employee_absences.push_back({"E03", D("2021-05-01"), D("2021-06-30")});
  Result<Plan> plan = BuildPlan(input);
  ASSERT_TRUE(plan) << testing::Describe(plan.error());
  ASSERT_EQ(plan->shortfalls.size(), 1u);
  EXPECT_EQ(plan->shortfalls[0].employee_no, "E03");
  EXPECT_EQ(plan->shortfalls[0].missing, 1);
  EXPECT_EQ(plan->shortfalls[0].reason,
            "absent or closed on every remaining working day of round 1");
  testing::ExpectHardRules(input, *plan);
}

}  // namespace
}  // namespace chinjeol::planning
