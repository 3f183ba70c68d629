#include "core/publication/training.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/common/text.hpp"

namespace chinjeol::publication {
namespace {

constexpr std::size_t kMaxCodeBytes = 40;
constexpr std::size_t kMaxTopicBytes = 200;
constexpr std::size_t kMaxInstructorBytes = 100;
constexpr std::size_t kMaxItems = 50;
constexpr std::size_t kMaxAttendees = 5000;

void CheckText(std::vector<FieldViolation>& problems, const std::string& field,
               std::string_view text, std::size_t max_bytes, bool required) {
  if (required && Trim(text).empty()) {
    problems.push_back({field, "must not be empty"});
  } else if (text.size() > max_bytes) {
    problems.push_back({field, "at most " + std::to_string(max_bytes) + " bytes"});
  } else if (!IsValidUtf8(text)) {
    problems.push_back({field, "must be UTF-8"});
  }
}

// Checks each entry of a list: known, not repeated.
void CheckList(std::vector<FieldViolation>& problems, const std::string& field,
               const std::vector<std::string>& entries, std::size_t max_entries,
               const std::set<std::string>& known, const char* unknown) {
  if (entries.size() > max_entries) {
    problems.push_back({field, "at most " + std::to_string(max_entries) + " entries"});
    return;
  }
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string path = field + "/" + std::to_string(i);
    if (!known.contains(entries[i])) {
      problems.push_back({path, unknown});
      continue;
    }
    const auto [first, added] = seen.emplace(entries[i], i);
    if (!added) {
      problems.push_back({path, "repeats " + field + "/" + std::to_string(first->second)});
    }
  }
}

Error AdminOnly() { return PermissionDenied("이 일은 관리자만 할 수 있습니다"); }

using ItemNames = std::map<std::string, rubric::Wording>;

Result<ItemNames> LoadItemNames(ports::Storage& storage) {
  Result<std::vector<rubric::Rubric>> rubrics = storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();
  ItemNames names;
  for (const rubric::Rubric& rubric : *rubrics) {
    for (const rubric::Item& item : rubric.items) {
      names.insert_or_assign(item.id, rubric::Wording{item.name_ko, item.name_en});
    }
  }
  return names;
}

TrainingView MakeView(const ItemNames& names, coaching::TrainingSession session) {
  TrainingView view;
  for (const std::string& item : session.items) {
    const auto found = names.find(item);
    view.item_names.push_back(found == names.end() ? rubric::Wording{item, item} : found->second);
  }
  view.session = std::move(session);
  return view;
}

}  // namespace

std::vector<FieldViolation> CheckTrainingSession(const coaching::TrainingSession& session,
                                                 const std::set<std::string>& known_items,
                                                 const std::set<std::string>& known_employees) {
  std::vector<FieldViolation> problems;
  CheckText(problems, "code", session.code, kMaxCodeBytes, true);
  if (!session.date.ok()) problems.push_back({"date", "a date YYYY-MM-DD"});
  CheckText(problems, "topic", session.topic, kMaxTopicBytes, true);
  CheckText(problems, "instructor", session.instructor, kMaxInstructorBytes, false);
  CheckList(problems, "items", session.items, kMaxItems, known_items, "not an item of any rubric");
  if (session.attendees.empty()) {
    problems.push_back({"attendees", "at least one attendee"});
  } else {
    CheckList(problems, "attendees", session.attendees, kMaxAttendees, known_employees,
              "no such employee");
  }
  return problems;
}

Result<std::vector<TrainingView>> ListTraining(ports::Storage& storage, const auth::Actor& actor) {
  if (actor.role != auth::Role::kAdmin) return AdminOnly();
  Result<ItemNames> names = LoadItemNames(storage);
  if (!names) return names.error();
  Result<std::vector<coaching::TrainingSession>> sessions =
      storage.coaching().ListTrainingSessions();
  if (!sessions) return sessions.error();
  std::vector<TrainingView> views;
  for (coaching::TrainingSession& session : *sessions) {
    views.push_back(MakeView(*names, std::move(session)));
  }
  return views;
}

Result<TrainingView> RecordTraining(ports::Storage& storage, const auth::Actor& actor,
                                    const coaching::TrainingSession& session,
                                    const AuditRecorder& record) {
  if (actor.role != auth::Role::kAdmin) return AdminOnly();
  Result<ItemNames> names = LoadItemNames(storage);
  if (!names) return names.error();
  Result<std::vector<org::Employee>> employees = storage.organisation().ListEmployees();
  if (!employees) return employees.error();
  std::set<std::string> known_items, known_employees;
  for (const auto& [id, name] : *names) known_items.insert(id);
  for (const org::Employee& employee : *employees) known_employees.insert(employee.employee_no);
  std::vector<FieldViolation> problems =
      CheckTrainingSession(session, known_items, known_employees);
  if (!problems.empty()) return InvalidArgument("교육 기록을 확인해 주세요", std::move(problems));

  coaching::TrainingSession saved_session = session;
  saved_session.code = std::string(Trim(session.code));
  saved_session.topic = std::string(Trim(session.topic));
  saved_session.instructor = std::string(Trim(session.instructor));
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    if (Result<void> done = storage.coaching().SaveTrainingSessions({saved_session}); !done) {
      return done;
    }
    return record ? record(auth::kSubjectEmployees, "*",
                           "training session " + saved_session.code + " recorded with " +
                               std::to_string(saved_session.attendees.size()) + " attendees")
                  : Ok();
  });
  if (!saved) return saved.error();
  Result<std::vector<coaching::TrainingSession>> stored = storage.coaching().ListTrainingSessions();
  if (!stored) return stored.error();
  for (coaching::TrainingSession& known : *stored) {
    if (known.code == saved_session.code) return MakeView(*names, std::move(known));
  }
  return MakeView(*names, std::move(saved_session));
}

Result<TrainingCompletionReport> TrainingCompletion(ports::Storage& storage,
                                                    const auth::Actor& actor) {
  if (actor.role != auth::Role::kAdmin) return AdminOnly();
  Result<std::vector<org::Department>> departments = storage.organisation().ListDepartments();
  if (!departments) return departments.error();
  Result<std::vector<org::Employee>> employees = storage.organisation().ListEmployees();
  if (!employees) return employees.error();
  Result<std::vector<coaching::TrainingSession>> sessions =
      storage.coaching().ListTrainingSessions();
  if (!sessions) return sessions.error();
  std::unordered_set<std::string> attended;
  for (const coaching::TrainingSession& session : *sessions) {
    attended.insert(session.attendees.begin(), session.attendees.end());
  }
  std::map<std::string, CompletionRow> rows;
  for (const org::Department& department : *departments) {
    rows[department.code] = CompletionRow{department.code, department.name, 0, 0, 0};
  }
  TrainingCompletionReport report;
  for (const org::Employee& employee : *employees) {
    if (!employee.active) continue;
    CompletionRow& row = rows[employee.department_code];
    if (row.department_code.empty()) {
      row.department_code = employee.department_code;
      row.department_name = employee.department_code;
    }
    const bool trained = attended.contains(employee.employee_no);
    ++row.employees;
    ++report.total.employees;
    if (trained) {
      ++row.trained;
      ++report.total.trained;
    }
  }
  const auto share = [](CompletionRow& row) {
    row.share = row.employees > 0 ? static_cast<double>(row.trained) / row.employees : 0.0;
  };
  for (auto& [code, row] : rows) {
    share(row);
    report.departments.push_back(std::move(row));
  }
  share(report.total);
  return report;
}

Result<TrainingHistoryView> TrainingHistory(ports::Storage& storage, const auth::Actor& actor,
                                            std::string_view employee_no) {
  const auto outside = [] { return PermissionDenied("이 직원의 교육 이력을 볼 수 없습니다"); };
  switch (actor.role) {
    case auth::Role::kAdmin:
    case auth::Role::kEmployee:
    case auth::Role::kDepartmentHead:
    case auth::Role::kCoach:
      break;
    default:
      return outside();
  }
  if (actor.role == auth::Role::kEmployee && actor.employee_no != employee_no) return outside();
  Result<std::vector<org::Employee>> employees = storage.organisation().ListEmployees();
  if (!employees) return employees.error();
  const auto employee = std::find_if(employees->begin(), employees->end(),
                                     [&](const auto& e) { return e.employee_no == employee_no; });
  if (employee == employees->end()) {
    if (actor.role == auth::Role::kAdmin) return NotFound("직원을 찾을 수 없습니다");
    return outside();
  }
  if (actor.role == auth::Role::kDepartmentHead &&
      (actor.department_code.empty() || employee->department_code != actor.department_code)) {
    return outside();
  }
  if (actor.role == auth::Role::kCoach) {
    Result<std::vector<std::string>> caseload = storage.users().ListCaseload(actor.user_id);
    if (!caseload) return caseload.error();
    if (std::find(caseload->begin(), caseload->end(), employee_no) == caseload->end()) {
      return outside();
    }
  }
  Result<ItemNames> names = LoadItemNames(storage);
  if (!names) return names.error();
  Result<std::vector<coaching::TrainingSession>> sessions =
      storage.coaching().ListTrainingSessions();
  if (!sessions) return sessions.error();
  TrainingHistoryView history;
  history.employee_no = employee->employee_no;
  history.employee_name = employee->name;
  for (coaching::TrainingSession& session : *sessions) {
    if (std::find(session.attendees.begin(), session.attendees.end(), employee_no) ==
        session.attendees.end()) {
      continue;
    }
    history.sessions.push_back(MakeView(*names, std::move(session)));
  }
  return history;
}

}  // namespace chinjeol::publication
