#include "adapters/cli/cli.hpp"

#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "adapters/cli/terminal.hpp"
#include "adapters/clock/clock.hpp"
#include "core/auth/audit_log.hpp"
#include "core/campaign/campaign.hpp"
#include "core/coaching/plan.hpp"
#include "core/common/date.hpp"
#include "core/planning/metrics.hpp"
#include "core/planning/summary.hpp"
#include "core/programme/coaching_plan.hpp"
#include "core/programme/demo.hpp"
#include "core/programme/effect.hpp"
#include "core/programme/imports.hpp"
#include "core/programme/planning.hpp"
#include "core/programme/rescore.hpp"
#include "core/programme/scores.hpp"
#include "core/programme/setup.hpp"
#include "core/publication/demo_accounts.hpp"

namespace chinjeol::cli {
namespace {

constexpr const char* kDefaultDatabase = "sqlite:chinjeol.db";

std::string DatabaseUrl(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("CHINJEOL_DB"); env != nullptr && *env != '\0') return env;
  return kDefaultDatabase;
}

std::string Number(double value, int decimals) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(decimals) << value;
  return text.str();
}

}  // namespace

std::string AuditKeyPath(const std::string& option, const std::string& data_dir) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("CHINJEOL_AUDIT_KEY"); env != nullptr && *env != '\0') {
    return env;
  }
  std::string folder = data_dir.empty() ? std::string("chinjeol-data") : data_dir;
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  const std::size_t slash = folder.rfind('/');
  const std::string parent =
      slash == std::string::npos ? std::string(".") : (slash == 0 ? "" : folder.substr(0, slash));
  return parent + "/chinjeol-audit.key";
}

namespace {

// Shared state of one command line run.
struct Context {
  const Services& services;
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  std::string database;
  std::string audit_key;  // --audit-key
  std::string data_dir;   // serve --data: where the audit key lies by default
  int status = 0;

  int Fail(const Error& error) {
    PrintError(err, error);
    status = ExitStatusFor(error);
    return status;
  }

  // Opens the database, creating and migrating it, with the default rubrics and holidays.
  Result<std::unique_ptr<ports::Storage>> Open() {
    Result<std::unique_ptr<ports::Storage>> storage =
        services.open_storage(DatabaseUrl(database), AuditKeyPath(audit_key, data_dir));
    if (!storage) return storage;
    std::unique_ptr<tables::TableSource> holidays = services.default_holidays();
    Result<void> ready = programme::EnsureDefaults(**storage, services.default_rubrics, *holidays);
    if (!ready) return ready.error();
    return storage;
  }
};

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

// Records in the access log that someone at this machine read personal data or plan data, or
// created an account, from the command line (Personal Information Protection Act: who, when,
// from where, whose, what).
Result<void> RecordCommandLineRead(ports::Storage& storage, std::string_view action,
                                   std::string_view subject_kind, std::string_view subject,
                                   std::string detail) {
  const passwd* account = getpwuid(geteuid());
  auth::AuditEntry entry;
  entry.at = clock::UtcText(clock::UnixNow());
  entry.login = std::string("cli:") + (account != nullptr ? account->pw_name : "unknown");
  entry.role = "admin";
  entry.ip = "local";
  entry.action = action;
  entry.subject_kind = subject_kind;
  entry.subject = subject;
  entry.detail = std::move(detail);
  return storage.InTransaction([&] { return storage.audit_log().Append({entry}); });
}

void RunDemo(Context& context, int employees, std::uint64_t seed) {
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<programme::DemoSummary> summary =
      programme::InstallDemo(**storage, {employees, seed}, context.services.sha256);
  if (!summary) {
    context.Fail(summary.error());
    return;
  }
  std::ostream& out = context.out;
  out << "데모 프로그램을 만들었습니다 / Demo programme created in "
      << DatabaseUrl(context.database) << "\n"
      << FormatTextTable(
             {"항목 What", "수 Count"},
             {{"부서 Departments", GroupThousands(summary->departments) + " (읍면동 towns " +
                                       GroupThousands(summary->towns) + ")"},
              {"직원 Employees", GroupThousands(summary->employees)},
              {"창구 부서 Counter units", GroupThousands(summary->counter_units)},
              {"모니터요원 Monitors", GroupThousands(summary->monitors)},
              {"시나리오 Scenarios", GroupThousands(summary->scenarios)},
              {"캠페인 Campaign",
               summary->campaign_code + " (2021-05-17 ~ 2021-09-16, 2회차 rounds)"},
              {"배정 Assignments", GroupThousands(summary->assignments)},
              {"평가 Evaluations", GroupThousands(summary->evaluations) + " (채점 scored " +
                                       GroupThousands(summary->scored) + ", 검수 대기 in review " +
                                       GroupThousands(summary->pending_review) + ")"},
              {"코칭 Coached",
               GroupThousands(summary->coached) + " (1회차 하위 1/6 lowest sixth of round 1)"},
              {"교육 Trained", GroupThousands(summary->trained)}})
      << "캠페인 코드 Campaign code: " << summary->campaign_code << "\n";
  // Accounts to sign in with (chinjeol serve), and the campaign's results published to them.
  Result<std::vector<publication::DemoAccount>> accounts = publication::InstallDemoAccess(
      **storage, *context.services.hasher, summary->campaign_code, clock::LocalNow());
  if (!accounts) {
    context.Fail(accounts.error());
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const publication::DemoAccount& account : *accounts) {
    rows.push_back(
        {account.login, account.password,
         std::string(auth::RoleCode(account.role)) + " (" + auth::RoleNameKo(account.role) + ")",
         account.bound_to});
  }
  out << "\n데모 계정 Demo accounts (chinjeol serve; results of " << summary->campaign_code
      << " released)\n"
      << FormatTextTable({"로그인 Login", "비밀번호 Password", "역할 Role", "연결 Bound to"}, rows);
}

void RunCampaigns(Context& context) {
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<std::vector<campaign::CampaignSummary>> campaigns =
      (*storage)->campaigns().ListCampaigns();
  if (!campaigns) {
    context.Fail(campaigns.error());
    return;
  }
  if (campaigns->empty()) {
    context.out << "캠페인이 없습니다 / No campaigns yet: chinjeol campaign create --help\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const campaign::CampaignSummary& summary : *campaigns) {
    const campaign::Campaign& c = summary.campaign;
    rows.push_back({c.code, c.name, FormatDate(c.start) + " ~ " + FormatDate(c.end),
                    std::to_string(c.rounds.size()), GroupThousands(summary.evaluations),
                    GroupThousands(summary.approved), GroupThousands(summary.pending),
                    GroupThousands(summary.void_or_unanswered),
                    GroupThousands(summary.employees_evaluated)});
  }
  context.out << FormatTextTable(
      {"코드 Code", "이름 Name", "기간 Window", "회차 Rounds", "평가 Evaluations", "승인 Approved",
       "검수 대기 In review", "무효·미수신 Void/unanswered", "평가된 직원 Employees scored"},
      rows);
}

void RunImport(Context& context, const std::string& kind, const std::string& file, bool pending,
               bool deactivate_missing) {
  Result<std::unique_ptr<tables::TableSource>> source = context.services.open_table(file);
  if (!source) {
    context.Fail(source.error());
    return;
  }
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  ProgressBar bar(context.err, "가져오는 중 Importing " + file, StderrIsTerminal());
  const programme::ProgressCallback progress = [&](double fraction, long rows) {
    bar.Update(fraction, rows);
  };
  Result<programme::ImportReport> report = [&]() -> Result<programme::ImportReport> {
    if (kind == "roster") {
      return programme::ImportRoster(**source, **storage, {deactivate_missing}, progress);
    }
    if (kind == "monitors") return programme::ImportMonitors(**source, **storage, progress);
    if (kind == "scenarios") return programme::ImportScenarios(**source, **storage, progress);
    if (kind == "holidays") return programme::ImportHolidays(**source, **storage);
    if (kind == "training") return programme::ImportTraining(**source, **storage);
    if (kind == "coaching") return programme::ImportCoaching(**source, **storage);
    return programme::ImportEvaluations(**source, **storage, {pending}, progress);
  }();
  bar.Done();
  if (!report) {
    context.Fail(report.error());
    return;
  }
  std::ostream& out = context.out;
  out << file << ": " << GroupThousands(report->rows) << "행을 가져왔습니다 / rows imported";
  out << " (새로 new " << GroupThousands(report->created) << ", 갱신 updated "
      << GroupThousands(report->updated) << ")\n";
  if (report->departments_created > 0) {
    out << "  새 부서 New departments: " << GroupThousands(report->departments_created) << "\n";
  }
  if (kind == "evaluations") {
    out << "  검수 대기 In review: " << GroupThousands(report->pending_review)
        << ", 점수 없음(미수신·무효) Unscored (unanswered, void): "
        << GroupThousands(report->unscored) << "\n";
    for (const auto& [flag, count] : report->flags) {
      out << "  " << flag << ": " << GroupThousands(count) << "\n";
    }
  }
}

void RunCoachingPlan(Context& context, const std::string& campaign_code, const std::string& format,
                     const coaching::PlanRules& rules) {
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<programme::CoachingPlan> plan = programme::PlanCoaching(**storage, campaign_code, rules);
  if (!plan) {
    context.Fail(plan.error());
    return;
  }
  if (Result<void> logged = RecordCommandLineRead(**storage, "chinjeol coaching plan",
                                                  auth::kSubjectEmployees, campaign_code, "");
      !logged) {
    context.Fail(logged.error());
    return;
  }
  Result<std::unique_ptr<tables::TableSink>> sink =
      context.services.open_sink(format, {}, "코칭 대상 Coaching plan", context.out);
  if (!sink) {
    context.Fail(sink.error());
    return;
  }
  if (Result<void> written = programme::WriteCoachingPlan(*plan, **sink); !written) {
    context.Fail(written.error());
  }
}

void RunCampaignCreate(Context& context, const std::string& code, const std::string& name,
                       const std::string& start, const std::string& end, int rounds,
                       int phone_per_round, int visit_per_round, const std::string& lunch) {
  std::vector<FieldViolation> violations;
  const auto start_date = ParseDate(start);
  const auto end_date = ParseDate(end);
  const auto lunch_policy = campaign::ParseLunchPolicy(lunch);
  if (!start_date)
    violations.push_back({"--start", "must be a date as YYYY-MM-DD, got \"" + start + "\""});
  if (!end_date)
    violations.push_back({"--end", "must be a date as YYYY-MM-DD, got \"" + end + "\""});
  if (!lunch_policy) violations.push_back({"--lunch", "must be avoid, allow or separate"});
  if (!violations.empty()) {
    context.Fail(InvalidArgument("invalid campaign", std::move(violations)));
    return;
  }
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<campaign::Campaign> created =
      programme::CreateCampaign(**storage, {code, name, *start_date, *end_date, rounds,
                                            phone_per_round, visit_per_round, *lunch_policy});
  if (!created) {
    context.Fail(created.error());
    return;
  }
  context.out << "캠페인을 만들었습니다 / Campaign created: " << created->code << "\n";
  for (const campaign::Round& round : created->rounds) {
    context.out << "  " << round.number << "회차 round " << round.number << ": "
                << FormatDate(round.start) << " ~ " << FormatDate(round.end) << "\n";
  }
}

// Collects a table and prints it aligned for a terminal (`--format text`).
class TextTableSink final : public tables::TableSink {
 public:
  explicit TextTableSink(std::ostream& out) : out_(out) {}
  Result<void> Header(const std::vector<std::string>& columns) override {
    header_ = columns;
    return Ok();
  }
  Result<void> Row(const std::vector<tables::Cell>& cells) override {
    std::vector<std::string> row;
    for (const tables::Cell& cell : cells) row.push_back(CellText(cell));
    rows_.push_back(std::move(row));
    return Ok();
  }
  Result<void> Finish() override {
    out_ << FormatTextTable(header_, rows_);
    return Ok();
  }

 private:
  static std::string CellText(const tables::Cell& cell) {
    if (const auto* text = std::get_if<std::string>(&cell)) return *text;
    if (const auto* number = std::get_if<std::int64_t>(&cell)) return std::to_string(*number);
    if (const auto* real = std::get_if<double>(&cell)) {
      std::string text = Number(*real, 4);
      while (text.back() == '0') text.pop_back();
      if (text.back() == '.') text.pop_back();
      return text;
    }
    return "";
  }

  std::ostream& out_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

void RunEffect(Context& context, const std::string& campaign_code, const std::string& of_text,
               const std::string& format) {
  const std::optional<programme::EffectOf> of = programme::ParseEffectOf(of_text);
  if (!of) {
    context.Fail(InvalidArgument("unknown --of", {{"--of", "must be coaching or training"}}));
    return;
  }
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<programme::EffectReport> report = programme::EstimateEffect(**storage, campaign_code, *of);
  if (!report) {
    context.Fail(report.error());
    return;
  }
  if (format == "text") {
    context.out << report->conclusion.ko << "\n" << report->conclusion.en << "\n\n";
  }
  Result<std::unique_ptr<tables::TableSink>> sink =
      format == "text"
          ? Result<std::unique_ptr<tables::TableSink>>(std::make_unique<TextTableSink>(context.out))
          : context.services.open_sink(format == "json" ? "json-object" : format, {}, "효과 Effect",
                                       context.out);
  if (!sink) {
    context.Fail(sink.error());
    return;
  }
  if (Result<void> written = programme::WriteEffect(*report, **sink); !written) {
    context.Fail(written.error());
  }
}

void RunScore(Context& context, const std::string& campaign_code, const std::string& format,
              const std::string& out_path, const std::string& level_text) {
  const auto level = programme::ParseScoreLevel(level_text);
  if (!level) {
    context.Fail(InvalidArgument("unknown level", {{"--level",
                                                    "must be employee, department, "
                                                    "group, monitor, reliability or "
                                                    "summary"}}));
    return;
  }
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<std::unique_ptr<tables::TableSink>> sink =
      format == "text"
          ? Result<std::unique_ptr<tables::TableSink>>(std::make_unique<TextTableSink>(context.out))
          : context.services.open_sink(format, out_path, "점수 Scores", context.out);
  if (!sink) {
    context.Fail(sink.error());
    return;
  }
  if (*level == programme::ScoreLevel::kItem) {
    if (Result<void> logged = RecordCommandLineRead(**storage, "chinjeol score --level item",
                                                    auth::kSubjectEmployees, campaign_code, "");
        !logged) {
      context.Fail(logged.error());
      return;
    }
    if (Result<void> written = programme::WriteItemWeakness(**storage, campaign_code, **sink);
        !written) {
      context.Fail(written.error());
    }
    return;
  }
  Result<programme::ScoreTable> table = programme::ComputeScores(**storage, campaign_code);
  if (!table) {
    context.Fail(table.error());
    return;
  }
  if (Result<void> logged =
          RecordCommandLineRead(**storage, "chinjeol score --level " + level_text,
                                *level == programme::ScoreLevel::kMonitor ? auth::kSubjectMonitors
                                                                          : auth::kSubjectEmployees,
                                campaign_code, "");
      !logged) {
    context.Fail(logged.error());
    return;
  }
  if (table->method == "raw") {
    context.err << "참고 Note: 원점수 평균만 표시합니다 / raw means only (no fair-score model)\n";
  }
  for (const std::string& note : table->notes) context.err << "참고 Note: " << note << "\n";
  if (Result<void> written = programme::WriteScoreLevel(*table, *level, **sink); !written) {
    context.Fail(written.error());
  }
}

void RunExport(Context& context, const std::string& kind, const std::string& campaign_code,
               const std::string& format, const std::string& out_path) {
  if (format == "xlsx" && out_path.empty()) {
    context.Fail(InvalidArgument("an XLSX export needs a file", {{"--out", "give a .xlsx path"}}));
    return;
  }
  if (kind == "scores") {
    RunScore(context, campaign_code, format, out_path, "employee");
    return;
  }
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<std::unique_ptr<tables::TableSink>> sink = context.services.open_sink(
      format, out_path, kind == "assignments" ? "배정 Assignments" : "평가 Evaluations",
      context.out);
  if (!sink) {
    context.Fail(sink.error());
    return;
  }
  Result<long> count = kind == "assignments"
                           ? programme::ExportAssignments(**storage, campaign_code, **sink)
                           : programme::ExportEvaluations(**storage, campaign_code, **sink);
  if (!count) {
    context.Fail(count.error());
    return;
  }
  if (Result<void> logged = RecordCommandLineRead(
          **storage, "chinjeol export " + kind,
          kind == "assignments" ? auth::kSubjectPlan : auth::kSubjectEmployees, campaign_code,
          std::to_string(*count) + " rows");
      !logged) {
    context.Fail(logged.error());
    return;
  }
  if (!out_path.empty()) {
    context.err << out_path << ": " << GroupThousands(*count) << "행 / rows written\n";
  }
}

std::string ReadPassword(Context& context) {
  std::string password;
  std::getline(context.in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

void RunUserAdd(Context& context, const std::string& login, const std::string& role_text,
                const std::string& employee_no, const std::string& monitor_code,
                const std::string& department_code) {
  const auto role = auth::ParseRole(role_text);
  if (!role) {
    context.Fail(InvalidArgument("unknown role",
                                 {{"--role",
                                   "must be admin, monitor, reviewer, coach, department_head, "
                                   "employee or auditor, got \"" +
                                       role_text + "\""}}));
    return;
  }
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  const std::string password = ReadPassword(context);
  auth::User user;
  user.login = login;
  user.role = *role;
  user.employee_no = employee_no;
  user.monitor_code = monitor_code;
  user.department_code = department_code;
  if (Result<void> added = programme::AddUser(**storage, *context.services.hasher, user, password);
      !added) {
    context.Fail(added.error());
    return;
  }
  if (Result<void> logged =
          RecordCommandLineRead(**storage, "chinjeol user add", auth::kSubjectAccount, login,
                                "created role=" + std::string(auth::RoleCode(*role)));
      !logged) {
    context.Fail(logged.error());
    return;
  }
  context.out << "사용자를 만들었습니다 / User created: " << login << " ("
              << auth::RoleNameKo(*role) << " " << auth::RoleCode(*role) << ")\n";
}

// The end of the audit chain, for keeping on write-once storage: a later `audit verify` with an
// intact chain, and a head found again in the log, show that nothing was changed up to there.
void RunAuditHead(Context& context) {
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<auth::AuditHead> head = (*storage)->audit_log().Head();
  if (!head) {
    context.Fail(head.error());
    return;
  }
  context.out << "{\"entries\": " << head->entries << ", \"last_id\": "
              << (head->last_id ? std::to_string(*head->last_id) : std::string("null"))
              << ", \"head_hash\": \"" << head->head_hash << "\", \"at\": \""
              << clock::UtcText(clock::UnixNow()) << "\"}\n";
}

void RunAuditVerify(Context& context) {
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<auth::AuditVerification> verified = (*storage)->audit_log().Verify();
  if (!verified) {
    context.Fail(verified.error());
    return;
  }
  if (verified->intact) {
    context.out << "감사 로그 이상 없음 / Audit chain intact: " << verified->checked << " rows ("
                << verified->unkeyed << " unkeyed before the keyed chain), head "
                << verified->head_hash << "\n";
    return;
  }
  context.Fail(Internal("감사 로그가 손상되었습니다 / Audit chain broken: " + verified->problem));
}

void RunRubricList(Context& context) {
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<std::vector<rubric::Rubric>> rubrics = (*storage)->rubrics().ListRubrics();
  if (!rubrics) {
    context.Fail(rubrics.error());
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const rubric::Rubric& rubric : *rubrics) {
    rows.push_back({rubric.code, std::to_string(rubric.version), ChannelCode(rubric.channel),
                    rubric.name_ko, std::to_string(rubric.items.size()),
                    Number(rubric.MaxPoints(), 0)});
  }
  context.out << FormatTextTable(
      {"코드 Code", "버전 Version", "채널 Channel", "이름 Name", "항목 Items", "배점 Points"},
      rows);
}

void RunRubricAdd(Context& context, const std::string& file) {
  Result<std::vector<rubric::Rubric>> rubrics = context.services.read_rubrics(file);
  if (!rubrics) {
    context.Fail(rubrics.error());
    return;
  }
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  for (rubric::Rubric& rubric : *rubrics) {
    Result<rubric::Rubric> added = programme::AddRubricVersion(**storage, std::move(rubric));
    if (!added) {
      context.Fail(added.error());
      return;
    }
    context.out << "평가표를 추가했습니다 / Rubric added: " << added->code << " v" << added->version
                << "\n";
  }
}

void RunRescore(Context& context, const std::string& campaign_code,
                const std::string& rubric_code) {
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<programme::RescoreReport> report =
      programme::RescoreCampaign(**storage, campaign_code, rubric_code, clock::LocalNow());
  if (!report) {
    context.Fail(report.error());
    return;
  }
  context.out << "다시 채점했습니다 / Rescored under " << report->rubric_code << " v"
              << report->to_version << ": " << GroupThousands(report->rescored)
              << " (이미 최신 already current " << GroupThousands(report->unchanged) << ")\n";
}

// "0.123"
std::string Fixed(double value, int decimals) { return Number(value, decimals); }

void PrintPlanMetrics(std::ostream& out, const planning::PlanMetrics& metrics) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& [name, channel] :
       {std::pair{"전화 phone", &metrics.phone}, std::pair{"방문 visit", &metrics.visit}}) {
    if (channel->contacts == 0) continue;
    rows.push_back({name, GroupThousands(channel->contacts), Fixed(channel->week_deviation, 3),
                    Fixed(channel->hour_deviation, 3), Fixed(channel->sweep, 3),
                    Fixed(channel->monitors_per_department, 1),
                    Fixed(channel->departments_per_monitor, 1),
                    std::to_string(channel->graph_components), Fixed(channel->scenario_repeats, 3),
                    Fixed(channel->workload_cv, 3)});
  }
  out << "\n연성 목표 Soft goals (낮을수록 좋음 lower is better; 연결 부분 1 = 엄격도 추정 가능)\n"
      << FormatTextTable(
             {"채널 Channel", "접촉 Contacts", "주 편차 Weeks", "시간 편차 Hours",
              "조직도 순회 Sweep", "부서당 모니터 Monitors/dept", "모니터당 부서 Depts/monitor",
              "연결 부분 Graph parts", "시나리오 반복 Repeats", "업무량 CV Workload"},
             rows);
}

void RunPlan(Context& context, const std::string& campaign_code, const std::string& seed_text,
             const std::string& reason, int top_up, int top_up_round, bool re_evaluate,
             bool check_only) {
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  programme::PlanRequest request;
  request.seed = context.services.unpredictable_seed();
  if (!seed_text.empty()) {
    try {
      request.seed = std::stoull(seed_text, nullptr, 0);
    } catch (const std::exception&) {
      context.Fail(InvalidArgument("bad seed", {{"--seed", "must be a whole number"}}));
      return;
    }
  }
  request.code_seed = context.services.unpredictable_seed();
  request.reason = reason;
  request.top_up = top_up;
  request.top_up_round = top_up_round;
  request.re_evaluate = re_evaluate;
  request.check_only = check_only;
  Result<programme::PlanOutcome> outcome = programme::PlanSchedule(
      **storage, campaign_code, request, clock::LocalNow(), context.services.sha256);
  if (!outcome) {
    context.Fail(outcome.error());
    return;
  }
  std::ostream& out = context.out;
  if (check_only) {
    if (outcome->problems.empty()) {
      out << "일정을 세울 수 있습니다 / The campaign can be scheduled\n";
      return;
    }
    PrintError(context.err, Error(ErrorCode::kFailedPrecondition,
                                  "the campaign cannot be scheduled as it is", outcome->problems));
    context.status = 2;
    return;
  }
  const planning::Plan& plan = outcome->plan;
  const planning::PlanSummary& summary = plan.summary;
  out << (outcome->first_plan ? "계획을 세웠습니다 / Plan made for "
                              : "계획을 다시 세웠습니다 / Plan changed for ")
      << plan.campaign_code << "\n"
      << "  전화 phone " << GroupThousands(summary.phone) << ", 방문 visit "
      << GroupThousands(summary.visit) << ", 점심 표본 lunch sample "
      << GroupThousands(summary.lunch_sample) << ", 추가 top-up " << GroupThousands(summary.top_up)
      << ", 재시도 retries " << GroupThousands(summary.retries) << ", 완료 done "
      << GroupThousands(summary.done) << "\n"
      << "  SHA-256 " << outcome->digest
      << (outcome->first_plan ? " (약속으로 기록 recorded as the commitment)" : "") << "\n";
  if (!plan.changes.empty()) {
    std::map<std::string, long> kinds;
    for (const planning::PlanChange& change : plan.changes)
      ++kinds[planning::ChangeKindCode(change.kind)];
    out << "  변경 Changes:";
    for (const auto& [kind, count] : kinds) out << " " << kind << " " << GroupThousands(count);
    out << "\n";
  }
  for (const planning::Shortfall& shortfall : plan.shortfalls) {
    out << "  부족 Shortfall: " << shortfall.round << "회차 round " << shortfall.round << " "
        << ChannelCode(shortfall.channel) << " "
        << (shortfall.employee_no.empty() ? shortfall.department_code : shortfall.employee_no)
        << " -" << shortfall.missing << ": " << shortfall.reason << "\n";
  }
  for (const planning::TopUpChoice& choice : outcome->top_up) {
    out << "  추가 평가 Top-up: " << choice.employee_no << " (오분류 misgrade "
        << Fixed(choice.misgrade_before, 2) << " -> " << Fixed(choice.misgrade_after, 2) << ")\n";
  }
  if (re_evaluate) {
    out << "  재평가 Re-evaluations: "
        << GroupThousands(static_cast<long>(outcome->re_evaluated.size()))
        << " (코칭을 받은 직원 employees coached)\n";
  }
  PrintPlanMetrics(out, plan.metrics);
}

void RunPlanSummary(Context& context, const std::string& campaign_code, const std::string& by,
                    const std::string& format) {
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<planning::PlanInput> input = programme::LoadPlanInput(**storage, campaign_code);
  if (!input) {
    context.Fail(input.error());
    return;
  }
  if (input->existing.empty()) {
    context.Fail(FailedPrecondition("campaign " + campaign_code +
                                    " has no plan yet: chinjeol plan " + campaign_code));
    return;
  }
  Result<planning::PlanSummary> summary = planning::SummarizePlan(*input, input->existing);
  if (!summary) {
    context.Fail(summary.error());
    return;
  }
  if (Result<void> logged = RecordCommandLineRead(**storage, "chinjeol plan-summary --by " + by,
                                                  auth::kSubjectPlan, campaign_code, "summary");
      !logged) {
    context.Fail(logged.error());
    return;
  }
  Result<std::unique_ptr<tables::TableSink>> sink =
      format == "text"
          ? Result<std::unique_ptr<tables::TableSink>>(std::make_unique<TextTableSink>(context.out))
          : context.services.open_sink(format, "", "계획 Plan", context.out);
  if (!sink) {
    context.Fail(sink.error());
    return;
  }
  using tables::Cell;
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  if (by == "week") {
    header = {"week_of", "working_days", "phone", "visit", "lunch_sample"};
    for (const planning::WeekRow& row : summary->weeks) {
      rows.push_back({FormatDate(row.monday), std::int64_t{row.working_days},
                      std::int64_t{row.phone}, std::int64_t{row.visit},
                      std::int64_t{row.lunch_sample}});
    }
  } else if (by == "monitor") {
    header = {"monitor_code",     "phone", "visit", "working_days", "departments", "max_per_day",
              "phone_utilisation"};
    for (const planning::MonitorRow& row : summary->monitors) {
      rows.push_back({row.monitor_code, std::int64_t{row.phone}, std::int64_t{row.visit},
                      std::int64_t{row.working_days}, std::int64_t{row.departments},
                      std::int64_t{row.max_per_day}, row.phone_utilisation});
    }
  } else if (by == "department") {
    header = {"department_code", "name",  "employees", "counter_employees",
              "phone",           "visit", "monitors",  "scenarios"};
    for (const planning::DepartmentRow& row : summary->departments) {
      rows.push_back({row.department_code, row.name, std::int64_t{row.employees},
                      std::int64_t{row.counter_employees}, std::int64_t{row.phone},
                      std::int64_t{row.visit}, std::int64_t{row.monitors},
                      std::int64_t{row.scenarios}});
    }
  } else {
    header = {"hour", "phone", "visit", "lunch_sample"};
    for (const planning::HourRow& row : summary->hours) {
      rows.push_back({std::int64_t{row.hour}, std::int64_t{row.phone}, std::int64_t{row.visit},
                      std::int64_t{row.lunch_sample}});
    }
  }
  Result<void> written = (*sink)->Header(header);
  for (const auto& row : rows) {
    if (written) written = (*sink)->Row(row);
  }
  if (written) written = (*sink)->Finish();
  if (!written) context.Fail(written.error());
}

void RunAbsenceAdd(Context& context, const std::string& employee_no,
                   const std::string& monitor_code, const std::string& from_text,
                   const std::string& to_text) {
  std::vector<FieldViolation> violations;
  const auto from = ParseDate(from_text);
  const auto to = ParseDate(to_text);
  if (!from) violations.push_back({"--from", "must be a date as YYYY-MM-DD"});
  if (!to) violations.push_back({"--to", "must be a date as YYYY-MM-DD"});
  if (from && to && std::chrono::sys_days(*to) < std::chrono::sys_days(*from)) {
    violations.push_back({"--to", "is before --from"});
  }
  if (employee_no.empty() == monitor_code.empty()) {
    violations.push_back({"--employee-no", "give either --employee-no or --monitor-code"});
  }
  if (!violations.empty()) {
    context.Fail(InvalidArgument("invalid absence", std::move(violations)));
    return;
  }
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  auto& assignments = (*storage)->assignments();
  Result<void> added = (*storage)->InTransaction([&] {
    return employee_no.empty() ? assignments.AddMonitorAbsence({monitor_code, *from, *to})
                               : assignments.AddEmployeeAbsence({employee_no, *from, *to});
  });
  if (!added) {
    context.Fail(added.error());
    return;
  }
  context.out << "부재를 등록했습니다 / Absence recorded: "
              << (employee_no.empty() ? monitor_code : employee_no) << " " << from_text << " ~ "
              << to_text << " (다음 계획에 반영 / the next plan works around it)\n";
}

void RunClosureAdd(Context& context, const std::string& date_text,
                   const std::string& department_code, const std::string& reason) {
  const auto date = ParseDate(date_text);
  if (!date) {
    context.Fail(InvalidArgument("invalid closure", {{"--date", "must be a date as YYYY-MM-DD"}}));
    return;
  }
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  Result<void> added = (*storage)->InTransaction([&] {
    return (*storage)->calendar().AddClosure({*date, department_code, reason});
  });
  if (!added) {
    context.Fail(added.error());
    return;
  }
  context.out << "휴무를 등록했습니다 / Closure recorded: " << date_text << " "
              << (department_code.empty() ? std::string("(기관 전체 whole organisation)")
                                          : department_code)
              << "\n";
}

}  // namespace

int ExitStatusFor(const Error& error) {
  switch (error.code()) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kNotFound:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kMalformed:
    case ErrorCode::kUnsupportedType:
    case ErrorCode::kTooLarge:
      return 2;
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kPermissionDenied:
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal:
    case ErrorCode::kMethodNotAllowed:
    case ErrorCode::kTooManyRequests:
      return 1;
  }
  return 1;
}

void PrintError(std::ostream& err, const Error& error) {
  const auto& violations = error.violations();
  if (violations.empty()) {
    err << "chinjeol: " << error.message();
    // The operator running the command sees what the database said when the failure is inside.
    const bool inside =
        error.code() == ErrorCode::kInternal || error.code() == ErrorCode::kUnavailable;
    if (inside && !error.detail().empty()) err << " [" << error.detail() << "]";
    err << "\n";
    return;
  }
  for (const FieldViolation& violation : violations) {
    err << "chinjeol: " << DescribeViolation(violation) << "\n";
  }
  if (violations.size() > 1 || error.message() != violations.front().message) {
    err << "chinjeol: " << error.message() << "\n";
  }
}

void RunServe(Context& context, ServeRequest request) {
  if (!context.services.serve) {
    context.Fail(Internal("this build of chinjeol has no web server"));
    return;
  }
  if (request.data_dir.empty()) request.data_dir = "chinjeol-data";
  context.data_dir = request.data_dir;
  request.audit_key_path = AuditKeyPath(context.audit_key, request.data_dir);
  // The schema, default rubrics and holidays are made ready first, as for every command.
  Result<std::unique_ptr<ports::Storage>> storage = context.Open();
  if (!storage) {
    context.Fail(storage.error());
    return;
  }
  storage->reset();
  request.database_url = DatabaseUrl(context.database);
  if (Result<void> served = context.services.serve(request, context.out); !served) {
    context.Fail(served.error());
  }
}

int Run(int argc, const char* const* argv, const Services& services, std::istream& in,
        std::ostream& out, std::ostream& err) {
  Context context{services, in, out, err, {}, {}, {}, 0};
  CLI::App app{"chinjeol (친절): 민원 친절도 평가 프로그램 / a civil-service kindness programme"};
  app.fallthrough();
  app.require_subcommand(1);
  app.set_version_flag("--version", "chinjeol 0.1.0");
  app.add_option("--db", context.database,
                 "데이터베이스 Database: sqlite:PATH (default sqlite:chinjeol.db) or "
                 "postgresql://user:pass@host:port/dbname; also CHINJEOL_DB");
  app.add_option("--audit-key", context.audit_key,
                 "감사 로그 키 파일 Audit log key file (created with mode 0600 when missing; "
                 "default chinjeol-audit.key next to the data folder; also CHINJEOL_AUDIT_KEY)");

  int demo_employees = 1200;
  std::uint64_t demo_seed = 2021;
  auto* demo =
      app.add_subcommand("demo", "데모 프로그램 만들기 / Create a complete demo programme");
  demo->add_option("--employees", demo_employees, "직원 수 Number of employees")
      ->check(CLI::Range(20, 2000000));
  demo->add_option("--seed", demo_seed, "난수 씨앗 Random seed");
  demo->callback([&] { RunDemo(context, demo_employees, demo_seed); });

  auto* campaigns = app.add_subcommand("campaigns", "캠페인 목록 / List campaigns with counts");
  campaigns->callback([&] { RunCampaigns(context); });

  std::string import_kind, import_file;
  bool import_pending = false, import_deactivate = false;
  auto* importer = app.add_subcommand(
      "import",
      "가져오기 / Import roster, monitors, scenarios, evaluations, holidays, training attendance "
      "or coaching sessions held (.csv/.xlsx)");
  importer
      ->add_option("kind", import_kind,
                   "roster | monitors | scenarios | evaluations | holidays | training | coaching")
      ->required()
      ->check(CLI::IsMember(
          {"roster", "monitors", "scenarios", "evaluations", "holidays", "training", "coaching"}));
  importer->add_option("file", import_file, "CSV (UTF-8, BOM allowed) or XLSX file")->required();
  importer->add_flag("--pending", import_pending,
                     "평가를 검수 대기로 / Put imported evaluations in the review queue");
  importer->add_flag(
      "--deactivate-missing", import_deactivate,
      "명단에 없는 직원 비활성 / Mark employees missing from the roster as departed");
  importer->callback(
      [&] { RunImport(context, import_kind, import_file, import_pending, import_deactivate); });

  auto* campaign = app.add_subcommand("campaign", "캠페인 관리 / Manage campaigns");
  campaign->require_subcommand(1);
  std::string c_code, c_name, c_start, c_end, c_lunch = "avoid";
  int c_rounds = 2, c_phone = 1, c_visit = 1;
  auto* create = campaign->add_subcommand("create", "캠페인 만들기 / Create a campaign");
  create->add_option("--code", c_code, "캠페인 코드 Campaign code")->required();
  create->add_option("--name", c_name, "이름 Name")->required();
  create->add_option("--start", c_start, "시작일 First day YYYY-MM-DD")->required();
  create->add_option("--end", c_end, "종료일 Last day YYYY-MM-DD")->required();
  create->add_option("--rounds", c_rounds, "회차 Rounds (default 2)");
  create->add_option("--phone-per-round", c_phone,
                     "직원당 회차별 전화 Phone contacts per employee per round");
  create->add_option("--visit-per-round", c_visit,
                     "창구당 회차별 방문 Visits per counter unit per round");
  create->add_option("--lunch", c_lunch, "점심시간 Lunch hour: avoid | allow | separate");
  create->callback([&] {
    RunCampaignCreate(context, c_code, c_name, c_start, c_end, c_rounds, c_phone, c_visit, c_lunch);
  });

  std::string export_kind, export_campaign, export_format = "csv", export_out;
  auto* exporter =
      app.add_subcommand("export", "내보내기 / Export assignments, evaluations or scores");
  exporter->add_option("kind", export_kind, "assignments | evaluations | scores")
      ->required()
      ->check(CLI::IsMember({"assignments", "evaluations", "scores"}));
  exporter->add_option("campaign", export_campaign, "캠페인 코드 Campaign code")->required();
  exporter->add_option("--format", export_format, "csv | json | xlsx")
      ->check(CLI::IsMember({"csv", "json", "xlsx"}));
  exporter->add_option("--out", export_out,
                       "파일 File (default: standard output; needed for xlsx)");
  exporter->callback(
      [&] { RunExport(context, export_kind, export_campaign, export_format, export_out); });

  std::string score_campaign, score_format = "csv", score_level = "employee";
  auto* score = app.add_subcommand(
      "score", "공정 점수 / Fair scores (per employee by default) to standard output");
  score->add_option("campaign", score_campaign, "캠페인 코드 Campaign code")->required();
  score->add_option("--format", score_format, "csv | json | text")
      ->check(CLI::IsMember({"csv", "json", "text"}));
  score->add_option("--level", score_level,
                    "employee | department | group | monitor | reliability | summary | item");
  score->callback([&] { RunScore(context, score_campaign, score_format, {}, score_level); });

  auto* coaching = app.add_subcommand("coaching", "코칭 / Coaching");
  coaching->require_subcommand(1);
  std::string coaching_campaign, plan_format = "csv";
  std::optional<double> plan_below, plan_share, plan_probability;
  int plan_items = 3;
  auto* coaching_plan =
      coaching->add_subcommand("plan", "코칭 대상 / Who is to be coached, why, and on which items");
  coaching_plan->add_option("campaign", coaching_campaign, "캠페인 코드 Campaign code")->required();
  coaching_plan->add_option("--format", plan_format, "csv | json")
      ->check(CLI::IsMember({"csv", "json"}));
  coaching_plan->add_option("--below", plan_below,
                            "공정 점수 기준 Fair score below which to coach (default 80)");
  coaching_plan->add_option("--bottom-share", plan_share,
                            "하위 비율 The lowest share of fair scores, e.g. 0.1");
  coaching_plan->add_option(
      "--weak-probability", plan_probability,
      "약한 항목 확률 An item weak with at least this probability (default 0.9)");
  coaching_plan->add_option("--max-items", plan_items, "항목 수 Items per employee (default 3)");
  coaching_plan->callback([&] {
    coaching::PlanRules rules;
    if (plan_below) rules.below_score = *plan_below;
    rules.bottom_share = plan_share;
    if (plan_probability) rules.weak_probability = *plan_probability;
    rules.max_items = plan_items;
    RunCoachingPlan(context, coaching_campaign, plan_format, rules);
  });

  std::string effect_campaign, effect_of, effect_format = "text";
  auto* effect = app.add_subcommand(
      "effect", "효과 / The effect of coaching or training on contact scores, with its interval");
  effect->add_option("campaign", effect_campaign, "캠페인 코드 Campaign code")->required();
  effect->add_option("--of", effect_of, "coaching | training")
      ->required()
      ->check(CLI::IsMember({"coaching", "training"}));
  effect->add_option("--format", effect_format, "json | csv | text")
      ->check(CLI::IsMember({"json", "csv", "text"}));
  effect->callback([&] { RunEffect(context, effect_campaign, effect_of, effect_format); });

  auto* user = app.add_subcommand("user", "사용자 관리 / Manage user accounts");
  user->require_subcommand(1);
  std::string u_login, u_role, u_employee, u_monitor, u_department;
  auto* user_add = user->add_subcommand(
      "add",
      "사용자 추가 (비밀번호는 표준 입력) / Add a user; the password is read from standard input");
  user_add->add_option("--login", u_login, "로그인 ID")->required();
  user_add
      ->add_option("--role", u_role,
                   "admin | monitor | reviewer | coach | department_head | employee | auditor")
      ->required();
  user_add->add_option("--employee-no", u_employee, "직원번호 (employee)");
  user_add->add_option("--monitor-code", u_monitor, "모니터요원 코드 (monitor)");
  user_add->add_option("--department-code", u_department, "부서 코드 (department_head)");
  user_add->callback(
      [&] { RunUserAdd(context, u_login, u_role, u_employee, u_monitor, u_department); });

  auto* audit = app.add_subcommand("audit", "감사 로그 / The access log's hash chain");
  audit->require_subcommand(1);
  audit
      ->add_subcommand("head", "마지막 해시 / Print the chain's head (JSON) for write-once storage")
      ->callback([&] { RunAuditHead(context); });
  audit->add_subcommand("verify", "검증 / Check the whole chain with the key")->callback([&] {
    RunAuditVerify(context);
  });

  auto* rubric = app.add_subcommand("rubric", "평가표 / Rubrics");
  rubric->require_subcommand(1);
  rubric->add_subcommand("list", "평가표 목록 / List rubric versions")->callback([&] {
    RunRubricList(context);
  });
  std::string rubric_file;
  auto* rubric_add = rubric->add_subcommand(
      "add", "새 버전 추가 / Add a new version from a JSON file (one rubric or a rubrics file)");
  rubric_add->add_option("file", rubric_file, "JSON file")->required();
  rubric_add->callback([&] { RunRubricAdd(context, rubric_file); });

  std::string plan_campaign, plan_seed, plan_reason;
  int plan_top_up = 0, plan_top_up_round = 0;
  bool plan_check = false, plan_re_evaluate = false;
  auto* plan = app.add_subcommand(
      "plan", "일정 계획 / Schedule a campaign (re-planning keeps what is done or released)");
  plan->add_option("campaign", plan_campaign, "캠페인 코드 Campaign code")->required();
  plan->add_option("--seed", plan_seed,
                   "난수 씨앗 Seed to reproduce a plan (default: unpredictable)");
  plan->add_option("--reason", plan_reason,
                   "변경 사유 Why the plan changes (needed once the campaign has started)");
  plan->add_option("--top-up", plan_top_up,
                   "추가 평가 수 Extra contacts where grades are most uncertain")
      ->check(CLI::Range(0, 1000000));
  plan->add_option("--round", plan_top_up_round, "추가 평가 회차 Round of the extra contacts");
  plan->add_flag("--re-evaluate", plan_re_evaluate,
                 "재평가 One more contact for each employee coached (confirmed plan, a session "
                 "held)");
  plan->add_flag("--check", plan_check,
                 "점검만 Only report what cannot be scheduled; change nothing");
  plan->callback([&] {
    RunPlan(context, plan_campaign, plan_seed, plan_reason, plan_top_up, plan_top_up_round,
            plan_re_evaluate, plan_check);
  });

  std::string summary_campaign, summary_by = "week", summary_format = "text";
  auto* plan_summary = app.add_subcommand(
      "plan-summary", "계획 요약 / The stored plan per week, monitor, department or hour");
  plan_summary->add_option("campaign", summary_campaign, "캠페인 코드 Campaign code")->required();
  plan_summary->add_option("--by", summary_by, "week | monitor | department | hour")
      ->check(CLI::IsMember({"week", "monitor", "department", "hour"}));
  plan_summary->add_option("--format", summary_format, "text | csv | json")
      ->check(CLI::IsMember({"text", "csv", "json"}));
  plan_summary->callback(
      [&] { RunPlanSummary(context, summary_campaign, summary_by, summary_format); });

  std::string absence_employee, absence_monitor, absence_from, absence_to;
  auto* absence = app.add_subcommand("absence", "부재 / Absences the planner works around");
  absence->require_subcommand(1);
  auto* absence_add = absence->add_subcommand("add", "부재 등록 / Record an absence");
  absence_add->add_option("--employee-no", absence_employee, "직원번호 Employee");
  absence_add->add_option("--monitor-code", absence_monitor, "모니터요원 Monitor");
  absence_add->add_option("--from", absence_from, "시작일 First day YYYY-MM-DD")->required();
  absence_add->add_option("--to", absence_to, "종료일 Last day YYYY-MM-DD")->required();
  absence_add->callback(
      [&] { RunAbsenceAdd(context, absence_employee, absence_monitor, absence_from, absence_to); });

  std::string closure_date, closure_department, closure_reason;
  auto* closure = app.add_subcommand("closure", "휴무일 / Local closures (not working days)");
  closure->require_subcommand(1);
  auto* closure_add = closure->add_subcommand("add", "휴무일 등록 / Record a closure");
  closure_add->add_option("--date", closure_date, "날짜 Date YYYY-MM-DD")->required();
  closure_add->add_option("--department-code", closure_department,
                          "부서 Department (default: the whole organisation)");
  closure_add->add_option("--reason", closure_reason, "사유 Reason");
  closure_add->callback(
      [&] { RunClosureAdd(context, closure_date, closure_department, closure_reason); });

  std::string rescore_campaign, rescore_rubric;
  auto* rescore = app.add_subcommand(
      "rescore",
      "다시 채점 / Score a campaign's evaluations again under a rubric's latest version");
  rescore->add_option("campaign", rescore_campaign, "캠페인 코드 Campaign code")->required();
  rescore->add_option("--rubric", rescore_rubric, "평가표 코드 Rubric code")->required();
  rescore->callback([&] { RunRescore(context, rescore_campaign, rescore_rubric); });

  ServeRequest serve_request;
  auto* serve = app.add_subcommand(
      "serve", "웹 화면과 API 서버 / Serve the web pages and the JSON API until Ctrl-C");
  serve->add_option("--listen", serve_request.listen,
                    "주소:포트 Address and port (default 127.0.0.1:8080; port 0 = any)");
  serve->add_option("--web", serve_request.web_dir,
                    "웹 화면 폴더 Web pages folder (default: web/dist next to the program or in "
                    "the source tree; also CHINJEOL_WEB)");
  serve->add_option("--data", serve_request.data_dir,
                    "데이터 폴더 Data folder for recordings and uploads (default chinjeol-data)");
  serve
      ->add_option("--threads", serve_request.threads,
                   "작업 스레드 Request worker threads (default: one per core, at least 2)")
      ->check(CLI::Range(1, 256));
  serve
      ->add_option("--trusted-proxy", serve_request.trusted_proxies,
                   "신뢰하는 프록시 Proxies (ADDR[,ADDR]) whose X-Forwarded-For names the client; "
                   "from anyone else the header is ignored")
      ->delimiter(',');
  serve->add_flag("--https", serve_request.https,
                  "HTTPS 전용 Served over HTTPS only (at a proxy): Secure cookies and "
                  "Strict-Transport-Security");
  serve
      ->add_option("--max-connections", serve_request.max_connections,
                   "최대 연결 수 Open connections at most (default: half the open-file limit, at "
                   "most 10000)")
      ->check(CLI::Range(1, 1000000));
  serve
      ->add_option("--max-connections-per-address", serve_request.max_connections_per_address,
                   "주소별 최대 연결 수 Open connections at most per client address (default 64; "
                   "trusted proxies are exempt)")
      ->check(CLI::Range(1, 1000000));
  serve
      ->add_option("--header-timeout", serve_request.header_timeout_seconds,
                   "요청 헤더 시간 제한 Seconds to receive a whole request head (default 10)")
      ->check(CLI::Range(0.1, 3600.0));
  serve->callback([&] { RunServe(context, serve_request); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error, out, err);
    return code == 0 ? 0 : 2;
  }
  return context.status;
}  // namespace chinjeol::cli

}  // namespace chinjeol::cli
