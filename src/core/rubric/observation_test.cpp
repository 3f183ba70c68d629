#include "core/rubric/observation.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/rubric/fixtures/default_sheets.hpp"

namespace chinjeol::rubric {
namespace {

using fixtures::PhoneDefaultSheet;
using fixtures::VisitDefaultSheet;

Item PhoneItem(std::string_view id) { return *PhoneDefaultSheet().FindItem(id); }
Item VisitItem(std::string_view id) { return *VisitDefaultSheet().FindItem(id); }

// The message of a failed parse, after checking that it is an input error about `item`.
std::string ParseError(const Item& item, std::string_view cell) {
  Result<Observation> observation = ParseObservation(item, cell);
  if (observation) return "parsed as " + FormatObservation(*observation);
  EXPECT_EQ(observation.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(observation.error().violations().size(), 1u);
  if (!observation.error().violations().empty()) {
    EXPECT_EQ(observation.error().violations()[0].field, item.id);
    EXPECT_EQ(observation.error().violations()[0].message, observation.error().message());
  }
  return observation.error().message();
}

Observation Parsed(const Item& item, std::string_view cell) {
  Result<Observation> observation = ParseObservation(item, cell);
  EXPECT_TRUE(observation) << observation.error().message();
  return observation ? *observation : Observation{};
}

std::string CheckError(const Item& item, const Observation& observation) {
  Result<void> checked = CheckObservation(item, observation);
  if (checked) return "accepted";
  EXPECT_EQ(checked.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(checked.error().violations().size(), 1u);
  if (!checked.error().violations().empty()) {
    EXPECT_EQ(checked.error().violations()[0].field, item.id);
  }
  return checked.error().message();
}

TEST(ParseObservation, ReadsBinaryZeroAndOne) {
  EXPECT_EQ(Parsed(PhoneItem("P09"), "1"), Observation(BinaryObservation{true}));
  EXPECT_EQ(Parsed(PhoneItem("P09"), "0"), Observation(BinaryObservation{false}));
  EXPECT_EQ(Parsed(PhoneItem("P09"), " 1 "), Observation(BinaryObservation{true}));
}

TEST(ParseObservation, RefusesBinaryCellsOtherThanZeroAndOne) {
  EXPECT_EQ(ParseError(PhoneItem("P09"), "2"), "must be 0 or 1, got \"2\"");
  EXPECT_EQ(ParseError(PhoneItem("P09"), "yes"), "must be 0 or 1, got \"yes\"");
  EXPECT_EQ(ParseError(PhoneItem("P09"), "01"), "must be 0 or 1, got \"01\"");
  EXPECT_EQ(ParseError(PhoneItem("P09"), ""), "must be 0 or 1, got \"\"");
}

TEST(ParseObservation, ReadsEveryLevel) {
  for (int level = 1; level <= 5; ++level) {
    EXPECT_EQ(Parsed(PhoneItem("P05"), std::to_string(level)),
              Observation(LevelObservation{level}));
  }
}

TEST(ParseObservation, RefusesLevelsOutsideOneToFive) {
  EXPECT_EQ(ParseError(PhoneItem("P05"), "7"), "level must be 1-5 (5 = 탁월), got \"7\"");
  EXPECT_EQ(ParseError(PhoneItem("P05"), "0"), "level must be 1-5 (5 = 탁월), got \"0\"");
  EXPECT_EQ(ParseError(PhoneItem("P05"), "6"), "level must be 1-5 (5 = 탁월), got \"6\"");
  EXPECT_EQ(ParseError(PhoneItem("P05"), "4.5"), "level must be 1-5 (5 = 탁월), got \"4.5\"");
  EXPECT_EQ(ParseError(PhoneItem("P05"), "탁월"), "level must be 1-5 (5 = 탁월), got \"탁월\"");
  EXPECT_EQ(ParseError(PhoneItem("P05"), ""), "level must be 1-5 (5 = 탁월), got \"\"");
}

TEST(ParseObservation, ReadsRingCountsWithAndWithoutAnApology) {
  EXPECT_EQ(Parsed(PhoneItem("P01"), "0"), Observation(CountObservation{0, false}));
  EXPECT_EQ(Parsed(PhoneItem("P01"), "3"), Observation(CountObservation{3, false}));
  EXPECT_EQ(Parsed(PhoneItem("P01"), "4a"), Observation(CountObservation{4, true}));
  EXPECT_EQ(Parsed(PhoneItem("P01"), "5A"), Observation(CountObservation{5, true}));
  EXPECT_EQ(Parsed(PhoneItem("P01"), " 12 "), Observation(CountObservation{12, false}));
  EXPECT_EQ(Parsed(PhoneItem("P01"), "07"), Observation(CountObservation{7, false}));
}

TEST(ParseObservation, RefusesRingCountsThatAreNotWholeNumbers) {
  const std::string allowed =
      "ring count must be a whole number of 0 or more, with a trailing \"a\" when the employee "
      "apologised (e.g. \"4a\"), got ";
  EXPECT_EQ(ParseError(PhoneItem("P01"), "-1"), allowed + "\"-1\"");
  EXPECT_EQ(ParseError(PhoneItem("P01"), "a"), allowed + "\"a\"");
  EXPECT_EQ(ParseError(PhoneItem("P01"), "4b"), allowed + "\"4b\"");
  EXPECT_EQ(ParseError(PhoneItem("P01"), "4aa"), allowed + "\"4aa\"");
  EXPECT_EQ(ParseError(PhoneItem("P01"), "3.5"), allowed + "\"3.5\"");
  EXPECT_EQ(ParseError(PhoneItem("P01"), "+3"), allowed + "\"+3\"");
  EXPECT_EQ(ParseError(PhoneItem("P01"), "4 a"), allowed + "\"4 a\"");
  EXPECT_EQ(ParseError(PhoneItem("P01"), "99999999999"), allowed + "\"99999999999\"");
  EXPECT_EQ(ParseError(PhoneItem("P01"), ""), allowed + "\"\"");
}

TEST(ParseObservation, NamesWhatATieredItemCountsOrSaysCount) {
  Item item = PhoneItem("P01");
  item.observe.clear();
  EXPECT_EQ(ParseError(item, "x"),
            "count must be a whole number of 0 or more, with a trailing \"a\" when the employee "
            "apologised (e.g. \"4a\"), got \"x\"");
}

TEST(ParseObservation, ReadsChecklistElementsInTheItemsOrder) {
  EXPECT_EQ(Parsed(PhoneItem("P02"), ""), Observation(ChecklistObservation{}));
  EXPECT_EQ(Parsed(PhoneItem("P02"), "  "), Observation(ChecklistObservation{}));
  EXPECT_EQ(Parsed(PhoneItem("P02"), "greeting"), Observation(ChecklistObservation{{"greeting"}}));
  EXPECT_EQ(Parsed(PhoneItem("P02"), "name;greeting"),
            Observation(ChecklistObservation{{"greeting", "name"}}));
  EXPECT_EQ(Parsed(PhoneItem("P02"), " name ; department;greeting "),
            Observation(ChecklistObservation{{"greeting", "department", "name"}}));
  EXPECT_EQ(Parsed(PhoneItem("P02"), "greeting;;name;"),
            Observation(ChecklistObservation{{"greeting", "name"}}));
}

TEST(ParseObservation, RefusesUnknownAndRepeatedChecklistElements) {
  EXPECT_EQ(ParseError(PhoneItem("P02"), "greeting;hello"),
            "unknown element \"hello\"; list the elements observed, separated by \";\" (empty = "
            "none), from: greeting, department, name");
  EXPECT_EQ(ParseError(PhoneItem("P02"), "Name"),
            "unknown element \"Name\"; list the elements observed, separated by \";\" (empty = "
            "none), from: greeting, department, name");
  EXPECT_EQ(ParseError(PhoneItem("P02"), "name;greeting;name"), "element \"name\" is listed twice");
}

TEST(ParseObservation, ReadsNaWhereTheItemAllowsIt) {
  EXPECT_EQ(Parsed(PhoneItem("P03"), "na"), Observation(NotApplicable{}));  // full marks
  EXPECT_EQ(Parsed(PhoneItem("P03"), " NA "), Observation(NotApplicable{}));
  EXPECT_EQ(Parsed(VisitItem("V09"), "na"), Observation(NotApplicable{}));  // rescale
  EXPECT_EQ(Parsed(VisitItem("V09"), "4"), Observation(LevelObservation{4}));
  EXPECT_EQ(Parsed(PhoneItem("P03"), "relays_gist"),
            Observation(ChecklistObservation{{"relays_gist"}}));
}

TEST(ParseObservation, SaysNaIsAllowedWhereItIs) {
  EXPECT_EQ(ParseError(VisitItem("V09"), "6"), "level must be 1-5 (5 = 탁월) or na, got \"6\"");
  EXPECT_EQ(ParseError(PhoneItem("P03"), "memo"),
            "unknown element \"memo\"; list the elements observed, separated by \";\" (empty = "
            "none), from: names_target, relays_gist, connects_or_memo; or na");
}

TEST(ParseObservation, RefusesNaWhereTheItemAlwaysApplies) {
  EXPECT_EQ(ParseError(PhoneItem("P01"), "na"),
            "this item always applies, so \"na\" is not allowed; ring count must be a whole number "
            "of 0 or more, with a trailing \"a\" when the employee apologised (e.g. \"4a\")");
  EXPECT_EQ(ParseError(PhoneItem("P02"), "na"),
            "this item always applies, so \"na\" is not allowed; list the elements observed, "
            "separated by \";\" (empty = none), from: greeting, department, name");
  EXPECT_EQ(ParseError(PhoneItem("P05"), "NA"),
            "this item always applies, so \"na\" is not allowed; level must be 1-5 (5 = 탁월)");
  EXPECT_EQ(ParseError(PhoneItem("P09"), "na"),
            "this item always applies, so \"na\" is not allowed; must be 0 or 1");
}

TEST(DescribeAllowedObservation, SaysWhatEachTypeTakes) {
  EXPECT_EQ(DescribeAllowedObservation(PhoneItem("P09")), "must be 0 or 1");
  EXPECT_EQ(DescribeAllowedObservation(PhoneItem("P12")), "level must be 1-5 (5 = 탁월)");
  EXPECT_EQ(DescribeAllowedObservation(VisitItem("V09")), "level must be 1-5 (5 = 탁월) or na");
  Item binary = PhoneItem("P09");
  binary.not_applicable = NotApplicablePolicy::kRescale;
  EXPECT_EQ(DescribeAllowedObservation(binary), "must be 0 or 1 or na");
}

TEST(CheckObservation, AcceptsObservationsOfTheItemsType) {
  EXPECT_EQ(CheckError(PhoneItem("P01"), CountObservation{0, false}), "accepted");
  EXPECT_EQ(CheckError(PhoneItem("P01"), CountObservation{9, true}), "accepted");
  EXPECT_EQ(CheckError(PhoneItem("P02"), ChecklistObservation{}), "accepted");
  EXPECT_EQ(CheckError(PhoneItem("P02"), ChecklistObservation{{"name", "greeting"}}), "accepted");
  EXPECT_EQ(CheckError(PhoneItem("P03"), NotApplicable{}), "accepted");
  EXPECT_EQ(CheckError(PhoneItem("P05"), LevelObservation{1}), "accepted");
  EXPECT_EQ(CheckError(PhoneItem("P05"), LevelObservation{5}), "accepted");
  EXPECT_EQ(CheckError(PhoneItem("P09"), BinaryObservation{false}), "accepted");
  EXPECT_EQ(CheckError(VisitItem("V09"), NotApplicable{}), "accepted");
}

TEST(CheckObservation, RefusesObservationsOfAnotherType) {
  EXPECT_EQ(CheckError(PhoneItem("P05"), ChecklistObservation{}),
            "wrong kind of observation for a level5 item: got a checklist; level must be 1-5 (5 "
            "= 탁월)");
  EXPECT_EQ(CheckError(PhoneItem("P09"), LevelObservation{1}),
            "wrong kind of observation for a binary item: got a level; must be 0 or 1");
  EXPECT_EQ(CheckError(PhoneItem("P02"), BinaryObservation{true}),
            "wrong kind of observation for a checklist item: got a binary observation; list the "
            "elements observed, separated by \";\" (empty = none), from: greeting, department, "
            "name");
  EXPECT_EQ(CheckError(PhoneItem("P01"), LevelObservation{3}),
            "wrong kind of observation for a tiered item: got a level; ring count must be a whole "
            "number of 0 or more, with a trailing \"a\" when the employee apologised (e.g. "
            "\"4a\")");
  EXPECT_EQ(CheckError(PhoneItem("P05"), CountObservation{3, false}),
            "wrong kind of observation for a level5 item: got a count; level must be 1-5 (5 = "
            "탁월)");
}

TEST(CheckObservation, RefusesValuesOutsideTheItemsRange) {
  EXPECT_EQ(CheckError(PhoneItem("P05"), LevelObservation{0}),
            "level must be 1-5 (5 = 탁월), got 0");
  EXPECT_EQ(CheckError(PhoneItem("P05"), LevelObservation{6}),
            "level must be 1-5 (5 = 탁월), got 6");
  EXPECT_EQ(CheckError(PhoneItem("P01"), CountObservation{-1, false}),
            "ring count must be a whole number of 0 or more, with a trailing \"a\" when the "
            "employee apologised (e.g. \"4a\"), got -1");
  EXPECT_EQ(CheckError(PhoneItem("P02"), ChecklistObservation{{"greeting", "hello"}}),
            "unknown element \"hello\"; list the elements observed, separated by \";\" (empty = "
            "none), from: greeting, department, name");
  EXPECT_EQ(CheckError(PhoneItem("P02"), ChecklistObservation{{"name", "name"}}),
            "element \"name\" is listed twice");
}

TEST(CheckObservation, RefusesNaWhereTheItemAlwaysApplies) {
  EXPECT_EQ(CheckError(PhoneItem("P09"), NotApplicable{}),
            "this item always applies, so \"na\" is not allowed; must be 0 or 1");
}

TEST(FormatObservation, WritesTheCellForEveryKind) {
  EXPECT_EQ(FormatObservation(NotApplicable{}), "na");
  EXPECT_EQ(FormatObservation(BinaryObservation{true}), "1");
  EXPECT_EQ(FormatObservation(BinaryObservation{false}), "0");
  EXPECT_EQ(FormatObservation(LevelObservation{4}), "4");
  EXPECT_EQ(FormatObservation(CountObservation{4, true}), "4a");
  EXPECT_EQ(FormatObservation(CountObservation{12, false}), "12");
  EXPECT_EQ(FormatObservation(ChecklistObservation{}), "");
  EXPECT_EQ(FormatObservation(ChecklistObservation{{"greeting", "name"}}), "greeting;name");
}

TEST(FormatObservation, IsReadBackByParseObservation) {
  const std::vector<std::pair<std::string, Observation>> cases = {
      {"P01", CountObservation{0, false}},
      {"P01", CountObservation{5, true}},
      {"P02", ChecklistObservation{}},
      {"P02", ChecklistObservation{{"greeting", "department", "name"}}},
      {"P03", NotApplicable{}},
      {"P03", ChecklistObservation{{"names_target", "connects_or_memo"}}},
      {"P04", LevelObservation{1}},
      {"P12", LevelObservation{5}},
      {"P10", BinaryObservation{true}},
      {"P11", BinaryObservation{false}},
  };
  for (const auto& [id, observation] : cases) {
    EXPECT_EQ(Parsed(PhoneItem(id), FormatObservation(observation)), observation) << id;
  }
}

TEST(EncodeObservations, WritesItemEqualsCellJoinedByBars) {
  const std::vector<ItemObservation> observations = {
      {"P01", CountObservation{4, true}},
      {"P02", ChecklistObservation{{"greeting", "name"}}},
      {"P03", NotApplicable{}},
  };
  EXPECT_EQ(EncodeObservations(observations), "P01=4a|P02=greeting;name|P03=na");
  EXPECT_EQ(EncodeObservations({{"P02", ChecklistObservation{}}, {"P09", BinaryObservation{true}}}),
            "P02=|P09=1");
  EXPECT_EQ(EncodeObservations({}), "");
}

TEST(DecodeObservations, ReadsTheEncodedFormWithTheRubricsTypes) {
  const Rubric phone = PhoneDefaultSheet();
  Result<std::vector<ItemObservation>> decoded =
      DecodeObservations(phone, "P01=4a|P02=greeting;name|P03=na|P05=4|P09=1");
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(*decoded, (std::vector<ItemObservation>{
                          {"P01", CountObservation{4, true}},
                          {"P02", ChecklistObservation{{"greeting", "name"}}},
                          {"P03", NotApplicable{}},
                          {"P05", LevelObservation{4}},
                          {"P09", BinaryObservation{true}},
                      }));
}

TEST(DecodeObservations, RoundTripsAWholeContact) {
  const Rubric phone = PhoneDefaultSheet();
  const std::vector<ItemObservation> contact = {
      {"P01", CountObservation{2, false}},
      {"P02", ChecklistObservation{}},
      {"P03", ChecklistObservation{{"names_target", "relays_gist", "connects_or_memo"}}},
      {"P04", LevelObservation{5}},
      {"P05", LevelObservation{4}},
      {"P06", LevelObservation{3}},
      {"P07", LevelObservation{2}},
      {"P08", LevelObservation{1}},
      {"P09", BinaryObservation{true}},
      {"P10", BinaryObservation{false}},
      {"P11", BinaryObservation{true}},
      {"P12", LevelObservation{4}},
  };
  Result<std::vector<ItemObservation>> decoded =
      DecodeObservations(phone, EncodeObservations(contact));
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(*decoded, contact);
}

TEST(DecodeObservations, ReadsAnEmptyTextAsNoObservations) {
  Result<std::vector<ItemObservation>> decoded = DecodeObservations(PhoneDefaultSheet(), "");
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_TRUE(decoded->empty());
}

TEST(DecodeObservations, ReadsNaEvenWhereTheItemNowAlwaysApplies) {
  // History must stay readable when a later version changes the policy; ScoreContact refuses it.
  Result<std::vector<ItemObservation>> decoded = DecodeObservations(PhoneDefaultSheet(), "P09=na");
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(*decoded, (std::vector<ItemObservation>{{"P09", NotApplicable{}}}));
}

TEST(DecodeObservations, RefusesPartsWithoutAnItemId) {
  for (std::string_view text : {"P01", "P01=4|P09", "=4", "P01=4||P09=1"}) {
    Result<std::vector<ItemObservation>> decoded = DecodeObservations(PhoneDefaultSheet(), text);
    ASSERT_FALSE(decoded) << text;
    EXPECT_EQ(decoded.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_THAT(decoded.error().message(),
                ::testing::HasSubstr("is not in the form item=observation"));
  }
}

TEST(DecodeObservations, RefusesItemsTheRubricDoesNotHave) {
  Result<std::vector<ItemObservation>> decoded =
      DecodeObservations(PhoneDefaultSheet(), "P01=3|V09=4");
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message(), "V09: not an item of rubric phone-default version 1");
  ASSERT_EQ(decoded.error().violations().size(), 1u);
  EXPECT_EQ(decoded.error().violations()[0].field, "V09");
}

TEST(DecodeObservations, RefusesCellsThatDoNotParseForTheItem) {
  Result<std::vector<ItemObservation>> decoded =
      DecodeObservations(PhoneDefaultSheet(), "P01=3|P05=7");
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message(), "level must be 1-5 (5 = 탁월), got \"7\"");
  ASSERT_EQ(decoded.error().violations().size(), 1u);
  EXPECT_EQ(decoded.error().violations()[0].field, "P05");
}

}  // namespace
}  // namespace chinjeol::rubric
