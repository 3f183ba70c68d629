// The storage contract: every repository of ports::Storage, on SQLite and on PostgreSQL.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>
#include <thread>

#include "adapters/storage/migrator.hpp"
#include "adapters/storage/storage_factory.hpp"
#include "core/rubric/scoring.hpp"
#include "tests/contract/storage_fixture.hpp"

namespace chinjeol::storage::testing {
namespace {

using evaluation::Evaluation;
using evaluation::ReviewState;

Date Day(int y, unsigned m, unsigned d) {
  return Date(std::chrono::year(y), std::chrono::month(m), std::chrono::day(d));
}

Error Failure() { return InvalidArgument("the work failed"); }

// Whether the index of evaluations by campaign and employee exists (bulk writes may rebuild it).
bool EmployeeIndexExists(const std::string& url) {
  Result<std::unique_ptr<sql::Connection>> raw = OpenConnection(url);
  EXPECT_TRUE(raw) << raw.error().message();
  if (!raw) return false;
  const std::string_view query =
      (*raw)->dialect() == sql::Dialect::kSqlite
          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND "
            "name = 'evaluations_campaign_employee'"
          : "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND "
            "indexname = 'evaluations_campaign_employee'";
  Result<std::optional<std::int64_t>> count = (*raw)->QueryInt64(query);
  EXPECT_TRUE(count) << count.error().message();
  return count && *count == std::optional<std::int64_t>(1);
}

// --- Schema -----------------------------------------------------------------------------------

TEST_P(StorageTest, CreatesTheSchemaOnAnEmptyDatabaseAndReopensIt) {
  Result<std::vector<org::Department>> empty = storage().organisation().ListDepartments();
  ASSERT_TRUE(empty) << empty.error().message();
  EXPECT_TRUE(empty->empty());
  ASSERT_TRUE(
      storage().organisation().SaveDepartments({{"D01", "총무과", org::DepartmentGroup::kHq}}));

  Reopen();
  Reopen();

  Result<std::vector<org::Department>> departments = storage().organisation().ListDepartments();
  ASSERT_TRUE(departments) << departments.error().message();
  ASSERT_EQ(departments->size(), 1u);
  EXPECT_EQ(departments->front().name, "총무과");
}

TEST_P(StorageTest, MigratesOnceWhenSeveralProcessesOpenAFreshDatabaseAtOnce) {
  Result<std::unique_ptr<chinjeol::testing::TestDatabase>> fresh =
      chinjeol::testing::TestDatabase::Create(is_postgres() ? chinjeol::testing::Engine::kPostgres
                                                            : chinjeol::testing::Engine::kSqlite);
  ASSERT_TRUE(fresh) << fresh.error().message();
  const std::string fresh_url = (*fresh)->url();
  constexpr int kOpeners = 4;
  std::vector<std::string> failures(kOpeners);
  std::vector<std::thread> openers;
  for (int i = 0; i < kOpeners; ++i) {
    openers.emplace_back([&, i] {
      Result<std::unique_ptr<ports::Storage>> opened = OpenStorage(fresh_url);
      if (!opened) failures[static_cast<std::size_t>(i)] = opened.error().message();
    });
  }
  for (std::thread& opener : openers) opener.join();

  for (const std::string& failure : failures) EXPECT_EQ(failure, "");
  Result<std::unique_ptr<sql::Connection>> raw = OpenConnection(fresh_url);
  ASSERT_TRUE(raw) << raw.error().message();
  // Each migration applied once: one row per version, none twice.
  Result<std::optional<std::int64_t>> versions =
      (*raw)->QueryInt64("SELECT COUNT(*) FROM schema_version");
  ASSERT_TRUE(versions) << versions.error().message();
  EXPECT_EQ(*versions, std::optional<std::int64_t>(LatestSchemaVersion((*raw)->dialect())));
}

TEST_P(StorageTest, RefusesADatabaseWithANewerSchema) {
  Result<std::unique_ptr<sql::Connection>> raw = OpenConnection(url());
  ASSERT_TRUE(raw) << raw.error().message();
  ASSERT_TRUE((*raw)->Execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                              {999, "2030-01-01T00:00:00"}));
  raw->reset();

  Result<std::unique_ptr<ports::Storage>> opened = OpenStorage(url());

  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(opened.error().message().find("999"), std::string::npos) << opened.error().message();
}

// --- Organisation -----------------------------------------------------------------------------

TEST_P(StorageTest, SavesDepartmentsAndUpdatesThemByCode) {
  auto& organisation = storage().organisation();
  ASSERT_TRUE(organisation.SaveDepartments({{"D02", "포천동", org::DepartmentGroup::kTown},
                                            {"D01", "민원봉사과", org::DepartmentGroup::kHq}}));
  ASSERT_TRUE(organisation.SaveDepartments({{"D01", "민원여권과", org::DepartmentGroup::kAgency},
                                            {"D03", "보건소", org::DepartmentGroup::kAffiliated}}));

  Result<std::vector<org::Department>> departments = organisation.ListDepartments();

  ASSERT_TRUE(departments) << departments.error().message();
  ASSERT_EQ(departments->size(), 3u);
  EXPECT_EQ((*departments)[0].code, "D01");
  EXPECT_EQ((*departments)[0].name, "민원여권과");
  EXPECT_EQ((*departments)[0].group, org::DepartmentGroup::kAgency);
  EXPECT_EQ((*departments)[1].code, "D02");
  EXPECT_EQ((*departments)[1].group, org::DepartmentGroup::kTown);
  EXPECT_EQ((*departments)[2].group, org::DepartmentGroup::kAffiliated);
}

TEST_P(StorageTest, SavesEmployeesAndUpdatesThemByEmployeeNo) {
  SeedProgramme(storage());
  auto& organisation = storage().organisation();
  ASSERT_TRUE(
      organisation.SaveEmployees({{"E002", "이친절", "D02", "과장", "031-538-9999", true, false},
                                  {"E000", "신입", "D01", "", "", false, true}}));

  Result<std::vector<org::Employee>> employees = organisation.ListEmployees();

  ASSERT_TRUE(employees) << employees.error().message();
  ASSERT_EQ(employees->size(), 4u);
  EXPECT_EQ((*employees)[0].employee_no, "E000");
  const org::Employee& moved = (*employees)[2];
  EXPECT_EQ(moved.employee_no, "E002");
  EXPECT_EQ(moved.department_code, "D02");
  EXPECT_EQ(moved.position, "과장");
  EXPECT_EQ(moved.phone, "031-538-9999");
  EXPECT_TRUE(moved.counter);
  EXPECT_FALSE(moved.active);
  EXPECT_EQ((*employees)[1].name, "김민원");
}

TEST_P(StorageTest, RefusesEmployeesOfUnknownDepartmentsAndSavesNoneOfTheBatch) {
  SeedProgramme(storage());

  Result<void> saved =
      storage().organisation().SaveEmployees({{"E100", "홍길동", "D01", "", "", false, true},
                                              {"E101", "임꺽정", "D99", "", "", false, true}});

  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(saved.error().violations().size(), 1u);
  EXPECT_EQ(saved.error().violations()[0].field, "department_code");
  EXPECT_NE(saved.error().violations()[0].message.find("D99"), std::string::npos);
  Result<std::vector<org::Employee>> employees = storage().organisation().ListEmployees();
  ASSERT_TRUE(employees);
  EXPECT_EQ(employees->size(), 3u);
}

TEST_P(StorageTest, SavesMonitorsWithOrWithoutAvailability) {
  SeedProgramme(storage());
  ASSERT_TRUE(storage().organisation().SaveMonitors(
      {{"M01", "최모니", "여", "50s", 4, 1, std::nullopt, Day(2021, 8, 31), false}}));

  Result<std::vector<org::Monitor>> monitors = storage().organisation().ListMonitors();

  ASSERT_TRUE(monitors) << monitors.error().message();
  ASSERT_EQ(monitors->size(), 2u);
  const org::Monitor& updated = (*monitors)[0];
  EXPECT_EQ(updated.code, "M01");
  EXPECT_EQ(updated.gender, "여");
  EXPECT_EQ(updated.age_band, "50s");
  EXPECT_EQ(updated.phone_per_day, 4);
  EXPECT_EQ(updated.visit_per_day, 1);
  EXPECT_FALSE(updated.available_from.has_value());
  EXPECT_EQ(updated.available_to, std::optional<Date>(Day(2021, 8, 31)));
  EXPECT_FALSE(updated.active);
  const org::Monitor& other = (*monitors)[1];
  EXPECT_EQ(other.code, "M02");
  EXPECT_FALSE(other.available_to.has_value());
  EXPECT_TRUE(other.active);
}

TEST_P(StorageTest, SavesScenariosForOneDepartmentOrEvery) {
  SeedProgramme(storage());
  ASSERT_TRUE(storage().organisation().SaveScenarios(
      {{"S01", "*", Channel::kPhone, "폭언 대응 교육", "교육용", true}}));

  Result<std::vector<org::Scenario>> scenarios = storage().organisation().ListScenarios();

  ASSERT_TRUE(scenarios) << scenarios.error().message();
  ASSERT_EQ(scenarios->size(), 2u);
  EXPECT_EQ((*scenarios)[0].department_code, "*");
  EXPECT_EQ((*scenarios)[0].title, "폭언 대응 교육");
  EXPECT_TRUE((*scenarios)[0].abusive);
  EXPECT_EQ((*scenarios)[1].code, "S02");
  EXPECT_EQ((*scenarios)[1].channel, Channel::kVisit);
  EXPECT_FALSE((*scenarios)[1].abusive);

  Result<void> unknown =
      storage().organisation().SaveScenarios({{"S09", "D99", Channel::kPhone, "t", "s", false}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kInvalidArgument);
}

TEST_P(StorageTest, KeepsKoreanAndAwkwardTextIntact) {
  SeedProgramme(storage());
  const std::string script =
      "안녕하세요, 포천시청이죠?\n\t\"여권\" 발급은 어디서 하나요? C:\\서류\\신청서 '50%' 😀 \\N ?";
  ASSERT_TRUE(storage().organisation().SaveScenarios(
      {{"S-한글", "D01", Channel::kPhone, "여권 발급 문의 (재발급)", script, false}}));
  ASSERT_TRUE(storage().organisation().SaveEmployees(
      {{"한글-001", "남궁 민수", "D02", "행정6급 주무관", "031)538-1234", false, true}}));

  Result<std::vector<org::Scenario>> scenarios = storage().organisation().ListScenarios();
  ASSERT_TRUE(scenarios);
  const auto scenario = std::find_if(scenarios->begin(), scenarios->end(),
                                     [](const org::Scenario& s) { return s.code == "S-한글"; });
  ASSERT_NE(scenario, scenarios->end());
  EXPECT_EQ(scenario->script, script);
  EXPECT_EQ(scenario->title, "여권 발급 문의 (재발급)");
  Result<std::vector<org::Employee>> employees = storage().organisation().ListEmployees();
  ASSERT_TRUE(employees);
  EXPECT_EQ(employees->back().employee_no, "한글-001");  // bytes sort Hangul after ASCII
  EXPECT_EQ(employees->back().name, "남궁 민수");
}

// --- Rubrics ----------------------------------------------------------------------------------

TEST_P(StorageTest, SavesRubricVersionsAndFindsTheLatest) {
  auto& rubrics = storage().rubrics();
  rubric::Rubric second = TestRubric(2);
  second.items[0].points = 15;
  second.items[1].points = 15;
  ASSERT_TRUE(rubrics.SaveRubric(second)) << "version 2";
  ASSERT_TRUE(rubrics.SaveRubric(TestRubric(1)));
  rubric::Rubric other = TestRubric(1);
  other.code = "another";
  ASSERT_TRUE(rubrics.SaveRubric(other));

  Result<std::vector<rubric::Rubric>> all = rubrics.ListRubrics();
  ASSERT_TRUE(all) << all.error().message();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].code, "another");
  EXPECT_EQ((*all)[1].version, 1);
  EXPECT_EQ((*all)[2].version, 2);

  Result<std::optional<rubric::Rubric>> latest = rubrics.FindLatestRubric("phone-test");
  ASSERT_TRUE(latest) << latest.error().message();
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->version, 2);
  EXPECT_EQ((*latest)->items[0].points, 15);
  EXPECT_TRUE(**latest == second);

  Result<std::optional<rubric::Rubric>> missing = rubrics.FindLatestRubric("nothing");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());

  Result<void> again = rubrics.SaveRubric(TestRubric(1));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
}

// --- Calendar ---------------------------------------------------------------------------------

TEST_P(StorageTest, ReplacesHolidays) {
  auto& calendar = storage().calendar();
  ASSERT_TRUE(calendar.ReplaceHolidays({{Day(2021, 1, 1), "신정", "New Year", "fixed"}}));
  ASSERT_TRUE(
      calendar.ReplaceHolidays({{Day(2021, 9, 21), "추석", "Chuseok", "lunar"},
                                {Day(2021, 8, 16), "대체공휴일", "Substitute", "substitute"}}));

  Result<std::vector<campaign::Holiday>> holidays = calendar.ListHolidays();

  ASSERT_TRUE(holidays) << holidays.error().message();
  ASSERT_EQ(holidays->size(), 2u);
  EXPECT_EQ((*holidays)[0].date, Day(2021, 8, 16));
  EXPECT_EQ((*holidays)[0].name_ko, "대체공휴일");
  EXPECT_EQ((*holidays)[0].kind, "substitute");
  EXPECT_EQ((*holidays)[1].name_en, "Chuseok");

  Result<void> repeated = calendar.ReplaceHolidays(
      {{Day(2021, 1, 1), "신정", "", ""}, {Day(2021, 1, 1), "신정", "", ""}});
  ASSERT_FALSE(repeated);
  EXPECT_EQ(repeated.error().code(), ErrorCode::kInvalidArgument);
  holidays = calendar.ListHolidays();
  ASSERT_TRUE(holidays);
  EXPECT_EQ(holidays->size(), 2u);
}

TEST_P(StorageTest, AddsClosuresForTheOrganisationOrOneDepartment) {
  SeedProgramme(storage());
  auto& calendar = storage().calendar();
  ASSERT_TRUE(calendar.AddClosure({Day(2021, 6, 2), "D02", "동 청사 이전"}));
  ASSERT_TRUE(calendar.AddClosure({Day(2021, 6, 2), "", "시민의 날"}));
  ASSERT_TRUE(calendar.AddClosure({Day(2021, 6, 1), "", "개청 기념"}));
  ASSERT_TRUE(calendar.AddClosure({Day(2021, 6, 2), "", "시민의 날 (변경)"}));

  Result<std::vector<campaign::Closure>> closures = calendar.ListClosures();

  ASSERT_TRUE(closures) << closures.error().message();
  ASSERT_EQ(closures->size(), 3u);
  EXPECT_EQ((*closures)[0].date, Day(2021, 6, 1));
  EXPECT_EQ((*closures)[1].department_code, "");
  EXPECT_EQ((*closures)[1].reason, "시민의 날 (변경)");
  EXPECT_EQ((*closures)[2].department_code, "D02");

  Result<void> unknown = calendar.AddClosure({Day(2021, 6, 3), "D99", "?"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kInvalidArgument);
}

// --- Campaigns --------------------------------------------------------------------------------

TEST_P(StorageTest, CreatesAndFindsCampaigns) {
  SeedProgramme(storage());
  auto& campaigns = storage().campaigns();

  Result<std::optional<campaign::Campaign>> found = campaigns.FindCampaign("C2021");

  ASSERT_TRUE(found) << found.error().message();
  ASSERT_TRUE(found->has_value());
  const campaign::Campaign& campaign = **found;
  EXPECT_EQ(campaign.name, "2021 친절도 평가");
  EXPECT_EQ(campaign.start, Day(2021, 5, 17));
  EXPECT_EQ(campaign.end, Day(2021, 9, 16));
  EXPECT_EQ(campaign.lunch, campaign::LunchPolicy::kAvoid);
  ASSERT_EQ(campaign.rounds.size(), 2u);
  EXPECT_EQ(campaign.rounds[1].number, 2);
  EXPECT_EQ(campaign.rounds[1].start, Day(2021, 7, 17));
  EXPECT_EQ(campaign.rounds[1].end, Day(2021, 9, 16));

  Result<std::optional<campaign::Campaign>> missing = campaigns.FindCampaign("C1999");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());

  campaign::Campaign again = campaign;
  again.name = "중복";
  Result<void> duplicate = campaigns.CreateCampaign(again);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_NE(duplicate.error().message().find("C2021"), std::string::npos);
}

TEST_P(StorageTest, ListsCampaignsWithTheirEvaluationCounts) {
  SeedProgramme(storage());
  ASSERT_TRUE(storage().campaigns().CreateCampaign({"A2020",
                                                    "이전 평가",
                                                    Day(2020, 5, 1),
                                                    Day(2020, 6, 30),
                                                    2,
                                                    0,
                                                    campaign::LunchPolicy::kSeparate,
                                                    {{1, Day(2020, 5, 1), Day(2020, 6, 30)}}}));
  Evaluation approved = SampleEvaluation("EV-1");
  Evaluation same_employee = SampleEvaluation("EV-2");
  Evaluation other_employee = SampleEvaluation("EV-3");
  other_employee.employee_no = "E003";
  other_employee.department_code = "D02";
  Evaluation unanswered = SampleEvaluation("EV-4");
  unanswered.flags = {"UNANSWERED"};
  Score(unanswered, TestRubric(1));
  Evaluation submitted = SampleEvaluation("EV-5");
  submitted.state = ReviewState::kSubmitted;
  Evaluation returned = SampleEvaluation("EV-6");
  returned.state = ReviewState::kReturned;
  returned.review_reason = "녹음 누락";
  Evaluation voided = SampleEvaluation("EV-7");
  voided.state = ReviewState::kVoid;
  voided.review_reason = "통화 중 끊김";
  WriteEvaluations(storage(), {approved, same_employee, other_employee, unanswered, submitted,
                               returned, voided});

  Result<std::vector<campaign::CampaignSummary>> summaries = storage().campaigns().ListCampaigns();

  ASSERT_TRUE(summaries) << summaries.error().message();
  ASSERT_EQ(summaries->size(), 2u);
  const campaign::CampaignSummary& empty = (*summaries)[0];
  EXPECT_EQ(empty.campaign.code, "A2020");
  EXPECT_EQ(empty.campaign.lunch, campaign::LunchPolicy::kSeparate);
  EXPECT_EQ(empty.campaign.phone_per_round, 2);
  EXPECT_EQ(empty.campaign.rounds.size(), 1u);
  EXPECT_EQ(empty.evaluations, 0);
  EXPECT_EQ(empty.approved, 0);
  const campaign::CampaignSummary& full = (*summaries)[1];
  EXPECT_EQ(full.campaign.code, "C2021");
  EXPECT_EQ(full.campaign.rounds.size(), 2u);
  EXPECT_EQ(full.evaluations, 7);
  EXPECT_EQ(full.approved, 4);
  EXPECT_EQ(full.pending, 2);
  EXPECT_EQ(full.void_or_unanswered, 2);
  EXPECT_EQ(full.employees_evaluated, 2);
}

// --- Transactions -----------------------------------------------------------------------------

TEST_P(StorageTest, RollsBackEverythingWhenTheWorkFails) {
  SeedProgramme(storage());

  Result<void> outcome = storage().InTransaction([&]() -> Result<void> {
    if (Result<void> saved = storage().organisation().SaveDepartments(
            {{"D10", "새 부서", org::DepartmentGroup::kHq}});
        !saved) {
      return saved;
    }
    Result<std::unique_ptr<evaluation::EvaluationWriter>> writer =
        storage().evaluations().OpenWriter();
    if (!writer) return writer.error();
    if (Result<void> added = (*writer)->Add(SampleEvaluation("EV-1"), 2); !added) return added;
    Result<std::vector<FieldViolation>> finished = (*writer)->Finish();
    if (!finished) return finished.error();
    if (Result<void> user = storage().users().AddUser(
            {0, "admin", "$argon2id$x", auth::Role::kAdmin, "", "", "", true, ""});
        !user) {
      return user;
    }
    return Failure();
  });

  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(outcome.error().message(), "the work failed");
  Result<std::vector<org::Department>> departments = storage().organisation().ListDepartments();
  ASSERT_TRUE(departments);
  EXPECT_EQ(departments->size(), 2u);
  EXPECT_TRUE(ReadEvaluations(storage(), "C2021").empty());
  Result<std::optional<auth::User>> user = storage().users().FindUser("admin");
  ASSERT_TRUE(user);
  EXPECT_FALSE(user->has_value());
}

TEST_P(StorageTest, CommitsTheWorkAndKeepsTheTransactionUsableAfterAFailedMethod) {
  SeedProgramme(storage());

  Result<void> outcome = storage().InTransaction([&]() -> Result<void> {
    Result<void> refused =
        storage().organisation().SaveEmployees({{"E100", "홍길동", "D99", "", "", false, true}});
    if (refused) return Internal("an unknown department was accepted");
    Result<void> duplicate = storage().campaigns().CreateCampaign({"C2021",
                                                                   "중복",
                                                                   Day(2021, 1, 4),
                                                                   Day(2021, 1, 8),
                                                                   1,
                                                                   1,
                                                                   campaign::LunchPolicy::kAllow,
                                                                   {}});
    if (duplicate) return Internal("a duplicate campaign was accepted");
    return storage().organisation().SaveDepartments(
        {{"D10", "새 부서", org::DepartmentGroup::kHq}});
  });

  ASSERT_TRUE(outcome) << outcome.error().message();
  Result<std::vector<org::Department>> departments = storage().organisation().ListDepartments();
  ASSERT_TRUE(departments);
  EXPECT_EQ(departments->size(), 3u);
}

TEST_P(StorageTest, RefusesNestedTransactions) {
  Result<void> outcome = storage().InTransaction([&]() -> Result<void> {
    return storage().InTransaction([]() -> Result<void> { return Ok(); });
  });

  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code(), ErrorCode::kInternal);
  // The storage is still usable afterwards.
  EXPECT_TRUE(storage().InTransaction([]() -> Result<void> { return Ok(); }));
}

// --- Evaluations ------------------------------------------------------------------------------

TEST_P(StorageTest, WritesEvaluationsAndReadsThemBackInCodeOrder) {
  SeedProgramme(storage());
  Evaluation full = SampleEvaluation("EV-002");
  full.notes = "탭\t줄바꿈\n역슬래시\\ 캐리지\r 끝 \\N";
  full.flags = {"LUNCH_HOUR", "ANSWERED_BY_COLLEAGUE"};
  full.employee_no = "E002";
  full.performed_at = {Day(2021, 8, 2), 12, 15, 30};
  full.round = 2;
  full.observations = TestObservations(5, true, 3, false);  // apology tier, P04 left out
  Score(full, TestRubric(1));
  Evaluation capped = SampleEvaluation("EV-010");
  capped.observations = TestObservations(7, false, 1, true);  // zero on the critical item
  Score(capped, TestRubric(1));
  ASSERT_TRUE(capped.score->capped);
  Evaluation visit = SampleEvaluation("EV-001");
  visit.channel = Channel::kVisit;
  visit.scenario_code = "S02";
  visit.monitor_code = "M02";
  visit.employee_no = "E003";
  visit.department_code = "D02";
  visit.state = ReviewState::kReturned;
  visit.review_reason = "점수 재확인 필요";
  Evaluation unanswered = SampleEvaluation("EV-003");
  unanswered.flags = {"UNANSWERED"};
  Score(unanswered, TestRubric(1));
  ASSERT_FALSE(unanswered.score.has_value());
  WriteEvaluations(storage(), {full, capped, visit, unanswered});

  std::vector<Evaluation> read = ReadEvaluations(storage(), "C2021");

  ASSERT_EQ(read.size(), 4u);
  ExpectSameEvaluation(read[0], visit);
  ExpectSameEvaluation(read[1], full);
  ExpectSameEvaluation(read[2], unanswered);
  ExpectSameEvaluation(read[3], capped);
  std::set<std::int64_t> ids;
  for (const Evaluation& evaluation : read) ids.insert(evaluation.id);
  EXPECT_EQ(ids.size(), 4u);
  EXPECT_EQ(ids.count(0), 0u);
}

TEST_P(StorageTest, ReportsDuplicateCodesWithTheirLines) {
  SeedProgramme(storage());
  WriteEvaluations(storage(), {SampleEvaluation("EV-1")});

  std::vector<FieldViolation> conflicts;
  Result<void> outcome = storage().InTransaction([&]() -> Result<void> {
    Result<std::unique_ptr<evaluation::EvaluationWriter>> writer =
        storage().evaluations().OpenWriter();
    if (!writer) return writer.error();
    const std::vector<std::pair<long, std::string>> rows = {
        {2, "EV-2"}, {3, "EV-1"}, {4, "EV-3"}, {5, "EV-2"}, {7, "EV-4"}};
    for (const auto& [line, code] : rows) {
      Result<void> added = (*writer)->Add(SampleEvaluation(code), line);
      if (added) continue;
      // A conflict found at once (SQLite): the writer stays usable.
      if (added.error().code() != ErrorCode::kAlreadyExists) return added;
      EXPECT_NE(added.error().message().find("line " + std::to_string(line)), std::string::npos)
          << added.error().message();
      for (const FieldViolation& violation : added.error().violations()) {
        conflicts.push_back(violation);
      }
    }
    Result<std::vector<FieldViolation>> finished = (*writer)->Finish();
    if (!finished) return finished.error();
    conflicts.insert(conflicts.end(), finished->begin(), finished->end());
    return conflicts.empty() ? Ok() : Error(ErrorCode::kAlreadyExists, "conflicts");
  });

  ASSERT_FALSE(outcome);
  ASSERT_EQ(conflicts.size(), 2u) << conflicts.front().message;
  EXPECT_EQ(conflicts[0].line, 3);
  EXPECT_EQ(conflicts[0].field, "evaluation_code");
  EXPECT_NE(conflicts[0].message.find("EV-1"), std::string::npos) << conflicts[0].message;
  EXPECT_EQ(conflicts[1].line, 5);
  EXPECT_NE(conflicts[1].message.find("EV-2"), std::string::npos) << conflicts[1].message;
  std::vector<Evaluation> stored = ReadEvaluations(storage(), "C2021");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].code, "EV-1");
}

TEST_P(StorageTest, WriterRefusesUnknownCodesNamingTheLine) {
  SeedProgramme(storage());
  Result<void> outcome = storage().InTransaction([&]() -> Result<void> {
    Result<std::unique_ptr<evaluation::EvaluationWriter>> writer =
        storage().evaluations().OpenWriter();
    if (!writer) return writer.error();
    Evaluation stranger = SampleEvaluation("EV-1");
    stranger.monitor_code = "M99";
    return (*writer)->Add(stranger, 42);
  });

  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(outcome.error().violations().size(), 1u);
  EXPECT_EQ(outcome.error().violations()[0].field, "monitor_code");
  EXPECT_EQ(outcome.error().violations()[0].line, 42);
}

TEST_P(StorageTest, WriterOutsideATransactionCommitsAtFinish) {
  SeedProgramme(storage());
  {
    Result<std::unique_ptr<evaluation::EvaluationWriter>> writer =
        storage().evaluations().OpenWriter();
    ASSERT_TRUE(writer) << writer.error().message();
    ASSERT_TRUE((*writer)->Add(SampleEvaluation("EV-1"), 2));
    Result<std::vector<FieldViolation>> finished = (*writer)->Finish();
    ASSERT_TRUE(finished) << finished.error().message();
    EXPECT_TRUE(finished->empty());
  }
  {
    // Dropped unfinished: nothing of it stays.
    Result<std::unique_ptr<evaluation::EvaluationWriter>> writer =
        storage().evaluations().OpenWriter();
    ASSERT_TRUE(writer) << writer.error().message();
    ASSERT_TRUE((*writer)->Add(SampleEvaluation("EV-2"), 2));
  }
  std::vector<Evaluation> stored = ReadEvaluations(storage(), "C2021");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].code, "EV-1");
}

TEST_P(StorageTest, OpensOneWriterAtATime) {
  SeedProgramme(storage());
  Result<void> outcome = storage().InTransaction([&]() -> Result<void> {
    Result<std::unique_ptr<evaluation::EvaluationWriter>> first =
        storage().evaluations().OpenWriter();
    if (!first) return first.error();
    Result<std::unique_ptr<evaluation::EvaluationWriter>> second =
        storage().evaluations().OpenWriter();
    if (second) return Internal("a second writer opened");
    EXPECT_EQ(second.error().code(), ErrorCode::kFailedPrecondition);
    if (Result<void> added = (*first)->Add(SampleEvaluation("EV-1"), 2); !added) return added;
    Result<std::vector<FieldViolation>> finished = (*first)->Finish();
    if (!finished) return finished.error();
    Result<std::unique_ptr<evaluation::EvaluationWriter>> third =
        storage().evaluations().OpenWriter();
    if (!third) return third.error();
    if (Result<void> added = (*third)->Add(SampleEvaluation("EV-2"), 2); !added) return added;
    Result<std::vector<FieldViolation>> done = (*third)->Finish();
    if (!done) return done.error();
    return Ok();
  });

  ASSERT_TRUE(outcome) << outcome.error().message();
  EXPECT_EQ(ReadEvaluations(storage(), "C2021").size(), 2u);
}

TEST_P(StorageTest, AnUnfinishedWriterLeavesTheDatabaseUsable) {
  SeedProgramme(storage());
  Result<void> outcome = storage().InTransaction([&]() -> Result<void> {
    {
      Result<std::unique_ptr<evaluation::EvaluationWriter>> writer =
          storage().evaluations().OpenWriter();
      if (!writer) return writer.error();
      char code[16];
      for (int i = 0; i < 40000; ++i) {
        std::snprintf(code, sizeof code, "EV-%05d", i);
        if (Result<void> added = (*writer)->Add(SampleEvaluation(code), i + 2); !added) {
          return added;
        }
      }
    }
    return storage().organisation().SaveDepartments(
        {{"D10", "새 부서", org::DepartmentGroup::kHq}});
  });

  ASSERT_TRUE(outcome) << outcome.error().message();
  Result<std::vector<org::Department>> departments = storage().organisation().ListDepartments();
  ASSERT_TRUE(departments);
  EXPECT_EQ(departments->size(), 3u);
  EXPECT_TRUE(EmployeeIndexExists(url()));
  std::vector<Evaluation> before = ReadEvaluations(storage(), "C2021");
  WriteEvaluations(storage(), {SampleEvaluation("EV-new")});
  EXPECT_EQ(ReadEvaluations(storage(), "C2021").size(), before.size() + 1);
}

TEST_P(StorageTest, VisitsManyEvaluationsPageByPageAndStopsOnTheVisitorsError) {
  SeedProgramme(storage());
  constexpr int kCount = 2345;
  std::vector<Evaluation> evaluations;
  for (int i = 0; i < kCount; ++i) {
    // Written out of code order.
    const int number = (i * 7919) % kCount;
    char code[16];
    std::snprintf(code, sizeof code, "EV-%05d", number);
    evaluations.push_back(SampleEvaluation(code));
  }
  WriteEvaluations(storage(), evaluations);

  std::vector<std::string> codes;
  Result<void> visited = storage().evaluations().ForEachEvaluation(
      "C2021", [&](const Evaluation& evaluation) -> Result<void> {
        codes.push_back(evaluation.code);
        return Ok();
      });
  ASSERT_TRUE(visited) << visited.error().message();
  ASSERT_EQ(codes.size(), static_cast<std::size_t>(kCount));
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());

  int seen = 0;
  Result<void> stopped =
      storage().evaluations().ForEachEvaluation("C2021", [&](const Evaluation&) -> Result<void> {
        if (++seen == 1500) return FailedPrecondition("enough");
        return Ok();
      });
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(seen, 1500);

  Result<void> unknown = storage().evaluations().ForEachEvaluation(
      "C1999", [](const Evaluation&) -> Result<void> { return Ok(); });
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
}

TEST_P(StorageTest, ListsTheScoredContactsOfApprovedEvaluationsOnly) {
  SeedProgramme(storage());
  Evaluation phone = SampleEvaluation("EV-1");
  Evaluation visit = SampleEvaluation("EV-2");
  visit.channel = Channel::kVisit;
  visit.employee_no = "E003";
  visit.department_code = "D02";
  visit.monitor_code = "M02";
  visit.scenario_code = "S02";
  visit.performed_at = {Day(2021, 8, 3), 14, 0, 0};
  visit.round = 2;
  visit.observations = TestObservations(4, true, 5, true);
  Score(visit, TestRubric(1));
  Evaluation unanswered = SampleEvaluation("EV-3");
  unanswered.flags = {"UNANSWERED"};
  Score(unanswered, TestRubric(1));
  Evaluation submitted = SampleEvaluation("EV-4");
  submitted.state = ReviewState::kSubmitted;
  Evaluation voided = SampleEvaluation("EV-5");
  voided.state = ReviewState::kVoid;
  Evaluation draft = SampleEvaluation("EV-6");
  draft.state = ReviewState::kDraft;
  WriteEvaluations(storage(), {phone, visit, unanswered, submitted, voided, draft});

  Result<std::vector<evaluation::ScoredContact>> contacts =
      storage().evaluations().ListScoredContacts("C2021", std::nullopt);
  Result<evaluation::ContactKeys> keys = storage().evaluations().ListContactKeys();

  ASSERT_TRUE(contacts) << contacts.error().message();
  ASSERT_TRUE(keys) << keys.error().message();
  ASSERT_EQ(contacts->size(), 2u);
  // A release publishes the contacts made by its time: the visit of 3 August comes later.
  for (const auto& [until, expected] :
       {std::pair{LocalDateTime{Day(2021, 8, 3), 14, 0, 0}, 2u},
        std::pair{LocalDateTime{Day(2021, 8, 3), 13, 59, 59}, 1u}}) {
    Result<std::vector<evaluation::ScoredContact>> published =
        storage().evaluations().ListScoredContacts("C2021", until);
    ASSERT_TRUE(published) << published.error().message();
    EXPECT_EQ(published->size(), expected) << FormatLocalDateTime(until);
  }
  const auto name = [](const std::vector<std::pair<std::int64_t, std::string>>& list,
                       std::int64_t id) {
    for (const auto& [key, code] : list) {
      if (key == id) return code;
    }
    return std::string("?");
  };
  const evaluation::ScoredContact& first = (*contacts)[0];
  EXPECT_EQ(name(keys->employees, first.employee_id), "E001");
  EXPECT_EQ(name(keys->departments, first.department_id), "D01");
  EXPECT_EQ(name(keys->monitors, first.monitor_id), "M01");
  EXPECT_EQ(name(keys->scenarios, first.scenario_id), "S01");
  EXPECT_EQ(first.channel, Channel::kPhone);
  EXPECT_EQ(first.round, 1);
  EXPECT_EQ(first.day, DayNumber(Day(2021, 5, 20)));
  EXPECT_DOUBLE_EQ(first.score, phone.score->total);
  const evaluation::ScoredContact& second = (*contacts)[1];
  EXPECT_EQ(name(keys->employees, second.employee_id), "E003");
  EXPECT_EQ(name(keys->scenarios, second.scenario_id), "S02");
  EXPECT_EQ(second.channel, Channel::kVisit);
  EXPECT_EQ(second.round, 2);
  EXPECT_EQ(second.day, DayNumber(Day(2021, 8, 3)));
  EXPECT_DOUBLE_EQ(second.score, visit.score->total);
  EXPECT_NE(first.evaluation_id, second.evaluation_id);
  EXPECT_EQ(keys->employees.size(), 3u);
  EXPECT_EQ(keys->monitors.size(), 2u);
  EXPECT_EQ(keys->scenarios.size(), 2u);
  EXPECT_EQ(keys->departments.size(), 2u);

  Result<std::vector<evaluation::ScoredContact>> unknown =
      storage().evaluations().ListScoredContacts("C1999", std::nullopt);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
}

TEST_P(StorageTest, RescoresAndKeepsTheEarlierScores) {
  SeedProgramme(storage());
  const Evaluation original = SampleEvaluation("EV-1");
  WriteEvaluations(storage(), {original});
  const std::int64_t id = ReadEvaluations(storage(), "C2021").at(0).id;
  rubric::Rubric second = TestRubric(2);
  second.items[0].points = 15;
  second.items[1].points = 15;
  ASSERT_TRUE(storage().rubrics().SaveRubric(second));
  Result<rubric::ContactScore> rescored =
      rubric::ScoreContact(second, original.observations, original.flags);
  ASSERT_TRUE(rescored) << rescored.error().message();

  Result<void> done = storage().evaluations().Rescore(id, second, *rescored, "2021-10-01T09:00:00");

  ASSERT_TRUE(done) << done.error().message();
  Evaluation now = ReadEvaluations(storage(), "C2021").at(0);
  EXPECT_EQ(now.rubric_version, 2);
  ASSERT_TRUE(now.score.has_value());
  EXPECT_TRUE(*now.score == *rescored);
  EXPECT_TRUE(now.observations == original.observations);
  Result<std::vector<evaluation::ScoreHistoryEntry>> history =
      storage().evaluations().ScoreHistory(id);
  ASSERT_TRUE(history) << history.error().message();
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].rubric_code, "phone-test");
  EXPECT_EQ((*history)[0].rubric_version, 1);
  EXPECT_EQ((*history)[0].total, std::optional<double>(original.score->total));
  EXPECT_EQ((*history)[0].item_points, rubric::EncodeItemPoints(*original.score));
  EXPECT_FALSE((*history)[0].scored_at.empty());

  ASSERT_TRUE(
      storage().evaluations().Rescore(id, TestRubric(1), std::nullopt, "2021-10-02T09:00:00"));
  now = ReadEvaluations(storage(), "C2021").at(0);
  EXPECT_EQ(now.rubric_version, 1);
  EXPECT_FALSE(now.score.has_value());
  history = storage().evaluations().ScoreHistory(id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].rubric_version, 2);
  EXPECT_EQ((*history)[1].total, std::optional<double>(rescored->total));
  EXPECT_EQ((*history)[1].scored_at, "2021-10-01T09:00:00");
  Result<std::vector<evaluation::ScoredContact>> contacts =
      storage().evaluations().ListScoredContacts("C2021", std::nullopt);
  ASSERT_TRUE(contacts);
  EXPECT_TRUE(contacts->empty());

  Result<void> missing = storage().evaluations().Rescore(id + 1000, second, *rescored, "x");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  Result<void> unsaved = storage().evaluations().Rescore(id, TestRubric(7), *rescored, "x");
  ASSERT_FALSE(unsaved);
  EXPECT_EQ(unsaved.error().code(), ErrorCode::kInvalidArgument);
  Result<std::vector<evaluation::ScoreHistoryEntry>> no_history =
      storage().evaluations().ScoreHistory(id + 1000);
  ASSERT_FALSE(no_history);
  EXPECT_EQ(no_history.error().code(), ErrorCode::kNotFound);
}

// Bulk write through the writer: CHINJEOL_STORAGE_BULK_ROWS rows (default 20,000), timed.
TEST_P(StorageTest, WritesManyEvaluationsInBulk) {
  SeedProgramme(storage());
  const char* rows_env = std::getenv("CHINJEOL_STORAGE_BULK_ROWS");
  const long rows = rows_env != nullptr ? std::atol(rows_env) : 20000;
  std::vector<Evaluation> templates;
  for (int rings : {1, 4, 7}) {
    Evaluation evaluation = SampleEvaluation("");
    evaluation.observations = TestObservations(rings, rings < 7, 1 + rings % 5, rings != 4);
    Score(evaluation, TestRubric(1));
    templates.push_back(evaluation);
  }
  const std::vector<std::string> employees = {"E001", "E002", "E003"};

  const auto start = std::chrono::steady_clock::now();
  Result<void> written = storage().InTransaction([&]() -> Result<void> {
    Result<std::unique_ptr<evaluation::EvaluationWriter>> writer =
        storage().evaluations().OpenWriter();
    if (!writer) return writer.error();
    char code[24];
    for (long i = 0; i < rows; ++i) {
      Evaluation& evaluation = templates[static_cast<std::size_t>(i % 3)];
      std::snprintf(code, sizeof code, "EV-%08ld", i);
      evaluation.code = code;
      evaluation.employee_no = employees[static_cast<std::size_t>(i / 3 % 3)];
      if (Result<void> added = (*writer)->Add(evaluation, i + 2); !added) return added;
    }
    Result<std::vector<FieldViolation>> finished = (*writer)->Finish();
    if (!finished) return finished.error();
    return finished->empty() ? Ok() : Internal(finished->front().message);
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  ASSERT_TRUE(written) << written.error().message();
  EXPECT_TRUE(EmployeeIndexExists(url()));
  std::cout << "[ bulk     ] " << GetParam() << ": " << rows << " evaluations in " << seconds
            << " s (" << static_cast<long>(static_cast<double>(rows) / seconds) << " rows/s)\n";
  Result<std::vector<evaluation::ScoredContact>> contacts =
      storage().evaluations().ListScoredContacts("C2021", std::nullopt);
  ASSERT_TRUE(contacts) << contacts.error().message();
  EXPECT_EQ(static_cast<long>(contacts->size()), rows);
}

// --- Users ------------------------------------------------------------------------------------

TEST_P(StorageTest, AddsAndFindsUsersWithWhatTheyAreTiedTo) {
  SeedProgramme(storage());
  auto& users = storage().users();
  ASSERT_TRUE(
      users.AddUser({0, "admin", "$argon2id$v=19$a", auth::Role::kAdmin, "", "", "", true, ""}));
  ASSERT_TRUE(users.AddUser(
      {0, "kim", "$argon2id$v=19$b", auth::Role::kEmployee, "E001", "", "", true, ""}));
  ASSERT_TRUE(users.AddUser(
      {0, "monitor1", "$argon2id$v=19$c", auth::Role::kMonitor, "", "M01", "", false, ""}));
  ASSERT_TRUE(users.AddUser(
      {0, "부서장", "$argon2id$v=19$d", auth::Role::kDepartmentHead, "", "", "D02", true, ""}));

  Result<std::optional<auth::User>> kim = users.FindUser("kim");
  ASSERT_TRUE(kim) << kim.error().message();
  ASSERT_TRUE(kim->has_value());
  EXPECT_GT((*kim)->id, 0);
  EXPECT_EQ((*kim)->password_hash, "$argon2id$v=19$b");
  EXPECT_EQ((*kim)->role, auth::Role::kEmployee);
  EXPECT_EQ((*kim)->employee_no, "E001");
  EXPECT_EQ((*kim)->monitor_code, "");
  EXPECT_TRUE((*kim)->active);
  Result<std::optional<auth::User>> monitor = users.FindUser("monitor1");
  ASSERT_TRUE(monitor && monitor->has_value());
  EXPECT_EQ((*monitor)->monitor_code, "M01");
  EXPECT_FALSE((*monitor)->active);
  Result<std::optional<auth::User>> head = users.FindUser("부서장");
  ASSERT_TRUE(head && head->has_value());
  EXPECT_EQ((*head)->role, auth::Role::kDepartmentHead);
  EXPECT_EQ((*head)->department_code, "D02");
  Result<std::optional<auth::User>> nobody = users.FindUser("nobody");
  ASSERT_TRUE(nobody);
  EXPECT_FALSE(nobody->has_value());

  Result<void> taken =
      users.AddUser({0, "kim", "$argon2id$v=19$e", auth::Role::kAdmin, "", "", "", true, ""});
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code(), ErrorCode::kAlreadyExists);
  // The database's own words and the statement are for the operator's log, not for people.
  for (const char* inside : {"INSERT", "users", "UNIQUE", "unique", "constraint", "[sql"}) {
    EXPECT_EQ(taken.error().message().find(inside), std::string::npos) << taken.error().message();
  }
  EXPECT_NE(taken.error().detail().find("INSERT"), std::string::npos) << taken.error().detail();
  Result<void> unknown = users.AddUser(
      {0, "ghost", "$argon2id$v=19$f", auth::Role::kEmployee, "E999", "", "", true, ""});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(unknown.error().violations().size(), 1u);
  EXPECT_EQ(unknown.error().violations()[0].field, "employee-no");
}

INSTANTIATE_TEST_SUITE_P(Engines, StorageTest, ::testing::Values("sqlite", "postgres"), EngineName);

}  // namespace
}  // namespace chinjeol::storage::testing
