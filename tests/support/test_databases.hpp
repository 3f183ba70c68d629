#pragma once

#include <memory>
#include <string>

#include "core/common/result.hpp"

namespace chinjeol::testing {

enum class Engine { kSqlite, kPostgres };
const char* EngineName(Engine engine);  // "sqlite", "postgres"

// A fresh, empty database for one test, removed when the object goes. SQLite: a file in a new
// temporary folder. PostgreSQL: a new schema in the database of CHINJEOL_TEST_PG_URL, reached
// through the URL's search_path option, dropped afterwards.
class TestDatabase {
 public:
  // kUnavailable when PostgreSQL is not configured (the test should skip), kFailedPrecondition
  // when it is not configured but CHINJEOL_REQUIRE_PG=1 (the test must fail).
  static Result<std::unique_ptr<TestDatabase>> Create(Engine engine);
  ~TestDatabase();

  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // The --db URL of this database.
  const std::string& url() const { return url_; }

 private:
  TestDatabase() = default;

  std::string url_;
  std::string folder_;
  std::string admin_url_;
  std::string schema_;
};

}  // namespace chinjeol::testing

// Opens a fresh database for the engine or skips/fails the current test (gtest), e.g.
// CHINJEOL_OPEN_TEST_DATABASE(database_, GetParam());
#define CHINJEOL_OPEN_TEST_DATABASE(target, engine)                                \
  do {                                                                             \
    auto opened_database = ::chinjeol::testing::TestDatabase::Create(engine);      \
    if (!opened_database) {                                                        \
      if (opened_database.error().code() == ::chinjeol::ErrorCode::kUnavailable) { \
        GTEST_SKIP() << opened_database.error().message();                         \
      }                                                                            \
      FAIL() << opened_database.error().message();                                 \
    }                                                                              \
    target = std::move(*opened_database);                                          \
  } while (false)
