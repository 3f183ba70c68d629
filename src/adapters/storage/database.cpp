#include "adapters/storage/database.hpp"

#include <chrono>
#include <ctime>

#include "adapters/clock/clock.hpp"

namespace chinjeol::storage {
namespace {

// Rolls back when `work` fails or throws; a library exception is passed on unchanged.
Result<void> RunOrRollBack(sql::Connection& connection, const std::function<Result<void>()>& work,
                           const std::function<Result<void>()>& roll_back,
                           const std::function<Result<void>()>& commit) {
  Result<void> outcome = Ok();
  try {
    outcome = work();
  } catch (...) {
    (void)roll_back();
    throw;
  }
  if (!outcome) {
    (void)roll_back();
    return outcome;
  }
  if (Result<void> committed = commit(); !committed) {
    if (connection.in_transaction()) (void)roll_back();
    return committed;
  }
  return Ok();
}

}  // namespace

Result<void> Database::InTransaction(const std::function<Result<void>()>& work) {
  auto lock = Lock();
  sql::Connection& connection = *connection_;
  if (connection.in_transaction()) return Internal("transactions do not nest");
  if (Result<void> begun = connection.Begin(); !begun) return begun;
  // Lock() again before ending the transaction: a background user the work started (the SQLite
  // evaluation writer's thread) must be done with it.
  return RunOrRollBack(
      connection, work,
      [&] {
        auto again = Lock();
        return connection.Rollback();
      },
      [&] {
        auto again = Lock();
        return connection.Commit();
      });
}

Result<void> Database::Atomic(const std::function<Result<void>()>& work) {
  auto lock = Lock();
  sql::Connection& connection = *connection_;
  if (!connection.in_transaction()) return InTransaction(work);
  if (Result<void> saved = connection.ExecuteScript("SAVEPOINT chinjeol_atomic"); !saved) {
    return saved;
  }
  return RunOrRollBack(
      connection, work,
      [&] {
        auto again = Lock();
        return connection.ExecuteScript(
            "ROLLBACK TO SAVEPOINT chinjeol_atomic; RELEASE SAVEPOINT chinjeol_atomic");
      },
      [&] {
        auto again = Lock();
        return connection.ExecuteScript("RELEASE SAVEPOINT chinjeol_atomic");
      });
}

std::string NowText() { return FormatLocalDateTime(clock::LocalNow()); }

}  // namespace chinjeol::storage
