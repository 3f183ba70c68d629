#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/policy.hpp"
#include "core/coaching/readable.hpp"
#include "core/common/date.hpp"
#include "core/common/result.hpp"
#include "core/ports/storage.hpp"
#include "core/results/results_repository.hpp"

namespace chinjeol::publication {

// Days after release during which employees may object, unless the admin says otherwise.
inline constexpr int kDefaultObjectionDays = 14;

// Publishes a campaign's results at `now`: computes the fair scores from the approved
// evaluations and stores them as the published scores (with each item's mean per department and
// for the organisation), so that employees, department heads and coaches see the same numbers
// until the next release. `record` (when given) writes the release's audit entry; everything is
// one transaction. kNotFound for an unknown campaign; kInvalidArgument when the deadline is
// before the release day.
using ReleaseRecorder = std::function<Result<void>(const results::ResultsRelease&)>;
Result<results::ResultsRelease> ReleaseResults(
    ports::Storage& storage, std::string_view campaign_code, const LocalDateTime& now,
    const Date& objection_deadline, std::int64_t released_by, const ReleaseRecorder& record = {});

// An employee's own published results of one campaign.
struct OwnEvaluation {
  results::EvaluationRow row;
  bool acknowledged = false;
  std::optional<results::Objection> objection;
};
struct OwnResults {
  results::ResultsRelease release;
  std::optional<results::ReleasedScore> score;
  std::vector<OwnEvaluation> evaluations;  // approved and void ones, oldest first
  bool objections_open = false;            // the deadline has not passed
  // The same in words: each evaluation read out (in the order of `evaluations`), the fair score
  // in a sentence, the strongest and weakest items against the department and the organisation.
  std::vector<coaching::ReadableContact> readable;
  std::optional<rubric::Wording> score_sentence;
  coaching::ItemProfile items;
  std::string department_name;
};

// kNotFound when the campaign is unknown or its results are not released (the same answer, so
// that nothing about unreleased results shows); kPermissionDenied for an account that is not an
// employee's.
Result<OwnResults> ReadOwnResults(ports::Storage& storage, const auth::Actor& actor,
                                  std::string_view campaign_code, const LocalDateTime& now);

// What an employee may do with one of their evaluations, and the facts the policy needs.
// kNotFound when the evaluation does not exist or is not theirs, released and reviewed.
Result<evaluation::Evaluation> FindOwnReleasedEvaluation(ports::Storage& storage,
                                                         const auth::Actor& actor,
                                                         std::int64_t evaluation_id,
                                                         const LocalDateTime& now);

// Records that the employee has seen the evaluation. kNotFound as FindOwnReleasedEvaluation.
Result<void> AcknowledgeResult(ports::Storage& storage, const auth::Actor& actor,
                               std::int64_t evaluation_id, const LocalDateTime& now);

// Files an objection with a reason. kNotFound as FindOwnReleasedEvaluation;
// kFailedPrecondition after the deadline or for a void evaluation; kAlreadyExists when one is
// filed already; kInvalidArgument (field reason) for an empty or overlong reason.
Result<results::Objection> FileObjection(ports::Storage& storage, const auth::Actor& actor,
                                         std::int64_t evaluation_id, std::string_view reason,
                                         const LocalDateTime& now);

// The admin's decision. Upholding voids the evaluation (its score history is kept) and
// publishes the campaign's scores again without it. kInvalidArgument (field reason) without a
// reason; kFailedPrecondition when already decided; kNotFound for an unknown objection.
Result<results::Objection> DecideObjection(ports::Storage& storage, const auth::Actor& actor,
                                           std::int64_t objection_id,
                                           results::ObjectionState decision,
                                           std::string_view reason, const LocalDateTime& now);

}  // namespace chinjeol::publication
