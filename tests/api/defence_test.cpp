// The server under attack, from the loopback interface only (127.0.0.2 and up stand for other
// clients; addresses in X-Forwarded-For for clients behind a trusted proxy): sign-in floods and
// parallel guesses, guesses of the current password, slow and idle connections, running out of
// file descriptors, and the headers of every answer. Every loop is bounded in count and time.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "tests/api/api_world.hpp"

namespace chinjeol::api_testing {
namespace {

using testing::Engine;
using SteadyClock = std::chrono::steady_clock;

double MillisecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

Request SignInRequest(const std::string& login, const std::string& password,
                      const std::string& forwarded_for = {}) {
  Request request;
  request.method = "POST";
  request.target = "/api/session";
  request.headers = {{"Content-Type", "application/json"}};
  if (!forwarded_for.empty()) request.headers.emplace_back("X-Forwarded-For", forwarded_for);
  request.body = R"({"login":")" + login + R"(","password":")" + password + R"("})";
  return request;
}

Reply SignInReply(unsigned short port, const std::string& login, const std::string& password,
                  const std::string& forwarded_for = {}) {
  return Send(port, SignInRequest(login, password, forwarded_for));
}

std::string ErrorCodeOf(const Reply& reply) {
  const boost::json::value json = ParseJson(reply.body);
  if (!json.is_object() || !json.as_object().contains("error")) return {};
  return std::string(json.at("error").at("code").as_string());
}

// The audit entries about one subject, as "detail@ip" lines.
std::vector<std::string> AccountAudit(const ApiWorld& world, const Browser& admin,
                                      const std::string& subject) {
  const Reply reply = world.Get("/api/audit-log?subject=" + subject + "&page_size=500", &admin);
  EXPECT_EQ(reply.status, 200) << reply.body;
  std::vector<std::string> lines;
  const boost::json::value json = ParseJson(reply.body);
  if (!json.is_object() || !json.as_object().contains("items")) return lines;
  for (const boost::json::value& item : json.at("items").as_array()) {
    lines.push_back(std::string(item.at("detail").as_string()) + "@" +
                    std::string(item.at("ip").as_string()));
  }
  return lines;
}

bool Contains(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

class SignInDefenceTest : public ::testing::TestWithParam<Engine> {};

TEST_P(SignInDefenceTest, MakesFivePasswordChecksForTwentyParallelGuessesOnTwoServers) {
  std::unique_ptr<ApiWorld> world;
  ApiWorld::Options options;
  options.real_hasher = true;
  options.configure = [](http::ServeOptions& serve) { serve.trusted_proxies = {"127.0.0.1"}; };
  CHINJEOL_CREATE_API_WORLD(world, GetParam(), options);
  Result<std::unique_ptr<http::RunningServer>> other = world->StartAnotherServer();
  ASSERT_TRUE(other) << other.error().message();
  const unsigned short ports[] = {world->port(), (*other)->port()};

  // Twenty guesses at once from one network (198.51.100.0/24), half on each server.
  const long checks_before = world->password_checks();
  std::atomic<int> rejected{0};
  std::atomic<int> locked{0};
  std::vector<std::thread> guessers;
  for (int i = 0; i < 20; ++i) {
    guessers.emplace_back([&, i] {
      const Reply reply = SignInReply(ports[i % 2], "admin", "guess-" + std::to_string(i),
                                      "198.51.100." + std::to_string(i + 1));
      if (reply.status == 401) ++rejected;
      if (reply.status == 429 && !reply.Header("retry-after").empty()) ++locked;
    });
  }
  for (std::thread& guesser : guessers) guesser.join();
  const long checks = world->password_checks() - checks_before;
  std::cout << "[ figures ] 20 parallel wrong guesses on two servers: " << checks
            << " password checks, " << rejected << " x 401, " << locked << " x 429\n";
  EXPECT_EQ(checks, 5);
  EXPECT_EQ(rejected + locked, 20);

  // The guessers' network waits, even with the right password, and no check is made for it.
  const Reply still = SignInReply(ports[0], "admin", kPassword, "198.51.100.77");
  EXPECT_EQ(still.status, 429);
  EXPECT_EQ(ErrorCodeOf(still), "too_many_requests");
  EXPECT_EQ(world->password_checks() - checks_before, 5);
  // The admin's own network is not locked by guesses from elsewhere.
  EXPECT_EQ(SignInReply(ports[1], "admin", kPassword, "203.0.113.9").status, 200);

  // The admin lifts the lockout; only the admin may.
  const Browser admin = world->SignIn("admin");
  const Browser reviewer = world->SignIn("reviewer");
  EXPECT_EQ(world->Call("DELETE", "/api/users/admin/lockouts", &reviewer).status, 403);
  EXPECT_EQ(world->Call("DELETE", "/api/users/admin/lockouts", &admin).status, 204);
  EXPECT_EQ(SignInReply(ports[0], "admin", kPassword, "198.51.100.77").status, 200);

  const std::vector<std::string> audit = AccountAudit(*world, admin, "admin");
  // Which guessers' attempts were checked depends on how the threads ran: each checked wrong
  // password is on the record from its own address, whichever they were.
  long failed = 0;
  for (const std::string& line : audit) {
    failed += line.rfind("sign-in failed@198.51.100.", 0) == 0 ? 1 : 0;
  }
  EXPECT_GE(failed, rejected.load());
  EXPECT_LE(failed, 5);
  EXPECT_TRUE(Contains(audit, "sign-in locked out@198.51.100.77"));
  EXPECT_TRUE(Contains(audit, "signed in@203.0.113.9"));
  EXPECT_TRUE(Contains(audit, "sign-in lockouts lifted: 1@127.0.0.1"));
}

TEST_P(SignInDefenceTest, LimitsGuessesOfTheCurrentPasswordOnPasswordChange) {
  std::unique_ptr<ApiWorld> world;
  CHINJEOL_CREATE_API_WORLD(world, GetParam());
  const Browser coach = world->SignIn("coach");
  const std::string wrong = R"({"current_password":"guess-1234","new_password":"new-pass-5678"})";
  const std::string right =
      R"({"current_password":"password-1234","new_password":"new-pass-5678"})";
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(world->Call("POST", "/api/password", &coach, wrong).status, 403);
  }
  const Reply fifth = world->Call("POST", "/api/password", &coach, wrong);
  EXPECT_EQ(fifth.status, 429);
  EXPECT_NE(fifth.Header("retry-after"), "");
  const long checks = world->password_checks();
  EXPECT_EQ(world->Call("POST", "/api/password", &coach, right).status, 429);
  EXPECT_EQ(world->password_checks(), checks);  // no check while locked

  const Browser admin = world->SignIn("admin");
  EXPECT_EQ(world->Call("DELETE", "/api/users/coach/lockouts", &admin).status, 204);
  EXPECT_EQ(world->Call("POST", "/api/password", &coach, right).status, 204);
  const std::vector<std::string> audit = AccountAudit(*world, admin, "coach");
  EXPECT_TRUE(Contains(audit, "password change refused@127.0.0.1"));
  EXPECT_TRUE(Contains(audit, "password change locked out@127.0.0.1"));
  EXPECT_TRUE(Contains(audit, "password changed@127.0.0.1"));
  EXPECT_TRUE(Contains(audit, "signed in@127.0.0.1"));
}

TEST_P(SignInDefenceTest, TakesTheClientFromForwardedForOnlyWhenAProxyOfOursSendsIt) {
  std::unique_ptr<ApiWorld> world;
  CHINJEOL_CREATE_API_WORLD(world, GetParam());
  // Not a trusted proxy: the header is the client's own invention, so all five failures count
  // for the real address, whatever they claim.
  for (int i = 0; i < 5; ++i) {
    (void)SignInReply(world->port(), "reviewer", "wrong-password",
                      "203.0.113." + std::to_string(i + 1));
  }
  EXPECT_EQ(SignInReply(world->port(), "reviewer", kPassword, "198.51.100.1").status, 429);
  const Browser admin = world->SignIn("admin");
  const std::vector<std::string> audit = AccountAudit(*world, admin, "reviewer");
  EXPECT_TRUE(Contains(audit, "sign-in failed@127.0.0.1"));
  EXPECT_FALSE(Contains(audit, "sign-in failed@203.0.113.1"));
}

TEST(SignInDefence, LimitsPasswordChecksPerClientAddressBeforeAnyHashing) {
  std::unique_ptr<ApiWorld> world;
  ApiWorld::Options options;
  options.configure = [](http::ServeOptions& serve) {
    serve.sign_in_burst = 5;
    serve.sign_in_per_minute = 6;
  };
  CHINJEOL_CREATE_API_WORLD(world, Engine::kSqlite, options);
  const Browser employee = world->SignIn("employee");  // the first of five
  const long checks_before = world->password_checks();
  int unauthorised = 0;
  int limited = 0;
  for (int i = 0; i < 30; ++i) {
    // Different logins (no lockout) and made-up forwarded addresses (ignored).
    const Reply reply = SignInReply(world->port(), "ghost-" + std::to_string(i), "nope",
                                    "198.51.100." + std::to_string(i + 1));
    if (reply.status == 401) ++unauthorised;
    if (reply.status == 429) {
      ++limited;
      EXPECT_EQ(ErrorCodeOf(reply), "too_many_requests");
      EXPECT_GE(std::stol("0" + reply.Header("retry-after")), 1);
    }
  }
  EXPECT_EQ(unauthorised, 4);
  EXPECT_EQ(limited, 26);
  EXPECT_EQ(world->password_checks() - checks_before, 4);
  // The same budget covers the current password of a password change.
  EXPECT_EQ(world
                ->Call("POST", "/api/password", &employee,
                       R"({"current_password":"x","new_password":"new-pass-5678"})")
                .status,
            429);
  // Another client has its own budget.
  Request elsewhere = SignInRequest("admin", kPassword);
  elsewhere.source = "127.0.0.2";
  EXPECT_EQ(Send(world->port(), elsewhere).status, 200);
}

TEST(SignInDefence, KeepsWorkersForOtherRequestsDuringASignInFlood) {
  std::unique_ptr<ApiWorld> world;
  ApiWorld::Options options;
  options.real_hasher = true;
  options.threads = 2;
  // A hundred clients behind the proxy at 127.0.0.1, each with one attempt.
  options.configure = [](http::ServeOptions& serve) { serve.trusted_proxies = {"127.0.0.1"}; };
  CHINJEOL_CREATE_API_WORLD(world, Engine::kSqlite, options);
  const Browser admin = world->SignIn("admin");
  ASSERT_EQ(world->Get("/api/users", &admin).status, 200);

  std::vector<std::thread> attackers;
  for (int i = 0; i < 100; ++i) {
    attackers.emplace_back([&, i] {
      (void)SignInReply(world->port(), "nobody-" + std::to_string(i), "guess",
                        "10.9." + std::to_string(i / 200) + "." + std::to_string(i % 200 + 1));
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  double slowest = 0;
  for (int i = 0; i < 5; ++i) {
    const auto started = SteadyClock::now();
    const Reply users = world->Get("/api/users", &admin);
    const double elapsed = MillisecondsSince(started);
    EXPECT_EQ(users.status, 200);
    slowest = std::max(slowest, elapsed);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (std::thread& attacker : attackers) attacker.join();
  std::cout << "[ figures ] admin GET /api/users during 100 anonymous sign-ins: slowest of 5 "
            << slowest << " ms\n";
  EXPECT_LT(slowest, 1500.0);
}

INSTANTIATE_TEST_SUITE_P(Engines, SignInDefenceTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineParamName);

// --- Connections ---------------------------------------------------------------------------

long OpenDescriptors() {
  long count = 0;
  std::error_code error;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    ++count;
  }
  return count;
}

// Lowers the soft open-file limit for a scope and restores it after.
class FileLimit {
 public:
  explicit FileLimit(rlim_t soft) {
    ::getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit lowered = saved_;
    lowered.rlim_cur = std::min<rlim_t>(soft, saved_.rlim_max);
    ok_ = ::setrlimit(RLIMIT_NOFILE, &lowered) == 0;
  }
  ~FileLimit() { ::setrlimit(RLIMIT_NOFILE, &saved_); }
  bool ok() const { return ok_; }

 private:
  rlimit saved_{};
  bool ok_ = false;
};

// A connection that has sent part of a request head and stops there.
int SlowConnection(unsigned short port, const char* source) {
  const int socket = Connect(port, source);
  if (socket < 0) return -1;
  const std::string part = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  if (::send(socket, part.data(), part.size(), MSG_NOSIGNAL) < 0) {
    ::close(socket);
    return -1;
  }
  return socket;
}

// Closes the sockets the server has closed; returns how many are still open.
std::size_t ReapClosed(std::vector<int>& sockets) {
  std::vector<pollfd> polled;
  for (const int socket : sockets) polled.push_back({socket, POLLIN | POLLRDHUP, 0});
  ::poll(polled.data(), polled.size(), 0);
  std::vector<int> open;
  for (const pollfd& entry : polled) {
    if ((entry.revents & (POLLIN | POLLRDHUP | POLLHUP | POLLERR)) != 0) {
      ::close(entry.fd);
    } else {
      open.push_back(entry.fd);
    }
  }
  sockets = std::move(open);
  return sockets.size();
}

void CloseAll(std::vector<int>& sockets) {
  for (const int socket : sockets) ::close(socket);
  sockets.clear();
}

double CpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

TEST(Connections, CutsOffAClientThatTricklesItsRequestHead) {
  std::unique_ptr<ApiWorld> world;
  ApiWorld::Options options;
  options.configure = [](http::ServeOptions& serve) {
    serve.header_timeout = std::chrono::milliseconds(500);
  };
  CHINJEOL_CREATE_API_WORLD(world, Engine::kSqlite, options);
  const int socket = SlowConnection(world->port(), nullptr);
  ASSERT_GE(socket, 0);
  const auto started = SteadyClock::now();
  bool closed = false;
  // A header line every 100 ms, for at most 5 seconds.
  for (int i = 0; i < 50 && !closed; ++i) {
    const std::string line = "x\r\nX-More: ";
    if (::send(socket, line.data(), line.size(), MSG_NOSIGNAL) < 0) closed = true;
    pollfd entry{socket, POLLIN | POLLRDHUP, 0};
    if (::poll(&entry, 1, 100) > 0) {
      char byte = 0;
      closed = closed || ::recv(socket, &byte, 1, 0) <= 0;
    }
  }
  const double elapsed = MillisecondsSince(started);
  ::close(socket);
  EXPECT_TRUE(closed);
  EXPECT_LT(elapsed, 3000.0);
  EXPECT_EQ(world->Get("/healthz").status, 200);
}

TEST(Connections, HoldsNoMoreThanTheLimitFromOneAddress) {
  std::unique_ptr<ApiWorld> world;
  ApiWorld::Options options;
  options.configure = [](http::ServeOptions& serve) { serve.max_connections_per_address = 16; };
  CHINJEOL_CREATE_API_WORLD(world, Engine::kSqlite, options);
  std::vector<int> sockets;
  for (int i = 0; i < 100; ++i) {
    const int socket = SlowConnection(world->port(), "127.0.0.2");
    if (socket >= 0) sockets.push_back(socket);
  }
  std::size_t open = sockets.size();
  // Refused connections are closed at once; give the server a moment, at most 2 seconds.
  for (int i = 0; i < 20 && open > 16; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    open = ReapClosed(sockets);
  }
  EXPECT_EQ(open, 16U);
  // Everyone else is served.
  EXPECT_EQ(world->Get("/healthz").status, 200);
  CloseAll(sockets);
}

TEST(Connections, AnswersWhileHundredsOfSlowConnectionsAreHeld) {
  std::unique_ptr<ApiWorld> world;
  ApiWorld::Options options;
  options.configure = [](http::ServeOptions& serve) {
    serve.max_connections = 128;
    serve.max_connections_per_address = 64;
  };
  CHINJEOL_CREATE_API_WORLD(world, Engine::kSqlite, options);
  // Few enough descriptors that a server taking every connection would run out.
  FileLimit limit(static_cast<rlim_t>(OpenDescriptors() + 450));
  ASSERT_TRUE(limit.ok());
  std::vector<int> sockets;
  int opened = 0;
  // 300 slow clients from ten addresses.
  for (int i = 0; i < 300; ++i) {
    const std::string source = "127.0.0." + std::to_string(2 + i % 10);
    const int socket = SlowConnection(world->port(), source.c_str());
    if (socket >= 0) {
      sockets.push_back(socket);
      ++opened;
    }
    if (i % 20 == 19) (void)ReapClosed(sockets);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::size_t held = ReapClosed(sockets);
  double slowest = 0;
  int answered = 0;
  for (int i = 0; i < 10; ++i) {
    const auto started = SteadyClock::now();
    const Reply health = world->Get("/healthz");
    slowest = std::max(slowest, MillisecondsSince(started));
    if (health.status == 200) ++answered;
  }
  const std::size_t still_held = ReapClosed(sockets);
  std::cout << "[ figures ] " << opened << " slow connections opened, " << held
            << " held by the server (" << still_held << " after the checks); /healthz answered "
            << answered << "/10, slowest " << slowest << " ms\n";
  EXPECT_EQ(answered, 10);
  EXPECT_LT(slowest, 2000.0);
  EXPECT_GE(held, 100U);  // the slow ones are held too, up to the limit
  EXPECT_LE(held, 128U);
  CloseAll(sockets);
}

TEST(Connections, BacksOffInsteadOfSpinningWhenOutOfFileDescriptors) {
  std::unique_ptr<ApiWorld> world;
  CHINJEOL_CREATE_API_WORLD(world, Engine::kSqlite);
  std::vector<int> sockets;
  {
    FileLimit limit(static_cast<rlim_t>(OpenDescriptors() + 24));
    ASSERT_TRUE(limit.ok());
    // Connect until this process has no descriptor left (at most 64 tries): the server cannot
    // accept the last of them.
    for (int i = 0; i < 64; ++i) {
      const int socket = Connect(world->port());
      if (socket < 0) break;
      sockets.push_back(socket);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const double cpu_before = CpuSeconds();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const double cpu = CpuSeconds() - cpu_before;
    std::cout << "[ figures ] out of descriptors with " << sockets.size() << " connections: " << cpu
              << " s of CPU in 1 s\n";
    EXPECT_LT(cpu, 0.1);  // spinning on accept takes most of a core
    CloseAll(sockets);
  }
  EXPECT_EQ(world->Get("/healthz").status, 200);
}

// --- Headers -------------------------------------------------------------------------------

TEST(Headers, SendNosniffOnEveryAnswer) {
  std::unique_ptr<ApiWorld> world;
  CHINJEOL_CREATE_API_WORLD(world, Engine::kSqlite);
  const Browser admin = world->SignIn("admin");
  Request bad_target;
  bad_target.target = "/api/%zz";
  for (const Reply& reply :
       {world->Get("/healthz"), world->Get("/"), world->Get("/assets/app-1234.js"),
        world->Get("/api/nothing-here"), world->Get("/api/session"),
        world->Get("/api/users", &admin), world->Get("/api/openapi.json"),
        world->Call("PUT", "/api/session", nullptr), Send(world->port(), bad_target)}) {
    EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff") << reply.Raw();
    EXPECT_EQ(reply.Header("strict-transport-security"), "");
  }
}

TEST(Headers, ForceSecureCookiesAndHstsWhenServedOverHttps) {
  std::unique_ptr<ApiWorld> world;
  ApiWorld::Options options;
  options.configure = [](http::ServeOptions& serve) { serve.https = true; };
  CHINJEOL_CREATE_API_WORLD(world, Engine::kSqlite, options);
  const Reply signed_in = SignInReply(world->port(), "employee", kPassword);
  ASSERT_EQ(signed_in.status, 200);
  EXPECT_NE(signed_in.Header("set-cookie").find("; Secure"), std::string::npos);
  EXPECT_EQ(signed_in.Header("strict-transport-security"), "max-age=31536000");
  EXPECT_EQ(world->Get("/").Header("strict-transport-security"), "max-age=31536000");
  EXPECT_EQ(world->Get("/api/nothing-here").Header("strict-transport-security"),
            "max-age=31536000");
}

}  // namespace
}  // namespace chinjeol::api_testing
