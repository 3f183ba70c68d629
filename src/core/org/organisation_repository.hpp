#pragma once

#include <vector>

#include "core/common/result.hpp"
#include "core/org/organisation.hpp"

namespace chinjeol::org {

// Where the organisation (departments, staff), the monitors and the scenario library are kept.
// Save* methods insert new records and update existing ones, matched by code (employee_no for
// employees). Lists come back sorted by code.
class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;

  virtual Result<void> SaveDepartments(const std::vector<Department>& departments) = 0;
  virtual Result<std::vector<Department>> ListDepartments() const = 0;

  // kInvalidArgument when an employee names an unknown department.
  virtual Result<void> SaveEmployees(const std::vector<Employee>& employees) = 0;
  virtual Result<std::vector<Employee>> ListEmployees() const = 0;

  virtual Result<void> SaveMonitors(const std::vector<Monitor>& monitors) = 0;
  virtual Result<std::vector<Monitor>> ListMonitors() const = 0;

  // kInvalidArgument when a scenario names an unknown department (other than "*").
  virtual Result<void> SaveScenarios(const std::vector<Scenario>& scenarios) = 0;
  virtual Result<std::vector<Scenario>> ListScenarios() const = 0;
};

}  // namespace chinjeol::org
