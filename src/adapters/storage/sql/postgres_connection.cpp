#include "adapters/storage/sql/postgres_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chinjeol::storage::sql {
namespace {

// Notices ("table ... does not exist, skipping") are of no use to chinjeol's users.
constexpr std::string_view kSessionSetup =
    "SET client_min_messages = warning; SET client_encoding = 'UTF8'";

void DropNotice(void* /*arg*/, const char* /*message*/) {}

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// libpq messages end with a newline and may span lines ("ERROR: ...\nDETAIL: ...").
std::string OneLine(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return text;
}

std::string WithSql(std::string message, std::string_view sql) {
  if (!sql.empty()) {
    message += " [sql: ";
    message += sql.substr(0, 300);
    message += ']';
  }
  return message;
}

Error FromSqlState(std::string_view state, const std::string& message) {
  const auto worded = [&](DatabaseFailure failure) {
    return DatabaseError(failure).WithDetail(message);
  };
  if (state == "23505") return worded(DatabaseFailure::kDuplicate);
  if (state == "23503") return worded(DatabaseFailure::kUnknownReference);
  if (state.starts_with("23")) return worded(DatabaseFailure::kBrokenRule);
  // Serialization failure, deadlock, lock not available, shutdown, too many connections, and
  // connection exceptions: retrying later may work.
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "53300" ||
      state.starts_with("57P") || state.starts_with("08")) {
    return worded(DatabaseFailure::kBusy);
  }
  return worded(DatabaseFailure::kOther);
}

class PostgresRow final : public Row {
 public:
  PostgresRow(const PGresult* result, int row) : result_(result), row_(row) {}

  bool IsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  std::int64_t Int64(int column) const override {
    const std::string_view text = Text(column);
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  double Double(int column) const override {
    const std::string_view text = Text(column);
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  std::string_view Text(int column) const override {
    return std::string_view(PQgetvalue(result_, row_, column),
                            static_cast<std::size_t>(PQgetlength(result_, row_, column)));
  }

 private:
  const PGresult* result_;
  int row_;
};

// NumberPlaceholders, also counting the placeholders.
std::string NumberPlaceholders(std::string_view sql, int& count);

class PostgresConnectionImpl;

class PostgresStatement final : public Statement {
 public:
  PostgresStatement(PostgresConnectionImpl& connection, std::string_view sql, std::string name)
      : connection_(connection),
        sql_(sql),
        numbered_(NumberPlaceholders(sql, parameters_)),
        name_(std::move(name)) {}

  Result<void> Execute(std::span<const Param> params) override;
  Result<void> Query(std::span<const Param> params, const RowVisitor& visit) override;

  const std::string& sql() const { return sql_; }
  const std::string& numbered() const { return numbered_; }
  const std::string& name() const { return name_; }
  int parameters() const { return parameters_; }
  long prepared_generation = -1;  // the connection generation it was prepared in

 private:
  PostgresConnectionImpl& connection_;
  int parameters_ = 0;
  std::string sql_;
  std::string numbered_;
  std::string name_;
};

class PostgresConnectionImpl final : public PostgresConnection {
 public:
  explicit PostgresConnectionImpl(PGconn* connection) : connection_(connection) {}
  ~PostgresConnectionImpl() override { PQfinish(connection_); }
  PostgresConnectionImpl(const PostgresConnectionImpl&) = delete;
  PostgresConnectionImpl& operator=(const PostgresConnectionImpl&) = delete;

  Dialect dialect() const override { return Dialect::kPostgres; }

  Result<Statement*> Prepare(std::string_view sql) override {
    auto found = statements_.find(std::string(sql));
    if (found != statements_.end()) return found->second.get();
    auto statement = std::make_unique<PostgresStatement>(
        *this, sql, "chinjeol_" + std::to_string(statements_.size() + 1));
    Statement* pointer = statement.get();
    statements_.emplace(std::string(sql), std::move(statement));
    return pointer;
  }

  Result<void> ExecuteScript(std::string_view sql) override {
    if (Result<void> ready = Ready(); !ready) return ready;
    const std::string text(sql);
    ResultPtr result(PQexec(connection_, text.c_str()));
    return Check(result.get(), sql);
  }

  Result<void> Begin() override {
    if (Result<void> begun = ExecuteScript("BEGIN"); !begun) return begun;
    transaction_open_ = true;
    return Ok();
  }
  Result<void> Commit() override {
    Result<void> committed = ExecuteScript("COMMIT");
    transaction_open_ = false;
    if (!committed) return committed;
    return Ok();
  }
  Result<void> Rollback() override {
    if (!transaction_open_) return Ok();
    transaction_open_ = false;
    if (PQstatus(connection_) != CONNECTION_OK) return Ok();  // the server rolled back
    if (copy_active_) {
      // Abandon the COPY; its error result is of no interest.
      PQputCopyEnd(connection_, "rolled back");
      copy_active_ = false;
      DrainResults();
    }
    ResultPtr result(PQexec(connection_, "ROLLBACK"));
    return Check(result.get(), "ROLLBACK");
  }
  bool in_transaction() const override { return transaction_open_; }

  Result<void> CopyBegin(std::string_view sql) override {
    if (Result<void> ready = Ready(); !ready) return ready;
    const std::string text(sql);
    ResultPtr result(PQexec(connection_, text.c_str()));
    if (result && PQresultStatus(result.get()) == PGRES_COPY_IN) {
      copy_active_ = true;
      return Ok();
    }
    return Check(result.get(), sql);
  }

  Result<void> CopyPut(std::string_view data) override {
    if (!copy_active_) return Internal("no COPY in progress");
    if (PQputCopyData(connection_, data.data(), static_cast<int>(data.size())) != 1) {
      return ConnectionError("COPY");
    }
    return Ok();
  }

  Result<void> CopyEnd() override {
    if (!copy_active_) return Ok();
    copy_active_ = false;
    if (PQputCopyEnd(connection_, nullptr) != 1) return ConnectionError("COPY");
    Result<void> outcome = Ok();
    while (PGresult* raw = PQgetResult(connection_)) {
      ResultPtr result(raw);
      if (outcome) outcome = Check(result.get(), "COPY");
    }
    return outcome;
  }

  bool copy_active() const override { return copy_active_; }

  Result<void> Run(PostgresStatement& statement, std::span<const Param> params,
                   const RowVisitor* visit) {
    if (static_cast<int>(params.size()) != statement.parameters()) {
      return DatabaseError(DatabaseFailure::kOther)
          .WithDetail("statement needs " + std::to_string(statement.parameters()) +
                      " parameters, got " + std::to_string(params.size()) +
                      " [sql: " + statement.sql() + "]");
    }
    if (Result<void> ready = Ready(); !ready) return ready;
    if (statement.prepared_generation != generation_) {
      ResultPtr prepared(PQprepare(connection_, statement.name().c_str(),
                                   statement.numbered().c_str(), 0, nullptr));
      if (Result<void> checked = Check(prepared.get(), statement.sql()); !checked) return checked;
      statement.prepared_generation = generation_;
    }
    const std::vector<const char*>& values = Encode(params);
    const int count = static_cast<int>(values.size());
    if (visit == nullptr) {
      ResultPtr result(PQexecPrepared(connection_, statement.name().c_str(), count, values.data(),
                                      nullptr, nullptr, 0));
      return Check(result.get(), statement.sql());
    }
    if (PQsendQueryPrepared(connection_, statement.name().c_str(), count, values.data(), nullptr,
                            nullptr, 0) != 1) {
      return ConnectionError(statement.sql());
    }
    // Single-row mode streams the rows instead of holding the whole result in memory.
    PQsetSingleRowMode(connection_);
    Result<void> outcome = Ok();
    // Every result must be read before the connection takes another command, so a visitor's
    // error only stops the visiting.
    while (PGresult* raw = PQgetResult(connection_)) {
      ResultPtr result(raw);
      if (!outcome) continue;
      const ExecStatusType status = PQresultStatus(result.get());
      if (status == PGRES_SINGLE_TUPLE) {
        const PostgresRow row(result.get(), 0);
        outcome = (*visit)(row);
      } else if (status != PGRES_TUPLES_OK) {
        outcome = Check(result.get(), statement.sql());
      }
    }
    return outcome;
  }

  Result<void> SetUpSession() {
    PQsetNoticeProcessor(connection_, DropNotice, nullptr);
    ResultPtr result(PQexec(connection_, std::string(kSessionSetup).c_str()));
    return Check(result.get(), kSessionSetup);
  }

 private:
  // Before any command: end a COPY in progress, and reconnect a lost connection when no
  // transaction was open (a lost transaction must fail, never continue in autocommit).
  Result<void> Ready() {
    if (copy_active_) {
      if (Result<void> ended = CopyEnd(); !ended) return ended;
    }
    if (PQstatus(connection_) == CONNECTION_OK) return Ok();
    if (transaction_open_) {
      return DatabaseError(DatabaseFailure::kUnreachable)
          .WithDetail("the connection was lost during a transaction: " +
                      OneLine(PQerrorMessage(connection_)));
    }
    PQreset(connection_);
    if (PQstatus(connection_) != CONNECTION_OK) {
      return DatabaseError(DatabaseFailure::kUnreachable)
          .WithDetail(OneLine(PQerrorMessage(connection_)));
    }
    ++generation_;  // prepared statements died with the old session
    return SetUpSession();
  }

  Result<void> Check(const PGresult* result, std::string_view sql) {
    if (result == nullptr) return ConnectionError(sql);
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY ||
        status == PGRES_SINGLE_TUPLE) {
      return Ok();
    }
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const std::string message = WithSql(OneLine(PQresultErrorMessage(result)), sql);
    if (state == nullptr) {
      if (PQstatus(connection_) != CONNECTION_OK) {
        return DatabaseError(DatabaseFailure::kUnreachable).WithDetail(message);
      }
      return DatabaseError(DatabaseFailure::kOther).WithDetail(message);
    }
    return FromSqlState(state, message);
  }

  Error ConnectionError(std::string_view sql) {
    const std::string message = WithSql(OneLine(PQerrorMessage(connection_)), sql);
    if (PQstatus(connection_) != CONNECTION_OK) {
      return DatabaseError(DatabaseFailure::kUnreachable).WithDetail(message);
    }
    return DatabaseError(DatabaseFailure::kOther).WithDetail(message);
  }

  void DrainResults() {
    while (PGresult* raw = PQgetResult(connection_)) PQclear(raw);
  }

  // Parameters in text format, each NUL-terminated in one buffer.
  const std::vector<const char*>& Encode(std::span<const Param> params) {
    buffer_.clear();
    offsets_.clear();
    for (const Param& param : params) {
      const Param::Value& value = param.value();
      if (std::holds_alternative<std::monostate>(value)) {
        offsets_.push_back(-1);
        continue;
      }
      offsets_.push_back(static_cast<std::ptrdiff_t>(buffer_.size()));
      char digits[64];
      if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        const auto [end, error] = std::to_chars(digits, digits + sizeof digits, *integer);
        buffer_.append(digits, end);
      } else if (const auto* real = std::get_if<double>(&value)) {
        const auto [end, error] = std::to_chars(digits, digits + sizeof digits, *real);
        buffer_.append(digits, end);
      } else {
        buffer_.append(param.text());
      }
      buffer_.push_back('\0');
    }
    values_.clear();
    for (const std::ptrdiff_t offset : offsets_) {
      values_.push_back(offset < 0 ? nullptr : buffer_.data() + offset);
    }
    return values_;
  }

  PGconn* connection_;
  std::unordered_map<std::string, std::unique_ptr<PostgresStatement>> statements_;
  long generation_ = 0;
  bool transaction_open_ = false;
  bool copy_active_ = false;
  std::string buffer_;
  std::vector<std::ptrdiff_t> offsets_;
  std::vector<const char*> values_;
};

Result<void> PostgresStatement::Execute(std::span<const Param> params) {
  return connection_.Run(*this, params, nullptr);
}

Result<void> PostgresStatement::Query(std::span<const Param> params, const RowVisitor& visit) {
  return connection_.Run(*this, params, &visit);
}

std::string NumberPlaceholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int& number = count;
  number = 0;
  std::size_t i = 0;
  const auto copy_until = [&](std::string_view terminator) {
    const std::size_t end = sql.find(terminator, i);
    const std::size_t stop = end == std::string_view::npos ? sql.size() : end + terminator.size();
    out.append(sql.substr(i, stop - i));
    i = stop;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '?') {
      out += '$';
      out += std::to_string(++number);
      ++i;
    } else if (c == '\'' || c == '"') {
      // A quoted text or identifier; a doubled quote inside reads as the start of the next one.
      out += c;
      ++i;
      copy_until(std::string_view(&c, 1));
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      copy_until("\n");
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      out += "/*";
      i += 2;
      copy_until("*/");
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace

std::string NumberPlaceholders(std::string_view sql) {
  int count = 0;
  return NumberPlaceholders(sql, count);
}

void AppendCopyText(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

Result<std::unique_ptr<PostgresConnection>> OpenPostgresConnection(std::string_view uri) {
  const std::string dbname(uri);
  // The URI is expanded as "dbname"; a fallback application name shows in pg_stat_activity.
  const char* const keywords[] = {"fallback_application_name", "dbname", nullptr};
  const char* const values[] = {"chinjeol", dbname.c_str(), nullptr};
  PGconn* connection = PQconnectdbParams(keywords, values, 1);
  if (connection == nullptr) {
    return Error(ErrorCode::kUnavailable, "cannot reach PostgreSQL: out of memory");
  }
  if (PQstatus(connection) != CONNECTION_OK) {
    // libpq's message names host, port and reason, never the password.
    Error error(ErrorCode::kUnavailable,
                "cannot reach PostgreSQL: " + OneLine(PQerrorMessage(connection)));
    PQfinish(connection);
    return error;
  }
  auto impl = std::make_unique<PostgresConnectionImpl>(connection);
  if (Result<void> setup = impl->SetUpSession(); !setup) return setup.error();
  return std::unique_ptr<PostgresConnection>(std::move(impl));
}

}  // namespace chinjeol::storage::sql
