#pragma once

#include "adapters/storage/database.hpp"
#include "core/planning/assignment_repository.hpp"

namespace chinjeol::storage {

// Plans in the assignments, plans, plan_changes and absence tables.
class SqlAssignmentRepository final : public planning::AssignmentRepository {
 public:
  explicit SqlAssignmentRepository(Database& database) : database_(database) {}

  Result<void> SavePlan(const planning::Plan& plan, std::string_view digest,
                        std::string_view saved_at, std::string_view reason) override;
  Result<std::optional<planning::StoredPlan>> FindPlan(
      std::string_view campaign_code) const override;
  Result<std::vector<planning::Assignment>> ListAssignments(
      std::string_view campaign_code) const override;
  Result<std::vector<planning::Assignment>> ListReleasedAssignments(
      std::string_view campaign_code, std::string_view monitor_code,
      const LocalDateTime& now) const override;
  Result<std::vector<planning::PlanChangeRecord>> ListPlanChanges(
      std::string_view campaign_code) const override;
  Result<void> SetAssignmentStatus(std::string_view campaign_code, std::string_view code,
                                   planning::AssignmentStatus status) override;
  Result<void> AddEmployeeAbsence(const planning::EmployeeAbsence& absence) override;
  Result<std::vector<planning::EmployeeAbsence>> ListEmployeeAbsences() const override;
  Result<void> AddMonitorAbsence(const planning::MonitorAbsence& absence) override;
  Result<std::vector<planning::MonitorAbsence>> ListMonitorAbsences() const override;

 private:
  Result<std::vector<planning::Assignment>> Select(std::string_view where,
                                                   std::initializer_list<sql::Param> params) const;

  Database& database_;
};

}  // namespace chinjeol::storage
