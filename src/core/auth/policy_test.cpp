#include "core/auth/policy.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace chinjeol::auth {
namespace {

Actor ActorOf(Role role) {
  Actor actor;
  actor.user_id = 7;
  actor.login = RoleCode(role);
  actor.role = role;
  if (role == Role::kEmployee) actor.employee_no = "E001";
  if (role == Role::kDepartmentHead) actor.department_code = "D01";
  if (role == Role::kMonitor) actor.monitor_code = "M01";
  return actor;
}

// The product brief's table (docs/api.md "Roles and what they reach"), action by action: the
// roles allowed at all, before any one record is looked at.
const std::map<Action, std::set<Role>>& ExpectedRoles() {
  using enum Role;
  static const std::map<Action, std::set<Role>> expected = {
      {Action::kListCampaigns, {kAdmin, kMonitor, kReviewer, kCoach, kDepartmentHead, kEmployee}},
      {Action::kReadDashboard, {kAdmin}},
      {Action::kReadPlan, {kAdmin}},
      {Action::kReadOwnAssignments, {kMonitor}},
      {Action::kListEvaluations, {kAdmin, kMonitor, kReviewer}},
      {Action::kReadEvaluation, {kAdmin, kMonitor, kReviewer, kCoach, kDepartmentHead, kEmployee}},
      {Action::kDraftEvaluation, {kMonitor}},
      {Action::kEditEvaluation, {kMonitor}},
      {Action::kSubmitEvaluation, {kMonitor}},
      {Action::kReviewEvaluation, {kAdmin, kReviewer}},
      {Action::kUploadRecording, {kMonitor}},
      {Action::kReadRecording, {kAdmin, kMonitor, kReviewer}},
      {Action::kReadScores, {kAdmin, kCoach, kDepartmentHead}},
      {Action::kReadOwnResults, {kEmployee}},
      {Action::kRespondToOwnResult, {kEmployee}},
      {Action::kListObjections, {kAdmin}},
      {Action::kDecideObjection, {kAdmin}},
      {Action::kListDepartments, {kAdmin, kReviewer, kCoach, kDepartmentHead}},
      {Action::kListEmployees, {kAdmin, kReviewer, kCoach, kDepartmentHead}},
      {Action::kListMonitors, {kAdmin, kMonitor}},
      {Action::kListRubrics, {kAdmin, kMonitor, kReviewer, kCoach}},
      {Action::kAddRubric, {kAdmin}},
      {Action::kListScenarios, {kAdmin, kMonitor, kReviewer}},
      {Action::kImport, {kAdmin}},
      {Action::kReadJob, {kAdmin}},
      {Action::kReleaseResults, {kAdmin}},
      {Action::kManageUsers, {kAdmin}},
      {Action::kReadAuditLog, {kAdmin, kAuditor}},
  };
  return expected;
}

// A record every role could reach if the scope allowed: about E001 of D01, made by M01, in the
// coach's caseload, released and reviewed, still editable.
Subject ReachableSubject() {
  Subject subject;
  subject.employee_no = "E001";
  subject.department_code = "D01";
  subject.monitor_code = "M01";
  subject.in_caseload = true;
  subject.results_released = true;
  subject.final_review = true;
  subject.editable = true;
  return subject;
}

TEST(Decide, FollowsTheRoleTableForEveryRoleAndAction) {
  ASSERT_EQ(ExpectedRoles().size(), std::size(kAllActions));
  for (const Action action : kAllActions) {
    const std::set<Role>& allowed = ExpectedRoles().at(action);
    for (const Role role : kAllRoles) {
      const Decision decision = Decide(ActorOf(role), action, ReachableSubject());
      EXPECT_EQ(decision.allowed, allowed.contains(role))
          << RoleCode(role) << " " << ActionCode(action);
      EXPECT_EQ(RoleMay(role, action), allowed.contains(role))
          << RoleCode(role) << " " << ActionCode(action);
      if (!decision.allowed) {
        EXPECT_EQ(decision.scope, Scope::kNone);
      }
    }
  }
}

TEST(Decide, ShowsMonitorIdentityOnlyToTheAdminAndTheMonitorThemself) {
  for (const Action action : kAllActions) {
    for (const Role role : kAllRoles) {
      const Decision decision = Decide(ActorOf(role), action, ReachableSubject());
      if (decision.monitor_view != MonitorView::kIdentity) continue;
      EXPECT_TRUE(role == Role::kAdmin || role == Role::kMonitor)
          << RoleCode(role) << " " << ActionCode(action);
      if (role == Role::kMonitor) {
        EXPECT_EQ(decision.scope == Scope::kOwnMonitor || action == Action::kListRubrics, true)
            << ActionCode(action);
      }
    }
  }
}

TEST(Decide, HidesMonitorsFromThePeopleWhoseResultsTheseAre) {
  for (const Role role : {Role::kEmployee, Role::kDepartmentHead, Role::kCoach}) {
    for (const Action action : kAllActions) {
      EXPECT_EQ(Decide(ActorOf(role), action, ReachableSubject()).monitor_view,
                MonitorView::kHidden)
          << RoleCode(role) << " " << ActionCode(action);
    }
  }
  EXPECT_EQ(Decide(ActorOf(Role::kReviewer), Action::kReadEvaluation).monitor_view,
            MonitorView::kPseudonym);
}

TEST(Decide, LetsAMonitorReachOnlyTheirOwnContacts) {
  const Actor monitor = ActorOf(Role::kMonitor);
  Subject other = ReachableSubject();
  other.monitor_code = "M02";
  for (const Action action :
       {Action::kReadEvaluation, Action::kEditEvaluation, Action::kSubmitEvaluation,
        Action::kUploadRecording, Action::kReadRecording}) {
    EXPECT_TRUE(Decide(monitor, action, ReachableSubject()).allowed) << ActionCode(action);
    EXPECT_FALSE(Decide(monitor, action, other).allowed) << ActionCode(action);
  }
  const Decision list = Decide(monitor, Action::kListEvaluations);
  EXPECT_EQ(list.scope, Scope::kOwnMonitor);
  EXPECT_FALSE(InScope(monitor, list.scope, other));
}

TEST(Decide, LetsAMonitorChangeOnlyDraftsAndReturnedEvaluations) {
  const Actor monitor = ActorOf(Role::kMonitor);
  Subject submitted = ReachableSubject();
  submitted.editable = false;
  EXPECT_TRUE(Decide(monitor, Action::kReadEvaluation, submitted).allowed);
  EXPECT_FALSE(Decide(monitor, Action::kEditEvaluation, submitted).allowed);
  EXPECT_FALSE(Decide(monitor, Action::kSubmitEvaluation, submitted).allowed);
  EXPECT_FALSE(Decide(monitor, Action::kUploadRecording, submitted).allowed);
}

TEST(Decide, KeepsDraftsFromReviewersUntilSubmitted) {
  const Actor reviewer = ActorOf(Role::kReviewer);
  Subject draft = ReachableSubject();
  draft.draft = true;
  draft.editable = true;
  EXPECT_FALSE(Decide(reviewer, Action::kReadEvaluation, draft).allowed);
  EXPECT_FALSE(Decide(reviewer, Action::kReviewEvaluation, draft).allowed);
  Subject submitted = ReachableSubject();
  EXPECT_TRUE(Decide(reviewer, Action::kReadEvaluation, submitted).allowed);
  EXPECT_TRUE(Decide(reviewer, Action::kReviewEvaluation, submitted).allowed);
  // The monitor keeps their own draft.
  EXPECT_TRUE(Decide(ActorOf(Role::kMonitor), Action::kReadEvaluation, draft).allowed);
}

TEST(Decide, ShowsResultsToEmployeesHeadsAndCoachesOnlyOnceReleasedAndReviewed) {
  for (const Role role : {Role::kEmployee, Role::kDepartmentHead, Role::kCoach}) {
    Subject unreleased = ReachableSubject();
    unreleased.results_released = false;
    Subject in_review = ReachableSubject();
    in_review.final_review = false;
    EXPECT_TRUE(Decide(ActorOf(role), Action::kReadEvaluation, ReachableSubject()).allowed)
        << RoleCode(role);
    EXPECT_FALSE(Decide(ActorOf(role), Action::kReadEvaluation, unreleased).allowed)
        << RoleCode(role);
    EXPECT_FALSE(Decide(ActorOf(role), Action::kReadEvaluation, in_review).allowed)
        << RoleCode(role);
  }
  // The admin and reviewers see evaluations whatever their state.
  Subject unreleased = ReachableSubject();
  unreleased.results_released = false;
  unreleased.final_review = false;
  EXPECT_TRUE(Decide(ActorOf(Role::kAdmin), Action::kReadEvaluation, unreleased).allowed);
  EXPECT_TRUE(Decide(ActorOf(Role::kReviewer), Action::kReadEvaluation, unreleased).allowed);
}

TEST(Decide, KeepsEveryoneToTheirOwnEmployeesDepartmentsAndCaseloads) {
  Subject elsewhere = ReachableSubject();
  elsewhere.employee_no = "E999";
  elsewhere.department_code = "D99";
  elsewhere.in_caseload = false;
  for (const Role role : {Role::kEmployee, Role::kDepartmentHead, Role::kCoach}) {
    EXPECT_FALSE(Decide(ActorOf(role), Action::kReadEvaluation, elsewhere).allowed)
        << RoleCode(role);
  }
  EXPECT_FALSE(Decide(ActorOf(Role::kEmployee), Action::kRespondToOwnResult, elsewhere).allowed);
  EXPECT_EQ(Decide(ActorOf(Role::kDepartmentHead), Action::kReadScores).scope,
            Scope::kOwnDepartment);
  EXPECT_EQ(Decide(ActorOf(Role::kCoach), Action::kReadScores).scope, Scope::kCaseload);
  EXPECT_EQ(Decide(ActorOf(Role::kReviewer), Action::kListEmployees).employee_view,
            EmployeeView::kCodes);
}

TEST(Decide, AuditsReadsOfOtherPeoplesDataButNotOfOnesOwn) {
  EXPECT_TRUE(Decide(ActorOf(Role::kAdmin), Action::kReadEvaluation).audit);
  EXPECT_TRUE(Decide(ActorOf(Role::kAdmin), Action::kListMonitors).audit);
  EXPECT_TRUE(Decide(ActorOf(Role::kReviewer), Action::kReadEvaluation).audit);
  EXPECT_TRUE(
      Decide(ActorOf(Role::kDepartmentHead), Action::kReadEvaluation, ReachableSubject()).audit);
  EXPECT_TRUE(Decide(ActorOf(Role::kCoach), Action::kReadEvaluation, ReachableSubject()).audit);
  EXPECT_FALSE(Decide(ActorOf(Role::kEmployee), Action::kReadEvaluation, ReachableSubject()).audit);
  EXPECT_FALSE(Decide(ActorOf(Role::kEmployee), Action::kReadOwnResults).audit);
  EXPECT_TRUE(Decide(ActorOf(Role::kAuditor), Action::kReadAuditLog).audit);
}

TEST(InScope, NeedsTheBindingTheScopeNames) {
  Actor unbound = ActorOf(Role::kMonitor);
  unbound.monitor_code.clear();
  Subject subject;  // no monitor either
  EXPECT_FALSE(InScope(unbound, Scope::kOwnMonitor, subject));
  EXPECT_FALSE(InScope(ActorOf(Role::kEmployee), Scope::kOwnEmployee, subject));
  EXPECT_FALSE(InScope(ActorOf(Role::kDepartmentHead), Scope::kOwnDepartment, subject));
  EXPECT_FALSE(InScope(ActorOf(Role::kAdmin), Scope::kNone, ReachableSubject()));
  EXPECT_TRUE(InScope(ActorOf(Role::kAdmin), Scope::kAll, subject));
}

}  // namespace
}  // namespace chinjeol::auth
