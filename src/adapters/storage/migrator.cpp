#include "adapters/storage/migrator.hpp"

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "adapters/storage/database.hpp"
#include "adapters/storage/migrations/embedded_migrations.hpp"

namespace chinjeol::storage {
namespace {

// In order; file N holds schema version N. A new migration is added here, in both dialects'
// folders and in CMakeLists.txt.
constexpr std::array<std::string_view, 5> kMigrations = {
    "0001_init.sql", "0002_plan.sql", "0003_web.sql", "0004_sign_in_throttle.sql",
    "0005_coaching.sql"};

// Any fixed number: the key of the advisory lock that serialises migrations on PostgreSQL.
constexpr std::string_view kMigrationLock = "SELECT pg_advisory_xact_lock(7365462385)";

std::string_view MigrationText(sql::Dialect dialect, std::string_view name) {
  return dialect == sql::Dialect::kSqlite ? sqlite_migrations::Embedded(name)
                                          : postgres_migrations::Embedded(name);
}

Result<void> RunMigrations(sql::Connection& connection) {
  if (connection.dialect() == sql::Dialect::kPostgres) {
    if (Result<void> locked = connection.ExecuteScript(kMigrationLock); !locked) return locked;
  }
  // The same text in both dialects.
  if (Result<void> created = connection.ExecuteScript(
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
          "applied_at TEXT NOT NULL)");
      !created) {
    return created;
  }
  Result<std::optional<std::int64_t>> recorded =
      connection.QueryInt64("SELECT MAX(version) FROM schema_version");
  if (!recorded) return recorded.error();
  const std::int64_t current = recorded->value_or(0);
  const auto latest = static_cast<std::int64_t>(kMigrations.size());
  if (current > latest) {
    return FailedPrecondition("the database has schema version " + std::to_string(current) +
                              ", newer than this chinjeol knows (" + std::to_string(latest) +
                              "); use a newer chinjeol");
  }
  for (std::int64_t version = current + 1; version <= latest; ++version) {
    const std::string_view name = kMigrations[static_cast<std::size_t>(version - 1)];
    const std::string_view text = MigrationText(connection.dialect(), name);
    if (text.empty()) return Internal("migration " + std::string(name) + " is missing");
    if (Result<void> migrated = connection.ExecuteScript(text); !migrated) {
      return Error(migrated.error().code(),
                   "migration " + std::string(name) + " failed: " + migrated.error().message());
    }
    if (Result<void> noted = connection.Execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", {version, NowText()});
        !noted) {
      return noted;
    }
  }
  return Ok();
}

}  // namespace

int LatestSchemaVersion(sql::Dialect /*dialect*/) { return static_cast<int>(kMigrations.size()); }

Result<void> Migrate(sql::Connection& connection) {
  if (Result<void> begun = connection.Begin(); !begun) return begun;
  Result<void> migrated = RunMigrations(connection);
  if (!migrated) {
    (void)connection.Rollback();
    return migrated;
  }
  return connection.Commit();
}

}  // namespace chinjeol::storage
