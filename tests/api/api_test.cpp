// The web API against a real server on a free port, on SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "adapters/digest/digest.hpp"
#include "adapters/storage/sql/connection.hpp"
#include "adapters/storage/sql/sqlite_connection.hpp"
#include "adapters/storage/sql_audit_log.hpp"
#include "adapters/storage/storage_factory.hpp"
#include "adapters/system/audit_key.hpp"
#include "core/auth/session.hpp"
#include "tests/api/api_world.hpp"

namespace chinjeol::api_testing {
namespace {

using testing::Engine;

class ApiTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override { CHINJEOL_CREATE_API_WORLD(world_, GetParam()); }

  const ApiWorld& world() const { return *world_; }
  std::string Id(const char* name) const { return std::to_string(world_->evaluation(name)); }

  std::unique_ptr<ApiWorld> world_;
};

boost::json::object Object(const Reply& reply) {
  const boost::json::value json = ParseJson(reply.body);
  EXPECT_TRUE(json.is_object()) << reply.status << " " << reply.body;
  return json.is_object() ? json.as_object() : boost::json::object();
}

std::string ErrorCode(const Reply& reply) {
  const boost::json::object json = Object(reply);
  if (!json.contains("error")) return {};
  return std::string(json.at("error").at("code").as_string());
}

std::string FirstField(const Reply& reply) {
  const boost::json::object json = Object(reply);
  if (!json.contains("error") || !json.at("error").as_object().contains("fields")) return {};
  return std::string(json.at("error").at("fields").at(0).at("field").as_string());
}

TEST_P(ApiTest, AnswersHealthAndServesTheWebPagesWithCachingAndFallback) {
  EXPECT_EQ(world().Get("/healthz").body, R"({"status":"ok"})");
  const Reply index = world().Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  EXPECT_NE(index.Header("etag"), "");
  Request again;
  again.target = "/";
  again.headers = {{"If-None-Match", index.Header("etag")}};
  EXPECT_EQ(Send(world().port(), again).status, 304);
  const Reply asset = world().Get("/assets/app-1234.js");
  EXPECT_EQ(asset.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(asset.Header("cache-control"), "public, max-age=31536000, immutable");
  // The single-page application routes unknown paths itself; missing files are 404.
  EXPECT_EQ(world().Get("/results/2021").body, index.body);
  EXPECT_EQ(world().Get("/assets/missing.js").status, 404);
  EXPECT_EQ(world().Get("/../../etc/passwd").status, 404);
  EXPECT_EQ(world().Get("/api/nothing-here").status, 404);
  EXPECT_EQ(ErrorCode(world().Get("/api/nothing-here")), "not_found");
  const Reply wrong_method = world().Call("PUT", "/api/session", nullptr);
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_NE(wrong_method.Header("allow").find("POST"), std::string::npos);
  EXPECT_NE(index.Header("x-request-id"), "");
}

TEST_P(ApiTest, SignsInWithASecureCookieAndTheSameAnswerForEveryWrongLogin) {
  const Reply anonymous = world().Get("/api/session");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(ErrorCode(anonymous), "unauthenticated");
  const Reply signed_in = world().Call("POST", "/api/session", nullptr,
                                       R"({"login":"employee","password":"password-1234"})");
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  const std::string cookie = signed_in.Header("set-cookie");
  EXPECT_NE(cookie.find("chinjeol_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP on loopback
  const boost::json::object json = Object(signed_in);
  EXPECT_EQ(json.at("user").at("role").as_string(), "employee");
  EXPECT_EQ(json.at("user").at("employee_no").as_string(), "E001");

  Request behind_tls;
  behind_tls.method = "POST";
  behind_tls.target = "/api/session";
  behind_tls.headers = {{"Content-Type", "application/json"}, {"X-Forwarded-Proto", "https"}};
  behind_tls.body = R"({"login":"employee","password":"password-1234"})";
  EXPECT_NE(Send(world().port(), behind_tls).Header("set-cookie").find("; Secure"),
            std::string::npos);

  const Reply wrong = world().Call("POST", "/api/session", nullptr,
                                   R"({"login":"employee","password":"nope-nope-1"})");
  const Reply unknown = world().Call("POST", "/api/session", nullptr,
                                     R"({"login":"nobody","password":"nope-nope-1"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(wrong.Header("set-cookie"), "");
}

TEST_P(ApiTest, LocksALoginAfterFiveFailuresEvenForTheRightPassword) {
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(world()
                  .Call("POST", "/api/session", nullptr,
                        R"({"login":"reviewer","password":"wrong-password-1"})")
                  .status,
              401);
  }
  const Reply fifth = world().Call("POST", "/api/session", nullptr,
                                   R"({"login":"reviewer","password":"wrong-password-1"})");
  EXPECT_EQ(fifth.status, 429);
  EXPECT_NE(fifth.Header("retry-after"), "");
  EXPECT_EQ(world()
                .Call("POST", "/api/session", nullptr,
                      R"({"login":"reviewer","password":"password-1234"})")
                .status,
            429);
  // An unknown login locks the same way, so a lockout says nothing about who exists.
  for (int i = 0; i < 5; ++i) {
    (void)world().Call("POST", "/api/session", nullptr, R"({"login":"ghost","password":"x"})");
  }
  EXPECT_EQ(
      world().Call("POST", "/api/session", nullptr, R"({"login":"ghost","password":"x"})").status,
      429);
  // Other accounts are not affected.
  EXPECT_EQ(world()
                .Call("POST", "/api/session", nullptr,
                      R"({"login":"auditor","password":"password-1234"})")
                .status,
            200);
}

TEST_P(ApiTest, RefusesStateChangesWithoutTheSessionsCsrfToken) {
  Browser admin = world().SignIn("admin");
  Browser forged = admin;
  forged.csrf.clear();
  EXPECT_EQ(world().Call("DELETE", "/api/session", &forged).status, 403);
  forged.csrf = std::string(admin.csrf.size(), '0');
  const Reply wrong = world().Call("POST", "/api/campaigns/C-2021/results-release", &forged, "{}");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(ErrorCode(wrong), "permission_denied");
  // The token of another session does not do either.
  Browser other = world().SignIn("admin");
  forged.csrf = other.csrf;
  EXPECT_EQ(world().Call("DELETE", "/api/session", &forged).status, 403);
  EXPECT_EQ(world().Get("/api/session", &admin).status, 200);
  EXPECT_EQ(world().Call("DELETE", "/api/session", &admin).status, 204);
  EXPECT_EQ(world().Get("/api/session", &admin).status, 401);
  EXPECT_EQ(world().Get("/api/session", &other).status, 200);
}

TEST_P(ApiTest, SignsOutEverywhereAndOnPasswordChange) {
  Browser first = world().SignIn("coach");
  Browser second = world().SignIn("coach");
  const Reply weak = world().Call("POST", "/api/password", &first,
                                  R"({"current_password":"password-1234","new_password":"short"})");
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(FirstField(weak), "new_password");
  const Reply wrong =
      world().Call("POST", "/api/password", &first,
                   R"({"current_password":"not-it-at-all","new_password":"a-much-better-one-9"})");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(
      world()
          .Call("POST", "/api/password", &first,
                R"({"current_password":"password-1234","new_password":"a-much-better-one-9"})")
          .status,
      204);
  EXPECT_EQ(world().Get("/api/session", &first).status, 200);
  EXPECT_EQ(world().Get("/api/session", &second).status, 401);
  EXPECT_EQ(world()
                .Call("POST", "/api/session", nullptr,
                      R"({"login":"coach","password":"a-much-better-one-9"})")
                .status,
            200);
  EXPECT_EQ(world().Call("DELETE", "/api/sessions", &first).status, 204);
  EXPECT_EQ(world().Get("/api/session", &first).status, 401);
}

TEST_P(ApiTest, AnswersBadRequestsWithTheContractsErrorNamingTheField) {
  Browser admin = world().SignIn("admin");
  Request not_json;
  not_json.method = "POST";
  not_json.target = "/api/session";
  not_json.headers = {{"Content-Type", "application/json"}};
  not_json.body = R"({"login": "admin", )";
  const Reply malformed = Send(world().port(), not_json);
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(ErrorCode(malformed), "malformed_request");

  not_json.headers = {{"Content-Type", "text/plain"}};
  not_json.body = R"({"login":"admin","password":"password-1234"})";
  EXPECT_EQ(Send(world().port(), not_json).status, 415);

  const Reply wrong_type =
      world().Call("POST", "/api/session", nullptr, R"({"login": 42, "password": "x"})");
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_EQ(FirstField(wrong_type), "login");
  const Reply unknown_field =
      world().Call("POST", "/api/session", nullptr,
                   R"({"login":"admin","password":"password-1234","remember_me":true})");
  EXPECT_EQ(unknown_field.status, 422);
  EXPECT_EQ(FirstField(unknown_field), "remember_me");
  const Reply missing = world().Call("POST", "/api/evaluations/" + Id("e5") + "/review", &admin,
                                     R"({"reason": "x"})");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(FirstField(missing), "action");

  Request too_big;
  too_big.method = "POST";
  too_big.target = "/api/session";
  too_big.headers = {{"Content-Type", "application/json"}};
  too_big.body = R"({"login":")" + std::string(2 << 20, 'a') + R"("})";
  EXPECT_EQ(Send(world().port(), too_big).status, 413);

  const Reply bad_page = world().Get("/api/evaluations?campaign=C-2021&page_size=100000", &admin);
  EXPECT_EQ(bad_page.status, 422);
  EXPECT_EQ(FirstField(bad_page), "page_size");
  EXPECT_EQ(FirstField(world().Get("/api/evaluations", &admin)), "campaign");
}

TEST_P(ApiTest, RunsFieldworkFromReleasedAssignmentToApprovedEvaluation) {
  Browser mona = world().SignIn("mona");
  Browser monb = world().SignIn("monb");
  Browser reviewer = world().SignIn("reviewer");
  const Reply assignments = world().Get("/api/my/assignments?campaign=C-FUT", &mona);
  ASSERT_EQ(assignments.status, 200) << assignments.body;
  const boost::json::object assignment_list = Object(assignments);
  const boost::json::array& items = assignment_list.at("items").as_array();
  ASSERT_EQ(items.size(), 1U);  // the released one only
  EXPECT_EQ(items[0].at("code").as_string(), "REL-A-1");
  EXPECT_EQ(items[0].at("phone").as_string(), "031-111-0001");

  EXPECT_EQ(world()
                .Call("POST", "/api/evaluations", &mona,
                      R"({"campaign":"C-FUT","assignment_code":"UNREL-SECRET-A"})")
                .status,
            404);
  EXPECT_EQ(world()
                .Call("POST", "/api/evaluations", &mona,
                      R"({"campaign":"C-FUT","assignment_code":"REL-B-1"})")
                .status,
            404);
  const Reply draft = world().Call("POST", "/api/evaluations", &mona,
                                   R"({"campaign":"C-FUT","assignment_code":"REL-A-1"})");
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string id = std::to_string(Object(draft).at("id").as_int64());
  EXPECT_EQ(Object(draft).at("state").as_string(), "draft");
  EXPECT_EQ(Object(draft).at("monitor").at("code").as_string(), kMonitorA);

  const Reply bad = world().Call("PUT", "/api/evaluations/" + id, &mona,
                                 R"({"observations": {"P01": "many", "X99": "1"}})");
  EXPECT_EQ(bad.status, 422);
  const std::string fields = bad.body;
  EXPECT_NE(fields.find("observations/P01"), std::string::npos);
  EXPECT_NE(fields.find("observations/X99"), std::string::npos);

  const Reply partial = world().Call("PUT", "/api/evaluations/" + id, &mona,
                                     R"({"observations": {"P01": "4a"}, "notes": "통화 양호"})");
  ASSERT_EQ(partial.status, 200) << partial.body;
  EXPECT_TRUE(Object(partial).at("score").is_null());
  const Reply incomplete = world().Call("POST", "/api/evaluations/" + id + "/submission", &mona);
  EXPECT_EQ(incomplete.status, 422);
  EXPECT_NE(incomplete.body.find("observations/"), std::string::npos);

  // Another monitor cannot see, change or submit it; a reviewer may not edit it.
  EXPECT_EQ(world().Get("/api/evaluations/" + id, &monb).status, 404);
  EXPECT_EQ(world().Call("PUT", "/api/evaluations/" + id, &monb, R"({"notes":"x"})").status, 404);
  EXPECT_EQ(world().Call("PUT", "/api/evaluations/" + id, &reviewer, R"({"notes":"x"})").status,
            403);

  // Complete the sheet from the rubric: every item gets a valid observation.
  const Reply rubrics = world().Get("/api/rubrics", &mona);
  ASSERT_EQ(rubrics.status, 200);
  boost::json::object observations;
  const boost::json::object rubric_list = Object(rubrics);
  for (const boost::json::value& rubric : rubric_list.at("items").as_array()) {
    if (rubric.at("code").as_string() != "phone-default") continue;
    for (const boost::json::value& item : rubric.at("items").as_array()) {
      const std::string type(item.at("type").as_string());
      std::string cell = type == "level5" ? "5" : type == "tiered" ? "2" : "1";
      if (type == "checklist") cell = "";
      observations[item.at("id").as_string()] = cell;
    }
  }
  const Reply complete =
      world().Call("PUT", "/api/evaluations/" + id, &mona,
                   boost::json::serialize(boost::json::object{{"observations", observations}}));
  ASSERT_EQ(complete.status, 200) << complete.body;
  EXPECT_FALSE(Object(complete).at("score").is_null());
  const Reply submitted = world().Call("POST", "/api/evaluations/" + id + "/submission", &mona);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Object(submitted).at("state").as_string(), "submitted");
  EXPECT_EQ(world().Call("PUT", "/api/evaluations/" + id, &mona, R"({"notes":"x"})").status, 409);

  // The reviewer sees the monitor only under a pseudonym, and returns then approves.
  const Reply queued = world().Get("/api/evaluations?campaign=C-FUT&state=submitted", &reviewer);
  ASSERT_EQ(queued.status, 200);
  EXPECT_EQ(Object(queued).at("total").as_int64(), 1);
  EXPECT_EQ(queued.body.find(kMonitorA), std::string::npos);
  EXPECT_NE(queued.body.find("\"monitor_ref\":\"MR-"), std::string::npos);
  const Reply no_reason = world().Call("POST", "/api/evaluations/" + id + "/review", &reviewer,
                                       R"({"action":"return"})");
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(FirstField(no_reason), "reason");
  EXPECT_EQ(world()
                .Call("POST", "/api/evaluations/" + id + "/review", &reviewer,
                      R"({"action":"return","reason":"P05 확인 필요"})")
                .status,
            200);
  EXPECT_EQ(world().Call("POST", "/api/evaluations/" + id + "/submission", &mona).status, 200);
  const Reply approved = world().Call("POST", "/api/evaluations/" + id + "/review", &reviewer,
                                      R"({"action":"approve"})");
  EXPECT_EQ(Object(approved).at("state").as_string(), "approved");
  EXPECT_EQ(
      world()
          .Call("POST", "/api/evaluations/" + id + "/review", &reviewer, R"({"action":"approve"})")
          .status,
      409);
}

TEST_P(ApiTest, KeepsAMonitorToTheAssignedEmployeeAndTheAssignmentsDay) {
  Browser mona = world().SignIn("mona");
  Browser admin = world().SignIn("admin");
  const Reply draft = world().Call("POST", "/api/evaluations", &mona,
                                   R"({"campaign":"C-FUT","assignment_code":"REL-A-1"})");
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string id = std::to_string(Object(draft).at("id").as_int64());
  const std::string target = "/api/evaluations/" + id;

  // Another department's employee, an unknown number, or a colleague without the flag: the
  // same refusal, naming no one.
  const Reply elsewhere = world().Call("PUT", target, &mona, R"({"employee_no":"E003"})");
  EXPECT_EQ(elsewhere.status, 422);
  EXPECT_EQ(FirstField(elsewhere), "employee_no");
  EXPECT_EQ(elsewhere.body.find("박행정"), std::string::npos);
  const Reply unknown = world().Call("PUT", target, &mona, R"({"employee_no":"E999"})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.body, elsewhere.body);
  EXPECT_EQ(world().Call("PUT", target, &mona, R"({"employee_no":"E002"})").status, 422);
  const Reply moved_on = world().Get(target, &mona);
  EXPECT_EQ(Object(moved_on).at("employee_no").as_string(), "E001");

  // A colleague of the same department who answered is scored with the flag, and the flag stays
  // while they are.
  const Reply colleague = world().Call(
      "PUT", target, &mona, R"({"employee_no":"E002","flags":["ANSWERED_BY_COLLEAGUE"]})");
  ASSERT_EQ(colleague.status, 200) << colleague.body;
  EXPECT_EQ(Object(colleague).at("employee_no").as_string(), "E002");
  EXPECT_EQ(world().Call("PUT", target, &mona, R"({"flags":[]})").status, 422);

  // The contact happened on the assignment's day (4 May 2099), which has not come yet.
  const Reply earlier =
      world().Call("PUT", target, &mona, R"({"performed_at":"2021-05-18T10:00:00"})");
  EXPECT_EQ(earlier.status, 422);
  EXPECT_EQ(FirstField(earlier), "performed_at");
  const Reply future =
      world().Call("PUT", target, &mona, R"({"performed_at":"2099-05-04T10:00:00"})");
  EXPECT_EQ(future.status, 422);
  EXPECT_EQ(FirstField(future), "performed_at");

  // Every employee a monitor names is looked up on the record, and every write of theirs too.
  const Reply looked_up = world().Get("/api/audit-log?subject=E003", &admin);
  ASSERT_EQ(looked_up.status, 200) << looked_up.body;
  EXPECT_EQ(Object(looked_up).at("total").as_int64(), 1);
  EXPECT_NE(looked_up.body.find("\"login\":\"mona\""), std::string::npos);
  const Reply writes = world().Get("/api/audit-log?login=mona&page_size=500", &admin);
  ASSERT_EQ(writes.status, 200);
  EXPECT_NE(writes.body.find("draft evaluation " + id), std::string::npos);
  EXPECT_NE(writes.body.find("edit evaluation " + id), std::string::npos);
}

TEST_P(ApiTest, StepsPastSessionsLockoutsAndObjectionDeadlinesByTheServersClock) {
  Browser admin = world().SignIn("admin");
  Browser employee = world().SignIn("employee");
  const Date tomorrow = AddDays(world_->clock().LocalNow().date, 1);
  const Reply released =
      world().Call("POST", "/api/campaigns/C-2021/results-release", &admin,
                   R"({"objection_deadline":")" + FormatDate(tomorrow) + R"("})");
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_EQ(world().Get("/api/session", &employee).status, 200);

  // Two days on: a session idle for longer than allowed has ended, and objections are closed.
  world_->clock().Advance(2 * 86400);
  EXPECT_EQ(world().Get("/api/session", &employee).status, 401);
  Browser again = world().SignIn("employee");
  const Reply late = world().Call("POST", "/api/my/results/" + Id("e4") + "/objection", &again,
                                  R"({"reason":"기한이 지난 이의신청"})");
  EXPECT_EQ(late.status, 409) << late.body;

  // Five wrong passwords lock the login; the lockout ends with the clock, not before.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(world()
                  .Call("POST", "/api/session", nullptr,
                        R"({"login":"reviewer","password":"wrong-password"})")
                  .status,
              i < 4 ? 401 : 429);
  }
  const std::string right = std::string(R"({"login":"reviewer","password":")") + kPassword + "\"}";
  EXPECT_EQ(world().Call("POST", "/api/session", nullptr, right).status, 429);
  world_->clock().Advance(auth::kLoginLockoutSeconds - 60);
  EXPECT_EQ(world().Call("POST", "/api/session", nullptr, right).status, 429);
  world_->clock().Advance(61);
  EXPECT_EQ(world().Call("POST", "/api/session", nullptr, right).status, 200);
}

TEST_P(ApiTest, TellsTheClientTheDatabaseIsBusyWithoutItsStatements) {
  if (GetParam() != Engine::kSqlite) GTEST_SKIP() << "a write lock held from outside: SQLite";
  const std::string path = world().database_url().substr(std::string("sqlite:").size());
  Result<std::unique_ptr<storage::sql::Connection>> blocker =
      storage::sql::OpenSqliteConnection(path);
  ASSERT_TRUE(blocker) << blocker.error().message();
  ASSERT_TRUE((*blocker)->ExecuteScript("BEGIN IMMEDIATE"));
  // A sign-in records the attempt: it waits for the lock, then gives up.
  const Reply busy = world().Call("POST", "/api/session", nullptr,
                                  R"({"login":"admin","password":"wrong-password"})");
  ASSERT_TRUE((*blocker)->ExecuteScript("ROLLBACK"));
  EXPECT_EQ(busy.status, 503) << busy.body;
  EXPECT_EQ(ErrorCode(busy), "unavailable");
  for (const char* leak :
       {"sql", "SQL", "INSERT", "SELECT", "UPDATE", "locked", "login_attempts"}) {
    EXPECT_EQ(busy.body.find(leak), std::string::npos) << leak << " in " << busy.body;
  }
}

TEST_P(ApiTest, StoresRecordingsOutsideTheDatabaseWithChecksumsAndTypeLimits) {
  Browser mona = world().SignIn("mona");
  Browser monb = world().SignIn("monb");
  const Reply draft = world().Call("POST", "/api/evaluations", &mona,
                                   R"({"campaign":"C-FUT","assignment_code":"REL-A-1"})");
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string id = std::to_string(Object(draft).at("id").as_int64());
  // A small WAV file.
  std::string wav = "RIFF";
  wav += std::string("\x24\x00\x00\x00", 4) + "WAVEfmt ";
  wav += std::string(4096, '\x01');
  const std::string path = world().data_dir() + "/../call.wav";
  std::ofstream(path, std::ios::binary) << wav;

  Request upload;
  upload.method = "PUT";
  upload.target = "/api/evaluations/" + id + "/recording";
  upload.headers = {
      {"Cookie", mona.cookie}, {"X-CSRF-Token", mona.csrf}, {"Content-Type", "audio/wav"}};
  upload.body_file = path;
  const Reply stored = Send(world().port(), upload);
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(Object(stored).at("size").as_int64(), static_cast<std::int64_t>(wav.size()));
  EXPECT_EQ(Object(stored).at("sha256").as_string().size(), 64U);
  // The file lives in the data folder, not in the database.
  bool found = false;
  for (const auto& entry :
       std::filesystem::directory_iterator(world().data_dir() + "/recordings")) {
    found = found || std::filesystem::file_size(entry.path()) == wav.size();
  }
  EXPECT_TRUE(found);

  Request wrong_type = upload;
  wrong_type.headers[2] = {"Content-Type", "video/mp4"};
  EXPECT_EQ(Send(world().port(), wrong_type).status, 415);
  Request wrong_bytes = upload;
  wrong_bytes.headers[2] = {"Content-Type", "audio/ogg"};
  EXPECT_EQ(Send(world().port(), wrong_bytes).status, 422);
  Request too_large = upload;
  too_large.declared_length = 101L << 20;
  EXPECT_EQ(Send(world().port(), too_large).status, 413);
  Request someone_elses = upload;
  someone_elses.headers[0] = {"Cookie", monb.cookie};
  someone_elses.headers[1] = {"X-CSRF-Token", monb.csrf};
  EXPECT_EQ(Send(world().port(), someone_elses).status, 404);

  const Reply mine = world().Get("/api/evaluations/" + id + "/recording", &mona);
  EXPECT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body, wav);
  EXPECT_EQ(mine.Header("content-type"), "audio/wav");
  EXPECT_EQ(mine.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(world().Get("/api/evaluations/" + id + "/recording", &monb).status, 404);
  Browser employee = world().SignIn("employee");
  EXPECT_EQ(world().Get("/api/evaluations/" + id + "/recording", &employee).status, 403);
}

TEST_P(ApiTest, GivesEmployeesTheirReleasedResultsAndLetsThemObject) {
  Browser employee = world().SignIn("employee");
  Browser other = world().SignIn("employee3");
  Browser admin = world().SignIn("admin");
  const Reply mine = world().Get("/api/my/results?campaign=C-2021", &employee);
  ASSERT_EQ(mine.status, 200) << mine.body;
  const boost::json::object results = Object(mine);
  EXPECT_EQ(results.at("evaluations").as_array().size(), 2U);  // e1 and e4
  EXPECT_EQ(results.at("score").at("employee_no").as_string(), "E001");
  EXPECT_EQ(mine.body.find("monitor"), std::string::npos);
  // The result reads as words: names, what was observed, the score in a sentence.
  EXPECT_EQ(results.at("department_name").as_string(), "민원봉사과");
  EXPECT_NE(std::string(results.at("score_sentence").at("ko").as_string()).find("공정 점수는"),
            std::string::npos);
  const boost::json::object& readable =
      results.at("evaluations").as_array().at(0).at("readable").as_object();
  EXPECT_EQ(readable.at("department_name").as_string(), "민원봉사과");
  EXPECT_EQ(readable.at("scenario_title").as_string(), "여권 발급 문의");
  EXPECT_EQ(readable.at("rubric").at("ko").as_string(), "전화 친절도 기본 평가표");
  const boost::json::object& first_item = readable.at("items").as_array().at(0).as_object();
  EXPECT_EQ(first_item.at("name").at("ko").as_string(), "수신의 신속성");
  EXPECT_NE(std::string(first_item.at("observed").at("ko").as_string()).find("벨 "),
            std::string::npos);
  EXPECT_FALSE(readable.at("stages").as_array().empty());
  EXPECT_TRUE(results.at("weakest_items").is_array());
  EXPECT_EQ(world().Get("/api/my/results?campaign=C-FUT", &employee).status, 404);
  EXPECT_EQ(world().Get("/api/evaluations/" + Id("e1"), &employee).status, 200);
  EXPECT_EQ(world().Get("/api/evaluations/" + Id("e1"), &other).status, 404);
  EXPECT_EQ(world().Get("/api/evaluations/" + Id("e5"), &employee).status, 404);

  EXPECT_EQ(
      world().Call("POST", "/api/my/results/" + Id("e1") + "/acknowledgement", &employee).status,
      204);
  EXPECT_EQ(world().Call("POST", "/api/my/results/" + Id("e1") + "/acknowledgement", &other).status,
            404);
  const Reply empty_reason = world().Call("POST", "/api/my/results/" + Id("e4") + "/objection",
                                          &employee, R"({"reason":"  "})");
  EXPECT_EQ(empty_reason.status, 422);
  const Reply objection = world().Call("POST", "/api/my/results/" + Id("e4") + "/objection",
                                       &employee, R"({"reason":"통화 시간에 자리를 비웠습니다"})");
  ASSERT_EQ(objection.status, 201) << objection.body;
  EXPECT_EQ(world()
                .Call("POST", "/api/my/results/" + Id("e4") + "/objection", &employee,
                      R"({"reason":"again"})")
                .status,
            409);
  const std::string objection_id = std::to_string(Object(objection).at("id").as_int64());
  const Reply listed = world().Get("/api/objections?campaign=C-2021&state=open", &admin);
  EXPECT_EQ(Object(listed).at("items").as_array().size(), 1U);
  const Reply upheld = world().Call("POST", "/api/objections/" + objection_id + "/decision", &admin,
                                    R"({"decision":"upheld","reason":"부재 확인"})");
  ASSERT_EQ(upheld.status, 200) << upheld.body;
  EXPECT_EQ(Object(upheld).at("state").as_string(), "upheld");
  const Reply after = world().Get("/api/evaluations/" + Id("e4"), &admin);
  EXPECT_EQ(Object(after).at("state").as_string(), "void");
  const Reply republished = world().Get("/api/my/results?campaign=C-2021", &employee);
  EXPECT_EQ(Object(republished).at("score").at("contacts").as_int64(), 1);
  EXPECT_EQ(world()
                .Call("POST", "/api/objections/" + objection_id + "/decision", &admin,
                      R"({"decision":"rejected","reason":"x"})")
                .status,
            409);
}

TEST_P(ApiTest, ShowsDepartmentHeadsAndCoachesOnlyTheirReleasedScope) {
  Browser head = world().SignIn("head");
  Browser coach = world().SignIn("coach");
  const Reply scores = world().Get("/api/scores?campaign=C-2021&level=employee", &head);
  ASSERT_EQ(scores.status, 200) << scores.body;
  const boost::json::object score_list = Object(scores);
  for (const boost::json::value& row : score_list.at("items").as_array()) {
    EXPECT_EQ(row.at("department_code").as_string(), "D01");
  }
  EXPECT_EQ(scores.body.find("E003"), std::string::npos);
  EXPECT_EQ(world().Get("/api/evaluations/" + Id("e1"), &head).status, 200);
  EXPECT_EQ(world().Get("/api/evaluations/" + Id("e3"), &head).status, 404);
  EXPECT_EQ(world().Get("/api/scores?campaign=C-2021&level=monitor", &head).status, 403);
  const Reply caseload = world().Get("/api/scores?campaign=C-2021", &coach);
  ASSERT_EQ(caseload.status, 200);
  ASSERT_EQ(Object(caseload).at("items").as_array().size(), 1U);
  EXPECT_EQ(world().Get("/api/evaluations/" + Id("e1"), &coach).status, 200);
  EXPECT_EQ(world().Get("/api/evaluations/" + Id("e2"), &coach).status, 404);
  EXPECT_EQ(world().Get("/api/scores?campaign=C-FUT", &coach).status, 404);
  const Reply employees = world().Get("/api/employees", &head);
  EXPECT_EQ(Object(employees).at("total").as_int64(), 2);
}

TEST_P(ApiTest, GivesTheAdminTheDashboardAndScores) {
  Browser admin = world().SignIn("admin");
  const Reply dashboard = world().Get("/api/dashboard?campaign=C-2021", &admin);
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  const boost::json::object json = Object(dashboard);
  // Fieldwork as it stands, the contact made after the results release (e6) included.
  EXPECT_EQ(json.at("progress").at("contacts_approved").as_int64(), 5);
  EXPECT_EQ(json.at("score_histogram").at("bins").as_array().size(), 20U);
  EXPECT_EQ(json.at("department_ranking").as_array().size(), 2U);
  EXPECT_EQ(json.at("item_heat_map").at(0).at("rubric").as_string(), "phone-default");
  EXPECT_EQ(json.at("monthly_trend").at(0).at("month").as_string(), "2021-05");
  EXPECT_EQ(world().Get("/api/dashboard?campaign=NOPE", &admin).status, 404);
  Browser reviewer = world().SignIn("reviewer");
  EXPECT_EQ(world().Get("/api/dashboard?campaign=C-2021", &reviewer).status, 403);
  const Reply scores = world().Get("/api/scores?campaign=C-2021&level=employee", &admin);
  ASSERT_EQ(scores.status, 200) << scores.body;
  EXPECT_EQ(Object(scores).at("items").as_array().size(), 3U);
  EXPECT_EQ(world().Get("/api/scores?campaign=C-2021&level=everything", &admin).status, 422);
}

TEST_P(ApiTest, WritesTheAuditLogForReadsOfPersonalAndUnreleasedPlanData) {
  Browser admin = world().SignIn("admin");
  Browser auditor = world().SignIn("auditor");
  Browser employee = world().SignIn("employee");
  ASSERT_EQ(world().Get("/api/evaluations/" + Id("e3"), &admin).status, 200);
  ASSERT_EQ(world().Get("/api/campaigns/C-FUT/plan", &admin).status, 200);
  ASSERT_EQ(world().Get("/api/monitors", &admin).status, 200);
  ASSERT_EQ(world().Get("/api/my/results?campaign=C-2021", &employee).status, 200);
  const Reply log = world().Get("/api/audit-log?page_size=500", &auditor);
  ASSERT_EQ(log.status, 200) << log.body;
  bool employee_read = false, plan_read = false, monitors_read = false, own_read = false,
       employee_signed_in = false;
  const boost::json::object entries = Object(log);
  for (const boost::json::value& entry : entries.at("items").as_array()) {
    const std::string login(entry.at("login").as_string());
    const std::string kind(entry.at("subject_kind").as_string());
    const std::string subject(entry.at("subject").as_string());
    if (login == "system") continue;  // the marker row that starts the keyed chain
    EXPECT_EQ(entry.at("ip").as_string(), "127.0.0.1");
    if (login == "admin" && kind == "employee" && subject == "E003") employee_read = true;
    if (login == "admin" && kind == "plan" && subject == "C-FUT") plan_read = true;
    if (login == "admin" && kind == "monitors") monitors_read = true;
    // Signing in is audited; reading one's own data is not.
    if (login == "employee" && kind != "account") own_read = true;
    if (login == "employee" && kind == "account" && entry.at("detail").as_string() == "signed in") {
      employee_signed_in = true;
    }
  }
  EXPECT_TRUE(employee_signed_in);
  EXPECT_TRUE(employee_read);
  EXPECT_TRUE(plan_read);
  EXPECT_TRUE(monitors_read);
  EXPECT_FALSE(own_read);  // people reading their own data are not handlers' access
  const Reply verified = world().Get("/api/audit-log/verification", &auditor);
  EXPECT_TRUE(Object(verified).at("intact").as_bool()) << verified.body;
  EXPECT_EQ(world().Get("/api/audit-log", &admin).status, 200);
  EXPECT_EQ(world().Get("/api/audit-log", &employee).status, 403);

  // The table refuses changes, and a change made behind its back shows in the chain.
  Result<std::unique_ptr<storage::sql::Connection>> connection =
      storage::OpenConnection(world().database_url());
  ASSERT_TRUE(connection) << connection.error().message();
  EXPECT_FALSE((*connection)->ExecuteScript("UPDATE audit_log SET subject = 'E999'"));
  EXPECT_FALSE((*connection)->ExecuteScript("DELETE FROM audit_log"));
  const bool sqlite = GetParam() == Engine::kSqlite;
  ASSERT_TRUE((*connection)
                  ->ExecuteScript(sqlite ? "DROP TRIGGER audit_log_no_update"
                                         : "DROP TRIGGER audit_log_no_change ON audit_log"));
  ASSERT_TRUE(
      (*connection)
          ->ExecuteScript(
              "UPDATE audit_log SET subject = 'E999' WHERE id = (SELECT MIN(id) FROM audit_log)"));
  const Reply broken = world().Get("/api/audit-log/verification", &auditor);
  EXPECT_FALSE(Object(broken).at("intact").as_bool());
}

TEST_P(ApiTest, KeysTheAuditChainWithAPrivateFileOutsideTheDatabaseAndExportsItsHead) {
  Browser admin = world().SignIn("admin");
  Browser auditor = world().SignIn("auditor");
  Browser employee = world().SignIn("employee");
  ASSERT_EQ(world().Get("/api/evaluations/" + Id("e3"), &admin).status, 200);
  // The key file was created on the first start, readable by its owner only.
  struct stat info {};
  ASSERT_EQ(::stat(world().audit_key_path().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600U);
  Result<std::string> key = system::LoadOrCreateAuditKey(world().audit_key_path());
  ASSERT_TRUE(key) << key.error().message();

  // The head, for write-once storage: the export is itself logged, and the head is its row.
  const Reply head = world().Get("/api/audit-log/head", &auditor);
  ASSERT_EQ(head.status, 200) << head.body;
  const boost::json::object exported = Object(head);
  const std::string head_hash(exported.at("head_hash").as_string());
  EXPECT_EQ(head_hash.size(), 64U);
  EXPECT_FALSE(exported.at("at").as_string().empty());

  Result<std::unique_ptr<ports::Storage>> storage =
      storage::OpenStorage(world().database_url(), *key);
  ASSERT_TRUE(storage) << storage.error().message();
  std::vector<auth::AuditEntry> rows;
  ASSERT_TRUE(
      (*storage)->audit_log().ForEachEntry([&](const auth::AuditEntry& row) -> Result<void> {
        rows.push_back(row);
        return Ok();
      }));
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(exported.at("entries").as_int64(), static_cast<std::int64_t>(rows.size()));
  EXPECT_EQ(exported.at("last_id").as_int64(), rows.back().id);
  EXPECT_EQ(rows.back().detail, "head exported");
  EXPECT_EQ(rows.back().row_hash, head_hash);
  EXPECT_EQ(world().Get("/api/audit-log/head", &employee).status, 403);
  // Every row's hash is keyed: from the fields alone (a guess of the hidden ones included) no
  // one can recompute it, with the key the server can.
  for (const auth::AuditEntry& row : rows) {
    EXPECT_NE(row.row_hash, digest::Sha256Hex(auth::AuditChainText(row))) << row.id;
    EXPECT_EQ(row.row_hash, digest::HmacSha256Hex(*key, auth::AuditKeyedChainText(row))) << row.id;
  }
  const boost::json::object verified = Object(world().Get("/api/audit-log/verification", &auditor));
  EXPECT_TRUE(verified.at("intact").as_bool());
  EXPECT_EQ(verified.at("unkeyed").as_int64(), 0);
  EXPECT_EQ(verified.at("keyed_from").as_int64(), rows.front().id);

  // A server given the key file once others may read it refuses to start.
  ASSERT_EQ(::chmod(world().audit_key_path().c_str(), 0644), 0);
  Result<std::unique_ptr<http::RunningServer>> refused = world_->StartAnotherServer();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), chinjeol::ErrorCode::kFailedPrecondition);
  ASSERT_EQ(::chmod(world().audit_key_path().c_str(), 0600), 0);
}

TEST_P(ApiTest, RecordsAccountChangesAndResultsReleasesInTheAuditLog) {
  Browser admin = world().SignIn("admin");
  ASSERT_EQ(world()
                .Call("POST", "/api/users", &admin,
                      R"({"login":"new-reviewer","password":"firm-password-1","role":"reviewer"})")
                .status,
            201);
  EXPECT_EQ(world()
                .Call("POST", "/api/users", &admin,
                      R"({"login":"new-reviewer","password":"firm-password-1","role":"reviewer"})")
                .status,
            409);
  ASSERT_EQ(world().Call("PATCH", "/api/users/new-reviewer", &admin, R"({"active":false})").status,
            200);
  const Reply released = world().Call("POST", "/api/campaigns/C-2021/results-release", &admin,
                                      R"({"objection_deadline":"2099-12-31"})");
  ASSERT_EQ(released.status, 200) << released.body;

  const Reply account_log = world().Get("/api/audit-log?subject=new-reviewer&page_size=50", &admin);
  EXPECT_EQ(account_log.body.find("firm-password-1"), std::string::npos);
  const boost::json::array account = Object(account_log).at("items").as_array();
  ASSERT_EQ(account.size(), 2U);  // the refused duplicate is not a change
  EXPECT_EQ(account[1].at("action").as_string(), "POST /api/users");
  EXPECT_EQ(account[1].at("subject_kind").as_string(), "account");
  EXPECT_EQ(account[1].at("detail").as_string(), "created role=reviewer");
  EXPECT_EQ(account[1].at("login").as_string(), "admin");
  EXPECT_EQ(account[0].at("action").as_string(), "PATCH /api/users/{login}");
  EXPECT_EQ(account[0].at("detail").as_string(), "active=false");

  const boost::json::array release =
      Object(world().Get("/api/audit-log?subject=C-2021&page_size=50", &admin))
          .at("items")
          .as_array();
  bool recorded = false;
  for (const boost::json::value& item : release) {
    if (item.at("action").as_string() == "POST /api/campaigns/{code}/results-release") {
      recorded = true;
      EXPECT_EQ(item.at("detail").as_string(), "results released; objections until 2099-12-31");
    }
  }
  EXPECT_TRUE(recorded) << boost::json::serialize(release);
}

TEST_P(ApiTest, ImportsInTheBackgroundWithProgressToPoll) {
  Browser admin = world().SignIn("admin");
  const std::string path = world().data_dir() + "/../monitors.csv";
  std::ofstream(path) << "monitor_code,name,gender,age_band,phone_per_day,visit_per_day,"
                         "available_from,available_to\nMONC-1,새모니터,F,20s,8,2,,\n";
  Request upload;
  upload.method = "POST";
  upload.target = "/api/imports/monitors";
  upload.headers = {
      {"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}, {"Content-Type", "text/csv"}};
  upload.body_file = path;
  const Reply accepted = Send(world().port(), upload);
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  const std::string job = std::to_string(Object(accepted).at("id").as_int64());
  std::string state;
  for (int i = 0; i < 100 && state != "succeeded" && state != "failed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    state = std::string(Object(world().Get("/api/jobs/" + job, &admin)).at("state").as_string());
  }
  EXPECT_EQ(state, "succeeded");
  EXPECT_NE(world().Get("/api/monitors", &admin).body.find("MONC-1"), std::string::npos);
  Browser reviewer = world().SignIn("reviewer");
  Request refused = upload;
  refused.headers[0] = {"Cookie", reviewer.cookie};
  refused.headers[1] = {"X-CSRF-Token", reviewer.csrf};
  EXPECT_EQ(Send(world().port(), refused).status, 403);
}

TEST_P(ApiTest, LetsTheAdminManageAccountsAndEndTheirSessions) {
  Browser admin = world().SignIn("admin");
  const Reply created = world().Call(
      "POST", "/api/users", &admin,
      R"({"login":"firm-monitor","password":"firm-password-1","role":"monitor","monitor_code":"MONA-7731"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const Reply duplicate =
      world().Call("POST", "/api/users", &admin,
                   R"({"login":"firm-monitor","password":"firm-password-1","role":"reviewer"})");
  EXPECT_EQ(duplicate.status, 409);
  const Reply unbound =
      world().Call("POST", "/api/users", &admin,
                   R"({"login":"lost","password":"firm-password-1","role":"employee"})");
  EXPECT_EQ(unbound.status, 422);
  EXPECT_EQ(FirstField(unbound), "employee_no");
  Browser mona = world().SignIn("mona");
  EXPECT_EQ(world().Call("PATCH", "/api/users/mona", &admin, R"({"active":false})").status, 200);
  EXPECT_EQ(world().Get("/api/session", &mona).status, 401);
  EXPECT_EQ(
      world()
          .Call("POST", "/api/session", nullptr, R"({"login":"mona","password":"password-1234"})")
          .status,
      401);
  EXPECT_EQ(world().Get("/api/users", &mona).status, 401);
  Browser reviewer = world().SignIn("reviewer");
  EXPECT_EQ(world().Get("/api/users", &reviewer).status, 403);
}

TEST_P(ApiTest, FinishesRequestsInProgressWhenStopping) {
  std::unique_ptr<ApiWorld> world;
  CHINJEOL_CREATE_API_WORLD(world, GetParam(), ApiWorld::Options{true, 2, {}});
  // A sign-in takes about 100 ms of Argon2id: stop while it runs.
  Request request;
  request.method = "POST";
  request.target = "/api/session";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = R"({"login":"admin","password":"password-1234"})";
  const int socket = OpenAndSendHeaders(world->port(), request);
  ASSERT_GE(socket, 0);
  ASSERT_EQ(::send(socket, request.body.data(), request.body.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(request.body.size()));
  // Long enough for the server to have read the request, well short of the hashing.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const unsigned short port = world->port();
  std::thread stopper([&] { world->StopServer(); });
  const Reply reply = ReadReply(socket);
  stopper.join();
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(Send(port, Request{}).status, 0);  // no longer listening
}

INSTANTIATE_TEST_SUITE_P(Engines, ApiTest, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         EngineParamName);

}  // namespace
}  // namespace chinjeol::api_testing
