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

std::optional<std::string> OptionalDate(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return FormatDate(*date);
}

std::optional<std::string> OptionalDateTime(const std::optional<LocalDateTime>& at) {
  if (!at) return std::nullopt;
  return FormatLocalDateTime(*at);
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
    for (const coaching::CoachingSession& session : sessions) {
      Result<std::int64_t> employee = EmployeeId(*employees, session.employee_no);
      if (!employee) return employee.error();
      std::int64_t id = 0;
      Result<void> added = connection.Query(
          "INSERT INTO coaching_sessions (employee_id, coach, held_on, items, notes, plan_id, "
          "coach_user_id, private_notes, follow_up_on, coach_confirmed_at, employee_confirmed_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {*employee, session.coach, FormatDate(session.date), Join(session.items, ";"),
           session.notes, session.plan_id, session.coach_user_id, session.private_notes,
           OptionalDate(session.follow_up_on), OptionalDateTime(session.coach_confirmed_at),
           OptionalDateTime(session.employee_confirmed_at)},
          [&](const sql::Row& row) -> Result<void> {
            id = row.Int64(0);
            return Ok();
          });
      if (!added) return added;
      for (std::size_t i = 0; i < session.discussed.size(); ++i) {
        if (Result<void> point = connection.Execute(
                "INSERT INTO coaching_discussion (session_id, position, item_id, note) "
                "VALUES (?, ?, ?, ?)",
                {id, static_cast<long>(i), session.discussed[i].item_id,
                 session.discussed[i].note});
            !point) {
          return point;
        }
      }
      for (const coaching::ActionPoint& action : session.actions) {
        if (Result<void> saved = connection.Execute(
                "INSERT INTO coaching_actions (session_id, text, due_on, done_on) "
                "VALUES (?, ?, ?, ?)",
                {id, action.text, FormatDate(action.due_on), OptionalDate(action.done_on)});
            !saved) {
          return saved;
        }
      }
    }
    return Ok();
  });
}

Result<std::vector<coaching::CoachingSession>> SqlCoachingRepository::SelectSessions(
    const std::string& where, std::initializer_list<sql::Param> params) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  std::vector<coaching::CoachingSession> sessions;
  std::map<std::int64_t, std::size_t> index;
  Result<void> listed = connection.Query(
      "SELECT s.id, e.employee_no, s.coach, s.held_on, s.items, s.notes, s.plan_id, "
      "s.coach_user_id, s.private_notes, s.follow_up_on, s.coach_confirmed_at, "
      "s.employee_confirmed_at FROM coaching_sessions s "
      "JOIN employees e ON e.id = s.employee_id " +
          where + " ORDER BY s.held_on, s.id",
      params, [&](const sql::Row& row) -> Result<void> {
        coaching::CoachingSession session;
        Result<Date> date = ReadDate(row.Text(3), "coaching_sessions.held_on");
        if (!date) return date.error();
        session.id = row.Int64(0);
        session.employee_no = row.String(1);
        session.coach = row.String(2);
        session.date = *date;
        session.items = SplitList(row.Text(4), ';');
        session.notes = row.String(5);
        if (!row.IsNull(6)) session.plan_id = row.Int64(6);
        if (!row.IsNull(7)) session.coach_user_id = row.Int64(7);
        session.private_notes = row.String(8);
        if (!row.IsNull(9)) {
          Result<Date> follow = ReadDate(row.Text(9), "coaching_sessions.follow_up_on");
          if (!follow) return follow.error();
          session.follow_up_on = *follow;
        }
        for (const auto& [column, target] : {std::pair{10, &session.coach_confirmed_at},
                                             std::pair{11, &session.employee_confirmed_at}}) {
          if (row.IsNull(column)) continue;
          Result<LocalDateTime> at = ReadDateTime(row.Text(column), "coaching_sessions.confirmed");
          if (!at) return at.error();
          *target = *at;
        }
        index[session.id] = sessions.size();
        sessions.push_back(std::move(session));
        return Ok();
      });
  if (!listed) return listed.error();
  if (sessions.empty()) return sessions;
  listed = connection.Query(
      "SELECT d.session_id, d.item_id, d.note FROM coaching_discussion d "
      "JOIN coaching_sessions s ON s.id = d.session_id JOIN employees e ON e.id = s.employee_id " +
          where + " ORDER BY d.session_id, d.position",
      params, [&](const sql::Row& row) -> Result<void> {
        const auto found = index.find(row.Int64(0));
        if (found != index.end()) {
          sessions[found->second].discussed.push_back({row.String(1), row.String(2)});
        }
        return Ok();
      });
  if (!listed) return listed.error();
  listed = connection.Query(
      "SELECT a.session_id, a.id, a.text, a.due_on, a.done_on FROM coaching_actions a "
      "JOIN coaching_sessions s ON s.id = a.session_id JOIN employees e ON e.id = s.employee_id " +
          where + " ORDER BY a.session_id, a.id",
      params, [&](const sql::Row& row) -> Result<void> {
        const auto found = index.find(row.Int64(0));
        if (found == index.end()) return Ok();
        Result<Date> due = ReadDate(row.Text(3), "coaching_actions.due_on");
        if (!due) return due.error();
        coaching::ActionPoint action{row.Int64(1), row.String(2), *due, std::nullopt};
        if (!row.IsNull(4)) {
          Result<Date> done = ReadDate(row.Text(4), "coaching_actions.done_on");
          if (!done) return done.error();
          action.done_on = *done;
        }
        sessions[found->second].actions.push_back(std::move(action));
        return Ok();
      });
  if (!listed) return listed.error();
  return sessions;
}

Result<std::vector<coaching::CoachingSession>> SqlCoachingRepository::ListCoachingSessions(
    const std::optional<std::string>& employee_no) const {
  if (employee_no) return SelectSessions("WHERE e.employee_no = ?", {*employee_no});
  return SelectSessions("", {});
}

Result<std::optional<coaching::CoachingSession>> SqlCoachingRepository::FindCoachingSession(
    std::int64_t id) const {
  Result<std::vector<coaching::CoachingSession>> found = SelectSessions("WHERE s.id = ?", {id});
  if (!found) return found.error();
  if (found->empty()) return std::optional<coaching::CoachingSession>();
  return std::optional<coaching::CoachingSession>(std::move(found->front()));
}

Result<std::optional<std::int64_t>> SqlCoachingRepository::FindSessionOfAction(
    std::int64_t action_id) const {
  auto lock = database_.Lock();
  return database_.connection().QueryInt64("SELECT session_id FROM coaching_actions WHERE id = ?",
                                           {action_id});
}

Result<void> SqlCoachingRepository::ConfirmSession(std::int64_t id, bool by_employee,
                                                   const LocalDateTime& at) {
  return database_.Atomic([&]() -> Result<void> {
    return database_.connection().Execute(
        by_employee ? "UPDATE coaching_sessions SET employee_confirmed_at = ? WHERE id = ? AND "
                      "employee_confirmed_at IS NULL"
                    : "UPDATE coaching_sessions SET coach_confirmed_at = ? WHERE id = ? AND "
                      "coach_confirmed_at IS NULL",
        {FormatLocalDateTime(at), id});
  });
}

Result<void> SqlCoachingRepository::CompleteAction(std::int64_t action_id, const Date& done_on) {
  return database_.Atomic([&]() -> Result<void> {
    return database_.connection().Execute(
        "UPDATE coaching_actions SET done_on = ? WHERE id = ? AND done_on IS NULL",
        {FormatDate(done_on), action_id});
  });
}

Result<long> SqlCoachingRepository::AddPlans(const std::vector<coaching::StoredPlan>& plans) {
  long added = 0;
  Result<void> saved = database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<IdMap> employees = LoadIds(connection, "SELECT employee_no, id FROM employees");
    if (!employees) return employees.error();
    for (const coaching::StoredPlan& plan : plans) {
      Result<std::int64_t> employee = EmployeeId(*employees, plan.employee_no);
      if (!employee) return employee.error();
      Result<std::optional<std::int64_t>> campaign =
          connection.QueryInt64("SELECT id FROM campaigns WHERE code = ?", {plan.campaign_code});
      if (!campaign) return campaign.error();
      if (!*campaign) return NotFound("no campaign " + plan.campaign_code);
      Result<std::optional<std::int64_t>> existing = connection.QueryInt64(
          "SELECT id FROM coaching_plans WHERE campaign_id = ? AND employee_id = ?",
          {**campaign, *employee});
      if (!existing) return existing.error();
      if (*existing) continue;
      std::int64_t id = 0;
      Result<void> inserted = connection.Query(
          "INSERT INTO coaching_plans (campaign_id, employee_id, state, adjusted, ci90_low, "
          "ci90_high, reason_ko, reason_en, coach_user_id, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {**campaign, *employee, coaching::PlanStateCode(plan.state), plan.adjusted, plan.ci90_low,
           plan.ci90_high, plan.reason_ko, plan.reason_en, plan.coach_user_id,
           FormatLocalDateTime(plan.created_at)},
          [&](const sql::Row& row) -> Result<void> {
            id = row.Int64(0);
            return Ok();
          });
      if (!inserted) return inserted;
      for (std::size_t i = 0; i < plan.items.size(); ++i) {
        const coaching::ItemFinding& item = plan.items[i];
        if (Result<void> saved_item = connection.Execute(
                "INSERT INTO coaching_plan_items (plan_id, position, item_id, contacts, "
                "achievement, peer_mean, shrunken_gap, probability_weak) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                {id, static_cast<long>(i), item.item_id, item.contacts, item.achievement,
                 item.peer_mean, item.shrunken_gap, item.probability_weak});
            !saved_item) {
          return saved_item;
        }
      }
      ++added;
    }
    return Ok();
  });
  if (!saved) return saved.error();
  return added;
}

Result<std::vector<coaching::StoredPlan>> SqlCoachingRepository::SelectPlans(
    const std::string& where, std::vector<sql::Param> params) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  std::vector<coaching::StoredPlan> plans;
  std::map<std::int64_t, std::size_t> index;
  const auto query = [&](const std::string& text, const sql::RowVisitor& visit) -> Result<void> {
    Result<sql::Statement*> statement = connection.Prepare(text);
    if (!statement) return statement.error();
    return (*statement)->Query(std::span<const sql::Param>(params), visit);
  };
  Result<void> listed = query(
      "SELECT p.id, c.code, e.employee_no, e.name, d.code, p.state, p.adjusted, p.ci90_low, "
      "p.ci90_high, p.reason_ko, p.reason_en, p.coach_user_id, p.created_at, p.confirmed_at "
      "FROM coaching_plans p JOIN campaigns c ON c.id = p.campaign_id "
      "JOIN employees e ON e.id = p.employee_id JOIN departments d ON d.id = e.department_id " +
          where + " ORDER BY p.id",
      [&](const sql::Row& row) -> Result<void> {
        coaching::StoredPlan plan;
        plan.id = row.Int64(0);
        plan.campaign_code = row.String(1);
        plan.employee_no = row.String(2);
        plan.employee_name = row.String(3);
        plan.department_code = row.String(4);
        const std::string_view state = row.Text(5);
        plan.state = state == "confirmed" ? coaching::PlanState::kConfirmed
                     : state == "closed"  ? coaching::PlanState::kClosed
                                          : coaching::PlanState::kProposed;
        plan.adjusted = row.OptionalDouble(6);
        plan.ci90_low = row.OptionalDouble(7);
        plan.ci90_high = row.OptionalDouble(8);
        plan.reason_ko = row.String(9);
        plan.reason_en = row.String(10);
        if (!row.IsNull(11)) plan.coach_user_id = row.Int64(11);
        Result<LocalDateTime> created = ReadDateTime(row.Text(12), "coaching_plans.created_at");
        if (!created) return created.error();
        plan.created_at = *created;
        if (!row.IsNull(13)) {
          Result<LocalDateTime> confirmed =
              ReadDateTime(row.Text(13), "coaching_plans.confirmed_at");
          if (!confirmed) return confirmed.error();
          plan.confirmed_at = *confirmed;
        }
        index[plan.id] = plans.size();
        plans.push_back(std::move(plan));
        return Ok();
      });
  if (!listed) return listed.error();
  if (plans.empty()) return plans;
  listed = query(
      "SELECT i.plan_id, i.item_id, i.contacts, i.achievement, i.peer_mean, i.shrunken_gap, "
      "i.probability_weak FROM coaching_plan_items i JOIN coaching_plans p ON p.id = i.plan_id "
      "JOIN campaigns c ON c.id = p.campaign_id JOIN employees e ON e.id = p.employee_id "
      "JOIN departments d ON d.id = e.department_id " +
          where + " ORDER BY i.plan_id, i.position",
      [&](const sql::Row& row) -> Result<void> {
        const auto found = index.find(row.Int64(0));
        if (found != index.end()) {
          plans[found->second].items.push_back({row.String(1), row.Int(2), row.Double(3),
                                                row.Double(4), row.Double(5), row.Double(6)});
        }
        return Ok();
      });
  if (!listed) return listed.error();
  return plans;
}

Result<std::vector<coaching::StoredPlan>> SqlCoachingRepository::ListPlans(
    std::string_view campaign_code, const PlanFilter& filter) const {
  std::string where = "WHERE c.code = ?";
  std::vector<sql::Param> params{std::string(campaign_code)};
  if (filter.employee_no) {
    where += " AND e.employee_no = ?";
    params.emplace_back(*filter.employee_no);
  }
  if (filter.department_code) {
    where += " AND d.code = ?";
    params.emplace_back(*filter.department_code);
  }
  if (filter.coach_user_id) {
    where += " AND p.coach_user_id = ?";
    params.emplace_back(*filter.coach_user_id);
  }
  return SelectPlans(where, std::move(params));
}

Result<std::optional<coaching::StoredPlan>> SqlCoachingRepository::FindPlan(std::int64_t id) const {
  Result<std::vector<coaching::StoredPlan>> found = SelectPlans("WHERE p.id = ?", {id});
  if (!found) return found.error();
  if (found->empty()) return std::optional<coaching::StoredPlan>();
  return std::optional<coaching::StoredPlan>(std::move(found->front()));
}

Result<void> SqlCoachingRepository::ConfirmPlan(std::int64_t id, std::int64_t coach_user_id,
                                                const LocalDateTime& at) {
  return database_.Atomic([&]() -> Result<void> {
    Result<std::optional<std::int64_t>> changed = database_.connection().QueryInt64(
        "UPDATE coaching_plans SET state = 'confirmed', coach_user_id = ?, confirmed_at = ? "
        "WHERE id = ? AND state = 'proposed' RETURNING id",
        {coach_user_id, FormatLocalDateTime(at), id});
    if (!changed) return changed.error();
    if (!*changed) return FailedPrecondition("the plan is not a proposal any more");
    return Ok();
  });
}

Result<std::vector<coaching::PracticeModule>> SqlCoachingRepository::ListLibraryEdits() const {
  auto lock = database_.Lock();
  std::vector<coaching::PracticeModule> modules;
  Result<void> listed = database_.connection().Query(
      "SELECT item_id, title_ko, title_en, good_ko, good_en, practice_ko, practice_en "
      "FROM coaching_library ORDER BY item_id",
      {}, [&](const sql::Row& row) -> Result<void> {
        modules.push_back({row.String(0), row.String(1), row.String(2), row.String(3),
                           row.String(4), row.String(5), row.String(6)});
        return Ok();
      });
  if (!listed) return listed.error();
  return modules;
}

Result<void> SqlCoachingRepository::SaveLibraryModule(const coaching::PracticeModule& module) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    if (Result<void> removed =
            connection.Execute("DELETE FROM coaching_library WHERE item_id = ?", {module.item_id});
        !removed) {
      return removed;
    }
    return connection.Execute(
        "INSERT INTO coaching_library (item_id, title_ko, title_en, good_ko, good_en, "
        "practice_ko, practice_en) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {module.item_id, module.title_ko, module.title_en, module.good_ko, module.good_en,
         module.practice_ko, module.practice_en});
  });
}

}  // namespace chinjeol::storage
