#include "adapters/http/api.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "adapters/clock/clock.hpp"
#include "adapters/digest/digest.hpp"
#include "adapters/http/client_address.hpp"
#include "adapters/http/internal/call.hpp"
#include "adapters/http/internal/jobs.hpp"
#include "adapters/http/json_body.hpp"
#include "adapters/http/rate_limiter.hpp"
#include "adapters/http/router.hpp"
#include "adapters/http/static_files.hpp"
#include "core/auth/sign_in.hpp"
#include "core/common/text.hpp"

namespace chinjeol::http {
namespace {

using internal::Access;
using internal::BodyKind;
using internal::RouteSpec;

constexpr std::size_t kJsonLimit = 1 << 20;
constexpr std::size_t kRecordingLimit = 100u << 20;
constexpr std::size_t kTableFileLimit = 200u << 20;
constexpr std::string_view kSessionCookie = "chinjeol_session";

// The API. The OpenAPI document (/api/openapi.json) is generated from this table, and the
// secrecy test walks it.
const std::vector<RouteSpec>& RouteTable() {
  using namespace internal;
  static const std::vector<RouteSpec> routes = {
      {"GET", "/healthz", nullptr, Access::kPublic, BodyKind::kNone, "system",
       "200 when the database can be reached, 503 otherwise", "anyone", "", "", "Health"},
      {"GET", "/api/openapi.json", nullptr, Access::kPublic, BodyKind::kNone, "system",
       "This document", "anyone", "", "", "OpenApi"},
      {"POST", "/api/session", PostSession, Access::kPublic, BodyKind::kJson, "session",
       "Sign in: sets the session cookie; 401 for a wrong login or password, 429 when locked",
       "anyone", "", "SignIn", "Session"},
      {"GET", "/api/session", GetSession, Access::kSignedIn, BodyKind::kNone, "session",
       "The signed-in user and the CSRF token", "signed in", "", "", "Session"},
      {"DELETE", "/api/session", DeleteSession, Access::kSignedIn, BodyKind::kNone, "session",
       "Sign out the current browser", "signed in", "", "", ""},
      {"DELETE", "/api/sessions", DeleteSessions, Access::kSignedIn, BodyKind::kNone, "session",
       "Sign out everywhere: ends every session of the user", "signed in", "", "", ""},
      {"POST", "/api/password", PostPassword, Access::kSignedIn, BodyKind::kJson, "session",
       "Change the password; ends the user's other sessions", "signed in", "", "PasswordChange",
       ""},
      {"GET", "/api/users", GetUsers, Access::kSignedIn, BodyKind::kNone, "users", "Accounts",
       "admin", "", "", "UserList"},
      {"POST", "/api/users", PostUsersAudited, Access::kSignedIn, BodyKind::kJson, "users",
       "Create an account", "admin", "", "NewUser", "User"},
      {"PATCH", "/api/users/{login}", PatchUserAudited, Access::kSignedIn, BodyKind::kJson, "users",
       "End or restore an account, set a coach's caseload", "admin", "", "UserChange", "User"},
      {"DELETE", "/api/users/{login}/lockouts", DeleteLockouts, Access::kSignedIn, BodyKind::kNone,
       "users", "Lift the sign-in lockouts of a login from every network (audited)", "admin", "",
       "", ""},
      {"GET", "/api/campaigns", GetCampaigns, Access::kSignedIn, BodyKind::kNone, "campaigns",
       "Campaigns (counts for the admin and reviewers only)", "all but auditor", "", "",
       "CampaignList"},
      {"POST", "/api/campaigns/{code}/results-release", PostResultsRelease, Access::kSignedIn,
       BodyKind::kJson, "campaigns",
       "Publish the campaign's results to employees, department heads and coaches", "admin", "",
       "ResultsRelease", "Release"},
      {"GET", "/api/campaigns/{code}/plan", GetPlan, Access::kSignedIn, BodyKind::kNone,
       "campaigns", "The campaign's assignments, released or not (audited)", "admin",
       "page,page_size", "", "AssignmentPage"},
      {"GET", "/api/dashboard", GetDashboard, Access::kSignedIn, BodyKind::kNone, "campaigns",
       "Progress, score distribution, department ranking, item heat map, monthly trend", "admin",
       "campaign!", "", "Dashboard"},
      {"GET", "/api/my/assignments", GetMyAssignments, Access::kSignedIn, BodyKind::kNone,
       "fieldwork", "The monitor's own released assignments", "monitor", "campaign!", "",
       "AssignmentList"},
      {"GET", "/api/evaluations", GetEvaluations, Access::kSignedIn, BodyKind::kNone, "evaluations",
       "Evaluations of a campaign (own for monitors)", "admin, monitor, reviewer",
       "campaign!,state,page,page_size", "", "EvaluationPage"},
      {"POST", "/api/evaluations", PostEvaluations, Access::kSignedIn, BodyKind::kJson, "fieldwork",
       "Start a draft evaluation for a released assignment", "monitor", "", "NewEvaluation",
       "Evaluation"},
      {"GET", "/api/evaluations/{id}", GetEvaluation, Access::kSignedIn, BodyKind::kNone,
       "evaluations", "One evaluation with observations and score",
       "admin, own monitor, reviewer; released: coach (caseload), department head, employee", "",
       "", "Evaluation"},
      {"PUT", "/api/evaluations/{id}", PutEvaluation, Access::kSignedIn, BodyKind::kJson,
       "fieldwork", "Edit a draft or returned evaluation", "own monitor", "", "EvaluationChange",
       "Evaluation"},
      {"POST", "/api/evaluations/{id}/submission", PostSubmission, Access::kSignedIn,
       BodyKind::kJson, "fieldwork", "Submit for review (observations must be complete)",
       "own monitor", "", "Empty", "Evaluation"},
      {"POST", "/api/evaluations/{id}/review", PostReview, Access::kSignedIn, BodyKind::kJson,
       "evaluations", "Approve, return for correction (reason) or void (reason)", "admin, reviewer",
       "", "Review", "Evaluation"},
      {"PUT", "/api/evaluations/{id}/recording", PutRecording, Access::kSignedIn,
       BodyKind::kRecording, "fieldwork",
       "Upload the call recording (audio/mpeg, audio/mp4, audio/wav, audio/webm, audio/ogg; at "
       "most 100 MiB)",
       "own monitor", "", "", "Recording"},
      {"GET", "/api/evaluations/{id}/recording", GetRecording, Access::kSignedIn, BodyKind::kNone,
       "evaluations", "Download the call recording (audited)", "admin, own monitor, reviewer", "",
       "", "Audio"},
      {"GET", "/api/scores", GetScores, Access::kSignedIn, BodyKind::kNone, "results",
       "Fair scores at one level (coach and department head: released scores in scope)",
       "admin, coach, department head", "campaign!,level", "", "ScoreTable"},
      {"GET", "/api/my/results", GetMyResults, Access::kSignedIn, BodyKind::kNone, "results",
       "The employee's own released results", "employee", "campaign!", "", "OwnResults"},
      {"POST", "/api/my/results/{evaluation_id}/acknowledgement", PostAcknowledgement,
       Access::kSignedIn, BodyKind::kJson, "results", "Acknowledge a result", "employee", "",
       "Empty", ""},
      {"POST", "/api/my/results/{evaluation_id}/objection", PostObjection, Access::kSignedIn,
       BodyKind::kJson, "results", "Object to a result before the deadline", "employee", "",
       "ObjectionRequest", "Objection"},
      {"GET", "/api/objections", GetObjections, Access::kSignedIn, BodyKind::kNone, "results",
       "Objections (audited)", "admin", "campaign,state", "", "ObjectionList"},
      {"POST", "/api/objections/{id}/decision", PostObjectionDecision, Access::kSignedIn,
       BodyKind::kJson, "results", "Uphold (the evaluation is voided) or reject, with a reason",
       "admin", "", "ObjectionDecision", "Objection"},
      {"POST", "/api/campaigns/{code}/coaching-plans", PostCoachingPlans, Access::kSignedIn,
       BodyKind::kJson, "coaching",
       "Propose coaching plans from the released fair scores (audited)", "admin", "",
       "CoachingRules", "CoachingProposal"},
      {"GET", "/api/coaching/plans", GetCoachingPlans, Access::kSignedIn, BodyKind::kNone,
       "coaching", "Coaching plans, most urgent first (audited)",
       "admin, coach (own), department head (own department), employee (own)", "campaign!", "",
       "CoachingPlanList"},
      {"GET", "/api/coaching/plans/{id}", GetCoachingPlan, Access::kSignedIn, BodyKind::kNone,
       "coaching", "A coaching plan with its evidence and sessions (audited)",
       "admin, coach (own), department head (own department), employee (own)", "", "",
       "CoachingPlan"},
      {"POST", "/api/coaching/plans/{id}/confirmation", PostPlanConfirmation, Access::kSignedIn,
       BodyKind::kJson, "coaching", "Confirm a proposed plan with a coach", "admin", "",
       "PlanConfirmation", "CoachingPlanSummary"},
      {"POST", "/api/coaching/plans/{id}/sessions", PostPlanSession, Access::kSignedIn,
       BodyKind::kJson, "coaching",
       "Record a coaching session: agenda, notes, action points, follow-up", "coach (own), admin",
       "", "NewCoachingSession", "CoachingSession"},
      {"POST", "/api/coaching/sessions/{id}/confirmation", PostSessionConfirmation,
       Access::kSignedIn, BodyKind::kJson, "coaching", "Confirm a coaching session",
       "employee (own), coach (own)", "", "", "CoachingSession"},
      {"POST", "/api/coaching/actions/{id}/completion", PostActionCompletion, Access::kSignedIn,
       BodyKind::kJson, "coaching", "Mark an action point done", "employee (own), coach (own)", "",
       "", "CoachingSession"},
      {"GET", "/api/my/coaching", GetMyCoaching, Access::kSignedIn, BodyKind::kNone, "coaching",
       "The employee's own confirmed coaching plan", "employee", "campaign!", "", "OwnCoaching"},
      {"GET", "/api/coaching/library", GetCoachingLibrary, Access::kSignedIn, BodyKind::kNone,
       "coaching", "The coaching library: what good looks like per item", "all", "", "",
       "CoachingLibrary"},
      {"PUT", "/api/coaching/library/{item_id}", PutCoachingLibraryModule, Access::kSignedIn,
       BodyKind::kJson, "coaching", "Edit one module of the library (audited)", "admin", "",
       "CoachingModuleChange", "CoachingModule"},
      {"GET", "/api/effect", GetEffect, Access::kSignedIn, BodyKind::kNone, "coaching",
       "The measured effect of coaching or training, with its 90 % interval", "admin",
       "campaign!,of!", "", "Effect"},
      {"GET", "/api/training", GetTraining, Access::kSignedIn, BodyKind::kNone, "coaching",
       "Training sessions with their attendance, by date", "admin", "", "", "TrainingList"},
      {"POST", "/api/training", PostTraining, Access::kSignedIn, BodyKind::kJson, "coaching",
       "Record a training session with its attendance, replacing one with the same code "
       "(audited)",
       "admin", "", "NewTrainingSession", "TrainingSession"},
      {"GET", "/api/training/completion", GetTrainingCompletion, Access::kSignedIn, BodyKind::kNone,
       "coaching", "Active employees who attended training, per department and in total (audited)",
       "admin", "", "", "TrainingCompletion"},
      {"GET", "/api/training/history", GetTrainingHistory, Access::kSignedIn, BodyKind::kNone,
       "coaching", "The training sessions one employee attended, by date (audited)",
       "admin, coach (caseload), department head (own department), employee (own)", "employee_no!",
       "", "TrainingHistory"},
      {"GET", "/api/departments", GetDepartments, Access::kSignedIn, BodyKind::kNone,
       "organisation", "Departments", "admin, reviewer, coach (caseload), department head (own)",
       "", "", "DepartmentList"},
      {"GET", "/api/employees", GetEmployees, Access::kSignedIn, BodyKind::kNone, "organisation",
       "Employees (audited; reviewers get numbers only)",
       "admin, reviewer, coach (caseload), department head (own)", "department,page,page_size", "",
       "EmployeePage"},
      {"GET", "/api/monitors", GetMonitors, Access::kSignedIn, BodyKind::kNone, "organisation",
       "Monitors with names (audited); a monitor sees only themself", "admin, monitor (self)", "",
       "", "MonitorList"},
      {"GET", "/api/rubrics", GetRubrics, Access::kSignedIn, BodyKind::kNone, "organisation",
       "Rubric versions", "admin, monitor, reviewer, coach", "", "", "RubricList"},
      {"POST", "/api/rubrics", PostRubrics, Access::kSignedIn, BodyKind::kJson, "organisation",
       "Add a new version of a rubric", "admin", "", "RubricDefinition", "Rubric"},
      {"GET", "/api/scenarios", GetScenarios, Access::kSignedIn, BodyKind::kNone, "organisation",
       "Scenarios (monitors: those of their released assignments)", "admin, monitor, reviewer", "",
       "", "ScenarioList"},
      {"POST", "/api/imports/{kind}", PostImport, Access::kSignedIn, BodyKind::kTableFile,
       "organisation",
       "Import roster, monitors, scenarios or evaluations from a CSV or XLSX body in the "
       "background",
       "admin", "pending,deactivate_missing", "", "Job"},
      {"GET", "/api/jobs/{id}", GetJob, Access::kSignedIn, BodyKind::kNone, "organisation",
       "Progress of a background job", "admin", "", "", "Job"},
      {"GET", "/api/audit-log", GetAuditLog, Access::kSignedIn, BodyKind::kNone, "audit",
       "The access log, newest first (reading it is logged too)", "admin, auditor",
       "subject,login,page,page_size", "", "AuditPage"},
      {"GET", "/api/audit-log/verification", GetAuditVerification, Access::kSignedIn,
       BodyKind::kNone, "audit", "Check the keyed hash chain of the whole access log",
       "admin, auditor", "", "", "AuditVerification"},
      {"GET", "/api/audit-log/head", GetAuditHead, Access::kSignedIn, BodyKind::kNone, "audit",
       "The chain's last hash, to keep on write-once storage (the export is logged)",
       "admin, auditor", "", "", "AuditHead"},
  };
  return routes;
}

bool ChangesState(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// The value of cookie `name`, or empty.
std::string_view CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const std::size_t semicolon = header.find(';');
    std::string_view pair = Trim(header.substr(0, semicolon));
    const std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && Trim(pair.substr(0, equals)) == name) {
      return Trim(pair.substr(equals + 1));
    }
    if (semicolon == std::string_view::npos) break;
    header.remove_prefix(semicolon + 1);
  }
  return {};
}

std::string HexOf(const unsigned char* bytes, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex += kHex[bytes[i] >> 4];
    hex += kHex[bytes[i] & 0x0f];
  }
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void MakeDir(const std::string& path) { ::mkdir(path.c_str(), 0700); }

}  // namespace

namespace internal {

std::string ClientNetwork(const HttpRequest& request) {
  return NetworkOf(request.remote_address, 24, 64);
}

std::string TokenHash(std::string_view token) { return digest::Sha256Hex(token); }

std::string RandomToken() {
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return HexOf(bytes.data(), bytes.size());
}

auth::Decision Decide(const Call& call, auth::Action action, const auth::Subject& subject) {
  if (!call.signed_in()) return {};
  return auth::Decide(call.actor, action, subject);
}

bool RoleMay(const Call& call, auth::Action action) {
  return call.signed_in() && auth::RoleMay(call.actor.role, action);
}

auth::AuditEntry AuditStamp(const Call& call) {
  auth::AuditEntry entry;
  entry.at = clock::UtcText(call.now);
  if (call.signed_in()) {
    entry.user_id = call.actor.user_id;
    entry.login = call.actor.login;
    entry.role = auth::RoleCode(call.actor.role);
  }
  entry.ip = call.request.remote_address;
  entry.action = call.request.method + " " + call.route.pattern;
  return entry;
}

Result<void> Audit(Call& call, std::string_view subject_kind, std::string_view subject,
                   std::string_view detail) {
  auth::AuditEntry entry = AuditStamp(call);
  entry.subject_kind = std::string(subject_kind);
  entry.subject = std::string(subject);
  entry.detail = std::string(detail);
  return call.storage.audit_log().Append({entry});
}

std::string MonitorRef(Call& call, std::string_view campaign_code, std::string_view monitor_code) {
  std::string key;
  {
    std::lock_guard<std::mutex> lock(call.shared.key_mutex);
    if (call.shared.monitor_ref_key.empty()) {
      Result<std::string> stored =
          call.storage.sessions().SecretValue("monitor_ref_key", RandomToken());
      if (stored) call.shared.monitor_ref_key = *stored;
    }
    key = call.shared.monitor_ref_key;
  }
  if (key.empty()) return "MR-unknown";
  const std::string message = std::string(campaign_code) + "\n" + std::string(monitor_code);
  // Ten hex digits (40 bits) of the HMAC: unguessable, short enough to read.
  return "MR-" + digest::HmacSha256Hex(key, message).substr(0, 10);
}

HttpResponse NotFoundResponse(std::string_view what) {
  return ErrorResponse(Error(ErrorCode::kNotFound, std::string(what)));
}

HttpResponse ForbiddenResponse() {
  return ErrorResponse(Error(ErrorCode::kPermissionDenied, "권한이 없습니다"));
}

std::optional<HttpResponse> ReadPaging(const HttpRequest& request, Paging& paging) {
  const auto read = [&](std::string_view name, long& target, long max) -> bool {
    const std::optional<std::string_view> text = request.Query(name);
    if (!text) return true;
    long value = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size() || value < 1 || value > max) {
      return false;
    }
    target = value;
    return true;
  };
  if (!read("page", paging.page, 1000000000L)) {
    return ErrorResponse(InvalidArgument("page는 1 이상의 정수입니다", {{"page", "must be >= 1"}}));
  }
  if (!read("page_size", paging.page_size, 500)) {
    return ErrorResponse(
        InvalidArgument("page_size는 1-500입니다", {{"page_size", "must be 1-500"}}));
  }
  return std::nullopt;
}

boost::json::object PageObject(boost::json::array items, const Paging& paging, long total) {
  return boost::json::object{{"items", std::move(items)},
                             {"page", paging.page},
                             {"page_size", paging.page_size},
                             {"total", total}};
}

std::optional<HttpResponse> RequireQuery(const HttpRequest& request, std::string_view name,
                                         std::string& value) {
  const std::optional<std::string_view> found = request.Query(name);
  if (!found || found->empty()) {
    return ErrorResponse(InvalidArgument(std::string(name) + " 매개변수가 필요합니다",
                                         {{std::string(name), "required query parameter"}}));
  }
  value = std::string(*found);
  return std::nullopt;
}

std::optional<HttpResponse> PathId(const HttpRequest& request, std::string_view name,
                                   std::int64_t& id) {
  const std::string_view text = request.PathParam(name);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return NotFoundResponse();
  }
  return std::nullopt;
}

boost::json::value OptionalNumber(const std::optional<double>& value) {
  if (!value) return nullptr;
  return *value;
}

boost::json::value OptionalText(const std::optional<std::string>& value) {
  if (!value) return nullptr;
  return boost::json::string(*value);
}

std::shared_ptr<const auth::SessionWithUser> CachedSessionFor(Shared& shared,
                                                              const std::string& hash,
                                                              std::int64_t now) {
  std::lock_guard<std::mutex> lock(shared.scores_mutex);
  const auto found = shared.sessions.find(hash);
  if (found == shared.sessions.end()) return nullptr;
  const auth::SessionWithUser& session = *found->second.session;
  if (now - found->second.fetched_at >= kCacheSeconds ||
      auth::IsSessionExpired(session.session, now) ||
      auth::NeedsLastSeenUpdate(session.session, now) || !session.user.active) {
    return nullptr;
  }
  return found->second.session;
}

void RememberSession(Shared& shared, const std::string& hash, const auth::SessionWithUser& session,
                     std::int64_t now) {
  std::lock_guard<std::mutex> lock(shared.scores_mutex);
  // Bounded: a flood of sessions empties the cache rather than growing it.
  if (shared.sessions.size() > 100000) shared.sessions.clear();
  shared.sessions[hash] = {std::make_shared<const auth::SessionWithUser>(session), now};
}

std::optional<HttpResponse> CachedDashboard(Shared& shared, const std::string& campaign_code,
                                            std::int64_t now) {
  std::lock_guard<std::mutex> lock(shared.scores_mutex);
  const auto cached = shared.dashboards.find(campaign_code);
  if (cached == shared.dashboards.end() || now - cached->second.computed_at >= 30) {
    return std::nullopt;
  }
  HttpResponse response;
  response.shared_body = cached->second.body;
  response.SetHeader("Content-Type", "application/json; charset=utf-8");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

std::optional<HttpResponse> CachedOwnResults(Shared& shared, std::int64_t user_id,
                                             const std::string& campaign_code, std::int64_t now) {
  std::lock_guard<std::mutex> lock(shared.scores_mutex);
  const auto cached = shared.own_results.find({user_id, campaign_code});
  if (cached == shared.own_results.end() || now - cached->second.computed_at >= kCacheSeconds) {
    return std::nullopt;
  }
  HttpResponse response;
  response.shared_body = cached->second.body;
  response.SetHeader("Content-Type", "application/json; charset=utf-8");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

void RememberOwnResults(Shared& shared, std::int64_t user_id, const std::string& campaign_code,
                        const std::string& body, std::int64_t now) {
  std::lock_guard<std::mutex> lock(shared.scores_mutex);
  if (shared.own_results.size() > 100000) shared.own_results.clear();
  shared.own_results[{user_id, campaign_code}] = {std::make_shared<const std::string>(body), now};
}

Result<std::shared_ptr<const programme::ScoreTable>> AdminScores(Call& call,
                                                                 std::string_view campaign_code) {
  const std::string key(campaign_code);
  {
    std::lock_guard<std::mutex> lock(call.shared.scores_mutex);
    const auto found = call.shared.scores.find(key);
    if (found != call.shared.scores.end() && call.now - found->second.computed_at < 60) {
      return found->second.table;
    }
  }
  Result<programme::ScoreTable> table = programme::ComputeScores(call.storage, campaign_code);
  if (!table) return table.error();
  auto shared = std::make_shared<const programme::ScoreTable>(*std::move(table));
  std::lock_guard<std::mutex> lock(call.shared.scores_mutex);
  call.shared.scores[key] = {shared, call.now};
  return std::shared_ptr<const programme::ScoreTable>(shared);
}

}  // namespace internal

struct Api::State {
  std::vector<std::unique_ptr<ports::Storage>> storages;  // one per worker
  internal::Shared shared;
  Router router;
  std::unique_ptr<internal::JobRunner> jobs;
  std::unique_ptr<RateLimiter> password_checks;  // per client address
};

Api::Api() : state_(std::make_unique<State>()) {}

Api::~Api() { StopJobs(); }

const std::vector<internal::RouteSpec>& Api::Routes() { return RouteTable(); }

Result<std::unique_ptr<Api>> Api::Create(const ApiOptions& options, const ApiServices& services) {
  if (sodium_init() < 0) return Internal("libsodium could not be initialised");
  if (services.hasher == nullptr || !services.open_storage) {
    return Internal("the web API needs storage and a password hasher");
  }
  std::unique_ptr<Api> api(new Api());
  State& state = *api->state_;
  // The main pool's workers first, then the slow pool's (see Server).
  const std::size_t workers =
      std::max<std::size_t>(1, options.workers) + std::max<std::size_t>(1, options.slow_workers);
  for (std::size_t i = 0; i < workers; ++i) {
    Result<std::unique_ptr<ports::Storage>> storage = services.open_storage(options.database_url);
    if (!storage) return storage.error();
    state.storages.push_back(*std::move(storage));
  }
  Result<std::unique_ptr<ports::Storage>> job_storage = services.open_storage(options.database_url);
  if (!job_storage) return job_storage.error();
  Result<std::string> decoy = services.hasher->Hash("an unknown login's decoy password");
  if (!decoy) return decoy.error();
  internal::Shared& shared = state.shared;
  shared.hasher = services.hasher;
  shared.clock = services.clock != nullptr ? services.clock : &clock::SystemClock();
  shared.decoy_hash = *std::move(decoy);
  shared.secure_cookies = options.secure_cookies;
  state.password_checks =
      std::make_unique<RateLimiter>(options.sign_in_burst, options.sign_in_per_minute / 60.0);
  shared.data_dir = options.data_dir;
  shared.web_dir = options.web_dir;
  shared.open_table = services.open_table;
  MakeDir(shared.data_dir);
  MakeDir(shared.data_dir + "/tmp");
  MakeDir(shared.data_dir + "/recordings");
  MakeDir(shared.data_dir + "/imports");
  struct stat info {};
  if (::stat((shared.data_dir + "/tmp").c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return Error(ErrorCode::kUnavailable,
                 "cannot create the data folder " + shared.data_dir + " (--data DIR)");
  }
  state.jobs = std::make_unique<internal::JobRunner>(
      *std::move(job_storage), *shared.clock, services.open_table,
      [&shared](std::int64_t job, double fraction, long rows) {
        std::lock_guard<std::mutex> lock(shared.progress_mutex);
        if (fraction < 0) {
          shared.progress.erase(job);
        } else {
          shared.progress[job] = {fraction, rows};
        }
      },
      [&shared] { shared.ForgetCaches(); });
  shared.jobs = state.jobs.get();
  const std::vector<RouteSpec>& routes = RouteTable();
  for (std::size_t i = 0; i < routes.size(); ++i) {
    state.router.Add(routes[i].method, routes[i].pattern, i);
  }
  return api;
}

void Api::StopJobs() {
  if (state_ && state_->jobs) state_->jobs->Stop();
}

BodyPlan Api::PlanBody(const HttpRequest& request) const {
  BodyPlan plan;
  plan.limit = kJsonLimit;
  const Router::Match match = state_->router.Find(request.method, request.path);
  if (match.outcome != Router::Outcome::kFound) return plan;
  const RouteSpec& route = RouteTable()[match.route->id];
  if (route.body == BodyKind::kRecording || route.body == BodyKind::kTableFile) {
    plan.to_file = true;
    plan.limit = route.body == BodyKind::kRecording ? kRecordingLimit : kTableFileLimit;
    plan.file_dir = state_->shared.data_dir + "/tmp";
  }
  return plan;
}

std::optional<HttpResponse> Api::Admit(HttpRequest& request, std::size_t worker) {
  HttpResponse response = Dispatch(request, worker, true);
  if (response.status == 100) return std::nullopt;
  response.close_connection = true;
  return response;
}

std::optional<HttpResponse> Api::AnswerAtOnce(HttpRequest& request) {
  if (request.method != "GET") return std::nullopt;
  const bool own_results = request.path == "/api/my/results";
  if (!own_results && request.path != "/api/dashboard") return std::nullopt;
  const std::string_view token = CookieValue(request.Header("cookie"), kSessionCookie);
  const std::optional<std::string_view> campaign = request.Query("campaign");
  if (token.empty() || !campaign || campaign->empty()) return std::nullopt;
  const std::int64_t now = state_->shared.clock->UnixNow();
  const std::shared_ptr<const auth::SessionWithUser> session =
      internal::CachedSessionFor(state_->shared, internal::TokenHash(token), now);
  if (!session) return std::nullopt;
  const auth::Role role = session->user.role;
  std::optional<HttpResponse> response;
  if (own_results) {
    if (!auth::RoleMay(role, auth::Action::kReadOwnResults)) return std::nullopt;
    response =
        internal::CachedOwnResults(state_->shared, session->user.id, std::string(*campaign), now);
  } else {
    if (!auth::RoleMay(role, auth::Action::kReadDashboard)) return std::nullopt;
    response = internal::CachedDashboard(state_->shared, std::string(*campaign), now);
  }
  if (response) request.route = request.path;
  return response;
}

namespace {

// The requests that check a password (and so run Argon2id).
bool ChecksPassword(const HttpRequest& request) {
  return request.method == "POST" &&
         (request.path == "/api/session" || request.path == "/api/password");
}

}  // namespace

std::optional<HttpResponse> Api::Screen(HttpRequest& request) {
  if (!ChecksPassword(request)) return std::nullopt;
  const double now =
      std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  // The client's own address (an IPv6 client: its /64), so that one client cannot use up the
  // checks of its neighbours.
  const double wait = state_->password_checks->Take(NetworkOf(request.remote_address, 32, 64), now);
  if (wait <= 0) return std::nullopt;
  request.route = request.path;
  HttpResponse response = http::ErrorResponse(Error(
      ErrorCode::kTooManyRequests, "로그인 시도가 너무 잦습니다. 잠시 후 다시 시도해 주세요"));
  response.SetHeader("Retry-After", std::to_string(static_cast<long>(std::ceil(wait))));
  return response;
}

bool Api::UsesSlowPool(const HttpRequest& request) const {
  return ChecksPassword(request) || (request.method == "POST" && request.path == "/api/users");
}

HttpResponse Api::Handle(HttpRequest& request, std::size_t worker) {
  return Dispatch(request, worker, false);
}

HttpResponse Api::ErrorResponse(const Error& error) const { return http::ErrorResponse(error); }

HttpResponse Api::Dispatch(HttpRequest& request, std::size_t worker, bool admit_only) {
  State& state = *state_;
  ports::Storage& storage = *state.storages.at(worker);
  const bool api_path =
      request.path == "/healthz" || request.path.starts_with("/api/") || request.path == "/api";
  if (!api_path) {
    if (request.method != "GET" && request.method != "HEAD") {
      HttpResponse response =
          http::ErrorResponse(Error(ErrorCode::kMethodNotAllowed, "허용되지 않는 메서드입니다"));
      response.SetHeader("Allow", "GET, HEAD");
      return response;
    }
    request.route = "(web)";
    return ServeStatic(state.shared.web_dir, request);
  }
  const Router::Match match = state.router.Find(request.method, request.path);
  if (match.outcome == Router::Outcome::kNoPath) {
    return http::ErrorResponse(NotFound("없는 API 경로입니다"));
  }
  if (match.outcome == Router::Outcome::kWrongMethod) {
    HttpResponse response =
        http::ErrorResponse(Error(ErrorCode::kMethodNotAllowed, "허용되지 않는 메서드입니다"));
    response.SetHeader("Allow", Join(match.allowed_methods, ", "));
    return response;
  }
  const RouteSpec& route = RouteTable()[match.route->id];
  request.route = route.pattern;
  request.path_params = match.params;
  if (route.handler == nullptr) {
    if (request.path == "/healthz") {
      Result<auth::StoredLoginAttempts> ping = storage.sessions().FindLoginAttempts("", "");
      if (!ping) {
        return http::ErrorResponse(
            Error(ErrorCode::kUnavailable, "데이터베이스에 연결할 수 없습니다"));
      }
      return JsonResponse(200, boost::json::object{{"status", "ok"}});
    }
    static const std::string document = OpenApiDocument();
    HttpResponse response;
    response.body = document;
    response.SetHeader("Content-Type", "application/json; charset=utf-8");
    response.SetHeader("Cache-Control", "no-cache");
    return response;
  }

  internal::Call call{request,
                      storage,
                      state.shared,
                      route,
                      state.shared.clock->UnixNow(),
                      state.shared.clock->LocalNow(),
                      std::nullopt,
                      {}};
  const std::string_view token = CookieValue(request.Header("cookie"), kSessionCookie);
  if (!token.empty()) {
    const std::string hash = internal::TokenHash(token);
    if (const auto cached = internal::CachedSessionFor(state.shared, hash, call.now)) {
      call.session = *cached;
    } else {
      Result<std::optional<auth::SessionWithUser>> session =
          auth::ResumeSession(storage.sessions(), hash, call.now);
      if (!session) {
        spdlog::error("session lookup failed: {}", session.error().message());
        return http::ErrorResponse(session.error());
      }
      if (*session) internal::RememberSession(state.shared, hash, **session, call.now);
      call.session = *std::move(session);
    }
    if (call.session) call.actor = auth::ActorFor(call.session->user);
  }
  if (route.access == Access::kSignedIn && !call.signed_in()) {
    return http::ErrorResponse(Error(ErrorCode::kUnauthenticated, "로그인이 필요합니다"));
  }
  const bool sign_in = request.method == "POST" && request.route == "/api/session";
  if (ChangesState(request.method) && !sign_in) {
    const std::string_view sent = request.Header("x-csrf-token");
    if (!call.signed_in() || sent.empty() ||
        !ConstantTimeEquals(sent, call.session->session.csrf_token)) {
      return http::ErrorResponse(
          Error(ErrorCode::kPermissionDenied, "CSRF 토큰이 없거나 맞지 않습니다",
                {{"X-CSRF-Token", "send the csrf_token of GET /api/session"}}));
    }
  }
  if (admit_only) {
    if (route.body == BodyKind::kRecording) {
      if (std::optional<HttpResponse> refused = internal::AdmitRecording(call)) return *refused;
    }
    if (route.body == BodyKind::kTableFile &&
        !internal::Decide(call, auth::Action::kImport).allowed) {
      return internal::ForbiddenResponse();
    }
    HttpResponse go_ahead;
    go_ahead.status = 100;
    return go_ahead;
  }
  try {
    HttpResponse response = route.handler(call);
    if (ChangesState(request.method) && response.status < 300) state.shared.ForgetCaches();
    return response;
  } catch (const std::exception& failure) {
    spdlog::error("{} {} failed: {}", request.method, route.pattern, failure.what());
    return http::ErrorResponse(Error(ErrorCode::kInternal, failure.what()));
  }
}

}  // namespace chinjeol::http
