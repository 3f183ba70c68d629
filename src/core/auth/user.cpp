#include "core/auth/user.hpp"

namespace chinjeol::auth {
namespace {

constexpr Role kAllRoles[] = {Role::kAdmin,          Role::kMonitor,  Role::kReviewer, Role::kCoach,
                              Role::kDepartmentHead, Role::kEmployee, Role::kAuditor};

}  // namespace

const char* RoleCode(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kMonitor:
      return "monitor";
    case Role::kReviewer:
      return "reviewer";
    case Role::kCoach:
      return "coach";
    case Role::kDepartmentHead:
      return "department_head";
    case Role::kEmployee:
      return "employee";
    case Role::kAuditor:
      return "auditor";
  }
  return "employee";
}

const char* RoleNameKo(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "관리자";
    case Role::kMonitor:
      return "모니터요원";
    case Role::kReviewer:
      return "검수자";
    case Role::kCoach:
      return "CS코치";
    case Role::kDepartmentHead:
      return "부서장";
    case Role::kEmployee:
      return "직원";
    case Role::kAuditor:
      return "감사";
  }
  return "직원";
}

std::optional<Role> ParseRole(std::string_view text) {
  for (const Role role : kAllRoles) {
    if (text == RoleCode(role)) return role;
  }
  return std::nullopt;
}

Result<void> CheckUserBinding(const User& user) {
  if (user.login.empty()) return InvalidArgument("invalid user", {{"login", "must not be empty"}});
  switch (user.role) {
    case Role::kMonitor:
      if (user.monitor_code.empty()) {
        return InvalidArgument("a monitor account needs its monitor",
                               {{"monitor-code", "required for the monitor role"}});
      }
      break;
    case Role::kEmployee:
      if (user.employee_no.empty()) {
        return InvalidArgument("an employee account needs its employee",
                               {{"employee-no", "required for the employee role"}});
      }
      break;
    case Role::kDepartmentHead:
      if (user.department_code.empty()) {
        return InvalidArgument("a department head account needs its department",
                               {{"department-code", "required for the department_head role"}});
      }
      break;
    case Role::kAdmin:
    case Role::kReviewer:
    case Role::kCoach:
    case Role::kAuditor:
      break;
  }
  return Ok();
}

}  // namespace chinjeol::auth
