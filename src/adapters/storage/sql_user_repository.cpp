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

constexpr std::string_view kUserColumns =
    "SELECT u.id, u.login, u.password_hash, u.role, e.employee_no, m.code, d.code, u.active, "
    "u.display_name FROM users u LEFT JOIN employees e ON e.id = u.employee_id "
    "LEFT JOIN monitors m ON m.id = u.monitor_id "
    "LEFT JOIN departments d ON d.id = u.department_id ";

Result<auth::User> ReadUser(const sql::Row& row) {
  std::optional<auth::Role> role = auth::ParseRole(row.Text(3));
  if (!role) return Internal("unknown role " + row.String(3));
  return auth::User{row.Int64(0),  row.String(1), row.String(2), *role,        row.String(4),
                    row.String(5), row.String(6), row.Bool(7),   row.String(8)};
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
        "active, display_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {user.login, user.password_hash, auth::RoleCode(user.role), *employee_id, *monitor_id,
         *department_id, user.active, user.display_name});
    if (!added) return sql::Rephrase(added.error(), "login " + user.login + " is taken");
    return Ok();
  });
}

Result<std::optional<auth::User>> SqlUserRepository::FindUser(std::string_view login) const {
  auto lock = database_.Lock();
  std::optional<auth::User> found;
  Result<void> read =
      database_.connection().Query(std::string(kUserColumns) + "WHERE u.login = ?", {login},
                                   [&](const sql::Row& row) -> Result<void> {
                                     Result<auth::User> user = ReadUser(row);
                                     if (!user) return user.error();
                                     found = *std::move(user);
                                     return Ok();
                                   });
  if (!read) return read.error();
  return found;
}

Result<std::optional<auth::User>> SqlUserRepository::FindUserById(std::int64_t id) const {
  auto lock = database_.Lock();
  std::optional<auth::User> found;
  Result<void> read = database_.connection().Query(std::string(kUserColumns) + "WHERE u.id = ?",
                                                   {id}, [&](const sql::Row& row) -> Result<void> {
                                                     Result<auth::User> user = ReadUser(row);
                                                     if (!user) return user.error();
                                                     found = *std::move(user);
                                                     return Ok();
                                                   });
  if (!read) return read.error();
  return found;
}

Result<std::vector<auth::User>> SqlUserRepository::ListUsers() const {
  auto lock = database_.Lock();
  std::vector<auth::User> users;
  Result<void> read = database_.connection().Query(std::string(kUserColumns) + "ORDER BY u.login",
                                                   {}, [&](const sql::Row& row) -> Result<void> {
                                                     Result<auth::User> user = ReadUser(row);
                                                     if (!user) return user.error();
                                                     users.push_back(*std::move(user));
                                                     return Ok();
                                                   });
  if (!read) return read.error();
  return users;
}

Result<void> SqlUserRepository::SetPasswordHash(std::int64_t user_id,
                                                std::string_view password_hash,
                                                std::int64_t changed_at) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::optional<std::int64_t>> exists =
        connection.QueryInt64("SELECT id FROM users WHERE id = ?", {user_id});
    if (!exists) return exists.error();
    if (!*exists) return NotFound("no such account");
    return connection.Execute(
        "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
        {password_hash, changed_at, user_id});
  });
}

Result<void> SqlUserRepository::SetActive(std::int64_t user_id, bool active) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::optional<std::int64_t>> exists =
        connection.QueryInt64("SELECT id FROM users WHERE id = ?", {user_id});
    if (!exists) return exists.error();
    if (!*exists) return NotFound("no such account");
    return connection.Execute("UPDATE users SET active = ? WHERE id = ?", {active, user_id});
  });
}

Result<void> SqlUserRepository::SetCaseload(std::int64_t user_id,
                                            const std::vector<std::string>& employee_nos) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < employee_nos.size(); ++i) {
      Result<std::optional<std::int64_t>> id = connection.QueryInt64(
          "SELECT id FROM employees WHERE employee_no = ?", {employee_nos[i]});
      if (!id) return id.error();
      if (!*id) {
        return InvalidArgument("unknown employee " + employee_nos[i],
                               {{"caseload/" + std::to_string(i), "no such employee"}});
      }
      ids.push_back(**id);
    }
    if (Result<void> cleared =
            connection.Execute("DELETE FROM coach_caseloads WHERE user_id = ?", {user_id});
        !cleared) {
      return cleared;
    }
    for (const std::int64_t id : ids) {
      Result<void> added = connection.Execute(
          "INSERT INTO coach_caseloads (user_id, employee_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
          {user_id, id});
      if (!added) return added;
    }
    return Ok();
  });
}

Result<std::vector<std::string>> SqlUserRepository::ListCaseload(std::int64_t user_id) const {
  auto lock = database_.Lock();
  std::vector<std::string> employee_nos;
  Result<void> read = database_.connection().Query(
      "SELECT e.employee_no FROM coach_caseloads c JOIN employees e ON e.id = c.employee_id "
      "WHERE c.user_id = ? ORDER BY e.employee_no",
      {user_id}, [&](const sql::Row& row) -> Result<void> {
        employee_nos.push_back(row.String(0));
        return Ok();
      });
  if (!read) return read.error();
  return employee_nos;
}

}  // namespace chinjeol::storage
