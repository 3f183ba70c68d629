#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/http/http_message.hpp"
#include "adapters/http/json_body.hpp"
#include "core/auth/password_hasher.hpp"
#include "core/auth/policy.hpp"
#include "core/auth/session.hpp"
#include "core/common/clock.hpp"
#include "core/common/date.hpp"
#include "core/ports/storage.hpp"
#include "core/programme/scores.hpp"
#include "core/results/results_repository.hpp"
#include "core/tables/table_source.hpp"

// What the route handlers of the web API share: the request context and helpers. Route files
// include this header only, never the server.
namespace chinjeol::http::internal {

class JobRunner;

// Who may call a route at all, before the access policy looks at it.
enum class Access {
  kPublic,    // anyone, signed in or not
  kSignedIn,  // a valid session (401 otherwise)
};

// How a route takes its request body.
enum class BodyKind {
  kNone,
  kJson,       // application/json, at most 1 MiB
  kRecording,  // audio, streamed to a file, at most 100 MiB
  kTableFile,  // CSV or XLSX, streamed to a file, at most 200 MiB
};

struct Call;
using RouteHandler = HttpResponse (*)(Call& call);

// One route of the API, with what the OpenAPI document says about it.
struct RouteSpec {
  const char* method;
  const char* pattern;
  RouteHandler handler;
  Access access;
  BodyKind body;
  const char* tag;
  const char* summary;
  const char* roles;     // who may call it, for people (docs/api.md)
  const char* query;     // "campaign!,state,page,page_size": "!" = required
  const char* request;   // schema name of the JSON body, or ""
  const char* response;  // schema name of the 2xx body, or "" (204)
};

// State shared by every worker: configuration, adapters, caches.
struct Shared {
  const auth::PasswordHasher* hasher = nullptr;
  const Clock* clock = nullptr;  // the time of every request
  std::string decoy_hash;        // a hash to verify against for unknown logins
  bool secure_cookies = false;   // Secure on session cookies whatever the request says
  std::string data_dir;
  std::string web_dir;  // empty: no web assets
  std::function<Result<std::unique_ptr<tables::TableSource>>(const std::string& path)> open_table;
  JobRunner* jobs = nullptr;

  // Key of the monitor pseudonyms (from the database, the same on every server).
  std::mutex key_mutex;
  std::string monitor_ref_key;

  // Fair scores per campaign for the admin, recomputed when older than a minute or after a
  // change made through this server.
  struct CachedScores {
    std::shared_ptr<const programme::ScoreTable> table;
    std::int64_t computed_at = 0;
  };
  std::mutex scores_mutex;
  std::map<std::string, CachedScores> scores;
  // Live progress of the imports this server runs: job id -> (fraction, rows).
  std::mutex progress_mutex;
  std::map<std::int64_t, std::pair<double, long>> progress;

  // The dashboard per campaign, serialized, kept for half a minute (it aggregates every
  // contact of a campaign; the admin's overview may lag fieldwork that much).
  struct CachedBody {
    std::shared_ptr<const std::string> body;  // shared with responses being written
    std::int64_t computed_at = 0;
  };
  std::map<std::string, CachedBody> dashboards;

  // Sessions looked up in the last seconds, by token hash, so that a busy browser does not ask
  // the database on every request. A change made through this server (sign-out, password,
  // account) clears them at once; on other servers of the same database it shows within
  // kCacheSeconds.
  struct CachedSession {
    std::shared_ptr<const auth::SessionWithUser> session;
    std::int64_t fetched_at = 0;
  };
  std::map<std::string, CachedSession> sessions;
  // An employee's own results per (user, campaign), serialized, for the same few seconds.
  std::map<std::pair<std::int64_t, std::string>, CachedBody> own_results;

  // Drops every cached answer: called after any change made through this server.
  void ForgetCaches() {
    std::lock_guard<std::mutex> lock(scores_mutex);
    scores.clear();
    dashboards.clear();
    sessions.clear();
    own_results.clear();
  }
};

// How long a looked-up session or an employee's own results are reused.
inline constexpr std::int64_t kCacheSeconds = 2;

// The session of a token hash from the cache, when fresh, still valid at `now` and not due a
// last-seen update; empty otherwise.
std::shared_ptr<const auth::SessionWithUser> CachedSessionFor(Shared& shared,
                                                              const std::string& hash,
                                                              std::int64_t now);
void RememberSession(Shared& shared, const std::string& hash, const auth::SessionWithUser& session,
                     std::int64_t now);

// Cached answers, when fresh (see Shared): the dashboard of a campaign, a user's own results.
std::optional<HttpResponse> CachedDashboard(Shared& shared, const std::string& campaign_code,
                                            std::int64_t now);
std::optional<HttpResponse> CachedOwnResults(Shared& shared, std::int64_t user_id,
                                             const std::string& campaign_code, std::int64_t now);
void RememberOwnResults(Shared& shared, std::int64_t user_id, const std::string& campaign_code,
                        const std::string& body, std::int64_t now);

// One request in progress.
struct Call {
  HttpRequest& request;
  ports::Storage& storage;
  Shared& shared;
  const RouteSpec& route;
  std::int64_t now = 0;     // Unix seconds
  LocalDateTime local_now;  // the organisation's wall-clock time
  std::optional<auth::SessionWithUser> session;
  auth::Actor actor;  // meaningful when signed in
  bool signed_in() const { return session.has_value(); }
};

// The network whose password checks count together: IPv4 /24, IPv6 /64 of the client address.
std::string ClientNetwork(const HttpRequest& request);

// Hex SHA-256 of a session token (what the database keeps), and a fresh random token.
std::string TokenHash(std::string_view token);
std::string RandomToken();

// The policy's answer for this call.
auth::Decision Decide(const Call& call, auth::Action action, const auth::Subject& subject = {});

// Whether the caller's role may perform the action on some record at all.
bool RoleMay(const Call& call, auth::Action action);

// The audit log's record of this request, whose data still to be filled in: who (the caller),
// when (now), from where (the client address) and which route.
auth::AuditEntry AuditStamp(const Call& call);

// Writes one audit entry (who: the caller; when: now; from where: the client address). A read
// must not go ahead when this fails.
Result<void> Audit(Call& call, std::string_view subject_kind, std::string_view subject,
                   std::string_view detail = {});

// The pseudonym of a monitor within a campaign: stable, unguessable without the server's key.
std::string MonitorRef(Call& call, std::string_view campaign_code, std::string_view monitor_code);

// The same 404 for "does not exist" and "not yours".
HttpResponse NotFoundResponse(std::string_view what = "찾을 수 없습니다");
HttpResponse ForbiddenResponse();

// ?page=&page_size= (1-based page, size 1..500, default 50); the error response when invalid.
struct Paging {
  long page = 1;
  long page_size = 50;
  long offset() const { return (page - 1) * page_size; }
};
std::optional<HttpResponse> ReadPaging(const HttpRequest& request, Paging& paging);
boost::json::object PageObject(boost::json::array items, const Paging& paging, long total);

// A required query parameter; the error response when missing.
std::optional<HttpResponse> RequireQuery(const HttpRequest& request, std::string_view name,
                                         std::string& value);
// A positive integer path parameter; the 404 response when it is not one.
std::optional<HttpResponse> PathId(const HttpRequest& request, std::string_view name,
                                   std::int64_t& id);

boost::json::value OptionalNumber(const std::optional<double>& value);
boost::json::value OptionalText(const std::optional<std::string>& value);

// Scores for the admin (cached, see Shared::CachedScores).
Result<std::shared_ptr<const programme::ScoreTable>> AdminScores(Call& call,
                                                                 std::string_view campaign_code);

// One line of an evaluation list as JSON, with the monitor shown as `view` allows.
boost::json::object EvaluationRowJson(Call& call, const results::EvaluationRow& row,
                                      auth::MonitorView view);
boost::json::object ObjectionJson(const results::Objection& objection);

// Route handlers, by file.
// routes_session.cpp
HttpResponse PostSession(Call& call);
HttpResponse GetSession(Call& call);
HttpResponse DeleteSession(Call& call);
HttpResponse DeleteSessions(Call& call);
HttpResponse PostPassword(Call& call);
HttpResponse GetUsers(Call& call);
HttpResponse PostUsers(Call& call);
HttpResponse PatchUser(Call& call);
HttpResponse DeleteLockouts(Call& call);
boost::json::object UserJson(const auth::User& user, bool with_monitor);
// routes_results.cpp
HttpResponse GetCampaigns(Call& call);
HttpResponse PostResultsRelease(Call& call);
HttpResponse GetDashboard(Call& call);
HttpResponse GetScores(Call& call);
HttpResponse GetMyResults(Call& call);
HttpResponse PostAcknowledgement(Call& call);
HttpResponse PostObjection(Call& call);
HttpResponse GetObjections(Call& call);
HttpResponse PostObjectionDecision(Call& call);
// routes_coaching.cpp
HttpResponse PostCoachingPlans(Call& call);
HttpResponse GetCoachingPlans(Call& call);
HttpResponse GetCoachingPlan(Call& call);
HttpResponse PostPlanConfirmation(Call& call);
HttpResponse PostPlanSession(Call& call);
HttpResponse PostSessionConfirmation(Call& call);
HttpResponse PostActionCompletion(Call& call);
HttpResponse GetMyCoaching(Call& call);
HttpResponse GetCoachingLibrary(Call& call);
HttpResponse PutCoachingLibraryModule(Call& call);
HttpResponse GetEffect(Call& call);
// routes_training.cpp
HttpResponse GetTraining(Call& call);
HttpResponse PostTraining(Call& call);
HttpResponse GetTrainingCompletion(Call& call);
HttpResponse GetTrainingHistory(Call& call);
// routes_evaluations.cpp
HttpResponse GetPlan(Call& call);
HttpResponse GetMyAssignments(Call& call);
HttpResponse GetEvaluations(Call& call);
HttpResponse PostEvaluations(Call& call);
HttpResponse GetEvaluation(Call& call);
HttpResponse PutEvaluation(Call& call);
HttpResponse PostSubmission(Call& call);
HttpResponse PostReview(Call& call);
HttpResponse PutRecording(Call& call);
HttpResponse GetRecording(Call& call);
// Whether the caller may stream a recording into evaluation {id} (before the body is read).
std::optional<HttpResponse> AdmitRecording(Call& call);
// routes_org.cpp
HttpResponse GetDepartments(Call& call);
HttpResponse GetEmployees(Call& call);
HttpResponse GetMonitors(Call& call);
HttpResponse GetRubrics(Call& call);
HttpResponse PostRubrics(Call& call);
HttpResponse GetScenarios(Call& call);
HttpResponse PostImport(Call& call);
HttpResponse GetJob(Call& call);
HttpResponse GetAuditLog(Call& call);
HttpResponse GetAuditVerification(Call& call);
HttpResponse GetAuditHead(Call& call);
// The users routes with an audit entry for each account created or changed.
HttpResponse PostUsersAudited(Call& call);
HttpResponse PatchUserAudited(Call& call);

}  // namespace chinjeol::http::internal
