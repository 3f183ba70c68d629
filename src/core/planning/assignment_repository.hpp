#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/planning/assignment.hpp"
#include "core/planning/plan_input.hpp"
#include "core/planning/planner.hpp"

namespace chinjeol::planning {

// What is kept about a campaign's plan besides its assignments. The seeds are secret: with them
// and the planning input anyone could reproduce the schedule.
struct StoredPlan {
  std::uint64_t seed = 0;
  std::uint64_t code_seed = 0;
  std::string digest;            // SHA-256 of CanonicalPlanText of the plan as it is now
  std::string committed_digest;  // the digest recorded when the plan was first made
  std::string committed_at;      // local ISO time of that record
  std::string updated_at;
};

// One logged change of a committed plan.
struct PlanChangeRecord {
  std::string changed_at;
  std::string kind;  // ChangeKindCode, or "committed" for the first plan
  std::string code;
  std::string previous_code;
  std::string reason;  // why the admin re-planned, and what the planner says moved
  std::string digest;  // the plan's digest after the change
};

// Where plans are kept: the assignments of each campaign, the seeds and the hash commitment,
// the log of changes, and the absences the planner works around.
class AssignmentRepository {
 public:
  virtual ~AssignmentRepository() = default;

  // Stores `plan` as the campaign's whole plan (its assignments replace the stored ones), with
  // `digest` of its canonical text; the first plan of a campaign also becomes the commitment.
  // Each change of `plan.changes` is logged with `reason`. kNotFound for an unknown campaign;
  // kInvalidArgument when an assignment names an unknown employee, department, monitor or
  // scenario.
  virtual Result<void> SavePlan(const Plan& plan, std::string_view digest,
                                std::string_view saved_at, std::string_view reason) = 0;
  virtual Result<std::optional<StoredPlan>> FindPlan(std::string_view campaign_code) const = 0;
  // Every assignment of the campaign, ordered by date, start time, monitor and code.
  virtual Result<std::vector<Assignment>> ListAssignments(std::string_view campaign_code) const = 0;
  // One monitor's assignments of the campaign released by `now` (release_at <= now), in the
  // same order. The filter is in the query so that nothing unreleased leaves the database.
  virtual Result<std::vector<Assignment>> ListReleasedAssignments(
      std::string_view campaign_code, std::string_view monitor_code,
      const LocalDateTime& now) const = 0;
  virtual Result<std::vector<PlanChangeRecord>> ListPlanChanges(
      std::string_view campaign_code) const = 0;
  // Records fieldwork on one assignment. kNotFound when the campaign has no such code.
  virtual Result<void> SetAssignmentStatus(std::string_view campaign_code, std::string_view code,
                                           AssignmentStatus status) = 0;

  virtual Result<void> AddEmployeeAbsence(const EmployeeAbsence& absence) = 0;
  virtual Result<std::vector<EmployeeAbsence>> ListEmployeeAbsences() const = 0;
  virtual Result<void> AddMonitorAbsence(const MonitorAbsence& absence) = 0;
  virtual Result<std::vector<MonitorAbsence>> ListMonitorAbsences() const = 0;
};

}  // namespace chinjeol::planning
