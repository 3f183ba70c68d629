#include "core/planning/assignment.hpp"

namespace chinjeol::planning {

const char* AssignmentStatusCode(AssignmentStatus status) {
  switch (status) {
    case AssignmentStatus::kPlanned:
      return "planned";
    case AssignmentStatus::kReleased:
      return "released";
    case AssignmentStatus::kDone:
      return "done";
    case AssignmentStatus::kVoid:
      return "void";
    case AssignmentStatus::kUnanswered:
      return "unanswered";
    case AssignmentStatus::kCancelled:
      return "cancelled";
  }
  return "planned";
}

std::optional<AssignmentStatus> ParseAssignmentStatus(std::string_view text) {
  for (const AssignmentStatus status :
       {AssignmentStatus::kPlanned, AssignmentStatus::kReleased, AssignmentStatus::kDone,
        AssignmentStatus::kVoid, AssignmentStatus::kUnanswered, AssignmentStatus::kCancelled}) {
    if (text == AssignmentStatusCode(status)) return status;
  }
  return std::nullopt;
}

bool IsLive(AssignmentStatus status) {
  return status == AssignmentStatus::kPlanned || status == AssignmentStatus::kReleased ||
         status == AssignmentStatus::kDone;
}

bool ReachesEmployee(AssignmentStatus status) {
  return status != AssignmentStatus::kUnanswered && status != AssignmentStatus::kCancelled;
}

}  // namespace chinjeol::planning
