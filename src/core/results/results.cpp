#include "core/results/results_repository.hpp"

namespace chinjeol::results {

const char* ObjectionStateCode(ObjectionState state) {
  switch (state) {
    case ObjectionState::kOpen:
      return "open";
    case ObjectionState::kUpheld:
      return "upheld";
    case ObjectionState::kRejected:
      return "rejected";
  }
  return "open";
}

std::optional<ObjectionState> ParseObjectionState(std::string_view text) {
  for (const ObjectionState state :
       {ObjectionState::kOpen, ObjectionState::kUpheld, ObjectionState::kRejected}) {
    if (text == ObjectionStateCode(state)) return state;
  }
  return std::nullopt;
}

const char* JobStateCode(JobState state) {
  switch (state) {
    case JobState::kQueued:
      return "queued";
    case JobState::kRunning:
      return "running";
    case JobState::kSucceeded:
      return "succeeded";
    case JobState::kFailed:
      return "failed";
  }
  return "queued";
}

bool IsPublished(const std::optional<ResultsRelease>& release, const LocalDateTime& performed_at,
                 const LocalDateTime& now) {
  return release && !(now < release->released_at) && !(release->released_at < performed_at);
}

}  // namespace chinjeol::results
