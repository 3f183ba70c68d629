#include "core/rubric/scoring.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/rubric/fixtures/default_sheets.hpp"

namespace chinjeol::rubric {
namespace {

using fixtures::Binary;
using fixtures::Level5;
using fixtures::PhoneDefaultSheet;
using fixtures::Tiered;
using fixtures::VisitDefaultSheet;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Contact = std::vector<ItemObservation>;
using Flags = std::vector<std::string>;

// Every phone item at its best: 100 points.
Contact PerfectPhoneContact() {
  return {
      {"P01", CountObservation{2, false}},
      {"P02", ChecklistObservation{{"greeting", "department", "name"}}},
      {"P03", ChecklistObservation{{"names_target", "relays_gist", "connects_or_memo"}}},
      {"P04", LevelObservation{5}},
      {"P05", LevelObservation{5}},
      {"P06", LevelObservation{5}},
      {"P07", LevelObservation{5}},
      {"P08", LevelObservation{5}},
      {"P09", BinaryObservation{true}},
      {"P10", BinaryObservation{true}},
      {"P11", BinaryObservation{true}},
      {"P12", LevelObservation{5}},
  };
}

// Every phone item at its worst: 0 points.
Contact WorstPhoneContact() {
  return {
      {"P01", CountObservation{9, false}}, {"P02", ChecklistObservation{}},
      {"P03", ChecklistObservation{}},     {"P04", LevelObservation{1}},
      {"P05", LevelObservation{1}},        {"P06", LevelObservation{1}},
      {"P07", LevelObservation{1}},        {"P08", LevelObservation{1}},
      {"P09", BinaryObservation{false}},   {"P10", BinaryObservation{false}},
      {"P11", BinaryObservation{false}},   {"P12", LevelObservation{1}},
  };
}

// Every visit item at its best: 100 points.
Contact PerfectVisitContact() {
  return {
      {"V01", ChecklistObservation{{"seat_chart", "name_plates", "tidy_forms", "waiting_seats"}}},
      {"V02", LevelObservation{5}},
      {"V03", ChecklistObservation{{"rises", "eye_contact", "greets_first"}}},
      {"V04", ChecklistObservation{{"neat", "badge"}}},
      {"V05", LevelObservation{5}},
      {"V06", LevelObservation{5}},
      {"V07", LevelObservation{5}},
      {"V08", LevelObservation{5}},
      {"V09", LevelObservation{5}},
      {"V10", BinaryObservation{true}},
      {"V11", BinaryObservation{true}},
      {"V12", LevelObservation{5}},
  };
}

Contact With(Contact contact, const std::string& item_id, Observation observation) {
  for (ItemObservation& item : contact) {
    if (item.item_id == item_id) item.observation = std::move(observation);
  }
  return contact;
}

Contact Without(Contact contact, const std::string& item_id) {
  std::erase_if(contact, [&](const ItemObservation& item) { return item.item_id == item_id; });
  return contact;
}

ContactScore Score(const Rubric& rubric, const Contact& contact, const Flags& flags = {}) {
  Result<ContactScore> score = ScoreContact(rubric, contact, flags);
  EXPECT_TRUE(score) << score.error().message();
  return score ? *score : ContactScore{};
}

// Points earned on `item_id`, or -1 when it was left out.
double ItemPoints(const ContactScore& score, std::string_view item_id) {
  for (const ItemScore& item : score.items) {
    if (item.item_id == item_id) return item.points.value_or(-1);
  }
  ADD_FAILURE() << "no item " << item_id;
  return -2;
}

Error ScoreError(const Rubric& rubric, const Contact& contact, const Flags& flags = {}) {
  Result<ContactScore> score = ScoreContact(rubric, contact, flags);
  if (score) {
    ADD_FAILURE() << "scored " << score->total;
    return InvalidArgument("scored");
  }
  EXPECT_EQ(score.error().code(), ErrorCode::kInvalidArgument);
  return score.error();
}

std::vector<std::string> Fields(const Error& error) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : error.violations()) fields.push_back(violation.field);
  return fields;
}

TEST(ScoreContact, GivesAPerfectPhoneContactOneHundred) {
  const ContactScore score = Score(PhoneDefaultSheet(), PerfectPhoneContact());
  EXPECT_EQ(score.total, 100);
  EXPECT_FALSE(score.capped);
  EXPECT_EQ(EncodeItemPoints(score), "10,10,10,10,15,10,10,5,5,5,5,5");
  EXPECT_EQ(EncodeStagePoints(score),
            "opening=20/20|transfer=10/10|consultation=50/50|closing=15/15|overall=5/5");
}

TEST(ScoreContact, GivesTheWorstPhoneContactZero) {
  const ContactScore score = Score(PhoneDefaultSheet(), WorstPhoneContact());
  EXPECT_EQ(score.total, 0);
  EXPECT_FALSE(score.capped);
  EXPECT_EQ(EncodeItemPoints(score), "0,0,0,0,0,0,0,0,0,0,0,0");
  EXPECT_EQ(EncodeStagePoints(score),
            "opening=0/20|transfer=0/10|consultation=0/50|closing=0/15|overall=0/5");
}

TEST(ScoreContact, AddsARealisticPhoneContactByHand) {
  // 4 rings (5) + greeting and name (3 + 4) + resolved in person (na, full 10) + levels
  // 4/4/3/5/4 on 10/15/10/10/5 (7.5 + 11.25 + 5 + 10 + 3.75) + 1/0/1 on the closing binaries
  // (5 + 0 + 5) + level 3 on overall (2.5) = 72.
  Contact contact = {
      {"P01", CountObservation{4, false}},
      {"P02", ChecklistObservation{{"greeting", "name"}}},
      {"P03", NotApplicable{}},
      {"P04", LevelObservation{4}},
      {"P05", LevelObservation{4}},
      {"P06", LevelObservation{3}},
      {"P07", LevelObservation{5}},
      {"P08", LevelObservation{4}},
      {"P09", BinaryObservation{true}},
      {"P10", BinaryObservation{false}},
      {"P11", BinaryObservation{true}},
      {"P12", LevelObservation{3}},
  };
  const ContactScore score = Score(PhoneDefaultSheet(), contact);
  EXPECT_EQ(score.total, 72);
  EXPECT_EQ(EncodeItemPoints(score), "5,7,10,7.5,11.25,5,10,3.75,5,0,5,2.5");
  EXPECT_EQ(EncodeStagePoints(score),
            "opening=12/20|transfer=10/10|consultation=37.5/50|closing=10/15|overall=2.5/5");
  ASSERT_EQ(score.items.size(), 12u);
  EXPECT_EQ(score.items[4], (ItemScore{"P05", 11.25, 15}));
  ASSERT_EQ(score.stages.size(), 5u);
  EXPECT_EQ(score.stages[2], (StageScore{"consultation", 37.5, 50}));
}

TEST(ScoreContact, KeepsItemsAndStagesInRubricOrder) {
  Contact contact = PerfectPhoneContact();
  std::reverse(contact.begin(), contact.end());
  const ContactScore score = Score(PhoneDefaultSheet(), contact);
  ASSERT_EQ(score.items.size(), 12u);
  EXPECT_EQ(score.items.front().item_id, "P01");
  EXPECT_EQ(score.items.back().item_id, "P12");
  EXPECT_EQ(score.items[0].max_points, 10);
  EXPECT_EQ(score.items[4].max_points, 15);
  ASSERT_EQ(score.stages.size(), 5u);
  EXPECT_EQ(score.stages.front().stage, "opening");
  EXPECT_EQ(score.stages.back().stage, "overall");
}

TEST(ScoreContact, GivesBinaryItemsFullPointsOrNone) {
  const Rubric phone = PhoneDefaultSheet();
  EXPECT_EQ(ItemPoints(Score(phone, PerfectPhoneContact()), "P09"), 5);
  const ContactScore score = Score(phone, With(PerfectPhoneContact(), "P09", BinaryObservation{}));
  EXPECT_EQ(ItemPoints(score, "P09"), 0);
  EXPECT_EQ(score.total, 95);
}

TEST(ScoreContact, GivesEachLevelItsFractionOfThePoints) {
  const Rubric phone = PhoneDefaultSheet();
  const std::vector<std::pair<int, double>> expected = {
      {5, 15}, {4, 11.25}, {3, 7.5}, {2, 3.75}, {1, 0}};  // 100/75/50/25/0 % of 15
  for (const auto& [level, points] : expected) {
    const ContactScore score =
        Score(phone, With(PerfectPhoneContact(), "P05", LevelObservation{level}));
    EXPECT_EQ(ItemPoints(score, "P05"), points) << "level " << level;
    EXPECT_EQ(score.total, 85 + points) << "level " << level;
  }
}

TEST(ScoreContact, UsesTheRubricsOwnLevelFractions) {
  Rubric phone = PhoneDefaultSheet();
  phone.level_fractions = {1.0, 0.8, 0.6, 0.3, 0.1};
  const std::vector<std::pair<int, double>> expected = {
      {5, 15}, {4, 12}, {3, 9}, {2, 4.5}, {1, 1.5}};
  for (const auto& [level, points] : expected) {
    EXPECT_DOUBLE_EQ(
        ItemPoints(Score(phone, With(PerfectPhoneContact(), "P05", LevelObservation{level})),
                   "P05"),
        points)
        << "level " << level;
  }
}

TEST(ScoreContact, GivesRingTiersFullHalfOrNone) {
  // Up to 3 rings full (10), 4-5 rings half (5), 6 or more none.
  const Rubric phone = PhoneDefaultSheet();
  const std::vector<std::pair<int, double>> expected = {{0, 10}, {1, 10}, {2, 10}, {3, 10}, {4, 5},
                                                        {5, 5},  {6, 0},  {7, 0},  {30, 0}};
  for (const auto& [rings, points] : expected) {
    const ContactScore score =
        Score(phone, With(PerfectPhoneContact(), "P01", CountObservation{rings, false}));
    EXPECT_EQ(ItemPoints(score, "P01"), points) << rings << " rings";
    EXPECT_EQ(score.total, 90 + points) << rings << " rings";
  }
}

TEST(ScoreContact, GivesApologyPointsOnlyInTheTierThatHasThem) {
  // An apology after 4-5 rings earns 7 instead of 5; it changes nothing at <= 3 or >= 6.
  const Rubric phone = PhoneDefaultSheet();
  const std::vector<std::pair<int, double>> expected = {{0, 10}, {3, 10}, {4, 7},
                                                        {5, 7},  {6, 0},  {12, 0}};
  for (const auto& [rings, points] : expected) {
    const ContactScore score =
        Score(phone, With(PerfectPhoneContact(), "P01", CountObservation{rings, true}));
    EXPECT_EQ(ItemPoints(score, "P01"), points) << rings << " rings with an apology";
  }
}

TEST(ScoreContact, UsesApologyPointsEvenWhenTheyAreLowerOrZero) {
  Rubric phone = PhoneDefaultSheet();
  phone.items[0].tiers = {{3, 10, std::nullopt}, {5, 5, 0}, {std::nullopt, 0, 2}};
  const Contact contact = PerfectPhoneContact();
  EXPECT_EQ(ItemPoints(Score(phone, With(contact, "P01", CountObservation{4, true})), "P01"), 0);
  EXPECT_EQ(ItemPoints(Score(phone, With(contact, "P01", CountObservation{4, false})), "P01"), 5);
  EXPECT_EQ(ItemPoints(Score(phone, With(contact, "P01", CountObservation{8, true})), "P01"), 2);
}

TEST(ScoreContact, AddsThePointsOfTheChecklistElementsObserved) {
  // greeting 3, department 3, name 4.
  const Rubric phone = PhoneDefaultSheet();
  const std::vector<std::pair<std::vector<std::string>, double>> expected = {
      {{}, 0},
      {{"greeting"}, 3},
      {{"department"}, 3},
      {{"name"}, 4},
      {{"greeting", "department"}, 6},
      {{"greeting", "name"}, 7},
      {{"department", "name"}, 7},
      {{"name", "greeting", "department"}, 10},
  };
  for (const auto& [elements, points] : expected) {
    const ContactScore score =
        Score(phone, With(PerfectPhoneContact(), "P02", ChecklistObservation{elements}));
    EXPECT_EQ(ItemPoints(score, "P02"), points) << ::testing::PrintToString(elements);
    EXPECT_EQ(score.total, 90 + points);
  }
}

TEST(ScoreContact, GivesFullMarksToANotApplicableFullMarksItem) {
  // P03 (transfer, 10 points) is full_marks: "na" counts as applicable and earned.
  const Rubric phone = PhoneDefaultSheet();
  const ContactScore score = Score(phone, With(WorstPhoneContact(), "P03", NotApplicable{}));
  EXPECT_EQ(ItemPoints(score, "P03"), 10);
  EXPECT_EQ(score.total, 10);
  EXPECT_EQ(EncodeStagePoints(score),
            "opening=0/20|transfer=10/10|consultation=0/50|closing=0/15|overall=0/5");
  EXPECT_EQ(Score(phone, With(PerfectPhoneContact(), "P03", NotApplicable{})).total, 100);
}

TEST(ScoreContact, RescalesWhenAnItemIsLeftOut) {
  // V09 (waiting, 5 points) is rescale. With V05 at level 3 (7.5 of 15) and V09 left out, the
  // contact earns 87.5 of the 95 points that applied: 100 * 87.5 / 95 = 92.105263...
  const Rubric visit = VisitDefaultSheet();
  const Contact contact =
      With(With(PerfectVisitContact(), "V09", NotApplicable{}), "V05", LevelObservation{3});
  const ContactScore score = Score(visit, contact);
  EXPECT_DOUBLE_EQ(score.total, 8750.0 / 95);
  EXPECT_NEAR(score.total, 92.1053, 1e-4);
  EXPECT_EQ(score.items[8], (ItemScore{"V09", std::nullopt, 5}));
  EXPECT_EQ(EncodeItemPoints(score), "5,5,10,5,7.5,15,10,10,na,5,5,10");
  EXPECT_EQ(EncodeStagePoints(score),
            "environment=5/5|welcome=20/20|consultation=42.5/50|closing=10/10|overall=10/10");
}

TEST(ScoreContact, RescalesAPerfectContactWithALeftOutItemToExactlyOneHundred) {
  const ContactScore score =
      Score(VisitDefaultSheet(), With(PerfectVisitContact(), "V09", NotApplicable{}));
  EXPECT_EQ(score.total, 100);
}

TEST(ScoreContact, ScoresTheSameContactDifferentlyUnderTheTwoPolicies) {
  // The realistic phone contact of 72 points has P03 "na". Under full_marks it keeps 72; under
  // rescale P03 drops out: 62 of 90 = 68.888...
  Contact contact = {
      {"P01", CountObservation{4, false}},
      {"P02", ChecklistObservation{{"greeting", "name"}}},
      {"P03", NotApplicable{}},
      {"P04", LevelObservation{4}},
      {"P05", LevelObservation{4}},
      {"P06", LevelObservation{3}},
      {"P07", LevelObservation{5}},
      {"P08", LevelObservation{4}},
      {"P09", BinaryObservation{true}},
      {"P10", BinaryObservation{false}},
      {"P11", BinaryObservation{true}},
      {"P12", LevelObservation{3}},
  };
  Rubric phone = PhoneDefaultSheet();
  EXPECT_EQ(Score(phone, contact).total, 72);
  phone.items[2].not_applicable = NotApplicablePolicy::kRescale;
  const ContactScore rescaled = Score(phone, contact);
  EXPECT_DOUBLE_EQ(rescaled.total, 6200.0 / 90);
  EXPECT_NEAR(rescaled.total, 68.8889, 1e-4);
  EXPECT_EQ(rescaled.stages[1], (StageScore{"transfer", 0, 0}));
  EXPECT_EQ(EncodeStagePoints(rescaled),
            "opening=12/20|transfer=0/0|consultation=37.5/50|closing=10/15|overall=2.5/5");
}

TEST(ScoreContact, RescalesOverSeveralLeftOutItems) {
  // P03 and P08 (10 + 5) left out, P05 at level 2 (3.75 of 15): 73.75 of 85 = 86.764705...
  Rubric phone = PhoneDefaultSheet();
  phone.items[2].not_applicable = NotApplicablePolicy::kRescale;
  phone.items[7].not_applicable = NotApplicablePolicy::kRescale;
  const Contact contact =
      With(With(With(PerfectPhoneContact(), "P03", NotApplicable{}), "P08", NotApplicable{}), "P05",
           LevelObservation{2});
  const ContactScore score = Score(phone, contact);
  EXPECT_DOUBLE_EQ(score.total, 7375.0 / 85);
  EXPECT_NEAR(score.total, 86.7647, 1e-4);
  EXPECT_EQ(EncodeItemPoints(score), "10,10,na,10,3.75,10,10,na,5,5,5,5");
}

TEST(ScoreContact, ReportsTotalsOnAHundredPointScaleWhateverTheRubricsMaximum) {
  Rubric rubric;
  rubric.code = "short";
  rubric.stages = {{"main", "", "", 20}};
  rubric.items = {Binary("X1", "main", "", "", 10), Level5("X2", "main", "", "", 10)};
  const ContactScore score =
      Score(rubric, {{"X1", BinaryObservation{true}}, {"X2", LevelObservation{4}}});
  EXPECT_EQ(score.total, 87.5);  // 17.5 of 20
  EXPECT_EQ(EncodeStagePoints(score), "main=17.5/20");
}

TEST(ScoreContact, CapsACriticalContactAtTheRubricsCap) {
  Rubric phone = PhoneDefaultSheet();
  phone.critical_cap = 60;
  const ContactScore score = Score(phone, PerfectPhoneContact(), {"CRITICAL"});
  EXPECT_EQ(score.total, 60);
  EXPECT_TRUE(score.capped);
  EXPECT_EQ(EncodeItemPoints(score), "10,10,10,10,15,10,10,5,5,5,5,5");  // items keep points
}

TEST(ScoreContact, MarksACriticalContactCappedEvenBelowTheCap) {
  Rubric phone = PhoneDefaultSheet();
  phone.critical_cap = 60;
  const ContactScore score = Score(phone, WorstPhoneContact(), {"CRITICAL"});
  EXPECT_EQ(score.total, 0);
  EXPECT_TRUE(score.capped);
}

TEST(ScoreContact, LeavesACriticalContactUncappedWithoutACap) {
  const ContactScore score = Score(PhoneDefaultSheet(), PerfectPhoneContact(), {"CRITICAL"});
  EXPECT_EQ(score.total, 100);
  EXPECT_FALSE(score.capped);
}

TEST(ScoreContact, CapsAContactThatEarnsZeroOnACriticalItem) {
  Rubric phone = PhoneDefaultSheet();
  phone.critical_cap = 50;
  phone.items[6].critical = true;  // P07 polite language, 10 points
  const ContactScore zero = Score(phone, With(PerfectPhoneContact(), "P07", LevelObservation{1}));
  EXPECT_EQ(zero.total, 50);  // 90 capped at 50
  EXPECT_TRUE(zero.capped);
  const ContactScore some = Score(phone, With(PerfectPhoneContact(), "P07", LevelObservation{2}));
  EXPECT_EQ(some.total, 92.5);
  EXPECT_FALSE(some.capped);
}

TEST(ScoreContact, DoesNotCapACriticalItemThatDidNotApply) {
  Rubric phone = PhoneDefaultSheet();
  phone.critical_cap = 50;
  phone.items[2].critical = true;  // P03, full_marks
  EXPECT_FALSE(Score(phone, With(PerfectPhoneContact(), "P03", NotApplicable{})).capped);
  EXPECT_TRUE(Score(phone, With(PerfectPhoneContact(), "P03", ChecklistObservation{})).capped);
  phone.items[2].not_applicable = NotApplicablePolicy::kRescale;
  EXPECT_FALSE(Score(phone, With(PerfectPhoneContact(), "P03", NotApplicable{})).capped);
}

TEST(ScoreContact, ScoresColleagueAndLunchHourContactsNormally) {
  const Rubric phone = PhoneDefaultSheet();
  const ContactScore plain = Score(phone, PerfectPhoneContact());
  EXPECT_EQ(Score(phone, PerfectPhoneContact(), {"ANSWERED_BY_COLLEAGUE"}), plain);
  EXPECT_EQ(Score(phone, PerfectPhoneContact(), {"LUNCH_HOUR"}), plain);
  EXPECT_EQ(Score(phone, PerfectPhoneContact(), {"LUNCH_HOUR", "ANSWERED_BY_COLLEAGUE"}), plain);
}

TEST(ScoreContact, RefusesUnansweredAndVoidContacts) {
  const Rubric phone = PhoneDefaultSheet();
  for (const std::string flag : {"UNANSWERED", "VOID"}) {
    const Error error = ScoreError(phone, PerfectPhoneContact(), {flag});
    ASSERT_EQ(error.violations().size(), 1u);
    EXPECT_EQ(error.violations()[0].field, "flags");
    EXPECT_EQ(error.violations()[0].message,
              flag + " contacts are not scored (they are retried or rescheduled)");
  }
  const Error visit = ScoreError(VisitDefaultSheet(), PerfectVisitContact(), {"VOID"});
  EXPECT_THAT(Fields(visit), ElementsAre("flags"));
}

TEST(ScoreContact, RefusesFlagsTheRubricDoesNotHave) {
  const Error lower = ScoreError(PhoneDefaultSheet(), PerfectPhoneContact(), {"critical"});
  ASSERT_THAT(Fields(lower), ElementsAre("flags"));
  EXPECT_EQ(lower.violations()[0].message,
            "unknown flag \"critical\"; this rubric's flags are UNANSWERED, ANSWERED_BY_COLLEAGUE, "
            "LUNCH_HOUR, CRITICAL, VOID");
  const Error visit = ScoreError(VisitDefaultSheet(), PerfectVisitContact(), {"LUNCH_HOUR"});
  ASSERT_THAT(Fields(visit), ElementsAre("flags"));
  EXPECT_EQ(visit.violations()[0].message,
            "unknown flag \"LUNCH_HOUR\"; this rubric's flags are CRITICAL, VOID");
  Rubric bare = PhoneDefaultSheet();
  bare.flags.clear();
  EXPECT_THAT(ScoreError(bare, PerfectPhoneContact(), {"CRITICAL"}).violations()[0].message,
              HasSubstr("this rubric's flags are none"));
}

TEST(ScoreContact, RefusesARepeatedFlag) {
  const Error error =
      ScoreError(PhoneDefaultSheet(), PerfectPhoneContact(), {"LUNCH_HOUR", "LUNCH_HOUR"});
  ASSERT_THAT(Fields(error), ElementsAre("flags"));
  EXPECT_EQ(error.violations()[0].message, "flag \"LUNCH_HOUR\" is listed twice");
}

TEST(ScoreContact, RefusesAMissingObservation) {
  const Error error = ScoreError(PhoneDefaultSheet(), Without(PerfectPhoneContact(), "P05"));
  ASSERT_THAT(Fields(error), ElementsAre("P05"));
  EXPECT_EQ(error.violations()[0].message, "missing observation; level must be 1-5 (5 = 탁월)");
  EXPECT_EQ(error.message(), "P05: missing observation; level must be 1-5 (5 = 탁월)");
}

TEST(ScoreContact, RefusesAnObservationOfAnItemTheRubricDoesNotHave) {
  Contact contact = PerfectPhoneContact();
  contact.push_back({"V01", ChecklistObservation{}});
  const Error error = ScoreError(PhoneDefaultSheet(), contact);
  ASSERT_THAT(Fields(error), ElementsAre("V01"));
  EXPECT_EQ(error.violations()[0].message, "not an item of rubric phone-default version 1");
}

TEST(ScoreContact, RefusesTwoObservationsOfOneItem) {
  Contact contact = PerfectPhoneContact();
  contact.push_back({"P01", CountObservation{3, false}});
  const Error error = ScoreError(PhoneDefaultSheet(), contact);
  ASSERT_THAT(Fields(error), ElementsAre("P01"));
  EXPECT_EQ(error.violations()[0].message, "the item has more than one observation");
}

TEST(ScoreContact, RefusesAnObservationOfTheWrongType) {
  const Error error =
      ScoreError(PhoneDefaultSheet(), With(PerfectPhoneContact(), "P09", LevelObservation{5}));
  ASSERT_THAT(Fields(error), ElementsAre("P09"));
  EXPECT_EQ(error.violations()[0].message,
            "wrong kind of observation for a binary item: got a level; must be 0 or 1");
}

TEST(ScoreContact, RefusesObservationsOutsideTheItemsRange) {
  const Rubric phone = PhoneDefaultSheet();
  EXPECT_THAT(Fields(ScoreError(phone, With(PerfectPhoneContact(), "P05", LevelObservation{6}))),
              ElementsAre("P05"));
  EXPECT_THAT(
      Fields(ScoreError(phone, With(PerfectPhoneContact(), "P01", CountObservation{-2, true}))),
      ElementsAre("P01"));
  EXPECT_THAT(Fields(ScoreError(phone, With(PerfectPhoneContact(), "P02",
                                            ChecklistObservation{{"greeting", "bye"}}))),
              ElementsAre("P02"));
  EXPECT_THAT(Fields(ScoreError(phone, With(PerfectPhoneContact(), "P02",
                                            ChecklistObservation{{"name", "name"}}))),
              ElementsAre("P02"));
}

TEST(ScoreContact, RefusesNaForAnItemThatAlwaysApplies) {
  const Error error =
      ScoreError(PhoneDefaultSheet(), With(PerfectPhoneContact(), "P05", NotApplicable{}));
  ASSERT_THAT(Fields(error), ElementsAre("P05"));
  EXPECT_EQ(error.violations()[0].message,
            "this item always applies, so \"na\" is not allowed; level must be 1-5 (5 = 탁월)");
}

TEST(ScoreContact, RefusesAContactWhereNoItemApplied) {
  Rubric rubric;
  rubric.code = "optional";
  rubric.stages = {{"main", "", "", 20}};
  rubric.items = {Binary("X1", "main", "", "", 10), Level5("X2", "main", "", "", 10)};
  rubric.items[0].not_applicable = NotApplicablePolicy::kRescale;
  rubric.items[1].not_applicable = NotApplicablePolicy::kFullMarks;
  const Contact none = {{"X1", NotApplicable{}}, {"X2", NotApplicable{}}};
  const Error error = ScoreError(rubric, none);
  ASSERT_THAT(Fields(error), ElementsAre("X1"));
  EXPECT_EQ(error.violations()[0].message,
            "every item is marked na; at least one item must be observed");
  const ContactScore one = Score(rubric, {{"X1", NotApplicable{}}, {"X2", LevelObservation{3}}});
  EXPECT_EQ(one.total, 50);
}

TEST(ScoreContact, ListsEveryProblemAtOnce) {
  Contact contact = Without(With(PerfectPhoneContact(), "P09", LevelObservation{2}), "P12");
  contact.push_back({"X99", BinaryObservation{}});
  const Error error = ScoreError(PhoneDefaultSheet(), contact, {"NOPE", "VOID"});
  EXPECT_THAT(Fields(error), ElementsAre("flags", "flags", "X99", "P09", "P12"));
  EXPECT_THAT(error.message(), HasSubstr("(and 4 more)"));
  EXPECT_THAT(error.message(), HasSubstr("flags: unknown flag \"NOPE\""));
}

TEST(ScoreContact, RefusesARubricWithoutItems) {
  Rubric rubric;
  rubric.code = "empty";
  Result<ContactScore> score = ScoreContact(rubric, {}, {});
  ASSERT_FALSE(score);
  EXPECT_EQ(score.error().code(), ErrorCode::kInvalidArgument);
}

TEST(IsScored, IsFalseOnlyForUnansweredAndVoid) {
  EXPECT_TRUE(IsScored({}));
  EXPECT_TRUE(IsScored({"ANSWERED_BY_COLLEAGUE"}));
  EXPECT_TRUE(IsScored({"LUNCH_HOUR"}));
  EXPECT_TRUE(IsScored({"CRITICAL"}));
  EXPECT_TRUE(IsScored({"CRITICAL", "LUNCH_HOUR", "ANSWERED_BY_COLLEAGUE"}));
  EXPECT_FALSE(IsScored({"UNANSWERED"}));
  EXPECT_FALSE(IsScored({"VOID"}));
  EXPECT_FALSE(IsScored({"LUNCH_HOUR", "UNANSWERED"}));
  EXPECT_FALSE(IsScored({"CRITICAL", "VOID"}));
}

TEST(EncodeItemPoints, WritesNaForLeftOutItemsAndShortDecimals) {
  ContactScore score;
  score.items = {{"A", 10, 10}, {"B", 7.5, 10}, {"C", std::nullopt, 5}, {"D", 0.1, 1}};
  EXPECT_EQ(EncodeItemPoints(score), "10,7.5,na,0.1");
  EXPECT_EQ(EncodeItemPoints(ContactScore{}), "");
}

TEST(EncodeStagePoints, WritesStageEarnedOverMaximum) {
  ContactScore score;
  score.stages = {{"opening", 17, 20}, {"transfer", 10, 10}, {"consultation", 37.5, 50}};
  EXPECT_EQ(EncodeStagePoints(score), "opening=17/20|transfer=10/10|consultation=37.5/50");
  EXPECT_EQ(EncodeStagePoints(ContactScore{}), "");
}

}  // namespace
}  // namespace chinjeol::rubric
