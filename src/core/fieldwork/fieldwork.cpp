#include "core/fieldwork/fieldwork.hpp"

#include <algorithm>

#include "core/common/text.hpp"
#include "core/planning/assignment.hpp"
#include "core/results/results_repository.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::fieldwork {
namespace {

constexpr const char* kNoSuchEvaluation = "평가를 찾을 수 없습니다";
constexpr const char* kNotScorable =
    "not an employee this contact may score: the assigned employee, or with "
    "ANSWERED_BY_COLLEAGUE a colleague of the same department";

bool IsFinal(evaluation::ReviewState state) {
  return state == evaluation::ReviewState::kApproved || state == evaluation::ReviewState::kVoid;
}

bool IsEditable(evaluation::ReviewState state) {
  return state == evaluation::ReviewState::kDraft || state == evaluation::ReviewState::kReturned;
}

bool HasFlag(const std::vector<std::string>& flags, std::string_view flag) {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

Error Denied() { return Error(ErrorCode::kPermissionDenied, "권한이 없습니다"); }

// Actions that only read or judge a sheet: a sheet the actor may not do them on is reported as
// missing. The others change it: a sheet they may see but not change is in the wrong state.
bool ChangesSheet(auth::Action action) {
  return action == auth::Action::kEditEvaluation || action == auth::Action::kSubmitEvaluation ||
         action == auth::Action::kUploadRecording;
}

// One audit entry of this request about `employee_no`'s data.
auth::AuditEntry Entry(const Context& context, std::string_view employee_no, std::string detail) {
  auth::AuditEntry entry = context.stamp;
  entry.subject_kind = std::string(auth::kSubjectEmployee);
  entry.subject = std::string(employee_no);
  entry.detail = std::move(detail);
  return entry;
}

Result<rubric::Rubric> RubricOf(ports::Storage& storage, const std::string& code, int version) {
  Result<std::vector<rubric::Rubric>> rubrics = storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();
  for (rubric::Rubric& rubric : *rubrics) {
    if (rubric.code == code && rubric.version == version) return std::move(rubric);
  }
  return Internal("rubric " + code + " version " + std::to_string(version) + " is missing");
}

// The channel's rubric for new sheets: the latest version of its default rubric, or of another
// rubric of the channel when the default is missing.
Result<rubric::Rubric> RubricForChannel(ports::Storage& storage, Channel channel) {
  Result<std::vector<rubric::Rubric>> rubrics = storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();
  const std::string preferred = channel == Channel::kPhone ? "phone-default" : "visit-default";
  const rubric::Rubric* chosen = nullptr;
  for (const rubric::Rubric& rubric : *rubrics) {
    if (rubric.channel != channel) continue;
    const bool better = chosen == nullptr ||
                        (rubric.code == preferred && chosen->code != preferred) ||
                        (rubric.code == chosen->code && rubric.version > chosen->version);
    if (better) chosen = &rubric;
  }
  if (chosen == nullptr) return FailedPrecondition("이 채널의 평가표가 없습니다");
  return *chosen;
}

// The monitor's released assignment with this code, or empty.
Result<std::optional<planning::Assignment>> ReleasedAssignment(ports::Storage& storage,
                                                               std::string_view campaign_code,
                                                               std::string_view monitor_code,
                                                               std::string_view code,
                                                               const LocalDateTime& now) {
  Result<std::vector<planning::Assignment>> released =
      storage.assignments().ListReleasedAssignments(campaign_code, monitor_code, now);
  if (!released) return released.error();
  for (planning::Assignment& assignment : *released) {
    if (assignment.code == code) return std::optional<planning::Assignment>(std::move(assignment));
  }
  return std::optional<planning::Assignment>();
}

// What a sheet reports on: its assignment's employee, unit and day. A sheet without an
// assignment (an imported contact sent back for correction) keeps what it was first filed with.
struct Target {
  ContactTarget contact;
  Date day;
};

Result<Target> TargetOf(ports::Storage& storage, const evaluation::Evaluation& sheet,
                        const evaluation::Evaluation& stored, const LocalDateTime& now) {
  Result<std::optional<planning::Assignment>> assignment =
      ReleasedAssignment(storage, sheet.campaign_code, sheet.monitor_code, sheet.code, now);
  if (!assignment) return assignment.error();
  if (*assignment) {
    return Target{{(*assignment)->employee_no, (*assignment)->department_code},
                  (*assignment)->date};
  }
  const bool colleague = HasFlag(stored.flags, rubric::kFlagAnsweredByColleague);
  return Target{{colleague ? std::string() : stored.employee_no, stored.department_code},
                stored.performed_at.date};
}

// Looks up the employee a monitor names, recording the look-up in the audit log. Empty when
// there is no such employee.
Result<std::optional<org::Employee>> LookUpEmployee(ports::Storage& storage, const Context& context,
                                                    const std::string& employee_no,
                                                    std::string_view purpose) {
  if (Result<void> audited =
          storage.audit_log().Append({Entry(context, employee_no, std::string(purpose))});
      !audited) {
    return audited.error();
  }
  Result<std::vector<org::Employee>> found = storage.results().FindEmployees({employee_no});
  if (!found) return found.error();
  if (found->empty()) return std::optional<org::Employee>();
  return std::optional<org::Employee>(found->front());
}

// Runs `work` in one transaction; when it ends in `refusal` (a rule the request broke), what it
// wrote before (the audit of look-ups) is kept and the refusal is returned.
Result<void> InTransactionKeepingAudit(
    ports::Storage& storage, const std::function<Result<void>(std::optional<Error>&)>& work) {
  std::optional<Error> refusal;
  Result<void> done = storage.InTransaction([&]() -> Result<void> { return work(refusal); });
  if (!done) return done;
  if (refusal) return *refusal;
  return Ok();
}

// Reads the observations and flags of `changes` against the rubric into `sheet`.
void ApplyRubricFields(const SheetChanges& changes, const rubric::Rubric& rubric,
                       evaluation::Evaluation& sheet, std::vector<FieldViolation>& violations) {
  if (changes.flags) {
    std::vector<std::string> flags;
    for (std::size_t i = 0; i < changes.flags->size(); ++i) {
      const std::string& flag = (*changes.flags)[i];
      if (rubric.FindFlag(flag) == nullptr) {
        violations.emplace_back("flags/" + std::to_string(i), "one of the rubric's flags");
      } else if (!HasFlag(flags, flag)) {
        flags.push_back(flag);
      }
    }
    sheet.flags = std::move(flags);
  }
  if (changes.observations) {
    std::vector<rubric::ItemObservation> parsed;
    for (const auto& [item_id, text] : *changes.observations) {
      const std::string field = "observations/" + item_id;
      const rubric::Item* item = rubric.FindItem(item_id);
      if (item == nullptr) {
        violations.emplace_back(field, "the rubric has no such item");
        continue;
      }
      Result<rubric::Observation> observation = rubric::ParseObservation(*item, text);
      if (!observation) {
        violations.emplace_back(field, observation.error().message());
        continue;
      }
      parsed.push_back({item->id, *std::move(observation)});
    }
    // In rubric order, so that the stored form is stable.
    std::sort(parsed.begin(), parsed.end(),
              [&](const rubric::ItemObservation& a, const rubric::ItemObservation& b) {
                return rubric.FindItem(a.item_id) < rubric.FindItem(b.item_id);
              });
    sheet.observations = std::move(parsed);
  }
}

Error Invalid(std::vector<FieldViolation> violations) {
  std::string message = "입력값을 확인해 주세요: " + DescribeViolation(violations.front());
  return InvalidArgument(std::move(message), std::move(violations));
}

}  // namespace

Result<void> CheckContactTime(const LocalDateTime& performed_at, const Date& assignment_day,
                              const LocalDateTime& now) {
  if (performed_at.date != assignment_day) {
    return InvalidArgument(
        "접촉 시각은 배정일(" + FormatDate(assignment_day) + ") 안이어야 합니다",
        {{"performed_at", "must lie on the assignment's day, " + FormatDate(assignment_day)}});
  }
  if (now < performed_at) {
    return InvalidArgument("접촉 시각이 미래일 수 없습니다",
                           {{"performed_at", "must not be in the future"}});
  }
  return Ok();
}

Result<void> CheckContactEmployee(const ContactTarget& target, const std::string& employee_no,
                                  const std::string& employee_department,
                                  const std::vector<std::string>& flags) {
  const bool same_unit = employee_department == target.department_code;
  const bool allowed = target.assigned_employee_no.empty()
                           ? same_unit
                           : employee_no == target.assigned_employee_no ||
                                 (same_unit && HasFlag(flags, rubric::kFlagAnsweredByColleague));
  if (allowed) return Ok();
  return InvalidArgument("이 접촉으로 평가할 수 없는 직원입니다", {{"employee_no", kNotScorable}});
}

Result<SheetAccess> FindSheet(ports::Storage& storage, const auth::Actor& actor,
                              std::int64_t evaluation_id, auth::Action action,
                              const LocalDateTime& now) {
  if (!auth::RoleMay(actor.role, action)) return Denied();
  Result<std::optional<evaluation::Evaluation>> found =
      storage.evaluations().FindEvaluation(evaluation_id);
  if (!found) return found.error();
  if (!*found) return NotFound(kNoSuchEvaluation);
  SheetAccess access{**std::move(found), {}, {}};
  const evaluation::Evaluation& sheet = access.evaluation;
  auth::Subject& subject = access.subject;
  subject.employee_no = sheet.employee_no;
  subject.department_code = sheet.department_code;
  subject.monitor_code = sheet.monitor_code;
  subject.final_review = IsFinal(sheet.state);
  subject.editable = IsEditable(sheet.state);
  subject.draft = sheet.state == evaluation::ReviewState::kDraft;
  Result<std::optional<results::ResultsRelease>> release =
      storage.results().FindRelease(sheet.campaign_code);
  if (!release) return release.error();
  subject.results_released = results::IsPublished(*release, sheet.performed_at, now);
  if (actor.role == auth::Role::kCoach) {
    Result<std::vector<std::string>> caseload = storage.users().ListCaseload(actor.user_id);
    if (!caseload) return caseload.error();
    subject.in_caseload =
        std::find(caseload->begin(), caseload->end(), sheet.employee_no) != caseload->end();
  }
  if (ChangesSheet(action)) {
    // Missing, or another monitor's: the same answer.
    if (!auth::Decide(actor, auth::Action::kReadEvaluation, subject).allowed) {
      return NotFound(kNoSuchEvaluation);
    }
    access.decision = auth::Decide(actor, action, subject);
    if (!access.decision.allowed) {
      return FailedPrecondition(std::string("제출된 평가는 고칠 수 없습니다 (") +
                                evaluation::ReviewStateCode(sheet.state) + ")");
    }
    return access;
  }
  access.decision = auth::Decide(actor, action, subject);
  if (!access.decision.allowed) return NotFound(kNoSuchEvaluation);
  return access;
}

Result<evaluation::Evaluation> StartSheet(ports::Storage& storage, const Context& context,
                                          std::string_view campaign_code,
                                          std::string_view assignment_code,
                                          const std::optional<std::string>& employee_no) {
  if (!auth::Decide(context.actor, auth::Action::kDraftEvaluation).allowed) return Denied();
  Result<std::optional<planning::Assignment>> assignment = ReleasedAssignment(
      storage, campaign_code, context.actor.monitor_code, assignment_code, context.now);
  if (!assignment) return assignment.error();
  // An unknown, unreleased or someone else's assignment: the same answer.
  if (!*assignment) return NotFound("배정을 찾을 수 없습니다");
  Result<rubric::Rubric> rubric = RubricForChannel(storage, (*assignment)->channel);
  if (!rubric) return rubric.error();

  evaluation::Evaluation sheet;
  sheet.code = (*assignment)->code;
  sheet.campaign_code = (*assignment)->campaign;
  sheet.employee_no = (*assignment)->employee_no;
  sheet.department_code = (*assignment)->department_code;
  sheet.monitor_code = context.actor.monitor_code;
  sheet.scenario_code = (*assignment)->scenario_code;
  sheet.channel = (*assignment)->channel;
  sheet.performed_at = context.now;
  sheet.round = (*assignment)->round;
  sheet.state = evaluation::ReviewState::kDraft;
  sheet.rubric_code = rubric->code;
  sheet.rubric_version = rubric->version;
  const ContactTarget target{(*assignment)->employee_no, (*assignment)->department_code};

  Result<void> done =
      InTransactionKeepingAudit(storage, [&](std::optional<Error>& refusal) -> Result<void> {
        if (employee_no && *employee_no != sheet.employee_no) {
          Result<std::optional<org::Employee>> named =
              LookUpEmployee(storage, context, *employee_no, "fieldwork: who served");
          if (!named) return named.error();
          Result<void> allowed =
              *named ? CheckContactEmployee(target, (*named)->employee_no,
                                            (*named)->department_code, sheet.flags)
                     : Result<void>(InvalidArgument("이 접촉으로 평가할 수 없는 직원입니다",
                                                    {{"employee_no", kNotScorable}}));
          if (!allowed) {
            refusal = allowed.error();
            return Ok();
          }
          sheet.employee_no = (*named)->employee_no;
          sheet.department_code = (*named)->department_code;
        }
        if (sheet.employee_no.empty()) {
          refusal = InvalidArgument("방문 평가는 응대한 직원이 필요합니다",
                                    {{"employee_no", "required for a visit: who served"}});
          return Ok();
        }
        Result<std::int64_t> id = storage.evaluations().AddEvaluation(sheet);
        if (!id) return id.error();
        sheet.id = *id;
        return storage.audit_log().Append(
            {Entry(context, sheet.employee_no, "draft evaluation " + std::to_string(sheet.id))});
      });
  if (!done) return done.error();
  return sheet;
}

Result<evaluation::Evaluation> EditSheet(ports::Storage& storage, const Context& context,
                                         std::int64_t evaluation_id, const SheetChanges& changes) {
  Result<SheetAccess> found =
      FindSheet(storage, context.actor, evaluation_id, auth::Action::kEditEvaluation, context.now);
  if (!found) return found.error();
  const evaluation::Evaluation& stored = found->evaluation;
  evaluation::Evaluation sheet = stored;
  Result<rubric::Rubric> rubric = RubricOf(storage, sheet.rubric_code, sheet.rubric_version);
  if (!rubric) return rubric.error();
  Result<Target> target = TargetOf(storage, sheet, stored, context.now);
  if (!target) return target.error();

  std::vector<FieldViolation> violations;
  ApplyRubricFields(changes, *rubric, sheet, violations);
  if (changes.notes) sheet.notes = *changes.notes;
  if (changes.performed_at) {
    if (Result<void> in_window = CheckContactTime(*changes.performed_at, target->day, context.now);
        !in_window) {
      violations.insert(violations.end(), in_window.error().violations().begin(),
                        in_window.error().violations().end());
    } else {
      sheet.performed_at = *changes.performed_at;
    }
  }
  Result<std::optional<campaign::Campaign>> campaign =
      storage.campaigns().FindCampaign(sheet.campaign_code);
  if (!campaign) return campaign.error();
  if (*campaign) sheet.round = (*campaign)->RoundOf(sheet.performed_at.date).value_or(0);

  Result<void> done =
      InTransactionKeepingAudit(storage, [&](std::optional<Error>& refusal) -> Result<void> {
        std::string answered_department = sheet.department_code;
        if (changes.employee_no && *changes.employee_no != sheet.employee_no) {
          Result<std::optional<org::Employee>> named =
              LookUpEmployee(storage, context, *changes.employee_no,
                             "fieldwork: who answered, evaluation " + std::to_string(sheet.id));
          if (!named) return named.error();
          if (*named) {
            sheet.employee_no = (*named)->employee_no;
            answered_department = (*named)->department_code;
          } else {
            violations.emplace_back("employee_no", kNotScorable);
          }
        }
        if (changes.employee_no || changes.flags) {
          if (Result<void> allowed = CheckContactEmployee(target->contact, sheet.employee_no,
                                                          answered_department, sheet.flags);
              !allowed && std::none_of(violations.begin(), violations.end(),
                                       [](const FieldViolation& violation) {
                                         return violation.field == "employee_no";
                                       })) {
            violations.emplace_back("employee_no", kNotScorable);
          }
          sheet.department_code = answered_department;
        }
        if (!violations.empty()) {
          refusal = Invalid(std::move(violations));
          return Ok();
        }
        // A complete sheet gets its score at once, for the monitor to see; an incomplete one
        // none.
        Result<std::optional<rubric::ContactScore>> score =
            rubric::ScoreSheet(*rubric, sheet.observations, sheet.flags);
        sheet.score = score ? *std::move(score) : std::nullopt;
        if (Result<void> saved = storage.evaluations().UpdateEvaluation(sheet, stored.state);
            !saved) {
          return saved;
        }
        return storage.audit_log().Append(
            {Entry(context, sheet.employee_no, "edit evaluation " + std::to_string(sheet.id))});
      });
  if (!done) return done.error();
  return sheet;
}

Result<evaluation::Evaluation> SubmitSheet(ports::Storage& storage, const Context& context,
                                           std::int64_t evaluation_id) {
  Result<SheetAccess> found = FindSheet(storage, context.actor, evaluation_id,
                                        auth::Action::kSubmitEvaluation, context.now);
  if (!found) return found.error();
  const evaluation::Evaluation& stored = found->evaluation;
  evaluation::Evaluation sheet = stored;
  Result<rubric::Rubric> rubric = RubricOf(storage, sheet.rubric_code, sheet.rubric_version);
  if (!rubric) return rubric.error();
  Result<std::optional<rubric::ContactScore>> score =
      rubric::ScoreSheet(*rubric, sheet.observations, sheet.flags);
  if (!score) {
    std::vector<FieldViolation> fields;
    for (const FieldViolation& violation : score.error().violations()) {
      fields.emplace_back(
          violation.field == "flags" ? std::string("flags") : "observations/" + violation.field,
          violation.message);
    }
    return InvalidArgument("평가표를 모두 채워야 제출할 수 있습니다", std::move(fields));
  }
  sheet.score = *std::move(score);
  Result<evaluation::ReviewState> next =
      evaluation::ApplyReviewAction(sheet.state, evaluation::ReviewAction::kSubmit, "");
  if (!next) return next.error();
  sheet.state = *next;
  // The assignment moves on with the fieldwork; imported evaluations have none.
  const planning::AssignmentStatus status =
      HasFlag(sheet.flags, rubric::kFlagUnanswered) ? planning::AssignmentStatus::kUnanswered
      : HasFlag(sheet.flags, rubric::kFlagVoid)     ? planning::AssignmentStatus::kVoid
                                                    : planning::AssignmentStatus::kDone;
  Result<void> done = storage.InTransaction([&]() -> Result<void> {
    if (Result<void> saved = storage.evaluations().UpdateEvaluation(sheet, stored.state); !saved) {
      return saved;
    }
    Result<void> moved =
        storage.assignments().SetAssignmentStatus(sheet.campaign_code, sheet.code, status);
    if (!moved && moved.error().code() != ErrorCode::kNotFound) return moved;
    return storage.audit_log().Append(
        {Entry(context, sheet.employee_no, "submit evaluation " + std::to_string(sheet.id))});
  });
  if (!done) return done.error();
  return sheet;
}

Result<std::optional<results::Recording>> AttachRecording(ports::Storage& storage,
                                                          const Context& context,
                                                          const results::Recording& recording) {
  Result<SheetAccess> found = FindSheet(storage, context.actor, recording.evaluation_id,
                                        auth::Action::kUploadRecording, context.now);
  if (!found) return found.error();
  std::optional<results::Recording> previous;
  Result<void> done = storage.InTransaction([&]() -> Result<void> {
    Result<std::optional<results::Recording>> stored =
        storage.results().FindRecording(recording.evaluation_id);
    if (!stored) return stored.error();
    previous = *std::move(stored);
    if (Result<void> saved = storage.results().SaveRecording(recording); !saved) return saved;
    return storage.audit_log().Append(
        {Entry(context, found->evaluation.employee_no,
               "recording of evaluation " + std::to_string(recording.evaluation_id))});
  });
  if (!done) return done.error();
  return previous;
}

Result<evaluation::Evaluation> ReviewSheet(ports::Storage& storage, const Context& context,
                                           std::int64_t evaluation_id,
                                           evaluation::ReviewAction action,
                                           std::string_view reason) {
  Result<SheetAccess> found = FindSheet(storage, context.actor, evaluation_id,
                                        auth::Action::kReviewEvaluation, context.now);
  if (!found) return found.error();
  evaluation::Evaluation sheet = std::move(found->evaluation);
  const std::string trimmed(Trim(reason));
  Result<evaluation::ReviewState> next =
      evaluation::ApplyReviewAction(sheet.state, action, trimmed);
  if (!next) return next.error();
  const char* verb = action == evaluation::ReviewAction::kApprove  ? "approve"
                     : action == evaluation::ReviewAction::kReturn ? "return"
                                                                   : "void";
  Result<void> done = storage.InTransaction([&]() -> Result<void> {
    if (Result<void> moved =
            storage.evaluations().SetReviewState(evaluation_id, sheet.state, *next, trimmed);
        !moved) {
      return moved;
    }
    return storage.audit_log().Append(
        {Entry(context, sheet.employee_no,
               std::string("review ") + verb + " evaluation " + std::to_string(evaluation_id))});
  });
  if (!done) return done.error();
  sheet.state = *next;
  sheet.review_reason = trimmed;
  return sheet;
}

}  // namespace chinjeol::fieldwork
