#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace chinjeol::auth {

// The people of the product brief, section 1.
enum class Role {
  kAdmin,           // 관리자
  kMonitor,         // 모니터요원
  kReviewer,        // 검수자
  kCoach,           // CS코치
  kDepartmentHead,  // 부서장
  kEmployee,        // 직원
  kAuditor,         // 감사
};
const char* RoleCode(Role role);  // "admin", "department_head", ...
const char* RoleNameKo(Role role);
std::optional<Role> ParseRole(std::string_view text);

struct User {
  std::int64_t id = 0;
  std::string login;
  std::string password_hash;  // Argon2id, in libsodium's string form
  Role role = Role::kEmployee;
  std::string employee_no;      // kEmployee (and optionally others who are staff)
  std::string monitor_code;     // kMonitor
  std::string department_code;  // kDepartmentHead
  bool active = true;
  std::string display_name;  // how the web pages greet the person; may be empty
};

// What a role needs to be tied to: a monitor account to a monitor, an employee account to an
// employee, a department head to a department. kInvalidArgument naming the missing field.
Result<void> CheckUserBinding(const User& user);

class UserRepository {
 public:
  virtual ~UserRepository() = default;

  // kAlreadyExists when the login is taken; kInvalidArgument when the employee, monitor or
  // department it is tied to does not exist.
  virtual Result<void> AddUser(const User& user) = 0;
  virtual Result<std::optional<User>> FindUser(std::string_view login) const = 0;
  virtual Result<std::optional<User>> FindUserById(std::int64_t id) const = 0;
  // Every account, by login.
  virtual Result<std::vector<User>> ListUsers() const = 0;
  // Replaces the password hash; `changed_at` in Unix seconds. kNotFound for an unknown id.
  virtual Result<void> SetPasswordHash(std::int64_t user_id, std::string_view password_hash,
                                       std::int64_t changed_at) = 0;
  // Ends or restores an account (a contracted firm's access ends with its contract).
  // kNotFound for an unknown id.
  virtual Result<void> SetActive(std::int64_t user_id, bool active) = 0;
  // The employees a coach looks after, by employee number. SetCaseload replaces the list;
  // kInvalidArgument naming an unknown employee.
  virtual Result<void> SetCaseload(std::int64_t user_id,
                                   const std::vector<std::string>& employee_nos) = 0;
  virtual Result<std::vector<std::string>> ListCaseload(std::int64_t user_id) const = 0;
};

}  // namespace chinjeol::auth
