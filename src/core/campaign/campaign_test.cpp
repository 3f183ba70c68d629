#include "core/campaign/campaign.hpp"

#include <gtest/gtest.h>

#include "core/campaign/calendar.hpp"

namespace chinjeol::campaign {
namespace {

Date D(const char* text) { return *ParseDate(text); }

// The 2021 holidays inside Pocheon's campaign window.
WorkingCalendar Pocheon2021() {
  return WorkingCalendar({{D("2021-05-19"), "부처님 오신 날", "Buddha's Birthday", "lunar"},
                          {D("2021-06-06"), "현충일", "Memorial Day", "fixed"},
                          {D("2021-08-15"), "광복절", "Liberation Day", "national"},
                          {D("2021-08-16"), "대체공휴일(광복절)", "Substitute", "substitute"}},
                         {});
}

TEST(WorkingCalendar, SkipsWeekendsHolidaysAndClosures) {
  const WorkingCalendar calendar(
      {{D("2021-05-19"), "부처님 오신 날", "", "lunar"}},
      {{D("2021-05-20"), "", "city anniversary"}, {D("2021-05-21"), "T01", "office move"}});
  EXPECT_TRUE(calendar.IsWorkingDay(D("2021-05-18")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2021-05-19")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2021-05-20")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2021-05-22")));  // Saturday
  EXPECT_TRUE(calendar.IsWorkingDay(D("2021-05-21")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2021-05-21"), "T01"));
  EXPECT_TRUE(calendar.IsWorkingDay(D("2021-05-21"), "T02"));
  ASSERT_NE(calendar.HolidayOn(D("2021-05-19")), nullptr);
  EXPECT_EQ(calendar.HolidayOn(D("2021-05-19"))->name_ko, "부처님 오신 날");
  EXPECT_EQ(calendar.WorkingDays(D("2021-05-17"), D("2021-05-23")).size(), 3u);
}

TEST(PlanCampaign, SplitsPocheonWindowIntoTwoRoundsOfEqualWorkingDays) {
  const WorkingCalendar calendar = Pocheon2021();
  const auto campaign = PlanCampaign(
      {"POC-2021", "포천시 2021 친절도 평가", D("2021-05-17"), D("2021-09-16"), 2, 1, 1}, calendar);
  ASSERT_TRUE(campaign) << campaign.error().message();
  ASSERT_EQ(campaign->rounds.size(), 2u);
  EXPECT_EQ(campaign->rounds[0].start, D("2021-05-17"));
  EXPECT_EQ(campaign->rounds[1].end, D("2021-09-16"));
  EXPECT_EQ(AddDays(campaign->rounds[0].end, 1), campaign->rounds[1].start);
  const auto first = calendar.WorkingDays(campaign->rounds[0].start, campaign->rounds[0].end);
  const auto second = calendar.WorkingDays(campaign->rounds[1].start, campaign->rounds[1].end);
  EXPECT_EQ(first.size() + second.size(), 87u);  // as the product brief counts
  EXPECT_LE(second.size() - first.size(), 1u);
  EXPECT_EQ(campaign->RoundOf(D("2021-05-17")), 1);
  EXPECT_EQ(campaign->RoundOf(D("2021-09-16")), 2);
  EXPECT_FALSE(campaign->RoundOf(D("2021-09-17")));
}

TEST(PlanCampaign, NamesEveryInvalidField) {
  const WorkingCalendar calendar({}, {});
  const auto campaign =
      PlanCampaign({"", "", D("2021-09-16"), D("2021-05-17"), 0, -1, -1}, calendar);
  ASSERT_FALSE(campaign);
  std::vector<std::string> fields;
  for (const auto& violation : campaign.error().violations()) fields.push_back(violation.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"code", "name", "end", "rounds", "phone-per-round",
                                              "visit-per-round"}));
}

TEST(PlanCampaign, RefusesMoreRoundsThanWorkingDays) {
  const WorkingCalendar calendar({}, {});
  const auto campaign =
      PlanCampaign({"C", "weekend", D("2021-05-22"), D("2021-05-24"), 2, 1, 1}, calendar);
  ASSERT_FALSE(campaign);
  EXPECT_NE(campaign.error().violations().at(0).message.find("1 working days"), std::string::npos);
}

TEST(LunchPolicy, RoundTripsCodes) {
  for (const auto policy : {LunchPolicy::kAvoid, LunchPolicy::kAllow, LunchPolicy::kSeparate}) {
    EXPECT_EQ(ParseLunchPolicy(LunchPolicyCode(policy)), policy);
  }
  EXPECT_FALSE(ParseLunchPolicy("sometimes"));
}

}  // namespace
}  // namespace chinjeol::campaign
