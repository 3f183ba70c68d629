#include "adapters/storage/sql_evaluation_repository.hpp"

#include <map>
#include <tuple>
#include <unordered_map>

#include "adapters/storage/evaluation_writers.hpp"
#include "adapters/storage/row_reading.hpp"
#include "adapters/storage/score_text.hpp"
#include "adapters/storage/sql_rubric_repository.hpp"
#include "core/common/text.hpp"

namespace chinjeol::storage {
namespace {

// Evaluations read per query by ForEachEvaluation.
constexpr int kPageSize = 1000;

// Codes are put back from id -> code maps rather than joins: far cheaper per row, and the maps
// grow with the organisation only.
constexpr std::string_view kPageColumns =
    "SELECT id, code, employee_id, department_id, monitor_id, scenario_id, channel, "
    "performed_at, round_no, rubric_id, flags, observations, item_points, score, capped, state, "
    "review_reason, notes FROM evaluations WHERE campaign_id = ? ";

// Codes by id of one kind of record.
using CodeMap = std::unordered_map<std::int64_t, std::string>;

struct OrganisationCodes {
  CodeMap employees;
  CodeMap departments;
  CodeMap monitors;
  CodeMap scenarios;
};

Result<OrganisationCodes> LoadOrganisationCodes(sql::Connection& connection) {
  OrganisationCodes codes;
  struct Map {
    CodeMap* codes;
    std::string_view sql;
  };
  for (const Map& map : {Map{&codes.employees, "SELECT id, employee_no FROM employees"},
                         Map{&codes.departments, "SELECT id, code FROM departments"},
                         Map{&codes.monitors, "SELECT id, code FROM monitors"},
                         Map{&codes.scenarios, "SELECT id, code FROM scenarios"}}) {
    Result<void> loaded = connection.Query(map.sql, {}, [&](const sql::Row& row) -> Result<void> {
      map.codes->emplace(row.Int64(0), row.String(1));
      return Ok();
    });
    if (!loaded) return loaded.error();
  }
  return codes;
}

// A stored evaluation before its rubric is at hand to decode observations and points.
struct StoredEvaluation {
  evaluation::Evaluation evaluation;
  std::int64_t rubric_id = 0;
  std::string observations;
  std::optional<double> score;
  std::string item_points;
  bool capped = false;
};

// Fills `stored` from a row of kPageColumns.
Result<void> ReadStored(const sql::Row& row, std::string_view campaign_code,
                        const OrganisationCodes& codes, StoredEvaluation& stored) {
  evaluation::Evaluation& evaluation = stored.evaluation;
  evaluation.id = row.Int64(0);
  evaluation.code = row.String(1);
  evaluation.campaign_code = std::string(campaign_code);
  for (const auto& [target, map, id, what] :
       {std::tuple{&evaluation.employee_no, &codes.employees, row.Int64(2), "employee"},
        std::tuple{&evaluation.department_code, &codes.departments, row.Int64(3), "department"},
        std::tuple{&evaluation.monitor_code, &codes.monitors, row.Int64(4), "monitor"},
        std::tuple{&evaluation.scenario_code, &codes.scenarios, row.Int64(5), "scenario"}}) {
    const auto found = map->find(id);
    if (found == map->end()) {
      return Internal("an evaluation refers to " + std::string(what) + " id " + std::to_string(id) +
                      ", which does not exist");
    }
    *target = found->second;
  }
  std::optional<Channel> channel = ParseChannel(row.Text(6));
  if (!channel) return Internal("unknown channel " + row.String(6));
  evaluation.channel = *channel;
  Result<LocalDateTime> performed_at = ReadDateTime(row.Text(7), "evaluations.performed_at");
  if (!performed_at) return performed_at.error();
  evaluation.performed_at = *performed_at;
  evaluation.round = row.Int(8);
  stored.rubric_id = row.Int64(9);
  evaluation.flags = SplitList(row.Text(10), ';');
  stored.observations = row.String(11);
  stored.item_points = row.String(12);
  stored.score = row.OptionalDouble(13);
  stored.capped = row.Bool(14);
  std::optional<evaluation::ReviewState> state = evaluation::ParseReviewState(row.Text(15));
  if (!state) return Internal("unknown review state " + row.String(15));
  evaluation.state = *state;
  evaluation.review_reason = row.String(16);
  evaluation.notes = row.String(17);
  return Ok();
}

// Rubric versions by id, read from the database once each.
class RubricCache {
 public:
  explicit RubricCache(sql::Connection& connection) : connection_(connection) {}

  Result<const rubric::Rubric*> Get(std::int64_t id) {
    const auto found = rubrics_.find(id);
    if (found != rubrics_.end()) return &found->second;
    std::optional<rubric::Rubric> loaded;
    Result<void> read = connection_.Query(
        "SELECT code, version, definition FROM rubrics WHERE id = ?", {id},
        [&](const sql::Row& row) -> Result<void> {
          Result<rubric::Rubric> rubric = ReadRubric(row.Text(2), row.Text(0), row.Int(1));
          if (!rubric) return rubric.error();
          loaded = *std::move(rubric);
          return Ok();
        });
    if (!read) return read.error();
    if (!loaded) return Internal("no rubric with id " + std::to_string(id));
    return &rubrics_.emplace(id, *std::move(loaded)).first->second;
  }

 private:
  sql::Connection& connection_;
  std::map<std::int64_t, rubric::Rubric> rubrics_;
};

// Completes `stored.evaluation` with its rubric, observations and score.
Result<void> Decode(StoredEvaluation& stored, const rubric::Rubric& rubric) {
  evaluation::Evaluation& evaluation = stored.evaluation;
  evaluation.rubric_code = rubric.code;
  evaluation.rubric_version = rubric.version;
  Result<std::vector<rubric::ItemObservation>> observations =
      rubric::DecodeObservations(rubric, stored.observations);
  if (!observations) {
    return Internal("stored observations of evaluation " + evaluation.code +
                    " do not read back: " + observations.error().message());
  }
  evaluation.observations = *std::move(observations);
  if (stored.score) {
    Result<rubric::ContactScore> score =
        DecodeScore(rubric, *stored.score, stored.item_points, stored.capped);
    if (!score) return score.error();
    evaluation.score = *std::move(score);
  }
  return Ok();
}

Result<std::int64_t> FindCampaignId(sql::Connection& connection, std::string_view code) {
  Result<std::optional<std::int64_t>> id =
      connection.QueryInt64("SELECT id FROM campaigns WHERE code = ?", {code});
  if (!id) return id.error();
  if (!*id) return NotFound("no campaign " + std::string(code));
  return **id;
}

// The day number of the date that starts an ISO date-time text; -1 when there is none.
int DayOf(std::string_view performed_at) {
  const std::optional<Date> date = ParseDate(performed_at.substr(0, 10));
  return date ? DayNumber(*date) : -1;
}

}  // namespace

Result<std::unique_ptr<evaluation::EvaluationWriter>> SqlEvaluationRepository::OpenWriter() {
  if (database_.dialect() == sql::Dialect::kPostgres) {
    return OpenPostgresEvaluationWriter(database_);
  }
  return OpenSqliteEvaluationWriter(database_);
}

Result<void> SqlEvaluationRepository::ForEachEvaluation(
    std::string_view campaign_code,
    const std::function<Result<void>(const evaluation::Evaluation&)>& visit) const {
  std::int64_t campaign_id = 0;
  OrganisationCodes codes;
  {
    auto lock = database_.Lock();
    Result<std::int64_t> found = FindCampaignId(database_.connection(), campaign_code);
    if (!found) return found.error();
    campaign_id = *found;
    Result<OrganisationCodes> loaded = LoadOrganisationCodes(database_.connection());
    if (!loaded) return loaded.error();
    codes = *std::move(loaded);
  }
  RubricCache rubrics(database_.connection());
  const std::string first_page =
      std::string(kPageColumns) + "ORDER BY code LIMIT " + std::to_string(kPageSize);
  const std::string next_page =
      std::string(kPageColumns) + "AND code > ? ORDER BY code LIMIT " + std::to_string(kPageSize);
  std::optional<std::string> last_code;
  for (;;) {
    std::vector<StoredEvaluation> page;
    page.reserve(kPageSize);
    {
      auto lock = database_.Lock();
      const sql::RowVisitor read = [&](const sql::Row& row) -> Result<void> {
        Result<void> read = ReadStored(row, campaign_code, codes, page.emplace_back());
        if (!read) page.pop_back();
        return read;
      };
      Result<void> read_page =
          last_code ? database_.connection().Query(next_page, {campaign_id, *last_code}, read)
                    : database_.connection().Query(first_page, {campaign_id}, read);
      if (!read_page) return read_page;
    }
    if (page.empty()) return Ok();
    last_code = page.back().evaluation.code;
    const bool last_page = page.size() < static_cast<std::size_t>(kPageSize);
    for (StoredEvaluation& stored : page) {
      Result<const rubric::Rubric*> rubric = [&] {
        auto lock = database_.Lock();
        return rubrics.Get(stored.rubric_id);
      }();
      if (!rubric) return rubric.error();
      if (Result<void> decoded = Decode(stored, **rubric); !decoded) return decoded;
      if (Result<void> visited = visit(stored.evaluation); !visited) return visited;
    }
    if (last_page) return Ok();
  }
}

Result<std::vector<evaluation::ScoredContact>> SqlEvaluationRepository::ListScoredContacts(
    std::string_view campaign_code, const std::optional<LocalDateTime>& performed_until) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  Result<std::int64_t> campaign_id = FindCampaignId(connection, campaign_code);
  if (!campaign_id) return campaign_id.error();
  // A campaign's evaluations are imported together, so their ids form one range, or nearly:
  // reading that id range in order and filtering beats fetching a million rows through the
  // campaign's index and sorting them (8x on SQLite). The unary + keeps the planners off that
  // index.
  std::optional<std::int64_t> first;
  std::optional<std::int64_t> last;
  Result<void> range =
      connection.Query("SELECT MIN(id), MAX(id) FROM evaluations WHERE campaign_id = ?",
                       {*campaign_id}, [&](const sql::Row& row) -> Result<void> {
                         if (!row.IsNull(0)) first = row.Int64(0);
                         if (!row.IsNull(1)) last = row.Int64(1);
                         return Ok();
                       });
  if (!range) return range.error();
  std::vector<evaluation::ScoredContact> contacts;
  if (!first || !last) return contacts;
  // Stored times are ISO text: text order is time order.
  const std::string until = performed_until ? FormatLocalDateTime(*performed_until) : "";
  Result<void> listed = connection.Query(
      "SELECT id, employee_id, department_id, monitor_id, scenario_id, channel, round_no, "
      "performed_at, score FROM evaluations WHERE id BETWEEN ? AND ? AND +campaign_id = ? "
      "AND state = 'approved' AND score IS NOT NULL ORDER BY id",
      {*first, *last, *campaign_id}, [&](const sql::Row& row) -> Result<void> {
        if (performed_until && row.Text(7) > until) return Ok();
        const int day = DayOf(row.Text(7));
        if (day < 0) return Internal("stored performed_at " + row.String(7) + " is not a date");
        contacts.push_back({row.Int64(0), row.Int64(1), row.Int64(2), row.Int64(3), row.Int64(4),
                            row.Text(5) == "visit" ? Channel::kVisit : Channel::kPhone, row.Int(6),
                            day, row.Double(8)});
        return Ok();
      });
  if (!listed) return listed.error();
  return contacts;
}

Result<evaluation::ContactKeys> SqlEvaluationRepository::ListContactKeys() const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  evaluation::ContactKeys keys;
  struct List {
    std::vector<std::pair<std::int64_t, std::string>>* keys;
    std::string_view sql;
  };
  for (const List& list :
       {List{&keys.employees, "SELECT id, employee_no FROM employees ORDER BY id"},
        List{&keys.monitors, "SELECT id, code FROM monitors ORDER BY id"},
        List{&keys.scenarios, "SELECT id, code FROM scenarios ORDER BY id"},
        List{&keys.departments, "SELECT id, code FROM departments ORDER BY id"}}) {
    Result<void> listed = connection.Query(list.sql, {}, [&](const sql::Row& row) -> Result<void> {
      list.keys->emplace_back(row.Int64(0), row.String(1));
      return Ok();
    });
    if (!listed) return listed.error();
  }
  return keys;
}

Result<void> SqlEvaluationRepository::Rescore(std::int64_t id, const rubric::Rubric& rubric,
                                              const std::optional<rubric::ContactScore>& score,
                                              std::string_view scored_at) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::optional<std::int64_t>> rubric_id = connection.QueryInt64(
        "SELECT id FROM rubrics WHERE code = ? AND version = ?", {rubric.code, rubric.version});
    if (!rubric_id) return rubric_id.error();
    if (!*rubric_id) {
      return InvalidArgument(
          "rubric " + rubric.code + " version " + std::to_string(rubric.version) + " is not saved",
          {{"rubric", "save the rubric version before re-scoring with it"}});
    }
    Result<std::optional<std::int64_t>> exists =
        connection.QueryInt64("SELECT id FROM evaluations WHERE id = ?", {id});
    if (!exists) return exists.error();
    if (!*exists) return NotFound("no evaluation with id " + std::to_string(id));
    if (Result<void> kept = connection.Execute(
            "INSERT INTO evaluation_scores (evaluation_id, rubric_id, score, item_points, "
            "capped, scored_at) SELECT id, rubric_id, score, item_points, capped, scored_at "
            "FROM evaluations WHERE id = ?",
            {id});
        !kept) {
      return kept;
    }
    std::optional<std::string> item_points;
    std::optional<double> total;
    if (score) {
      item_points = rubric::EncodeItemPoints(*score);
      total = score->total;
    }
    return connection.Execute(
        "UPDATE evaluations SET rubric_id = ?, score = ?, item_points = ?, capped = ?, "
        "scored_at = ? WHERE id = ?",
        {**rubric_id, total, item_points, score && score->capped, scored_at, id});
  });
}

Result<std::vector<evaluation::ScoreHistoryEntry>> SqlEvaluationRepository::ScoreHistory(
    std::int64_t id) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  Result<std::optional<std::int64_t>> exists =
      connection.QueryInt64("SELECT id FROM evaluations WHERE id = ?", {id});
  if (!exists) return exists.error();
  if (!*exists) return NotFound("no evaluation with id " + std::to_string(id));
  std::vector<evaluation::ScoreHistoryEntry> history;
  Result<void> listed = connection.Query(
      "SELECT r.code, r.version, h.score, h.item_points, h.scored_at FROM evaluation_scores h "
      "JOIN rubrics r ON r.id = h.rubric_id WHERE h.evaluation_id = ? ORDER BY h.id",
      {id}, [&](const sql::Row& row) -> Result<void> {
        history.push_back(
            {row.String(0), row.Int(1), row.OptionalDouble(2), row.String(3), row.String(4)});
        return Ok();
      });
  if (!listed) return listed.error();
  return history;
}

Result<std::optional<evaluation::Evaluation>> SqlEvaluationRepository::FindEvaluation(
    std::int64_t id) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  // The codes of this one row, in the maps ReadStored expects.
  OrganisationCodes codes;
  std::string campaign_code;
  bool exists = false;
  Result<void> keys = connection.Query(
      "SELECT c.code, ev.employee_id, e.employee_no, ev.department_id, d.code, ev.monitor_id, "
      "m.code, ev.scenario_id, s.code FROM evaluations ev "
      "JOIN campaigns c ON c.id = ev.campaign_id JOIN employees e ON e.id = ev.employee_id "
      "JOIN departments d ON d.id = ev.department_id JOIN monitors m ON m.id = ev.monitor_id "
      "JOIN scenarios s ON s.id = ev.scenario_id WHERE ev.id = ?",
      {id}, [&](const sql::Row& row) -> Result<void> {
        exists = true;
        campaign_code = row.String(0);
        codes.employees.emplace(row.Int64(1), row.String(2));
        codes.departments.emplace(row.Int64(3), row.String(4));
        codes.monitors.emplace(row.Int64(5), row.String(6));
        codes.scenarios.emplace(row.Int64(7), row.String(8));
        return Ok();
      });
  if (!keys) return keys.error();
  if (!exists) return std::optional<evaluation::Evaluation>();
  StoredEvaluation stored;
  Result<void> read = connection.Query(
      "SELECT id, code, employee_id, department_id, monitor_id, scenario_id, channel, "
      "performed_at, round_no, rubric_id, flags, observations, item_points, score, capped, state, "
      "review_reason, notes FROM evaluations WHERE id = ?",
      {id}, [&](const sql::Row& row) { return ReadStored(row, campaign_code, codes, stored); });
  if (!read) return read.error();
  RubricCache rubrics(connection);
  Result<const rubric::Rubric*> rubric = rubrics.Get(stored.rubric_id);
  if (!rubric) return rubric.error();
  if (Result<void> decoded = Decode(stored, **rubric); !decoded) return decoded.error();
  return std::optional<evaluation::Evaluation>(std::move(stored.evaluation));
}

namespace {

// The id behind a code, or kInvalidArgument naming `field`.
Result<std::int64_t> RequireId(sql::Connection& connection, std::string_view sql,
                               std::initializer_list<sql::Param> params, const char* field,
                               const std::string& what) {
  Result<std::optional<std::int64_t>> id = connection.QueryInt64(sql, params);
  if (!id) return id.error();
  if (!*id) return InvalidArgument("unknown " + what, {{field, "no " + what}});
  return **id;
}

// The stored forms of what a monitor records: flags, observations, score.
struct RecordedText {
  std::string flags;
  std::string observations;
  std::optional<std::string> item_points;
  std::optional<double> score;
  bool capped = false;
};

RecordedText RecordedTextOf(const evaluation::Evaluation& evaluation) {
  RecordedText text;
  text.flags = Join(evaluation.flags, ";");
  text.observations = rubric::EncodeObservations(evaluation.observations);
  if (evaluation.score) {
    text.item_points = rubric::EncodeItemPoints(*evaluation.score);
    text.score = evaluation.score->total;
    text.capped = evaluation.score->capped;
  }
  return text;
}

}  // namespace

Result<std::int64_t> SqlEvaluationRepository::AddEvaluation(
    const evaluation::Evaluation& evaluation) {
  std::int64_t new_id = 0;
  Result<void> added = database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::int64_t> campaign =
        RequireId(connection, "SELECT id FROM campaigns WHERE code = ?", {evaluation.campaign_code},
                  "campaign", "campaign " + evaluation.campaign_code);
    if (!campaign) return campaign.error();
    Result<std::int64_t> employee =
        RequireId(connection, "SELECT id FROM employees WHERE employee_no = ?",
                  {evaluation.employee_no}, "employee_no", "employee " + evaluation.employee_no);
    if (!employee) return employee.error();
    Result<std::int64_t> department = RequireId(
        connection, "SELECT id FROM departments WHERE code = ?", {evaluation.department_code},
        "department_code", "department " + evaluation.department_code);
    if (!department) return department.error();
    Result<std::int64_t> monitor = RequireId(connection, "SELECT id FROM monitors WHERE code = ?",
                                             {evaluation.monitor_code}, "monitor", "monitor");
    if (!monitor) return monitor.error();
    Result<std::int64_t> scenario =
        RequireId(connection, "SELECT id FROM scenarios WHERE code = ?", {evaluation.scenario_code},
                  "scenario_code", "scenario " + evaluation.scenario_code);
    if (!scenario) return scenario.error();
    Result<std::int64_t> rubric =
        RequireId(connection, "SELECT id FROM rubrics WHERE code = ? AND version = ?",
                  {evaluation.rubric_code, evaluation.rubric_version}, "rubric", "rubric version");
    if (!rubric) return rubric.error();
    const RecordedText text = RecordedTextOf(evaluation);
    const std::string now = NowText();
    Result<void> inserted = connection.Query(
        "INSERT INTO evaluations (campaign_id, code, employee_id, department_id, monitor_id, "
        "scenario_id, channel, performed_at, round_no, rubric_id, flags, observations, "
        "item_points, score, capped, state, review_reason, notes, scored_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {*campaign,
         evaluation.code,
         *employee,
         *department,
         *monitor,
         *scenario,
         ChannelCode(evaluation.channel),
         FormatLocalDateTime(evaluation.performed_at),
         evaluation.round,
         *rubric,
         text.flags,
         text.observations,
         text.item_points,
         text.score,
         text.capped,
         evaluation::ReviewStateCode(evaluation.state),
         evaluation.review_reason,
         evaluation.notes,
         now,
         now},
        [&](const sql::Row& row) -> Result<void> {
          new_id = row.Int64(0);
          return Ok();
        });
    if (!inserted) {
      return sql::Rephrase(inserted.error(),
                           "the campaign already has evaluation " + evaluation.code);
    }
    return Ok();
  });
  if (!added) return added.error();
  return new_id;
}

namespace {

// kNotFound or kFailedPrecondition when evaluation `id` is not in state `expected`.
Result<void> RequireState(sql::Connection& connection, std::int64_t id,
                          evaluation::ReviewState expected) {
  std::optional<std::string> state;
  Result<void> read = connection.Query("SELECT state FROM evaluations WHERE id = ?", {id},
                                       [&](const sql::Row& row) -> Result<void> {
                                         state = row.String(0);
                                         return Ok();
                                       });
  if (!read) return read;
  if (!state) return NotFound("no evaluation with id " + std::to_string(id));
  if (*state != evaluation::ReviewStateCode(expected)) {
    return FailedPrecondition("the evaluation is " + *state + ", no longer " +
                              evaluation::ReviewStateCode(expected));
  }
  return Ok();
}

}  // namespace

Result<void> SqlEvaluationRepository::UpdateEvaluation(const evaluation::Evaluation& evaluation,
                                                       evaluation::ReviewState expected) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    if (Result<void> state = RequireState(connection, evaluation.id, expected); !state) {
      return state;
    }
    Result<std::int64_t> rubric =
        RequireId(connection, "SELECT id FROM rubrics WHERE code = ? AND version = ?",
                  {evaluation.rubric_code, evaluation.rubric_version}, "rubric", "rubric version");
    if (!rubric) return rubric.error();
    Result<std::int64_t> employee =
        RequireId(connection, "SELECT id FROM employees WHERE employee_no = ?",
                  {evaluation.employee_no}, "employee_no", "employee");
    if (!employee) return employee.error();
    Result<std::int64_t> department =
        RequireId(connection, "SELECT id FROM departments WHERE code = ?",
                  {evaluation.department_code}, "department_code", "department");
    if (!department) return department.error();
    const RecordedText text = RecordedTextOf(evaluation);
    return connection.Execute(
        "UPDATE evaluations SET employee_id = ?, department_id = ?, performed_at = ?, round_no = "
        "?, "
        "rubric_id = ?, flags = ?, observations = ?, item_points = ?, score = ?, capped = ?, "
        "state = ?, review_reason = ?, notes = ?, scored_at = ? WHERE id = ?",
        {*employee, *department, FormatLocalDateTime(evaluation.performed_at), evaluation.round,
         *rubric, text.flags, text.observations, text.item_points, text.score, text.capped,
         evaluation::ReviewStateCode(evaluation.state), evaluation.review_reason, evaluation.notes,
         NowText(), evaluation.id});
  });
}

Result<void> SqlEvaluationRepository::SetReviewState(std::int64_t id, evaluation::ReviewState from,
                                                     evaluation::ReviewState to,
                                                     std::string_view reason) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    if (Result<void> state = RequireState(connection, id, from); !state) return state;
    return connection.Execute("UPDATE evaluations SET state = ?, review_reason = ? WHERE id = ?",
                              {evaluation::ReviewStateCode(to), reason, id});
  });
}

}  // namespace chinjeol::storage
