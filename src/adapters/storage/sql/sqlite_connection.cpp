#include "adapters/storage/sql/sqlite_connection.hpp"

#include <sqlite3.h>

#include <chrono>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>

namespace chinjeol::storage::sql {
namespace {

constexpr int kBusyTimeoutMs = 5000;
// A page cache of 64 MiB rather than 2 keeps the evaluation indexes in memory during bulk
// imports; the WAL file is cut back to 64 MiB after a checkpoint instead of keeping the size of
// the largest transaction.
constexpr std::string_view kSessionSetup =
    "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; "
    "PRAGMA cache_size = -65536; PRAGMA journal_size_limit = 67108864;";

std::string Describe(sqlite3* db, std::string_view sql) {
  std::string text = sqlite3_errmsg(db);
  if (!sql.empty()) {
    text += " [sql: ";
    text += sql.substr(0, 300);
    text += ']';
  }
  return text;
}

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* statement) : statement_(statement) {}

  bool IsNull(int column) const override {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
  }
  std::int64_t Int64(int column) const override { return sqlite3_column_int64(statement_, column); }
  double Double(int column) const override { return sqlite3_column_double(statement_, column); }
  std::string_view Text(int column) const override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    if (text == nullptr) return {};
    return std::string_view(text,
                            static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
  }

 private:
  sqlite3_stmt* statement_;
};

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~SqliteStatement() override { sqlite3_finalize(statement_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  Result<void> Execute(std::span<const Param> params) override { return Query(params, nullptr); }

  Result<void> Query(std::span<const Param> params, const RowVisitor& visit) override {
    if (Result<void> bound = Bind(params); !bound) return bound;
    // Reset at every exit, so the statement releases its read lock and can be reused.
    struct ResetOnExit {
      sqlite3_stmt* statement;
      ~ResetOnExit() { sqlite3_reset(statement); }
    } reset{statement_};
    const SqliteRow row(statement_);
    for (;;) {
      const int rc = sqlite3_step(statement_);
      if (rc == SQLITE_DONE) return Ok();
      if (rc != SQLITE_ROW) {
        return FromSqlite(sqlite3_extended_errcode(db_), Describe(db_, sqlite3_sql(statement_)));
      }
      if (visit) {
        if (Result<void> visited = visit(row); !visited) return visited;
      }
    }
  }

 private:
  Result<void> Bind(std::span<const Param> params) {
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(statement_)) {
      return DatabaseError(DatabaseFailure::kOther)
          .WithDetail("statement needs " +
                      std::to_string(sqlite3_bind_parameter_count(statement_)) +
                      " parameters, got " + std::to_string(params.size()) +
                      " [sql: " + sqlite3_sql(statement_) + "]");
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      const Param::Value& value = params[i].value();
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(value)) {
        rc = sqlite3_bind_null(statement_, index);
      } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        rc = sqlite3_bind_int64(statement_, index, *integer);
      } else if (const auto* real = std::get_if<double>(&value)) {
        rc = sqlite3_bind_double(statement_, index, *real);
      } else {
        // SQLITE_STATIC: the text outlives the step that follows, and every execution rebinds.
        const std::string_view text = params[i].text();
        rc = sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_STATIC,
                                 SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) return FromSqlite(rc, Describe(db_, sqlite3_sql(statement_)));
    }
    return Ok();
  }

  sqlite3* db_;
  sqlite3_stmt* statement_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    statements_.clear();  // finalized before the database closes
    sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<Statement*> Prepare(std::string_view sql) override {
    auto found = statements_.find(std::string(sql));
    if (found != statements_.end()) return found->second.get();
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(statement);
      return FromSqlite(sqlite3_extended_errcode(db_), Describe(db_, sql));
    }
    auto [inserted, _] =
        statements_.emplace(std::string(sql), std::make_unique<SqliteStatement>(db_, statement));
    return inserted->second.get();
  }

  Result<void> ExecuteScript(std::string_view sql) override {
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return Ok();
    std::string what = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    what += " [sql: " + text.substr(0, 300) + "]";
    return FromSqlite(sqlite3_extended_errcode(db_), what);
  }

  Result<void> Begin() override { return ExecuteScript("BEGIN IMMEDIATE"); }
  Result<void> Commit() override { return ExecuteScript("COMMIT"); }
  Result<void> Rollback() override {
    if (!in_transaction()) return Ok();  // SQLite may already have rolled back (e.g. on IOERR)
    return ExecuteScript("ROLLBACK");
  }
  bool in_transaction() const override { return sqlite3_get_autocommit(db_) == 0; }

 private:
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

}  // namespace

Error FromSqlite(int rc, std::string_view what) {
  const auto worded = [&](DatabaseFailure failure) {
    return DatabaseError(failure).WithDetail(std::string(what));
  };
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return worded(DatabaseFailure::kDuplicate);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return worded(DatabaseFailure::kUnknownReference);
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return worded(DatabaseFailure::kBrokenRule);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return worded(DatabaseFailure::kBusy);
    case SQLITE_CANTOPEN:
      return worded(DatabaseFailure::kUnreachable);
    default:
      return worded(DatabaseFailure::kOther);
  }
}

Result<std::unique_ptr<Connection>> OpenSqliteConnection(std::string_view path) {
  const std::string file(path);
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string reason = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Error(ErrorCode::kUnavailable, "cannot open SQLite database " + file + ": " + reason);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // WAL lets readers work while one writer writes; an in-memory database keeps its own journal.
  // Switching a fresh file to WAL while another process does the same can answer SQLITE_BUSY at
  // once, without the busy handler (SQLite refuses to wait where waiting could deadlock): retry
  // for as long as the busy timeout.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  while (sqlite3_exec(db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr) != SQLITE_OK) {
    if ((sqlite3_errcode(db) & 0xff) != SQLITE_BUSY ||
        std::chrono::steady_clock::now() >= give_up) {
      const std::string reason = sqlite3_errmsg(db);
      sqlite3_close_v2(db);
      return Error(ErrorCode::kUnavailable, "cannot open SQLite database " + file +
                                                ": cannot switch to WAL journaling: " + reason);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  auto connection = std::make_unique<SqliteConnection>(db);
  if (Result<void> setup = connection->ExecuteScript(kSessionSetup); !setup) {
    return setup.error();
  }
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace chinjeol::storage::sql
