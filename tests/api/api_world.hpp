#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "adapters/http/serve.hpp"
#include "tests/api/http_client.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/test_databases.hpp"

namespace chinjeol::api_testing {

inline constexpr const char* kPassword = "password-1234";

// Secrets of the world that must reach no one but the admin (and, for identities, the monitor
// themself).
inline constexpr const char* kMonitorA = "MONA-7731";
inline constexpr const char* kMonitorAName = "은밀가람";
inline constexpr const char* kMonitorB = "MONB-8842";
inline constexpr const char* kMonitorBName = "은밀나래";
inline constexpr const char* kUnreleasedA = "UNREL-SECRET-A";  // monitor A's, not yet released
inline constexpr const char* kUnreleasedB = "UNREL-SECRET-B";
inline constexpr const char* kUnreleasedDateA = "2099-06-17";
inline constexpr const char* kUnreleasedDateB = "2099-06-18";
// An approved contact made after C-2021's results release: unpublished until the next one.
inline constexpr const char* kAfterRelease = "EV-AFTER-RELEASE";
// Monitor A's draft: theirs alone until submitted (not even the reviewer's).
inline constexpr const char* kDraft = "EV-DRAFT-SECRET";

// A signed-in browser: its cookie and CSRF token.
struct Browser {
  std::string login;
  std::string cookie;  // "chinjeol_session=..."
  std::string csrf;
};

// A fresh database with a small programme, and a server on a free port in this process.
//
// Departments D01 (hq) and D02 (town); employees E001, E002 (D01) and E003 (D02); monitors A
// (MONA-7731) and B (MONB-8842); default rubrics; campaign C-2021 (2021, results released) with
// approved evaluations e1 (E001 by A), e2 (E002 by B), e3 (E003 by A), e4 (E001 by B), a
// submitted one e5 (E002 by A), e6 (E001 by A, approved, made after the release) and a draft e7
// (E002 by A); campaign C-FUT (2099) with released assignments REL-A-1 (A,
// E001), REL-B-1 (B, E002) and unreleased UNREL-SECRET-A (A, E003) and UNREL-SECRET-B (B,
// E001). Accounts, all with kPassword: admin, mona, monb, reviewer, coach (caseload E001), head
// (D01), employee (E001), employee3 (E003), auditor.
class ApiWorld {
 public:
  struct Options {
    bool real_hasher = false;  // Argon2id instead of a fast test hasher
    std::size_t threads = 2;
    // Changes to the servers' options. Unless changed, a client address may check passwords
    // freely (1000 at once), so that tests sign in as often as they need.
    std::function<void(http::ServeOptions&)> configure;
  };
  static Result<std::unique_ptr<ApiWorld>> Create(testing::Engine engine, Options options);
  static Result<std::unique_ptr<ApiWorld>> Create(testing::Engine engine) {
    return Create(engine, Options{});
  }
  ~ApiWorld();

  unsigned short port() const { return server_->port(); }
  const std::string& database_url() const { return database_->url(); }
  const std::string& data_dir() const { return data_dir_; }
  const std::string& audit_key_path() const { return audit_key_path_; }
  std::int64_t evaluation(const std::string& name) const { return evaluations_.at(name); }
  // The servers' clock: moved forward by hand to step past sessions, lockouts and deadlines.
  testing::ManualClock& clock() { return clock_; }
  // Password checks the servers have made (Verify calls on the hasher) so far.
  long password_checks() const;

  // Another server on the same database (its own data folder).
  Result<std::unique_ptr<http::RunningServer>> StartAnotherServer();
  void StopServer() { server_->Stop(); }
  http::RunningServer& server() { return *server_; }

  Reply Call(const std::string& method, const std::string& target, const Browser* browser,
             const std::string& json = {}, unsigned short port = 0) const;
  Reply Get(const std::string& target, const Browser* browser = nullptr) const {
    return Call("GET", target, browser);
  }
  // Signs in (fails the test when it does not work).
  Browser SignIn(const std::string& login, unsigned short port = 0,
                 const std::string& password = kPassword) const;

 private:
  ApiWorld() = default;

  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<auth::PasswordHasher> hasher_;  // counts checks, see password_checks()
  std::function<void(http::ServeOptions&)> configure_;
  testing::ManualClock clock_;
  http::ApiServices services_;
  std::string folder_;
  std::string data_dir_;
  std::string audit_key_path_;
  std::string web_dir_;
  std::unique_ptr<http::RunningServer> server_;
  std::map<std::string, std::int64_t> evaluations_;
};

boost::json::value ParseJson(const std::string& text);

// Engine names for INSTANTIATE_TEST_SUITE_P.
std::string EngineParamName(const ::testing::TestParamInfo<testing::Engine>& info);

}  // namespace chinjeol::api_testing

// Creates the world for the engine or skips/fails the current test.
#define CHINJEOL_CREATE_API_WORLD(target, ...)                                   \
  do {                                                                           \
    auto created_world = ::chinjeol::api_testing::ApiWorld::Create(__VA_ARGS__); \
    if (!created_world) {                                                        \
      if (created_world.error().code() == ::chinjeol::ErrorCode::kUnavailable) { \
        GTEST_SKIP() << created_world.error().message();                         \
      }                                                                          \
      FAIL() << created_world.error().message();                                 \
    }                                                                            \
    target = std::move(*created_world);                                          \
  } while (false)
