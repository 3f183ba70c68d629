// The secret of the method: walks every route of the OpenAPI document as every role and
// anonymously, with real ids, and checks that no unreleased assignment and no monitor identity
// reaches anyone but the admin and that monitor: not in bodies, headers, error messages or
// counts.
#include <gtest/gtest.h>

#include <set>

#include "tests/api/api_world.hpp"

namespace chinjeol::api_testing {
namespace {

using testing::Engine;

struct Probe {
  std::string method;
  std::string target;
  std::string body;
};

// Every way to call a route with the world's real ids: each path parameter and query
// parameter takes each value that reaches something different.
std::vector<Probe> ProbesFor(const ApiWorld& world, const std::string& method,
                             const std::string& pattern, const boost::json::object& operation) {
  std::vector<std::string> targets = {pattern};
  const auto substitute = [&](const std::string& name, const std::vector<std::string>& values) {
    std::vector<std::string> next;
    for (const std::string& target : targets) {
      const std::size_t at = target.find("{" + name + "}");
      if (at == std::string::npos) {
        next.push_back(target);
        continue;
      }
      for (const std::string& value : values) {
        std::string filled = target;
        filled.replace(at, name.size() + 2, value);
        next.push_back(filled);
      }
    }
    targets = std::move(next);
  };
  std::vector<std::string> evaluation_ids;
  for (const char* name : {"e1", "e2", "e3", "e5", "e6", "e7"}) {
    evaluation_ids.push_back(std::to_string(world.evaluation(name)));
  }
  evaluation_ids.push_back("999999");
  substitute("id", pattern.find("objections") != std::string::npos ||
                           pattern.find("jobs") != std::string::npos
                       ? std::vector<std::string>{"1", "2"}
                       : evaluation_ids);
  substitute("evaluation_id", evaluation_ids);
  substitute("code", {"C-2021", "C-FUT", "NOPE"});
  substitute("login", {"mona", "monb", "admin"});
  substitute("kind", {"monitors"});

  std::vector<std::string> queries = {""};
  if (operation.contains("parameters")) {
    for (const boost::json::value& parameter : operation.at("parameters").as_array()) {
      if (parameter.at("in").as_string() != "query") continue;
      const std::string name(parameter.at("name").as_string());
      std::vector<std::string> values;
      if (name == "campaign") values = {"C-2021", "C-FUT"};
      if (name == "level") {
        values = {"employee", "department", "group", "monitor", "reliability", "summary"};
      }
      if (name == "state") values = {"", "submitted", "approved"};
      if (name == "subject") values = {"", "E001", "MONA-7731", "mona"};
      if (name == "login") values = {"", "mona", "employee"};
      if (values.empty()) continue;
      std::vector<std::string> next;
      for (const std::string& query : queries) {
        for (const std::string& value : values) {
          next.push_back(query + (query.empty() ? "?" : "&") + name + "=" + value);
        }
      }
      queries = std::move(next);
    }
  }
  std::vector<Probe> probes;
  for (const std::string& target : targets) {
    for (const std::string& query : queries) {
      const bool has_body = operation.contains("requestBody");
      probes.push_back({method, target + query, has_body ? "{}" : ""});
      // Bodies that reach further than {}: valid shapes naming the secrets.
      if (pattern == "/api/evaluations" && method == "POST") {
        for (const char* code : {"UNREL-SECRET-A", "UNREL-SECRET-B", "REL-A-1", "REL-B-1"}) {
          probes.push_back(
              {method, target + query,
               std::string(R"({"campaign":"C-FUT","assignment_code":")") + code + R"("})"});
        }
      }
      if (pattern == "/api/evaluations/{id}/review" && method == "POST") {
        probes.push_back({method, target + query, R"({"action":"frobnicate"})"});
      }
    }
  }
  return probes;
}

struct Role {
  std::string login;  // empty: anonymous
  std::set<std::string> forbidden;
};

class SecrecyTest : public ::testing::TestWithParam<Engine> {};

TEST_P(SecrecyTest, NoRouteShowsUnreleasedAssignmentsOrMonitorsToAnyoneElse) {
  std::unique_ptr<ApiWorld> world;
  CHINJEOL_CREATE_API_WORLD(world, GetParam());
  const boost::json::value document = ParseJson(world->Get("/api/openapi.json").body);
  ASSERT_TRUE(document.is_object());

  // A monitor's identity: code, name and login.
  const std::set<std::string> monitor_a = {kMonitorA, kMonitorAName, "\"mona\""};
  const std::set<std::string> monitor_b = {kMonitorB, kMonitorBName, "\"monb\""};
  const std::set<std::string> unreleased = {kUnreleasedA, kUnreleasedB, kUnreleasedDateA,
                                            kUnreleasedDateB};
  // Fieldwork the people whose results these are may not see yet: monitor A's draft (not even
  // the reviewer), and a contact made after the results release.
  const std::set<std::string> draft = {kDraft};
  const std::set<std::string> after_release = {kAfterRelease};

  // Monitor A works first: changes their password (the audit log then holds an account entry
  // naming the monitor's login, which the auditor must see only as a pseudonym) and opens their
  // contact with E003 (whom a monitor reads about is whom they contact: the auditor must not
  // follow that as it happens).
  const auto monitor_a_at_work = [&world] {
    Browser mona = world->SignIn("mona");
    const auto change = [&](const std::string& from, const std::string& to) {
      const Reply changed =
          world->Call("POST", "/api/password", &mona,
                      R"({"current_password":")" + from + R"(","new_password":")" + to + R"("})");
      EXPECT_EQ(changed.status, 204) << changed.body;
      mona = world->SignIn("mona", 0, to);  // a change signs the account out everywhere
    };
    change(kPassword, "another-password-5678");
    change("another-password-5678", kPassword);
    EXPECT_EQ(
        world->Get("/api/evaluations/" + std::to_string(world->evaluation("e3")), &mona).status,
        200);
    EXPECT_EQ(world->Get("/api/my/assignments?campaign=C-FUT", &mona).status, 200);
  };
  const std::set<std::string> fieldwork = {"E003"};
  const auto all_of = [](std::initializer_list<const std::set<std::string>*> sets) {
    std::set<std::string> all;
    for (const auto* set : sets) all.insert(set->begin(), set->end());
    return all;
  };
  const std::vector<Role> roles = {
      {"admin", {}},
      {"mona", all_of({&monitor_b, &unreleased})},
      {"monb", all_of({&monitor_a, &unreleased, &draft, &after_release})},
      {"reviewer", all_of({&monitor_a, &monitor_b, &unreleased, &draft})},
      {"coach", all_of({&monitor_a, &monitor_b, &unreleased, &draft, &after_release})},
      {"head", all_of({&monitor_a, &monitor_b, &unreleased, &draft, &after_release})},
      {"employee", all_of({&monitor_a, &monitor_b, &unreleased, &draft, &after_release})},
      {"auditor",
       all_of({&monitor_a, &monitor_b, &unreleased, &draft, &after_release, &fieldwork})},
      {"", all_of({&monitor_a, &monitor_b, &unreleased, &draft, &after_release})},
  };

  long probes = 0;
  for (const Role& role : roles) {
    // Each role walks a world of its own: the walks change state (a submission, a release), and
    // one role's changes must not decide what the next may see.
    CHINJEOL_CREATE_API_WORLD(world, GetParam());
    monitor_a_at_work();
    // Reads first, then state changes (a sign-out ends the walk's session: sign in again).
    for (const bool changes : {false, true}) {
      for (const auto& [pattern, methods] : document.at("paths").as_object()) {
        for (const auto& [method_key, operation] : methods.as_object()) {
          std::string method(method_key);
          for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
          if ((method != "GET") != changes) continue;
          for (const Probe& probe :
               ProbesFor(*world, method, std::string(pattern), operation.as_object())) {
            Browser browser;
            const Browser* as = nullptr;
            if (!role.login.empty()) {
              browser = world->SignIn(role.login);
              as = &browser;
            }
            const Reply reply = world->Call(probe.method, probe.target, as, probe.body);
            ++probes;
            EXPECT_NE(reply.status, 0) << probe.method << " " << probe.target;
            EXPECT_LT(reply.status, 500)
                << role.login << " " << probe.method << " " << probe.target << ": " << reply.body;
            const std::string raw = reply.Raw();
            for (const std::string& secret : role.forbidden) {
              EXPECT_EQ(raw.find(secret), std::string::npos)
                  << "'" << secret << "' reached "
                  << (role.login.empty() ? "anonymous" : role.login) << " through " << probe.method
                  << " " << probe.target << " " << probe.body << ":\n"
                  << raw.substr(0, 2000);
            }
          }
        }
      }
    }
  }
  EXPECT_GT(probes, 500);

  // Counts: a monitor's list holds their released assignments only.
  for (const char* login : {"mona", "monb"}) {
    Browser monitor = world->SignIn(login);
    const boost::json::value mine =
        ParseJson(world->Get("/api/my/assignments?campaign=C-FUT", &monitor).body);
    EXPECT_EQ(mine.at("items").as_array().size(), 1U) << login;
  }
  // The admin does see the secrets, and reading them is logged.
  Browser admin = world->SignIn("admin");
  const Reply plan = world->Get("/api/campaigns/C-FUT/plan", &admin);
  EXPECT_NE(plan.body.find(kUnreleasedA), std::string::npos);
  EXPECT_EQ(ParseJson(plan.body).at("unreleased").as_int64(), 2);
  // The admin's audit log names monitor A at their password change (what the auditor saw only
  // as a pseudonym), and the auditor's search for that login finds nothing.
  const Reply log = world->Get("/api/audit-log?login=mona&page_size=200", &admin);
  EXPECT_NE(log.body.find("password changed"), std::string::npos) << log.body;
  Browser auditor = world->SignIn("auditor");
  const Reply searched = world->Get("/api/audit-log?login=mona", &auditor);
  EXPECT_EQ(ParseJson(searched.body).at("total").as_int64(), 0) << searched.body;
  const Reply all = world->Get("/api/audit-log?page_size=200", &auditor);
  EXPECT_NE(all.body.find("password changed"), std::string::npos);
  EXPECT_EQ(all.body.find("\"mona\""), std::string::npos);

  // Nor do counts tell the auditor what a monitor did: a search by the auditor neither matches
  // nor counts a monitor's rows, so that its total is what it would be had monitor A not opened
  // E003's contact (the admin's search, which does count them, shows they are there).
  const std::string e3 = std::to_string(world->evaluation("e3"));
  for (const std::string subject : {"E003", "C-FUT"}) {
    const Reply admin_search =
        world->Get("/api/audit-log?page_size=200&subject=" + subject, &admin);
    ASSERT_EQ(admin_search.status, 200) << admin_search.body;
    const boost::json::value by_admin = ParseJson(admin_search.body);
    long monitors_rows = 0;
    for (const boost::json::value& item : by_admin.at("items").as_array()) {
      if (item.at("role").as_string() == "monitor") ++monitors_rows;
    }
    EXPECT_GT(monitors_rows, 0) << subject;
    const Reply auditor_search =
        world->Get("/api/audit-log?page_size=200&subject=" + subject, &auditor);
    ASSERT_EQ(auditor_search.status, 200) << auditor_search.body;
    const boost::json::value by_auditor = ParseJson(auditor_search.body);
    EXPECT_EQ(by_auditor.at("total").as_int64(), by_admin.at("total").as_int64() - monitors_rows)
        << subject;
    for (const boost::json::value& item : by_auditor.at("items").as_array()) {
      EXPECT_NE(item.at("role").as_string(), "monitor") << subject;
    }
  }
  // And a monitor's rows carry no detail that links them to a contact (no evaluation id).
  long fieldwork_rows = 0;
  const boost::json::value all_items = ParseJson(all.body);
  for (const boost::json::value& item : all_items.at("items").as_array()) {
    if (item.at("subject").as_string() != "(fieldwork)") continue;
    ++fieldwork_rows;
    EXPECT_EQ(item.at("detail").as_string(), "") << boost::json::serialize(item);
    EXPECT_EQ(item.at("ip").as_string(), "") << boost::json::serialize(item);
  }
  EXPECT_GT(fieldwork_rows, 0);
  EXPECT_EQ(all.body.find("evaluation " + e3), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, SecrecyTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineParamName);

}  // namespace
}  // namespace chinjeol::api_testing
