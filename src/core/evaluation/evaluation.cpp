#include "core/evaluation/evaluation.hpp"

namespace chinjeol::evaluation {

const char* ReviewStateCode(ReviewState state) {
  switch (state) {
    case ReviewState::kDraft:
      return "draft";
    case ReviewState::kSubmitted:
      return "submitted";
    case ReviewState::kReturned:
      return "returned";
    case ReviewState::kApproved:
      return "approved";
    case ReviewState::kVoid:
      return "void";
  }
  return "draft";
}

std::optional<ReviewState> ParseReviewState(std::string_view text) {
  for (const ReviewState state :
       {ReviewState::kDraft, ReviewState::kSubmitted, ReviewState::kReturned,
        ReviewState::kApproved, ReviewState::kVoid}) {
    if (text == ReviewStateCode(state)) return state;
  }
  return std::nullopt;
}

Result<ReviewState> ApplyReviewAction(ReviewState from, ReviewAction action,
                                      std::string_view reason) {
  const auto refuse = [&](const char* what) -> Result<ReviewState> {
    return FailedPrecondition(std::string("cannot ") + what + " an evaluation that is " +
                              ReviewStateCode(from));
  };
  switch (action) {
    case ReviewAction::kSubmit:
      if (from != ReviewState::kDraft && from != ReviewState::kReturned) return refuse("submit");
      return ReviewState::kSubmitted;
    case ReviewAction::kApprove:
      if (from != ReviewState::kSubmitted) return refuse("approve");
      return ReviewState::kApproved;
    case ReviewAction::kReturn:
      if (from != ReviewState::kSubmitted && from != ReviewState::kApproved)
        return refuse("return");
      if (reason.empty())
        return InvalidArgument("a reason is needed", {{"reason", "must not be empty"}});
      return ReviewState::kReturned;
    case ReviewAction::kVoid:
      if (from == ReviewState::kVoid) return refuse("void");
      if (reason.empty())
        return InvalidArgument("a reason is needed", {{"reason", "must not be empty"}});
      return ReviewState::kVoid;
  }
  return refuse("change");
}

}  // namespace chinjeol::evaluation
