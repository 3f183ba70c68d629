#include "tests/contract/storage_fixture.hpp"

#include "adapters/storage/storage_factory.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::storage::testing {
namespace {

Date Day(int y, unsigned m, unsigned d) {
  return Date(std::chrono::year(y), std::chrono::month(m), std::chrono::day(d));
}

rubric::Item MakeItem(std::string id, std::string stage, std::string name_ko, rubric::ItemType type,
                      double points) {
  rubric::Item item;
  item.id = std::move(id);
  item.stage = std::move(stage);
  item.name_ko = std::move(name_ko);
  item.name_en = item.id;
  item.type = type;
  item.points = points;
  return item;
}

}  // namespace

void StorageTest::SetUp() {
  CHINJEOL_OPEN_TEST_DATABASE(database_, is_postgres() ? chinjeol::testing::Engine::kPostgres
                                                       : chinjeol::testing::Engine::kSqlite);
  Result<std::unique_ptr<ports::Storage>> opened = OpenStorage(url(), kTestAuditKey);
  ASSERT_TRUE(opened) << opened.error().message();
  storage_ = *std::move(opened);
}

void StorageTest::TearDown() {
  storage_.reset();
  database_.reset();
}

void StorageTest::Reopen() {
  storage_.reset();
  Result<std::unique_ptr<ports::Storage>> opened = OpenStorage(url(), kTestAuditKey);
  ASSERT_TRUE(opened) << opened.error().message();
  storage_ = *std::move(opened);
}

std::string EngineName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

rubric::Rubric TestRubric(int version) {
  rubric::Rubric rubric;
  rubric.code = "phone-test";
  rubric.version = version;
  rubric.channel = Channel::kPhone;
  rubric.name_ko = "전화 친절도 시험 평가표";
  rubric.name_en = "Phone test sheet";
  rubric.stages = {{"opening", "첫인사", "Opening", 30},
                   {"consultation", "상담", "Consultation", 50},
                   {"closing", "끝인사", "Closing", 20}};
  rubric::Item rings = MakeItem("P01", "opening", "신속한 응대", rubric::ItemType::kTiered, 10);
  rings.observe = "ring_count";
  rings.tiers = {{3, 10, std::nullopt}, {5, 5, 7.5}, {std::nullopt, 0, std::nullopt}};
  rubric::Item greeting =
      MakeItem("P02", "opening", "첫인사와 소속", rubric::ItemType::kBinary, 20);
  greeting.critical = true;
  rubric::Item attitude =
      MakeItem("P03", "consultation", "경청 태도", rubric::ItemType::kLevel5, 30);
  rubric::Item checklist =
      MakeItem("P04", "consultation", "정확한 안내", rubric::ItemType::kChecklist, 20);
  checklist.not_applicable = rubric::NotApplicablePolicy::kRescale;
  checklist.elements = {{"answer", "답변", "Answer", 10},
                        {"contact", "담당자 안내", "Contact", 5},
                        {"recap", "요약", "Recap", 5}};
  rubric::Item closing = MakeItem("P05", "closing", "끝인사", rubric::ItemType::kBinary, 20);
  closing.not_applicable = rubric::NotApplicablePolicy::kFullMarks;
  rubric.items = {rings, greeting, attitude, checklist, closing};
  rubric.flags = {{"UNANSWERED", "미응답", "Unanswered"},
                  {"ANSWERED_BY_COLLEAGUE", "대리응답", "Answered by a colleague"},
                  {"LUNCH_HOUR", "점심시간", "Lunch hour"},
                  {"CRITICAL", "중대 사안", "Critical incident"},
                  {"VOID", "무효", "Void"}};
  rubric.critical_cap = 60;
  return rubric;
}

void SeedProgramme(ports::Storage& storage) {
  using org::DepartmentGroup;
  Result<void> saved = storage.organisation().SaveDepartments(
      {{"D01", "민원봉사과", DepartmentGroup::kHq}, {"D02", "포천동", DepartmentGroup::kTown}});
  ASSERT_TRUE(saved) << saved.error().message();
  saved = storage.organisation().SaveEmployees(
      {{"E001", "김민원", "D01", "주무관", "031-538-0001", true, true},
       {"E002", "이친절", "D01", "팀장", "031-538-0002", false, true},
       {"E003", "박동네", "D02", "주무관", "031-538-0003", true, true}});
  ASSERT_TRUE(saved) << saved.error().message();
  saved = storage.organisation().SaveMonitors(
      {{"M01", "최모니", "F", "30s", 10, 2, Day(2021, 5, 17), Day(2021, 9, 16), true},
       {"M02", "정평가", "M", "40s", 8, 3, std::nullopt, std::nullopt, true}});
  ASSERT_TRUE(saved) << saved.error().message();
  saved = storage.organisation().SaveScenarios(
      {{"S01", "D01", Channel::kPhone, "여권 발급 문의", "여권을 새로 만들려면 무엇이 필요한가요?",
        false},
       {"S02", "*", Channel::kVisit, "민원 서류 발급", "등본을 떼러 왔습니다.", false}});
  ASSERT_TRUE(saved) << saved.error().message();
  saved = storage.rubrics().SaveRubric(TestRubric(1));
  ASSERT_TRUE(saved) << saved.error().message();
  campaign::Campaign campaign{
      "C2021",
      "2021 친절도 평가",
      Day(2021, 5, 17),
      Day(2021, 9, 16),
      1,
      1,
      campaign::LunchPolicy::kAvoid,
      {{1, Day(2021, 5, 17), Day(2021, 7, 16)}, {2, Day(2021, 7, 17), Day(2021, 9, 16)}}};
  saved = storage.campaigns().CreateCampaign(campaign);
  ASSERT_TRUE(saved) << saved.error().message();
}

std::vector<rubric::ItemObservation> TestObservations(int rings, bool greeted, int level,
                                                      bool checklist_applies) {
  rubric::Observation checklist = rubric::NotApplicable{};
  if (checklist_applies) checklist = rubric::ChecklistObservation{{"answer", "recap"}};
  return {{"P01", rubric::CountObservation{rings, rings > 3}},
          {"P02", rubric::BinaryObservation{greeted}},
          {"P03", rubric::LevelObservation{level}},
          {"P04", checklist},
          {"P05", rubric::NotApplicable{}}};
}

void Score(evaluation::Evaluation& evaluation, const rubric::Rubric& rubric) {
  evaluation.rubric_code = rubric.code;
  evaluation.rubric_version = rubric.version;
  Result<std::optional<rubric::ContactScore>> score =
      rubric::ScoreSheet(rubric, evaluation.observations, evaluation.flags);
  ASSERT_TRUE(score) << score.error().message();
  evaluation.score = *score;
}

evaluation::Evaluation SampleEvaluation(const std::string& code) {
  evaluation::Evaluation evaluation;
  evaluation.code = code;
  evaluation.campaign_code = "C2021";
  evaluation.employee_no = "E001";
  evaluation.department_code = "D01";
  evaluation.monitor_code = "M01";
  evaluation.scenario_code = "S01";
  evaluation.channel = Channel::kPhone;
  evaluation.performed_at = {Day(2021, 5, 20), 10, 5, 0};
  evaluation.round = 1;
  evaluation.observations = TestObservations(2, true, 4, true);
  evaluation.state = evaluation::ReviewState::kApproved;
  Score(evaluation, TestRubric(1));
  return evaluation;
}

void WriteEvaluations(ports::Storage& storage,
                      const std::vector<evaluation::Evaluation>& evaluations) {
  Result<void> written = storage.InTransaction([&]() -> Result<void> {
    Result<std::unique_ptr<evaluation::EvaluationWriter>> writer =
        storage.evaluations().OpenWriter();
    if (!writer) return writer.error();
    long line = 2;
    for (const evaluation::Evaluation& evaluation : evaluations) {
      if (Result<void> added = (*writer)->Add(evaluation, line++); !added) return added;
    }
    Result<std::vector<FieldViolation>> violations = (*writer)->Finish();
    if (!violations) return violations.error();
    if (!violations->empty()) return InvalidArgument(violations->front().message, *violations);
    return Ok();
  });
  ASSERT_TRUE(written) << written.error().message();
}

std::vector<evaluation::Evaluation> ReadEvaluations(ports::Storage& storage,
                                                    const std::string& campaign_code) {
  std::vector<evaluation::Evaluation> evaluations;
  Result<void> read = storage.evaluations().ForEachEvaluation(
      campaign_code, [&](const evaluation::Evaluation& evaluation) -> Result<void> {
        evaluations.push_back(evaluation);
        return Ok();
      });
  EXPECT_TRUE(read) << read.error().message();
  return evaluations;
}

void ExpectSameEvaluation(const evaluation::Evaluation& actual,
                          const evaluation::Evaluation& expected) {
  SCOPED_TRACE("evaluation " + expected.code);
  EXPECT_EQ(actual.code, expected.code);
  EXPECT_EQ(actual.campaign_code, expected.campaign_code);
  EXPECT_EQ(actual.employee_no, expected.employee_no);
  EXPECT_EQ(actual.department_code, expected.department_code);
  EXPECT_EQ(actual.monitor_code, expected.monitor_code);
  EXPECT_EQ(actual.scenario_code, expected.scenario_code);
  EXPECT_EQ(actual.channel, expected.channel);
  EXPECT_EQ(FormatLocalDateTime(actual.performed_at), FormatLocalDateTime(expected.performed_at));
  EXPECT_EQ(actual.round, expected.round);
  EXPECT_EQ(actual.rubric_code, expected.rubric_code);
  EXPECT_EQ(actual.rubric_version, expected.rubric_version);
  EXPECT_EQ(actual.flags, expected.flags);
  EXPECT_TRUE(actual.observations == expected.observations);
  EXPECT_EQ(actual.score.has_value(), expected.score.has_value());
  EXPECT_TRUE(actual.score == expected.score);
  EXPECT_EQ(actual.state, expected.state);
  EXPECT_EQ(actual.review_reason, expected.review_reason);
  EXPECT_EQ(actual.notes, expected.notes);
}

}  // namespace chinjeol::storage::testing
