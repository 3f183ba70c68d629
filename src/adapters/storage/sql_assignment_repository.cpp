#include "adapters/storage/sql_assignment_repository.hpp"

#include <charconv>

#include "adapters/storage/row_reading.hpp"

namespace chinjeol::storage {
namespace {

std::string SeedText(std::uint64_t seed) {
  char digits[17];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, seed, 16);
  return std::string(digits, end);
}

std::uint64_t ParseSeed(std::string_view text) {
  std::uint64_t seed = 0;
  std::from_chars(text.data(), text.data() + text.size(), seed, 16);
  return seed;
}

Result<std::int64_t> RequireCampaign(sql::Connection& connection, std::string_view code) {
  Result<std::optional<std::int64_t>> id =
      connection.QueryInt64("SELECT id FROM campaigns WHERE code = ?", {code});
  if (!id) return id.error();
  if (!*id) return NotFound("no campaign \"" + std::string(code) + "\"");
  return **id;
}

// Codes of assignments are resolved to ids through the parent tables, loaded once per save.
struct PlanIds {
  IdMap employees, departments, monitors, scenarios;
};

Result<PlanIds> LoadPlanIds(sql::Connection& connection) {
  PlanIds ids;
  for (const auto& [map, sql] : {std::pair{&ids.employees, "SELECT employee_no, id FROM employees"},
                                 std::pair{&ids.departments, "SELECT code, id FROM departments"},
                                 std::pair{&ids.monitors, "SELECT code, id FROM monitors"},
                                 std::pair{&ids.scenarios, "SELECT code, id FROM scenarios"}}) {
    Result<IdMap> loaded = LoadIds(connection, sql);
    if (!loaded) return loaded.error();
    *map = *std::move(loaded);
  }
  return ids;
}

constexpr std::string_view kSelect =
    "SELECT a.code, c.code, a.round_no, a.channel, e.employee_no, d.code, a.date, "
    "a.start_minute, a.duration_minutes, m.code, s.code, a.release_at, a.status, a.retry_of, "
    "a.lunch_sample, a.top_up FROM assignments a "
    "JOIN campaigns c ON c.id = a.campaign_id "
    "LEFT JOIN employees e ON e.id = a.employee_id "
    "JOIN departments d ON d.id = a.department_id "
    "JOIN monitors m ON m.id = a.monitor_id "
    "JOIN scenarios s ON s.id = a.scenario_id ";
constexpr std::string_view kOrder = " ORDER BY a.date, a.start_minute, m.code, a.code";

}  // namespace

Result<void> SqlAssignmentRepository::SavePlan(const planning::Plan& plan, std::string_view digest,
                                               std::string_view saved_at, std::string_view reason) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::int64_t> campaign_id = RequireCampaign(connection, plan.campaign_code);
    if (!campaign_id) return campaign_id.error();
    Result<PlanIds> ids = LoadPlanIds(connection);
    if (!ids) return ids.error();
    if (Result<void> cleared =
            connection.Execute("DELETE FROM assignments WHERE campaign_id = ?", {*campaign_id});
        !cleared) {
      return cleared;
    }
    Result<sql::Statement*> insert = connection.Prepare(
        "INSERT INTO assignments (campaign_id, code, round_no, channel, employee_id, "
        "department_id, date, start_minute, duration_minutes, monitor_id, scenario_id, "
        "release_at, status, retry_of, lunch_sample, top_up) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return insert.error();
    std::vector<FieldViolation> unknown;
    const auto id_of = [&](const IdMap& map, const std::string& code, const char* field,
                           const std::string& assignment) -> std::int64_t {
      const auto found = map.find(code);
      if (found != map.end()) return found->second;
      unknown.emplace_back(field, "assignment " + assignment + " names unknown " + code);
      return 0;
    };
    for (const planning::Assignment& a : plan.assignments) {
      std::optional<std::int64_t> employee_id;
      if (!a.employee_no.empty()) {
        employee_id = id_of(ids->employees, a.employee_no, "employee_no", a.code);
      }
      const std::int64_t department_id =
          id_of(ids->departments, a.department_code, "department_code", a.code);
      const std::int64_t monitor_id = id_of(ids->monitors, a.monitor_code, "monitor_code", a.code);
      const std::int64_t scenario_id =
          id_of(ids->scenarios, a.scenario_code, "scenario_code", a.code);
      if (!unknown.empty()) return InvalidArgument("the plan names unknown records", unknown);
      Result<void> inserted = (*insert)->Execute(
          {*campaign_id, a.code, a.round, ChannelCode(a.channel), employee_id, department_id,
           FormatDate(a.date), a.start_minute, a.duration_minutes, monitor_id, scenario_id,
           FormatLocalDateTime(a.release_at), planning::AssignmentStatusCode(a.status), a.retry_of,
           a.lunch_sample, a.top_up});
      if (!inserted) return inserted;
    }

    Result<std::optional<std::int64_t>> existing = connection.QueryInt64(
        "SELECT campaign_id FROM plans WHERE campaign_id = ?", {*campaign_id});
    if (!existing) return existing.error();
    if (!*existing) {
      if (Result<void> created = connection.Execute(
              "INSERT INTO plans (campaign_id, seed, code_seed, digest, committed_digest, "
              "committed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
              {*campaign_id, SeedText(plan.seed), SeedText(plan.code_seed), digest, digest,
               saved_at, saved_at});
          !created) {
        return created;
      }
      return connection.Execute(
          "INSERT INTO plan_changes (campaign_id, changed_at, kind, reason, digest) "
          "VALUES (?, ?, 'committed', ?, ?)",
          {*campaign_id, saved_at, reason, digest});
    }
    if (Result<void> updated = connection.Execute(
            "UPDATE plans SET seed = ?, code_seed = ?, digest = ?, updated_at = ? "
            "WHERE campaign_id = ?",
            {SeedText(plan.seed), SeedText(plan.code_seed), digest, saved_at, *campaign_id});
        !updated) {
      return updated;
    }
    Result<sql::Statement*> log = connection.Prepare(
        "INSERT INTO plan_changes (campaign_id, changed_at, kind, code, previous_code, reason, "
        "digest) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!log) return log.error();
    if (plan.changes.empty()) {
      return (*log)->Execute({*campaign_id, saved_at, "replanned", "", "", reason, digest});
    }
    for (const planning::PlanChange& change : plan.changes) {
      const std::string why =
          change.reason.empty() ? std::string(reason) : std::string(reason) + ": " + change.reason;
      if (Result<void> logged =
              (*log)->Execute({*campaign_id, saved_at, planning::ChangeKindCode(change.kind),
                               change.code, change.previous_code, why, digest});
          !logged) {
        return logged;
      }
    }
    return Ok();
  });
}

Result<std::optional<planning::StoredPlan>> SqlAssignmentRepository::FindPlan(
    std::string_view campaign_code) const {
  auto lock = database_.Lock();
  std::optional<planning::StoredPlan> plan;
  Result<void> found = database_.connection().Query(
      "SELECT p.seed, p.code_seed, p.digest, p.committed_digest, p.committed_at, p.updated_at "
      "FROM plans p JOIN campaigns c ON c.id = p.campaign_id WHERE c.code = ?",
      {campaign_code}, [&](const sql::Row& row) -> Result<void> {
        plan = planning::StoredPlan{ParseSeed(row.Text(0)), ParseSeed(row.Text(1)), row.String(2),
                                    row.String(3),          row.String(4),          row.String(5)};
        return Ok();
      });
  if (!found) return found.error();
  return plan;
}

Result<std::vector<planning::Assignment>> SqlAssignmentRepository::Select(
    std::string_view where, std::initializer_list<sql::Param> params) const {
  auto lock = database_.Lock();
  std::vector<planning::Assignment> assignments;
  const std::string sql = std::string(kSelect) + std::string(where) + std::string(kOrder);
  Result<void> listed =
      database_.connection().Query(sql, params, [&](const sql::Row& row) -> Result<void> {
        planning::Assignment a;
        a.code = row.String(0);
        a.campaign = row.String(1);
        a.round = row.Int(2);
        const auto channel = ParseChannel(row.Text(3));
        if (!channel) return Internal("unknown channel " + row.String(3));
        a.channel = *channel;
        if (!row.IsNull(4)) a.employee_no = row.String(4);
        a.department_code = row.String(5);
        Result<Date> date = ReadDate(row.Text(6), "assignments.date");
        if (!date) return date.error();
        a.date = *date;
        a.start_minute = row.Int(7);
        a.duration_minutes = row.Int(8);
        a.monitor_code = row.String(9);
        a.scenario_code = row.String(10);
        Result<LocalDateTime> release = ReadDateTime(row.Text(11), "assignments.release_at");
        if (!release) return release.error();
        a.release_at = *release;
        const auto status = planning::ParseAssignmentStatus(row.Text(12));
        if (!status) return Internal("unknown assignment status " + row.String(12));
        a.status = *status;
        a.retry_of = row.String(13);
        a.lunch_sample = row.Bool(14);
        a.top_up = row.Bool(15);
        assignments.push_back(std::move(a));
        return Ok();
      });
  if (!listed) return listed.error();
  return assignments;
}

Result<std::vector<planning::Assignment>> SqlAssignmentRepository::ListAssignments(
    std::string_view campaign_code) const {
  return Select("WHERE c.code = ?", {campaign_code});
}

Result<std::vector<planning::Assignment>> SqlAssignmentRepository::ListReleasedAssignments(
    std::string_view campaign_code, std::string_view monitor_code, const LocalDateTime& now) const {
  // ISO local times compare correctly as text.
  return Select("WHERE c.code = ? AND m.code = ? AND a.release_at <= ? AND a.status <> 'cancelled'",
                {campaign_code, monitor_code, FormatLocalDateTime(now)});
}

Result<std::vector<planning::PlanChangeRecord>> SqlAssignmentRepository::ListPlanChanges(
    std::string_view campaign_code) const {
  auto lock = database_.Lock();
  std::vector<planning::PlanChangeRecord> changes;
  Result<void> listed = database_.connection().Query(
      "SELECT p.changed_at, p.kind, p.code, p.previous_code, p.reason, p.digest "
      "FROM plan_changes p JOIN campaigns c ON c.id = p.campaign_id WHERE c.code = ? "
      "ORDER BY p.id",
      {campaign_code}, [&](const sql::Row& row) -> Result<void> {
        changes.push_back({row.String(0), row.String(1), row.String(2), row.String(3),
                           row.String(4), row.String(5)});
        return Ok();
      });
  if (!listed) return listed.error();
  return changes;
}

Result<void> SqlAssignmentRepository::SetAssignmentStatus(std::string_view campaign_code,
                                                          std::string_view code,
                                                          planning::AssignmentStatus status) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::int64_t> campaign_id = RequireCampaign(connection, campaign_code);
    if (!campaign_id) return campaign_id.error();
    Result<std::optional<std::int64_t>> found = connection.QueryInt64(
        "SELECT id FROM assignments WHERE campaign_id = ? AND code = ?", {*campaign_id, code});
    if (!found) return found.error();
    if (!*found) return NotFound("no assignment \"" + std::string(code) + "\"");
    return connection.Execute("UPDATE assignments SET status = ? WHERE id = ?",
                              {planning::AssignmentStatusCode(status), **found});
  });
}

namespace {

// Absences of employees and of monitors share one shape: a person (by code) and two dates.
struct AbsenceTable {
  std::string_view table;   // employee_absences, monitor_absences
  std::string_view person;  // employee_id, monitor_id
  std::string_view parent;  // employees, monitors
  std::string_view code;    // employee_no, code
  std::string_view field;   // the field named in an error
};
constexpr AbsenceTable kEmployeeAbsences{"employee_absences", "employee_id", "employees",
                                         "employee_no", "employee_no"};
constexpr AbsenceTable kMonitorAbsences{"monitor_absences", "monitor_id", "monitors", "code",
                                        "monitor_code"};

Result<void> AddAbsence(Database& database, const AbsenceTable& table, const std::string& person,
                        const Date& from, const Date& to) {
  return database.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database.connection();
    Result<std::optional<std::int64_t>> id =
        connection.QueryInt64("SELECT id FROM " + std::string(table.parent) + " WHERE " +
                                  std::string(table.code) + " = ?",
                              {person});
    if (!id) return id.error();
    if (!*id) {
      return InvalidArgument("unknown " + std::string(table.field),
                             {{std::string(table.field), "no " + person}});
    }
    return connection.Execute("INSERT INTO " + std::string(table.table) + " (" +
                                  std::string(table.person) +
                                  ", from_date, to_date) VALUES (?, ?, ?)",
                              {**id, FormatDate(from), FormatDate(to)});
  });
}

template <typename Absence>
Result<std::vector<Absence>> ListAbsences(Database& database, const AbsenceTable& table) {
  auto lock = database.Lock();
  std::vector<Absence> absences;
  Result<void> listed = database.connection().Query(
      "SELECT p." + std::string(table.code) + ", a.from_date, a.to_date FROM " +
          std::string(table.table) + " a JOIN " + std::string(table.parent) + " p ON p.id = a." +
          std::string(table.person) + " ORDER BY a.id",
      {}, [&](const sql::Row& row) -> Result<void> {
        Result<Date> from = ReadDate(row.Text(1), "absences.from_date");
        Result<Date> to = ReadDate(row.Text(2), "absences.to_date");
        if (!from) return from.error();
        if (!to) return to.error();
        absences.push_back({row.String(0), *from, *to});
        return Ok();
      });
  if (!listed) return listed.error();
  return absences;
}

}  // namespace

Result<void> SqlAssignmentRepository::AddEmployeeAbsence(const planning::EmployeeAbsence& absence) {
  return AddAbsence(database_, kEmployeeAbsences, absence.employee_no, absence.from, absence.to);
}

Result<std::vector<planning::EmployeeAbsence>> SqlAssignmentRepository::ListEmployeeAbsences()
    const {
  return ListAbsences<planning::EmployeeAbsence>(database_, kEmployeeAbsences);
}

Result<void> SqlAssignmentRepository::AddMonitorAbsence(const planning::MonitorAbsence& absence) {
  return AddAbsence(database_, kMonitorAbsences, absence.monitor_code, absence.from, absence.to);
}

Result<std::vector<planning::MonitorAbsence>> SqlAssignmentRepository::ListMonitorAbsences() const {
  return ListAbsences<planning::MonitorAbsence>(database_, kMonitorAbsences);
}

}  // namespace chinjeol::storage
