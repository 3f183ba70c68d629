#include "tests/support/test_databases.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "adapters/storage/sql/connection.hpp"
#include "adapters/storage/storage_factory.hpp"

namespace chinjeol::testing {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  return std::to_string(getpid()) + "_" + std::to_string(++counter);
}

}  // namespace

const char* EngineName(Engine engine) { return engine == Engine::kSqlite ? "sqlite" : "postgres"; }

Result<std::unique_ptr<TestDatabase>> TestDatabase::Create(Engine engine) {
  std::unique_ptr<TestDatabase> database(new TestDatabase());
  if (engine == Engine::kPostgres) {
    const std::string base = Env("CHINJEOL_TEST_PG_URL");
    if (base.empty()) {
      if (Env("CHINJEOL_REQUIRE_PG") == "1") {
        return FailedPrecondition(
            "CHINJEOL_REQUIRE_PG=1 but CHINJEOL_TEST_PG_URL is not set "
            "(start a server with scripts/pg-test-server.sh start)");
      }
      return Error(ErrorCode::kUnavailable, "CHINJEOL_TEST_PG_URL is not set");
    }
    database->admin_url_ = base;
    database->schema_ = "chinjeol_test_" + UniqueSuffix();
    Result<std::unique_ptr<storage::sql::Connection>> admin = storage::OpenConnection(base);
    if (!admin) return admin.error();
    Result<void> created = (*admin)->ExecuteScript("DROP SCHEMA IF EXISTS " + database->schema_ +
                                                   " CASCADE; CREATE SCHEMA " + database->schema_);
    if (!created) return created.error();
    database->url_ = base + (base.find('?') == std::string::npos ? "?" : "&") +
                     "options=-csearch_path%3D" + database->schema_;
    return database;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "chinjeol_db_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return Internal("cannot create a temporary folder");
  database->folder_ = pattern;
  database->url_ = "sqlite:" + pattern + "/test.db";
  return database;
}

TestDatabase::~TestDatabase() {
  if (!schema_.empty()) {
    Result<std::unique_ptr<storage::sql::Connection>> admin = storage::OpenConnection(admin_url_);
    if (admin) (void)(*admin)->ExecuteScript("DROP SCHEMA " + schema_ + " CASCADE");
  }
  if (!folder_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }
}

}  // namespace chinjeol::testing
