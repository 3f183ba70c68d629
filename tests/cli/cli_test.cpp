// The command line end to end, through the real adapters (SQLite files in a temporary folder,
// and the same tests against PostgreSQL when CHINJEOL_TEST_PG_URL is set).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "adapters/files/csv_table_source.hpp"
#include "adapters/files/table_files.hpp"
#include "adapters/files/xlsx_table_sink.hpp"
#include "adapters/storage/storage_factory.hpp"
#include "core/publication/coaching.hpp"
#include "core/publication/results.hpp"
#include "tests/cli/cli_test_support.hpp"
#include "tests/support/test_databases.hpp"

namespace chinjeol::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kRoster =
    "employee_no,name,department_code,department_name,group,position,phone,counter\n"
    "E001,김민준,D01,민원지적과,hq,주무관,031-538-2001,1\n"
    "E002,이서연,D01,민원지적과,hq,팀장,031-538-2002,0\n"
    "E003,박지훈,T01,신북면,town,주무관,031-538-3001,1\n"
    "E004,최예은,T01,신북면,읍면동,주무관,031-538-3002,1\n";

constexpr const char* kMonitors =
    "monitor_code,name,gender,age_band,phone_per_day,visit_per_day,available_from,available_to\n"
    "M01,한지민,여,30대,12,4,2021-05-17,2021-09-16\n"
    "M02,오세훈,남,40대,10,3,,\n"
    "M03,서윤아,여,20대,12,4,,\n";

constexpr const char* kScenarios =
    "scenario_code,department_code,channel,title,script,abusive\n"
    "S-P1,D01,phone,토지 분할 측량 문의,처음 문의하는 시민,0\n"
    "S-V1,T01,visit,전입신고 방문,창구를 방문한다,0\n"
    "S-G1,*,phone,담당 부서 문의,담당 부서를 모르는 시민,0\n"
    "S-GV,*,visit,서식 작성 문의,창구에서 서식 작성법을 묻는다,0\n"
    "S-X1,*,phone,폭언 민원인 (교육용),교육 전용,1\n";

constexpr const char* kEvaluationHeader =
    "evaluation_code,campaign,employee_no,department_code,monitor_code,scenario_code,channel,"
    "performed_at,rubric,flags,P01,P02,P03,P04,P05,P06,P07,P08,P09,P10,P11,P12\n";
// A perfect call (100 points) and one whose points are worked out by hand below (59.25).
constexpr const char* kPerfectCall =
    "C-001,CAMP,E001,D01,M01,S-P1,phone,2021-05-18T10:05:00,phone-default,,2,"
    "greeting;department;name,na,5,5,5,5,5,1,1,1,5\n";
constexpr const char* kMixedCall =
    "C-002,CAMP,E003,,M02,S-G1,phone,2021-06-01 14:30,,LUNCH_HOUR,4a,greeting;name,"
    "names_target,4,3,2,5,1,0,1,1,4\n";

class CliTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override { CHINJEOL_OPEN_TEST_DATABASE(database_, GetParam()); }

  const std::string& db() const { return database_->url(); }

  CliRun Run(const std::vector<std::string>& args, const std::string& input = "") {
    return RunChinjeol(db(), args, input);
  }

  // Roster, monitors, scenarios and the campaign CAMP (17 May - 16 Sep 2021, two rounds).
  void SetUpProgramme() {
    ASSERT_EQ(Run({"import", "roster", folder_.Write("roster.csv", kRoster)}).status, 0);
    ASSERT_EQ(Run({"import", "monitors", folder_.Write("monitors.csv", kMonitors)}).status, 0);
    ASSERT_EQ(Run({"import", "scenarios", folder_.Write("scenarios.csv", kScenarios)}).status, 0);
    const CliRun created = Run({"campaign", "create", "--code", "CAMP", "--name", "2021 평가",
                                "--start", "2021-05-17", "--end", "2021-09-16"});
    ASSERT_EQ(created.status, 0) << created.err;
  }

  std::unique_ptr<ports::Storage> OpenDatabase() {
    Result<std::unique_ptr<ports::Storage>> storage = storage::OpenStorage(db());
    EXPECT_TRUE(storage) << storage.error().message();
    return std::move(*storage);
  }

  long CountEvaluations() {
    auto storage = OpenDatabase();
    long count = 0;
    Result<void> visited = storage->evaluations().ForEachEvaluation(
        "CAMP", [&](const evaluation::Evaluation&) -> Result<void> {
          ++count;
          return Ok();
        });
    EXPECT_TRUE(visited);
    return count;
  }

  std::vector<evaluation::Evaluation> Evaluations() {
    auto storage = OpenDatabase();
    std::vector<evaluation::Evaluation> all;
    Result<void> visited = storage->evaluations().ForEachEvaluation(
        "CAMP", [&](const evaluation::Evaluation& e) -> Result<void> {
          all.push_back(e);
          return Ok();
        });
    EXPECT_TRUE(visited);
    return all;
  }

  TempFolder folder_;
  std::unique_ptr<TestDatabase> database_;
};

TEST_P(CliTest, ImportsTheRosterAndUpdatesItByEmployeeNumber) {
  const CliRun first = Run({"import", "roster", folder_.Write("roster.csv", kRoster)});
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("4행을 가져왔습니다"));
  EXPECT_THAT(first.out, HasSubstr("새로 new 4, 갱신 updated 0"));
  EXPECT_THAT(first.out, HasSubstr("새 부서 New departments: 2"));

  const CliRun second =
      Run({"import", "roster",
           folder_.Write(
               "again.csv",
               "employee_no,name,department_code,department_name,group,position,phone,counter\n"
               "E001,김민준,D01,민원지적과,hq,팀장,031-538-2001,1\n"
               "E005,정하늘,D01,민원지적과,hq,주무관,031-538-2005,0\n")});
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("새로 new 1, 갱신 updated 1"));

  auto storage = OpenDatabase();
  const auto employees = *storage->organisation().ListEmployees();
  ASSERT_EQ(employees.size(), 5u);
  EXPECT_EQ(employees[0].position, "팀장");
  EXPECT_TRUE(employees[1].active);  // not in the second file, kept without the flag

  ASSERT_EQ(Run({"import", "roster",
                 folder_.Write("again.csv",
                               "employee_no,name,department_code,"
                               "department_name,group,position,phone,counter\n"
                               "E001,김민준,D01,민원지적과,hq,팀장,,1\n"),
                 "--deactivate-missing"})
                .status,
            0);
  const auto after = *storage->organisation().ListEmployees();
  long active = 0;
  for (const auto& employee : after) active += employee.active ? 1 : 0;
  EXPECT_EQ(active, 1);
}

struct BadFile {
  const char* name;
  const char* text;
  const char* first_line;  // what the first line of the error must say
};

TEST_P(CliTest, RefusesEveryKindOfBadRosterRowAndWritesNothing) {
  const std::string header =
      "employee_no,name,department_code,department_name,group,position,phone,counter\n";
  const std::vector<BadFile> cases = {
      {"missing_column.csv",
       "employee_no,name,department_code,department_name,group,position,phone\nE1,a,D,d,hq,p,1\n",
       "missing_column.csv:1: column counter: required column is missing"},
      {"unknown_column.csv",
       "employee_no,name,department_code,department_name,group,position,phone,counter,rrn\n",
       "unknown_column.csv:1: column rrn: unknown column"},
      {"empty_no.csv", ",김,D01,민원지적과,hq,주무관,,1\n",
       "empty_no.csv:2: column employee_no: must not be empty"},
      {"empty_name.csv", "E1,,D01,민원지적과,hq,주무관,,1\n",
       "empty_name.csv:2: column name: must not be empty"},
      {"repeat.csv", "E1,김,D01,민원지적과,hq,주무관,,1\nE1,이,D01,민원지적과,hq,주무관,,1\n",
       "repeat.csv:3: column employee_no: \"E1\" appears again (first on line 2)"},
      {"group.csv", "E1,김,D01,민원지적과,city,주무관,,1\n",
       "group.csv:2: column group: must be hq, agency"},
      {"counter.csv", "E1,김,D01,민원지적과,hq,주무관,,maybe\n",
       "counter.csv:2: column counter: must be 1 or 0"},
      {"phone.csv", "E1,김,D01,민원지적과,hq,주무관,call me,1\n",
       "phone.csv:2: column phone: may hold digits"},
      {"rrn.csv", "E1,김,D01,민원지적과,hq,주무관,850101-1234567,1\n",
       "rrn.csv:2: column phone: looks like a resident registration number"},
      {"department.csv", "E1,김,D01,민원지적과,hq,주무관,,1\nE2,이,D01,민원과,hq,주무관,,1\n",
       "department.csv:3: column department_name: department D01 is \"민원지적과\" (hq) on line 2"},
      {"quote.csv", "E1,\"김,D01,민원지적과,hq,주무관,,1\n", "quote.csv:2"},
      {"no_rows.csv", "", "no_rows.csv: the file has a header but no rows"},
      {"euckr.csv", "E1,\xB1\xE8,D01,x,hq,p,,1\n", "euckr.csv:2"},
  };
  for (const BadFile& bad : cases) {
    const std::string text =
        std::string(bad.text).starts_with("employee_no") ? bad.text : header + bad.text;
    const CliRun run = Run({"import", "roster", folder_.Write(bad.name, text)});
    EXPECT_EQ(run.status, 2) << bad.name;
    EXPECT_THAT(run.err, StartsWith(std::string("chinjeol: ") + folder_.path().string() + "/" +
                                    bad.first_line))
        << run.err;
  }
  auto storage = OpenDatabase();
  EXPECT_TRUE(storage->organisation().ListEmployees()->empty());
  EXPECT_TRUE(storage->organisation().ListDepartments()->empty());
}

TEST_P(CliTest, ImportsMonitorsAndScenariosAndNamesTheirBadRows) {
  ASSERT_EQ(Run({"import", "roster", folder_.Write("roster.csv", kRoster)}).status, 0);
  const CliRun monitors = Run({"import", "monitors", folder_.Write("monitors.csv", kMonitors)});
  ASSERT_EQ(monitors.status, 0) << monitors.err;
  const CliRun scenarios = Run({"import", "scenarios", folder_.Write("scenarios.csv", kScenarios)});
  ASSERT_EQ(scenarios.status, 0) << scenarios.err;
  auto storage = OpenDatabase();
  const auto saved = *storage->organisation().ListScenarios();
  ASSERT_EQ(saved.size(), 5u);
  EXPECT_TRUE(saved[4].abusive);
  EXPECT_EQ((*storage->organisation().ListMonitors())[0].available_to, ParseDate("2021-09-16"));

  const std::string monitor_header =
      "monitor_code,name,gender,age_band,phone_per_day,visit_per_day,available_from,available_to\n";
  const std::vector<BadFile> monitor_cases = {
      {"m1.csv", "M9,박,여,30대,many,4,,\n",
       "m1.csv:2: column phone_per_day: must be a whole number"},
      {"m2.csv", "M9,박,여,30대,12,4,2021-13-01,\n",
       "m2.csv:2: column available_from: must be a date"},
      {"m3.csv", "M9,박,여,30대,12,4,2021-06-01,2021-05-01\n",
       "m3.csv:2: column available_to: is before available_from"},
      {"m4.csv", "M9,박,여,30대,12,-1,,\n",
       "m4.csv:2: column visit_per_day: must be a whole number from 0 to 50"},
  };
  for (const BadFile& bad : monitor_cases) {
    const CliRun run =
        Run({"import", "monitors", folder_.Write(bad.name, monitor_header + bad.text)});
    EXPECT_EQ(run.status, 2) << bad.name;
    EXPECT_THAT(run.err, HasSubstr(bad.first_line)) << run.err;
  }
  const std::string scenario_header = "scenario_code,department_code,channel,title,script\n";
  const std::vector<BadFile> scenario_cases = {
      {"s1.csv", "S9,D99,phone,t,s\n",
       "s1.csv:2: column department_code: unknown department \"D99\""},
      {"s2.csv", "S9,D01,email,t,s\n", "s2.csv:2: column channel: must be phone or visit"},
      {"s3.csv", "S9,D01,phone,,s\n", "s3.csv:2: column title: must not be empty"},
  };
  for (const BadFile& bad : scenario_cases) {
    const CliRun run =
        Run({"import", "scenarios", folder_.Write(bad.name, scenario_header + bad.text)});
    EXPECT_EQ(run.status, 2) << bad.name;
    EXPECT_THAT(run.err, HasSubstr(bad.first_line)) << run.err;
  }
  EXPECT_EQ(storage->organisation().ListMonitors()->size(), 3u);
  EXPECT_EQ(storage->organisation().ListScenarios()->size(), 5u);
}

TEST_P(CliTest, ImportsEvaluationsScoredFromTheirObservations) {
  SetUpProgramme();
  const CliRun run =
      Run({"import", "evaluations",
           folder_.Write("evals.csv", std::string(kEvaluationHeader) + kPerfectCall + kMixedCall)});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("2행을 가져왔습니다"));
  EXPECT_THAT(run.out, HasSubstr("LUNCH_HOUR: 1"));

  const auto evaluations = Evaluations();
  ASSERT_EQ(evaluations.size(), 2u);
  ASSERT_TRUE(evaluations[0].score);
  EXPECT_DOUBLE_EQ(evaluations[0].score->total, 100.0);
  EXPECT_EQ(evaluations[0].round, 1);
  EXPECT_EQ(evaluations[0].state, evaluation::ReviewState::kApproved);
  // 7 (4 rings, apologised) + 7 (greeting, name) + 4 (names target) + 7.5 + 7.5 + 2.5 + 10 + 0
  // + 0 + 5 + 5 + 3.75 = 59.25
  ASSERT_TRUE(evaluations[1].score);
  EXPECT_DOUBLE_EQ(evaluations[1].score->total, 59.25);
  EXPECT_EQ(evaluations[1].department_code, "T01");  // taken from the roster
  EXPECT_EQ(evaluations[1].performed_at.hour, 14);

  const CliRun scores = Run({"score", "CAMP"});
  ASSERT_EQ(scores.status, 0) << scores.err;
  EXPECT_THAT(scores.out, StartsWith("employee_no,name,department_code,contacts,raw_mean,adjusted,"
                                     "ci90_low,ci90_high,grade,p_S,p_A,p_B,p_C,uncertain\r\n"));
  EXPECT_THAT(scores.out, HasSubstr("E001,김민준,D01,1,100,"));
  EXPECT_THAT(scores.out, HasSubstr("E003,박지훈,T01,1,59.25,"));
  EXPECT_THAT(scores.out, HasSubstr("E002,이서연,D01,0,,"));
}

TEST_P(CliTest, SendsCriticalAndPendingEvaluationsToReviewAndLeavesUnansweredUnscored) {
  SetUpProgramme();
  const std::string rows =
      std::string(kEvaluationHeader) +
      "C-010,CAMP,E001,D01,M01,S-P1,phone,2021-05-18T10:05,,CRITICAL,2,greeting,na,1,1,1,1,1,0,0,0,"
      "1\n"
      "C-011,CAMP,E002,D01,M01,S-P1,phone,2021-05-18T10:15,,UNANSWERED,,,,,,,,,,,,\n"
      "C-012,CAMP,E002,D01,M02,S-P1,phone,2021-05-19T10:15,,VOID,,,,,,,,,,,,\n"
      "C-013,CAMP,E004,T01,M03,S-G1,phone,2021-05-20T11:00,,ANSWERED_BY_COLLEAGUE,3,,na,3,3,3,3,3,"
      "1,1,1,3\n";
  const CliRun run = Run({"import", "evaluations", folder_.Write("e.csv", rows)});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("검수 대기 In review: 1"));
  const auto evaluations = Evaluations();
  ASSERT_EQ(evaluations.size(), 4u);
  EXPECT_EQ(evaluations[0].state, evaluation::ReviewState::kSubmitted);
  EXPECT_FALSE(evaluations[1].score);
  EXPECT_FALSE(evaluations[2].score);
  ASSERT_TRUE(evaluations[3].score);
  EXPECT_EQ(evaluations[3].employee_no, "E004");

  const std::string pending = std::string(kEvaluationHeader) + kPerfectCall;
  ASSERT_EQ(Run({"import", "evaluations", folder_.Write("p.csv", pending), "--pending"}).status, 0);
  EXPECT_EQ(Evaluations().at(0).state, evaluation::ReviewState::kSubmitted);
}

TEST_P(CliTest, NamesEveryBadEvaluationRowAndImportsNothing) {
  SetUpProgramme();
  const std::string good = kPerfectCall;
  const auto row = [](const std::string& replace_from, const std::string& replace_to) {
    std::string text = kPerfectCall;
    text.replace(text.find(replace_from), replace_from.size(), replace_to);
    return text;
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {row("C-001,CAMP", ",CAMP"), "column evaluation_code: must not be empty"},
      {row(",CAMP,", ",NOPE,"), "column campaign: unknown campaign \"NOPE\""},
      {row("E001", "E999"), "column employee_no: unknown employee \"E999\""},
      {row("E001,D01", "E001,T01"), "column department_code: employee E001 belongs to D01"},
      {row("M01", "M99"), "column monitor_code: unknown monitor \"M99\""},
      {row("S-P1", "S-V1"), "column scenario_code: scenario S-V1 is for visit contacts"},
      {row("S-P1", "S-ZZ"), "column scenario_code: unknown scenario \"S-ZZ\""},
      {row("S-P1,phone", "S-P1,visit"), "column channel: is visit but rubric phone-default"},
      {row("2021-05-18T10:05:00", "18.05.2021"), "column performed_at: must be a local time"},
      {row("2021-05-18T10:05:00", "2021-10-01T10:00"),
       "column performed_at: 2021-10-01T10:00 is outside campaign CAMP"},
      {row("phone-default,", "visit-default,"),
       "column rubric: is \"visit-default\" but this file holds phone-default"},
      {row("phone-default,,", "phone-default,RUDE,"), "column flags: unknown flag \"RUDE\""},
      {row("phone-default,,", "phone-default,VOID;VOID,"),
       "column flags: flag VOID is given twice"},
      {row(",2,greeting", ",x,greeting"), "column P01:"},
      {row("greeting;department;name", "greeting;smile"), "column P02:"},
      {row("na,5,5", "na,6,5"), "column P04:"},
      {row("5,1,1,1,5", "5,2,1,1,5"), "column P09:"},
      {row(",2,greeting", ",na,greeting"), "column P01:"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string name = "bad" + std::to_string(i) + ".csv";
    // The bad row sits on line 3, after a good one.
    std::string good_row = good;
    good_row.replace(0, 5, "C-100");
    const CliRun run =
        Run({"import", "evaluations",
             folder_.Write(name, std::string(kEvaluationHeader) + good_row + cases[i].first)});
    EXPECT_EQ(run.status, 2) << cases[i].second;
    EXPECT_THAT(run.err, StartsWith("chinjeol: " + (folder_.path() / name).string() +
                                    ":3: " + cases[i].second))
        << run.err;
  }
  EXPECT_EQ(CountEvaluations(), 0);
}

TEST_P(CliTest, RefusesBadEvaluationHeadersAndRepeatedCodes) {
  SetUpProgramme();
  const std::string header = kEvaluationHeader;
  const CliRun extra = Run(
      {"import", "evaluations",
       folder_.Write("extra.csv",
                     header.substr(0, header.size() - 1) + ",P13\n" +
                         std::string(kPerfectCall).substr(0, std::string(kPerfectCall).size() - 1) +
                         ",1\n")});
  EXPECT_EQ(extra.status, 2);
  EXPECT_THAT(extra.err,
              HasSubstr("extra.csv:1: column P13: rubric phone-default has no item \"P13\""));

  const std::string without_p12 =
      "evaluation_code,campaign,employee_no,department_code,monitor_code,"
      "scenario_code,channel,performed_at,rubric,flags,P01,P02,P03,P04,P05,P06,P07,P08,P09,P10,"
      "P11\n"
      "C-1,CAMP,E001,D01,M01,S-P1,phone,2021-05-18T10:05,,,2,greeting,na,5,5,5,5,5,1,1,1\n";
  const CliRun missing = Run({"import", "evaluations", folder_.Write("missing.csv", without_p12)});
  EXPECT_EQ(missing.status, 2);
  EXPECT_THAT(
      missing.err,
      HasSubstr("missing.csv:1: column P12: item column of rubric phone-default is missing"));

  const std::string twice = header + kPerfectCall + kPerfectCall;
  const CliRun repeated = Run({"import", "evaluations", folder_.Write("twice.csv", twice)});
  EXPECT_EQ(repeated.status, 2);
  EXPECT_THAT(repeated.err, HasSubstr("twice.csv:3: column evaluation_code:"));
  EXPECT_EQ(CountEvaluations(), 0);

  ASSERT_EQ(Run({"import", "evaluations", folder_.Write("once.csv", header + kPerfectCall)}).status,
            0);
  const CliRun again = Run(
      {"import", "evaluations", folder_.Write("again.csv", header + kMixedCall + kPerfectCall)});
  EXPECT_EQ(again.status, 2);
  EXPECT_THAT(again.err, HasSubstr("again.csv:3: column evaluation_code:"));
  EXPECT_EQ(CountEvaluations(), 1);
}

TEST_P(CliTest, ImportsXlsxFilesWithSheetRowNumbersInErrors) {
  SetUpProgramme();
  const std::string path = (folder_.path() / "evals.xlsx").string();
  {
    Result<std::unique_ptr<files::XlsxTableSink>> sink =
        files::XlsxTableSink::Create(path, "평가결과");
    ASSERT_TRUE(sink);
    Result<std::unique_ptr<files::CsvTableSource>> rows = files::CsvTableSource::FromText(
        "rows", std::string(kEvaluationHeader) + kPerfectCall + kMixedCall);
    ASSERT_TRUE(rows);
    ASSERT_TRUE((*sink)->Header((*rows)->header()));
    tables::TableRow row;
    while (*(*rows)->Next(row)) {
      std::vector<tables::Cell> cells;
      for (const std::string& cell : row.cells) {
        // Numbers as numbers, as a spreadsheet holds them.
        if (!cell.empty() && cell.find_first_not_of("0123456789") == std::string::npos) {
          cells.emplace_back(static_cast<std::int64_t>(std::stoll(cell)));
        } else {
          cells.emplace_back(cell);
        }
      }
      ASSERT_TRUE((*sink)->Row(cells));
    }
    ASSERT_TRUE((*sink)->Finish());
  }
  const CliRun run = Run({"import", "evaluations", path});
  ASSERT_EQ(run.status, 0) << run.err;
  const auto evaluations = Evaluations();
  ASSERT_EQ(evaluations.size(), 2u);
  EXPECT_DOUBLE_EQ(evaluations[1].score->total, 59.25);

  const std::string roster = (folder_.path() / "bad-roster.xlsx").string();
  {
    auto sink = *files::XlsxTableSink::Create(roster, "직원");
    ASSERT_TRUE(sink->Header({"employee_no", "name", "department_code", "department_name", "group",
                              "position", "phone", "counter"}));
    ASSERT_TRUE(sink->Row({std::string("E010"), std::string("강하늘"), std::string("D01"),
                           std::string("민원지적과"), std::string("hq"), std::string("주무관"),
                           std::string("031-538-2010"), std::int64_t{1}}));
    ASSERT_TRUE(sink->Row({std::string("E011"), std::string("윤서아"), std::string("D01"),
                           std::string("민원지적과"), std::string("province"),
                           std::string("주무관"), std::string(""), std::int64_t{0}}));
    ASSERT_TRUE(sink->Finish());
  }
  const CliRun bad = Run({"import", "roster", roster});
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.err, StartsWith("chinjeol: " + roster + ":3: column group:"));
}

TEST_P(CliTest, CreatesCampaignsAndRefusesBadOnes) {
  const CliRun created =
      Run({"campaign", "create", "--code", "POC-2021", "--name", "포천시 2021", "--start",
           "2021-05-17", "--end", "2021-09-16", "--rounds", "2", "--lunch", "separate"});
  ASSERT_EQ(created.status, 0) << created.err;
  EXPECT_THAT(created.out, HasSubstr("1회차 round 1: 2021-05-17 ~ 2021-07-15"));
  EXPECT_THAT(created.out, HasSubstr("2회차 round 2: 2021-07-16 ~ 2021-09-16"));

  const CliRun listed = Run({"campaigns"});
  EXPECT_THAT(listed.out, HasSubstr("POC-2021"));
  EXPECT_THAT(listed.out, HasSubstr("2021-05-17 ~ 2021-09-16"));

  EXPECT_EQ(Run({"campaign", "create", "--code", "POC-2021", "--name", "again", "--start",
                 "2021-05-17", "--end", "2021-09-16"})
                .status,
            2);
  const CliRun backwards = Run({"campaign", "create", "--code", "X", "--name", "x", "--start",
                                "2021-09-16", "--end", "2021-05-17"});
  EXPECT_EQ(backwards.status, 2);
  EXPECT_THAT(backwards.err, HasSubstr("column end: must not be before the start 2021-09-16"));
  const CliRun bad_date = Run({"campaign", "create", "--code", "X", "--name", "x", "--start",
                               "2021-02-30", "--end", "2021-05-17", "--lunch", "never"});
  EXPECT_EQ(bad_date.status, 2);
  EXPECT_THAT(bad_date.err, HasSubstr("column --start: must be a date"));
  EXPECT_THAT(bad_date.err, HasSubstr("column --lunch: must be avoid, allow or separate"));
  EXPECT_EQ(Run({"campaign", "create", "--code", "X"}).status, 2);  // missing options
}

TEST_P(CliTest, ExportsEvaluationsAsCsvJsonAndXlsxThatReadBack) {
  SetUpProgramme();
  ASSERT_EQ(
      Run({"import", "evaluations",
           folder_.Write("e.csv", std::string(kEvaluationHeader) + kPerfectCall + kMixedCall)})
          .status,
      0);
  const std::string csv = (folder_.path() / "out.csv").string();
  ASSERT_EQ(Run({"export", "evaluations", "CAMP", "--format", "csv", "--out", csv}).status, 0);
  std::ifstream csv_file(csv, std::ios::binary);
  std::stringstream csv_text;
  csv_text << csv_file.rdbuf();
  EXPECT_THAT(csv_text.str(), StartsWith("\xEF\xBB\xBF"
                                         "evaluation_code,campaign,employee_no"));

  for (const std::string format : {"csv", "xlsx"}) {
    const std::string path = (folder_.path() / ("out." + format)).string();
    ASSERT_EQ(Run({"export", "evaluations", "CAMP", "--format", format, "--out", path}).status, 0);
    auto source = *files::OpenTableSource(path);
    const auto& header = source->header();
    const auto column = [&](const std::string& name) {
      return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) -
                                      header.begin());
    };
    tables::TableRow row;
    ASSERT_TRUE(*source->Next(row));
    EXPECT_EQ(row.cells[column("evaluation_code")], "C-001");
    EXPECT_EQ(row.cells[column("P02")], "greeting;department;name");
    EXPECT_EQ(row.cells[column("score")], "100");
    EXPECT_EQ(row.cells[column("state")], "approved");
    ASSERT_TRUE(*source->Next(row));
    EXPECT_EQ(row.cells[column("P01")], "4a");
    EXPECT_EQ(row.cells[column("score")], "59.25");
    EXPECT_EQ(row.cells[column("stage_opening")], "14");
    EXPECT_EQ(row.cells[column("flags")], "LUNCH_HOUR");
    EXPECT_FALSE(*source->Next(row));
  }
  const CliRun json = Run({"export", "evaluations", "CAMP", "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"evaluation_code\":\"C-002\""));
  EXPECT_THAT(json.out, HasSubstr("\"score\":59.25"));

  EXPECT_EQ(Run({"export", "evaluations", "NOPE", "--format", "csv"}).status, 2);
  EXPECT_EQ(Run({"export", "scores", "CAMP", "--format", "xlsx"}).status, 2);  // needs --out
  const std::string scores = (folder_.path() / "scores.xlsx").string();
  ASSERT_EQ(Run({"export", "scores", "CAMP", "--format", "xlsx", "--out", scores}).status, 0);
  auto source = *files::OpenTableSource(scores);
  EXPECT_EQ(source->header().at(4), "raw_mean");
}

TEST_P(CliTest, AddsUsersWithArgon2idHashesAndRefusesWeakOrUnboundOnes) {
  SetUpProgramme();
  const CliRun weak = Run({"user", "add", "--login", "admin", "--role", "admin"}, "short\n");
  EXPECT_EQ(weak.status, 2);
  EXPECT_THAT(weak.err, HasSubstr("column password:"));
  const CliRun unbound =
      Run({"user", "add", "--login", "m1", "--role", "monitor"}, "monitor-pass-2021\n");
  EXPECT_EQ(unbound.status, 2);
  EXPECT_THAT(unbound.err, HasSubstr("column monitor-code: required for the monitor role"));
  const CliRun unknown =
      Run({"user", "add", "--login", "e9", "--role", "employee", "--employee-no", "E999"},
          "employee-pass-2021\n");
  EXPECT_EQ(unknown.status, 2);
  const CliRun role = Run({"user", "add", "--login", "x", "--role", "root"}, "whatever-2021\n");
  EXPECT_EQ(role.status, 2);

  const CliRun added =
      Run({"user", "add", "--login", "m1", "--role", "monitor", "--monitor-code", "M01"},
          "monitor-pass-2021\n");
  ASSERT_EQ(added.status, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr("m1 (모니터요원 monitor)"));
  auto storage = OpenDatabase();
  const auto user = *storage->users().FindUser("m1");
  ASSERT_TRUE(user);
  EXPECT_THAT(user->password_hash, StartsWith("$argon2id$"));
  EXPECT_EQ(user->monitor_code, "M01");
  EXPECT_EQ(Run({"user", "add", "--login", "m1", "--role", "monitor", "--monitor-code", "M02"},
                "monitor-pass-2021\n")
                .status,
            2);
}

TEST_P(CliTest, RecordsAccountsItCreatesAndPrintsAndVerifiesTheKeyedAuditChain) {
  SetUpProgramme();
  const CliRun added =
      Run({"user", "add", "--login", "m1", "--role", "monitor", "--monitor-code", "M01"},
          "monitor-pass-2021\n");
  ASSERT_EQ(added.status, 0) << added.err;
  auth::AuditQuery query;
  query.subject = "m1";
  const auto created = *OpenDatabase()->audit_log().List(query);
  ASSERT_EQ(created.entries.size(), 1U);
  EXPECT_EQ(created.entries.front().action, "chinjeol user add");
  EXPECT_EQ(created.entries.front().subject_kind, "account");
  EXPECT_EQ(created.entries.front().detail, "created role=monitor");
  EXPECT_THAT(created.entries.front().login, StartsWith("cli:"));

  // The head, as JSON for write-once storage, is the last row's hash.
  const CliRun head = Run({"audit", "head"});
  ASSERT_EQ(head.status, 0) << head.err;
  const auto newest = *OpenDatabase()->audit_log().List({});
  EXPECT_THAT(head.out, HasSubstr("\"head_hash\": \"" + newest.entries.front().row_hash + "\""));
  EXPECT_THAT(head.out, HasSubstr("\"entries\": " + std::to_string(newest.total)));
  const CliRun verified = Run({"audit", "verify"});
  EXPECT_EQ(verified.status, 0) << verified.err;
  EXPECT_THAT(verified.out, HasSubstr("intact"));

  // Another key neither verifies the chain nor writes to it.
  const std::string other = (folder_.path() / "other.key").string();
  EXPECT_EQ(Run({"--audit-key", other, "audit", "verify"}).status, 1);
  const CliRun refused = Run({"--audit-key", other, "user", "add", "--login", "m2", "--role",
                              "monitor", "--monitor-code", "M02"},
                             "monitor-pass-2021\n");
  EXPECT_NE(refused.status, 0);
  EXPECT_THAT(refused.err, HasSubstr("audit key"));
  // A key file others may read is refused.
  std::filesystem::permissions(other, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  const CliRun exposed = Run({"--audit-key", other, "campaigns"});
  EXPECT_EQ(exposed.status, 2);
  EXPECT_THAT(exposed.err, HasSubstr("chmod 600"));
}

TEST_P(CliTest, AddsRubricVersionsFromJsonAndNamesTheJsonPathOfAMistake) {
  const std::string rubric = R"({"code": "phone-short", "channel": "phone", "version": 1,
    "name_ko": "간단 전화 평가표", "name_en": "Short phone sheet",
    "stages": [{"code": "all", "ko": "전체", "en": "All", "points": 100}],
    "items": [{"id": "Q1", "stage": "all", "ko": "인사", "en": "Greeting", "type": "binary", "points": 40},
              {"id": "Q2", "stage": "all", "ko": "설명", "en": "Explanation", "type": "level5", "points": 60}],
    "flags": [{"id": "VOID", "ko": "무효", "en": "Void"}]})";
  const CliRun first = Run({"rubric", "add", folder_.Write("short.json", rubric)});
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("phone-short v1"));
  const CliRun second = Run({"rubric", "add", folder_.Write("short2.json", rubric)});
  EXPECT_THAT(second.out, HasSubstr("phone-short v2"));
  const CliRun listed = Run({"rubric", "list"});
  EXPECT_THAT(listed.out, HasSubstr("phone-default"));
  EXPECT_THAT(listed.out, HasSubstr("visit-default"));
  EXPECT_THAT(listed.out, HasSubstr("phone-short"));

  std::string broken = rubric;
  broken.replace(broken.find("\"level5\""), 8, "\"scale\"");
  const CliRun bad = Run({"rubric", "add", folder_.Write("broken.json", broken)});
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.err, HasSubstr("items/1/type"));
}

TEST_P(CliTest, RescoresHistoryUnderANewRubricVersionAndKeepsThePastScores) {
  SetUpProgramme();
  ASSERT_EQ(
      Run({"import", "evaluations",
           folder_.Write("e.csv", std::string(kEvaluationHeader) + kPerfectCall + kMixedCall)})
          .status,
      0);
  // Version 2 of the phone sheet: speed of answering weighs 20, overall satisfaction nothing.
  auto storage = OpenDatabase();
  rubric::Rubric v2 = **storage->rubrics().FindLatestRubric("phone-default");
  v2.items[0].points = 20;
  v2.items[0].tiers = {{3, 20, std::nullopt}, {5, 10, 14}, {std::nullopt, 0, std::nullopt}};
  v2.stages[0].points = 30;
  v2.items[11].points = 1;
  v2.stages[4].points = 1;
  ASSERT_TRUE(storage->InTransaction([&] {
    v2.version = 2;
    return storage->rubrics().SaveRubric(v2);
  }));
  const CliRun run = Run({"rescore", "CAMP", "--rubric", "phone-default"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("phone-default v2: 2"));
  const auto evaluations = Evaluations();
  EXPECT_EQ(evaluations[1].rubric_version, 2);
  // Earned 14 + 7 + 4 + 7.5 + 7.5 + 2.5 + 10 + 0 + 0 + 5 + 5 + 0.75 = 63.25 of 106 points.
  EXPECT_NEAR(evaluations[1].score->total, 100.0 * 63.25 / 106.0, 1e-9);
  const auto history = *storage->evaluations().ScoreHistory(evaluations[1].id);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.front().rubric_version, 1);
  EXPECT_DOUBLE_EQ(*history.front().total, 59.25);
  EXPECT_EQ(Run({"rescore", "CAMP", "--rubric", "phone-default"}).out.find("already current 2") !=
                std::string::npos,
            true);
}

TEST_P(CliTest, PlansACampaignCommitsItAndAsksWhyItChangesAfterTheStart) {
  SetUpProgramme();
  const CliRun check = Run({"plan", "CAMP", "--check"});
  ASSERT_EQ(check.status, 0) << check.err;
  EXPECT_THAT(check.out, HasSubstr("can be scheduled"));

  const CliRun first = Run({"plan", "CAMP", "--seed", "11"});
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("Plan made for CAMP"));
  EXPECT_THAT(first.out, HasSubstr("recorded as the commitment"));
  // Four employees phoned and two counter units visited, in each of two rounds.
  EXPECT_THAT(first.out, HasSubstr("전화 phone 8, 방문 visit 4"));

  // The campaign (2021) has started: a change needs a reason, which is logged.
  const CliRun unexplained = Run({"plan", "CAMP"});
  EXPECT_EQ(unexplained.status, 2);
  EXPECT_THAT(unexplained.err, HasSubstr("column reason:"));
  const CliRun explained = Run({"plan", "CAMP", "--reason", "monitor M02 left the firm"});
  ASSERT_EQ(explained.status, 0) << explained.err;
  auto storage = OpenDatabase();
  const auto changes = *storage->assignments().ListPlanChanges("CAMP");
  ASSERT_GE(changes.size(), 2u);
  EXPECT_EQ(changes.front().kind, "committed");
  EXPECT_THAT(changes.back().reason, HasSubstr("monitor M02 left the firm"));
  const auto stored = *storage->assignments().FindPlan("CAMP");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->committed_digest.size(), 64u);

  const std::string path = (folder_.path() / "plan.csv").string();
  ASSERT_EQ(Run({"export", "assignments", "CAMP", "--format", "csv", "--out", path}).status, 0);
  auto source = *files::OpenTableSource(path);
  EXPECT_EQ(source->header().front(), "assignment_code");
  tables::TableRow row;
  long rows = 0, visits = 0;
  while (*source->Next(row)) {
    ++rows;
    visits += row.cells[3] == "visit" ? 1 : 0;
    EXPECT_NE(row.cells[9], "");  // every contact has its monitor
  }
  EXPECT_EQ(rows, 12);
  EXPECT_EQ(visits, 4);

  // Reading the schedule is recorded in the access log, chained.
  const auto audit = *storage->audit_log().List({});
  ASSERT_FALSE(audit.entries.empty());
  EXPECT_EQ(audit.entries.front().action, "chinjeol export assignments");
  EXPECT_EQ(audit.entries.front().subject_kind, "plan");
  EXPECT_EQ(audit.entries.front().subject, "CAMP");
  EXPECT_THAT(audit.entries.front().login, StartsWith("cli:"));
  EXPECT_EQ(audit.entries.front().row_hash.size(), 64u);

  const CliRun weeks = Run({"plan-summary", "CAMP", "--by", "monitor", "--format", "csv"});
  ASSERT_EQ(weeks.status, 0) << weeks.err;
  EXPECT_THAT(weeks.out, StartsWith("monitor_code,phone,visit,"));
  EXPECT_EQ(Run({"plan-summary", "NOPE"}).status, 2);
}

TEST_P(CliTest, SaysExactlyWhyACampaignCannotBeScheduled) {
  SetUpProgramme();
  // No monitor may visit: the two counter units cannot be reached.
  ASSERT_EQ(Run({"import", "monitors",
                 folder_.Write("m.csv",
                               "monitor_code,name,gender,age_band,phone_per_day,visit_per_day,"
                               "available_from,available_to\n"
                               "M01,한지민,여,30대,12,0,,\nM02,오세훈,남,40대,10,0,,\nM03,서윤아,"
                               "여,20대,12,0,,\n")})
                .status,
            0);
  const CliRun check = Run({"plan", "CAMP", "--check"});
  EXPECT_EQ(check.status, 2);
  EXPECT_THAT(check.err, HasSubstr("visit"));
  const CliRun plan = Run({"plan", "CAMP"});
  EXPECT_EQ(plan.status, 2);
  auto storage = OpenDatabase();
  EXPECT_TRUE(storage->assignments().ListAssignments("CAMP")->empty());
}

TEST_P(CliTest, RecordsAbsencesAndClosuresThatThePlanWorksAround) {
  SetUpProgramme();
  ASSERT_EQ(
      Run({"absence", "add", "--employee-no", "E001", "--from", "2021-05-17", "--to", "2021-07-15"})
          .status,
      0);
  ASSERT_EQ(
      Run({"absence", "add", "--monitor-code", "M01", "--from", "2021-05-17", "--to", "2021-06-30"})
          .status,
      0);
  ASSERT_EQ(Run({"closure", "add", "--date", "2021-05-18", "--reason", "시민의 날"}).status, 0);
  ASSERT_EQ(Run({"closure", "add", "--date", "2021-05-20", "--department-code", "T01"}).status, 0);
  EXPECT_EQ(
      Run({"absence", "add", "--employee-no", "E999", "--from", "2021-05-17", "--to", "2021-05-18"})
          .status,
      2);
  EXPECT_EQ(Run({"absence", "add", "--employee-no", "E001", "--monitor-code", "M01", "--from",
                 "2021-05-17", "--to", "2021-05-18"})
                .status,
            2);
  EXPECT_EQ(
      Run({"absence", "add", "--employee-no", "E001", "--from", "2021-05-19", "--to", "2021-05-18"})
          .status,
      2);
  EXPECT_EQ(Run({"closure", "add", "--date", "2021-05-18", "--department-code", "D99"}).status, 2);

  const CliRun plan = Run({"plan", "CAMP", "--seed", "5"});
  ASSERT_EQ(plan.status, 0) << plan.err;
  auto storage = OpenDatabase();
  const auto assignments = *storage->assignments().ListAssignments("CAMP");
  ASSERT_FALSE(assignments.empty());
  for (const auto& a : assignments) {
    const auto day = std::chrono::sys_days(a.date);
    EXPECT_NE(a.date, *ParseDate("2021-05-18")) << a.code;  // the whole organisation is closed
    if (a.department_code == "T01") {
      EXPECT_NE(a.date, *ParseDate("2021-05-20")) << a.code;
    }
    if (a.employee_no == "E001") {
      EXPECT_GT(day, std::chrono::sys_days(*ParseDate("2021-07-15"))) << a.code;
    }
    if (a.monitor_code == "M01") {
      EXPECT_GT(day, std::chrono::sys_days(*ParseDate("2021-06-30"))) << a.code;
    }
  }
}

TEST_P(CliTest, BuildsTheDemoOnceAndScoresIt) {
  const CliRun demo = Run({"demo", "--employees", "300", "--seed", "7"});
  ASSERT_EQ(demo.status, 0) << demo.err;
  EXPECT_THAT(demo.out, HasSubstr("캠페인 코드 Campaign code: POC-2021"));
  EXPECT_THAT(demo.out, HasSubstr("60 (읍면동 towns 14)"));
  EXPECT_THAT(demo.out, HasSubstr("300"));
  const CliRun again = Run({"demo"});
  EXPECT_EQ(again.status, 2);
  EXPECT_THAT(again.err, HasSubstr("already holds the demo campaign POC-2021"));
  const CliRun scores = Run({"score", "POC-2021", "--format", "json"});
  ASSERT_EQ(scores.status, 0) << scores.err;
  EXPECT_THAT(scores.out, StartsWith("["));
  EXPECT_THAT(scores.out, HasSubstr("\"employee_no\":\"202100001\""));
  // Enough contacts for the fair-score model: every row has an adjusted score and a grade.
  EXPECT_THAT(scores.out, Not(HasSubstr("\"adjusted\":null")));
  EXPECT_THAT(scores.out, Not(HasSubstr("\"grade\":null")));
  EXPECT_THAT(scores.out, HasSubstr("\"uncertain\":1"));

  const CliRun summary = Run({"score", "POC-2021", "--level", "summary", "--format", "csv"});
  ASSERT_EQ(summary.status, 0) << summary.err;
  EXPECT_THAT(summary.out, HasSubstr("method,fair,"));
  EXPECT_THAT(summary.out, HasSubstr("design_parts,1,"));
  for (const char* level : {"department", "group", "monitor", "reliability"}) {
    const CliRun run = Run({"score", "POC-2021", "--level", level, "--format", "text"});
    EXPECT_EQ(run.status, 0) << level << run.err;
    EXPECT_THAT(run.out, HasSubstr("---")) << level;
  }
  const CliRun groups = Run({"score", "POC-2021", "--level", "group"});
  EXPECT_THAT(groups.out, HasSubstr("town,읍면동,"));
  EXPECT_EQ(Run({"score", "POC-2021", "--level", "planet"}).status, 2);
}

TEST_P(CliTest, ImportsTrainingAndCoachingSessionsAllOrNothing) {
  SetUpProgramme();
  const std::string training =
      folder_.Write("training.csv",
                    "session_code,date,topic,instructor,items,employee_no\n"
                    "T-01,2021-07-01,전화 첫인사,김강사,P01;P02,E001\n"
                    "T-01,2021-07-01,전화 첫인사,김강사,P01;P02,E003\n"
                    "T-02,2021-07-08,창구 맞이,이강사,V03,E004\n");
  const CliRun imported = Run({"import", "training", training});
  ASSERT_EQ(imported.status, 0) << imported.err;
  EXPECT_THAT(imported.out, HasSubstr("3"));
  auto storage = OpenDatabase();
  Result<std::vector<coaching::TrainingSession>> sessions =
      storage->coaching().ListTrainingSessions();
  ASSERT_TRUE(sessions) << sessions.error().message();
  ASSERT_EQ(sessions->size(), 2u);
  EXPECT_EQ((*sessions)[0].code, "T-01");
  EXPECT_EQ((*sessions)[0].attendees, (std::vector<std::string>{"E001", "E003"}));
  EXPECT_EQ((*sessions)[0].items, (std::vector<std::string>{"P01", "P02"}));

  // Every bad row is named with its line and field, and nothing is written.
  const std::string bad = folder_.Write("training-bad.csv",
                                        "session_code,date,topic,instructor,items,employee_no\n"
                                        "T-03,2021-07-09,경청,박강사,P04,E001\n"
                                        "T-03,2021-07-10,경청,박강사,P04,E002\n"
                                        "T-04,2021-13-01,경청,박강사,P99,E999\n"
                                        "T-04,2021-07-11,경청,박강사,P04,E001\n"
                                        "T-04,2021-07-11,경청,박강사,P04,E001\n");
  const CliRun refused = Run({"import", "training", bad});
  EXPECT_EQ(refused.status, 2);
  EXPECT_THAT(refused.err, HasSubstr("training-bad.csv"));
  EXPECT_THAT(refused.err, HasSubstr(":3: column date: differs from line 2"));
  EXPECT_THAT(refused.err, HasSubstr(":4: column items: \"P99\" is not an item of any rubric"));
  EXPECT_THAT(refused.err, HasSubstr(":4: column employee_no: no employee E999"));
  EXPECT_THAT(refused.err, HasSubstr(":6: column employee_no: E001 attends this session"));
  sessions = storage->coaching().ListTrainingSessions();
  ASSERT_TRUE(sessions);
  EXPECT_EQ(sessions->size(), 2u);

  const std::string coaching =
      folder_.Write("coaching.csv",
                    "employee_no,coach,date,items,notes\n"
                    "E003,coach1,2021-07-15,P02;P09,첫인사 문장을 함께 정함\n"
                    "E001,정코치,2021-07-16,P05,\n");
  const CliRun coached = Run({"import", "coaching", coaching});
  ASSERT_EQ(coached.status, 0) << coached.err;
  Result<std::vector<coaching::CoachingSession>> held =
      storage->coaching().ListCoachingSessions(std::string("E003"));
  ASSERT_TRUE(held) << held.error().message();
  ASSERT_EQ(held->size(), 1u);
  EXPECT_EQ(held->front().coach, "coach1");
  EXPECT_EQ(held->front().items, (std::vector<std::string>{"P02", "P09"}));
  EXPECT_EQ(held->front().notes, "첫인사 문장을 함께 정함");
  const CliRun missing = Run({"import", "coaching",
                              folder_.Write("coaching-bad.csv",
                                            "employee_no,coach,date,items,notes\n"
                                            "E001,,2021-07-16,P05,\n")});
  EXPECT_EQ(missing.status, 2);
  EXPECT_THAT(missing.err, HasSubstr(":2: column coach: must not be empty"));
  held = storage->coaching().ListCoachingSessions();
  ASSERT_TRUE(held);
  EXPECT_EQ(held->size(), 2u);
}

TEST_P(CliTest, PlansCoachingFromTheFairScoresWithReasonsAndItems) {
  ASSERT_EQ(Run({"demo", "--employees", "300", "--seed", "7"}).status, 0);
  const CliRun plan = Run({"coaching", "plan", "POC-2021"});
  ASSERT_EQ(plan.status, 0) << plan.err;
  std::istringstream lines(plan.out);
  std::string header, first;
  std::getline(lines, header);
  EXPECT_THAT(
      header,
      HasSubstr("employee_no,name,department_code,adjusted,ci90_low,ci90_high,reason,items"));
  ASSERT_TRUE(std::getline(lines, first));
  EXPECT_THAT(first, HasSubstr("공정 점수 80.0점 미만"));
  long rows = 1;
  for (std::string line; std::getline(lines, line);) ++rows;
  // The bottom tenth by rule: 30 of 300 (ties aside), chosen lowest first.
  const CliRun share = Run({"coaching", "plan", "POC-2021", "--format", "json", "--below", "0",
                            "--bottom-share", "0.1", "--weak-probability", "0.99"});
  ASSERT_EQ(share.status, 0) << share.err;
  EXPECT_THAT(share.out, HasSubstr("하위 10.0%"));
  EXPECT_GE(rows, 1);
  const CliRun wrong = Run({"coaching", "plan", "POC-2021", "--bottom-share", "2"});
  EXPECT_EQ(wrong.status, 2);
  EXPECT_THAT(wrong.err, HasSubstr("bottom_share"));
  EXPECT_EQ(Run({"coaching", "plan", "NOPE"}).status, 2);

  // The demo coached the lowest sixth of round 1 and trained a random fifth: the effect of
  // each as one JSON object, and words that never claim more than the interval shows.
  for (const char* of : {"coaching", "training"}) {
    const CliRun effect = Run({"effect", "POC-2021", "--of", of, "--format", "json"});
    ASSERT_EQ(effect.status, 0) << effect.err;
    const boost::json::object json = boost::json::parse(effect.out).as_object();
    EXPECT_EQ(json.at("of").as_string(), of);
    const double estimate = json.at("estimate").to_number<double>();
    const double low = json.at("ci90_low").to_number<double>();
    const double high = json.at("ci90_high").to_number<double>();
    EXPECT_LE(low, estimate);
    EXPECT_LE(estimate, high);
    EXPECT_GT(json.at("treated").to_number<double>(), 0);
    EXPECT_GT(json.at("comparison").to_number<double>(), 0);
    EXPECT_THAT(std::string(json.at("method").as_string()), HasSubstr("mixed model"));
    const std::string conclusion(json.at("conclusion").as_string());
    if (low <= 0 && high >= 0) {
      EXPECT_THAT(conclusion, HasSubstr("확인되지 않았습니다")) << of;
      EXPECT_THAT(conclusion, Not(HasSubstr("올랐습니다"))) << of;
    } else {
      EXPECT_THAT(conclusion, Not(HasSubstr("확인되지 않았습니다"))) << of;
    }
  }
  // Chosen for low round-1 scores, the coached rise on a plain before/after comparison by far
  // more than the model's estimate (regression to the mean).
  const boost::json::object coaching =
      boost::json::parse(Run({"effect", "POC-2021", "--of", "coaching", "--format", "json"}).out)
          .as_object();
  EXPECT_GT(coaching.at("before_after").to_number<double>(),
            coaching.at("estimate").to_number<double>() + 5);
  const CliRun text = Run({"effect", "POC-2021", "--of", "training"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("training"));
  EXPECT_EQ(Run({"effect", "POC-2021", "--of", "nothing"}).status, 2);
}

TEST_P(CliTest, PlansAReEvaluationContactForEveryoneCoached) {
  ASSERT_EQ(Run({"import", "roster", folder_.Write("roster.csv", kRoster)}).status, 0);
  // A monitor who has not called the coached employee yet is needed for the re-evaluation.
  ASSERT_EQ(Run({"import", "monitors",
                 folder_.Write("monitors.csv",
                               std::string(kMonitors) +
                                   "M04,윤하늘,여,30대,12,4,,\nM05,강도윤,남,50대,12,4,,\n")})
                .status,
            0);
  ASSERT_EQ(Run({"import", "scenarios", folder_.Write("scenarios.csv", kScenarios)}).status, 0);
  ASSERT_EQ(Run({"campaign", "create", "--code", "NEXT", "--name", "다음 평가", "--start",
                 "2027-03-02", "--end", "2027-06-30"})
                .status,
            0);
  const CliRun planned = Run({"plan", "NEXT", "--seed", "5"});
  ASSERT_EQ(planned.status, 0) << planned.err;
  // Two round-1 contacts of E001 (a weak one) and E003, as a contractor delivers them.
  const std::string header = std::string(kEvaluationHeader);
  const std::string evaluations =
      header +
      "N-1,NEXT,E001,D01,M01,S-P1,phone,2027-03-03T10:05:00,phone-default,,4a,greeting,na,2,2,2,"
      "3,3,0,0,1,2\n"
      "N-2,NEXT,E003,T01,M02,S-G1,phone,2027-03-04T11:00:00,phone-default,,2,"
      "greeting;department;name,na,5,5,5,5,5,1,1,1,5\n";
  ASSERT_EQ(Run({"import", "evaluations", folder_.Write("next.csv", evaluations)}).status, 0);
  ASSERT_EQ(
      Run({"user", "add", "--login", "coach1", "--role", "coach"}, "coach-pass-2027\n").status, 0);

  // Released, proposed, confirmed and one session held: E001 is coached.
  auto storage = OpenDatabase();
  const LocalDateTime now{*ParseDate("2026-12-01"), 9, 0, 0};
  ASSERT_TRUE(publication::ReleaseResults(*storage, "NEXT", now, *ParseDate("2026-12-31"), 0));
  auth::Actor admin;
  admin.role = auth::Role::kAdmin;
  coaching::PlanRules rules;
  rules.below_score.reset();
  rules.bottom_share = 0.5;
  ASSERT_TRUE(publication::ProposeCoachingPlans(*storage, admin, "NEXT", rules, now, {}));
  Result<std::vector<publication::PlanView>> plans =
      publication::ListCoachingPlans(*storage, admin, "NEXT", now);
  ASSERT_TRUE(plans) << plans.error().message();
  ASSERT_EQ(plans->size(), 1u);
  EXPECT_EQ(plans->front().plan.employee_no, "E001");
  const std::int64_t plan_id = plans->front().plan.id;
  ASSERT_TRUE(publication::ConfirmCoachingPlan(*storage, admin, plan_id, "coach1", now, {}));
  Result<std::optional<auth::User>> coach = storage->users().FindUser("coach1");
  ASSERT_TRUE(coach && *coach);
  publication::SessionInput session;
  session.held_on = *ParseDate("2026-12-01");
  Result<coaching::CoachingSession> held = publication::RecordCoachingSession(
      *storage, auth::ActorFor(**coach), plan_id, session, now, {});
  ASSERT_TRUE(held) << held.error().message();
  storage.reset();

  const auto round_two_contacts = [&](const std::string& employee_no) {
    const CliRun exported = Run({"export", "assignments", "NEXT", "--format", "json"});
    EXPECT_EQ(exported.status, 0) << exported.err;
    long count = 0;
    const boost::json::value rows = boost::json::parse(exported.out);
    for (const boost::json::value& row : rows.as_array()) {
      if (row.at("employee_no").as_string() == employee_no &&
          row.at("round").to_number<int>() == 2 && row.at("channel").as_string() == "phone") {
        ++count;
      }
    }
    return count;
  };
  const long before = round_two_contacts("E001");
  const long others = round_two_contacts("E003");
  const CliRun again = Run({"plan", "NEXT", "--re-evaluate", "--round", "2"});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("재평가 Re-evaluations: 1"));
  EXPECT_EQ(round_two_contacts("E001"), before + 1);
  EXPECT_EQ(round_two_contacts("E003"), others);

  // The re-evaluation goes well; after the next release the plan shows the change.
  ASSERT_EQ(
      Run({"import", "evaluations",
           folder_.Write("again.csv",
                         header + "N-3,NEXT,E001,D01,M04,S-G1,phone,2027-05-20T10:00:00,"
                                  "phone-default,,2,greeting;department;name,na,5,5,5,5,5,1,1,"
                                  "1,5\n")})
          .status,
      0);
  storage = OpenDatabase();
  const LocalDateTime later{*ParseDate("2027-06-30"), 18, 0, 0};
  ASSERT_TRUE(publication::ReleaseResults(*storage, "NEXT", later, *ParseDate("2027-07-14"), 0));
  Result<publication::PlanView> read =
      publication::ReadCoachingPlan(*storage, admin, plan_id, later);
  ASSERT_TRUE(read) << read.error().message();
  ASSERT_TRUE(read->outcome);
  EXPECT_GT(read->outcome->change, 0);
  EXPECT_LT(read->outcome->change_low, read->outcome->change);
  EXPECT_GT(read->outcome->change_high, read->outcome->change);
  EXPECT_NEAR(read->outcome->change, read->outcome->adjusted - *read->plan.adjusted, 1e-9);
}

TEST_P(CliTest, ExplainsUsageErrorsAndHelps) {
  EXPECT_EQ(Run({"import", "payroll", "x.csv"}).status, 2);
  EXPECT_EQ(Run({"import", "roster", (folder_.path() / "absent.csv").string()}).status, 2);
  EXPECT_EQ(Run({"import", "roster", folder_.Write("roster.txt", "x")}).status, 2);
  EXPECT_EQ(Run({"frobnicate"}).status, 2);
  for (const std::vector<std::string>& help : {std::vector<std::string>{"--help"},
                                               {"import", "--help"},
                                               {"campaign", "create", "--help"},
                                               {"export", "--help"},
                                               {"score", "--help"},
                                               {"user", "add", "--help"},
                                               {"demo", "--help"}}) {
    const CliRun run = Run(help);
    EXPECT_EQ(run.status, 0);
    EXPECT_THAT(run.out, HasSubstr("Usage"));
  }
  EXPECT_EQ(Run({"score", "NOPE"}).status, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, CliTest, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return EngineName(info.param); });

}  // namespace
}  // namespace chinjeol::testing
