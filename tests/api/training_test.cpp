// Training sessions through the web API: the admin records and lists them and reads completion
// by department; each role reads the training history it may; on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "tests/api/api_world.hpp"

namespace chinjeol::api_testing {
namespace {

using testing::Engine;

class TrainingApiTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override { CHINJEOL_CREATE_API_WORLD(world_, GetParam()); }
  const ApiWorld& world() const { return *world_; }
  std::unique_ptr<ApiWorld> world_;
};

boost::json::object Object(const Reply& reply) {
  const boost::json::value json = ParseJson(reply.body);
  EXPECT_TRUE(json.is_object()) << reply.status << " " << reply.body;
  return json.is_object() ? json.as_object() : boost::json::object();
}

std::vector<std::string> Fields(const Reply& reply) {
  std::vector<std::string> fields;
  const boost::json::object json = Object(reply);
  for (const boost::json::value& violation : json.at("error").at("fields").as_array()) {
    fields.emplace_back(violation.at("field").as_string());
  }
  return fields;
}

std::vector<std::string> Codes(const Reply& reply) {
  std::vector<std::string> codes;
  const boost::json::object json = Object(reply);
  for (const boost::json::value& item : json.at("items").as_array()) {
    codes.emplace_back(item.at("code").as_string());
  }
  return codes;
}

const char* kSession = R"({"code": "T-01", "date": "2021-06-03", "topic": "친절한 전화 응대",
  "instructor": "김강사", "items": ["P02", "P04"], "attendees": ["E001", "E002"]})";

TEST_P(TrainingApiTest, AdminRecordsSessionsAndReadsCompletion) {
  Browser admin = world().SignIn("admin");

  const Reply none = world().Get("/api/training", &admin);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_TRUE(Object(none).at("items").as_array().empty());

  const Reply made = world().Call("POST", "/api/training", &admin, kSession);
  ASSERT_EQ(made.status, 201) << made.body;
  const boost::json::object session = Object(made);
  EXPECT_EQ(session.at("code").as_string(), "T-01");
  EXPECT_EQ(session.at("date").as_string(), "2021-06-03");
  EXPECT_EQ(session.at("topic").as_string(), "친절한 전화 응대");
  EXPECT_EQ(session.at("instructor").as_string(), "김강사");
  EXPECT_EQ(session.at("attendees").as_int64(), 2);
  ASSERT_EQ(session.at("items").as_array().size(), 2u);
  EXPECT_EQ(session.at("items").as_array()[0].at("item_id").as_string(), "P02");
  EXPECT_FALSE(session.at("items").as_array()[0].at("name").at("ko").as_string().empty());
  EXPECT_FALSE(session.at("items").as_array()[0].at("name").at("en").as_string().empty());

  const Reply second = world().Call("POST", "/api/training", &admin,
                                    R"({"code": "T-00", "date": "2021-05-01", "topic": "민원 응대",
                                        "items": [], "attendees": ["E003"]})");
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(Object(second).at("instructor").as_string(), "");
  const Reply listed = world().Get("/api/training", &admin);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(Codes(listed), (std::vector<std::string>{"T-00", "T-01"}));  // by date

  // Completion: D01 has E001 and E002 (both trained), D02 has E003 (trained by T-00).
  Reply completion = world().Get("/api/training/completion", &admin);
  ASSERT_EQ(completion.status, 200) << completion.body;
  boost::json::object report = Object(completion);
  ASSERT_EQ(report.at("items").as_array().size(), 2u);
  const boost::json::value& d01 = report.at("items").as_array()[0];
  EXPECT_EQ(d01.at("department_code").as_string(), "D01");
  EXPECT_FALSE(d01.at("department_name").as_string().empty());
  EXPECT_EQ(d01.at("employees").as_int64(), 2);
  EXPECT_EQ(d01.at("trained").as_int64(), 2);
  EXPECT_DOUBLE_EQ(d01.at("share").to_number<double>(), 1.0);
  EXPECT_EQ(report.at("total").at("employees").as_int64(), 3);
  EXPECT_EQ(report.at("total").at("trained").as_int64(), 3);
  EXPECT_FALSE(report.at("total").as_object().contains("department_code"));

  // Recording a code again replaces the session and its attendance.
  const Reply replaced = world().Call("POST", "/api/training", &admin,
                                      R"({"code": "T-01", "date": "2021-06-04", "topic": "다시",
                                          "items": ["P02"], "attendees": ["E001"]})");
  ASSERT_EQ(replaced.status, 201) << replaced.body;
  EXPECT_EQ(Object(replaced).at("attendees").as_int64(), 1);
  const Reply relisted = world().Get("/api/training", &admin);
  EXPECT_EQ(Codes(relisted), (std::vector<std::string>{"T-00", "T-01"}));
  const boost::json::object relisted_json = Object(relisted);
  const boost::json::value& kept = relisted_json.at("items").as_array()[1];
  EXPECT_EQ(kept.at("topic").as_string(), "다시");
  EXPECT_EQ(kept.at("date").as_string(), "2021-06-04");
  EXPECT_EQ(kept.at("attendees").as_int64(), 1);
  completion = world().Get("/api/training/completion", &admin);
  report = Object(completion);
  const boost::json::value& d01_after = report.at("items").as_array()[0];
  EXPECT_EQ(d01_after.at("employees").as_int64(), 2);
  EXPECT_EQ(d01_after.at("trained").as_int64(), 1);
  EXPECT_DOUBLE_EQ(d01_after.at("share").to_number<double>(), 0.5);
  EXPECT_EQ(report.at("total").at("trained").as_int64(), 2);

  // Each recording is on the access log.
  const Reply log = world().Get("/api/audit-log?login=admin&page_size=500", &admin);
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_NE(log.body.find("training session T-01 recorded"), std::string::npos) << log.body;
}

TEST_P(TrainingApiTest, BadSessionsAreRefusedNamingTheirFields) {
  Browser admin = world().SignIn("admin");
  const Reply bad =
      world().Call("POST", "/api/training", &admin,
                   R"({"code": "", "date": "2021-02-30", "topic": " ", "instructor": "x",
          "items": ["P02", "X99", "P02"], "attendees": ["E001", "E404", "E003", "E001"]})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(Fields(bad), (std::vector<std::string>{"date"}));  // the body's shape comes first

  const Reply checked =
      world().Call("POST", "/api/training", &admin,
                   R"({"code": "", "date": "2021-06-01", "topic": " ", "instructor": "x",
          "items": ["P02", "X99", "P02"], "attendees": ["E001", "E404", "E003", "E001"]})");
  ASSERT_EQ(checked.status, 422) << checked.body;
  EXPECT_EQ(Fields(checked), (std::vector<std::string>{"code", "topic", "items/1", "items/2",
                                                       "attendees/1", "attendees/3"}));

  const Reply long_code =
      world().Call("POST", "/api/training", &admin,
                   R"({"code": "12345678901234567890123456789012345678901", "date": "2021-06-01",
          "topic": "t", "items": [], "attendees": []})");
  ASSERT_EQ(long_code.status, 422) << long_code.body;
  EXPECT_EQ(Fields(long_code), (std::vector<std::string>{"code", "attendees"}));

  const Reply shapes = world().Call("POST", "/api/training", &admin,
                                    R"({"code": "T", "topic": "t", "items": "P02",
                                        "attendees": ["E001", 7], "extra": 1})");
  ASSERT_EQ(shapes.status, 422) << shapes.body;
  const std::vector<std::string> fields = Fields(shapes);
  for (const char* field : {"date", "items", "attendees/1", "extra"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field << shapes.body;
  }
  EXPECT_TRUE(Object(world().Get("/api/training", &admin)).at("items").as_array().empty());
}

TEST_P(TrainingApiTest, OnlyTheAdminRecordsListsAndCounts) {
  for (const char* login : {"coach", "head", "employee", "mona", "reviewer", "auditor"}) {
    Browser browser = world().SignIn(login);
    EXPECT_EQ(world().Call("POST", "/api/training", &browser, kSession).status, 403) << login;
    EXPECT_EQ(world().Get("/api/training", &browser).status, 403) << login;
    EXPECT_EQ(world().Get("/api/training/completion", &browser).status, 403) << login;
  }
  EXPECT_EQ(world().Get("/api/training").status, 401);
  Browser admin = world().SignIn("admin");
  EXPECT_TRUE(Object(world().Get("/api/training", &admin)).at("items").as_array().empty());
}

TEST_P(TrainingApiTest, HistoryAsEachRoleMayReadIt) {
  Browser admin = world().SignIn("admin");
  ASSERT_EQ(world().Call("POST", "/api/training", &admin, kSession).status, 201);
  ASSERT_EQ(world()
                .Call("POST", "/api/training", &admin,
                      R"({"code": "T-00", "date": "2021-05-01", "topic": "민원 응대",
                          "items": ["P01"], "attendees": ["E001", "E003"]})")
                .status,
            201);

  const Reply for_admin = world().Get("/api/training/history?employee_no=E001", &admin);
  ASSERT_EQ(for_admin.status, 200) << for_admin.body;
  EXPECT_EQ(Object(for_admin).at("employee_no").as_string(), "E001");
  EXPECT_EQ(Object(for_admin).at("employee_name").as_string(), "김민원");
  EXPECT_EQ(Codes(for_admin), (std::vector<std::string>{"T-00", "T-01"}));
  EXPECT_EQ(world().Get("/api/training/history?employee_no=E404", &admin).status, 404);
  EXPECT_EQ(world().Get("/api/training/history", &admin).status, 422);

  // The employee: their own only.
  Browser employee = world().SignIn("employee");
  const Reply own = world().Get("/api/training/history?employee_no=E001", &employee);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(Codes(own), (std::vector<std::string>{"T-00", "T-01"}));
  EXPECT_EQ(world().Get("/api/training/history?employee_no=E003", &employee).status, 403);
  Browser employee3 = world().SignIn("employee3");
  const Reply own3 = world().Get("/api/training/history?employee_no=E003", &employee3);
  ASSERT_EQ(own3.status, 200) << own3.body;
  EXPECT_EQ(Codes(own3), std::vector<std::string>{"T-00"});

  // The department head of D01: E001 and E002, not E003; an unknown number looks the same.
  Browser head = world().SignIn("head");
  const Reply in_department = world().Get("/api/training/history?employee_no=E002", &head);
  ASSERT_EQ(in_department.status, 200) << in_department.body;
  EXPECT_EQ(Codes(in_department), std::vector<std::string>{"T-01"});
  EXPECT_EQ(world().Get("/api/training/history?employee_no=E003", &head).status, 403);
  EXPECT_EQ(world().Get("/api/training/history?employee_no=E404", &head).status, 403);

  // The coach: the caseload (E001) only.
  Browser coach = world().SignIn("coach");
  EXPECT_EQ(world().Get("/api/training/history?employee_no=E001", &coach).status, 200);
  EXPECT_EQ(world().Get("/api/training/history?employee_no=E002", &coach).status, 403);

  for (const char* login : {"mona", "reviewer", "auditor"}) {
    Browser browser = world().SignIn(login);
    EXPECT_EQ(world().Get("/api/training/history?employee_no=E001", &browser).status, 403) << login;
  }

  // Someone else's history is on the access log; one's own is not.
  const Reply log = world().Get("/api/audit-log?subject=E002&page_size=50", &admin);
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_NE(log.body.find("training history"), std::string::npos) << log.body;
  EXPECT_NE(log.body.find("\"login\":\"head\""), std::string::npos) << log.body;
  const Reply own_log = world().Get("/api/audit-log?login=employee3&page_size=50", &admin);
  ASSERT_EQ(own_log.status, 200) << own_log.body;
  EXPECT_EQ(own_log.body.find("training history"), std::string::npos) << own_log.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, TrainingApiTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineParamName);

}  // namespace
}  // namespace chinjeol::api_testing
