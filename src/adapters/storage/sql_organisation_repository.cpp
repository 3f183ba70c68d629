#include "adapters/storage/sql_organisation_repository.hpp"

#include "adapters/storage/row_reading.hpp"

namespace chinjeol::storage {
namespace {

constexpr std::string_view kDepartmentIds = "SELECT code, id FROM departments";

}  // namespace

Result<void> SqlOrganisationRepository::SaveDepartments(
    const std::vector<org::Department>& departments) {
  return database_.Atomic([&]() -> Result<void> {
    Result<sql::Statement*> upsert = database_.connection().Prepare(
        "INSERT INTO departments (code, name, grp) VALUES (?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, grp = excluded.grp");
    if (!upsert) return upsert.error();
    for (const org::Department& department : departments) {
      if (Result<void> saved = (*upsert)->Execute(
              {department.code, department.name, org::DepartmentGroupCode(department.group)});
          !saved) {
        return saved;
      }
    }
    return Ok();
  });
}

Result<std::vector<org::Department>> SqlOrganisationRepository::ListDepartments() const {
  auto lock = database_.Lock();
  std::vector<org::Department> departments;
  Result<void> listed = database_.connection().Query(
      "SELECT code, name, grp FROM departments ORDER BY code", {},
      [&](const sql::Row& row) -> Result<void> {
        std::optional<org::DepartmentGroup> group = org::ParseDepartmentGroup(row.Text(2));
        if (!group) return Internal("unknown department group " + row.String(2));
        departments.push_back({row.String(0), row.String(1), *group});
        return Ok();
      });
  if (!listed) return listed.error();
  return departments;
}

Result<void> SqlOrganisationRepository::SaveEmployees(const std::vector<org::Employee>& employees) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<IdMap> department_ids = LoadIds(connection, kDepartmentIds);
    if (!department_ids) return department_ids.error();
    std::vector<FieldViolation> unknown;
    for (const org::Employee& employee : employees) {
      if (!department_ids->contains(employee.department_code)) {
        unknown.emplace_back("department_code", "employee " + employee.employee_no +
                                                    " names an unknown department " +
                                                    employee.department_code);
      }
    }
    if (!unknown.empty()) {
      return InvalidArgument("employees name unknown departments", std::move(unknown));
    }
    Result<sql::Statement*> upsert = connection.Prepare(
        "INSERT INTO employees (employee_no, name, department_id, position, phone, counter, "
        "active) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (employee_no) DO UPDATE SET name = excluded.name, "
        "department_id = excluded.department_id, position = excluded.position, "
        "phone = excluded.phone, counter = excluded.counter, active = excluded.active");
    if (!upsert) return upsert.error();
    for (const org::Employee& employee : employees) {
      if (Result<void> saved = (*upsert)->Execute(
              {employee.employee_no, employee.name, department_ids->at(employee.department_code),
               employee.position, employee.phone, employee.counter, employee.active});
          !saved) {
        return saved;
      }
    }
    return Ok();
  });
}

Result<std::vector<org::Employee>> SqlOrganisationRepository::ListEmployees() const {
  auto lock = database_.Lock();
  std::vector<org::Employee> employees;
  Result<void> listed = database_.connection().Query(
      "SELECT e.employee_no, e.name, d.code, e.position, e.phone, e.counter, e.active "
      "FROM employees e JOIN departments d ON d.id = e.department_id ORDER BY e.employee_no",
      {}, [&](const sql::Row& row) -> Result<void> {
        employees.push_back({row.String(0), row.String(1), row.String(2), row.String(3),
                             row.String(4), row.Bool(5), row.Bool(6)});
        return Ok();
      });
  if (!listed) return listed.error();
  return employees;
}

Result<void> SqlOrganisationRepository::SaveMonitors(const std::vector<org::Monitor>& monitors) {
  return database_.Atomic([&]() -> Result<void> {
    Result<sql::Statement*> upsert = database_.connection().Prepare(
        "INSERT INTO monitors (code, name, gender, age_band, phone_per_day, visit_per_day, "
        "available_from, available_to, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, gender = excluded.gender, "
        "age_band = excluded.age_band, phone_per_day = excluded.phone_per_day, "
        "visit_per_day = excluded.visit_per_day, available_from = excluded.available_from, "
        "available_to = excluded.available_to, active = excluded.active");
    if (!upsert) return upsert.error();
    for (const org::Monitor& monitor : monitors) {
      if (Result<void> saved = (*upsert)->Execute(
              {monitor.code, monitor.name, monitor.gender, monitor.age_band, monitor.phone_per_day,
               monitor.visit_per_day, OptionalDateText(monitor.available_from),
               OptionalDateText(monitor.available_to), monitor.active});
          !saved) {
        return saved;
      }
    }
    return Ok();
  });
}

Result<std::vector<org::Monitor>> SqlOrganisationRepository::ListMonitors() const {
  auto lock = database_.Lock();
  std::vector<org::Monitor> monitors;
  Result<void> listed = database_.connection().Query(
      "SELECT code, name, gender, age_band, phone_per_day, visit_per_day, available_from, "
      "available_to, active FROM monitors ORDER BY code",
      {}, [&](const sql::Row& row) -> Result<void> {
        Result<std::optional<Date>> from = ReadOptionalDate(row, 6, "monitors.available_from");
        if (!from) return from.error();
        Result<std::optional<Date>> to = ReadOptionalDate(row, 7, "monitors.available_to");
        if (!to) return to.error();
        monitors.push_back({row.String(0), row.String(1), row.String(2), row.String(3), row.Int(4),
                            row.Int(5), *from, *to, row.Bool(8)});
        return Ok();
      });
  if (!listed) return listed.error();
  return monitors;
}

Result<void> SqlOrganisationRepository::SaveScenarios(const std::vector<org::Scenario>& scenarios) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<IdMap> department_ids = LoadIds(connection, kDepartmentIds);
    if (!department_ids) return department_ids.error();
    std::vector<FieldViolation> unknown;
    for (const org::Scenario& scenario : scenarios) {
      if (scenario.department_code != org::kAllDepartments &&
          !department_ids->contains(scenario.department_code)) {
        unknown.emplace_back("department_code", "scenario " + scenario.code +
                                                    " names an unknown department " +
                                                    scenario.department_code);
      }
    }
    if (!unknown.empty()) {
      return InvalidArgument("scenarios name unknown departments", std::move(unknown));
    }
    Result<sql::Statement*> upsert = connection.Prepare(
        "INSERT INTO scenarios (code, department_id, channel, title, script, abusive) "
        "VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET department_id = excluded.department_id, "
        "channel = excluded.channel, title = excluded.title, script = excluded.script, "
        "abusive = excluded.abusive");
    if (!upsert) return upsert.error();
    for (const org::Scenario& scenario : scenarios) {
      std::optional<std::int64_t> department_id;
      if (scenario.department_code != org::kAllDepartments) {
        department_id = department_ids->at(scenario.department_code);
      }
      if (Result<void> saved =
              (*upsert)->Execute({scenario.code, department_id, ChannelCode(scenario.channel),
                                  scenario.title, scenario.script, scenario.abusive});
          !saved) {
        return saved;
      }
    }
    return Ok();
  });
}

Result<std::vector<org::Scenario>> SqlOrganisationRepository::ListScenarios() const {
  auto lock = database_.Lock();
  std::vector<org::Scenario> scenarios;
  Result<void> listed = database_.connection().Query(
      "SELECT s.code, d.code, s.channel, s.title, s.script, s.abusive "
      "FROM scenarios s LEFT JOIN departments d ON d.id = s.department_id ORDER BY s.code",
      {}, [&](const sql::Row& row) -> Result<void> {
        std::optional<Channel> channel = ParseChannel(row.Text(2));
        if (!channel) return Internal("unknown channel " + row.String(2));
        scenarios.push_back({row.String(0),
                             row.IsNull(1) ? std::string(org::kAllDepartments) : row.String(1),
                             *channel, row.String(3), row.String(4), row.Bool(5)});
        return Ok();
      });
  if (!listed) return listed.error();
  return scenarios;
}

}  // namespace chinjeol::storage
