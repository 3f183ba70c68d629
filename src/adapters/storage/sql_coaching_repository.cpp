#include "adapters/storage/sql_coaching_repository.hpp"

#include <map>

#include "adapters/storage/row_reading.hpp"
#include "core/common/text.hpp"

namespace chinjeol::storage {
namespace {

Result<std::int64_t> EmployeeId(const IdMap& ids, const std::string& employee_no) {
  const auto found = ids.find(employee_no);
  if (found == ids.end()) {
    return InvalidArgument("unknown employee " + employee_no,
                           {{"employee_no", "no employee " + employee_no}});
  }
  return found->second;
}

}  // namespace

Result<void> SqlCoachingRepository::SaveTrainingSessions(
    const std::vector<coaching::TrainingSession>& sessions) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<IdMap> employees = LoadIds(connection, "SELECT employee_no, id FROM employees");
    if (!employees) return employees.error();
    Result<sql::Statement*> attend = connection.Prepare(
        "INSERT INTO training_attendance (session_id, employee_id) VALUES (?, ?)");
    if (!attend) return attend.error();
    for (const coaching::TrainingSession& session : sessions) {
      if (Result<void> removed =
              connection.Execute("DELETE FROM training_sessions WHERE code = ?", {session.code});
          !removed) {
        return removed;
      }
      if (Result<void> added = connection.Execute(
              "INSERT INTO training_sessions (code, held_on, topic, instructor, items) "
              "VALUES (?, ?, ?, ?, ?)",
              {session.code, FormatDate(session.date), session.topic, session.instructor,
               Join(session.items, ";")});
          !added) {
        return added;
      }
      Result<std::optional<std::int64_t>> id =
          connection.QueryInt64("SELECT id FROM training_sessions WHERE code = ?", {session.code});
      if (!id) return id.error();
      if (!*id) return Internal("training session " + session.code + " was not saved");
      for (const std::string& employee_no : session.attendees) {
        Result<std::int64_t> employee = EmployeeId(*employees, employee_no);
        if (!employee) return employee.error();
        if (Result<void> saved = (*attend)->Execute({**id, *employee}); !saved) return saved;
      }
    }
    return Ok();
  });
}

Result<std::vector<coaching::TrainingSession>> SqlCoachingRepository::ListTrainingSessions() const {
  auto lock = database_.Lock();
  std::vector<coaching::TrainingSession> sessions;
  std::map<std::int64_t, std::size_t> index;
  Result<void> listed = database_.connection().Query(
      "SELECT id, code, held_on, topic, instructor, items FROM training_sessions "
      "ORDER BY held_on, code",
      {}, [&](const sql::Row& row) -> Result<void> {
        Result<Date> date = ReadDate(row.Text(2), "training_sessions.held_on");
        if (!date) return date.error();
        index[row.Int64(0)] = sessions.size();
        sessions.push_back(
            {row.String(1), *date, row.String(3), row.String(4), SplitList(row.Text(5), ';'), {}});
        return Ok();
      });
  if (!listed) return listed.error();
  listed = database_.connection().Query(
      "SELECT a.session_id, e.employee_no FROM training_attendance a "
      "JOIN employees e ON e.id = a.employee_id ORDER BY e.employee_no",
      {}, [&](const sql::Row& row) -> Result<void> {
        const auto found = index.find(row.Int64(0));
        if (found != index.end()) sessions[found->second].attendees.push_back(row.String(1));
        return Ok();
      });
  if (!listed) return listed.error();
  return sessions;
}

Result<void> SqlCoachingRepository::AddCoachingSessions(
    const std::vector<coaching::CoachingSession>& sessions) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<IdMap> employees = LoadIds(connection, "SELECT employee_no, id FROM employees");
    if (!employees) return employees.error();
    Result<sql::Statement*> insert = connection.Prepare(
        "INSERT INTO coaching_sessions (employee_id, coach, held_on, items, notes) "
        "VALUES (?, ?, ?, ?, ?)");
    if (!insert) return insert.error();
    for (const coaching::CoachingSession& session : sessions) {
      Result<std::int64_t> employee = EmployeeId(*employees, session.employee_no);
      if (!employee) return employee.error();
      if (Result<void> saved =
              (*insert)->Execute({*employee, session.coach, FormatDate(session.date),
                                  Join(session.items, ";"), session.notes});
          !saved) {
        return saved;
      }
    }
    return Ok();
  });
}

Result<std::vector<coaching::CoachingSession>> SqlCoachingRepository::ListCoachingSessions(
    const std::optional<std::string>& employee_no) const {
  auto lock = database_.Lock();
  std::vector<coaching::CoachingSession> sessions;
  const auto read = [&](const sql::Row& row) -> Result<void> {
    Result<Date> date = ReadDate(row.Text(3), "coaching_sessions.held_on");
    if (!date) return date.error();
    sessions.push_back({row.Int64(0), row.String(1), row.String(2), *date,
                        SplitList(row.Text(4), ';'), row.String(5)});
    return Ok();
  };
  const std::string select =
      "SELECT s.id, e.employee_no, s.coach, s.held_on, s.items, s.notes FROM coaching_sessions s "
      "JOIN employees e ON e.id = s.employee_id ";
  Result<void> listed =
      employee_no
          ? database_.connection().Query(
                select + "WHERE e.employee_no = ? ORDER BY s.held_on, s.id", {*employee_no}, read)
          : database_.connection().Query(select + "ORDER BY s.held_on, s.id", {}, read);
  if (!listed) return listed.error();
  return sessions;
}

}  // namespace chinjeol::storage
