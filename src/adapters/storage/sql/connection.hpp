#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/common/result.hpp"

// A small SQL driver: the storage repositories are written once against it, in portable SQL with
// "?" placeholders, and run on SQLite and PostgreSQL alike.
namespace chinjeol::storage::sql {

enum class Dialect { kSqlite, kPostgres };

// What went wrong in the database, as the people using the programme are told it: the engine's
// own message and the statement go to the error's detail, never into its message.
enum class DatabaseFailure {
  kDuplicate,         // kAlreadyExists
  kUnknownReference,  // kInvalidArgument: a foreign key
  kBrokenRule,        // kInvalidArgument: another constraint
  kBusy,              // kUnavailable: locked, serialization failure, too many connections
  kUnreachable,       // kUnavailable: cannot open or lost the connection
  kOther,             // kInternal
};
Error DatabaseError(DatabaseFailure failure);

// One statement parameter: NULL, an integer, a real or a text. Text passed as an lvalue is
// referenced and must outlive the call; an rvalue string is moved in.
class Param {
 public:
  using Value = std::variant<std::monostate, std::int64_t, double, std::string_view, std::string>;

  Param(std::nullptr_t) {}  // NOLINT(google-explicit-constructor): the parameter is NULL
  Param(bool value) : value_(std::int64_t{value ? 1 : 0}) {}            // NOLINT
  Param(int value) : value_(std::int64_t{value}) {}                     // NOLINT
  Param(long value) : value_(std::int64_t{value}) {}                    // NOLINT
  Param(long long value) : value_(std::int64_t{value}) {}               // NOLINT
  Param(double value) : value_(value) {}                                // NOLINT
  Param(const char* value) : value_(std::string_view(value)) {}         // NOLINT
  Param(std::string_view value) : value_(value) {}                      // NOLINT
  Param(const std::string& value) : value_(std::string_view(value)) {}  // NOLINT
  Param(std::string&& value) : value_(std::move(value)) {}              // NOLINT
  template <typename T>
  Param(const std::optional<T>& value) {  // NOLINT: empty = NULL
    if (value) *this = Param(*value);
  }

  const Value& value() const { return value_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(value_); }
  // The text of a text parameter; empty for the others.
  std::string_view text() const;

 private:
  Value value_;
};

// The current row of a query. Column numbers start at 0. Reading NULL gives 0 or "".
class Row {
 public:
  virtual ~Row() = default;

  virtual bool IsNull(int column) const = 0;
  virtual std::int64_t Int64(int column) const = 0;
  virtual double Double(int column) const = 0;
  // Valid until the visitor returns.
  virtual std::string_view Text(int column) const = 0;

  int Int(int column) const { return static_cast<int>(Int64(column)); }
  bool Bool(int column) const { return Int64(column) != 0; }
  std::string String(int column) const { return std::string(Text(column)); }
  std::optional<double> OptionalDouble(int column) const;
  std::optional<std::string> OptionalString(int column) const;
};

// Called for every row; an error stops the query and is passed on. A visitor must not run other
// statements on the same connection (PostgreSQL streams rows over it).
using RowVisitor = std::function<Result<void>(const Row&)>;

// A prepared statement, kept by its connection and reused. Errors are chinjeol::Error already:
// unique violation -> kAlreadyExists, foreign-key or other integrity violation ->
// kInvalidArgument, busy or lost connection -> kUnavailable, anything else -> kInternal (with the
// library's message and the statement for the log).
class Statement {
 public:
  virtual ~Statement() = default;

  virtual Result<void> Execute(std::span<const Param> params) = 0;
  virtual Result<void> Query(std::span<const Param> params, const RowVisitor& visit) = 0;

  Result<void> Execute(std::initializer_list<Param> params) {
    return Execute(std::span<const Param>(params.begin(), params.size()));
  }
  Result<void> Query(std::initializer_list<Param> params, const RowVisitor& visit) {
    return Query(std::span<const Param>(params.begin(), params.size()), visit);
  }
};

// One database session. Not thread-safe: the storage serialises its use.
class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;

  // The statement for `sql` ("?" placeholders), prepared on first use and kept for the life of
  // the connection; the pointer stays valid as long as the connection.
  virtual Result<Statement*> Prepare(std::string_view sql) = 0;
  // Runs one or more statements without parameters (migrations, transaction control); not kept.
  virtual Result<void> ExecuteScript(std::string_view sql) = 0;

  // Transactions: SQLite takes the write lock at once (BEGIN IMMEDIATE) so that two writers
  // wait for each other instead of failing on upgrade.
  virtual Result<void> Begin() = 0;
  virtual Result<void> Commit() = 0;
  virtual Result<void> Rollback() = 0;
  virtual bool in_transaction() const = 0;

  Result<void> Execute(std::string_view sql, std::initializer_list<Param> params = {});
  Result<void> Query(std::string_view sql, std::initializer_list<Param> params,
                     const RowVisitor& visit);
  // The first column of the first row as an integer; empty when there is no row.
  Result<std::optional<std::int64_t>> QueryInt64(std::string_view sql,
                                                 std::initializer_list<Param> params = {});
};

// An error of the storage with the same code and a new message for the caller, when the code is
// one the caller expects (kAlreadyExists, kInvalidArgument); other errors pass unchanged.
Error Rephrase(const Error& error, std::string message);

}  // namespace chinjeol::storage::sql
