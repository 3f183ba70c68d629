#include "core/rubric/observation_text.hpp"

#include <gtest/gtest.h>

#include "core/rubric/fixtures/default_sheets.hpp"

namespace chinjeol::rubric {
namespace {

using fixtures::PhoneDefaultSheet;
using fixtures::VisitDefaultSheet;

Wording Described(const Rubric& rubric, std::string_view item_id, std::string_view cell) {
  const Item& item = *rubric.FindItem(item_id);
  Result<Observation> observation = ParseObservation(item, cell);
  EXPECT_TRUE(observation) << observation.error().message();
  return observation ? DescribeObservation(item, *observation) : Wording{};
}

TEST(ObservationText, RingsReadAsACountAndTheApology) {
  EXPECT_EQ(Described(PhoneDefaultSheet(), "P01", "4a"),
            (Wording{"벨 4회 만에 받음, 기다리게 한 데 사과함",
                     "answered after 4 rings, apologised for the wait"}));
  EXPECT_EQ(Described(PhoneDefaultSheet(), "P01", "1"),
            (Wording{"벨 1회 만에 받음", "answered after 1 ring"}));
}

TEST(ObservationText, ChecklistNamesWhatWasThereAndWhatWasMissing) {
  EXPECT_EQ(Described(PhoneDefaultSheet(), "P02", "greeting;department"),
            (Wording{"인사말·소속 있음, 성명 없음",
                     "greeting word, department or team: yes; own name: no"}));
  EXPECT_EQ(Described(PhoneDefaultSheet(), "P02", "").ko, "인사말·소속·성명 없음");
  EXPECT_EQ(Described(PhoneDefaultSheet(), "P02", "greeting;department;name").ko,
            "인사말·소속·성명 있음");
}

TEST(ObservationText, LevelsBinaryAndNotApplicableInWords) {
  EXPECT_EQ(Described(PhoneDefaultSheet(), "P04", "4"),
            (Wording{"우수 (5단계 중 4)", "good (4 of 5)"}));
  EXPECT_EQ(Described(PhoneDefaultSheet(), "P04", "1").ko, "부진 (5단계 중 1)");
  EXPECT_EQ(Described(PhoneDefaultSheet(), "P09", "0"), (Wording{"지켜지지 않음", "not done"}));
  EXPECT_EQ(Described(PhoneDefaultSheet(), "P09", "1").en, "done");
  EXPECT_EQ(Described(PhoneDefaultSheet(), "P03", "na").ko, "해당 없음 (만점 처리)");
}

TEST(ObservationText, ItemsCarryTheirStageName) {
  const Rubric& visit = VisitDefaultSheet();
  EXPECT_EQ(DescribeItem(visit, *visit.FindItem("V03")),
            (Wording{"맞이 · 맞이 인사",
                     "Welcome · Welcome greeting (rises, eye contact, greets first)"}));
}

}  // namespace
}  // namespace chinjeol::rubric
