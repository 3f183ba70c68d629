#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/auth/audit_log.hpp"
#include "core/auth/policy.hpp"
#include "core/common/date.hpp"
#include "core/common/result.hpp"
#include "core/evaluation/evaluation.hpp"
#include "core/ports/storage.hpp"

// Fieldwork: a monitor's evaluation sheet from the first draft to its review. Each use case is
// one function and one transaction; the web API, the command line and the demo call these and
// nothing else to change an evaluation.
namespace chinjeol::fieldwork {

// Who takes a step, when, and how the audit log names the request. `stamp` carries who (user,
// login, role), when (`at`), from where (`ip`) and which request (`action`); the use cases add
// whose data each entry concerns.
struct Context {
  auth::Actor actor;
  LocalDateTime now;  // the organisation's local time
  auth::AuditEntry stamp;
};

// An evaluation with the facts the access policy decides on.
struct SheetAccess {
  evaluation::Evaluation evaluation;
  auth::Subject subject;
  auth::Decision decision;  // the policy's answer for the action asked
};

// The evaluation as `context.actor` may reach it for `action`: kNotFound when it does not exist
// or is not theirs to see (the same answer, so that nothing shows); kPermissionDenied when the
// role may never do this; kFailedPrecondition when it is theirs but the action does not fit its
// state (e.g. editing a submitted sheet).
Result<SheetAccess> FindSheet(ports::Storage& storage, const auth::Actor& actor,
                              std::int64_t evaluation_id, auth::Action action,
                              const LocalDateTime& now);

// What a monitor changes on a sheet; what is absent stays as it is. Observations are the texts
// the monitor entered, by item id, parsed against the sheet's rubric.
struct SheetChanges {
  std::optional<LocalDateTime> performed_at;
  std::optional<std::string> employee_no;  // who answered (a visit, or ANSWERED_BY_COLLEAGUE)
  std::optional<std::string> notes;
  std::optional<std::vector<std::string>> flags;
  std::optional<std::vector<std::pair<std::string, std::string>>> observations;
};

// The contact's time must lie on the assignment's day and not after `now`. kInvalidArgument
// naming `performed_at` otherwise.
Result<void> CheckContactTime(const LocalDateTime& performed_at, const Date& assignment_day,
                              const LocalDateTime& now);

// Who may be scored for a contact: on a phone call the assigned employee, or with
// ANSWERED_BY_COLLEAGUE a colleague of the same department; on a visit any member of the
// visited unit. kInvalidArgument naming `employee_no` otherwise.
struct ContactTarget {
  std::string assigned_employee_no;  // empty for a visit to a counter unit
  std::string department_code;       // the assignment's department
};
Result<void> CheckContactEmployee(const ContactTarget& target, const std::string& employee_no,
                                  const std::string& employee_department,
                                  const std::vector<std::string>& flags);

// A monitor starts the sheet of one of their released assignments, with the channel's rubric
// (the default one, latest version). kNotFound for an unknown, unreleased or someone else's
// assignment (the same answer); kAlreadyExists when the sheet exists; kInvalidArgument when the
// employee named is not one the contact may score, or a visit names none.
Result<evaluation::Evaluation> StartSheet(ports::Storage& storage, const Context& context,
                                          std::string_view campaign_code,
                                          std::string_view assignment_code,
                                          const std::optional<std::string>& employee_no);

// A monitor changes their draft (or a sheet returned to them). A complete sheet gets its score
// at once, for the monitor to see; an incomplete one has none. kInvalidArgument names the field
// of each problem (performed_at, employee_no, flags/N, observations/ITEM).
Result<evaluation::Evaluation> EditSheet(ports::Storage& storage, const Context& context,
                                         std::int64_t evaluation_id, const SheetChanges& changes);

// A monitor submits their sheet for review: it must be complete (kInvalidArgument naming each
// missing or wrong item as observations/ITEM). The sheet and its assignment's status (done,
// unanswered or void) change together.
Result<evaluation::Evaluation> SubmitSheet(ports::Storage& storage, const Context& context,
                                           std::int64_t evaluation_id);

// A monitor attaches the call's recording (already stored as a file) to their sheet: the record
// and its audit entry are written together. Returns the recording it replaces, if any, whose file
// the caller may then remove. Errors as FindSheet for kUploadRecording.
Result<std::optional<results::Recording>> AttachRecording(ports::Storage& storage,
                                                          const Context& context,
                                                          const results::Recording& recording);

// A review step by a reviewer or the admin: approve, return (with a reason) or void (with a
// reason). kNotFound for an unknown evaluation or one the reviewer may not see (a draft);
// kFailedPrecondition when the action does not fit the state (or someone else moved it first);
// kInvalidArgument without a needed reason.
Result<evaluation::Evaluation> ReviewSheet(ports::Storage& storage, const Context& context,
                                           std::int64_t evaluation_id,
                                           evaluation::ReviewAction action,
                                           std::string_view reason);

}  // namespace chinjeol::fieldwork
