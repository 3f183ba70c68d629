#include "core/publication/dashboard.hpp"

#include <gtest/gtest.h>

namespace chinjeol::publication {
namespace {

campaign::Campaign TwoWeekCampaign() {
  campaign::Campaign campaign;
  campaign.code = "C";
  campaign.start = Date{std::chrono::year(2021), std::chrono::May, std::chrono::day(17)};  // Mon
  campaign.end = Date{std::chrono::year(2021), std::chrono::May, std::chrono::day(30)};
  campaign.rounds = {{1, campaign.start, campaign.end}};
  return campaign;
}

// Keeps what the contacts point to alive for a test.
struct Fixture {
  std::vector<std::string> items = {"P01", "P02"};
  std::vector<double> max = {10, 20};
  std::string rubric = "phone-default";
  std::vector<std::string> departments = {"D1", "D2", "D3"};
  std::vector<std::vector<std::optional<double>>> points;

  results::DashboardContact Contact(int department, std::int64_t employee, double score, int day,
                                    std::vector<std::optional<double>> earned = {}) {
    results::DashboardContact contact;
    contact.department_id = department;
    contact.department_code = &departments.at(static_cast<std::size_t>(department - 1));
    contact.employee_id = employee;
    contact.round = 1;
    contact.score = score;
    contact.day = DayNumber(Date{std::chrono::year(2021), std::chrono::May,
                                 std::chrono::day(static_cast<unsigned>(day))});
    contact.rubric_id = 1;
    contact.rubric_code = &rubric;
    contact.item_ids = &items;
    contact.item_max = &max;
    if (!earned.empty()) {
      points.reserve(100);
      points.push_back(std::move(earned));
      contact.item_points = &points.back();
    }
    return contact;
  }
};

TEST(DashboardBuilder, RanksDepartmentsWithIntervalsAndTies) {
  Fixture fixture;
  DashboardBuilder builder;
  for (int i = 0; i < 10; ++i) {
    builder.Add(fixture.Contact(1, i, 90 + (i % 2), 17, {10.0, 20.0}));
    builder.Add(fixture.Contact(2, 100 + i, 60 + (i % 2), 18, {5.0, std::nullopt}));
    builder.Add(fixture.Contact(3, 200 + i, 89 + (i % 3), 25, {10.0, 10.0}));
  }
  const Dashboard dashboard = builder.Finish(TwoWeekCampaign(), 30, 0);
  ASSERT_EQ(dashboard.departments.size(), 3U);
  EXPECT_EQ(dashboard.departments[0].department_code, "D1");
  EXPECT_EQ(dashboard.departments[2].department_code, "D2");
  EXPECT_EQ(dashboard.departments[2].rank, 3);
  EXPECT_EQ(dashboard.departments[0].rank, 1);
  // D1 and D3 overlap: each could be first or second.
  EXPECT_EQ(dashboard.departments[1].rank, 1);
  EXPECT_EQ(dashboard.departments[0].rank_worst, 2);
  EXPECT_LT(dashboard.departments[0].ci_low, dashboard.departments[0].mean);
  EXPECT_EQ(dashboard.employees_evaluated, 30);
}

TEST(DashboardBuilder, AveragesItemAchievementOverContactsWhereTheItemApplied) {
  Fixture fixture;
  DashboardBuilder builder;
  builder.Add(fixture.Contact(1, 1, 80, 17, {10.0, 10.0}));
  builder.Add(fixture.Contact(1, 2, 70, 17, {5.0, std::nullopt}));
  const Dashboard dashboard = builder.Finish(TwoWeekCampaign(), 2, 0);
  ASSERT_EQ(dashboard.heat_maps.size(), 1U);
  const Dashboard::HeatMap::Row& row = dashboard.heat_maps[0].rows.at(0);
  EXPECT_DOUBLE_EQ(*row.percent[0], 75.0);  // (100 % + 50 %) / 2
  EXPECT_DOUBLE_EQ(*row.percent[1], 50.0);  // 10 of 20, once
  EXPECT_EQ(row.contacts[1], 1);
}

TEST(DashboardBuilder, CountsHistogramMonthsAndWeeklyPace) {
  Fixture fixture;
  DashboardBuilder builder;
  builder.Add(fixture.Contact(1, 1, 99, 17));
  builder.Add(fixture.Contact(1, 1, 100, 18));
  builder.Add(fixture.Contact(1, 2, 42, 25));
  results::DashboardContact in_review = fixture.Contact(1, 3, 50, 25);
  in_review.state = evaluation::ReviewState::kSubmitted;
  builder.Add(in_review);
  const Dashboard dashboard = builder.Finish(TwoWeekCampaign(), 2, 0);
  ASSERT_EQ(dashboard.rounds.size(), 1U);
  EXPECT_EQ(dashboard.rounds[0].by_state.at(evaluation::ReviewState::kApproved), 3);
  EXPECT_EQ(dashboard.rounds[0].by_state.at(evaluation::ReviewState::kSubmitted), 1);
  EXPECT_EQ(dashboard.contacts, 3);
  EXPECT_EQ(dashboard.histogram.at(19).contacts, 2);  // 100 falls in the top bin
  EXPECT_EQ(dashboard.histogram.at(19).employees, 1);
  EXPECT_EQ(dashboard.histogram.at(8).employees, 1);
  ASSERT_EQ(dashboard.weeks.size(), 2U);
  EXPECT_EQ(dashboard.weeks[0].approved, 2);
  EXPECT_EQ(dashboard.weeks[1].approved_total, 3);
  EXPECT_EQ(dashboard.weeks[1].expected_total, 2);  // two employees, one phone contact each
  ASSERT_EQ(dashboard.months.size(), 1U);
  EXPECT_EQ(dashboard.months[0].month, "2021-05");
  EXPECT_NEAR(dashboard.months[0].mean, (99.0 + 100.0 + 42.0) / 3, 1e-9);
}

}  // namespace
}  // namespace chinjeol::publication
