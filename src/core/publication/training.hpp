#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/policy.hpp"
#include "core/coaching/coaching_repository.hpp"
#include "core/common/result.hpp"
#include "core/ports/storage.hpp"
#include "core/publication/coaching.hpp"
#include "core/rubric/observation_text.hpp"

namespace chinjeol::publication {

// A training session as its readers see it: the items it targets by name, the attendance.
struct TrainingView {
  coaching::TrainingSession session;
  std::vector<rubric::Wording> item_names;  // per session item
};

// The problems of a session about to be recorded, each naming its field as a JSON path (code,
// date, topic, instructor, items/0, attendees/3, ...): empty when it may be saved. Pure.
std::vector<FieldViolation> CheckTrainingSession(const coaching::TrainingSession& session,
                                                 const std::set<std::string>& known_items,
                                                 const std::set<std::string>& known_employees);

// Every session with its attendance, by date then code. The admin's.
Result<std::vector<TrainingView>> ListTraining(ports::Storage& storage, const auth::Actor& actor);

// The admin records a session (replacing one with the same code and its attendance).
// kInvalidArgument naming each field (CheckTrainingSession); the audit entry goes in the same
// transaction.
Result<TrainingView> RecordTraining(ports::Storage& storage, const auth::Actor& actor,
                                    const coaching::TrainingSession& session,
                                    const AuditRecorder& record);

// Who attended training: among the active employees of each department, those who attended at
// least one session.
struct CompletionRow {
  std::string department_code;  // empty in the total
  std::string department_name;
  long employees = 0;
  long trained = 0;
  double share = 0;  // trained / employees, 0 without employees
};
struct TrainingCompletionReport {
  std::vector<CompletionRow> departments;  // by department code
  CompletionRow total;
};
// The admin's.
Result<TrainingCompletionReport> TrainingCompletion(ports::Storage& storage,
                                                    const auth::Actor& actor);

// One employee's training: the sessions they attended, by date.
struct TrainingHistoryView {
  std::string employee_no;
  std::string employee_name;
  std::vector<TrainingView> sessions;
};
// The admin reads anyone's (kNotFound for an unknown employee); an employee their own; a
// department head those of their department; a coach those of their caseload. Everyone else,
// and anyone outside their reach whether the employee exists or not, kPermissionDenied.
Result<TrainingHistoryView> TrainingHistory(ports::Storage& storage, const auth::Actor& actor,
                                            std::string_view employee_no);

}  // namespace chinjeol::publication
