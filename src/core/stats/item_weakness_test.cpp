#include "core/stats/item_weakness.hpp"

#include <gtest/gtest.h>

#include "core/stats/simulated_campaign.hpp"

namespace chinjeol::stats {
namespace {

TEST(AnalyzeItemWeakness, OneBadContactIsNotAWeaknessButAPatternIs) {
  // Item 0: employee 0 misses once in 2 contacts, employee 1 in 7 of 8.
  ItemInput input;
  input.employee_count = 40;
  input.item_count = 2;
  for (int e = 0; e < 40; ++e) {
    const int contacts = (e == 0) ? 2 : 8;
    for (int c = 0; c < contacts; ++c) {
      input.employee.push_back(e);
      // Employees differ: some never miss item 0, some miss one or two contacts in six.
      double item0 = ((c + e) % 6 < e % 3) ? 0.0 : 1.0;
      if (e == 0 && c == 0) item0 = 0;
      if (e == 1) item0 = (c == 0) ? 1.0 : 0.0;
      input.fractions.push_back(item0);
      input.fractions.push_back(c == 2 ? std::nullopt : std::optional<double>(0.75));
    }
  }
  Result<ItemWeaknessReport> report = AnalyzeItemWeakness(input);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  ASSERT_EQ(report->items.size(), 2u);
  EXPECT_GT(report->items[0].between_sd, 0);
  const auto entry = [&](int employee, int item) {
    for (const EmployeeItemWeakness& e : report->entries) {
      if (e.employee == employee && e.item == item) return e;
    }
    return EmployeeItemWeakness{};
  };
  EXPECT_FALSE(entry(0, 0).weak);
  EXPECT_GT(entry(0, 0).shrunken_gap, entry(0, 0).raw_mean - report->items[0].peer_mean);
  EXPECT_TRUE(entry(1, 0).weak);
  EXPECT_EQ(entry(1, 1).contacts, 7);  // not-applicable contacts do not count
  EXPECT_FALSE(entry(1, 1).weak);      // no variation on item 1: nobody is weak
}

TEST(AnalyzeItemWeakness, FindsWeakItemsInRubricData) {
  const testing::SimulatedCampaign campaign =
      testing::SimulateCampaign({.mode = testing::SimulationMode::kRubric, .employees = 300});
  ItemInput input;
  input.employee_count = 300;
  input.item_count = campaign.item_count;
  for (const auto& contact : campaign.contacts) input.employee.push_back(contact.employee_id - 1);
  for (const double f : campaign.item_fractions) input.fractions.push_back(f);
  Result<ItemWeaknessReport> report = AnalyzeItemWeakness(input);
  ASSERT_TRUE(report.has_value());
  int weak = 0;
  for (const EmployeeItemWeakness& e : report->entries) {
    weak += e.weak ? 1 : 0;
    EXPECT_GE(e.probability_weak, 0);
    EXPECT_LE(e.probability_weak, 1);
  }
  EXPECT_GT(weak, 0);
  EXPECT_LT(weak, static_cast<int>(report->entries.size()) / 4);
}

TEST(AnalyzeItemWeakness, RejectsFractionsOutsideZeroToOne) {
  ItemInput input{1, 1, {0}, {1.5}};
  EXPECT_FALSE(AnalyzeItemWeakness(input).has_value());
}

}  // namespace
}  // namespace chinjeol::stats
