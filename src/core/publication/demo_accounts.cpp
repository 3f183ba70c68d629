#include "core/publication/demo_accounts.hpp"

#include <algorithm>

#include "core/programme/setup.hpp"
#include "core/publication/coaching.hpp"
#include "core/publication/results.hpp"

namespace chinjeol::publication {
namespace {

constexpr std::size_t kCoachCaseload = 25;

// The coach's caseload plans are confirmed with the demo coach; the most urgent one has had a
// session, with one action point already overdue, so that every role's pages show the loop.
Result<void> StartDemoCoaching(ports::Storage& storage, const auth::User& coach,
                               const std::vector<PlanView>& plans,
                               const std::vector<std::string>& caseload, const LocalDateTime& now) {
  auth::Actor admin_actor;
  admin_actor.role = auth::Role::kAdmin;
  const auth::Actor coach_actor = auth::ActorFor(coach);
  bool first = true;
  for (const PlanView& view : plans) {
    if (std::find(caseload.begin(), caseload.end(), view.plan.employee_no) == caseload.end()) {
      continue;
    }
    Result<PlanView> confirmed =
        ConfirmCoachingPlan(storage, admin_actor, view.plan.id, coach.login, now, {});
    if (!confirmed) return confirmed.error();
    if (!first || view.plan.items.empty()) continue;
    first = false;
    SessionInput session;
    session.held_on = AddDays(now.date, -14);
    for (const coaching::ItemFinding& item : view.plan.items) {
      session.discussed.push_back({item.item_id, "평가 내용을 함께 보고 좋은 응대를 연습함"});
    }
    session.notes_shared = "다음 2주 동안 첫인사 문장을 매 통화 연습하기로 함";
    session.notes_private = "본인이 바쁜 시간대에 전화가 몰린다고 함: 업무 분장 확인 필요";
    session.actions = {{0, "첫인사 문장을 적어 전화기 옆에 붙이기", AddDays(now.date, -7), {}},
                       {0, "동료와 통화 역할극 세 번", AddDays(now.date, 7), {}}};
    session.follow_up_on = AddDays(now.date, 14);
    Result<coaching::CoachingSession> held =
        RecordCoachingSession(storage, coach_actor, view.plan.id, session, now, {});
    if (!held) return held.error();
  }
  return Ok();
}

}  // namespace

Result<std::vector<DemoAccount>> InstallDemoAccess(ports::Storage& storage,
                                                   const auth::PasswordHasher& hasher,
                                                   std::string_view campaign_code,
                                                   const LocalDateTime& now) {
  // Results are released first, and coaching plans proposed from them. The employee is the one
  // with the most urgent plan (else the one of the first approved evaluation); the head and the
  // coach go with that employee's department.
  Result<results::ResultsRelease> released =
      ReleaseResults(storage, campaign_code, now, AddDays(now.date, kDefaultObjectionDays), 0);
  if (!released) return released.error();
  auth::Actor admin_actor;
  admin_actor.role = auth::Role::kAdmin;
  Result<ProposalReport> proposed =
      ProposeCoachingPlans(storage, admin_actor, campaign_code, {}, now, {});
  if (!proposed) return proposed.error();
  Result<std::vector<PlanView>> plans = ListCoachingPlans(storage, admin_actor, campaign_code, now);
  if (!plans) return plans.error();
  results::EvaluationFilter filter;
  filter.campaign_code = std::string(campaign_code);
  filter.state = evaluation::ReviewState::kApproved;
  filter.limit = 1;
  if (!plans->empty()) filter.employee_no = plans->front().plan.employee_no;
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
  std::vector<std::string> caseload{sample.employee_no};
  for (const org::Employee& employee : *employees) {
    if (employee.department_code == sample.department_code && caseload.size() < kCoachCaseload &&
        employee.employee_no != sample.employee_no) {
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
    if (Result<void> coached = StartDemoCoaching(storage, **coach, *plans, caseload, now);
        !coached) {
      return coached.error();
    }
  }
  return accounts;
}

}  // namespace chinjeol::publication
