#include "core/planning/release.hpp"

#include <gtest/gtest.h>

#include <type_traits>

#include "core/planning/assignment_repository.hpp"
#include "core/planning/commitment.hpp"
#include "core/planning/testing/test_support.hpp"

namespace chinjeol::planning {
namespace {

using testing::D;
using testing::KoreanHolidays;

static_assert(std::is_abstract_v<AssignmentRepository>, "a port, implemented by adapters");

LocalDateTime At(const char* date, int hour, int minute = 0) { return {D(date), hour, minute, 0}; }

TEST(ReleaseTime, IsNineOClockOnThePreviousWorkingDay) {
  const campaign::WorkingCalendar calendar(KoreanHolidays(), {});
  // Tuesday 17 Aug 2021: Monday is the Liberation Day substitute holiday, then the weekend.
  EXPECT_EQ(ReleaseTime(D("2021-08-17"), calendar), At("2021-08-13", 9));
  // Thursday 20 May 2021: Wednesday is Buddha's Birthday.
  EXPECT_EQ(ReleaseTime(D("2021-05-20"), calendar), At("2021-05-18", 9));
  // Monday 7 Feb 2022, after the Seollal holidays and the weekend.
  EXPECT_EQ(ReleaseTime(D("2022-02-07"), calendar), At("2022-02-04", 9));
  EXPECT_EQ(ReleaseTime(D("2021-06-03"), calendar), At("2021-06-02", 9));
}

TEST(ReleaseTime, FollowsTheRule) {
  const campaign::WorkingCalendar calendar(KoreanHolidays(),
                                           {{D("2021-06-02"), "", "city anniversary"}});
  EXPECT_EQ(ReleaseTime(D("2021-06-03"), calendar), At("2021-06-01", 9));
  EXPECT_EQ(ReleaseTime(D("2021-06-03"), calendar, {2, 14 * 60 + 30}), At("2021-05-31", 14, 30));
  EXPECT_EQ(ReleaseTime(D("2021-06-03"), calendar, {0, 8 * 60}), At("2021-06-03", 8));
}

Assignment Contact(const char* code, const char* monitor, LocalDateTime release,
                   AssignmentStatus status = AssignmentStatus::kPlanned) {
  Assignment assignment;
  assignment.code = code;
  assignment.campaign = "C";
  assignment.monitor_code = monitor;
  assignment.release_at = release;
  assignment.status = status;
  assignment.date = AddDays(release.date, 1);
  assignment.start_minute = 10 * 60;
  assignment.duration_minutes = 20;
  return assignment;
}

TEST(IsReleased, OpensAtTheReleaseTimeOrOnceFieldworkTouchedIt) {
  const Assignment planned = Contact("A", "M1", At("2021-06-01", 9));
  EXPECT_FALSE(IsReleased(planned, At("2021-06-01", 8, 59)));
  EXPECT_TRUE(IsReleased(planned, At("2021-06-01", 9)));
  EXPECT_TRUE(IsReleased(Contact("B", "M1", At("2021-06-01", 9), AssignmentStatus::kReleased),
                         At("2021-05-01", 0)));
  EXPECT_TRUE(IsReleased(Contact("C", "M1", At("2021-06-01", 9), AssignmentStatus::kUnanswered),
                         At("2021-05-01", 0)));
  EXPECT_FALSE(IsReleased(Contact("D", "M1", At("2021-06-01", 9), AssignmentStatus::kCancelled),
                          At("2021-05-01", 0)));
}

TEST(IsVisibleToMonitor, OnlyTheirOwnAndOnlyOnceReleased) {
  const Assignment planned = Contact("A", "M1", At("2021-06-01", 9));
  EXPECT_FALSE(IsVisibleToMonitor(planned, "M1", At("2021-05-31", 18)));
  EXPECT_TRUE(IsVisibleToMonitor(planned, "M1", At("2021-06-01", 9, 1)));
  EXPECT_FALSE(IsVisibleToMonitor(planned, "M2", At("2021-06-01", 9, 1)));
}

TEST(ContainsUnreleased, TellsWhenAReadMustBeAudited) {
  const std::vector<Assignment> assignments = {Contact("A", "M1", At("2021-06-01", 9)),
                                               Contact("B", "M2", At("2021-06-02", 9))};
  EXPECT_TRUE(ContainsUnreleased(assignments, At("2021-06-01", 12)));
  EXPECT_FALSE(ContainsUnreleased(assignments, At("2021-06-02", 9)));
  EXPECT_FALSE(ContainsUnreleased({}, At("2021-06-02", 9)));
}

TEST(CanonicalPlanText, IsSortedStableAndLeavesOutStatusAndCancelled) {
  std::vector<Assignment> assignments = {
      Contact("K2", "M1", At("2021-06-01", 9)), Contact("K1", "M2|x", At("2021-06-02", 9)),
      Contact("K3", "M3", At("2021-06-02", 9), AssignmentStatus::kCancelled)};
  assignments[0].employee_no = "E01";
  assignments[0].department_code = "D01";
  assignments[0].scenario_code = "S1";
  assignments[1].channel = Channel::kVisit;
  assignments[1].department_code = "T05";
  assignments[1].round = 2;
  assignments[1].lunch_sample = true;
  const std::string text = CanonicalPlanText("C", 0xABCDEF, 7, assignments);
  EXPECT_EQ(text,
            "chinjeol-plan 1\n"
            "campaign C\n"
            "seed 0000000000abcdef\n"
            "code-seed 0000000000000007\n"
            "assignments 2\n"
            "K1|2|visit||T05|2021-06-03|10:00|20|M2\\|x||2021-06-02T09:00:00||1|0\n"
            "K2|1|phone|E01|D01|2021-06-02|10:00|20|M1|S1|2021-06-01T09:00:00||0|0\n");

  std::vector<Assignment> later = assignments;
  later[0].status = AssignmentStatus::kDone;
  later[1].status = AssignmentStatus::kVoid;
  std::swap(later[0], later[2]);
  EXPECT_EQ(CanonicalPlanText("C", 0xABCDEF, 7, later), text);

  later[2].monitor_code = "M9";
  EXPECT_NE(CanonicalPlanText("C", 0xABCDEF, 7, later), text);
}

TEST(BuildPlan, ReleasesEveryContactOnThePreviousWorkingDay) {
  testing::OrganisationSpec organisation;
  organisation.employees = 200;
  const PlanInput input = testing::GenerateInput(
      organisation, testing::Window("2021-07-19", "2021-09-30"), KoreanHolidays());
  Result<Plan> plan = BuildPlan(input);
  ASSERT_TRUE(plan) << testing::Describe(plan.error());
  for (const Assignment& assignment : plan->assignments) {
    ASSERT_EQ(assignment.release_at, ReleaseTime(assignment.date, input.calendar))
        << assignment.code;
    ASSERT_FALSE(IsReleased(assignment, {AddDays(assignment.release_at.date, 0), 8, 59, 59}));
  }
}

}  // namespace
}  // namespace chinjeol::planning
