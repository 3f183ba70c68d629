#include "core/planning/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/planning/summary.hpp"
#include "core/planning/testing/test_support.hpp"

namespace chinjeol::planning {
namespace {

using testing::D;

// Two departments of two, two monitors, one round over 7-18 June 2021 (10 working days, two
// weeks; 6 June, Memorial Day, falls on the Sunday before). Slots of 60 minutes, lunch
// avoided: 8 slots a day, one in each office hour but 12.
PlanInput Tiny() {
  PlanInput input;
  input.departments = {{"A", "가과", org::DepartmentGroup::kHq},
                       {"B", "나과", org::DepartmentGroup::kHq}};
  input.employees = {{"E1", "", "A", "", "", false, true},
                     {"E2", "", "A", "", "", false, true},
                     {"E3", "", "B", "", "", false, true},
                     {"E4", "", "B", "", "", false, true}};
  input.monitors = {{"M1", "", "", "", 4, 0, {}, {}, true}, {"M2", "", "", "", 4, 0, {}, {}, true}};
  input.scenarios = {{"S1", "*", Channel::kPhone, "", "", false},
                     {"S2", "*", Channel::kPhone, "", "", false}};
  input.campaign.code = "T";
  input.campaign.start = D("2021-06-07");
  input.campaign.end = D("2021-06-18");
  input.campaign.rounds = {{1, D("2021-06-07"), D("2021-06-18")}};
  input.options.slot_minutes = 60;
  return input;
}

Assignment Call(const char* employee, const char* department, const char* date, int hour,
                const char* monitor, const char* scenario = "S1") {
  Assignment a;
  a.code = std::string(employee) + date;
  a.campaign = "T";
  a.employee_no = employee;
  a.department_code = department;
  a.date = D(date);
  a.start_minute = hour * 60;
  a.duration_minutes = 60;
  a.monitor_code = monitor;
  a.scenario_code = scenario;
  return a;
}

TEST(MeasurePlan, ScoresAPerfectlyBalancedPlanAsZeroButForItsUnavoidableTerms) {
  const PlanInput input = Tiny();
  // One call a week per department, Monday to Thursday, both monitors in both departments.
  const std::vector<Assignment> plan = {
      Call("E1", "A", "2021-06-07", 9, "M1"), Call("E3", "B", "2021-06-08", 10, "M2"),
      Call("E4", "B", "2021-06-14", 11, "M1"), Call("E2", "A", "2021-06-15", 13, "M2", "S2")};
  Result<PlanMetrics> metrics = MeasurePlan(input, plan);
  ASSERT_TRUE(metrics) << testing::Describe(metrics.error());
  const ChannelMetrics& phone = metrics->phone;
  EXPECT_EQ(phone.contacts, 4);
  EXPECT_DOUBLE_EQ(phone.week_deviation, 0);  // two a week, as the targets
  // Weekday targets 0.8 each: Mon, Tue, Mon, Tue -> |2-.8|*2 + .8*3 = 4.8, over 4 contacts.
  EXPECT_NEAR(phone.weekday_deviation, 1.2, 1e-12);
  // Hours 9, 10, 11, 13 of 8 offered: |1-.5|*4 + .5*4 = 4, over 4.
  EXPECT_NEAR(phone.hour_deviation, 1.0, 1e-12);
  EXPECT_EQ(phone.monitor_department_pairs, 4);
  EXPECT_DOUBLE_EQ(phone.crossing_shortfall, 0);
  EXPECT_DOUBLE_EQ(phone.scenario_repeats, 0);
  EXPECT_DOUBLE_EQ(phone.workload_deviation, 0);
  EXPECT_DOUBLE_EQ(phone.workload_cv, 0);
  EXPECT_EQ(phone.graph_components, 2);  // each employee met one monitor
  EXPECT_DOUBLE_EQ(phone.departments_per_monitor, 2);
  EXPECT_NEAR(metrics->objective,
              phone.week_deviation + phone.weekday_deviation + phone.hour_deviation + phone.sweep +
                  phone.crossing_shortfall + phone.scenario_repeats + phone.workload_deviation,
              1e-12);
}

TEST(MeasurePlan, SeesASweepThroughTheOrganisationChart) {
  const PlanInput input = Tiny();
  // Department A first, department B last: correlation +1 between position and day.
  const std::vector<Assignment> sweep = {
      Call("E1", "A", "2021-06-07", 9, "M1"), Call("E2", "A", "2021-06-08", 9, "M2"),
      Call("E3", "B", "2021-06-17", 9, "M1"), Call("E4", "B", "2021-06-18", 9, "M2")};
  Result<PlanMetrics> metrics = MeasurePlan(input, sweep);
  ASSERT_TRUE(metrics);
  // cov = sum (d - 0.5) * t = (-0.5)(0+1) + 0.5(8+9) = 8; n sd(d) sd(t) = 4 * 0.5 * sqrt(99/12).
  EXPECT_NEAR(metrics->phone.sweep, 8 / (4 * 0.5 * std::sqrt(99.0 / 12)), 1e-12);
  EXPECT_GT(metrics->phone.sweep, 0.9);
}

TEST(MeasurePlan, CountsRepeatedStoriesWorkloadAndComponents) {
  const PlanInput input = Tiny();
  // E1 and E2 hear S1 the same week; M1 does three calls, M2 one; M2 meets only E4.
  std::vector<Assignment> plan = {
      Call("E1", "A", "2021-06-07", 9, "M1"), Call("E2", "A", "2021-06-08", 9, "M1"),
      Call("E3", "B", "2021-06-14", 9, "M1"), Call("E4", "B", "2021-06-15", 9, "M2", "S2")};
  Result<PlanMetrics> metrics = MeasurePlan(input, plan);
  ASSERT_TRUE(metrics);
  EXPECT_DOUBLE_EQ(metrics->phone.scenario_repeats, 0.25);
  EXPECT_DOUBLE_EQ(metrics->phone.workload_deviation, (1.0 + 1.0) / 4);  // targets 2 and 2
  EXPECT_NEAR(metrics->phone.workload_cv, 0.5, 1e-12);                   // loads 3 and 1
  EXPECT_EQ(metrics->phone.graph_components, 2);
  // A met M1 only: 3 of the 4 possible pairs.
  EXPECT_DOUBLE_EQ(metrics->phone.crossing_shortfall, 0.25);
  EXPECT_EQ(metrics->phone.min_monitors_per_department, 1);

  // A second round of calls by the other monitor links the graph.
  plan.push_back(Call("E1", "A", "2021-06-16", 10, "M2"));
  plan.back().code = "link";
  metrics = MeasurePlan(input, plan);
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->phone.graph_components, 1);

  // Cancelled and unanswered contacts do not count.
  plan.back().status = AssignmentStatus::kCancelled;
  plan[0].status = AssignmentStatus::kUnanswered;
  metrics = MeasurePlan(input, plan);
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->phone.contacts, 3);
}

TEST(SummarizePlan, CountsPerWeekMonitorDepartmentAndHour) {
  const PlanInput input = Tiny();
  std::vector<Assignment> plan = {Call("E1", "A", "2021-06-07", 9, "M1"),
                                  Call("E2", "A", "2021-06-07", 10, "M1"),
                                  Call("E3", "B", "2021-06-14", 9, "M2", "S2")};
  plan[2].status = AssignmentStatus::kDone;
  Result<PlanSummary> summary = SummarizePlan(input, plan);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->phone, 3);
  EXPECT_EQ(summary->done, 1);
  ASSERT_EQ(summary->weeks.size(), 2u);
  EXPECT_EQ(summary->weeks[0].monday, D("2021-06-07"));
  EXPECT_EQ(summary->weeks[0].working_days, 5);
  EXPECT_EQ(summary->weeks[0].phone, 2);
  EXPECT_EQ(summary->weeks[1].phone, 1);
  ASSERT_EQ(summary->monitors.size(), 2u);
  EXPECT_EQ(summary->monitors[0].phone, 2);
  EXPECT_EQ(summary->monitors[0].working_days, 1);
  EXPECT_EQ(summary->monitors[0].max_per_day, 2);
  EXPECT_EQ(summary->monitors[0].departments, 1);
  EXPECT_DOUBLE_EQ(summary->monitors[0].phone_utilisation, 2.0 / 40);
  ASSERT_EQ(summary->departments.size(), 2u);
  EXPECT_EQ(summary->departments[0].employees, 2);
  EXPECT_EQ(summary->departments[0].phone, 2);
  EXPECT_EQ(summary->departments[0].scenarios, 1);
  EXPECT_EQ(summary->departments[1].monitors, 1);
  EXPECT_EQ(summary->hours[0].hour, 9);
  EXPECT_EQ(summary->hours[0].phone, 2);
  EXPECT_EQ(summary->hours[1].phone, 1);
}

}  // namespace
}  // namespace chinjeol::planning
