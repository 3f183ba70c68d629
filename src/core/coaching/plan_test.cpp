#include "core/coaching/plan.hpp"

#include <gtest/gtest.h>

#include "core/coaching/library.hpp"
#include "core/rubric/fixtures/default_sheets.hpp"

namespace chinjeol::coaching {
namespace {

Candidate Person(std::string no, std::optional<double> adjusted) {
  return {std::move(no), "이름", "D01", 4, adjusted, std::nullopt, std::nullopt};
}

ItemFinding Finding(std::string item, double gap, double probability) {
  return {std::move(item), 3, 0.5, 0.8, gap, probability};
}

std::vector<std::string> Chosen(const std::vector<PlanEntry>& plan) {
  std::vector<std::string> numbers;
  for (const PlanEntry& entry : plan) numbers.push_back(entry.employee.employee_no);
  return numbers;
}

TEST(CoachingPlan, ChoosesByScoreBottomShareAndWeakItemsMostUrgentFirst) {
  const std::vector<Candidate> staff{Person("E1", 92), Person("E2", 78), Person("E3", 85),
                                     Person("E4", 70), Person("E5", std::nullopt)};
  std::map<std::string, std::vector<ItemFinding>> findings{
      {"E1", {Finding("P02", -0.3, 0.95), Finding("P09", -0.05, 0.2)}},
      {"E3", {Finding("P09", -0.1, 0.5)}},
  };
  PlanRules rules;
  Result<std::vector<PlanEntry>> plan = SelectForCoaching(staff, findings, rules);
  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_EQ(Chosen(*plan), (std::vector<std::string>{"E4", "E2", "E1"}));
  EXPECT_EQ(plan->back().reasons, (std::vector<Reason>{Reason::kWeakItem}));
  ASSERT_EQ(plan->back().items.size(), 1u);  // only the weak item: E1 was not chosen by score
  EXPECT_EQ(plan->back().items[0].item_id, "P02");

  rules.below_score.reset();
  rules.weak_probability.reset();
  rules.bottom_share = 0.5;  // two of the four with a fair score
  plan = SelectForCoaching(staff, findings, rules);
  ASSERT_TRUE(plan);
  EXPECT_EQ(Chosen(*plan), (std::vector<std::string>{"E4", "E2"}));
  EXPECT_EQ(plan->front().reasons, (std::vector<Reason>{Reason::kBottomShare}));
}

TEST(CoachingPlan, ItemsAreTheWeakOnesThenTheFurthestBelowPeersUpToTheLimit) {
  const std::vector<Candidate> staff{Person("E1", 60)};
  std::map<std::string, std::vector<ItemFinding>> findings{
      {"E1",
       {Finding("P01", -0.02, 0.1), Finding("P05", -0.2, 0.7), Finding("P07", -0.4, 0.99),
        Finding("P09", 0.1, 0.0), Finding("P11", -0.3, 0.92)}}};
  PlanRules rules;
  rules.max_items = 3;
  Result<std::vector<PlanEntry>> plan = SelectForCoaching(staff, findings, rules);
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->size(), 1u);
  std::vector<std::string> items;
  for (const ItemFinding& item : plan->front().items) items.push_back(item.item_id);
  EXPECT_EQ(items, (std::vector<std::string>{"P07", "P11", "P05"}));
  EXPECT_EQ(plan->front().reasons, (std::vector<Reason>{Reason::kBelowScore, Reason::kWeakItem}));
}

TEST(CoachingPlan, RulesOutsideTheirRangeAreRefusedByName) {
  PlanRules rules;
  rules.below_score = 120;
  rules.bottom_share = 0;
  rules.weak_probability = 1;
  rules.max_items = 0;
  Result<void> valid = ValidatePlanRules(rules);
  ASSERT_FALSE(valid);
  EXPECT_EQ(valid.error().code(), ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldViolation& v : valid.error().violations()) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"below_score", "bottom_share", "weak_probability",
                                              "max_items"}));
  EXPECT_FALSE(SelectForCoaching({}, {}, rules));
}

TEST(CoachingLibrary, EveryItemOfTheDefaultRubricsHasAModuleInBothLanguages) {
  const std::vector<PracticeModule> library = DefaultLibrary();
  for (const rubric::Rubric& rubric :
       {rubric::fixtures::PhoneDefaultSheet(), rubric::fixtures::VisitDefaultSheet()}) {
    for (const rubric::Item& item : rubric.items) {
      const PracticeModule* module = FindModule(library, item.id);
      ASSERT_NE(module, nullptr) << item.id;
      EXPECT_FALSE(module->good_ko.empty() || module->good_en.empty() ||
                   module->practice_ko.empty() || module->practice_en.empty() ||
                   module->title_ko.empty() || module->title_en.empty())
          << item.id;
    }
  }
  EXPECT_EQ(FindModule(library, "X99"), nullptr);
}

}  // namespace
}  // namespace chinjeol::coaching
