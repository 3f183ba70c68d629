#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/channel.hpp"
#include "core/common/date.hpp"
#include "core/common/result.hpp"
#include "core/rubric/observation.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::evaluation {

// Where an evaluation is in review. Only approved evaluations count in scores.
enum class ReviewState {
  kDraft,      // being filled in by the monitor
  kSubmitted,  // waiting in the review queue
  kReturned,   // sent back to the monitor for correction, with a reason
  kApproved,   // counts
  kVoid,       // never counts (lawfully ended call, technical failure, monitor error)
};
const char* ReviewStateCode(ReviewState state);
std::optional<ReviewState> ParseReviewState(std::string_view text);

enum class ReviewAction { kSubmit, kApprove, kReturn, kVoid };

// The state after `action`, or kFailedPrecondition when the action is not allowed from `from`.
// Returning and voiding need a reason (kInvalidArgument when it is empty).
Result<ReviewState> ApplyReviewAction(ReviewState from, ReviewAction action,
                                      std::string_view reason);

// The scored record of one contact (one call or one visit).
struct Evaluation {
  std::int64_t id = 0;
  std::string code;  // the contractor's or system's evaluation code, unique per campaign
  std::string campaign_code;
  std::string employee_no;  // on ANSWERED_BY_COLLEAGUE: the colleague who answered
  std::string department_code;
  std::string monitor_code;
  std::string scenario_code;
  Channel channel = Channel::kPhone;
  LocalDateTime performed_at;
  int round = 0;  // 0 when performed outside every round window
  std::string rubric_code;
  int rubric_version = 1;
  std::vector<std::string> flags;
  std::vector<rubric::ItemObservation> observations;
  std::optional<rubric::ContactScore> score;  // empty for unanswered and void contacts
  ReviewState state = ReviewState::kApproved;
  std::string review_reason;
  std::string notes;
};

}  // namespace chinjeol::evaluation
