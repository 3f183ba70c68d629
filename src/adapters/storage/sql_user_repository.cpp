#include "adapters/storage/sql_user_repository.hpp"

namespace chinjeol::storage {
namespace {

// The id of `code` in a table, empty for an empty code; kInvalidArgument naming `field` when
// the code is unknown.
Result<std::optional<std::int64_t>> FindBinding(sql::Connection& connection, std::string_view sql,
                                                const std::string& code, const char* field,
                                                const char* what) {
  if (code.empty()) return std::optional<std::int64_t>();
  Result<std::optional<std::int64_t>> id = connection.QueryInt64(sql, {code});
  if (!id) return id.error();
  if (!*id) {
    return InvalidArgument("unknown " + std::string(what) + " " + code,
                           {{field, "no " + std::string(what) + " " + code}});
  }
  return id;
}

}  // namespace

Result<void> SqlUserRepository::AddUser(const auth::User& user) {
  if (Result<void> bound = auth::CheckUserBinding(user); !bound) return bound;
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::optional<std::int64_t>> employee_id =
        FindBinding(connection, "SELECT id FROM employees WHERE employee_no = ?", user.employee_no,
                    "employee-no", "employee");
    if (!employee_id) return employee_id.error();
    Result<std::optional<std::int64_t>> monitor_id =
        FindBinding(connection, "SELECT id FROM monitors WHERE code = ?", user.monitor_code,
                    "monitor-code", "monitor");
    if (!monitor_id) return monitor_id.error();
    Result<std::optional<std::int64_t>> department_id =
        FindBinding(connection, "SELECT id FROM departments WHERE code = ?", user.department_code,
                    "department-code", "department");
    if (!department_id) return department_id.error();
    Result<void> added = connection.Execute(
        "INSERT INTO users (login, password_hash, role, employee_id, monitor_id, department_id, "
        "active) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {user.login, user.password_hash, auth::RoleCode(user.role), *employee_id, *monitor_id,
         *department_id, user.active});
    if (!added) return sql::Rephrase(added.error(), "login " + user.login + " is taken");
    return Ok();
  });
}

Result<std::optional<auth::User>> SqlUserRepository::FindUser(std::string_view login) const {
  auto lock = database_.Lock();
  std::optional<auth::User> found;
  Result<void> read = database_.connection().Query(
      "SELECT u.id, u.login, u.password_hash, u.role, e.employee_no, m.code, d.code, u.active "
      "FROM users u LEFT JOIN employees e ON e.id = u.employee_id "
      "LEFT JOIN monitors m ON m.id = u.monitor_id "
      "LEFT JOIN departments d ON d.id = u.department_id WHERE u.login = ?",
      {login}, [&](const sql::Row& row) -> Result<void> {
        std::optional<auth::Role> role = auth::ParseRole(row.Text(3));
        if (!role) return Internal("unknown role " + row.String(3));
        found = auth::User{row.Int64(0),  row.String(1), row.String(2), *role,
                           row.String(4), row.String(5), row.String(6), row.Bool(7)};
        return Ok();
      });
  if (!read) return read.error();
  return found;
}

}  // namespace chinjeol::storage
