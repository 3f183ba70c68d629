#include "core/programme/imports.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/coaching/coaching_repository.hpp"
#include "core/common/date.hpp"
#include "core/common/text.hpp"
#include "core/evaluation/evaluation.hpp"
#include "core/programme/internal/columns.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::programme {
namespace {

using internal::ColumnMap;
using internal::ImportProblems;

constexpr long kProgressEvery = 4096;

// Resident registration numbers (주민등록번호, YYMMDD-NNNNNNN) must never be stored.
bool LooksLikeResidentNumber(std::string_view cell) {
  std::string digits;
  for (const char c : cell) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != '-' && c != ' ') {
      digits += 'x';
    }
  }
  for (std::size_t start = 0; start + 13 <= digits.size(); ++start) {
    const std::string_view run(digits.data() + start, 13);
    if (run.find('x') == std::string_view::npos && run[6] >= '1' && run[6] <= '8') return true;
  }
  return false;
}

void CheckNoResidentNumbers(ImportProblems& problems, const tables::TableRow& row,
                            const std::vector<std::string>& header) {
  for (std::size_t i = 0; i < row.cells.size() && i < header.size(); ++i) {
    if (LooksLikeResidentNumber(row.cells[i])) {
      problems.Add(row.line, header[i],
                   "looks like a resident registration number, which must not be stored");
    }
  }
}

// Reads every row, calling `visit` for each; reports progress; stops at a malformed file.
Result<long> ForEachRow(tables::TableSource& source, ImportProblems& problems,
                        const ProgressCallback& progress,
                        const std::function<void(const tables::TableRow&)>& visit) {
  tables::TableRow row;
  long rows = 0;
  while (true) {
    Result<bool> next = source.Next(row);
    if (!next) return next.error();
    if (!*next) break;
    ++rows;
    visit(row);
    if (progress && rows % kProgressEvery == 0) progress(source.Progress(), rows);
  }
  if (progress) progress(1.0, rows);
  if (rows == 0) problems.Add(0, "", "the file has a header but no rows");
  return rows;
}

std::optional<Date> ReadOptionalDate(ImportProblems& problems, long line, std::string_view column,
                                     std::string_view cell) {
  if (cell.empty()) return std::nullopt;
  const auto date = ParseDate(cell);
  if (!date) {
    problems.Add(line, std::string(column),
                 "must be a date as YYYY-MM-DD, got \"" + std::string(cell) + "\"");
  }
  return date;
}

void RequireText(ImportProblems& problems, long line, std::string_view column,
                 std::string_view cell) {
  if (cell.empty()) problems.Add(line, std::string(column), "must not be empty");
}

// Tracks codes seen in a file so that a repeated code is named with both lines.
class SeenCodes {
 public:
  void Check(ImportProblems& problems, long line, std::string_view column, std::string_view code) {
    if (code.empty()) return;
    const auto [found, inserted] = lines_.emplace(std::string(code), line);
    if (!inserted) {
      problems.Add(line, std::string(column),
                   "\"" + std::string(code) + "\" appears again (first on line " +
                       std::to_string(found->second) + ")");
    }
  }

 private:
  std::unordered_map<std::string, long> lines_;
};

// The end of an import whose rows all become new records: the problems, or `save` in one
// transaction.
Result<ImportReport> SaveEveryRow(const Result<long>& rows, const ImportProblems& problems,
                                  ports::Storage& storage,
                                  const std::function<Result<void>()>& save) {
  if (!rows) return rows.error();
  if (!problems.empty()) return problems.ToError();
  ImportReport report;
  report.rows = *rows;
  report.created = *rows;
  if (Result<void> saved = storage.InTransaction(save); !saved) return saved.error();
  return report;
}

template <typename Record, typename Key>
std::pair<long, long> CountCreatedUpdated(const std::vector<Record>& incoming,
                                          const std::vector<Record>& existing, Key key) {
  std::unordered_set<std::string> known;
  for (const Record& record : existing) known.insert(key(record));
  long created = 0;
  for (const Record& record : incoming) created += known.contains(key(record)) ? 0 : 1;
  return {created, static_cast<long>(incoming.size()) - created};
}

}  // namespace

Result<ImportReport> ImportRoster(tables::TableSource& source, ports::Storage& storage,
                                  const RosterOptions& options, const ProgressCallback& progress) {
  ImportProblems problems(source.name());
  const ColumnMap columns(source.header(),
                          {"employee_no", "name", "department_code", "department_name", "group",
                           "position", "phone", "counter"},
                          {}, problems);
  if (!problems.empty()) return problems.ToError();

  std::vector<org::Employee> employees;
  std::vector<org::Department> departments;
  std::unordered_map<std::string, std::pair<std::size_t, long>> department_rows;  // index, line
  SeenCodes seen;
  Result<long> rows = ForEachRow(source, problems, progress, [&](const tables::TableRow& row) {
    const long line = row.line;
    CheckNoResidentNumbers(problems, row, source.header());
    org::Employee employee;
    employee.employee_no = columns.Cell(row, "employee_no");
    employee.name = columns.Cell(row, "name");
    employee.department_code = columns.Cell(row, "department_code");
    employee.position = columns.Cell(row, "position");
    employee.phone = columns.Cell(row, "phone");
    RequireText(problems, line, "employee_no", employee.employee_no);
    RequireText(problems, line, "name", employee.name);
    RequireText(problems, line, "department_code", employee.department_code);
    seen.Check(problems, line, "employee_no", employee.employee_no);
    for (const char c : employee.phone) {
      if (!((c >= '0' && c <= '9') || c == '-' || c == ' ' || c == '(' || c == ')' || c == '+')) {
        problems.Add(line, "phone", "may hold digits, spaces and - ( ) + only");
        break;
      }
    }
    const auto counter =
        internal::ReadFlag(problems, line, "counter", columns.Cell(row, "counter"), false);
    employee.counter = counter.value_or(false);

    const std::string_view department_name = columns.Cell(row, "department_name");
    RequireText(problems, line, "department_name", department_name);
    const std::string_view group_text = columns.Cell(row, "group");
    const auto group = org::ParseDepartmentGroup(group_text);
    if (!group) {
      problems.Add(
          line, "group",
          "must be hq, agency, affiliated or town (본청, 사업소, 직속기관, 읍면동), got \"" +
              std::string(group_text) + "\"");
    }
    if (!employee.department_code.empty() && group && !department_name.empty()) {
      const auto [found, inserted] = department_rows.emplace(
          employee.department_code, std::make_pair(departments.size(), line));
      if (inserted) {
        departments.push_back({employee.department_code, std::string(department_name), *group});
      } else {
        const org::Department& first = departments[found->second.first];
        if (first.name != department_name || first.group != *group) {
          problems.Add(line, "department_name",
                       "department " + employee.department_code + " is \"" + first.name + "\" (" +
                           org::DepartmentGroupCode(first.group) + ") on line " +
                           std::to_string(found->second.second));
        }
      }
    }
    employees.push_back(std::move(employee));
  });
  if (!rows) return rows.error();
  if (!problems.empty()) return problems.ToError();

  ImportReport report;
  report.rows = *rows;
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    auto& organisation = storage.organisation();
    Result<std::vector<org::Department>> existing_departments = organisation.ListDepartments();
    if (!existing_departments) return existing_departments.error();
    report.departments_created =
        CountCreatedUpdated(departments, *existing_departments, [](const org::Department& d) {
          return d.code;
        }).first;
    Result<std::vector<org::Employee>> existing = organisation.ListEmployees();
    if (!existing) return existing.error();
    std::tie(report.created, report.updated) = CountCreatedUpdated(
        employees, *existing, [](const org::Employee& e) { return e.employee_no; });
    if (options.deactivate_missing) {
      std::unordered_set<std::string> listed;
      for (const org::Employee& employee : employees) listed.insert(employee.employee_no);
      for (org::Employee employee : *existing) {
        if (employee.active && !listed.contains(employee.employee_no)) {
          employee.active = false;
          employees.push_back(std::move(employee));
        }
      }
    }
    if (Result<void> r = organisation.SaveDepartments(departments); !r) return r;
    return organisation.SaveEmployees(employees);
  });
  if (!saved) return saved.error();
  return report;
}

Result<ImportReport> ImportMonitors(tables::TableSource& source, ports::Storage& storage,
                                    const ProgressCallback& progress) {
  ImportProblems problems(source.name());
  const ColumnMap columns(source.header(),
                          {"monitor_code", "name", "gender", "age_band", "phone_per_day",
                           "visit_per_day", "available_from", "available_to"},
                          {}, problems);
  if (!problems.empty()) return problems.ToError();

  std::vector<org::Monitor> monitors;
  SeenCodes seen;
  Result<long> rows = ForEachRow(source, problems, progress, [&](const tables::TableRow& row) {
    const long line = row.line;
    CheckNoResidentNumbers(problems, row, source.header());
    org::Monitor monitor;
    monitor.code = columns.Cell(row, "monitor_code");
    monitor.name = columns.Cell(row, "name");
    monitor.gender = columns.Cell(row, "gender");
    monitor.age_band = columns.Cell(row, "age_band");
    RequireText(problems, line, "monitor_code", monitor.code);
    RequireText(problems, line, "name", monitor.name);
    seen.Check(problems, line, "monitor_code", monitor.code);
    monitor.phone_per_day = internal::ReadInt(problems, line, "phone_per_day",
                                              columns.Cell(row, "phone_per_day"), 0, 200)
                                .value_or(0);
    monitor.visit_per_day = internal::ReadInt(problems, line, "visit_per_day",
                                              columns.Cell(row, "visit_per_day"), 0, 50)
                                .value_or(0);
    monitor.available_from =
        ReadOptionalDate(problems, line, "available_from", columns.Cell(row, "available_from"));
    monitor.available_to =
        ReadOptionalDate(problems, line, "available_to", columns.Cell(row, "available_to"));
    if (monitor.available_from && monitor.available_to &&
        std::chrono::sys_days(*monitor.available_to) <
            std::chrono::sys_days(*monitor.available_from)) {
      problems.Add(line, "available_to", "is before available_from");
    }
    monitors.push_back(std::move(monitor));
  });
  if (!rows) return rows.error();
  if (!problems.empty()) return problems.ToError();

  ImportReport report;
  report.rows = *rows;
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    Result<std::vector<org::Monitor>> existing = storage.organisation().ListMonitors();
    if (!existing) return existing.error();
    std::tie(report.created, report.updated) =
        CountCreatedUpdated(monitors, *existing, [](const org::Monitor& m) { return m.code; });
    return storage.organisation().SaveMonitors(monitors);
  });
  if (!saved) return saved.error();
  return report;
}

namespace {

// Employee numbers on the roster and item ids of every rubric, for checking references.
struct KnownReferences {
  std::unordered_set<std::string> employees;
  std::unordered_set<std::string> items;
};

Result<KnownReferences> LoadKnownReferences(ports::Storage& storage) {
  KnownReferences known;
  Result<std::vector<org::Employee>> employees = storage.organisation().ListEmployees();
  if (!employees) return employees.error();
  for (const org::Employee& employee : *employees) known.employees.insert(employee.employee_no);
  Result<std::vector<rubric::Rubric>> rubrics = storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();
  for (const rubric::Rubric& rubric : *rubrics) {
    for (const rubric::Item& item : rubric.items) known.items.insert(item.id);
  }
  return known;
}

void CheckEmployee(ImportProblems& problems, long line, const KnownReferences& known,
                   std::string_view employee_no) {
  if (!employee_no.empty() && !known.employees.contains(std::string(employee_no))) {
    problems.Add(line, "employee_no", "no employee " + std::string(employee_no) + " on the roster");
  }
}

std::vector<std::string> ReadItems(ImportProblems& problems, long line,
                                   const KnownReferences& known, std::string_view cell) {
  std::vector<std::string> items = SplitList(cell, ';');
  for (const std::string& item : items) {
    if (!known.items.contains(item)) {
      problems.Add(line, "items", "\"" + item + "\" is not an item of any rubric");
    }
  }
  return items;
}

Date ReadRequiredDate(ImportProblems& problems, long line, std::string_view cell) {
  if (cell.empty()) {
    problems.Add(line, "date", "must not be empty");
    return {};
  }
  return ReadOptionalDate(problems, line, "date", cell).value_or(Date{});
}

}  // namespace

Result<ImportReport> ImportTraining(tables::TableSource& source, ports::Storage& storage) {
  ImportProblems problems(source.name());
  const ColumnMap columns(source.header(),
                          {"session_code", "date", "topic", "instructor", "items", "employee_no"},
                          {}, problems);
  if (!problems.empty()) return problems.ToError();
  Result<KnownReferences> known = LoadKnownReferences(storage);
  if (!known) return known.error();

  std::vector<coaching::TrainingSession> sessions;
  std::unordered_map<std::string, std::pair<std::size_t, long>> index;  // code -> session, line
  std::unordered_map<std::string, long> attendance;                     // code + no -> line
  Result<long> rows = ForEachRow(source, problems, {}, [&](const tables::TableRow& row) {
    const long line = row.line;
    CheckNoResidentNumbers(problems, row, source.header());
    coaching::TrainingSession session;
    session.code = columns.Cell(row, "session_code");
    session.topic = columns.Cell(row, "topic");
    session.instructor = columns.Cell(row, "instructor");
    const std::string employee_no(columns.Cell(row, "employee_no"));
    RequireText(problems, line, "session_code", session.code);
    RequireText(problems, line, "topic", session.topic);
    RequireText(problems, line, "employee_no", employee_no);
    CheckEmployee(problems, line, *known, employee_no);
    session.date = ReadRequiredDate(problems, line, columns.Cell(row, "date"));
    session.items = ReadItems(problems, line, *known, columns.Cell(row, "items"));
    if (session.code.empty()) return;
    const auto [found, inserted] = index.emplace(session.code, std::pair{sessions.size(), line});
    if (inserted) {
      sessions.push_back(session);
    } else {
      const coaching::TrainingSession& first = sessions[found->second.first];
      const std::string first_line = std::to_string(found->second.second);
      if (first.date != session.date) {
        problems.Add(line, "date", "differs from line " + first_line + " of the same session");
      }
      if (first.topic != session.topic) {
        problems.Add(line, "topic", "differs from line " + first_line + " of the same session");
      }
      if (first.instructor != session.instructor) {
        problems.Add(line, "instructor",
                     "differs from line " + first_line + " of the same session");
      }
      if (first.items != session.items) {
        problems.Add(line, "items", "differs from line " + first_line + " of the same session");
      }
    }
    const auto [seen, added] = attendance.emplace(session.code + '\n' + employee_no, line);
    if (!added) {
      problems.Add(line, "employee_no",
                   employee_no + " attends this session already (line " +
                       std::to_string(seen->second) + ")");
    }
    sessions[found->second.first].attendees.push_back(employee_no);
  });
  if (!rows) return rows.error();
  if (!problems.empty()) return problems.ToError();

  ImportReport report;
  report.rows = *rows;
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    Result<std::vector<coaching::TrainingSession>> existing =
        storage.coaching().ListTrainingSessions();
    if (!existing) return existing.error();
    std::tie(report.created, report.updated) = CountCreatedUpdated(
        sessions, *existing, [](const coaching::TrainingSession& t) { return t.code; });
    return storage.coaching().SaveTrainingSessions(sessions);
  });
  if (!saved) return saved.error();
  return report;
}

Result<ImportReport> ImportCoaching(tables::TableSource& source, ports::Storage& storage) {
  ImportProblems problems(source.name());
  const ColumnMap columns(source.header(), {"employee_no", "coach", "date", "items", "notes"}, {},
                          problems);
  if (!problems.empty()) return problems.ToError();
  Result<KnownReferences> known = LoadKnownReferences(storage);
  if (!known) return known.error();

  std::vector<coaching::CoachingSession> sessions;
  Result<long> rows = ForEachRow(source, problems, {}, [&](const tables::TableRow& row) {
    const long line = row.line;
    CheckNoResidentNumbers(problems, row, source.header());
    coaching::CoachingSession session;
    session.employee_no = columns.Cell(row, "employee_no");
    session.coach = columns.Cell(row, "coach");
    session.notes = columns.Cell(row, "notes");
    RequireText(problems, line, "employee_no", session.employee_no);
    RequireText(problems, line, "coach", session.coach);
    CheckEmployee(problems, line, *known, session.employee_no);
    session.date = ReadRequiredDate(problems, line, columns.Cell(row, "date"));
    session.items = ReadItems(problems, line, *known, columns.Cell(row, "items"));
    sessions.push_back(std::move(session));
  });
  return SaveEveryRow(rows, problems, storage,
                      [&] { return storage.coaching().AddCoachingSessions(sessions); });
}

Result<ImportReport> ImportScenarios(tables::TableSource& source, ports::Storage& storage,
                                     const ProgressCallback& progress) {
  ImportProblems problems(source.name());
  const ColumnMap columns(source.header(),
                          {"scenario_code", "department_code", "channel", "title", "script"},
                          {"abusive"}, problems);
  if (!problems.empty()) return problems.ToError();
  Result<std::vector<org::Department>> departments = storage.organisation().ListDepartments();
  if (!departments) return departments.error();
  std::unordered_set<std::string> department_codes;
  for (const org::Department& department : *departments) department_codes.insert(department.code);

  std::vector<org::Scenario> scenarios;
  SeenCodes seen;
  Result<long> rows = ForEachRow(source, problems, progress, [&](const tables::TableRow& row) {
    const long line = row.line;
    org::Scenario scenario;
    scenario.code = columns.Cell(row, "scenario_code");
    scenario.department_code = columns.Cell(row, "department_code");
    scenario.title = columns.Cell(row, "title");
    scenario.script = columns.Cell(row, "script");
    RequireText(problems, line, "scenario_code", scenario.code);
    RequireText(problems, line, "title", scenario.title);
    seen.Check(problems, line, "scenario_code", scenario.code);
    if (scenario.department_code.empty()) {
      problems.Add(line, "department_code", "must be a department code or * for any department");
    } else if (scenario.department_code != org::kAllDepartments &&
               !department_codes.contains(scenario.department_code)) {
      problems.Add(
          line, "department_code",
          "unknown department \"" + scenario.department_code + "\"; import the roster first");
    }
    const std::string_view channel_text = columns.Cell(row, "channel");
    const auto channel = ParseChannel(channel_text);
    if (!channel) {
      problems.Add(line, "channel",
                   "must be phone or visit, got \"" + std::string(channel_text) + "\"");
    }
    scenario.channel = channel.value_or(Channel::kPhone);
    scenario.abusive =
        internal::ReadFlag(problems, line, "abusive", columns.Cell(row, "abusive"), false)
            .value_or(false);
    scenarios.push_back(std::move(scenario));
  });
  if (!rows) return rows.error();
  if (!problems.empty()) return problems.ToError();

  ImportReport report;
  report.rows = *rows;
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    Result<std::vector<org::Scenario>> existing = storage.organisation().ListScenarios();
    if (!existing) return existing.error();
    std::tie(report.created, report.updated) =
        CountCreatedUpdated(scenarios, *existing, [](const org::Scenario& s) { return s.code; });
    return storage.organisation().SaveScenarios(scenarios);
  });
  if (!saved) return saved.error();
  return report;
}

Result<ImportReport> ImportHolidays(tables::TableSource& source, ports::Storage& storage) {
  ImportProblems problems(source.name());
  const ColumnMap columns(source.header(), {"date", "name_ko"}, {"name_en", "kind"}, problems);
  if (!problems.empty()) return problems.ToError();
  std::vector<campaign::Holiday> holidays;
  SeenCodes seen;
  Result<long> rows = ForEachRow(source, problems, {}, [&](const tables::TableRow& row) {
    const std::string_view date_text = columns.Cell(row, "date");
    const auto date = ParseDate(date_text);
    if (!date) {
      problems.Add(row.line, "date",
                   "must be a date as YYYY-MM-DD, got \"" + std::string(date_text) + "\"");
      return;
    }
    seen.Check(problems, row.line, "date", date_text);
    RequireText(problems, row.line, "name_ko", columns.Cell(row, "name_ko"));
    holidays.push_back({*date, std::string(columns.Cell(row, "name_ko")),
                        std::string(columns.Cell(row, "name_en")),
                        std::string(columns.Cell(row, "kind"))});
  });
  return SaveEveryRow(rows, problems, storage,
                      [&] { return storage.calendar().ReplaceHolidays(holidays); });
}

}  // namespace chinjeol::programme
