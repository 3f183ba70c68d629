#include "adapters/codec/rubric_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include "core/rubric/fixtures/default_sheets.hpp"
#include "core/rubric/observation.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::codec {
namespace {

using rubric::Rubric;
using rubric::fixtures::PhoneDefaultSheet;
using rubric::fixtures::VisitDefaultSheet;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string ReadDataFile() {
  std::ifstream in(std::string(CHINJEOL_SOURCE_DIR) + "/data/rubrics.json", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// data/rubrics.json with the first occurrence of `from` replaced by `to`.
std::string EditedDataFile(std::string_view from, std::string_view to) {
  std::string text = ReadDataFile();
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The error of parsing `text` as a rubric file, after checking it is an input error.
Error FileError(std::string_view text) {
  Result<RubricFile> file = ParseRubricFile(text, "rubrics.json");
  if (file) {
    ADD_FAILURE() << "parsed";
    return InvalidArgument("parsed");
  }
  EXPECT_EQ(file.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(file.error().violations().empty());
  for (const FieldViolation& violation : file.error().violations()) {
    EXPECT_EQ(violation.file, "rubrics.json");
  }
  return file.error();
}

std::string RubricError(std::string_view text) {
  Result<Rubric> rubric = RubricFromJson(text);
  if (rubric) return "parsed";
  EXPECT_EQ(rubric.error().code(), ErrorCode::kInvalidArgument);
  return rubric.error().message();
}

double StagePoints(const Rubric& rubric, const std::string& stage) {
  double sum = 0;
  for (const rubric::Item& item : rubric.items) {
    if (item.stage == stage) sum += item.points;
  }
  return sum;
}

// A rubric that uses every feature the defaults leave out, with values that need all 17 digits.
Rubric EveryFeatureRubric() {
  Rubric rubric = PhoneDefaultSheet();
  rubric.code = "pocheon-phone";
  rubric.version = 3;
  rubric.level_fractions = {1.0, 2.0 / 3, 0.1 + 0.2, 1.0 / 7, 0.0};
  rubric.critical_cap = 100.0 / 3;
  rubric.items[6].critical = true;
  rubric.items[7].not_applicable = rubric::NotApplicablePolicy::kRescale;
  rubric.items[0].observe = "transfers";  // written with "max_count"
  rubric.items[0].tiers = {{1, 10, std::nullopt}, {2, 10.0 / 3, 0.1}, {std::nullopt, 0, 0}};
  return rubric;
}

TEST(DefaultRubricFile, HoldsThePhoneAndVisitSheets) {
  const RubricFile file = DefaultRubricFile();
  ASSERT_EQ(file.rubrics.size(), 2u);
  EXPECT_EQ(file.rubrics[0].code, "phone-default");
  EXPECT_EQ(file.rubrics[0].channel, Channel::kPhone);
  EXPECT_EQ(file.rubrics[1].code, "visit-default");
  EXPECT_EQ(file.rubrics[1].channel, Channel::kVisit);
  for (const Rubric& rubric : file.rubrics) {
    EXPECT_EQ(rubric.items.size(), 12u) << rubric.code;
    EXPECT_EQ(rubric.MaxPoints(), 100) << rubric.code;
    EXPECT_EQ(rubric.version, 1) << rubric.code;
    EXPECT_THAT(rubric::ValidateRubric(rubric), ::testing::IsEmpty()) << rubric.code;
  }
  EXPECT_EQ(file.grade_bands, rubric::DefaultGradeBands());
}

TEST(DefaultRubricFile, HasTheStagePointsOfTheProductBrief) {
  const RubricFile file = DefaultRubricFile();
  ASSERT_EQ(file.rubrics.size(), 2u);
  const Rubric& phone = file.rubrics[0];
  EXPECT_EQ(StagePoints(phone, "opening"), 20);
  EXPECT_EQ(StagePoints(phone, "transfer"), 10);
  EXPECT_EQ(StagePoints(phone, "consultation"), 50);
  EXPECT_EQ(StagePoints(phone, "closing"), 15);
  EXPECT_EQ(StagePoints(phone, "overall"), 5);
  for (const rubric::Stage& stage : phone.stages) {
    EXPECT_EQ(stage.points, StagePoints(phone, stage.code)) << stage.code;
  }
  const Rubric& visit = file.rubrics[1];
  EXPECT_EQ(StagePoints(visit, "environment"), 5);
  EXPECT_EQ(StagePoints(visit, "welcome"), 20);
  EXPECT_EQ(StagePoints(visit, "consultation"), 55);
  EXPECT_EQ(StagePoints(visit, "closing"), 10);
  EXPECT_EQ(StagePoints(visit, "overall"), 10);
  for (const rubric::Stage& stage : visit.stages) {
    EXPECT_EQ(stage.points, StagePoints(visit, stage.code)) << stage.code;
  }
}

TEST(DefaultRubricFile, MatchesTheSheetsTheCoreTestsUse) {
  const RubricFile file = DefaultRubricFile();
  ASSERT_EQ(file.rubrics.size(), 2u);
  EXPECT_EQ(file.rubrics[0], PhoneDefaultSheet());
  EXPECT_EQ(file.rubrics[1], VisitDefaultSheet());
}

TEST(DefaultRubricFile, IsTheFileInTheDataFolder) {
  Result<RubricFile> from_disk = ParseRubricFile(ReadDataFile(), "rubrics.json");
  ASSERT_TRUE(from_disk) << from_disk.error().message();
  const RubricFile embedded = DefaultRubricFile();
  EXPECT_EQ(from_disk->rubrics, embedded.rubrics);
  EXPECT_EQ(from_disk->grade_bands, embedded.grade_bands);
}

TEST(DefaultRubricFile, ReadsTheTypesPoliciesAndTiersOfTheItems) {
  const RubricFile file = DefaultRubricFile();
  ASSERT_EQ(file.rubrics.size(), 2u);
  const Rubric& phone = file.rubrics[0];
  const rubric::Item& rings = phone.items[0];
  EXPECT_EQ(rings.type, rubric::ItemType::kTiered);
  EXPECT_EQ(rings.observe, "ring_count");
  ASSERT_EQ(rings.tiers.size(), 3u);
  EXPECT_EQ(rings.tiers[0], (rubric::Tier{3, 10, std::nullopt}));
  EXPECT_EQ(rings.tiers[1], (rubric::Tier{5, 5, 7}));
  EXPECT_EQ(rings.tiers[2], (rubric::Tier{std::nullopt, 0, std::nullopt}));
  EXPECT_EQ(phone.items[2].not_applicable, rubric::NotApplicablePolicy::kFullMarks);
  EXPECT_EQ(phone.items[1].elements.size(), 3u);
  EXPECT_EQ(phone.level_fractions, (std::array<double, 5>{1.0, 0.75, 0.5, 0.25, 0.0}));
  EXPECT_FALSE(phone.critical_cap);
  EXPECT_EQ(phone.flags.size(), 5u);
  const Rubric& visit = file.rubrics[1];
  EXPECT_EQ(visit.items[8].not_applicable, rubric::NotApplicablePolicy::kRescale);
  EXPECT_EQ(visit.flags.size(), 2u);
}

TEST(RubricToJson, RoundTripsBothDefaultSheets) {
  for (const Rubric& rubric : DefaultRubricFile().rubrics) {
    Result<Rubric> back = RubricFromJson(RubricToJson(rubric));
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(*back, rubric) << rubric.code;
    EXPECT_EQ(RubricToJson(*back), RubricToJson(rubric));
  }
}

TEST(RubricToJson, RoundTripsFractionsCapsCriticalItemsAndSeventeenDigitNumbers) {
  const Rubric rubric = EveryFeatureRubric();
  ASSERT_THAT(rubric::ValidateRubric(rubric), ::testing::IsEmpty());
  Result<Rubric> back = RubricFromJson(RubricToJson(rubric));
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_EQ(*back, rubric);
  EXPECT_EQ(back->level_fractions[1], 2.0 / 3);
  EXPECT_EQ(back->level_fractions[2], 0.1 + 0.2);
  EXPECT_EQ(back->critical_cap, 100.0 / 3);
  EXPECT_TRUE(back->items[6].critical);
}

TEST(RubricToJson, RoundTripsRandomNumbersExactly) {
  std::mt19937_64 random(20210517);
  std::uniform_real_distribution<double> fraction(0, 1);
  std::uniform_real_distribution<double> cap(0, 100);
  for (int i = 0; i < 300; ++i) {
    Rubric rubric = PhoneDefaultSheet();
    for (double& value : rubric.level_fractions) value = fraction(random);
    std::sort(rubric.level_fractions.rbegin(), rubric.level_fractions.rend());
    rubric.critical_cap = cap(random);
    Result<Rubric> back = RubricFromJson(RubricToJson(rubric));
    ASSERT_TRUE(back) << back.error().message();
    ASSERT_EQ(back->level_fractions, rubric.level_fractions) << RubricToJson(rubric);
    ASSERT_EQ(back->critical_cap, rubric.critical_cap);
  }
}

TEST(RubricToJson, WritesTheFormOfTheDataFile) {
  const std::string phone = RubricToJson(PhoneDefaultSheet());
  EXPECT_THAT(phone, HasSubstr("\"code\":\"phone-default\",\"channel\":\"phone\",\"version\":1"));
  EXPECT_THAT(phone, HasSubstr("\"name_ko\":\"전화 친절도 기본 평가표\""));
  EXPECT_THAT(phone, HasSubstr("{\"code\":\"opening\",\"ko\":\"맞이\",\"en\":\"Opening\","
                               "\"points\":20}"));
  EXPECT_THAT(phone, HasSubstr("\"tiers\":[{\"max_rings\":3,\"points\":10},{\"max_rings\":5,"
                               "\"points\":5,\"points_if_apology\":7},{\"max_rings\":null,"
                               "\"points\":0}]"));
  EXPECT_THAT(phone, HasSubstr("\"not_applicable\":\"full_marks\""));
  EXPECT_THAT(phone, HasSubstr("\"level_fractions\":[1,0.75,0.5,0.25,0]"));
  EXPECT_THAT(phone, Not(HasSubstr("critical")));
  EXPECT_THAT(phone, Not(::testing::ContainsRegex("[0-9]E")));  // no "1E1" number forms
  const std::string custom = RubricToJson(EveryFeatureRubric());
  EXPECT_THAT(custom, HasSubstr("\"critical\":true"));
  EXPECT_THAT(custom, HasSubstr("\"critical_cap\":33.333333333333336"));
  EXPECT_THAT(custom, HasSubstr("{\"max_count\":1,\"points\":10}"));
  EXPECT_THAT(custom, HasSubstr("\"not_applicable\":\"rescale\""));
}

TEST(RubricFromJson, ReadsALoneRubricWithDefaultFractions) {
  Result<Rubric> rubric = RubricFromJson(R"({
    "code": "mini", "channel": "방문", "version": 2, "name_ko": "약식",
    "stages": [{"code": "main", "ko": "본", "points": 10}],
    "items": [{"id": "X1", "stage": "main", "ko": "인사", "type": "binary", "points": 10}]
  })");
  ASSERT_TRUE(rubric) << rubric.error().message();
  EXPECT_EQ(rubric->channel, Channel::kVisit);
  EXPECT_EQ(rubric->version, 2);
  EXPECT_EQ(rubric->level_fractions, (std::array<double, 5>{1.0, 0.75, 0.5, 0.25, 0.0}));
  EXPECT_TRUE(rubric->flags.empty());
  EXPECT_EQ(rubric->stages[0].name_en, "");
}

TEST(RubricFromJson, NamesPathsFromTheRubricItself) {
  std::string json = RubricToJson(PhoneDefaultSheet());
  json.replace(json.find("\"level5\""), 8, "\"scale\"");
  EXPECT_EQ(RubricError(json),
            "items/3/type: unknown item type \"scale\"; use binary, tiered, checklist or level5");
}

TEST(RubricFromJson, RefusesWhatValidateRubricRefuses) {
  Rubric rubric = PhoneDefaultSheet();
  rubric.stages[1].points = 15;
  rubric.items[4].points = 20;
  Result<Rubric> back = RubricFromJson(RubricToJson(rubric));
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().message(),
            "stages/1/points: the stage has 15 points but its items add up to 10 (and 1 more)");
  std::vector<std::string> fields;
  for (const FieldViolation& violation : back.error().violations()) {
    fields.push_back(violation.field);
  }
  EXPECT_THAT(fields, ElementsAre("stages/1/points", "stages/2/points"));
}

TEST(RubricFromJson, RefusesInvalidJsonWithItsPosition) {
  EXPECT_THAT(RubricError("{\"code\": }"), HasSubstr("invalid JSON at line 1, column 10: "));
  EXPECT_THAT(RubricError("{\n  \"code\": \"x\",\n  oops\n}"),
              HasSubstr("invalid JSON at line 3, column 3: "));
  EXPECT_THAT(RubricError("{\"name_ko\": \"전화\" x}"),
              HasSubstr("invalid JSON at line 1, column 18: "));
  EXPECT_THAT(RubricError(""), HasSubstr("invalid JSON at line 1, column 1: "));
  EXPECT_THAT(RubricError("{} {}"), HasSubstr("invalid JSON at line 1, column 4"));
}

TEST(RubricFromJson, RefusesAKeyRepeatedInOneObject) {
  EXPECT_EQ(RubricError("{\"code\": \"a\",\n \"code\": \"b\"}"),
            "invalid JSON at line 2, column 7: key \"code\" appears twice");
}

TEST(RubricFromJson, RefusesAValueThatIsNotAnObject) {
  EXPECT_EQ(RubricError("[1, 2]"), "must be an object, got an array");
}

TEST(ParseRubricFile, NamesTheFileAndJsonPathOfAnUnknownItemType) {
  const Error error = FileError(EditedDataFile("\"type\": \"level5\", \"points\": 10}",
                                               "\"type\": \"scale\", \"points\": 10}"));
  EXPECT_EQ(error.message(),
            "rubrics.json: rubrics/0/items/3/type: unknown item type \"scale\"; use binary, "
            "tiered, checklist or level5");
  ASSERT_EQ(error.violations().size(), 1u);
  EXPECT_EQ(error.violations()[0].field, "rubrics/0/items/3/type");
  EXPECT_EQ(error.violations()[0].message,
            "unknown item type \"scale\"; use binary, tiered, checklist or level5");
}

TEST(ParseRubricFile, RefusesAMissingRequiredKey) {
  EXPECT_EQ(FileError(EditedDataFile("\"channel\": \"visit\", ", "")).message(),
            "rubrics.json: rubrics/1/channel: required key is missing");
  EXPECT_EQ(FileError(EditedDataFile("\"type\": \"checklist\", ", "")).message(),
            "rubrics.json: rubrics/0/items/1/type: required key is missing");
  EXPECT_EQ(FileError(EditedDataFile("\"rubrics\": [", "\"sheets\": [")).message(),
            "rubrics.json: rubrics: required key is missing");
}

TEST(ParseRubricFile, RefusesValuesOfTheWrongKind) {
  EXPECT_EQ(FileError(EditedDataFile("\"points\": 20}", "\"points\": \"20\"}")).message(),
            "rubrics.json: rubrics/0/stages/0/points: must be a number, got a string");
  EXPECT_EQ(FileError(EditedDataFile("\"version\": 1", "\"version\": 1.5")).message(),
            "rubrics.json: rubrics/0/version: must be a whole number, got 1.5");
  EXPECT_EQ(FileError(EditedDataFile("\"stages\": [", "\"stages\": {}, \"x\": [")).message(),
            "rubrics.json: rubrics/0/stages: must be an array, got an object");
}

TEST(ParseRubricFile, RefusesAnUnknownChannelPolicyOrFlagValue) {
  EXPECT_EQ(FileError(EditedDataFile("\"channel\": \"phone\"", "\"channel\": \"call\"")).message(),
            "rubrics.json: rubrics/0/channel: unknown channel \"call\"; use phone or visit");
  EXPECT_EQ(FileError(EditedDataFile("\"not_applicable\": \"full_marks\"",
                                     "\"not_applicable\": \"fullmarks\""))
                .message(),
            "rubrics.json: rubrics/0/items/2/not_applicable: unknown policy \"fullmarks\"; use "
            "not_allowed, full_marks or rescale");
  EXPECT_EQ(FileError(EditedDataFile("\"points\": 5, \"not_applicable\": \"rescale\"",
                                     "\"points\": 5, \"not_applicable\": \"rescale\", "
                                     "\"critical\": \"yes\""))
                .message(),
            "rubrics.json: rubrics/1/items/8/critical: must be true or false, got a string");
}

TEST(ParseRubricFile, RefusesKeysThatLookLikeTypos) {
  EXPECT_EQ(FileError(EditedDataFile("\"not_applicable\"", "\"not_aplicable\"")).message(),
            "rubrics.json: rubrics/0/items/2/not_aplicable: unknown key; did you mean "
            "\"not_applicable\"?");
  EXPECT_EQ(FileError(EditedDataFile("\"observe\"", "\"Observe\"")).message(),
            "rubrics.json: rubrics/0/items/0/Observe: unknown key; did you mean \"observe\"?");
  EXPECT_EQ(FileError(EditedDataFile("\"points_if_apology\"", "\"points_if_apolgy\"")).message(),
            "rubrics.json: rubrics/0/items/0/tiers/1/points_if_apolgy: unknown key; did you mean "
            "\"points_if_apology\"?");
  EXPECT_EQ(FileError(EditedDataFile("\"elements\"", "\"elemnets\"")).message(),
            "rubrics.json: rubrics/0/items/1/elemnets: unknown key; did you mean \"elements\"?");
  EXPECT_EQ(FileError(EditedDataFile("\"grade_bands\"", "\"grade-bands\"")).message(),
            "rubrics.json: grade-bands: unknown key; did you mean \"grade_bands\"?");
}

TEST(ParseRubricFile, RefusesKeysThatBelongElsewhere) {
  EXPECT_EQ(FileError(EditedDataFile("\"ko\": \"맞이\"", "\"name_ko\": \"맞이\"")).message(),
            "rubrics.json: rubrics/0/stages/0/name_ko: unknown key here; names use \"ko\" and "
            "\"en\" here");
  EXPECT_EQ(FileError(EditedDataFile("\"name_ko\": \"전화 친절도 기본 평가표\", ",
                                     "\"name_ko\": \"전화 친절도 기본 평가표\", \"level_scale\": "
                                     "{}, "))
                .message(),
            "rubrics.json: rubrics/0/level_scale: unknown key here; a rubric sets its own "
            "fractions with \"level_fractions\"; \"level_scale\" belongs at the top of a rubric "
            "file");
  EXPECT_THAT(FileError(EditedDataFile("\"type\": \"level5\", \"points\": 10}",
                                       "\"type\": \"level5\", \"points\": 10, \"critical_cap\": "
                                       "50}"))
                  .message(),
              HasSubstr("rubrics/0/items/3/critical_cap: unknown key here"));
}

TEST(ParseRubricFile, ToleratesUnknownKeysThatAreNotNearMisses) {
  std::string text = EditedDataFile("\"labels_ko\"", "\"labels_zh\": [], \"labels_ko\"");
  text.replace(text.find("\"check_en\""), 10,
               "\"note\": \"local rule\", \"check_ko\": \"\", \"check_en\"");
  text.replace(text.find("\"stages\""), 8, "\"owner\": \"민원여권과\", \"stages\"");
  Result<RubricFile> file = ParseRubricFile(text, "rubrics.json");
  ASSERT_TRUE(file) << file.error().message();
  EXPECT_EQ(file->rubrics[0], PhoneDefaultSheet());
}

TEST(ParseRubricFile, RefusesATierWithoutABoundOrWithTwo) {
  EXPECT_EQ(FileError(EditedDataFile("{\"max_rings\": 3, ", "{")).message(),
            "rubrics.json: rubrics/0/items/0/tiers/0/max_rings: required key is missing (null "
            "for the last, unbounded tier)");
  EXPECT_EQ(
      FileError(EditedDataFile("{\"max_rings\": 3, ", "{\"max_rings\": 3, \"max_count\": 3, "))
          .message(),
      "rubrics.json: rubrics/0/items/0/tiers/0/max_rings: give max_count or max_rings, not "
      "both");
  EXPECT_EQ(FileError(EditedDataFile("{\"max_rings\": 3, ", "{\"max_rings\": \"3\", ")).message(),
            "rubrics.json: rubrics/0/items/0/tiers/0/max_rings: must be a whole number, got a "
            "string");
}

TEST(ParseRubricFile, ReadsATierBoundNamedMaxCount) {
  Result<RubricFile> file =
      ParseRubricFile(EditedDataFile("{\"max_rings\": 3, ", "{\"max_count\": 3, "), "rubrics.json");
  ASSERT_TRUE(file) << file.error().message();
  EXPECT_EQ(file->rubrics[0], PhoneDefaultSheet());
}

TEST(ParseRubricFile, ReportsRubricInconsistenciesUnderTheRubricsPath) {
  const Error error = FileError(EditedDataFile("\"points\": 20}", "\"points\": 25}"));
  EXPECT_EQ(error.message(),
            "rubrics.json: rubrics/0/stages/0/points: the stage has 25 points but its items add "
            "up to 20");
  const Error elements = FileError(EditedDataFile("\"points\": 4}]}", "\"points\": 5}]}"));
  EXPECT_THAT(elements.message(),
              HasSubstr("rubrics/0/items/1/elements: element points add up to 11, not the "
                        "item's 10"));
}

TEST(ParseRubricFile, AppliesTheFilesLevelScaleUnlessARubricSetsItsOwn) {
  std::string text = EditedDataFile("\"fraction\": [1.0, 0.75, 0.5, 0.25, 0.0]",
                                    "\"fraction\": [1.0, 0.8, 0.6, 0.4, 0.2]");
  text.replace(text.find("\"stages\""), 8,
               "\"level_fractions\": [1, 0.9, 0.5, 0.1, 0], \"stages\"");  // phone only
  Result<RubricFile> file = ParseRubricFile(text, "rubrics.json");
  ASSERT_TRUE(file) << file.error().message();
  EXPECT_EQ(file->rubrics[0].level_fractions, (std::array<double, 5>{1, 0.9, 0.5, 0.1, 0}));
  EXPECT_EQ(file->rubrics[1].level_fractions, (std::array<double, 5>{1, 0.8, 0.6, 0.4, 0.2}));
}

TEST(ParseRubricFile, RefusesALevelScaleWithoutFiveFractions) {
  EXPECT_EQ(
      FileError(EditedDataFile("[1.0, 0.75, 0.5, 0.25, 0.0]", "[1.0, 0.5, 0.25, 0.0]")).message(),
      "rubrics.json: level_scale/fraction: must list 5 fractions, for levels 5 (탁월) "
      "down to 1 (부진), got 4");
  EXPECT_EQ(
      FileError(EditedDataFile("[1.0, 0.75, 0.5, 0.25, 0.0]", "[1.0, 0.75, \"half\", 0.25, 0.0]"))
          .message(),
      "rubrics.json: level_scale/fraction/2: must be a number, got a string");
  EXPECT_EQ(FileError(EditedDataFile("[1.0, 0.75, 0.5, 0.25, 0.0]", "[1.0, 0.75, 1.5, 0.25, 0.0]"))
                .message(),
            "rubrics.json: level_scale/fraction/2: must be between 0 and 1, got 1.5");
  EXPECT_EQ(FileError(EditedDataFile("[1.0, 0.75, 0.5, 0.25, 0.0]", "[1.0, 0.5, 0.75, 0.25, 0.0]"))
                .message(),
            "rubrics.json: level_scale/fraction/2: fractions must not rise from level 5 (탁월) "
            "down to level 1 (부진)");
  EXPECT_EQ(FileError(EditedDataFile("\"stages\"",
                                     "\"level_fractions\": [1, 1.5, 0, 0, 0], "
                                     "\"stages\""))
                .message(),
            "rubrics.json: rubrics/0/level_fractions/1: must be between 0 and 1, got 1.5");
}

TEST(ParseRubricFile, ReadsGradeBandsOrUsesTheDefaults) {
  std::string text = EditedDataFile("{\"grade\": \"S\", \"ko\": \"매우우수\", \"min\": 90}, ", "");
  Result<RubricFile> file = ParseRubricFile(text, "rubrics.json");
  ASSERT_TRUE(file) << file.error().message();
  ASSERT_EQ(file->grade_bands.size(), 3u);
  EXPECT_EQ(file->grade_bands[0], (rubric::GradeBand{"A", "우수", 80}));

  const std::string bands = "\"grade_bands\": [";
  std::string without = ReadDataFile();
  const std::size_t start = without.find(bands);
  without.erase(start, without.find("],", start) + 2 - start);
  Result<RubricFile> defaults = ParseRubricFile(without, "rubrics.json");
  ASSERT_TRUE(defaults) << defaults.error().message();
  EXPECT_EQ(defaults->grade_bands, rubric::DefaultGradeBands());
}

TEST(ParseRubricFile, RefusesGradeBandsThatDoNotCoverTheScale) {
  EXPECT_EQ(FileError(EditedDataFile("\"min\": 80", "\"min\": 95")).message(),
            "rubrics.json: grade_bands/1/min: must be below the minimum of the band above (90), "
            "got 95");
  EXPECT_EQ(FileError(EditedDataFile("\"min\": 0}", "\"min\": 50}")).message(),
            "rubrics.json: grade_bands/3/min: the lowest band must start at 0 so that every score "
            "has a grade, got 50");
}

TEST(ParseRubricFile, RefusesAFileWithoutRubricsOrWithARepeatedVersion) {
  EXPECT_EQ(FileError("{\"rubrics\": []}").message(),
            "rubrics.json: rubrics: the file holds no rubric");
  EXPECT_EQ(FileError(EditedDataFile("\"code\": \"visit-default\"", "\"code\": \"phone-default\""))
                .message(),
            "rubrics.json: rubrics/1/version: rubric phone-default version 1 appears twice");
  Result<RubricFile> two_versions = ParseRubricFile(
      EditedDataFile("\"code\": \"visit-default\", \"channel\": \"visit\", \"version\": 1",
                     "\"code\": \"phone-default\", \"channel\": \"visit\", \"version\": 2"),
      "rubrics.json");
  EXPECT_TRUE(two_versions) << two_versions.error().message();
}

TEST(ParseRubricFile, RefusesARootThatIsNotAnObject) {
  const Error error = FileError("[]");
  EXPECT_EQ(error.message(), "rubrics.json: must be an object, got an array");
  EXPECT_EQ(error.violations()[0].field, "");
}

TEST(ParseRubricFile, GivesTheLineOfInvalidJson) {
  const Error error = FileError(EditedDataFile("\"rubrics\": [", "\"rubrics\": [,"));
  EXPECT_THAT(error.message(), HasSubstr("rubrics.json: invalid JSON at line 5, column 15: "));
  ASSERT_EQ(error.violations().size(), 1u);
  EXPECT_EQ(error.violations()[0].line, 5);
  EXPECT_EQ(error.violations()[0].field, "");
}

// A phone contact as a contractor's evaluations file carries it, scored with the shipped rubric.
TEST(EndToEnd, ScoresARealisticPhoneContactFromTheShippedFile) {
  const RubricFile file = DefaultRubricFile();
  const Rubric& phone = file.rubrics[0];
  const std::vector<std::pair<std::string, std::string>> cells = {
      {"P01", "4a"}, {"P02", "name;greeting"},
      {"P03", "na"}, {"P04", "4"},
      {"P05", "4"},  {"P06", "3"},
      {"P07", "5"},  {"P08", "4"},
      {"P09", "1"},  {"P10", "0"},
      {"P11", "1"},  {"P12", "3"},
  };
  std::vector<rubric::ItemObservation> observations;
  for (const auto& [id, cell] : cells) {
    const rubric::Item* item = phone.FindItem(id);
    ASSERT_NE(item, nullptr) << id;
    Result<rubric::Observation> observation = rubric::ParseObservation(*item, cell);
    ASSERT_TRUE(observation) << id << ": " << observation.error().message();
    observations.push_back({id, *observation});
  }
  const std::vector<std::string> flags = {"LUNCH_HOUR"};
  ASSERT_TRUE(rubric::IsScored(flags));
  Result<rubric::ContactScore> score = rubric::ScoreContact(phone, observations, flags);
  ASSERT_TRUE(score) << score.error().message();
  // 7 (4 rings with an apology) + 7 + 10 (na, full marks) + 7.5 + 11.25 + 5 + 10 + 3.75 + 5 + 0
  // + 5 + 2.5 = 74.
  EXPECT_EQ(score->total, 74);
  EXPECT_FALSE(score->capped);
  EXPECT_EQ(rubric::EncodeItemPoints(*score), "7,7,10,7.5,11.25,5,10,3.75,5,0,5,2.5");
  EXPECT_EQ(rubric::EncodeStagePoints(*score),
            "opening=14/20|transfer=10/10|consultation=37.5/50|closing=10/15|overall=2.5/5");
  EXPECT_EQ(rubric::EncodeObservations(observations),
            "P01=4a|P02=greeting;name|P03=na|P04=4|P05=4|P06=3|P07=5|P08=4|P09=1|P10=0|P11=1|"
            "P12=3");
  Result<std::vector<rubric::ItemObservation>> stored =
      rubric::DecodeObservations(phone, rubric::EncodeObservations(observations));
  ASSERT_TRUE(stored) << stored.error().message();
  EXPECT_EQ(*stored, observations);
}

TEST(EndToEnd, RescalesAVisitWithoutWaitingFromTheShippedFile) {
  const RubricFile file = DefaultRubricFile();
  const Rubric& visit = file.rubrics[1];
  Result<std::vector<rubric::ItemObservation>> observations = rubric::DecodeObservations(
      visit,
      "V01=seat_chart;name_plates|V02=4|V03=rises;greets_first|V04=badge|V05=5|V06=4|V07=4|"
      "V08=5|V09=na|V10=1|V11=0|V12=4");
  ASSERT_TRUE(observations) << observations.error().message();
  Result<rubric::ContactScore> score = rubric::ScoreContact(visit, *observations, {});
  ASSERT_TRUE(score) << score.error().message();
  // Earned: 3 + 3.75 + 7 + 3 + 15 + 11.25 + 7.5 + 10 + 5 + 0 + 7.5 = 73 of the 95 points that
  // applied (V09 left out): 100 * 73 / 95 = 76.842105...
  EXPECT_DOUBLE_EQ(score->total, 7300.0 / 95);
  EXPECT_EQ(rubric::EncodeItemPoints(*score), "3,3.75,7,3,15,11.25,7.5,10,na,5,0,7.5");
}

}  // namespace
}  // namespace chinjeol::codec
