#include "core/planning/top_up.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/planning/planner.hpp"
#include "core/planning/testing/test_support.hpp"

namespace chinjeol::planning {
namespace {

using testing::D;
using testing::KoreanHolidays;

const std::vector<double> kCuts = {70, 80, 90};

TEST(MisgradeProbability, IsSmallFarFromACutAndHalfOnOne) {
  EXPECT_NEAR(MisgradeProbability(85, 4, kCuts), 0.0124, 0.0005);  // 2.5 sd from either cut
  EXPECT_NEAR(MisgradeProbability(90, 1, kCuts), 0.5, 1e-9);
  EXPECT_NEAR(MisgradeProbability(50, 25, kCuts), 0.0, 1e-4);
  EXPECT_EQ(MisgradeProbability(90, 0, kCuts), 0.0);
}

TEST(ExpectedMisgradeAfterContact, FallsWhereTheGradeIsUncertain) {
  const double before = MisgradeProbability(79, 16, kCuts);
  const double after = ExpectedMisgradeAfterContact(79, 16, 100, kCuts);
  EXPECT_LT(after, before);
  EXPECT_GT(after, 0.0);
  // A score far from every cut gains nothing worth a contact.
  EXPECT_NEAR(ExpectedMisgradeAfterContact(50, 4, 100, kCuts), MisgradeProbability(50, 4, kCuts),
              1e-6);
}

TEST(CandidateFromInterval, TakesTheVarianceFromThe90PercentInterval) {
  const TopUpCandidate candidate = CandidateFromInterval("E1", 80, 80 - 1.6448536, 80 + 1.6448536);
  EXPECT_EQ(candidate.employee_no, "E1");
  EXPECT_DOUBLE_EQ(candidate.mean, 80);
  EXPECT_NEAR(candidate.variance, 1.0, 1e-6);
}

TEST(CandidateFromRawScores, UsesTheMeanAndTheSpreadPerContact) {
  const std::vector<double> scores = {70, 90};
  const TopUpCandidate candidate = CandidateFromRawScores("E1", scores, 100);
  EXPECT_DOUBLE_EQ(candidate.mean, 80);
  EXPECT_DOUBLE_EQ(candidate.variance, 50);
  EXPECT_DOUBLE_EQ(CandidateFromRawScores("E2", {}, 100).variance, 400);
}

TEST(SelectTopUp, PicksTheEmployeesNearestAGradeBoundaryWithTheWidestUncertainty) {
  const std::vector<TopUpCandidate> candidates = {
      {"E1", 85, 4, {}},     // safely an A
      {"E2", 80.5, 30, {}},  // on the A/B line, uncertain
      {"E3", 55, 30, {}},    // safely a C
      {"E4", 89, 60, {}},    // near S/A, very uncertain
      {"E5", 80.5, 30, {}},  // same as E2: the tie goes to the lower number
  };
  TopUpOptions options;
  options.contacts = 2;
  const std::vector<TopUpChoice> choices = SelectTopUp(candidates, options);
  ASSERT_EQ(choices.size(), 2u);
  std::set<std::string> picked = {choices[0].employee_no, choices[1].employee_no};
  EXPECT_TRUE(picked.contains("E4") || picked.contains("E2"));
  EXPECT_FALSE(picked.contains("E1"));
  EXPECT_FALSE(picked.contains("E3"));
  if (!picked.contains("E4")) {
    EXPECT_TRUE(picked.contains("E2") && picked.contains("E5"));
  }
  for (const TopUpChoice& choice : choices) {
    EXPECT_EQ(choice.contacts, 1);
    EXPECT_LT(choice.misgrade_after, choice.misgrade_before);
  }
  options.contacts = 3;
  const std::vector<TopUpChoice> three = SelectTopUp(candidates, options);
  ASSERT_EQ(three.size(), 3u);
  EXPECT_EQ(SelectTopUp(candidates, options).size(), 3u);
}

TEST(SelectTopUp, SpreadsOverEmployeesAsReturnsDiminish) {
  const std::vector<TopUpCandidate> candidates = {{"E1", 80, 40, {}}, {"E2", 80.2, 40, {}}};
  TopUpOptions options;
  options.contacts = 4;
  options.max_per_employee = 3;
  const std::vector<TopUpChoice> choices = SelectTopUp(candidates, options);
  ASSERT_EQ(choices.size(), 2u);
  EXPECT_EQ(choices[0].contacts + choices[1].contacts, 4);
  EXPECT_LT(choices[0].contacts, 4);
  EXPECT_LT(choices[1].misgrade_after, choices[1].misgrade_before);
}

TEST(SelectTopUp, UsesGivenGradeProbabilitiesForTheStartingPoint) {
  TopUpCandidate candidate = {"E1", 80, 16, {0.05, 0.45, 0.45, 0.05}};
  TopUpOptions options;
  options.contacts = 1;
  const std::vector<TopUpChoice> choices = SelectTopUp({&candidate, 1}, options);
  ASSERT_EQ(choices.size(), 1u);
  EXPECT_NEAR(choices[0].misgrade_before, 0.55, 1e-9);
  EXPECT_LT(choices[0].misgrade_after, 0.55);
}

// After round 1, K extra calls go into round 2 through a re-plan, under every hard rule.
TEST(TopUp, IsScheduledByReplanningUnderTheHardRules) {
  testing::OrganisationSpec organisation;
  organisation.employees = 240;
  organisation.seed = 8;
  PlanInput input = testing::GenerateInput(
      organisation, testing::Window("2021-05-17", "2021-09-16"), KoreanHolidays());
  Result<Plan> first = BuildPlan(input);
  ASSERT_TRUE(first) << testing::Describe(first.error());

  // Round 1 is over: its calls are done; raw scores drawn from the employee number.
  const LocalDateTime now{input.campaign.rounds[0].end, 18, 0, 0};
  std::vector<TopUpCandidate> candidates;
  input.existing = first->assignments;
  for (Assignment& a : input.existing) {
    if (a.round != 1) continue;
    a.status = AssignmentStatus::kDone;
    if (a.channel != Channel::kPhone) continue;
    const double score = 60 + (std::stoi(a.employee_no.substr(1)) * 37 % 40);
    const std::vector<double> scores = {score};
    candidates.push_back(CandidateFromRawScores(a.employee_no, scores, 60));
  }
  TopUpOptions options;
  options.contacts = 25;
  options.contact_variance = 60;
  const std::vector<TopUpChoice> choices = SelectTopUp(candidates, options);
  ASSERT_EQ(choices.size(), 25u);
  input.extra_contacts = ToExtraContacts(choices, 2);
  input.now = now;

  Result<Plan> second = BuildPlan(input);
  ASSERT_TRUE(second) << testing::Describe(second.error());
  testing::ExpectHardRules(input, *second);
  std::set<std::string> topped;
  for (const Assignment& a : second->assignments) {
    if (a.top_up) {
      EXPECT_EQ(a.round, 2);
      topped.insert(a.employee_no);
    }
  }
  EXPECT_EQ(topped.size(), 25u);
  int added = 0;
  for (const PlanChange& change : second->changes) {
    if (change.kind == ChangeKind::kAdded && change.reason == "top-up") ++added;
  }
  EXPECT_EQ(added, 25);
  EXPECT_EQ(second->summary.top_up, 25);
}

}  // namespace
}  // namespace chinjeol::planning
