#pragma once

#include "adapters/storage/database.hpp"
#include "core/org/organisation_repository.hpp"

namespace chinjeol::storage {

// Departments, employees, monitors and scenarios in SQL (SQLite or PostgreSQL).
class SqlOrganisationRepository final : public org::OrganisationRepository {
 public:
  explicit SqlOrganisationRepository(Database& database) : database_(database) {}

  Result<void> SaveDepartments(const std::vector<org::Department>& departments) override;
  Result<std::vector<org::Department>> ListDepartments() const override;
  Result<void> SaveEmployees(const std::vector<org::Employee>& employees) override;
  Result<std::vector<org::Employee>> ListEmployees() const override;
  Result<void> SaveMonitors(const std::vector<org::Monitor>& monitors) override;
  Result<std::vector<org::Monitor>> ListMonitors() const override;
  Result<void> SaveScenarios(const std::vector<org::Scenario>& scenarios) override;
  Result<std::vector<org::Scenario>> ListScenarios() const override;

 private:
  Database& database_;
};

}  // namespace chinjeol::storage
