#include "core/coaching/access.hpp"

#include <gtest/gtest.h>

namespace chinjeol::coaching {
namespace {

StoredPlan Plan(PlanState state) {
  StoredPlan plan;
  plan.employee_no = "E001";
  plan.department_code = "D01";
  plan.state = state;
  plan.coach_user_id = 7;
  return plan;
}

auth::Actor Person(auth::Role role, std::int64_t id = 1) {
  auth::Actor actor;
  actor.user_id = id;
  actor.role = role;
  return actor;
}

TEST(PlanAccess, EachRoleSeesWhatItsPartNeedsAndNoMore) {
  const StoredPlan confirmed = Plan(PlanState::kConfirmed);
  const PlanAccess admin = DecidePlanAccess(Person(auth::Role::kAdmin), confirmed);
  EXPECT_TRUE(admin.see && admin.see_private_notes && admin.record_session);
  EXPECT_FALSE(admin.confirm_as_employee);

  const PlanAccess coach = DecidePlanAccess(Person(auth::Role::kCoach, 7), confirmed);
  EXPECT_TRUE(coach.see && coach.see_private_notes && coach.record_session &&
              coach.confirm_as_coach && coach.complete_actions);
  EXPECT_FALSE(DecidePlanAccess(Person(auth::Role::kCoach, 8), confirmed).see);

  auth::Actor head = Person(auth::Role::kDepartmentHead);
  head.department_code = "D01";
  const PlanAccess head_access = DecidePlanAccess(head, confirmed);
  EXPECT_TRUE(head_access.see);
  EXPECT_FALSE(head_access.see_evidence || head_access.see_sessions || head_access.record_session);
  head.department_code = "D02";
  EXPECT_FALSE(DecidePlanAccess(head, confirmed).see);

  auth::Actor employee = Person(auth::Role::kEmployee);
  employee.employee_no = "E001";
  const PlanAccess own = DecidePlanAccess(employee, confirmed);
  EXPECT_TRUE(own.see && own.see_evidence && own.see_sessions && own.confirm_as_employee);
  EXPECT_FALSE(own.see_private_notes || own.record_session || own.confirm_as_coach);
  employee.employee_no = "E002";
  EXPECT_FALSE(DecidePlanAccess(employee, confirmed).see);
  for (const auth::Role role :
       {auth::Role::kMonitor, auth::Role::kReviewer, auth::Role::kAuditor}) {
    EXPECT_FALSE(DecidePlanAccess(Person(role), confirmed).see);
  }
}

TEST(PlanAccess, AProposalIsTheAdminsAlone) {
  const StoredPlan proposed = Plan(PlanState::kProposed);
  EXPECT_TRUE(DecidePlanAccess(Person(auth::Role::kAdmin), proposed).see);
  EXPECT_FALSE(DecidePlanAccess(Person(auth::Role::kCoach, 7), proposed).see);
  auth::Actor employee = Person(auth::Role::kEmployee);
  employee.employee_no = "E001";
  EXPECT_FALSE(DecidePlanAccess(employee, proposed).see);
  auth::Actor head = Person(auth::Role::kDepartmentHead);
  head.department_code = "D01";
  EXPECT_FALSE(DecidePlanAccess(head, proposed).see);
}

}  // namespace
}  // namespace chinjeol::coaching
