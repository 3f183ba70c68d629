#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/coaching/library.hpp"
#include "core/coaching/plan.hpp"
#include "core/common/date.hpp"
#include "core/common/result.hpp"

namespace chinjeol::coaching {

// A training session with the employees who attended it.
struct TrainingSession {
  std::string code;
  Date date;
  std::string topic;
  std::string instructor;
  std::vector<std::string> items;      // rubric item ids the session targets
  std::vector<std::string> attendees;  // employee numbers
  friend bool operator==(const TrainingSession&, const TrainingSession&) = default;
};

// An action point agreed in a session.
struct ActionPoint {
  std::int64_t id = 0;
  std::string text;
  Date due_on;
  std::optional<Date> done_on;
  friend bool operator==(const ActionPoint&, const ActionPoint&) = default;
};

// One point of a session's agenda: a plan item and what was said about it.
struct DiscussionPoint {
  std::string item_id;
  std::string note;
  friend bool operator==(const DiscussionPoint&, const DiscussionPoint&) = default;
};

// A coaching session held with one employee: recorded on paper and imported (no plan, no
// account), or recorded by the plan's coach.
struct CoachingSession {
  std::int64_t id = 0;
  std::string employee_no;
  std::string coach;  // the coach's login or name as recorded
  Date date;
  std::vector<std::string> items;  // rubric item ids worked on
  std::string notes;               // shared with the employee
  std::optional<std::int64_t> plan_id;
  std::optional<std::int64_t> coach_user_id;
  std::vector<DiscussionPoint> discussed;
  std::string private_notes;  // for coaches and the admin only
  std::vector<ActionPoint> actions;
  std::optional<Date> follow_up_on;
  std::optional<LocalDateTime> coach_confirmed_at;
  std::optional<LocalDateTime> employee_confirmed_at;
  friend bool operator==(const CoachingSession&, const CoachingSession&) = default;
};

enum class PlanState { kProposed, kConfirmed, kClosed };
const char* PlanStateCode(PlanState state);  // "proposed", "confirmed", "closed"

// A coaching plan of one employee in one campaign, as proposed from the fair scores and, once
// the admin confirms it, worked through by its coach.
struct StoredPlan {
  std::int64_t id = 0;
  std::string campaign_code;
  std::string employee_no;
  std::string employee_name;    // read back from the roster
  std::string department_code;  // read back from the roster
  PlanState state = PlanState::kProposed;
  std::optional<double> adjusted;
  std::optional<double> ci90_low;
  std::optional<double> ci90_high;
  std::string reason_ko;
  std::string reason_en;
  std::vector<ItemFinding> items;
  std::optional<std::int64_t> coach_user_id;
  LocalDateTime created_at;
  std::optional<LocalDateTime> confirmed_at;
};

// Training and coaching records, coaching plans and the organisation's library.
class CoachingRepository {
 public:
  virtual ~CoachingRepository() = default;
  // Adds the sessions, replacing a session with the same code (and its attendance).
  // kInvalidArgument naming the employee when an attendee is unknown.
  virtual Result<void> SaveTrainingSessions(const std::vector<TrainingSession>& sessions) = 0;
  // By date, then code; attendees by employee number.
  virtual Result<std::vector<TrainingSession>> ListTrainingSessions() const = 0;
  // kInvalidArgument naming the employee when one is unknown. Ids and action ids are set.
  virtual Result<void> AddCoachingSessions(const std::vector<CoachingSession>& sessions) = 0;
  // By date, then id; one employee's when given (with their actions and discussion points).
  virtual Result<std::vector<CoachingSession>> ListCoachingSessions(
      const std::optional<std::string>& employee_no = {}) const = 0;
  virtual Result<std::optional<CoachingSession>> FindCoachingSession(std::int64_t id) const = 0;
  // The session holding an action point, or empty.
  virtual Result<std::optional<std::int64_t>> FindSessionOfAction(std::int64_t action_id) const = 0;
  virtual Result<void> ConfirmSession(std::int64_t id, bool by_employee,
                                      const LocalDateTime& at) = 0;
  virtual Result<void> CompleteAction(std::int64_t action_id, const Date& done_on) = 0;

  // Adds the plans whose employee has none in the campaign yet; returns how many were added.
  virtual Result<long> AddPlans(const std::vector<StoredPlan>& plans) = 0;
  struct PlanFilter {
    std::optional<std::string> employee_no;
    std::optional<std::string> department_code;
    std::optional<std::int64_t> coach_user_id;
  };
  virtual Result<std::vector<StoredPlan>> ListPlans(std::string_view campaign_code,
                                                    const PlanFilter& filter) const = 0;
  virtual Result<std::optional<StoredPlan>> FindPlan(std::int64_t id) const = 0;
  // kFailedPrecondition unless the plan is proposed.
  virtual Result<void> ConfirmPlan(std::int64_t id, std::int64_t coach_user_id,
                                   const LocalDateTime& at) = 0;

  // The organisation's edits of the library, by item id (defaults: DefaultLibrary()).
  virtual Result<std::vector<PracticeModule>> ListLibraryEdits() const = 0;
  virtual Result<void> SaveLibraryModule(const PracticeModule& module) = 0;
};

}  // namespace chinjeol::coaching
