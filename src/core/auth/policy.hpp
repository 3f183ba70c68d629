#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/auth/user.hpp"

namespace chinjeol::auth {

// Who is asking: a signed-in account and what it is tied to.
struct Actor {
  std::int64_t user_id = 0;
  std::string login;
  Role role = Role::kEmployee;
  std::string employee_no;      // employee accounts
  std::string department_code;  // department heads
  std::string monitor_code;     // monitors
};

Actor ActorFor(const User& user);

// Everything a person can ask the programme for (one per route of the web API).
enum class Action {
  kListCampaigns,
  kReadDashboard,
  kReadPlan,            // a campaign's assignments, released or not
  kReadOwnAssignments,  // a monitor's released assignments
  kListEvaluations,
  kReadEvaluation,
  kDraftEvaluation,
  kEditEvaluation,
  kSubmitEvaluation,
  kReviewEvaluation,
  kUploadRecording,
  kReadRecording,
  kReadScores,
  kReadOwnResults,
  kRespondToOwnResult,  // acknowledgement or objection
  kListObjections,
  kDecideObjection,
  kListDepartments,
  kListEmployees,
  kListMonitors,
  kListRubrics,
  kAddRubric,
  kListScenarios,
  kImport,
  kReadJob,
  kReleaseResults,
  kManageUsers,
  kReadAuditLog,
};
inline constexpr Action kAllActions[] = {
    Action::kListCampaigns,
    Action::kReadDashboard,
    Action::kReadPlan,
    Action::kReadOwnAssignments,
    Action::kListEvaluations,
    Action::kReadEvaluation,
    Action::kDraftEvaluation,
    Action::kEditEvaluation,
    Action::kSubmitEvaluation,
    Action::kReviewEvaluation,
    Action::kUploadRecording,
    Action::kReadRecording,
    Action::kReadScores,
    Action::kReadOwnResults,
    Action::kRespondToOwnResult,
    Action::kListObjections,
    Action::kDecideObjection,
    Action::kListDepartments,
    Action::kListEmployees,
    Action::kListMonitors,
    Action::kListRubrics,
    Action::kAddRubric,
    Action::kListScenarios,
    Action::kImport,
    Action::kReadJob,
    Action::kReleaseResults,
    Action::kManageUsers,
    Action::kReadAuditLog,
};
inline constexpr Role kAllRoles[] = {Role::kAdmin,  Role::kMonitor,        Role::kReviewer,
                                     Role::kCoach,  Role::kDepartmentHead, Role::kEmployee,
                                     Role::kAuditor};
const char* ActionCode(Action action);  // "read_evaluation", ...

// Which records of a kind the actor reaches.
enum class Scope {
  kNone,
  kAll,
  kOwnMonitor,     // records of the acting monitor (evaluations they made, their assignments)
  kOwnEmployee,    // records about the acting employee
  kOwnDepartment,  // records about the department head's department
  kCaseload,       // records about the employees in the coach's caseload
};

// How a monitor appears in what the actor gets back. The secret of the method: outside the
// admin and the monitor themself, no name, code or contact of a monitor is ever shown.
enum class MonitorView {
  kHidden,     // not at all
  kPseudonym,  // as a monitor_ref, stable per campaign, that reveals nothing
  kIdentity,   // code and name
};

// How employees appear in lists.
enum class EmployeeView {
  kCodes,  // employee number and department only
  kFull,   // with name, position and phone
};

// Facts about one record, as the caller found them; only those the action needs matter.
struct Subject {
  std::string employee_no;      // whose data the record is
  std::string department_code;  // that employee's (or unit's) department
  std::string monitor_code;     // the monitor who made it / is assigned
  bool in_caseload = false;     // the employee is in the acting coach's caseload
  bool results_released = false;
  bool final_review = false;  // approved or void: no longer in review
  bool editable = false;      // a draft, or returned for correction
  bool draft = false;         // not yet submitted: the monitor's alone
};

struct Decision {
  bool allowed = false;
  Scope scope = Scope::kNone;
  MonitorView monitor_view = MonitorView::kHidden;
  EmployeeView employee_view = EmployeeView::kCodes;
  // The read must be written to the audit log: personal data of someone other than the actor,
  // or a monitor's identity. (Unreleased plan data is audited by the caller, which alone knows
  // whether what it read was unreleased.)
  bool audit = false;
};

// Whether `actor` may perform `action` in general, and with which scope and views. For actions
// on one record, pass its facts in `subject` (a denied record must then be reported exactly as
// a missing one).
Decision Decide(const Actor& actor, Action action, const Subject& subject = {});

// Whether the role may perform the action on some record at all (the first check of a route,
// before it looks anything up).
bool RoleMay(Role role, Action action);

// Whether a scope lets the actor reach a record with these facts.
bool InScope(const Actor& actor, Scope scope, const Subject& subject);

}  // namespace chinjeol::auth
