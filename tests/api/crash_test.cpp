// No acknowledged write is lost: monitors submit their fieldwork concurrently through the real
// server (`chinjeol serve`, a child process) while it is killed with SIGKILL at random moments
// and started again. After every kill the database is read directly: each submission that got a
// 2xx answer is there and whole (state, flags, observations, score, its assignment's status),
// nothing is half-written (a submitted evaluation whose assignment is still pending, a finished
// assignment without its evaluation, a scored evaluation missing items), and the restarted
// server finds its audit chain intact. The monitors then carry on with what is left.
//
// The run prints one line of figures per kill. To reproduce or lengthen a run:
// CHINJEOL_CRASH_SEED, CHINJEOL_CRASH_KILLS (default 10), CHINJEOL_CRASH_MONITORS (12),
// CHINJEOL_CRASH_ASSIGNMENTS (60 per monitor), CHINJEOL_CRASH_SECONDS (50, the time budget).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "adapters/storage/storage_factory.hpp"
#include "core/programme/setup.hpp"
#include "core/rubric/observation.hpp"
#include "core/rubric/scoring.hpp"
#include "tests/api/api_world.hpp"
#include "tests/api/server_process.hpp"

namespace chinjeol::api_testing {
namespace {

using Clock = std::chrono::steady_clock;
using testing::Engine;

constexpr const char* kCampaign = "C-CRASH";
// The kill lands this long (a random moment in the range) after the first submission the
// restarted server acknowledged.
constexpr int kMinRunMs = 0;
constexpr int kMaxRunMs = 250;

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return fallback;
  return std::atoi(value);
}

std::string MonitorCode(int monitor) {
  std::ostringstream code;
  code << "MC-" << (monitor < 10 ? "0" : "") << monitor;
  return code.str();
}
std::string MonitorLogin(int monitor) {
  return std::string("crash") + (monitor < 10 ? "0" : "") + std::to_string(monitor);
}
std::string AssignmentCode(int monitor, int index) {
  std::ostringstream code;
  code << "K" << (monitor < 10 ? "0" : "") << monitor << "-" << (index < 10 ? "00" : "")
       << (index >= 10 && index < 100 ? "0" : "") << index;
  return code.str();
}

// What a monitor records for the assignment with this number: some calls went unanswered or
// were void, the others are scored with varying observations.
struct Sheet {
  std::vector<std::string> flags;
  std::map<std::string, std::string> cells;  // item id -> cell
};

Sheet SheetFor(const rubric::Rubric& rubric, int number) {
  Sheet sheet;
  if (number % 9 == 4) {
    sheet.flags.push_back(std::string(rubric::kFlagUnanswered));
    return sheet;
  }
  if (number % 13 == 7) {
    sheet.flags.push_back(std::string(rubric::kFlagVoid));
    return sheet;
  }
  for (std::size_t k = 0; k < rubric.items.size(); ++k) {
    const rubric::Item& item = rubric.items[k];
    const int spin = number + static_cast<int>(k);
    std::string cell;
    switch (item.type) {
      case rubric::ItemType::kBinary:
        cell = spin % 3 == 0 ? "0" : "1";
        break;
      case rubric::ItemType::kLevel5:
        cell = std::to_string(1 + spin % 5);
        break;
      case rubric::ItemType::kTiered:
        cell = std::to_string(1 + spin % 7);
        break;
      case rubric::ItemType::kChecklist:
        for (std::size_t e = 0; e < item.elements.size(); ++e) {
          if (e == 0 || (spin + static_cast<int>(e)) % 3 != 0) {
            cell += (cell.empty() ? "" : ";") + item.elements[e].id;
          }
        }
        break;
    }
    sheet.cells[item.id] = cell;
  }
  return sheet;
}

std::vector<rubric::ItemObservation> ParseSheet(const rubric::Rubric& rubric, const Sheet& sheet) {
  std::vector<rubric::ItemObservation> observations;
  for (const rubric::Item& item : rubric.items) {
    const auto cell = sheet.cells.find(item.id);
    if (cell == sheet.cells.end()) continue;
    Result<rubric::Observation> observation = rubric::ParseObservation(item, cell->second);
    if (observation) observations.push_back({item.id, *observation});
  }
  return observations;
}

std::string ExpectedStatus(const std::vector<std::string>& flags) {
  const auto has = [&](std::string_view flag) {
    return std::find(flags.begin(), flags.end(), flag) != flags.end();
  };
  if (has(rubric::kFlagUnanswered)) return "unanswered";
  if (has(rubric::kFlagVoid)) return "void";
  return "done";
}

bool IsPending(const std::string& status) { return status == "planned" || status == "released"; }

// A submission the server answered with 2xx.
struct Acknowledged {
  std::int64_t id = 0;
  std::string code;
  int number = 0;  // of SheetFor
  std::optional<double> score;
};

// What one look at the database found.
struct Census {
  long evaluations = 0;
  long submitted = 0;
  long drafts = 0;
  long acknowledged = 0;
  long acknowledged_whole = 0;
  long lost = 0;          // acknowledged, but missing or not as acknowledged
  long half_written = 0;  // submitted evaluation, assignment still pending
  long orphaned = 0;      // assignment finished without a submitted evaluation
  long incomplete = 0;    // submitted and scored, but items or score missing or wrong
  long pending_assignments = 0;
  std::vector<std::string> problems;

  long inconsistent() const { return lost + half_written + orphaned + incomplete; }
};

// Reads the campaign straight from the database, with a connection of its own.
Census Inspect(const std::string& database_url, const rubric::Rubric& rubric,
               const std::vector<Acknowledged>& acknowledged) {
  Census census;
  Result<std::unique_ptr<ports::Storage>> storage = storage::OpenStorage(database_url);
  if (!storage) {
    census.problems.push_back("cannot open the database: " + storage.error().message());
    census.lost = static_cast<long>(acknowledged.size());
    return census;
  }
  Result<std::vector<planning::Assignment>> assignments =
      (*storage)->assignments().ListAssignments(kCampaign);
  if (!assignments) {
    census.problems.push_back("cannot list assignments: " + assignments.error().message());
    return census;
  }
  std::map<std::string, std::string> status_of;
  for (const planning::Assignment& assignment : *assignments) {
    status_of[assignment.code] = planning::AssignmentStatusCode(assignment.status);
    if (IsPending(status_of[assignment.code])) ++census.pending_assignments;
  }
  std::map<std::string, evaluation::Evaluation> by_code;
  Result<void> visited = (*storage)->evaluations().ForEachEvaluation(
      kCampaign, [&](const evaluation::Evaluation& evaluation) -> Result<void> {
        by_code[evaluation.code] = evaluation;
        return Ok();
      });
  if (!visited) {
    census.problems.push_back("cannot read evaluations: " + visited.error().message());
    return census;
  }

  for (const auto& [code, evaluation] : by_code) {
    ++census.evaluations;
    const std::string status = status_of.count(code) ? status_of[code] : "(no assignment)";
    if (evaluation.state == evaluation::ReviewState::kDraft) {
      ++census.drafts;
      if (!IsPending(status)) {
        ++census.orphaned;
        census.problems.push_back(code + ": a draft, but its assignment is " + status);
      }
      continue;
    }
    if (evaluation.state != evaluation::ReviewState::kSubmitted) {
      census.problems.push_back(code + ": unexpected state " +
                                evaluation::ReviewStateCode(evaluation.state));
      ++census.incomplete;
      continue;
    }
    ++census.submitted;
    const std::string expected = ExpectedStatus(evaluation.flags);
    if (IsPending(status)) {
      ++census.half_written;
      census.problems.push_back(code + ": submitted, but its assignment is still " + status);
    } else if (status != expected) {
      ++census.orphaned;
      census.problems.push_back(code + ": submitted as " + expected + ", assignment " + status);
    }
    if (rubric::IsScored(evaluation.flags)) {
      Result<rubric::ContactScore> recomputed =
          rubric::ScoreContact(rubric, evaluation.observations, evaluation.flags);
      if (evaluation.observations.size() != rubric.items.size() || !evaluation.score ||
          !recomputed || evaluation.score->items.size() != recomputed->items.size() ||
          evaluation.score->total != recomputed->total) {
        ++census.incomplete;
        census.problems.push_back(code + ": scored, but " +
                                  std::to_string(evaluation.observations.size()) + " of " +
                                  std::to_string(rubric.items.size()) + " observations" +
                                  (evaluation.score ? "" : " and no score"));
      }
    } else if (evaluation.score) {
      ++census.incomplete;
      census.problems.push_back(code + ": not scored, yet has a score");
    }
  }
  for (const auto& [code, status] : status_of) {
    if (IsPending(status)) continue;
    const auto found = by_code.find(code);
    if (found == by_code.end() || found->second.state != evaluation::ReviewState::kSubmitted) {
      ++census.orphaned;
      census.problems.push_back(code + ": assignment " + status +
                                " without a submitted evaluation");
    }
  }

  for (const Acknowledged& ack : acknowledged) {
    ++census.acknowledged;
    const auto found = by_code.find(ack.code);
    const Sheet sheet = SheetFor(rubric, ack.number);
    std::string problem;
    if (found == by_code.end()) {
      problem = "missing";
    } else {
      const evaluation::Evaluation& stored = found->second;
      if (stored.id != ack.id) problem = "another id";
      if (stored.state != evaluation::ReviewState::kSubmitted) {
        problem = std::string("state ") + evaluation::ReviewStateCode(stored.state);
      } else if (stored.flags != sheet.flags) {
        problem = "other flags";
      } else if (stored.observations != ParseSheet(rubric, sheet)) {
        problem = "other observations";
      } else if (stored.score.has_value() != ack.score.has_value() ||
                 (stored.score && stored.score->total != *ack.score)) {
        problem = "another score";
      } else if (status_of[ack.code] != ExpectedStatus(sheet.flags)) {
        problem = "assignment " + status_of[ack.code];
      }
    }
    if (problem.empty()) {
      ++census.acknowledged_whole;
    } else {
      ++census.lost;
      census.problems.push_back(ack.code + " (acknowledged): " + problem);
    }
  }
  return census;
}

// The monitors' side of the run, shared with the thread that kills the server.
struct Field {
  std::atomic<unsigned short> port{0};  // 0 while the server is down
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<Acknowledged> acknowledged;
  std::atomic<long> requests{0};
  std::atomic<long> failed_requests{0};  // no answer (the server died) or a 5xx
  std::atomic<long> unknown_submissions{0};
  std::atomic<long> seen_half_written{0};  // pending assignment whose evaluation is submitted
  std::atomic<int> monitors_finished{0};
  std::vector<std::string> client_problems;
};

// Signs in, waiting out a sign-in rate limit if there is one.
std::optional<Browser> SignInPatiently(const ApiWorld& world, const std::string& login,
                                       unsigned short port) {
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (Clock::now() < deadline) {
    const Reply reply = world.Call(
        "POST", "/api/session", nullptr,
        R"({"login":")" + login + R"(","password":")" + std::string(kPassword) + R"("})", port);
    if (reply.status == 200) {
      Browser browser;
      browser.login = login;
      const std::string cookie = reply.Header("set-cookie");
      browser.cookie = cookie.substr(0, cookie.find(';'));
      const boost::json::value json = ParseJson(reply.body);
      if (json.is_object() && json.as_object().contains("csrf_token")) {
        browser.csrf = std::string(json.at("csrf_token").as_string());
      }
      return browser;
    }
    if (reply.status != 429 && reply.status != 503 && reply.status != 0) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return std::nullopt;
}

// One monitor working through their released assignments until none is pending, resuming after
// every restart from what the server lists.
void Work(const ApiWorld& world, const rubric::Rubric& rubric, const Browser& browser,
          const std::string& performed_at, Field& field, Clock::time_point deadline) {
  const auto call = [&](const std::string& method, const std::string& target,
                        const std::string& json, unsigned short port) {
    ++field.requests;
    Reply reply = world.Call(method, target, &browser, json, port);
    if (reply.status == 0 || reply.status >= 500) ++field.failed_requests;
    return reply;
  };
  const auto note = [&](const std::string& problem) {
    std::lock_guard lock(field.mutex);
    field.client_problems.push_back(browser.login + ": " + problem);
  };
  std::set<std::string> given_up;  // half-written: pending assignment, submitted evaluation
  while (!field.stop && Clock::now() < deadline) {
    const unsigned short port = field.port;
    if (port == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    const Reply listed =
        call("GET", std::string("/api/my/assignments?campaign=") + kCampaign, {}, port);
    if (listed.status != 200) {
      if (listed.status != 0 && listed.status < 500) {
        note("listing assignments: " + std::to_string(listed.status) + " " + listed.body);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    const boost::json::value list = ParseJson(listed.body);
    struct Pending {
      std::string code;
      std::optional<std::int64_t> evaluation_id;
    };
    std::vector<Pending> pending;
    for (const boost::json::value& item : list.at("items").as_array()) {
      const std::string code(item.at("code").as_string());
      if (!IsPending(std::string(item.at("status").as_string())) || given_up.count(code)) {
        continue;
      }
      Pending next{code, std::nullopt};
      if (item.at("evaluation_id").is_int64())
        next.evaluation_id = item.at("evaluation_id").as_int64();
      pending.push_back(next);
    }
    if (pending.empty()) {
      ++field.monitors_finished;
      return;
    }
    // Works down the list; any failure sends the monitor back to the list.
    for (const Pending& assignment : pending) {
      if (field.stop || Clock::now() >= deadline) return;
      const int number =
          std::stoi(assignment.code.substr(1, 2)) * 1000 + std::stoi(assignment.code.substr(4));
      const Sheet sheet = SheetFor(rubric, number);
      std::int64_t id = 0;
      if (assignment.evaluation_id) {
        id = *assignment.evaluation_id;
      } else {
        const Reply created =
            call("POST", "/api/evaluations",
                 boost::json::serialize(boost::json::object{{"campaign", kCampaign},
                                                            {"assignment_code", assignment.code}}),
                 port);
        if (created.status != 201) {
          if (created.status != 0 && created.status < 500 && created.status != 409) {
            note("draft " + assignment.code + ": " + std::to_string(created.status) + " " +
                 created.body);
            given_up.insert(assignment.code);
          }
          break;
        }
        id = ParseJson(created.body).at("id").as_int64();
      }
      boost::json::object cells;
      for (const auto& [item, cell] : sheet.cells) cells[item] = cell;
      boost::json::array flags;
      for (const std::string& flag : sheet.flags) flags.emplace_back(flag);
      const std::string target = "/api/evaluations/" + std::to_string(id);
      const Reply edited = call("PUT", target,
                                boost::json::serialize(boost::json::object{
                                    {"performed_at", performed_at},
                                    {"flags", std::move(flags)},
                                    {"observations", std::move(cells)},
                                    {"notes", "통화 응대 기록 " + assignment.code}}),
                                port);
      const bool moved_on = edited.status == 409;
      if (edited.status != 200 && !moved_on) {
        if (edited.status != 0 && edited.status < 500) {
          note("editing " + assignment.code + ": " + std::to_string(edited.status) + " " +
               edited.body);
          given_up.insert(assignment.code);
        }
        break;
      }
      if (moved_on) {
        // Listed as pending, yet no longer editable: an earlier submission whose answer was
        // lost reached the evaluation but not the assignment.
        ++field.seen_half_written;
        note(assignment.code + ": pending assignment with a submitted evaluation (" + edited.body +
             ")");
        given_up.insert(assignment.code);
        continue;
      }
      const Reply submitted = call("POST", target + "/submission", "{}", port);
      if (submitted.status >= 200 && submitted.status < 300) {
        const boost::json::value json = ParseJson(submitted.body);
        Acknowledged ack;
        ack.id = id;
        ack.code = assignment.code;
        ack.number = number;
        if (json.is_object() && json.at("score").is_number()) {
          ack.score = json.at("score").to_number<double>();
        }
        if (!json.is_object() || !json.at("state").is_string() ||
            json.at("state").as_string() != "submitted") {
          note("submission of " + assignment.code + " answered " + submitted.body);
        }
        std::lock_guard lock(field.mutex);
        field.acknowledged.push_back(ack);
        continue;
      }
      if (submitted.status == 0 || submitted.status >= 500) {
        ++field.unknown_submissions;
      } else {
        note("submitting " + assignment.code + ": " + std::to_string(submitted.status) + " " +
             submitted.body);
        given_up.insert(assignment.code);
      }
      break;
    }
  }
}

Result<void> SeedFieldwork(ports::Storage& storage, const Date& day, int monitor_count,
                           int assignments_each) {
  Result<campaign::Campaign> campaign = programme::CreateCampaign(
      storage, {kCampaign, "중단 시험 캠페인", AddDays(day, -20), AddDays(day, 20), 1, 1, 1,
                campaign::LunchPolicy::kAvoid});
  if (!campaign) return campaign.error();
  std::vector<org::Monitor> monitors;
  for (int m = 1; m <= monitor_count; ++m) {
    monitors.push_back({MonitorCode(m), "모니터" + std::to_string(m), m % 2 ? "F" : "M", "40s", 40,
                        0, std::nullopt, std::nullopt, true});
  }
  if (Result<void> saved = storage.organisation().SaveMonitors(monitors); !saved) return saved;
  planning::Plan plan;
  plan.campaign_code = kCampaign;
  const char* employees[] = {"E001", "E002", "E003"};
  const char* departments[] = {"D01", "D01", "D02"};
  for (int m = 1; m <= monitor_count; ++m) {
    for (int i = 1; i <= assignments_each; ++i) {
      planning::Assignment assignment;
      assignment.code = AssignmentCode(m, i);
      assignment.campaign = kCampaign;
      assignment.round = 1;
      assignment.channel = Channel::kPhone;
      assignment.employee_no = employees[(m + i) % 3];
      assignment.department_code = departments[(m + i) % 3];
      assignment.date = day;
      assignment.start_minute = 9 * 60 + (i % 30) * 15;
      assignment.duration_minutes = 15;
      assignment.monitor_code = MonitorCode(m);
      assignment.scenario_code = "S01";
      assignment.release_at = {AddDays(day, -3), 9, 0, 0};
      plan.assignments.push_back(assignment);
    }
  }
  return storage.assignments().SavePlan(plan, "crash-digest", "2021-01-01T00:00:00", "");
}

class CrashTest : public ::testing::TestWithParam<Engine> {};

TEST_P(CrashTest, NoAcknowledgedSubmissionIsLostWhenTheServerIsKilled) {
  const int kills = std::clamp(EnvInt("CHINJEOL_CRASH_KILLS", 10), 1, 10000);
  const int monitor_count = std::clamp(EnvInt("CHINJEOL_CRASH_MONITORS", 12), 1, 99);
  const int assignments_each = std::clamp(EnvInt("CHINJEOL_CRASH_ASSIGNMENTS", 60), 1, 999);
  // The whole run stays within this, kills and the monitors' last stretch included.
  const auto budget =
      std::chrono::seconds(std::clamp(EnvInt("CHINJEOL_CRASH_SECONDS", 50), 10, 3600));
  const unsigned seed = static_cast<unsigned>(EnvInt("CHINJEOL_CRASH_SEED", 0)) != 0
                            ? static_cast<unsigned>(EnvInt("CHINJEOL_CRASH_SEED", 0))
                            : std::random_device{}();
  std::mt19937 random(seed);
  const std::string engine = testing::EngineName(GetParam());

  std::unique_ptr<ApiWorld> world;
  CHINJEOL_CREATE_API_WORLD(world, GetParam());

  // Fieldwork two days ago (UTC), so that it lies in the past in any time zone.
  const Date day = Date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) -
                        std::chrono::days(2));
  const std::string performed_at = FormatDate(day) + "T10:05:00";
  rubric::Rubric rubric;
  {
    Result<std::unique_ptr<ports::Storage>> storage = storage::OpenStorage(world->database_url());
    ASSERT_TRUE(storage) << storage.error().message();
    Result<void> seeded = SeedFieldwork(**storage, day, monitor_count, assignments_each);
    ASSERT_TRUE(seeded) << seeded.error().message();
    Result<std::optional<rubric::Rubric>> phone =
        (*storage)->rubrics().FindLatestRubric("phone-default");
    ASSERT_TRUE(phone && *phone);
    rubric = **phone;
  }
  // Accounts and sessions are made on the world's own server (its password hashing costs
  // nothing); sessions live in the database, so the child server honours them.
  std::optional<Browser> admin = SignInPatiently(*world, "admin", world->port());
  ASSERT_TRUE(admin);
  std::vector<Browser> browsers;
  for (int m = 1; m <= monitor_count; ++m) {
    const Reply made = world->Call("POST", "/api/users", &*admin,
                                   boost::json::serialize(boost::json::object{
                                       {"login", MonitorLogin(m)},
                                       {"password", kPassword},
                                       {"role", "monitor"},
                                       {"monitor_code", MonitorCode(m)},
                                       {"display_name", "모니터 " + std::to_string(m)}}));
    ASSERT_EQ(made.status, 201) << made.body;
    std::optional<Browser> browser = SignInPatiently(*world, MonitorLogin(m), world->port());
    ASSERT_TRUE(browser) << MonitorLogin(m);
    browsers.push_back(*browser);
  }
  world->StopServer();

  ServerProcess::Options serve;
  serve.binary = std::string(CHINJEOL_BINARY_DIR) + "/chinjeol";
  serve.database_url = world->database_url();
  serve.data_dir = world->data_dir();  // the same data folder as the world's server
  serve.log_file = world->data_dir() + "-serve.log";
  std::filesystem::create_directories(world->data_dir());
  Result<ServerProcess> server = ServerProcess::Start(serve);
  ASSERT_TRUE(server) << server.error().message();

  const auto verify_chain = [&](unsigned short port) {
    const Reply verified = world->Call("GET", "/api/audit-log/verification", &*admin, {}, port);
    const boost::json::value json = ParseJson(verified.body);
    const bool intact = verified.status == 200 && json.is_object() && json.at("intact").as_bool();
    EXPECT_TRUE(intact) << engine << ": the audit chain after a kill: " << verified.status << " "
                        << verified.body;
    return json.is_object() && json.as_object().contains("checked")
               ? json.at("checked").to_number<long>()
               : -1L;
  };

  Field field;
  const auto started = Clock::now();
  const auto deadline = started + budget;
  field.port = server->port();
  // The monitors stop and are joined however the test ends, a failed assertion included.
  struct Crew {
    Field& field;
    std::vector<std::thread> threads;
    void Join() {
      for (std::thread& thread : threads) {
        if (thread.joinable()) thread.join();
      }
    }
    ~Crew() {
      field.stop = true;
      Join();
    }
  } crew{field, {}};
  for (const Browser& browser : browsers) {
    crew.threads.emplace_back([&, browser] {
      try {
        Work(*world, rubric, browser, performed_at, field, deadline);
      } catch (const std::exception& error) {  // an answer that is not the JSON documented
        std::lock_guard lock(field.mutex);
        field.client_problems.push_back(browser.login + ": " + error.what());
      }
    });
  }

  std::cout << "[crash " << engine << "] seed " << seed << ", " << monitor_count << " monitors x "
            << assignments_each << " assignments, up to " << kills << " kills" << std::endl;
  // Problems are counted once each, on the kill after which they were first seen.
  std::set<std::string> problems_seen;
  long half_written_seen = 0;
  int kills_made = 0;
  long acknowledged_at_restart = 0;
  std::uniform_int_distribution<int> run_ms(kMinRunMs, kMaxRunMs);
  for (int kill = 1; kill <= kills; ++kill) {
    // The kill lands at a random moment once the monitors are at work again: after the first
    // acknowledgement since the restart (a server that cannot get going fails below).
    const auto resumed_by = Clock::now() + std::chrono::seconds(10);
    while (field.monitors_finished < monitor_count && Clock::now() < resumed_by) {
      {
        std::lock_guard lock(field.mutex);
        if (static_cast<long>(field.acknowledged.size()) > acknowledged_at_restart) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(run_ms(random)));
    if (field.monitors_finished == monitor_count ||
        Clock::now() > deadline - std::chrono::seconds(20)) {
      break;
    }
    server->Kill();
    field.port = 0;
    ++kills_made;
    // Let a database server finish what the dead connections had already committed.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::vector<Acknowledged> acknowledged;
    {
      std::lock_guard lock(field.mutex);
      acknowledged = field.acknowledged;
    }
    const long in_this_cycle = static_cast<long>(acknowledged.size()) - acknowledged_at_restart;
    const Census census = Inspect(world->database_url(), rubric, acknowledged);
    std::string new_problems;
    for (const std::string& problem : census.problems) {
      if (problems_seen.insert(problem).second) {
        new_problems += "  " + problem + "\n";
        if (problem.find(": submitted, but its assignment is still") != std::string::npos) {
          ++half_written_seen;
        }
      }
    }
    EXPECT_EQ(census.acknowledged_whole, census.acknowledged)
        << engine << " kill " << kill << ": acknowledged submissions lost or changed";
    EXPECT_TRUE(new_problems.empty()) << engine << " kill " << kill << ":\n" << new_problems;

    const auto restarting = Clock::now();
    server = ServerProcess::Start(serve);
    ASSERT_TRUE(server) << server.error().message();
    const auto restart_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - restarting).count();
    const long checked = verify_chain(server->port());
    {
      std::lock_guard lock(field.mutex);
      acknowledged_at_restart = static_cast<long>(field.acknowledged.size());
    }
    field.port = server->port();
    std::cout << "[crash " << engine << "] kill " << kill << ": acknowledged " << in_this_cycle
              << " since the last restart, " << census.acknowledged << " in all; found whole "
              << census.acknowledged_whole << "; submitted in the database " << census.submitted
              << " (drafts " << census.drafts << "); half-written " << census.half_written
              << ", other inconsistencies " << census.inconsistent() - census.half_written
              << "; audit chain " << checked << " rows intact; restarted in " << restart_ms << " ms"
              << std::endl;
  }

  // The last stretch without kills: every monitor finishes what is left.
  crew.Join();
  field.port = 0;
  EXPECT_TRUE(server->Stop()) << "the server did not stop on SIGTERM";
  std::vector<Acknowledged> acknowledged;
  {
    std::lock_guard lock(field.mutex);
    acknowledged = field.acknowledged;
  }
  const Census final_census = Inspect(world->database_url(), rubric, acknowledged);
  std::string reasons;
  for (const std::string& problem : final_census.problems) {
    reasons += "  " + problem + "\n";
    problems_seen.insert(problem);
  }
  EXPECT_EQ(final_census.acknowledged_whole, final_census.acknowledged) << engine;
  EXPECT_EQ(final_census.inconsistent(), 0) << engine << ":\n" << reasons;
  // Every assignment was finished, except those a half-write left behind.
  EXPECT_EQ(final_census.pending_assignments, field.seen_half_written.load())
      << engine << ": monitors did not finish in " << budget.count() << " s";
  EXPECT_EQ(final_census.submitted, monitor_count * assignments_each) << engine;
  EXPECT_GE(kills_made, std::min(kills, 3)) << engine << ": the monitors finished too early";
  {
    std::lock_guard lock(field.mutex);
    for (const std::string& problem : field.client_problems) {
      ADD_FAILURE() << engine << " " << problem;
    }
  }
  server = ServerProcess::Start(serve);
  ASSERT_TRUE(server) << server.error().message();
  const long checked = verify_chain(server->port());
  server->Stop();

  const auto seconds =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count() /
      1000.0;
  std::cout << "[crash " << engine << "] done in " << seconds << " s: " << kills_made
            << " kills; acknowledged " << final_census.acknowledged << ", found whole "
            << final_census.acknowledged_whole << "; submitted " << final_census.submitted << " of "
            << monitor_count * assignments_each << "; submissions without an answer "
            << field.unknown_submissions << "; requests " << field.requests << " ("
            << field.failed_requests << " unanswered or 5xx); half-written found "
            << half_written_seen << " (by the monitors: " << field.seen_half_written
            << "); inconsistencies " << problems_seen.size() << ", at the end "
            << final_census.inconsistent() << "; audit chain " << checked << " rows intact"
            << std::endl;
  RecordProperty("kills", kills_made);
  RecordProperty("acknowledged", static_cast<int>(final_census.acknowledged));
  RecordProperty("half_written", static_cast<int>(half_written_seen));
}

INSTANTIATE_TEST_SUITE_P(Engines, CrashTest, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         EngineParamName);

}  // namespace
}  // namespace chinjeol::api_testing
