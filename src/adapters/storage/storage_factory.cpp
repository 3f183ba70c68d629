#include "adapters/storage/storage_factory.hpp"

#include "adapters/storage/migrator.hpp"
#include "adapters/storage/sql/postgres_connection.hpp"
#include "adapters/storage/sql/sqlite_connection.hpp"
#include "adapters/storage/sql_storage.hpp"

namespace chinjeol::storage {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr std::string_view kExpectedForms =
    "the database URL must be sqlite:PATH or postgresql://user:pass@host:port/dbname";

}  // namespace

Result<std::unique_ptr<sql::Connection>> OpenConnection(std::string_view url) {
  if (url.starts_with(kSqlitePrefix)) {
    const std::string_view path = url.substr(kSqlitePrefix.size());
    if (path.empty()) return InvalidArgument(std::string(kExpectedForms) + " (the path is empty)");
    return sql::OpenSqliteConnection(path);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    Result<std::unique_ptr<sql::PostgresConnection>> connection = sql::OpenPostgresConnection(url);
    if (!connection) return connection.error();
    return std::unique_ptr<sql::Connection>(*std::move(connection));
  }
  // The URL itself is not repeated: it may hold a password.
  return InvalidArgument(std::string(kExpectedForms));
}

namespace {

Result<std::unique_ptr<ports::Storage>> Open(std::string_view url,
                                             std::optional<std::string> audit_key) {
  Result<std::unique_ptr<sql::Connection>> connection = OpenConnection(url);
  if (!connection) return connection.error();
  if (Result<void> migrated = Migrate(**connection); !migrated) return migrated.error();
  return std::unique_ptr<ports::Storage>(
      std::make_unique<SqlStorage>(*std::move(connection), std::move(audit_key)));
}

}  // namespace

Result<std::unique_ptr<ports::Storage>> OpenStorage(std::string_view url,
                                                    std::string_view audit_key) {
  if (audit_key.size() != 32) {
    return InvalidArgument("the audit key must be 32 bytes",
                           {{"audit_key", "32 bytes (64 hex digits in its file)"}});
  }
  return Open(url, std::string(audit_key));
}

Result<std::unique_ptr<ports::Storage>> OpenStorage(std::string_view url) {
  return Open(url, std::nullopt);
}

}  // namespace chinjeol::storage
