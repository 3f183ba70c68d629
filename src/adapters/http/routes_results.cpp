// Campaigns, results release, the dashboard, scores, an employee's own results and objections.
#include <chrono>
#include <set>

#include "adapters/http/internal/call.hpp"
#include "core/coaching/readable.hpp"
#include "core/publication/dashboard.hpp"
#include "core/publication/results.hpp"
#include "core/tables/table_sink.hpp"

namespace chinjeol::http::internal {
namespace {

boost::json::value DateTimeOrNull(const std::optional<LocalDateTime>& time) {
  if (!time) return nullptr;
  return boost::json::string(FormatLocalDateTime(*time));
}

// Collects a score table as JSON rows keyed by column.
class JsonTableSink final : public tables::TableSink {
 public:
  Result<void> Header(const std::vector<std::string>& columns) override {
    columns_ = columns;
    return Ok();
  }
  Result<void> Row(const std::vector<tables::Cell>& cells) override {
    boost::json::object row;
    for (std::size_t i = 0; i < cells.size() && i < columns_.size(); ++i) {
      const tables::Cell& cell = cells[i];
      if (const auto* text = std::get_if<std::string>(&cell)) {
        row[columns_[i]] = *text;
      } else if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
        row[columns_[i]] = *integer;
      } else if (const auto* real = std::get_if<double>(&cell)) {
        row[columns_[i]] = *real;
      } else {
        row[columns_[i]] = nullptr;
      }
    }
    rows_.push_back(std::move(row));
    return Ok();
  }
  Result<void> Finish() override { return Ok(); }

  boost::json::array Columns() const {
    boost::json::array columns;
    for (const std::string& column : columns_) columns.emplace_back(column);
    return columns;
  }
  boost::json::array TakeRows() { return std::move(rows_); }

 private:
  std::vector<std::string> columns_;
  boost::json::array rows_;
};

boost::json::object ReleasedScoreJson(const results::ReleasedScore& score) {
  boost::json::object json{{"employee_no", score.employee_no},
                           {"name", score.name},
                           {"department_code", score.department_code},
                           {"contacts", score.contacts},
                           {"raw_mean", OptionalNumber(score.raw_mean)},
                           {"adjusted", OptionalNumber(score.adjusted)},
                           {"ci90_low", OptionalNumber(score.ci90_low)},
                           {"ci90_high", OptionalNumber(score.ci90_high)},
                           {"grade", score.grade}};
  if (score.uncertain) {
    json["uncertain"] = *score.uncertain;
  } else {
    json["uncertain"] = nullptr;
  }
  return json;
}

boost::json::object ReleasedDepartmentJson(const results::ReleasedDepartmentScore& score) {
  return boost::json::object{{"department_code", score.department_code},
                             {"name", score.name},
                             {"employees", score.employees},
                             {"contacts", score.contacts},
                             {"raw_mean", OptionalNumber(score.raw_mean)},
                             {"adjusted", OptionalNumber(score.adjusted)},
                             {"ci_low", OptionalNumber(score.ci_low)},
                             {"ci_high", OptionalNumber(score.ci_high)},
                             {"rank", score.rank_best},
                             {"rank_worst", score.rank_worst}};
}

// Whether a monitor has anything in the campaign: evaluations or released assignments.
Result<bool> MonitorTakesPart(Call& call, const std::string& campaign_code) {
  results::EvaluationFilter filter;
  filter.campaign_code = campaign_code;
  filter.monitor_code = call.actor.monitor_code;
  filter.limit = 1;
  Result<results::EvaluationPage> page = call.storage.results().ListEvaluations(filter);
  if (!page) return page.error();
  if (page->total > 0) return true;
  Result<std::vector<planning::Assignment>> released =
      call.storage.assignments().ListReleasedAssignments(campaign_code, call.actor.monitor_code,
                                                         call.local_now);
  if (!released) return released.error();
  return !released->empty();
}

// The released results of a campaign, or 404 (the same for unknown and unreleased).
Result<results::ResultsRelease> RequireRelease(Call& call, std::string_view campaign_code) {
  Result<std::optional<results::ResultsRelease>> release =
      call.storage.results().FindRelease(campaign_code);
  if (!release) return release.error();
  if (!*release || call.local_now < (*release)->released_at) {
    return NotFound("공개된 결과가 없습니다");
  }
  return **release;
}

}  // namespace

boost::json::object ObjectionJson(const results::Objection& objection) {
  return boost::json::object{{"id", objection.id},
                             {"evaluation_id", objection.evaluation_id},
                             {"evaluation_code", objection.evaluation_code},
                             {"campaign", objection.campaign_code},
                             {"employee_no", objection.employee_no},
                             {"employee_name", objection.employee_name},
                             {"department_code", objection.department_code},
                             {"reason", objection.reason},
                             {"filed_at", FormatLocalDateTime(objection.filed_at)},
                             {"state", results::ObjectionStateCode(objection.state)},
                             {"decision_reason", objection.decision_reason},
                             {"decided_at", DateTimeOrNull(objection.decided_at)}};
}

HttpResponse GetCampaigns(Call& call) {
  const auth::Decision decision = Decide(call, auth::Action::kListCampaigns);
  if (!decision.allowed) return ForbiddenResponse();
  Result<std::vector<campaign::CampaignSummary>> campaigns =
      call.storage.campaigns().ListCampaigns();
  if (!campaigns) return Fail(campaigns);
  // Counts show fieldwork as it happens: only for those who run and review it.
  const bool with_counts =
      call.actor.role == auth::Role::kAdmin || call.actor.role == auth::Role::kReviewer;
  boost::json::array items;
  for (const campaign::CampaignSummary& summary : *campaigns) {
    const campaign::Campaign& c = summary.campaign;
    if (decision.scope == auth::Scope::kOwnMonitor) {
      Result<bool> takes_part = MonitorTakesPart(call, c.code);
      if (!takes_part) return Fail(takes_part);
      if (!*takes_part) continue;
    }
    boost::json::array rounds;
    for (const campaign::Round& round : c.rounds) {
      rounds.push_back(boost::json::object{{"number", round.number},
                                           {"start", FormatDate(round.start)},
                                           {"end", FormatDate(round.end)}});
    }
    boost::json::object json{{"code", c.code},
                             {"name", c.name},
                             {"start", FormatDate(c.start)},
                             {"end", FormatDate(c.end)},
                             {"rounds", std::move(rounds)},
                             {"phone_per_round", c.phone_per_round},
                             {"visit_per_round", c.visit_per_round},
                             {"lunch", campaign::LunchPolicyCode(c.lunch)}};
    Result<std::optional<results::ResultsRelease>> release =
        call.storage.results().FindRelease(c.code);
    if (!release) return Fail(release);
    if (*release) {
      json["results_released_at"] = FormatLocalDateTime((*release)->released_at);
      json["objection_deadline"] = FormatDate((*release)->objection_deadline);
    } else {
      json["results_released_at"] = nullptr;
      json["objection_deadline"] = nullptr;
    }
    if (with_counts) {
      json["counts"] = boost::json::object{{"evaluations", summary.evaluations},
                                           {"approved", summary.approved},
                                           {"pending", summary.pending},
                                           {"void_or_unanswered", summary.void_or_unanswered},
                                           {"employees_evaluated", summary.employees_evaluated}};
    }
    items.push_back(std::move(json));
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

HttpResponse PostResultsRelease(Call& call) {
  if (!Decide(call, auth::Action::kReleaseResults).allowed) return ForbiddenResponse();
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  std::optional<std::string> deadline_text =
      reader.String("objection_deadline", ObjectReader::Need::kOptional, 20);
  Date deadline = AddDays(call.local_now.date, publication::kDefaultObjectionDays);
  if (deadline_text) {
    std::optional<Date> parsed = ParseDate(*deadline_text);
    if (!parsed) {
      reader.AddViolation("objection_deadline", "a date YYYY-MM-DD");
    } else {
      deadline = *parsed;
    }
  }
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  // The release and its audit entry are one write: no release goes unrecorded.
  Result<results::ResultsRelease> release = publication::ReleaseResults(
      call.storage, call.request.PathParam("code"), call.local_now, deadline, call.actor.user_id,
      [&](const results::ResultsRelease& made) {
        return Audit(call, auth::kSubjectEmployees, made.campaign_code,
                     "results released; objections until " + FormatDate(made.objection_deadline));
      });
  if (!release) return Fail(release);
  return JsonResponse(
      200, boost::json::object{{"campaign", release->campaign_code},
                               {"released_at", FormatLocalDateTime(release->released_at)},
                               {"objection_deadline", FormatDate(release->objection_deadline)}});
}

HttpResponse GetDashboard(Call& call) {
  if (!Decide(call, auth::Action::kReadDashboard).allowed) return ForbiddenResponse();
  std::string campaign_code;
  if (std::optional<HttpResponse> missing = RequireQuery(call.request, "campaign", campaign_code)) {
    return *missing;
  }
  if (std::optional<HttpResponse> cached = CachedDashboard(call.shared, campaign_code, call.now)) {
    return *cached;
  }
  const auto started = std::chrono::steady_clock::now();
  Result<publication::Dashboard> dashboard =
      publication::BuildDashboard(call.storage, campaign_code);
  if (!dashboard) return Fail(dashboard);
  Result<std::vector<org::Department>> departments = call.storage.organisation().ListDepartments();
  if (!departments) return Fail(departments);
  std::map<std::string, const org::Department*> department_of;
  for (const org::Department& department : *departments) {
    department_of[department.code] = &department;
  }
  const auto name_of = [&](const std::string& code) -> std::string {
    const auto found = department_of.find(code);
    return found == department_of.end() ? std::string() : found->second->name;
  };

  boost::json::array rounds;
  for (const publication::Dashboard::RoundProgress& round : dashboard->rounds) {
    boost::json::object states;
    for (const evaluation::ReviewState state :
         {evaluation::ReviewState::kDraft, evaluation::ReviewState::kSubmitted,
          evaluation::ReviewState::kReturned, evaluation::ReviewState::kApproved,
          evaluation::ReviewState::kVoid}) {
      const auto found = round.by_state.find(state);
      states[evaluation::ReviewStateCode(state)] =
          found == round.by_state.end() ? 0L : found->second;
    }
    rounds.push_back(boost::json::object{
        {"round", round.round}, {"expected", round.expected}, {"by_state", std::move(states)}});
  }
  boost::json::array weeks;
  for (const publication::Dashboard::WeekProgress& week : dashboard->weeks) {
    weeks.push_back(boost::json::object{{"week_start", FormatDate(week.week_start)},
                                        {"approved", week.approved},
                                        {"approved_total", week.approved_total},
                                        {"expected_total", week.expected_total}});
  }
  boost::json::array bins;
  for (const publication::Dashboard::Bin& bin : dashboard->histogram) {
    bins.push_back(boost::json::object{{"from", bin.from},
                                       {"to", bin.to},
                                       {"contacts", bin.contacts},
                                       {"employees", bin.employees}});
  }
  boost::json::array ranking;
  for (const publication::Dashboard::DepartmentRow& row : dashboard->departments) {
    ranking.push_back(boost::json::object{{"department_code", row.department_code},
                                          {"name", name_of(row.department_code)},
                                          {"contacts", row.contacts},
                                          {"employees", row.employees},
                                          {"mean", row.mean},
                                          {"ci90_low", row.ci_low},
                                          {"ci90_high", row.ci_high},
                                          {"rank", row.rank},
                                          {"rank_worst", row.rank_worst}});
  }
  boost::json::array maps;
  for (const publication::Dashboard::HeatMap& map : dashboard->heat_maps) {
    boost::json::array items;
    for (const std::string& item : map.item_ids) items.emplace_back(item);
    boost::json::array rows;
    for (const publication::Dashboard::HeatMap::Row& row : map.rows) {
      boost::json::array percent;
      boost::json::array contacts;
      for (std::size_t i = 0; i < row.percent.size(); ++i) {
        percent.push_back(OptionalNumber(row.percent[i]));
        contacts.push_back(row.contacts[i]);
      }
      rows.push_back(boost::json::object{{"department_code", row.department_code},
                                         {"name", name_of(row.department_code)},
                                         {"percent", std::move(percent)},
                                         {"contacts", std::move(contacts)}});
    }
    maps.push_back(boost::json::object{
        {"rubric", map.rubric_code}, {"items", std::move(items)}, {"rows", std::move(rows)}});
  }
  boost::json::array months;
  for (const publication::Dashboard::MonthPoint& point : dashboard->months) {
    months.push_back(boost::json::object{{"month", point.month},
                                         {"channel", ChannelCode(point.channel)},
                                         {"contacts", point.contacts},
                                         {"mean", point.mean}});
  }
  const double server_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  boost::json::object json{
      {"campaign", dashboard->campaign_code},
      {"progress", boost::json::object{{"employees_active", dashboard->employees_active},
                                       {"employees_evaluated", dashboard->employees_evaluated},
                                       {"contacts_approved", dashboard->contacts},
                                       {"rounds", std::move(rounds)},
                                       {"weeks", std::move(weeks)}}},
      {"mean", OptionalNumber(dashboard->mean)},
      {"score_histogram", boost::json::object{{"bin_width", 5}, {"bins", std::move(bins)}}},
      {"department_ranking", std::move(ranking)},
      {"item_heat_map", std::move(maps)},
      {"monthly_trend", std::move(months)},
      {"computed_at", FormatLocalDateTime(call.local_now)},
      {"server_ms", server_ms}};
  HttpResponse response = JsonResponse(200, json);
  response.SetHeader("Server-Timing", "app;dur=" + std::to_string(server_ms));
  std::lock_guard<std::mutex> lock(call.shared.scores_mutex);
  call.shared.dashboards[campaign_code] = {std::make_shared<const std::string>(response.body),
                                           call.now};
  return response;
}

HttpResponse GetScores(Call& call) {
  const auth::Decision decision = Decide(call, auth::Action::kReadScores);
  if (!decision.allowed) return ForbiddenResponse();
  std::string campaign_code;
  if (std::optional<HttpResponse> missing = RequireQuery(call.request, "campaign", campaign_code)) {
    return *missing;
  }
  const std::string level_text(call.request.Query("level").value_or("employee"));
  std::optional<programme::ScoreLevel> level = programme::ParseScoreLevel(level_text);
  if (!level) {
    return ErrorResponse(InvalidArgument(
        "level은 employee, department, group, monitor, reliability, summary 중 하나입니다",
        {{"level", "employee | department | group | monitor | reliability | summary"}}));
  }
  boost::json::object json{{"campaign", campaign_code}, {"level", level_text}};
  if (decision.scope == auth::Scope::kAll) {
    Result<std::shared_ptr<const programme::ScoreTable>> table = AdminScores(call, campaign_code);
    if (!table) return Fail(table);
    JsonTableSink sink;
    if (Result<void> written = programme::WriteScoreLevel(**table, *level, sink); !written) {
      return Fail(written);
    }
    const std::string_view subject_kind = *level == programme::ScoreLevel::kMonitor
                                              ? auth::kSubjectMonitors
                                              : auth::kSubjectEmployees;
    if (Result<void> audited = Audit(call, subject_kind, campaign_code, "level=" + level_text);
        !audited) {
      return Fail(audited);
    }
    json["method"] = (*table)->method;
    json["columns"] = sink.Columns();
    json["items"] = sink.TakeRows();
    boost::json::array notes;
    for (const std::string& note : (*table)->notes) notes.emplace_back(note);
    json["notes"] = std::move(notes);
    return JsonResponse(200, json);
  }
  // Coaches and department heads: the published scores within their scope.
  Result<results::ResultsRelease> release = RequireRelease(call, campaign_code);
  if (!release) return Fail(release);
  boost::json::array items;
  if (*level == programme::ScoreLevel::kDepartment &&
      decision.scope == auth::Scope::kOwnDepartment) {
    Result<std::vector<results::ReleasedDepartmentScore>> departments =
        call.storage.results().ListReleasedDepartmentScores(campaign_code);
    if (!departments) return Fail(departments);
    for (const results::ReleasedDepartmentScore& score : *departments) {
      if (score.department_code == call.actor.department_code) {
        items.push_back(ReleasedDepartmentJson(score));
      }
    }
    json["method"] = "released";
    json["items"] = std::move(items);
    return JsonResponse(200, json);
  }
  if (*level != programme::ScoreLevel::kEmployee) return ForbiddenResponse();
  results::ResultsRepository::ScoreFilter filter;
  if (decision.scope == auth::Scope::kOwnDepartment) {
    filter.department_code = call.actor.department_code;
  } else {
    filter.caseload_of = call.actor.user_id;
  }
  Result<std::vector<results::ReleasedScore>> scores =
      call.storage.results().ListReleasedScores(campaign_code, filter);
  if (!scores) return Fail(scores);
  if (Result<void> audited = Audit(
          call, auth::kSubjectEmployees,
          decision.scope == auth::Scope::kOwnDepartment ? call.actor.department_code : "caseload",
          "campaign=" + campaign_code);
      !audited) {
    return Fail(audited);
  }
  for (const results::ReleasedScore& score : *scores) items.push_back(ReleasedScoreJson(score));
  json["method"] = "released";
  json["items"] = std::move(items);
  return JsonResponse(200, json);
}

boost::json::object WordingJson(const rubric::Wording& words) {
  return {{"ko", words.ko}, {"en", words.en}};
}

boost::json::object ReadableContactJson(const coaching::ReadableContact& contact) {
  boost::json::array stages, items;
  for (const coaching::ReadableStage& stage : contact.stages) {
    stages.push_back({{"name", WordingJson(stage.name)},
                      {"points", stage.points},
                      {"max_points", stage.max_points}});
  }
  for (const coaching::ReadableItem& item : contact.items) {
    items.push_back({{"item_id", item.item_id},
                     {"name", WordingJson(item.name)},
                     {"stage", WordingJson(item.stage)},
                     {"observed", WordingJson(item.observed)},
                     {"points", OptionalNumber(item.points)},
                     {"max_points", item.max_points}});
  }
  return {{"rubric", WordingJson(contact.rubric)},
          {"department_name", contact.department_name},
          {"scenario_title", contact.scenario_title},
          {"stages", std::move(stages)},
          {"items", std::move(items)}};
}

boost::json::array ItemStandingsJson(const std::vector<coaching::ItemStanding>& standings) {
  boost::json::array list;
  for (const coaching::ItemStanding& standing : standings) {
    boost::json::object json{{"item_id", standing.item_id},
                             {"name", WordingJson(standing.name)},
                             {"own", standing.own},
                             {"contacts", standing.contacts},
                             {"department", OptionalNumber(standing.department)},
                             {"organisation", OptionalNumber(standing.organisation)}};
    if (standing.guidance) {
      const coaching::PracticeModule& module = *standing.guidance;
      json["guidance"] =
          boost::json::object{{"title", WordingJson({module.title_ko, module.title_en})},
                              {"good", WordingJson({module.good_ko, module.good_en})},
                              {"practice", WordingJson({module.practice_ko, module.practice_en})}};
    } else {
      json["guidance"] = nullptr;
    }
    list.push_back(std::move(json));
  }
  return list;
}

HttpResponse GetMyResults(Call& call) {
  if (!Decide(call, auth::Action::kReadOwnResults).allowed) return ForbiddenResponse();
  std::string campaign_code;
  if (std::optional<HttpResponse> missing = RequireQuery(call.request, "campaign", campaign_code)) {
    return *missing;
  }
  if (std::optional<HttpResponse> cached =
          CachedOwnResults(call.shared, call.actor.user_id, campaign_code, call.now)) {
    return *cached;
  }
  Result<publication::OwnResults> results =
      publication::ReadOwnResults(call.storage, call.actor, campaign_code, call.local_now);
  if (!results) return Fail(results);
  boost::json::array evaluations;
  for (std::size_t i = 0; i < results->evaluations.size(); ++i) {
    const publication::OwnEvaluation& own = results->evaluations[i];
    boost::json::object json = EvaluationRowJson(call, own.row, auth::MonitorView::kHidden);
    if (i < results->readable.size()) json["readable"] = ReadableContactJson(results->readable[i]);
    json["acknowledged"] = own.acknowledged;
    if (own.objection) {
      json["objection"] = ObjectionJson(*own.objection);
    } else {
      json["objection"] = nullptr;
    }
    evaluations.push_back(std::move(json));
  }
  boost::json::object json{{"campaign", results->release.campaign_code},
                           {"released_at", FormatLocalDateTime(results->release.released_at)},
                           {"objection_deadline", FormatDate(results->release.objection_deadline)},
                           {"objections_open", results->objections_open},
                           {"evaluations", std::move(evaluations)}};
  if (results->score) {
    json["score"] = ReleasedScoreJson(*results->score);
  } else {
    json["score"] = nullptr;
  }
  json["department_name"] = results->department_name;
  if (results->score_sentence) {
    json["score_sentence"] = WordingJson(*results->score_sentence);
  } else {
    json["score_sentence"] = nullptr;
  }
  json["strongest_items"] = ItemStandingsJson(results->items.strongest);
  json["weakest_items"] = ItemStandingsJson(results->items.weakest);
  HttpResponse response = JsonResponse(200, json);
  RememberOwnResults(call.shared, call.actor.user_id, campaign_code, response.body, call.now);
  return response;
}

HttpResponse PostAcknowledgement(Call& call) {
  if (!RoleMay(call, auth::Action::kRespondToOwnResult)) return ForbiddenResponse();
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "evaluation_id", id)) return *bad;
  if (!call.request.body.empty()) {
    boost::json::object body;
    if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
    ObjectReader reader(body);
    if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  }
  Result<void> acknowledged =
      publication::AcknowledgeResult(call.storage, call.actor, id, call.local_now);
  if (!acknowledged) return Fail(acknowledged);
  return NoContent();
}

HttpResponse PostObjection(Call& call) {
  if (!RoleMay(call, auth::Action::kRespondToOwnResult)) return ForbiddenResponse();
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "evaluation_id", id)) return *bad;
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  std::optional<std::string> reason = reader.String("reason", ObjectReader::Need::kRequired, 4000);
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  Result<results::Objection> objection =
      publication::FileObjection(call.storage, call.actor, id, *reason, call.local_now);
  if (!objection) return Fail(objection);
  return JsonResponse(201, ObjectionJson(*objection));
}

HttpResponse GetObjections(Call& call) {
  if (!Decide(call, auth::Action::kListObjections).allowed) return ForbiddenResponse();
  const std::string campaign_code(call.request.Query("campaign").value_or(""));
  std::optional<results::ObjectionState> state;
  if (std::optional<std::string_view> text = call.request.Query("state"); text && !text->empty()) {
    state = results::ParseObjectionState(*text);
    if (!state) {
      return ErrorResponse(InvalidArgument("state는 open, upheld, rejected 중 하나입니다",
                                           {{"state", "open | upheld | rejected"}}));
    }
  }
  Result<std::vector<results::Objection>> objections =
      call.storage.results().ListObjections(campaign_code, state, std::nullopt);
  if (!objections) return Fail(objections);
  if (Result<void> audited = Audit(call, auth::kSubjectEmployees,
                                   campaign_code.empty() ? "*" : campaign_code, "objections");
      !audited) {
    return Fail(audited);
  }
  boost::json::array items;
  for (const results::Objection& objection : *objections) items.push_back(ObjectionJson(objection));
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

HttpResponse PostObjectionDecision(Call& call) {
  if (!Decide(call, auth::Action::kDecideObjection).allowed) return ForbiddenResponse();
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  std::optional<std::string> decision_text =
      reader.String("decision", ObjectReader::Need::kRequired, 20);
  std::optional<std::string> reason = reader.String("reason", ObjectReader::Need::kRequired, 4000);
  std::optional<results::ObjectionState> decision;
  if (decision_text) {
    decision = results::ParseObjectionState(*decision_text);
    if (!decision || *decision == results::ObjectionState::kOpen) {
      reader.AddViolation("decision", "upheld or rejected");
    }
  }
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  Result<results::Objection> objection = publication::DecideObjection(
      call.storage, call.actor, id, *decision, *reason, call.local_now);
  if (!objection) return Fail(objection);
  return JsonResponse(200, ObjectionJson(*objection));
}

}  // namespace chinjeol::http::internal
