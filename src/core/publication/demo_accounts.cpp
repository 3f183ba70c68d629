#include "core/publication/demo_accounts.hpp"

#include "core/programme/setup.hpp"
#include "core/publication/results.hpp"

namespace chinjeol::publication {
namespace {

constexpr std::size_t kCoachCaseload = 25;

}  // namespace

Result<std::vector<DemoAccount>> InstallDemoAccess(ports::Storage& storage,
                                                   const auth::PasswordHasher& hasher,
                                                   std::string_view campaign_code,
                                                   const LocalDateTime& now) {
  // The employee: the one of the first approved evaluation; the head and the coach go with
  // that employee's department.
  results::EvaluationFilter filter;
  filter.campaign_code = std::string(campaign_code);
  filter.state = evaluation::ReviewState::kApproved;
  filter.limit = 1;
  Result<results::EvaluationPage> first = storage.results().ListEvaluations(filter);
  if (!first) return first.error();
  if (first->rows.empty())
    return FailedPrecondition("the demo campaign has no approved evaluation");
  const results::EvaluationRow& sample = first->rows.front();
  Result<std::vector<org::Monitor>> monitors = storage.organisation().ListMonitors();
  if (!monitors) return monitors.error();
  if (monitors->empty()) return FailedPrecondition("the demo has no monitors");
  Result<std::vector<org::Employee>> employees = storage.organisation().ListEmployees();
  if (!employees) return employees.error();
  std::vector<std::string> caseload;
  for (const org::Employee& employee : *employees) {
    if (employee.department_code == sample.department_code && caseload.size() < kCoachCaseload) {
      caseload.push_back(employee.employee_no);
    }
  }

  const auto account = [](std::string login, std::string password, auth::Role role,
                          std::string bound_to) {
    return DemoAccount{std::move(login), std::move(password), role, std::move(bound_to)};
  };
  const std::string& monitor_code = monitors->front().code;
  std::vector<DemoAccount> accounts = {
      account("admin", "demo-admin-2021", auth::Role::kAdmin, ""),
      account("monitor", "demo-monitor-2021", auth::Role::kMonitor, monitor_code),
      account("reviewer", "demo-reviewer-2021", auth::Role::kReviewer, ""),
      account("coach", "demo-coach-2021", auth::Role::kCoach,
              std::to_string(caseload.size()) + " employees of " + sample.department_code),
      account("head", "demo-head-2021", auth::Role::kDepartmentHead, sample.department_code),
      account("employee", "demo-employee-2021", auth::Role::kEmployee, sample.employee_no),
      account("auditor", "demo-auditor-2021", auth::Role::kAuditor, ""),
  };
  for (const DemoAccount& demo : accounts) {
    auth::User user;
    user.login = demo.login;
    user.role = demo.role;
    user.display_name = std::string("데모 ") + auth::RoleNameKo(demo.role);
    if (demo.role == auth::Role::kMonitor) user.monitor_code = monitor_code;
    if (demo.role == auth::Role::kDepartmentHead) user.department_code = sample.department_code;
    if (demo.role == auth::Role::kEmployee) {
      user.employee_no = sample.employee_no;
      user.display_name = sample.employee_name;
    }
    if (Result<void> added = programme::AddUser(storage, hasher, user, demo.password); !added) {
      return added.error();
    }
  }
  Result<std::optional<auth::User>> coach = storage.users().FindUser("coach");
  if (!coach) return coach.error();
  if (*coach) {
    if (Result<void> set = storage.users().SetCaseload((*coach)->id, caseload); !set) {
      return set.error();
    }
  }
  Result<results::ResultsRelease> released =
      ReleaseResults(storage, campaign_code, now, AddDays(now.date, kDefaultObjectionDays), 0);
  if (!released) return released.error();
  return accounts;
}

}  // namespace chinjeol::publication
