#include "adapters/storage/sql/connection.hpp"

namespace chinjeol::storage::sql {

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
    return Error(error.code(), std::move(message), error.violations());
  }
  return error;
}

}  // namespace chinjeol::storage::sql
