#include "adapters/storage/sql_calendar_repository.hpp"

#include <set>

#include "adapters/storage/row_reading.hpp"

namespace chinjeol::storage {

Result<void> SqlCalendarRepository::ReplaceHolidays(
    const std::vector<campaign::Holiday>& holidays) {
  std::set<int> days;
  std::vector<FieldViolation> repeated;
  for (const campaign::Holiday& holiday : holidays) {
    if (!days.insert(DayNumber(holiday.date)).second) {
      repeated.emplace_back("date", FormatDate(holiday.date) + " is listed twice");
    }
  }
  if (!repeated.empty()) return InvalidArgument("holidays repeat a date", std::move(repeated));
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    if (Result<void> cleared = connection.Execute("DELETE FROM holidays"); !cleared) {
      return cleared;
    }
    Result<sql::Statement*> insert = connection.Prepare(
        "INSERT INTO holidays (date, name_ko, name_en, kind) VALUES (?, ?, ?, ?)");
    if (!insert) return insert.error();
    for (const campaign::Holiday& holiday : holidays) {
      if (Result<void> saved = (*insert)->Execute(
              {FormatDate(holiday.date), holiday.name_ko, holiday.name_en, holiday.kind});
          !saved) {
        return saved;
      }
    }
    return Ok();
  });
}

Result<std::vector<campaign::Holiday>> SqlCalendarRepository::ListHolidays() const {
  auto lock = database_.Lock();
  std::vector<campaign::Holiday> holidays;
  Result<void> listed = database_.connection().Query(
      "SELECT date, name_ko, name_en, kind FROM holidays ORDER BY date", {},
      [&](const sql::Row& row) -> Result<void> {
        Result<Date> date = ReadDate(row.Text(0), "holidays.date");
        if (!date) return date.error();
        holidays.push_back({*date, row.String(1), row.String(2), row.String(3)});
        return Ok();
      });
  if (!listed) return listed.error();
  return holidays;
}

Result<void> SqlCalendarRepository::AddClosure(const campaign::Closure& closure) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    std::optional<std::int64_t> department_id;
    if (!closure.department_code.empty()) {
      Result<std::optional<std::int64_t>> found = connection.QueryInt64(
          "SELECT id FROM departments WHERE code = ?", {closure.department_code});
      if (!found) return found.error();
      if (!*found) {
        return InvalidArgument("unknown department",
                               {{"department_code", "no department " + closure.department_code}});
      }
      department_id = *found;
    }
    const std::string date = FormatDate(closure.date);
    // IS NOT DISTINCT FROM matches NULL with NULL (PostgreSQL, and SQLite from 3.39).
    if (Result<void> removed = connection.Execute(
            "DELETE FROM closures WHERE date = ? AND department_id IS NOT DISTINCT FROM ?",
            {date, department_id});
        !removed) {
      return removed;
    }
    return connection.Execute("INSERT INTO closures (date, department_id, reason) VALUES (?, ?, ?)",
                              {date, department_id, closure.reason});
  });
}

Result<std::vector<campaign::Closure>> SqlCalendarRepository::ListClosures() const {
  auto lock = database_.Lock();
  std::vector<campaign::Closure> closures;
  Result<void> listed = database_.connection().Query(
      "SELECT c.date, d.code, c.reason FROM closures c "
      "LEFT JOIN departments d ON d.id = c.department_id "
      "ORDER BY c.date, CASE WHEN d.code IS NULL THEN 0 ELSE 1 END, d.code",
      {}, [&](const sql::Row& row) -> Result<void> {
        Result<Date> date = ReadDate(row.Text(0), "closures.date");
        if (!date) return date.error();
        closures.push_back({*date, row.String(1), row.String(2)});
        return Ok();
      });
  if (!listed) return listed.error();
  return closures;
}

}  // namespace chinjeol::storage
