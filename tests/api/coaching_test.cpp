// Coaching plans through the web API from every role's side: the admin proposes and confirms,
// the coach records sessions, the employee sees and confirms their own plan, the department
// head follows progress, and nobody else sees anything; on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "tests/api/api_world.hpp"

namespace chinjeol::api_testing {
namespace {

using testing::Engine;

class CoachingApiTest : public ::testing::TestWithParam<Engine> {
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

bool HasField(const Reply& reply, const std::string& field) {
  const boost::json::object json = Object(reply);
  for (const boost::json::value& violation : json.at("error").at("fields").as_array()) {
    if (violation.at("field").as_string() == field) return true;
  }
  return false;
}

TEST_P(CoachingApiTest, RunsAPlanFromProposalThroughSessionsForEachRole) {
  Browser admin = world().SignIn("admin");
  Browser coach = world().SignIn("coach");
  Browser employee = world().SignIn("employee");
  Browser other = world().SignIn("employee3");
  Browser head = world().SignIn("head");
  Browser monitor = world().SignIn("mona");

  // Plans come from released results, and only the admin proposes them.
  EXPECT_EQ(world().Call("POST", "/api/campaigns/C-FUT/coaching-plans", &admin, "{}").status, 409);
  EXPECT_EQ(world().Call("POST", "/api/campaigns/C-2021/coaching-plans", &coach, "{}").status, 403);
  const std::string everyone =
      R"({"below_score": null, "bottom_share": 1, "weak_probability": null})";
  const Reply proposed =
      world().Call("POST", "/api/campaigns/C-2021/coaching-plans", &admin, everyone);
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  const std::int64_t made = Object(proposed).at("proposed").as_int64();
  EXPECT_GE(made, 1);
  const Reply again =
      world().Call("POST", "/api/campaigns/C-2021/coaching-plans", &admin, everyone);
  EXPECT_EQ(Object(again).at("proposed").as_int64(), 0);
  EXPECT_EQ(Object(again).at("kept").as_int64(), made);
  EXPECT_EQ(
      world()
          .Call("POST", "/api/campaigns/C-2021/coaching-plans", &admin, R"({"bottom_share": 3})")
          .status,
      422);

  const Reply listed = world().Get("/api/coaching/plans?campaign=C-2021", &admin);
  ASSERT_EQ(listed.status, 200) << listed.body;
  std::string plan_id;
  const boost::json::object list = Object(listed);
  for (const boost::json::value& plan : list.at("items").as_array()) {
    if (plan.at("employee_no").as_string() == "E001") {
      plan_id = std::to_string(plan.at("id").as_int64());
      EXPECT_EQ(plan.at("state").as_string(), "proposed");
      EXPECT_EQ(plan.at("department_name").as_string(), "민원봉사과");
      EXPECT_FALSE(plan.at("reason").at("ko").as_string().empty());
    }
  }
  ASSERT_FALSE(plan_id.empty()) << listed.body;
  const std::string plan_path = "/api/coaching/plans/" + plan_id;

  // A proposal is the admin's alone.
  EXPECT_EQ(world().Get(plan_path, &employee).status, 404);
  EXPECT_EQ(world().Get(plan_path, &coach).status, 404);
  EXPECT_TRUE(
      Object(world().Get("/api/my/coaching?campaign=C-2021", &employee)).at("plan").is_null());

  const Reply not_a_coach =
      world().Call("POST", plan_path + "/confirmation", &admin, R"({"coach": "employee"})");
  EXPECT_EQ(not_a_coach.status, 422);
  EXPECT_TRUE(HasField(not_a_coach, "coach"));
  EXPECT_EQ(
      world().Call("POST", plan_path + "/confirmation", &coach, R"({"coach": "coach"})").status,
      403);
  const Reply confirmed =
      world().Call("POST", plan_path + "/confirmation", &admin, R"({"coach": "coach"})");
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(Object(confirmed).at("state").as_string(), "confirmed");
  EXPECT_EQ(Object(confirmed).at("coach").at("login").as_string(), "coach");
  EXPECT_EQ(
      world().Call("POST", plan_path + "/confirmation", &admin, R"({"coach": "coach"})").status,
      409);

  // The coach sees the evidence: what was observed, never who observed it.
  const Reply for_coach = world().Get(plan_path, &coach);
  ASSERT_EQ(for_coach.status, 200) << for_coach.body;
  const boost::json::object plan = Object(for_coach);
  ASSERT_FALSE(plan.at("items").as_array().empty());
  const std::string item = std::string(plan.at("items").as_array()[0].at("item_id").as_string());
  ASSERT_FALSE(plan.at("evidence").as_array().empty());
  EXPECT_FALSE(plan.at("evidence").as_array()[0].at("contacts").as_array().empty());
  EXPECT_EQ(for_coach.body.find(kMonitorA), std::string::npos);
  EXPECT_EQ(for_coach.body.find("monitor"), std::string::npos);

  const Reply future = world().Call("POST", plan_path + "/sessions", &coach,
                                    R"({"held_on": "2999-01-01", "discussed": [{"item_id": "X99"}],
                                        "actions": [{"text": " ", "due_on": "2000-01-01"}]})");
  EXPECT_EQ(future.status, 422) << future.body;
  EXPECT_TRUE(HasField(future, "held_on"));
  EXPECT_TRUE(HasField(future, "discussed/0/item_id"));
  EXPECT_TRUE(HasField(future, "actions/0/text"));
  const std::string session_body = R"({"held_on": "2021-10-01", "discussed": [{"item_id": ")" +
                                   item + R"(", "note": "첫인사를 함께 연습함"}],
      "notes_shared": "다음 주까지 인사 문장 연습", "notes_private": "코치만 보는 메모",
      "actions": [{"text": "인사 문장 열 번 연습", "due_on": "2021-10-15"}],
      "follow_up_on": "2999-10-29"})";
  EXPECT_EQ(world().Call("POST", plan_path + "/sessions", &employee, session_body).status, 403);
  EXPECT_EQ(world().Call("POST", plan_path + "/sessions", &other, session_body).status, 404);
  const Reply held = world().Call("POST", plan_path + "/sessions", &coach, session_body);
  ASSERT_EQ(held.status, 201) << held.body;
  const boost::json::object session = Object(held);
  EXPECT_EQ(session.at("notes_private").as_string(), "코치만 보는 메모");
  EXPECT_FALSE(session.at("coach_confirmed_at").is_null());
  EXPECT_TRUE(session.at("employee_confirmed_at").is_null());
  const std::string session_id = std::to_string(session.at("id").as_int64());
  const std::string action_id =
      std::to_string(session.at("actions").as_array()[0].at("id").as_int64());

  // The employee reads their plan and sessions, without the coach's private notes.
  const Reply mine = world().Get("/api/my/coaching?campaign=C-2021", &employee);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.body.find("코치만 보는 메모"), std::string::npos);
  EXPECT_EQ(mine.body.find("notes_private"), std::string::npos);
  const boost::json::object own = Object(mine).at("plan").as_object();
  ASSERT_EQ(own.at("sessions").as_array().size(), 1u);
  EXPECT_EQ(own.at("sessions").as_array()[0].at("notes_shared").as_string(),
            "다음 주까지 인사 문장 연습");
  EXPECT_EQ(own.at("overdue_actions").as_int64(), 1);  // due 2021-10-15, not done

  EXPECT_EQ(
      world().Call("POST", "/api/coaching/sessions/" + session_id + "/confirmation", &other).status,
      404);
  const Reply acknowledged =
      world().Call("POST", "/api/coaching/sessions/" + session_id + "/confirmation", &employee);
  ASSERT_EQ(acknowledged.status, 200) << acknowledged.body;
  EXPECT_FALSE(Object(acknowledged).at("employee_confirmed_at").is_null());
  EXPECT_EQ(acknowledged.body.find("코치만 보는 메모"), std::string::npos);
  EXPECT_EQ(
      world().Call("POST", "/api/coaching/actions/" + action_id + "/completion", &other).status,
      404);
  const Reply done =
      world().Call("POST", "/api/coaching/actions/" + action_id + "/completion", &employee);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_FALSE(Object(done).at("actions").as_array()[0].at("done_on").is_null());
  EXPECT_EQ(Object(world().Get(plan_path, &coach)).at("overdue_actions").as_int64(), 0);

  // The department head follows progress without the evidence or the session notes.
  const Reply for_head = world().Get(plan_path, &head);
  ASSERT_EQ(for_head.status, 200) << for_head.body;
  EXPECT_TRUE(Object(for_head).at("evidence").as_array().empty());
  EXPECT_TRUE(Object(for_head).at("sessions").as_array().empty());
  EXPECT_EQ(for_head.body.find("다음 주까지"), std::string::npos);
  EXPECT_EQ(world().Get(plan_path, &other).status, 404);
  EXPECT_EQ(world().Get("/api/coaching/plans?campaign=C-2021", &monitor).status, 403);
  EXPECT_TRUE(Object(world().Get("/api/coaching/plans?campaign=C-2021", &other))
                  .at("items")
                  .as_array()
                  .empty());
}

TEST_P(CoachingApiTest, TheAdminEditsTheLibraryEveryoneReads) {
  Browser admin = world().SignIn("admin");
  Browser employee = world().SignIn("employee");
  Browser coach = world().SignIn("coach");
  const Reply library = world().Get("/api/coaching/library", &employee);
  ASSERT_EQ(library.status, 200);
  EXPECT_GE(Object(library).at("items").as_array().size(), 24u);
  const std::string change = R"({"title": {"ko": "새 제목", "en": "New title"},
      "good": {"ko": "좋은 예", "en": "Good"}, "practice": {"ko": "연습", "en": "Practice"}})";
  EXPECT_EQ(world().Call("PUT", "/api/coaching/library/P02", &coach, change).status, 403);
  EXPECT_EQ(world().Call("PUT", "/api/coaching/library/X99", &admin, change).status, 404);
  const Reply empty =
      world().Call("PUT", "/api/coaching/library/P02", &admin,
                   R"({"title": {"ko": "", "en": "x"}, "good": {"ko": "a", "en": "b"},
                                       "practice": {"ko": "c", "en": "d"}})");
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(HasField(empty, "title/ko"));
  ASSERT_EQ(world().Call("PUT", "/api/coaching/library/P02", &admin, change).status, 200);
  const Reply after = world().Get("/api/coaching/library", &employee);
  bool found = false;
  const boost::json::object modules = Object(after);
  for (const boost::json::value& module : modules.at("items").as_array()) {
    if (module.at("item_id").as_string() == "P02") {
      found = module.at("title").at("ko").as_string() == "새 제목";
    }
  }
  EXPECT_TRUE(found) << after.body;
  // The effect needs people coached before later contacts: said in words, not a server error.
  const Reply effect = world().Get("/api/effect?campaign=C-2021&of=coaching", &admin);
  EXPECT_GE(effect.status, 400);
  EXPECT_LT(effect.status, 500) << effect.body;
  EXPECT_EQ(world().Get("/api/effect?campaign=C-2021&of=coaching", &coach).status, 403);
  EXPECT_EQ(world().Get("/api/effect?campaign=C-2021&of=planet", &admin).status, 422);
}

INSTANTIATE_TEST_SUITE_P(Engines, CoachingApiTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineParamName);

}  // namespace
}  // namespace chinjeol::api_testing
