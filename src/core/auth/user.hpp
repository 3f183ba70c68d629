#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
};

}  // namespace chinjeol::auth
