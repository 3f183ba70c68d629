// Several servers on one database (behind a load balancer): sessions, lockouts and the audit
// chain live in the database, so any server serves any browser.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/api/api_world.hpp"

namespace chinjeol::api_testing {
namespace {

using testing::Engine;

class TwoServersTest : public ::testing::TestWithParam<Engine> {};

TEST_P(TwoServersTest, ShareSessionsLockoutsAndTheAuditChain) {
  std::unique_ptr<ApiWorld> world;
  CHINJEOL_CREATE_API_WORLD(world, GetParam());
  Result<std::unique_ptr<http::RunningServer>> second = world->StartAnotherServer();
  ASSERT_TRUE(second) << second.error().message();
  const unsigned short a = world->port();
  const unsigned short b = (*second)->port();
  ASSERT_NE(a, b);

  // Signed in on A, served by B; signed out on B: gone on B at once, and on A once its
  // short-lived session cache has expired (a couple of seconds).
  Browser admin = world->SignIn("admin", a);
  EXPECT_EQ(world->Call("GET", "/api/session", &admin, {}, b).status, 200);
  EXPECT_EQ(world->Call("GET", "/api/session", &admin, {}, a).status, 200);
  EXPECT_EQ(world->Call("GET", "/api/campaigns", &admin, {}, b).status, 200);
  EXPECT_EQ(world->Call("DELETE", "/api/session", &admin, {}, b).status, 204);
  EXPECT_EQ(world->Call("GET", "/api/session", &admin, {}, b).status, 401);
  const auto signed_out = std::chrono::steady_clock::now();
  int status = 200;
  while (status != 401 && std::chrono::steady_clock::now() - signed_out < std::chrono::seconds(5)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    status = world->Call("GET", "/api/session", &admin, {}, a).status;
  }
  EXPECT_EQ(status, 401);
  EXPECT_LT(std::chrono::steady_clock::now() - signed_out, std::chrono::milliseconds(3500));

  // Failures counted on both servers lock the login on both.
  for (int i = 0; i < 5; ++i) {
    (void)world->Call("POST", "/api/session", nullptr,
                      R"({"login":"reviewer","password":"wrong-password-1"})", i % 2 == 0 ? a : b);
  }
  EXPECT_EQ(world
                ->Call("POST", "/api/session", nullptr,
                       R"({"login":"reviewer","password":"password-1234"})", a)
                .status,
            429);
  EXPECT_EQ(world
                ->Call("POST", "/api/session", nullptr,
                       R"({"login":"reviewer","password":"password-1234"})", b)
                .status,
            429);

  // Audited reads from both servers at once keep one unbroken chain.
  Browser on_a = world->SignIn("admin", a);
  Browser on_b = world->SignIn("admin", b);
  const std::string target = "/api/evaluations/" + std::to_string(world->evaluation("e1"));
  std::thread first([&] {
    for (int i = 0; i < 20; ++i) EXPECT_EQ(world->Call("GET", target, &on_a, {}, a).status, 200);
  });
  std::thread other([&] {
    for (int i = 0; i < 20; ++i) EXPECT_EQ(world->Call("GET", target, &on_b, {}, b).status, 200);
  });
  first.join();
  other.join();
  const Reply verified = world->Call("GET", "/api/audit-log/verification", &on_b, {}, b);
  const boost::json::value json = ParseJson(verified.body);
  EXPECT_TRUE(json.at("intact").as_bool()) << verified.body;
  EXPECT_GE(json.at("checked").as_int64(), 40);
}

INSTANTIATE_TEST_SUITE_P(Engines, TwoServersTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineParamName);

}  // namespace
}  // namespace chinjeol::api_testing
