#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/policy.hpp"
#include "core/coaching/access.hpp"
#include "core/coaching/coaching_repository.hpp"
#include "core/coaching/plan.hpp"
#include "core/common/channel.hpp"
#include "core/common/date.hpp"
#include "core/common/result.hpp"
#include "core/ports/storage.hpp"
#include "core/rubric/observation_text.hpp"

namespace chinjeol::publication {

// Writes the audit entry of a change inside the change's transaction.
using AuditRecorder = std::function<Result<void>(
    std::string_view subject_kind, std::string_view subject, std::string_view detail)>;

// One contact behind a plan item, as its employee and coach read it (never the monitor).
struct EvidenceContact {
  LocalDateTime performed_at;
  Channel channel = Channel::kPhone;
  rubric::Wording observed;
  std::optional<double> points;
  double max_points = 0;
  std::string note;  // the monitor's note on the item, if any
};
struct ItemEvidence {
  std::string item_id;
  std::vector<EvidenceContact> contacts;
};

// A plan as one person may see it.
struct PlanView {
  coaching::StoredPlan plan;
  coaching::PlanAccess access;
  std::string department_name;
  std::string coach_login;
  std::string coach_name;
  std::vector<rubric::Wording> item_names;                        // per plan item
  std::vector<std::optional<coaching::PracticeModule>> guidance;  // per plan item
  std::vector<coaching::CoachingSession> sessions;  // when access.see_sessions; private notes
                                                    // emptied unless access.see_private_notes
  long session_count = 0;
  long open_actions = 0;
  long overdue_actions = 0;  // open and due before today
  std::optional<Date> next_follow_up;
  std::vector<ItemEvidence> evidence;  // ReadPlan only, when access.see_evidence
  // After a later release (e.g. with the re-evaluation contacts): the employee's fair score
  // then, and the change from the score the plan was made from, with a 90 % interval that
  // treats the two scores' uncertainties as independent (ReadPlan only, when it can be seen).
  struct Outcome {
    LocalDateTime released_at;
    double adjusted = 0;
    double ci90_low = 0;
    double ci90_high = 0;
    double change = 0;
    double change_low = 0;
    double change_high = 0;
  };
  std::optional<Outcome> outcome;
};

struct ProposalReport {
  long proposed = 0;
  long kept = 0;  // chosen again but already with a plan
};

// Proposes a plan for each employee the rules choose (programme::PlanCoaching) who has none in
// the campaign yet. The admin's; kFailedPrecondition before the campaign's results are
// released. `record` writes the audit entry in the same transaction.
Result<ProposalReport> ProposeCoachingPlans(ports::Storage& storage, const auth::Actor& actor,
                                            std::string_view campaign_code,
                                            const coaching::PlanRules& rules,
                                            const LocalDateTime& now, const AuditRecorder& record);

// The plans of a campaign the person may see, most urgent first (overdue actions, then the
// lowest fair score).
Result<std::vector<PlanView>> ListCoachingPlans(ports::Storage& storage, const auth::Actor& actor,
                                                std::string_view campaign_code,
                                                const LocalDateTime& now);

// One plan with its sessions and evidence. kNotFound when it does not exist or the person may
// not see it (the same answer).
Result<PlanView> ReadCoachingPlan(ports::Storage& storage, const auth::Actor& actor,
                                  std::int64_t plan_id, const LocalDateTime& now);

// The employee's own confirmed plan in a campaign, or empty.
Result<std::optional<PlanView>> ReadOwnCoachingPlan(ports::Storage& storage,
                                                    const auth::Actor& actor,
                                                    std::string_view campaign_code,
                                                    const LocalDateTime& now);

// The admin confirms a proposed plan with a coach (a coach account's login); the employee joins
// the coach's caseload. kInvalidArgument (field coach) for a login that is not an active coach;
// kFailedPrecondition when the plan is no longer a proposal.
Result<PlanView> ConfirmCoachingPlan(ports::Storage& storage, const auth::Actor& actor,
                                     std::int64_t plan_id, std::string_view coach_login,
                                     const LocalDateTime& now, const AuditRecorder& record);

// A session the coach held, with its agenda, notes, action points and the next follow-up; the
// coach's confirmation goes with it. kInvalidArgument naming the field (held_on in the future,
// an item not in the plan, an empty action, a due date before the session, texts too long).
struct SessionInput {
  Date held_on;
  std::vector<coaching::DiscussionPoint> discussed;
  std::string notes_shared;
  std::string notes_private;
  std::vector<coaching::ActionPoint> actions;  // text and due_on
  std::optional<Date> follow_up_on;
};
Result<coaching::CoachingSession> RecordCoachingSession(
    ports::Storage& storage, const auth::Actor& actor, std::int64_t plan_id,
    const SessionInput& input, const LocalDateTime& now, const AuditRecorder& record);

// The employee (or the coach) confirms a session. kNotFound outside their plans.
Result<coaching::CoachingSession> ConfirmCoachingSession(ports::Storage& storage,
                                                         const auth::Actor& actor,
                                                         std::int64_t session_id,
                                                         const LocalDateTime& now,
                                                         const AuditRecorder& record);

// Marks an action point done today. kNotFound outside the person's plans.
Result<coaching::CoachingSession> CompleteCoachingAction(ports::Storage& storage,
                                                         const auth::Actor& actor,
                                                         std::int64_t action_id,
                                                         const LocalDateTime& now,
                                                         const AuditRecorder& record);

// The organisation's library: the defaults with its edits.
Result<std::vector<coaching::PracticeModule>> ReadCoachingLibrary(ports::Storage& storage);
// The admin edits one module. kNotFound for an item no rubric has; kInvalidArgument naming an
// empty or overlong field.
Result<coaching::PracticeModule> EditCoachingLibrary(ports::Storage& storage,
                                                     const auth::Actor& actor,
                                                     const coaching::PracticeModule& module,
                                                     const AuditRecorder& record);

}  // namespace chinjeol::publication
