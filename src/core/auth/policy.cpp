#include "core/auth/policy.hpp"

namespace chinjeol::auth {
namespace {

Decision Allow(Scope scope, MonitorView monitors = MonitorView::kHidden,
               EmployeeView employees = EmployeeView::kCodes, bool audit = false) {
  return Decision{true, scope, monitors, employees, audit};
}

constexpr Decision kDeny{};

// What the role may do with the action before looking at any one record.
Decision ByRole(Role role, Action action) {
  using enum Action;
  switch (role) {
    case Role::kAdmin:
      switch (action) {
        case kReadOwnAssignments:
        case kDraftEvaluation:
        case kEditEvaluation:
        case kSubmitEvaluation:
        case kUploadRecording:
        case kReadOwnResults:
        case kRespondToOwnResult:
          return kDeny;  // the admin does not do fieldwork and has no results of their own
        case kListEvaluations:
        case kReadEvaluation:
        case kReadRecording:
        case kReadScores:
        case kListObjections:
        case kDecideObjection:
        case kListEmployees:
          return Allow(Scope::kAll, MonitorView::kIdentity, EmployeeView::kFull, true);
        case kListMonitors:
          return Allow(Scope::kAll, MonitorView::kIdentity, EmployeeView::kFull, true);
        case kReadPlan:
          // Audited by the caller when the plan holds unreleased assignments.
          return Allow(Scope::kAll, MonitorView::kIdentity, EmployeeView::kFull, false);
        case kReadAuditLog:
          return Allow(Scope::kAll, MonitorView::kIdentity, EmployeeView::kFull, true);
        case kListCampaigns:
        case kReadDashboard:
        case kReviewEvaluation:
        case kListDepartments:
        case kListRubrics:
        case kAddRubric:
        case kListScenarios:
        case kImport:
        case kReadJob:
        case kReleaseResults:
        case kManageUsers:
          return Allow(Scope::kAll, MonitorView::kIdentity, EmployeeView::kFull);
      }
      return kDeny;
    case Role::kMonitor:
      switch (action) {
        case kListCampaigns:
        case kReadOwnAssignments:
        case kDraftEvaluation:
        case kEditEvaluation:
        case kSubmitEvaluation:
        case kUploadRecording:
        case kReadRecording:
        case kListMonitors:
        case kListScenarios:
          return Allow(Scope::kOwnMonitor, MonitorView::kIdentity, EmployeeView::kFull);
        case kListEvaluations:
        case kReadEvaluation:
          // Their own contacts: employees' names and numbers are someone else's data.
          return Allow(Scope::kOwnMonitor, MonitorView::kIdentity, EmployeeView::kFull, true);
        case kListRubrics:
          return Allow(Scope::kAll, MonitorView::kIdentity);
        default:
          return kDeny;
      }
    case Role::kReviewer:
      switch (action) {
        case kListCampaigns:
        case kListRubrics:
        case kListScenarios:
        case kListDepartments:
          return Allow(Scope::kAll, MonitorView::kPseudonym);
        case kListEvaluations:
        case kReadEvaluation:
        case kReviewEvaluation:
        case kReadRecording:
          return Allow(Scope::kAll, MonitorView::kPseudonym, EmployeeView::kFull, true);
        case kListEmployees:
          return Allow(Scope::kAll, MonitorView::kHidden, EmployeeView::kCodes, true);
        default:
          return kDeny;
      }
    case Role::kCoach:
      switch (action) {
        // Not the scenario library: a coach who knew the scripts could prime staff for the calls.
        case kListCampaigns:
        case kListRubrics:
          return Allow(Scope::kAll);
        case kListDepartments:
          return Allow(Scope::kCaseload);
        case kReadEvaluation:
        case kReadScores:
        case kListEmployees:
          return Allow(Scope::kCaseload, MonitorView::kHidden, EmployeeView::kFull, true);
        default:
          return kDeny;
      }
    case Role::kDepartmentHead:
      switch (action) {
        case kListCampaigns:
          return Allow(Scope::kAll);
        case kListDepartments:
          return Allow(Scope::kOwnDepartment);
        case kReadEvaluation:
        case kReadScores:
        case kListEmployees:
          return Allow(Scope::kOwnDepartment, MonitorView::kHidden, EmployeeView::kFull, true);
        default:
          return kDeny;
      }
    case Role::kEmployee:
      switch (action) {
        case kListCampaigns:
          return Allow(Scope::kAll);
        case kReadEvaluation:
        case kReadOwnResults:
        case kRespondToOwnResult:
          // Their own data: reading it is not a handler's access, so it is not audited.
          return Allow(Scope::kOwnEmployee, MonitorView::kHidden, EmployeeView::kFull);
        default:
          return kDeny;
      }
    case Role::kAuditor:
      if (action == kReadAuditLog)
        return Allow(Scope::kAll, MonitorView::kHidden, EmployeeView::kCodes, true);
      return kDeny;
  }
  return kDeny;
}

// Actions on one record whose facts must be checked, and what they need beyond the scope.
bool IsRecordAction(Action action) {
  switch (action) {
    case Action::kReadEvaluation:
    case Action::kEditEvaluation:
    case Action::kSubmitEvaluation:
    case Action::kReviewEvaluation:
    case Action::kUploadRecording:
    case Action::kReadRecording:
    case Action::kRespondToOwnResult:
      return true;
    default:
      return false;
  }
}

}  // namespace

Actor ActorFor(const User& user) {
  return Actor{user.id,          user.login,           user.role,
               user.employee_no, user.department_code, user.monitor_code};
}

const char* ActionCode(Action action) {
  switch (action) {
    case Action::kListCampaigns:
      return "list_campaigns";
    case Action::kReadDashboard:
      return "read_dashboard";
    case Action::kReadPlan:
      return "read_plan";
    case Action::kReadOwnAssignments:
      return "read_own_assignments";
    case Action::kListEvaluations:
      return "list_evaluations";
    case Action::kReadEvaluation:
      return "read_evaluation";
    case Action::kDraftEvaluation:
      return "draft_evaluation";
    case Action::kEditEvaluation:
      return "edit_evaluation";
    case Action::kSubmitEvaluation:
      return "submit_evaluation";
    case Action::kReviewEvaluation:
      return "review_evaluation";
    case Action::kUploadRecording:
      return "upload_recording";
    case Action::kReadRecording:
      return "read_recording";
    case Action::kReadScores:
      return "read_scores";
    case Action::kReadOwnResults:
      return "read_own_results";
    case Action::kRespondToOwnResult:
      return "respond_to_own_result";
    case Action::kListObjections:
      return "list_objections";
    case Action::kDecideObjection:
      return "decide_objection";
    case Action::kListDepartments:
      return "list_departments";
    case Action::kListEmployees:
      return "list_employees";
    case Action::kListMonitors:
      return "list_monitors";
    case Action::kListRubrics:
      return "list_rubrics";
    case Action::kAddRubric:
      return "add_rubric";
    case Action::kListScenarios:
      return "list_scenarios";
    case Action::kImport:
      return "import";
    case Action::kReadJob:
      return "read_job";
    case Action::kReleaseResults:
      return "release_results";
    case Action::kManageUsers:
      return "manage_users";
    case Action::kReadAuditLog:
      return "read_audit_log";
  }
  return "unknown";
}

bool InScope(const Actor& actor, Scope scope, const Subject& subject) {
  switch (scope) {
    case Scope::kNone:
      return false;
    case Scope::kAll:
      return true;
    case Scope::kOwnMonitor:
      return !actor.monitor_code.empty() && subject.monitor_code == actor.monitor_code;
    case Scope::kOwnEmployee:
      return !actor.employee_no.empty() && subject.employee_no == actor.employee_no;
    case Scope::kOwnDepartment:
      return !actor.department_code.empty() && subject.department_code == actor.department_code;
    case Scope::kCaseload:
      return subject.in_caseload;
  }
  return false;
}

bool RoleMay(Role role, Action action) { return ByRole(role, action).allowed; }

Decision Decide(const Actor& actor, Action action, const Subject& subject) {
  Decision decision = ByRole(actor.role, action);
  if (!decision.allowed || !IsRecordAction(action)) return decision;
  if (!InScope(actor, decision.scope, subject)) return kDeny;
  // People whose results these are see them only once released, and only reviewed ones.
  const bool result_reader = actor.role == Role::kEmployee || actor.role == Role::kCoach ||
                             actor.role == Role::kDepartmentHead;
  if (result_reader && (!subject.results_released || !subject.final_review)) return kDeny;
  // A draft is the monitor's own until submitted: the review queue starts at submission.
  if (actor.role == Role::kReviewer && subject.draft) return kDeny;
  // A monitor changes an evaluation only while it is a draft or returned for correction.
  if ((action == Action::kEditEvaluation || action == Action::kSubmitEvaluation ||
       action == Action::kUploadRecording) &&
      !subject.editable) {
    return kDeny;
  }
  // Reading one's own record is not a handler's access to someone else's data.
  if (action == Action::kReadEvaluation && actor.role == Role::kEmployee) decision.audit = false;
  return decision;
}

}  // namespace chinjeol::auth
