#include "adapters/storage/sql/connection.hpp"

namespace chinjeol::storage::sql {

Error DatabaseError(DatabaseFailure failure) {
  switch (failure) {  // No default: a new failure must be worded here.
    case DatabaseFailure::kDuplicate:
      return Error(ErrorCode::kAlreadyExists, "이미 있는 항목입니다 (already exists)");
    case DatabaseFailure::kUnknownReference:
      return Error(ErrorCode::kInvalidArgument,
                   "없는 항목을 가리킵니다 (refers to something that does not exist)");
    case DatabaseFailure::kBrokenRule:
      return Error(ErrorCode::kInvalidArgument,
                   "저장 규칙에 맞지 않습니다 (breaks a rule of the stored data)");
    case DatabaseFailure::kBusy:
      return Error(ErrorCode::kUnavailable,
                   "데이터베이스가 바쁩니다. 잠시 후 다시 시도해 주세요 (the database is busy; "
                   "try again shortly)");
    case DatabaseFailure::kUnreachable:
      return Error(ErrorCode::kUnavailable,
                   "데이터베이스에 연결할 수 없습니다 (the database cannot be reached)");
    case DatabaseFailure::kOther:
      return Error(ErrorCode::kInternal, "데이터베이스 오류입니다 (database error)");
  }
  return Error(ErrorCode::kInternal, "데이터베이스 오류입니다 (database error)");
}

std::string_view Param::text() const {
  if (const auto* view = std::get_if<std::string_view>(&value_)) return *view;
  if (const auto* owned = std::get_if<std::string>(&value_)) return *owned;
  return {};
}

std::optional<double> Row::OptionalDouble(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Double(column);
}

std::optional<std::string> Row::OptionalString(int column) const {
  if (IsNull(column)) return std::nullopt;
  return String(column);
}

Result<void> Connection::Execute(std::string_view sql, std::initializer_list<Param> params) {
  Result<Statement*> statement = Prepare(sql);
  if (!statement) return statement.error();
  return (*statement)->Execute(params);
}

Result<void> Connection::Query(std::string_view sql, std::initializer_list<Param> params,
                               const RowVisitor& visit) {
  Result<Statement*> statement = Prepare(sql);
  if (!statement) return statement.error();
  return (*statement)->Query(params, visit);
}

Result<std::optional<std::int64_t>> Connection::QueryInt64(std::string_view sql,
                                                           std::initializer_list<Param> params) {
  std::optional<std::int64_t> value;
  Result<void> done = Query(sql, params, [&](const Row& row) -> Result<void> {
    if (!value && !row.IsNull(0)) value = row.Int64(0);
    return Ok();
  });
  if (!done) return done.error();
  return value;
}

Error Rephrase(const Error& error, std::string message) {
  if (error.code() == ErrorCode::kAlreadyExists || error.code() == ErrorCode::kInvalidArgument) {
    return Error(error.code(), std::move(message), error.violations()).WithDetail(error.detail());
  }
  return error;
}

}  // namespace chinjeol::storage::sql
