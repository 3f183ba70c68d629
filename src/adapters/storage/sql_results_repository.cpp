#include "adapters/storage/sql_results_repository.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>

#include "adapters/storage/row_reading.hpp"
#include "adapters/storage/sql_rubric_repository.hpp"
#include "core/common/text.hpp"

namespace chinjeol::storage {
namespace {

Result<std::int64_t> FindCampaign(sql::Connection& connection, std::string_view code) {
  Result<std::optional<std::int64_t>> id =
      connection.QueryInt64("SELECT id FROM campaigns WHERE code = ?", {code});
  if (!id) return id.error();
  if (!*id) return NotFound("no campaign " + std::string(code));
  return **id;
}

// Runs `sql` with a parameter list built at run time.
Result<void> QueryWith(sql::Connection& connection, const std::string& sql,
                       const std::vector<sql::Param>& params, const sql::RowVisitor& visit) {
  Result<sql::Statement*> statement = connection.Prepare(sql);
  if (!statement) return statement.error();
  return (*statement)->Query(std::span<const sql::Param>(params.data(), params.size()), visit);
}

std::optional<bool> OptionalBool(const sql::Row& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Bool(column);
}

// "10,7,na,..." (rubric::EncodeItemPoints) into points per item; "na" is empty.
void ParseItemPoints(std::string_view text, std::vector<std::optional<double>>& points) {
  points.clear();
  while (true) {
    const std::size_t comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    double value = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (error == std::errc() && end == part.data() + part.size() && !part.empty()) {
      points.emplace_back(value);
    } else {
      points.emplace_back();
    }
    if (comma == std::string_view::npos) return;
    text.remove_prefix(comma + 1);
  }
}

constexpr std::string_view kObjectionColumns =
    "SELECT o.id, o.evaluation_id, ev.code, c.code, e.employee_no, e.name, d.code, o.reason, "
    "o.filed_at, o.state, o.decision_reason, o.decided_at FROM objections o "
    "JOIN evaluations ev ON ev.id = o.evaluation_id JOIN campaigns c ON c.id = o.campaign_id "
    "JOIN employees e ON e.id = o.employee_id JOIN departments d ON d.id = e.department_id ";

Result<results::Objection> ReadObjection(const sql::Row& row) {
  results::Objection objection;
  objection.id = row.Int64(0);
  objection.evaluation_id = row.Int64(1);
  objection.evaluation_code = row.String(2);
  objection.campaign_code = row.String(3);
  objection.employee_no = row.String(4);
  objection.employee_name = row.String(5);
  objection.department_code = row.String(6);
  objection.reason = row.String(7);
  Result<LocalDateTime> filed = ReadDateTime(row.Text(8), "objections.filed_at");
  if (!filed) return filed.error();
  objection.filed_at = *filed;
  std::optional<results::ObjectionState> state = results::ParseObjectionState(row.Text(9));
  if (!state) return Internal("unknown objection state " + row.String(9));
  objection.state = *state;
  objection.decision_reason = row.String(10);
  if (!row.IsNull(11)) {
    Result<LocalDateTime> decided = ReadDateTime(row.Text(11), "objections.decided_at");
    if (!decided) return decided.error();
    objection.decided_at = *decided;
  }
  return objection;
}

}  // namespace

Result<std::optional<results::ResultsRelease>> SqlResultsRepository::FindRelease(
    std::string_view campaign_code) const {
  auto lock = database_.Lock();
  std::optional<results::ResultsRelease> release;
  Result<void> read = database_.connection().Query(
      "SELECT r.released_at, r.objection_deadline FROM result_releases r "
      "JOIN campaigns c ON c.id = r.campaign_id WHERE c.code = ?",
      {campaign_code}, [&](const sql::Row& row) -> Result<void> {
        Result<LocalDateTime> at = ReadDateTime(row.Text(0), "result_releases.released_at");
        if (!at) return at.error();
        Result<Date> deadline = ReadDate(row.Text(1), "result_releases.objection_deadline");
        if (!deadline) return deadline.error();
        release = results::ResultsRelease{std::string(campaign_code), *at, *deadline};
        return Ok();
      });
  if (!read) return read.error();
  return release;
}

Result<void> SqlResultsRepository::SaveRelease(
    const results::ResultsRelease& release, std::int64_t released_by,
    const std::vector<results::ReleasedScore>& employees,
    const std::vector<results::ReleasedDepartmentScore>& departments) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::int64_t> campaign = FindCampaign(connection, release.campaign_code);
    if (!campaign) return campaign.error();
    Result<IdMap> employee_ids = LoadIds(connection, "SELECT employee_no, id FROM employees");
    if (!employee_ids) return employee_ids.error();
    Result<IdMap> department_ids = LoadIds(connection, "SELECT code, id FROM departments");
    if (!department_ids) return department_ids.error();
    for (const char* table : {"DELETE FROM released_scores WHERE campaign_id = ?",
                              "DELETE FROM released_department_scores WHERE campaign_id = ?",
                              "DELETE FROM result_releases WHERE campaign_id = ?"}) {
      if (Result<void> cleared = connection.Execute(table, {*campaign}); !cleared) return cleared;
    }
    if (Result<void> saved = connection.Execute(
            "INSERT INTO result_releases (campaign_id, released_at, objection_deadline, "
            "released_by) VALUES (?, ?, ?, ?)",
            {*campaign, FormatLocalDateTime(release.released_at),
             FormatDate(release.objection_deadline), released_by});
        !saved) {
      return saved;
    }
    Result<sql::Statement*> insert = connection.Prepare(
        "INSERT INTO released_scores (campaign_id, employee_id, contacts, raw_mean, adjusted, "
        "ci90_low, ci90_high, grade, uncertain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return insert.error();
    for (const results::ReleasedScore& score : employees) {
      const auto id = employee_ids->find(score.employee_no);
      if (id == employee_ids->end()) return Internal("unknown employee " + score.employee_no);
      std::optional<long long> uncertain;
      if (score.uncertain) uncertain = *score.uncertain ? 1 : 0;
      Result<void> inserted =
          (*insert)->Execute({*campaign, id->second, score.contacts, score.raw_mean, score.adjusted,
                              score.ci90_low, score.ci90_high, score.grade, uncertain});
      if (!inserted) return inserted;
    }
    for (const results::ReleasedDepartmentScore& score : departments) {
      const auto id = department_ids->find(score.department_code);
      if (id == department_ids->end()) {
        return Internal("unknown department " + score.department_code);
      }
      Result<void> inserted = connection.Execute(
          "INSERT INTO released_department_scores (campaign_id, department_id, employees, "
          "contacts, raw_mean, adjusted, ci_low, ci_high, rank_best, rank_worst) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {*campaign, id->second, score.employees, score.contacts, score.raw_mean, score.adjusted,
           score.ci_low, score.ci_high, score.rank_best, score.rank_worst});
      if (!inserted) return inserted;
    }
    return Ok();
  });
}

Result<std::vector<results::ReleasedScore>> SqlResultsRepository::ListReleasedScores(
    std::string_view campaign_code, const ScoreFilter& filter) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  Result<std::int64_t> campaign = FindCampaign(connection, campaign_code);
  if (!campaign) return campaign.error();
  std::string sql =
      "SELECT e.employee_no, e.name, d.code, r.contacts, r.raw_mean, r.adjusted, r.ci90_low, "
      "r.ci90_high, r.grade, r.uncertain FROM released_scores r "
      "JOIN employees e ON e.id = r.employee_id JOIN departments d ON d.id = e.department_id "
      "WHERE r.campaign_id = ?";
  std::vector<sql::Param> params{*campaign};
  if (filter.employee_no) {
    sql += " AND e.employee_no = ?";
    params.emplace_back(*filter.employee_no);
  }
  if (filter.department_code) {
    sql += " AND d.code = ?";
    params.emplace_back(*filter.department_code);
  }
  if (filter.caseload_of) {
    sql += " AND r.employee_id IN (SELECT employee_id FROM coach_caseloads WHERE user_id = ?)";
    params.emplace_back(*filter.caseload_of);
  }
  sql += " ORDER BY e.employee_no";
  std::vector<results::ReleasedScore> scores;
  Result<void> read = QueryWith(connection, sql, params, [&](const sql::Row& row) -> Result<void> {
    scores.push_back({row.String(0), row.String(1), row.String(2), static_cast<long>(row.Int64(3)),
                      row.OptionalDouble(4), row.OptionalDouble(5), row.OptionalDouble(6),
                      row.OptionalDouble(7), row.String(8), OptionalBool(row, 9)});
    return Ok();
  });
  if (!read) return read.error();
  return scores;
}

Result<std::vector<results::ReleasedDepartmentScore>>
SqlResultsRepository::ListReleasedDepartmentScores(std::string_view campaign_code) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  Result<std::int64_t> campaign = FindCampaign(connection, campaign_code);
  if (!campaign) return campaign.error();
  std::vector<results::ReleasedDepartmentScore> scores;
  Result<void> read = connection.Query(
      "SELECT d.code, d.name, r.employees, r.contacts, r.raw_mean, r.adjusted, r.ci_low, "
      "r.ci_high, r.rank_best, r.rank_worst FROM released_department_scores r "
      "JOIN departments d ON d.id = r.department_id WHERE r.campaign_id = ? "
      "ORDER BY r.rank_best, d.code",
      {*campaign}, [&](const sql::Row& row) -> Result<void> {
        scores.push_back({row.String(0), row.String(1), static_cast<long>(row.Int64(2)),
                          static_cast<long>(row.Int64(3)), row.OptionalDouble(4),
                          row.OptionalDouble(5), row.OptionalDouble(6), row.OptionalDouble(7),
                          row.Int(8), row.Int(9)});
        return Ok();
      });
  if (!read) return read.error();
  return scores;
}

Result<void> SqlResultsRepository::SaveReleasedItemMeans(
    std::string_view campaign_code, const std::vector<results::ReleasedItemMean>& means) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::int64_t> campaign = FindCampaign(connection, campaign_code);
    if (!campaign) return campaign.error();
    Result<IdMap> department_ids = LoadIds(connection, "SELECT code, id FROM departments");
    if (!department_ids) return department_ids.error();
    if (Result<void> cleared = connection.Execute(
            "DELETE FROM released_item_means WHERE campaign_id = ?", {*campaign});
        !cleared) {
      return cleared;
    }
    Result<sql::Statement*> insert = connection.Prepare(
        "INSERT INTO released_item_means (campaign_id, department_id, item_id, contacts, mean) "
        "VALUES (?, ?, ?, ?, ?)");
    if (!insert) return insert.error();
    for (const results::ReleasedItemMean& mean : means) {
      std::int64_t department = 0;  // the whole organisation
      if (!mean.department_code.empty()) {
        const auto id = department_ids->find(mean.department_code);
        if (id == department_ids->end()) {
          return Internal("unknown department " + mean.department_code);
        }
        department = id->second;
      }
      if (Result<void> saved =
              (*insert)->Execute({*campaign, department, mean.item_id, mean.contacts, mean.mean});
          !saved) {
        return saved;
      }
    }
    return Ok();
  });
}

Result<std::vector<results::ReleasedItemMean>> SqlResultsRepository::ListReleasedItemMeans(
    std::string_view campaign_code, std::string_view department_code) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  Result<std::int64_t> campaign = FindCampaign(connection, campaign_code);
  if (!campaign) return campaign.error();
  std::vector<results::ReleasedItemMean> means;
  Result<void> read = connection.Query(
      "SELECT COALESCE(d.code, ''), m.item_id, m.contacts, m.mean FROM released_item_means m "
      "LEFT JOIN departments d ON d.id = m.department_id WHERE m.campaign_id = ? AND "
      "(m.department_id = 0 OR d.code = ?) ORDER BY m.item_id, m.department_id",
      {*campaign, std::string(department_code)}, [&](const sql::Row& row) -> Result<void> {
        means.push_back(
            {row.String(0), row.String(1), static_cast<long>(row.Int64(2)), row.Double(3)});
        return Ok();
      });
  if (!read) return read.error();
  return means;
}

Result<results::EvaluationPage> SqlResultsRepository::ListEvaluations(
    const results::EvaluationFilter& filter) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  Result<std::int64_t> campaign = FindCampaign(connection, filter.campaign_code);
  if (!campaign) return campaign.error();
  std::string where = " WHERE ev.campaign_id = ?";
  std::vector<sql::Param> params{*campaign};
  if (filter.state) {
    where += " AND ev.state = ?";
    params.emplace_back(evaluation::ReviewStateCode(*filter.state));
  }
  if (filter.final_only) where += " AND (ev.state = 'approved' OR ev.state = 'void')";
  if (filter.reviewable_only) where += " AND ev.state <> 'draft'";
  if (filter.performed_until) {
    where += " AND ev.performed_at <= ?";
    params.emplace_back(FormatLocalDateTime(*filter.performed_until));
  }
  if (filter.monitor_code) {
    where += " AND ev.monitor_id = (SELECT id FROM monitors WHERE code = ?)";
    params.emplace_back(*filter.monitor_code);
  }
  if (filter.employee_no) {
    where += " AND ev.employee_id = (SELECT id FROM employees WHERE employee_no = ?)";
    params.emplace_back(*filter.employee_no);
  }
  if (filter.department_code) {
    where += " AND ev.department_id = (SELECT id FROM departments WHERE code = ?)";
    params.emplace_back(*filter.department_code);
  }
  if (filter.caseload_of) {
    where += " AND ev.employee_id IN (SELECT employee_id FROM coach_caseloads WHERE user_id = ?)";
    params.emplace_back(*filter.caseload_of);
  }
  results::EvaluationPage page;
  Result<void> counted = QueryWith(connection, "SELECT COUNT(*) FROM evaluations ev" + where,
                                   params, [&](const sql::Row& row) -> Result<void> {
                                     page.total = static_cast<long>(row.Int64(0));
                                     return Ok();
                                   });
  if (!counted) return counted.error();
  params.emplace_back(static_cast<std::int64_t>(filter.limit));
  params.emplace_back(static_cast<std::int64_t>(filter.offset));
  Result<void> read = QueryWith(
      connection,
      "SELECT ev.id, ev.code, e.employee_no, e.name, d.code, m.code, s.code, ev.channel, "
      "ev.performed_at, ev.round_no, ev.state, ev.score, ev.flags FROM evaluations ev "
      "JOIN employees e ON e.id = ev.employee_id JOIN departments d ON d.id = ev.department_id "
      "JOIN monitors m ON m.id = ev.monitor_id JOIN scenarios s ON s.id = ev.scenario_id" +
          where + " ORDER BY ev.id LIMIT ? OFFSET ?",
      params, [&](const sql::Row& row) -> Result<void> {
        results::EvaluationRow line;
        line.id = row.Int64(0);
        line.code = row.String(1);
        line.campaign_code = filter.campaign_code;
        line.employee_no = row.String(2);
        line.employee_name = row.String(3);
        line.department_code = row.String(4);
        line.monitor_code = row.String(5);
        line.scenario_code = row.String(6);
        line.channel = row.Text(7) == "visit" ? Channel::kVisit : Channel::kPhone;
        Result<LocalDateTime> at = ReadDateTime(row.Text(8), "evaluations.performed_at");
        if (!at) return at.error();
        line.performed_at = *at;
        line.round = row.Int(9);
        std::optional<evaluation::ReviewState> state = evaluation::ParseReviewState(row.Text(10));
        if (!state) return Internal("unknown review state " + row.String(10));
        line.state = *state;
        line.score = row.OptionalDouble(11);
        line.flags = SplitList(row.Text(12), ';');
        page.rows.push_back(std::move(line));
        return Ok();
      });
  if (!read) return read.error();
  return page;
}

Result<std::vector<results::StateCount>> SqlResultsRepository::CountEvaluations(
    std::string_view campaign_code) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  Result<std::int64_t> campaign = FindCampaign(connection, campaign_code);
  if (!campaign) return campaign.error();
  std::vector<results::StateCount> counts;
  Result<void> read = connection.Query(
      "SELECT round_no, state, COUNT(*) FROM evaluations WHERE campaign_id = ? "
      "GROUP BY round_no, state ORDER BY round_no, state",
      {*campaign}, [&](const sql::Row& row) -> Result<void> {
        std::optional<evaluation::ReviewState> state = evaluation::ParseReviewState(row.Text(1));
        if (!state) return Internal("unknown review state " + row.String(1));
        counts.push_back({row.Int(0), *state, static_cast<long>(row.Int64(2))});
        return Ok();
      });
  if (!read) return read.error();
  return counts;
}

Result<void> SqlResultsRepository::ForEachDashboardContact(
    std::string_view campaign_code,
    const std::function<void(const results::DashboardContact&)>& visit) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  Result<std::int64_t> campaign = FindCampaign(connection, campaign_code);
  if (!campaign) return campaign.error();
  std::unordered_map<std::int64_t, std::string> departments;
  Result<void> loaded = connection.Query("SELECT id, code FROM departments", {},
                                         [&](const sql::Row& row) -> Result<void> {
                                           departments.emplace(row.Int64(0), row.String(1));
                                           return Ok();
                                         });
  if (!loaded) return loaded;
  // Item ids and maxima per rubric version, read once each.
  struct RubricItems {
    std::string code;
    std::vector<std::string> ids;
    std::vector<double> max;
  };
  std::unordered_map<std::int64_t, RubricItems> rubrics;
  Result<void> rubrics_read = connection.Query("SELECT id, code, version, definition FROM rubrics",
                                               {}, [&](const sql::Row& row) -> Result<void> {
                                                 Result<rubric::Rubric> rubric = ReadRubric(
                                                     row.Text(3), row.Text(1), row.Int(2));
                                                 if (!rubric) return rubric.error();
                                                 RubricItems items{rubric->code, {}, {}};
                                                 for (const rubric::Item& item : rubric->items) {
                                                   items.ids.push_back(item.id);
                                                   items.max.push_back(item.points);
                                                 }
                                                 rubrics.emplace(row.Int64(0), std::move(items));
                                                 return Ok();
                                               });
  if (!rubrics_read) return rubrics_read;
  // As in ListScoredContacts: a campaign's rows form an id range, read in order.
  std::optional<std::int64_t> first;
  std::optional<std::int64_t> last;
  Result<void> range =
      connection.Query("SELECT MIN(id), MAX(id) FROM evaluations WHERE campaign_id = ?",
                       {*campaign}, [&](const sql::Row& row) -> Result<void> {
                         if (!row.IsNull(0)) first = row.Int64(0);
                         if (!row.IsNull(1)) last = row.Int64(1);
                         return Ok();
                       });
  if (!range) return range;
  if (!first || !last) return Ok();
  results::DashboardContact contact;
  std::vector<std::optional<double>> points;
  // The day number of the last date text seen: rows come in runs of the same day.
  std::string last_date;
  int last_day = 0;
  return connection.Query(
      "SELECT department_id, employee_id, channel, round_no, performed_at, state, score, "
      "rubric_id, item_points FROM evaluations WHERE id BETWEEN ? AND ? AND +campaign_id = ?",
      {*first, *last, *campaign}, [&](const sql::Row& row) -> Result<void> {
        const auto department = departments.find(row.Int64(0));
        const auto items = rubrics.find(row.Int64(7));
        if (department == departments.end() || items == rubrics.end()) {
          return Internal("an evaluation refers to an unknown department or rubric");
        }
        const std::string_view date = row.Text(4).substr(0, 10);
        if (date != last_date) {
          const std::optional<Date> day = ParseDate(date);
          if (!day) return Internal("stored performed_at " + row.String(4) + " is not a date");
          last_date = std::string(date);
          last_day = DayNumber(*day);
        }
        const std::string_view state = row.Text(5);
        contact.department_id = row.Int64(0);
        contact.department_code = &department->second;
        contact.employee_id = row.Int64(1);
        contact.channel = row.Text(2) == "visit" ? Channel::kVisit : Channel::kPhone;
        contact.round = row.Int(3);
        contact.day = last_day;
        contact.state = state == "approved"    ? evaluation::ReviewState::kApproved
                        : state == "submitted" ? evaluation::ReviewState::kSubmitted
                        : state == "returned"  ? evaluation::ReviewState::kReturned
                        : state == "void"      ? evaluation::ReviewState::kVoid
                                               : evaluation::ReviewState::kDraft;
        contact.score = row.OptionalDouble(6);
        contact.rubric_id = row.Int64(7);
        contact.rubric_code = &items->second.code;
        contact.item_ids = &items->second.ids;
        contact.item_max = &items->second.max;
        contact.item_points = nullptr;
        if (contact.score && !row.IsNull(8)) {
          ParseItemPoints(row.Text(8), points);
          contact.item_points = &points;
        }
        visit(contact);
        return Ok();
      });
}

Result<std::vector<std::int64_t>> SqlResultsRepository::ListAcknowledged(
    const std::vector<std::int64_t>& ids) const {
  auto lock = database_.Lock();
  std::vector<std::int64_t> acknowledged;
  for (const std::int64_t id : ids) {
    Result<std::optional<std::int64_t>> found = database_.connection().QueryInt64(
        "SELECT evaluation_id FROM acknowledgements WHERE evaluation_id = ?", {id});
    if (!found) return found.error();
    if (*found) acknowledged.push_back(id);
  }
  return acknowledged;
}

Result<void> SqlResultsRepository::Acknowledge(std::int64_t evaluation_id, std::int64_t user_id,
                                               const LocalDateTime& at) {
  auto lock = database_.Lock();
  return database_.connection().Execute(
      "INSERT INTO acknowledgements (evaluation_id, user_id, at) VALUES (?, ?, ?) "
      "ON CONFLICT (evaluation_id) DO NOTHING",
      {evaluation_id, user_id, FormatLocalDateTime(at)});
}

Result<std::int64_t> SqlResultsRepository::FileObjection(std::int64_t evaluation_id,
                                                         std::int64_t user_id,
                                                         std::string_view reason,
                                                         const LocalDateTime& at) {
  std::int64_t id = 0;
  Result<void> filed = database_.Atomic([&]() -> Result<void> {
    Result<void> inserted = database_.connection().Query(
        "INSERT INTO objections (evaluation_id, campaign_id, employee_id, user_id, reason, "
        "filed_at, state) SELECT id, campaign_id, employee_id, ?, ?, ?, 'open' FROM evaluations "
        "WHERE id = ? RETURNING id",
        {user_id, reason, FormatLocalDateTime(at), evaluation_id},
        [&](const sql::Row& row) -> Result<void> {
          id = row.Int64(0);
          return Ok();
        });
    if (!inserted) {
      return sql::Rephrase(inserted.error(), "이 평가에는 이미 이의신청이 있습니다");
    }
    if (id == 0) return NotFound("no evaluation with id " + std::to_string(evaluation_id));
    return Ok();
  });
  if (!filed) return filed.error();
  return id;
}

Result<std::optional<results::Objection>> SqlResultsRepository::FindObjection(
    std::int64_t id) const {
  auto lock = database_.Lock();
  std::optional<results::Objection> found;
  Result<void> read =
      database_.connection().Query(std::string(kObjectionColumns) + "WHERE o.id = ?", {id},
                                   [&](const sql::Row& row) -> Result<void> {
                                     Result<results::Objection> objection = ReadObjection(row);
                                     if (!objection) return objection.error();
                                     found = *std::move(objection);
                                     return Ok();
                                   });
  if (!read) return read.error();
  return found;
}

Result<std::vector<results::Objection>> SqlResultsRepository::ListObjections(
    std::string_view campaign_code, std::optional<results::ObjectionState> state,
    std::optional<std::int64_t> evaluation_id) const {
  auto lock = database_.Lock();
  std::string sql = std::string(kObjectionColumns) + "WHERE 1 = 1";
  std::vector<sql::Param> params;
  if (!campaign_code.empty()) {
    sql += " AND c.code = ?";
    params.emplace_back(campaign_code);
  }
  if (state) {
    sql += " AND o.state = ?";
    params.emplace_back(results::ObjectionStateCode(*state));
  }
  if (evaluation_id) {
    sql += " AND o.evaluation_id = ?";
    params.emplace_back(*evaluation_id);
  }
  sql += " ORDER BY o.id";
  std::vector<results::Objection> objections;
  Result<void> read =
      QueryWith(database_.connection(), sql, params, [&](const sql::Row& row) -> Result<void> {
        Result<results::Objection> objection = ReadObjection(row);
        if (!objection) return objection.error();
        objections.push_back(*std::move(objection));
        return Ok();
      });
  if (!read) return read.error();
  return objections;
}

Result<void> SqlResultsRepository::DecideObjection(std::int64_t id,
                                                   results::ObjectionState decision,
                                                   std::string_view reason, std::int64_t decided_by,
                                                   const LocalDateTime& at) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    std::optional<std::string> state;
    Result<void> read = connection.Query("SELECT state FROM objections WHERE id = ?", {id},
                                         [&](const sql::Row& row) -> Result<void> {
                                           state = row.String(0);
                                           return Ok();
                                         });
    if (!read) return read;
    if (!state) return NotFound("no objection with id " + std::to_string(id));
    if (*state != "open") return FailedPrecondition("이미 결정된 이의신청입니다");
    return connection.Execute(
        "UPDATE objections SET state = ?, decision_reason = ?, decided_by = ?, decided_at = ? "
        "WHERE id = ?",
        {results::ObjectionStateCode(decision), reason, decided_by, FormatLocalDateTime(at), id});
  });
}

Result<results::ResultsRepository::StaffCounts> SqlResultsRepository::CountStaff() const {
  auto lock = database_.Lock();
  StaffCounts counts;
  Result<std::optional<std::int64_t>> active =
      database_.connection().QueryInt64("SELECT COUNT(*) FROM employees WHERE active = 1");
  if (!active) return active.error();
  counts.active_employees = static_cast<long>(active->value_or(0));
  Result<std::optional<std::int64_t>> units = database_.connection().QueryInt64(
      "SELECT COUNT(DISTINCT department_id) FROM employees WHERE active = 1 AND counter = 1");
  if (!units) return units.error();
  counts.counter_units = static_cast<long>(units->value_or(0));
  return counts;
}

Result<std::vector<org::Employee>> SqlResultsRepository::FindEmployees(
    const std::vector<std::string>& employee_nos) const {
  auto lock = database_.Lock();
  std::vector<org::Employee> employees;
  for (const std::string& employee_no : employee_nos) {
    Result<void> read = database_.connection().Query(
        "SELECT e.employee_no, e.name, d.code, e.position, e.phone, e.counter, e.active "
        "FROM employees e JOIN departments d ON d.id = e.department_id WHERE e.employee_no = ?",
        {employee_no}, [&](const sql::Row& row) -> Result<void> {
          employees.push_back({row.String(0), row.String(1), row.String(2), row.String(3),
                               row.String(4), row.Bool(5), row.Bool(6)});
          return Ok();
        });
    if (!read) return read.error();
  }
  std::sort(employees.begin(), employees.end(), [](const org::Employee& a, const org::Employee& b) {
    return a.employee_no < b.employee_no;
  });
  return employees;
}

Result<void> SqlResultsRepository::SaveRecording(const results::Recording& recording) {
  auto lock = database_.Lock();
  return database_.connection().Execute(
      "INSERT INTO recordings (evaluation_id, file_name, content_type, size, sha256, uploaded_at) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (evaluation_id) DO UPDATE SET "
      "file_name = excluded.file_name, content_type = excluded.content_type, "
      "size = excluded.size, sha256 = excluded.sha256, uploaded_at = excluded.uploaded_at",
      {recording.evaluation_id, recording.file_name, recording.content_type, recording.size,
       recording.sha256, FormatLocalDateTime(recording.uploaded_at)});
}

Result<std::optional<results::Recording>> SqlResultsRepository::FindRecording(
    std::int64_t evaluation_id) const {
  auto lock = database_.Lock();
  std::optional<results::Recording> found;
  Result<void> read = database_.connection().Query(
      "SELECT evaluation_id, file_name, content_type, size, sha256, uploaded_at FROM recordings "
      "WHERE evaluation_id = ?",
      {evaluation_id}, [&](const sql::Row& row) -> Result<void> {
        Result<LocalDateTime> at = ReadDateTime(row.Text(5), "recordings.uploaded_at");
        if (!at) return at.error();
        found = results::Recording{row.Int64(0), row.String(1), row.String(2),
                                   row.Int64(3), row.String(4), *at};
        return Ok();
      });
  if (!read) return read.error();
  return found;
}

Result<std::int64_t> SqlJobRepository::CreateJob(std::string_view kind, std::int64_t created_by,
                                                 const LocalDateTime& at) {
  auto lock = database_.Lock();
  std::int64_t id = 0;
  Result<void> inserted = database_.connection().Query(
      "INSERT INTO jobs (kind, state, created_by, created_at) VALUES (?, 'queued', ?, ?) "
      "RETURNING id",
      {kind, created_by, FormatLocalDateTime(at)}, [&](const sql::Row& row) -> Result<void> {
        id = row.Int64(0);
        return Ok();
      });
  if (!inserted) return inserted.error();
  return id;
}

Result<void> SqlJobRepository::UpdateJob(const results::Job& job) {
  auto lock = database_.Lock();
  std::optional<std::string> finished;
  if (job.finished_at) finished = FormatLocalDateTime(*job.finished_at);
  return database_.connection().Execute(
      "UPDATE jobs SET state = ?, progress = ?, rows_done = ?, message = ?, result = ?, "
      "finished_at = ? WHERE id = ?",
      {results::JobStateCode(job.state), job.progress, job.rows, job.message, job.result, finished,
       job.id});
}

Result<std::optional<results::Job>> SqlJobRepository::FindJob(std::int64_t id) const {
  auto lock = database_.Lock();
  std::optional<results::Job> found;
  Result<void> read = database_.connection().Query(
      "SELECT id, kind, state, progress, rows_done, message, result, created_by, created_at, "
      "finished_at FROM jobs WHERE id = ?",
      {id}, [&](const sql::Row& row) -> Result<void> {
        results::Job job;
        job.id = row.Int64(0);
        job.kind = row.String(1);
        const std::string_view state = row.Text(2);
        job.state = state == "running"     ? results::JobState::kRunning
                    : state == "succeeded" ? results::JobState::kSucceeded
                    : state == "failed"    ? results::JobState::kFailed
                                           : results::JobState::kQueued;
        job.progress = row.Double(3);
        job.rows = static_cast<long>(row.Int64(4));
        job.message = row.String(5);
        job.result = row.String(6);
        if (!row.IsNull(7)) job.created_by = row.Int64(7);
        Result<LocalDateTime> created = ReadDateTime(row.Text(8), "jobs.created_at");
        if (!created) return created.error();
        job.created_at = *created;
        if (!row.IsNull(9)) {
          Result<LocalDateTime> finished = ReadDateTime(row.Text(9), "jobs.finished_at");
          if (!finished) return finished.error();
          job.finished_at = *finished;
        }
        found = std::move(job);
        return Ok();
      });
  if (!read) return read.error();
  return found;
}

}  // namespace chinjeol::storage
