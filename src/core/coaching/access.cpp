#include "core/coaching/access.hpp"

namespace chinjeol::coaching {

PlanAccess DecidePlanAccess(const auth::Actor& actor, const StoredPlan& plan) {
  PlanAccess access;
  switch (actor.role) {
    case auth::Role::kAdmin:
      access = {true, true, true, true, true, false, false, false};
      break;
    case auth::Role::kCoach:
      if (plan.coach_user_id && *plan.coach_user_id == actor.user_id &&
          plan.state != PlanState::kProposed) {
        access = {true, true, true, true, true, true, false, true};
      }
      break;
    case auth::Role::kDepartmentHead:
      if (!actor.department_code.empty() && actor.department_code == plan.department_code &&
          plan.state != PlanState::kProposed) {
        access.see = true;
      }
      break;
    case auth::Role::kEmployee:
      if (!actor.employee_no.empty() && actor.employee_no == plan.employee_no &&
          plan.state != PlanState::kProposed) {
        access = {true, true, true, false, false, false, true, true};
      }
      break;
    default:
      break;
  }
  return access;
}

}  // namespace chinjeol::coaching
