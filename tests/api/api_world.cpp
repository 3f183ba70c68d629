#include "tests/api/api_world.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "adapters/codec/rubric_json.hpp"
#include "adapters/files/table_files.hpp"
#include "adapters/storage/storage_factory.hpp"
#include "adapters/system/audit_key.hpp"
#include "adapters/system/sodium_password_hasher.hpp"
#include "core/programme/setup.hpp"
#include "core/publication/results.hpp"
#include "core/rubric/observation.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::api_testing {
namespace {

// Hashing that costs nothing, for tests that do not test hashing.
class FastHasher final : public auth::PasswordHasher {
 public:
  Result<std::string> Hash(std::string_view password) const override {
    return "fast$" + std::string(password);
  }
  bool Verify(std::string_view hash, std::string_view password) const override {
    return hash == "fast$" + std::string(password);
  }
};

// Counts the password checks of the hasher it wraps.
class CountingHasher final : public auth::PasswordHasher {
 public:
  explicit CountingHasher(std::unique_ptr<auth::PasswordHasher> inner) : inner_(std::move(inner)) {}
  Result<std::string> Hash(std::string_view password) const override {
    return inner_->Hash(password);
  }
  bool Verify(std::string_view hash, std::string_view password) const override {
    ++checks;
    return inner_->Verify(hash, password);
  }
  mutable std::atomic<long> checks{0};

 private:
  std::unique_ptr<auth::PasswordHasher> inner_;
};

#define RETURN_IF_ERROR(expression)              \
  do {                                           \
    if (auto outcome = (expression); !outcome) { \
      return outcome.error();                    \
    }                                            \
  } while (false)

Date Day(int year, unsigned month, unsigned day) {
  return Date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
}

// A complete observation of every item: good but not perfect.
std::vector<rubric::ItemObservation> CompleteObservations(const rubric::Rubric& rubric) {
  std::vector<rubric::ItemObservation> observations;
  for (const rubric::Item& item : rubric.items) {
    std::string cell;
    switch (item.type) {
      case rubric::ItemType::kBinary:
        cell = "1";
        break;
      case rubric::ItemType::kLevel5:
        cell = "4";
        break;
      case rubric::ItemType::kTiered:
        cell = "2";
        break;
      case rubric::ItemType::kChecklist:
        for (const rubric::ChecklistElement& element : item.elements) {
          cell += (cell.empty() ? "" : ";") + element.id;
        }
        break;
    }
    Result<rubric::Observation> observation = rubric::ParseObservation(item, cell);
    if (observation) observations.push_back({item.id, *observation});
  }
  return observations;
}

Result<void> Seed(ports::Storage& storage, const auth::PasswordHasher& hasher,
                  std::map<std::string, std::int64_t>& evaluations) {
  for (const rubric::Rubric& rubric : codec::DefaultRubricFile().rubrics) {
    RETURN_IF_ERROR(storage.rubrics().SaveRubric(rubric));
  }
  org::OrganisationRepository& organisation = storage.organisation();
  RETURN_IF_ERROR(organisation.SaveDepartments({{"D01", "민원봉사과", org::DepartmentGroup::kHq},
                                                {"D02", "포천동", org::DepartmentGroup::kTown}}));
  RETURN_IF_ERROR(
      organisation.SaveEmployees({{"E001", "김민원", "D01", "주무관", "031-111-0001", true, true},
                                  {"E002", "이친절", "D01", "주무관", "031-111-0002", false, true},
                                  {"E003", "박행정", "D02", "팀장", "031-111-0003", true, true}}));
  org::Monitor a{kMonitorA, kMonitorAName, "F", "30s", 10, 2, std::nullopt, std::nullopt, true};
  org::Monitor b{kMonitorB, kMonitorBName, "M", "40s", 10, 2, std::nullopt, std::nullopt, true};
  RETURN_IF_ERROR(organisation.SaveMonitors({a, b}));
  RETURN_IF_ERROR(organisation.SaveScenarios(
      {{"S01", "*", Channel::kPhone, "여권 발급 문의", "여권을 새로 만들려면...", false},
       {"S02", "*", Channel::kVisit, "전입 신고", "이사 왔는데...", false}}));
  Result<campaign::Campaign> past = programme::CreateCampaign(
      storage, {"C-2021", "2021 친절도 평가", Day(2021, 5, 17), Day(2021, 9, 16), 2, 1, 1,
                campaign::LunchPolicy::kAvoid});
  if (!past) return past.error();
  Result<campaign::Campaign> future = programme::CreateCampaign(
      storage, {"C-FUT", "2099 친절도 평가", Day(2099, 5, 1), Day(2099, 9, 30), 2, 1, 1,
                campaign::LunchPolicy::kAvoid});
  if (!future) return future.error();

  Result<std::optional<rubric::Rubric>> phone = storage.rubrics().FindLatestRubric("phone-default");
  if (!phone) return phone.error();
  if (!*phone) return Internal("no phone-default rubric");
  const std::vector<rubric::ItemObservation> observations = CompleteObservations(**phone);
  Result<rubric::ContactScore> score = rubric::ScoreContact(**phone, observations, {});
  if (!score) return score.error();
  struct Made {
    const char* name;
    const char* employee;
    const char* department;
    const char* monitor;
    Date day;
    evaluation::ReviewState state;
    const char* code = nullptr;  // EV-<name> when not given
  };
  for (const Made& made :
       {Made{"e1", "E001", "D01", kMonitorA, Day(2021, 5, 18), evaluation::ReviewState::kApproved},
        Made{"e2", "E002", "D01", kMonitorB, Day(2021, 5, 19), evaluation::ReviewState::kApproved},
        Made{"e3", "E003", "D02", kMonitorA, Day(2021, 5, 20), evaluation::ReviewState::kApproved},
        Made{"e4", "E001", "D01", kMonitorB, Day(2021, 5, 21), evaluation::ReviewState::kApproved},
        Made{"e5", "E002", "D01", kMonitorA, Day(2021, 5, 24), evaluation::ReviewState::kSubmitted},
        Made{"e6", "E001", "D01", kMonitorA, Day(2025, 3, 4), evaluation::ReviewState::kApproved,
             kAfterRelease},
        Made{"e7", "E002", "D01", kMonitorA, Day(2021, 5, 25), evaluation::ReviewState::kDraft,
             kDraft}}) {
    evaluation::Evaluation evaluation;
    evaluation.code =
        made.code != nullptr ? std::string(made.code) : std::string("EV-") + made.name;
    evaluation.campaign_code = "C-2021";
    evaluation.employee_no = made.employee;
    evaluation.department_code = made.department;
    evaluation.monitor_code = made.monitor;
    evaluation.scenario_code = "S01";
    evaluation.channel = Channel::kPhone;
    evaluation.performed_at = {made.day, 10, 5, 0};
    evaluation.round = 1;
    evaluation.rubric_code = (*phone)->code;
    evaluation.rubric_version = (*phone)->version;
    evaluation.observations = observations;
    evaluation.score = *score;
    evaluation.state = made.state;
    evaluation.notes = "친절하게 안내함";
    Result<std::int64_t> id = storage.evaluations().AddEvaluation(evaluation);
    if (!id) return id.error();
    evaluations[made.name] = *id;
  }

  const auto assignment = [](const char* code, const char* monitor, const char* employee,
                             const char* department, Date date, LocalDateTime release_at) {
    planning::Assignment made;
    made.code = code;
    made.campaign = "C-FUT";
    made.round = 1;
    made.channel = Channel::kPhone;
    made.employee_no = employee;
    made.department_code = department;
    made.date = date;
    made.start_minute = 10 * 60;
    made.duration_minutes = 15;
    made.monitor_code = monitor;
    made.scenario_code = "S01";
    made.release_at = release_at;
    return made;
  };
  planning::Plan plan;
  plan.campaign_code = "C-FUT";
  plan.assignments = {
      assignment("REL-A-1", kMonitorA, "E001", "D01", Day(2099, 5, 4), {Day(2000, 1, 3), 9, 0, 0}),
      assignment("REL-B-1", kMonitorB, "E002", "D01", Day(2099, 5, 5), {Day(2000, 1, 3), 9, 0, 0}),
      assignment(kUnreleasedA, kMonitorA, "E003", "D02", Day(2099, 6, 17),
                 {Day(2099, 6, 16), 9, 0, 0}),
      assignment(kUnreleasedB, kMonitorB, "E001", "D01", Day(2099, 6, 18),
                 {Day(2099, 6, 17), 9, 0, 0}),
  };
  RETURN_IF_ERROR(storage.assignments().SavePlan(plan, "test-digest", "2021-01-01T00:00:00", ""));

  struct Account {
    const char* login;
    auth::Role role;
    const char* employee;
    const char* monitor;
    const char* department;
  };
  for (const Account& account : {Account{"admin", auth::Role::kAdmin, "", "", ""},
                                 Account{"mona", auth::Role::kMonitor, "", kMonitorA, ""},
                                 Account{"monb", auth::Role::kMonitor, "", kMonitorB, ""},
                                 Account{"reviewer", auth::Role::kReviewer, "", "", ""},
                                 Account{"coach", auth::Role::kCoach, "", "", ""},
                                 Account{"head", auth::Role::kDepartmentHead, "", "", "D01"},
                                 Account{"employee", auth::Role::kEmployee, "E001", "", ""},
                                 Account{"employee3", auth::Role::kEmployee, "E003", "", ""},
                                 Account{"auditor", auth::Role::kAuditor, "", "", ""}}) {
    auth::User user;
    user.login = account.login;
    user.role = account.role;
    user.employee_no = account.employee;
    user.monitor_code = account.monitor;
    user.department_code = account.department;
    user.display_name = std::string("테스트 ") + account.login;
    RETURN_IF_ERROR(programme::AddUser(storage, hasher, user, kPassword));
  }
  Result<std::optional<auth::User>> coach = storage.users().FindUser("coach");
  if (!coach || !*coach) return Internal("the coach account is missing");
  RETURN_IF_ERROR(storage.users().SetCaseload((*coach)->id, {"E001"}));

  const LocalDateTime now{Day(2024, 1, 2), 9, 0, 0};
  Result<results::ResultsRelease> released =
      publication::ReleaseResults(storage, "C-2021", now, Day(2999, 12, 31), 0);
  if (!released) return released.error();
  return Ok();
}

}  // namespace

boost::json::value ParseJson(const std::string& text) {
  boost::json::error_code error;
  boost::json::value value = boost::json::parse(text, error);
  if (error) return nullptr;
  return value;
}

std::string EngineParamName(const ::testing::TestParamInfo<testing::Engine>& info) {
  return testing::EngineName(info.param);
}

Result<std::unique_ptr<ApiWorld>> ApiWorld::Create(testing::Engine engine, Options options) {
  std::unique_ptr<ApiWorld> world(new ApiWorld());
  Result<std::unique_ptr<testing::TestDatabase>> database = testing::TestDatabase::Create(engine);
  if (!database) return database.error();
  world->database_ = *std::move(database);
  std::string pattern = (std::filesystem::temp_directory_path() / "chinjeol_api_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return Internal("cannot create a temporary folder");
  world->folder_ = pattern;
  world->data_dir_ = pattern + "/data";
  world->web_dir_ = pattern + "/web";
  std::filesystem::create_directories(world->web_dir_ + "/assets");
  std::ofstream(world->web_dir_ + "/index.html") << "<!doctype html><title>친절</title>\n";
  std::ofstream(world->web_dir_ + "/assets/app-1234.js") << "console.log('chinjeol');\n";
  if (options.real_hasher) {
    world->hasher_ =
        std::make_unique<CountingHasher>(std::make_unique<system::SodiumPasswordHasher>());
  } else {
    world->hasher_ = std::make_unique<CountingHasher>(std::make_unique<FastHasher>());
  }
  world->configure_ = options.configure;
  // The audit chain's key file, as `chinjeol serve` reads it: every server of the world opens
  // the database with the key in this one file (created on the first start).
  world->audit_key_path_ = pattern + "/chinjeol-audit.key";
  world->services_.open_storage =
      [path = world->audit_key_path_](
          std::string_view url) -> Result<std::unique_ptr<ports::Storage>> {
    Result<std::string> key = system::LoadOrCreateAuditKey(path);
    if (!key) return key.error();
    return storage::OpenStorage(url, *key);
  };
  world->services_.open_table = [](const std::string& path) {
    return files::OpenTableSource(path);
  };
  world->services_.hasher = world->hasher_.get();
  world->services_.clock = &world->clock_;
  {
    Result<std::unique_ptr<ports::Storage>> storage =
        world->services_.open_storage(world->database_->url());
    if (!storage) return storage.error();
    if (Result<void> seeded = Seed(**storage, *world->hasher_, world->evaluations_); !seeded) {
      return Error(seeded.error().code() == ErrorCode::kUnavailable ? ErrorCode::kInternal
                                                                    : seeded.error().code(),
                   "seeding the test world: " + seeded.error().message());
    }
  }
  http::ServeOptions serve;
  serve.database_url = world->database_->url();
  serve.listen = "127.0.0.1:0";
  serve.web_dir = world->web_dir_;
  serve.data_dir = world->data_dir_;
  serve.threads = options.threads;
  serve.access_log = false;
  serve.sign_in_burst = 1000;
  if (world->configure_) world->configure_(serve);
  Result<std::unique_ptr<http::RunningServer>> server =
      http::RunningServer::Start(serve, world->services_);
  if (!server) return server.error();
  world->server_ = *std::move(server);
  return world;
}

ApiWorld::~ApiWorld() {
  if (server_) server_->Stop();
  server_.reset();
  std::error_code ignored;
  if (!folder_.empty()) std::filesystem::remove_all(folder_, ignored);
}

Result<std::unique_ptr<http::RunningServer>> ApiWorld::StartAnotherServer() {
  http::ServeOptions serve;
  serve.database_url = database_->url();
  serve.listen = "127.0.0.1:0";
  serve.web_dir = web_dir_;
  serve.data_dir = folder_ + "/data-2";
  serve.threads = 2;
  serve.access_log = false;
  serve.sign_in_burst = 1000;
  if (configure_) configure_(serve);
  return http::RunningServer::Start(serve, services_);
}

long ApiWorld::password_checks() const {
  return static_cast<const CountingHasher&>(*hasher_).checks.load();
}

Reply ApiWorld::Call(const std::string& method, const std::string& target, const Browser* browser,
                     const std::string& json, unsigned short port) const {
  Request request;
  request.method = method;
  request.target = target;
  if (browser != nullptr) {
    request.headers.emplace_back("Cookie", browser->cookie);
    request.headers.emplace_back("X-CSRF-Token", browser->csrf);
  }
  if (!json.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = json.empty() ? "{}" : json;
  }
  return Send(port == 0 ? this->port() : port, request);
}

Browser ApiWorld::SignIn(const std::string& login, unsigned short port,
                         const std::string& password) const {
  Browser browser;
  browser.login = login;
  const Reply reply =
      Call("POST", "/api/session", nullptr,
           R"({"login":")" + login + R"(","password":")" + password + R"("})", port);
  EXPECT_EQ(reply.status, 200) << login << ": " << reply.body;
  const std::string cookie = reply.Header("set-cookie");
  browser.cookie = cookie.substr(0, cookie.find(';'));
  const boost::json::value json = ParseJson(reply.body);
  if (json.is_object() && json.as_object().contains("csrf_token")) {
    browser.csrf = std::string(json.at("csrf_token").as_string());
  }
  return browser;
}

}  // namespace chinjeol::api_testing
