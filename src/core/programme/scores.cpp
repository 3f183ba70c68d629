#include "core/programme/scores.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/common/text.hpp"
#include "core/rubric/observation.hpp"

namespace chinjeol::programme {
namespace {

Cell OptionalNumber(const std::optional<double>& value) {
  if (!value) return std::monostate{};
  return *value;
}

Result<campaign::Campaign> RequireCampaign(Storage& storage, std::string_view code) {
  Result<std::optional<campaign::Campaign>> found = storage.campaigns().FindCampaign(code);
  if (!found) return found.error();
  if (!*found)
    return NotFound("no campaign \"" + std::string(code) + "\"; see `chinjeol campaigns`");
  return std::move(**found);
}

}  // namespace

Result<ScoreTable> ComputeScores(Storage& storage, std::string_view campaign_code) {
  Result<campaign::Campaign> campaign = RequireCampaign(storage, campaign_code);
  if (!campaign) return campaign.error();
  Result<std::vector<evaluation::ScoredContact>> contacts =
      storage.evaluations().ListScoredContacts(campaign_code);
  if (!contacts) return contacts.error();
  Result<evaluation::ContactKeys> keys = storage.evaluations().ListContactKeys();
  if (!keys) return keys.error();
  Result<std::vector<org::Employee>> employees = storage.organisation().ListEmployees();
  if (!employees) return employees.error();

  std::unordered_map<std::int64_t, std::string> employee_numbers(keys->employees.begin(),
                                                                 keys->employees.end());
  std::unordered_map<std::string, std::pair<double, long>> sums;  // employee_no -> sum, count
  for (const evaluation::ScoredContact& contact : *contacts) {
    auto& [sum, count] = sums[employee_numbers[contact.employee_id]];
    sum += contact.score;
    ++count;
  }

  ScoreTable table;
  table.method = "raw";
  table.notes.push_back(
      "raw means: adjusted scores, intervals and grades need the fair-score model");
  for (const org::Employee& employee : *employees) {
    if (!employee.active) continue;
    EmployeeScoreRow row;
    row.employee_no = employee.employee_no;
    row.name = employee.name;
    row.department_code = employee.department_code;
    const auto found = sums.find(employee.employee_no);
    if (found != sums.end()) {
      row.contacts = found->second.second;
      row.raw_mean = found->second.first / static_cast<double>(found->second.second);
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

Result<void> WriteScores(const ScoreTable& table, TableSink& sink) {
  Result<void> header =
      sink.Header({"employee_no", "name", "department_code", "contacts", "raw_mean", "adjusted",
                   "ci90_low", "ci90_high", "grade", "p_S", "p_A", "p_B", "p_C", "uncertain"});
  if (!header) return header;
  for (const EmployeeScoreRow& row : table.rows) {
    Cell uncertain = std::monostate{};
    if (row.uncertain) uncertain = std::int64_t{*row.uncertain ? 1 : 0};
    Result<void> written = sink.Row(
        {row.employee_no, row.name, row.department_code, std::int64_t{row.contacts},
         OptionalNumber(row.raw_mean), OptionalNumber(row.adjusted), OptionalNumber(row.ci90_low),
         OptionalNumber(row.ci90_high), row.grade.empty() ? Cell{} : Cell{row.grade},
         OptionalNumber(row.p_s), OptionalNumber(row.p_a), OptionalNumber(row.p_b),
         OptionalNumber(row.p_c), uncertain});
    if (!written) return written;
  }
  return sink.Finish();
}

Result<long> ExportEvaluations(Storage& storage, std::string_view campaign_code, TableSink& sink) {
  Result<campaign::Campaign> campaign = RequireCampaign(storage, campaign_code);
  if (!campaign) return campaign.error();
  Result<std::vector<rubric::Rubric>> rubrics = storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();

  // Item and stage columns: the union over the rubrics, phone items before visit items.
  std::vector<std::string> items, stages;
  for (const rubric::Rubric& rubric : *rubrics) {
    for (const rubric::Item& item : rubric.items) {
      if (std::find(items.begin(), items.end(), item.id) == items.end()) items.push_back(item.id);
    }
    for (const rubric::Stage& stage : rubric.stages) {
      const std::string column = "stage_" + stage.code;
      if (std::find(stages.begin(), stages.end(), column) == stages.end()) stages.push_back(column);
    }
  }
  std::vector<std::string> header = {
      "evaluation_code", "campaign", "employee_no",  "department_code", "monitor_code",
      "scenario_code",   "channel",  "performed_at", "rubric",          "flags"};
  header.insert(header.end(), items.begin(), items.end());
  for (const char* column : {"rubric_version", "round", "state", "review_reason", "score"}) {
    header.emplace_back(column);
  }
  header.insert(header.end(), stages.begin(), stages.end());
  header.emplace_back("notes");
  if (Result<void> written = sink.Header(header); !written) return written.error();

  long count = 0;
  std::vector<Cell> cells;
  Result<void> visited = storage.evaluations().ForEachEvaluation(
      campaign_code, [&](const evaluation::Evaluation& evaluation) -> Result<void> {
        cells.assign(header.size(), std::monostate{});
        std::size_t column = 0;
        for (std::string text :
             {evaluation.code, evaluation.campaign_code, evaluation.employee_no,
              evaluation.department_code, evaluation.monitor_code, evaluation.scenario_code,
              std::string(ChannelCode(evaluation.channel)),
              FormatLocalDateTime(evaluation.performed_at), evaluation.rubric_code,
              Join(evaluation.flags, ";")}) {
          cells[column++] = std::move(text);
        }
        for (const rubric::ItemObservation& observation : evaluation.observations) {
          const auto position = std::find(items.begin(), items.end(), observation.item_id);
          if (position == items.end()) continue;
          cells[10 + static_cast<std::size_t>(position - items.begin())] =
              rubric::FormatObservation(observation.observation);
        }
        column = 10 + items.size();
        cells[column++] = std::int64_t{evaluation.rubric_version};
        cells[column++] = std::int64_t{evaluation.round};
        cells[column++] = std::string(evaluation::ReviewStateCode(evaluation.state));
        cells[column++] = evaluation.review_reason;
        if (evaluation.score) {
          cells[column] = evaluation.score->total;
          for (const rubric::StageScore& stage : evaluation.score->stages) {
            const auto position = std::find(stages.begin(), stages.end(), "stage_" + stage.stage);
            if (position != stages.end()) {
              cells[column + 1 + static_cast<std::size_t>(position - stages.begin())] =
                  stage.points;
            }
          }
        }
        cells.back() = evaluation.notes;
        ++count;
        return sink.Row(cells);
      });
  if (!visited) return visited.error();
  if (Result<void> finished = sink.Finish(); !finished) return finished.error();
  return count;
}

}  // namespace chinjeol::programme
