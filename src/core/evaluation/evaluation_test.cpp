#include "core/evaluation/evaluation.hpp"

#include <gtest/gtest.h>

namespace chinjeol::evaluation {
namespace {

TEST(ApplyReviewAction, FollowsTheReviewWorkflow) {
  EXPECT_EQ(*ApplyReviewAction(ReviewState::kDraft, ReviewAction::kSubmit, ""),
            ReviewState::kSubmitted);
  EXPECT_EQ(*ApplyReviewAction(ReviewState::kSubmitted, ReviewAction::kApprove, ""),
            ReviewState::kApproved);
  EXPECT_EQ(*ApplyReviewAction(ReviewState::kSubmitted, ReviewAction::kReturn, "P05 unclear"),
            ReviewState::kReturned);
  EXPECT_EQ(*ApplyReviewAction(ReviewState::kReturned, ReviewAction::kSubmit, ""),
            ReviewState::kSubmitted);
  EXPECT_EQ(*ApplyReviewAction(ReviewState::kApproved, ReviewAction::kVoid, "monitor error"),
            ReviewState::kVoid);
}

TEST(ApplyReviewAction, RefusesWrongStatesAndMissingReasons) {
  EXPECT_EQ(ApplyReviewAction(ReviewState::kDraft, ReviewAction::kApprove, "").error().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ApplyReviewAction(ReviewState::kApproved, ReviewAction::kSubmit, "").error().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ApplyReviewAction(ReviewState::kVoid, ReviewAction::kVoid, "x").error().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ApplyReviewAction(ReviewState::kSubmitted, ReviewAction::kReturn, "").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(ApplyReviewAction(ReviewState::kSubmitted, ReviewAction::kVoid, "").error().code(),
            ErrorCode::kInvalidArgument);
}

TEST(ReviewState, RoundTripsCodes) {
  for (const auto state : {ReviewState::kDraft, ReviewState::kSubmitted, ReviewState::kReturned,
                           ReviewState::kApproved, ReviewState::kVoid}) {
    EXPECT_EQ(ParseReviewState(ReviewStateCode(state)), state);
  }
  EXPECT_FALSE(ParseReviewState("pending"));
}

}  // namespace
}  // namespace chinjeol::evaluation
