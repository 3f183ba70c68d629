#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/evaluation/evaluation.hpp"
#include "core/rubric/rubric.hpp"

namespace chinjeol::evaluation {

// Adds many evaluations in the caller's transaction, streaming: memory does not grow with the
// number of evaluations. Codes, employees, monitors, scenarios and rubric versions must exist
// (the caller validated them).
class EvaluationWriter {
 public:
  virtual ~EvaluationWriter() = default;

  // Adds one evaluation read from `line` of the input. A conflict found at once (the campaign
  // already has this code) comes back as kAlreadyExists naming the line; the writer stays usable.
  virtual Result<void> Add(const Evaluation& evaluation, long line) = 0;
  // Ends the batch. Conflicts that are found only in bulk (e.g. on PostgreSQL) come back as
  // violations with their lines; an empty list means every evaluation was stored.
  virtual Result<std::vector<FieldViolation>> Finish() = 0;
};

// The few numbers of an approved, scored evaluation that statistics need, with compact integer
// keys (ids of the storage) so that a million of them fit in little memory.
struct ScoredContact {
  std::int64_t evaluation_id = 0;
  std::int64_t employee_id = 0;
  std::int64_t department_id = 0;
  std::int64_t monitor_id = 0;
  std::int64_t scenario_id = 0;
  Channel channel = Channel::kPhone;
  int round = 0;
  int day = 0;  // DayNumber of performed_at
  double score = 0;
};

// Names behind the ids of ScoredContact.
struct ContactKeys {
  std::vector<std::pair<std::int64_t, std::string>> employees;    // id, employee_no
  std::vector<std::pair<std::int64_t, std::string>> monitors;     // id, monitor code
  std::vector<std::pair<std::int64_t, std::string>> scenarios;    // id, scenario code
  std::vector<std::pair<std::int64_t, std::string>> departments;  // id, department code
};

// One past score of an evaluation: re-scoring under a new rubric version keeps the old ones.
struct ScoreHistoryEntry {
  std::string rubric_code;
  int rubric_version = 0;
  std::optional<double> total;
  std::string item_points;  // EncodeItemPoints form
  std::string scored_at;    // ISO local time
};

class EvaluationRepository {
 public:
  virtual ~EvaluationRepository() = default;

  virtual Result<std::unique_ptr<EvaluationWriter>> OpenWriter() = 0;

  // Visits every evaluation of the campaign in code order; stops at the first error `visit`
  // returns and passes it on.
  virtual Result<void> ForEachEvaluation(
      std::string_view campaign_code,
      const std::function<Result<void>(const Evaluation&)>& visit) const = 0;

  // The approved evaluations with a score, for statistics; with `performed_until`, only the
  // contacts made at or before that time (those a results release publishes).
  virtual Result<std::vector<ScoredContact>> ListScoredContacts(
      std::string_view campaign_code,
      const std::optional<LocalDateTime>& performed_until) const = 0;
  virtual Result<ContactKeys> ListContactKeys() const = 0;

  // Replaces the score of evaluation `id` with one under `rubric` (another version), keeping the
  // previous score in the history. kNotFound when there is no such evaluation.
  virtual Result<void> Rescore(std::int64_t id, const rubric::Rubric& rubric,
                               const std::optional<rubric::ContactScore>& score,
                               std::string_view scored_at) = 0;
  virtual Result<std::vector<ScoreHistoryEntry>> ScoreHistory(std::int64_t id) const = 0;

  // The evaluation with this id (rubric version, observations and score included), or empty.
  virtual Result<std::optional<Evaluation>> FindEvaluation(std::int64_t id) const = 0;
  // Adds one evaluation (e.g. a monitor's draft) and returns its id. kAlreadyExists when the
  // campaign has the code; kInvalidArgument when a campaign, employee, department, monitor,
  // scenario or rubric version it names is unknown.
  virtual Result<std::int64_t> AddEvaluation(const Evaluation& evaluation) = 0;
  // Replaces what the monitor recorded (who answered: employee and department, performed_at,
  // round, flags, observations, score, notes, rubric version) and the review state and reason,
  // provided the stored state is still `expected`. kNotFound for an unknown id; kFailedPrecondition
  // when the state has moved on.
  virtual Result<void> UpdateEvaluation(const Evaluation& evaluation, ReviewState expected) = 0;
  // A review step: moves the state from `from` to `to` and records the reason, provided the
  // stored state is still `from`. kNotFound for an unknown id; kFailedPrecondition otherwise.
  virtual Result<void> SetReviewState(std::int64_t id, ReviewState from, ReviewState to,
                                      std::string_view reason) = 0;
};

}  // namespace chinjeol::evaluation
