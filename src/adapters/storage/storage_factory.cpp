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

Result<std::unique_ptr<programme::Storage>> OpenStorage(std::string_view url) {
  Result<std::unique_ptr<sql::Connection>> connection = OpenConnection(url);
  if (!connection) return connection.error();
  if (Result<void> migrated = Migrate(**connection); !migrated) return migrated.error();
  return std::unique_ptr<programme::Storage>(std::make_unique<SqlStorage>(*std::move(connection)));
}

}  // namespace chinjeol::storage
