#pragma once

#include "core/auth/policy.hpp"
#include "core/coaching/coaching_repository.hpp"

namespace chinjeol::coaching {

// What a person may do with one coaching plan. The admin sees every plan; a coach the plans
// assigned to them; a department head their department's plans, without the evidence or the
// sessions; an employee their own plan once confirmed. Private session notes are for the coach
// and the admin alone; sessions are recorded by the plan's coach (or the admin) and confirmed
// by the coach and the employee.
struct PlanAccess {
  bool see = false;
  bool see_evidence = false;  // the contacts and observations behind each item
  bool see_sessions = false;
  bool see_private_notes = false;
  bool record_session = false;
  bool confirm_as_coach = false;
  bool confirm_as_employee = false;
  bool complete_actions = false;
};

PlanAccess DecidePlanAccess(const auth::Actor& actor, const StoredPlan& plan);

}  // namespace chinjeol::coaching
