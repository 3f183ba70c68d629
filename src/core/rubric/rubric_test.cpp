#include "core/rubric/rubric.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "core/rubric/fixtures/default_sheets.hpp"

namespace chinjeol::rubric {
namespace {

using fixtures::Binary;
using fixtures::Checklist;
using fixtures::Level5;
using fixtures::PhoneDefaultSheet;
using fixtures::Tiered;
using fixtures::VisitDefaultSheet;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// One stage of 10 points holding one binary item of 10 points: valid.
Rubric OneItemRubric() {
  Rubric rubric;
  rubric.code = "mini";
  rubric.stages = {{"main", "본", "Main", 10}};
  rubric.items = {Binary("X1", "main", "항목", "Item", 10)};
  rubric.flags = {{"CRITICAL", "중대 불친절", "Critical"}};
  return rubric;
}

double StageSum(const Rubric& rubric, const std::string& stage) {
  double sum = 0;
  for (const Item& item : rubric.items) {
    if (item.stage == stage) sum += item.points;
  }
  return sum;
}

TEST(MaxPoints, IsOneHundredForBothDefaultSheets) {
  EXPECT_EQ(PhoneDefaultSheet().MaxPoints(), 100);
  EXPECT_EQ(VisitDefaultSheet().MaxPoints(), 100);
}

TEST(MaxPoints, AddsTheItemPoints) {
  Rubric rubric = OneItemRubric();
  rubric.items.push_back(Level5("X2", "main", "", "", 7.5));
  EXPECT_EQ(rubric.MaxPoints(), 17.5);
}

TEST(DefaultSheets, HaveTwelveItemsAndTheStagePointsOfTheProductBrief) {
  const Rubric phone = PhoneDefaultSheet();
  ASSERT_EQ(phone.items.size(), 12u);
  ASSERT_EQ(phone.stages.size(), 5u);
  EXPECT_EQ(StageSum(phone, "opening"), 20);
  EXPECT_EQ(StageSum(phone, "transfer"), 10);
  EXPECT_EQ(StageSum(phone, "consultation"), 50);
  EXPECT_EQ(StageSum(phone, "closing"), 15);
  EXPECT_EQ(StageSum(phone, "overall"), 5);

  const Rubric visit = VisitDefaultSheet();
  ASSERT_EQ(visit.items.size(), 12u);
  ASSERT_EQ(visit.stages.size(), 5u);
  EXPECT_EQ(StageSum(visit, "environment"), 5);
  EXPECT_EQ(StageSum(visit, "welcome"), 20);
  EXPECT_EQ(StageSum(visit, "consultation"), 55);
  EXPECT_EQ(StageSum(visit, "closing"), 10);
  EXPECT_EQ(StageSum(visit, "overall"), 10);
}

TEST(FindItem, FindsByIdOrReturnsNull) {
  const Rubric phone = PhoneDefaultSheet();
  const Item* item = phone.FindItem("P05");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->points, 15);
  EXPECT_EQ(item->type, ItemType::kLevel5);
  EXPECT_EQ(phone.FindItem("P13"), nullptr);
  EXPECT_EQ(phone.FindItem("p05"), nullptr);
  EXPECT_EQ(phone.FindItem(""), nullptr);
}

TEST(FindFlag, FindsTheRubricsOwnFlagsOnly) {
  const Rubric phone = PhoneDefaultSheet();
  const Rubric visit = VisitDefaultSheet();
  for (std::string_view flag :
       {kFlagUnanswered, kFlagAnsweredByColleague, kFlagLunchHour, kFlagCritical, kFlagVoid}) {
    ASSERT_NE(phone.FindFlag(flag), nullptr) << flag;
    EXPECT_EQ(phone.FindFlag(flag)->id, flag);
  }
  EXPECT_NE(visit.FindFlag(kFlagCritical), nullptr);
  EXPECT_NE(visit.FindFlag(kFlagVoid), nullptr);
  EXPECT_EQ(visit.FindFlag(kFlagUnanswered), nullptr);
  EXPECT_EQ(visit.FindFlag(kFlagLunchHour), nullptr);
  EXPECT_EQ(phone.FindFlag("critical"), nullptr);
}

TEST(DefaultGradeBands, AreSAboveNinetyDownToC) {
  const std::vector<GradeBand> bands = DefaultGradeBands();
  ASSERT_EQ(bands.size(), 4u);
  EXPECT_EQ(bands[0], (GradeBand{"S", "매우우수", 90}));
  EXPECT_EQ(bands[1], (GradeBand{"A", "우수", 80}));
  EXPECT_EQ(bands[2], (GradeBand{"B", "보통", 70}));
  EXPECT_EQ(bands[3], (GradeBand{"C", "미흡", 0}));
}

TEST(ValidateGradeBands, AcceptsTheDefaultBands) {
  EXPECT_THAT(ValidateGradeBands(DefaultGradeBands()), IsEmpty());
  EXPECT_THAT(ValidateGradeBands({{"P", "합격", 0}}), IsEmpty());
}

TEST(ValidateGradeBands, ReportsNoBands) {
  EXPECT_THAT(ValidateGradeBands({}),
              ElementsAre("grade_bands: at least one grade band is needed"));
}

TEST(ValidateGradeBands, ReportsEmptyAndRepeatedGrades) {
  EXPECT_THAT(ValidateGradeBands({{"S", "", 90}, {"", "", 80}, {"S", "", 0}}),
              ElementsAre("grade_bands/1/grade: must not be empty",
                          "grade_bands/2/grade: grade \"S\" appears twice"));
}

TEST(ValidateGradeBands, ReportsMinimumsOffTheScaleOrNotFalling) {
  EXPECT_THAT(
      ValidateGradeBands(
          {{"S", "", 120}, {"A", "", 80}, {"B", "", 85}, {"C", "", 85}, {"D", "", -1}}),
      ElementsAre("grade_bands/0/min: must be between 0 and 100, got 120",
                  "grade_bands/2/min: must be below the minimum of the band above (80), got 85",
                  "grade_bands/3/min: must be below the minimum of the band above (85), got 85",
                  "grade_bands/4/min: must be between 0 and 100, got -1",
                  "grade_bands/4/min: the lowest band must start at 0 so that every score has a "
                  "grade, got -1"));
}

TEST(ValidateGradeBands, ReportsALowestBandAboveZero) {
  EXPECT_THAT(ValidateGradeBands({{"S", "", 90}, {"A", "", 60}}),
              ElementsAre("grade_bands/1/min: the lowest band must start at 0 so that every score "
                          "has a grade, got 60"));
}

TEST(ItemTypeCode, RoundTripsEveryType) {
  for (ItemType type :
       {ItemType::kBinary, ItemType::kTiered, ItemType::kChecklist, ItemType::kLevel5}) {
    EXPECT_EQ(ParseItemType(ItemTypeCode(type)), type);
  }
  EXPECT_STREQ(ItemTypeCode(ItemType::kLevel5), "level5");
  EXPECT_EQ(ParseItemType("scale"), std::nullopt);
  EXPECT_EQ(ParseItemType("Binary"), std::nullopt);
}

TEST(NotApplicablePolicyCode, RoundTripsEveryPolicy) {
  for (NotApplicablePolicy policy :
       {NotApplicablePolicy::kNotAllowed, NotApplicablePolicy::kFullMarks,
        NotApplicablePolicy::kRescale}) {
    EXPECT_EQ(ParseNotApplicablePolicy(NotApplicablePolicyCode(policy)), policy);
  }
  EXPECT_STREQ(NotApplicablePolicyCode(NotApplicablePolicy::kFullMarks), "full_marks");
  EXPECT_EQ(ParseNotApplicablePolicy("rescaled"), std::nullopt);
}

TEST(FormatPoints, WritesTheShortestExactDecimal) {
  EXPECT_EQ(FormatPoints(10), "10");
  EXPECT_EQ(FormatPoints(7.5), "7.5");
  EXPECT_EQ(FormatPoints(11.25), "11.25");
  EXPECT_EQ(FormatPoints(0), "0");
  EXPECT_EQ(FormatPoints(-0.0), "0");
  EXPECT_EQ(FormatPoints(0.1), "0.1");
  EXPECT_EQ(FormatPoints(100), "100");
  EXPECT_EQ(FormatPoints(1e20), "100000000000000000000");
  EXPECT_EQ(FormatPoints(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(FormatPoints(-2.5), "-2.5");
}

// A rubric file's critical cap of 1e400 (infinity) reached FormatPoints in a validation
// message, which converted it to an integer before checking its range (undefined behaviour,
// reported by the sanitizer build).
TEST(FormatPoints, WritesHugeAndNonFiniteValues) {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  EXPECT_EQ(FormatPoints(kInfinity), "inf");
  EXPECT_EQ(FormatPoints(-kInfinity), "-inf");
  EXPECT_EQ(FormatPoints(std::numeric_limits<double>::quiet_NaN()), "nan");
  const std::string huge = FormatPoints(1e300);  // the double's exact value, 301 digits
  EXPECT_EQ(huge.size(), 301u);
  EXPECT_EQ(huge.substr(0, 19), "1000000000000000052");
  EXPECT_EQ(FormatPoints(-1e19), "-10000000000000000000");
  EXPECT_EQ(FormatPoints(2.5e18), "2500000000000000000");
}

TEST(ValidateRubric, AcceptsBothDefaultSheets) {
  EXPECT_THAT(ValidateRubric(PhoneDefaultSheet()), IsEmpty());
  EXPECT_THAT(ValidateRubric(VisitDefaultSheet()), IsEmpty());
  EXPECT_THAT(ValidateRubric(OneItemRubric()), IsEmpty());
}

TEST(ValidateRubric, ReportsABadCodeAndVersion) {
  Rubric rubric = OneItemRubric();
  rubric.code = "";
  rubric.version = 0;
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("code: must not be empty or contain spaces or any of = | ; ,",
                          "version: must be 1 or more, got 0"));
  rubric.code = "phone default";
  rubric.version = 1;
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("code: must not be empty or contain spaces or any of = | ; ,"));
}

TEST(ValidateRubric, ReportsMissingStagesAndItems) {
  Rubric rubric = OneItemRubric();
  rubric.stages.clear();
  rubric.items.clear();
  EXPECT_THAT(ValidateRubric(rubric), ElementsAre("stages: a rubric needs at least one stage",
                                                  "items: a rubric needs at least one item"));
}

TEST(ValidateRubric, ReportsDuplicateAndMalformedStageCodes) {
  Rubric rubric = OneItemRubric();
  rubric.stages.push_back({"main", "", "", 0});
  rubric.stages.push_back({"a|b", "", "", 0});
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("stages/1/code: stage \"main\" appears twice",
                          "stages/2/code: must not be empty or contain spaces or any of = | ; ,"));
}

TEST(ValidateRubric, ReportsStagePointsThatDoNotMatchTheirItems) {
  Rubric rubric = PhoneDefaultSheet();
  rubric.stages[0].points = 25;
  rubric.stages[3].points = 0;
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("stages/0/points: the stage has 25 points but its items add up to 20",
                          "stages/3/points: the stage has 0 points but its items add up to 15"));
}

TEST(ValidateRubric, ReportsDuplicateAndMalformedItemIds) {
  Rubric rubric = OneItemRubric();
  rubric.stages[0].points = 30;
  rubric.items.push_back(Binary("X1", "main", "", "", 10));
  rubric.items.push_back(Binary("X=2", "main", "", "", 5));
  rubric.items.push_back(Binary("", "main", "", "", 5));
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("items/1/id: item \"X1\" appears twice",
                          "items/2/id: must not be empty or contain spaces or any of = | ; ,",
                          "items/3/id: must not be empty or contain spaces or any of = | ; ,"));
}

TEST(ValidateRubric, ReportsAnItemInAnUnknownStage) {
  Rubric rubric = OneItemRubric();
  rubric.items[0].stage = "closing";
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("stages/0/points: the stage has 10 points but its items add up to 0",
                          "items/0/stage: unknown stage \"closing\""));
}

TEST(ValidateRubric, ReportsItemsWithoutPositivePoints) {
  Rubric rubric = OneItemRubric();
  rubric.stages[0].points = 0;
  rubric.items[0].points = 0;
  EXPECT_THAT(ValidateRubric(rubric), ElementsAre("items/0/points: must be more than 0, got 0"));
  rubric.stages[0].points = -1;
  rubric.items[0].points = -1;
  EXPECT_THAT(ValidateRubric(rubric), ElementsAre("items/0/points: must be more than 0, got -1"));
}

TEST(ValidateRubric, ReportsATieredItemWithoutTiers) {
  Rubric rubric = OneItemRubric();
  rubric.items[0] = Tiered("X1", "main", "", "", 10, "ring_count", {});
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("items/0/tiers: a tiered item needs at least one tier"));
}

TEST(ValidateRubric, ReportsTiersThatLeaveCountsWithoutATier) {
  Rubric rubric = OneItemRubric();
  rubric.items[0] = Tiered("X1", "main", "", "", 10, "ring_count",
                           {{std::nullopt, 10, std::nullopt}, {5, 0, std::nullopt}});
  EXPECT_THAT(
      ValidateRubric(rubric),
      ElementsAre("items/0/tiers/0/max_count: only the last tier may be unbounded (null)",
                  "items/0/tiers/1/max_count: the last tier must be unbounded (null) so that "
                  "every count has a tier"));
}

TEST(ValidateRubric, ReportsTierBoundsThatAreNegativeOrDoNotRise) {
  Rubric rubric = OneItemRubric();
  rubric.items[0] = Tiered("X1", "main", "", "", 10, "ring_count",
                           {{-1, 10, std::nullopt},
                            {3, 8, std::nullopt},
                            {3, 5, std::nullopt},
                            {2, 4, std::nullopt},
                            {std::nullopt, 0, std::nullopt}});
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("items/0/tiers/0/max_count: must be 0 or more, got -1",
                          "items/0/tiers/2/max_count: must be above the previous tier's 3, got 3",
                          "items/0/tiers/3/max_count: must be above the previous tier's 3, got 2"));
}

TEST(ValidateRubric, ReportsTierPointsOutsideTheItemsPoints) {
  Rubric rubric = OneItemRubric();
  rubric.items[0] = Tiered("X1", "main", "", "", 10, "ring_count",
                           {{3, 12, std::nullopt}, {5, 5, 10.5}, {std::nullopt, -1, -2}});
  EXPECT_THAT(
      ValidateRubric(rubric),
      ElementsAre(
          "items/0/tiers/0/points: must be between 0 and the item's 10 points, got 12",
          "items/0/tiers/1/points_if_apology: must be between 0 and the item's 10 points, got "
          "10.5",
          "items/0/tiers/2/points: must be between 0 and the item's 10 points, got -1",
          "items/0/tiers/2/points_if_apology: must be between 0 and the item's 10 points, got "
          "-2"));
}

TEST(ValidateRubric, ReportsAChecklistWithoutElements) {
  Rubric rubric = OneItemRubric();
  rubric.items[0] = Checklist("X1", "main", "", "", 10, {});
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("items/0/elements: a checklist item needs at least one element"));
}

TEST(ValidateRubric, ReportsBadChecklistElements) {
  Rubric rubric = OneItemRubric();
  rubric.items[0] = Checklist("X1", "main", "", "", 10,
                              {{"greeting", "", "", 3},
                               {"greeting", "", "", 3},
                               {"na", "", "", 1},
                               {"two words", "", "", 1},
                               {"name", "", "", -1}});
  EXPECT_THAT(
      ValidateRubric(rubric),
      ElementsAre("items/0/elements/1/id: element \"greeting\" appears twice",
                  "items/0/elements/2/id: must not be \"na\", which marks an item not applicable",
                  "items/0/elements/3/id: must not be empty or contain spaces or any of = | ; ,",
                  "items/0/elements/4/points: must be 0 or more, got -1",
                  "items/0/elements: element points add up to 7, not the item's 10"));
}

TEST(ValidateRubric, ReportsTiersAndElementsOnTypesThatHaveNone) {
  Rubric rubric = OneItemRubric();
  rubric.items[0].tiers = {{std::nullopt, 10, std::nullopt}};
  rubric.items[0].elements = {{"greeting", "", "", 10}};
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("items/0/tiers: only tiered items have tiers",
                          "items/0/elements: only checklist items have elements"));
}

TEST(ValidateRubric, ReportsDuplicateAndMalformedFlags) {
  Rubric rubric = OneItemRubric();
  rubric.flags.push_back({"CRITICAL", "", ""});
  rubric.flags.push_back({"LUNCH;HOUR", "", ""});
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("flags/1/id: flag \"CRITICAL\" appears twice",
                          "flags/2/id: must not be empty or contain spaces or any of = | ; ,"));
}

TEST(ValidateRubric, ReportsLevelFractionsOutsideZeroToOneOrRising) {
  Rubric rubric = OneItemRubric();
  rubric.level_fractions = {1.2, 0.75, 0.8, 0.25, -0.1};
  EXPECT_THAT(
      ValidateRubric(rubric),
      ElementsAre("level_fractions/0: must be between 0 and 1, got 1.2",
                  "level_fractions/2: fractions must not rise from level 5 (탁월) down to level 1 "
                  "(부진)",
                  "level_fractions/4: must be between 0 and 1, got -0.1"));
  rubric.level_fractions = {1, 1, 0.5, 0.5, 0};  // equal neighbours are allowed
  EXPECT_THAT(ValidateRubric(rubric), IsEmpty());
  rubric.level_fractions[1] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THAT(ValidateRubric(rubric),
              Contains("level_fractions/1: must be between 0 and 1, got nan"));
}

TEST(ValidateRubric, ReportsACriticalCapOffTheHundredPointScale) {
  Rubric rubric = OneItemRubric();
  rubric.critical_cap = 120;
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("critical_cap: must be between 0 and 100, got 120"));
  rubric.critical_cap = -5;
  EXPECT_THAT(ValidateRubric(rubric),
              ElementsAre("critical_cap: must be between 0 and 100, got -5"));
  rubric.critical_cap = 0;
  EXPECT_THAT(ValidateRubric(rubric), IsEmpty());
  rubric.critical_cap = 100;
  EXPECT_THAT(ValidateRubric(rubric), IsEmpty());
}

}  // namespace
}  // namespace chinjeol::rubric
