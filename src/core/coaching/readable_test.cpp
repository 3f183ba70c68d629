#include "core/coaching/readable.hpp"

#include <gtest/gtest.h>

#include "core/rubric/fixtures/default_sheets.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::coaching {
namespace {

// A scored phone contact from cells in the evaluations file form.
evaluation::Evaluation PhoneContact(std::int64_t id, const std::vector<std::string>& cells) {
  const rubric::Rubric rubric = rubric::fixtures::PhoneDefaultSheet();
  evaluation::Evaluation contact;
  contact.id = id;
  contact.rubric_code = rubric.code;
  contact.rubric_version = rubric.version;
  for (std::size_t i = 0; i < rubric.items.size(); ++i) {
    Result<rubric::Observation> seen = rubric::ParseObservation(rubric.items[i], cells[i]);
    EXPECT_TRUE(seen) << seen.error().message();
    contact.observations.push_back({rubric.items[i].id, *seen});
  }
  Result<rubric::ContactScore> score = rubric::ScoreContact(rubric, contact.observations, {});
  EXPECT_TRUE(score) << score.error().message();
  contact.score = *score;
  return contact;
}

const std::vector<std::string> kGood{
    "2", "greeting;department;name", "na", "5", "5", "5", "5", "5", "1", "1", "1", "5"};
const std::vector<std::string> kWeakOpening{"4a", "greeting", "na", "4", "5", "5",
                                            "5",  "5",        "0",  "1", "1", "4"};

TEST(ReadableResult, AContactReadsAsNamesAndWordsWithStageSubtotals) {
  const rubric::Rubric rubric = rubric::fixtures::PhoneDefaultSheet();
  const ReadableContact contact =
      DescribeContact(PhoneContact(7, kWeakOpening), &rubric, "민원지적과", "여권 재발급 문의");
  EXPECT_EQ(contact.department_name, "민원지적과");
  EXPECT_EQ(contact.rubric.ko, "전화 친절도 기본 평가표");
  ASSERT_EQ(contact.items.size(), 12u);
  EXPECT_EQ(contact.items[0].name.ko, "수신의 신속성");
  EXPECT_EQ(contact.items[0].stage.ko, "맞이");
  EXPECT_EQ(contact.items[0].observed.ko, "벨 4회 만에 받음, 기다리게 한 데 사과함");
  EXPECT_EQ(contact.items[0].points, std::optional<double>(7));
  EXPECT_EQ(contact.items[1].observed.ko, "인사말 있음, 소속·성명 없음");
  ASSERT_FALSE(contact.stages.empty());
  EXPECT_EQ(contact.stages[0].name.ko, "맞이");
  EXPECT_EQ(contact.stages[0].points, 10);  // 7 + 3 of 20
  EXPECT_EQ(contact.stages[0].max_points, 20);
}

TEST(ReadableResult, WeakestAndStrongestItemsAgainstTheOrganisationWithGuidance) {
  const std::vector<evaluation::Evaluation> contacts{PhoneContact(1, kWeakOpening),
                                                     PhoneContact(2, kGood)};
  ItemMeans means;
  for (const char* id : {"P01", "P02", "P04", "P05", "P09", "P12"}) means.organisation[id] = 0.8;
  means.department["P02"] = 0.6;
  const ItemProfile profile =
      ProfileItems(contacts, {rubric::fixtures::PhoneDefaultSheet()}, means, DefaultLibrary(), 2);
  ASSERT_EQ(profile.weakest.size(), 2u);
  EXPECT_EQ(profile.weakest[0].item_id, "P09");  // 0.5 against 0.8
  EXPECT_EQ(profile.weakest[1].item_id, "P02");  // (0.3 + 1) / 2 = 0.65 against 0.8
  EXPECT_NEAR(profile.weakest[1].own, 0.65, 1e-9);
  EXPECT_EQ(profile.weakest[1].department, std::optional<double>(0.6));
  ASSERT_TRUE(profile.weakest[1].guidance);
  EXPECT_EQ(profile.weakest[1].guidance->item_id, "P02");
  ASSERT_EQ(profile.strongest.size(), 2u);
  EXPECT_EQ(profile.strongest[0].item_id, "P05");  // 1.0 against 0.8
  EXPECT_FALSE(profile.strongest[0].guidance);
}

TEST(ReadableResult, TheFairScoreSentenceSaysHowSureTheGradeIs) {
  const rubric::Wording sure = ExplainFairScore(84.24, 80.5, 88.1, "A", false);
  EXPECT_NE(sure.ko.find("84.2점"), std::string::npos);
  EXPECT_NE(sure.ko.find("80.5점에서 88.1점"), std::string::npos);
  EXPECT_NE(sure.ko.find("A(우수)"), std::string::npos);
  EXPECT_NE(sure.ko.find("가능성이 높습니다"), std::string::npos);
  const rubric::Wording unsure = ExplainFairScore(79.0, 72.0, 86.0, "B", true);
  EXPECT_NE(unsure.ko.find("확실하지 않습니다"), std::string::npos);
  EXPECT_NE(unsure.en.find("not certain"), std::string::npos);
}

}  // namespace
}  // namespace chinjeol::coaching
