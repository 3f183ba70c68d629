#include "core/programme/scores.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/common/text.hpp"
#include "core/rubric/observation.hpp"

namespace chinjeol::programme {
namespace {

// Scores to two decimals and probabilities to four are what people read; more digits only
// suggest a precision the intervals deny.
Cell Rounded(const std::optional<double>& value, int decimals) {
  if (!value) return std::monostate{};
  const double scale = decimals == 2 ? 100.0 : 10000.0;
  return std::round(*value * scale) / scale + 0.0;
}

Result<campaign::Campaign> RequireCampaign(Storage& storage, std::string_view code) {
  Result<std::optional<campaign::Campaign>> found = storage.campaigns().FindCampaign(code);
  if (!found) return found.error();
  if (!*found)
    return NotFound("no campaign \"" + std::string(code) + "\"; see `chinjeol campaigns`");
  return std::move(**found);
}

}  // namespace

Result<ScoreTable> ComputeScores(Storage& storage, std::string_view campaign_code,
                                 const stats::ModelOptions& options) {
  Result<campaign::Campaign> campaign = RequireCampaign(storage, campaign_code);
  if (!campaign) return campaign.error();
  Result<std::vector<evaluation::ScoredContact>> contacts =
      storage.evaluations().ListScoredContacts(campaign_code);
  if (!contacts) return contacts.error();
  Result<evaluation::ContactKeys> keys = storage.evaluations().ListContactKeys();
  if (!keys) return keys.error();
  Result<std::vector<org::Employee>> employees = storage.organisation().ListEmployees();
  if (!employees) return employees.error();
  Result<std::vector<org::Department>> departments = storage.organisation().ListDepartments();
  if (!departments) return departments.error();

  std::unordered_map<std::string, std::int64_t> employee_ids, department_ids;
  for (const auto& [id, number] : keys->employees) employee_ids.emplace(number, id);
  for (const auto& [id, code] : keys->departments) department_ids.emplace(code, id);
  std::unordered_map<std::int64_t, const org::Employee*> by_id;
  std::vector<stats::RosterEntry> roster;
  for (const org::Employee& employee : *employees) {
    const std::int64_t id = employee_ids.at(employee.employee_no);
    by_id.emplace(id, &employee);
    if (employee.active) roster.push_back({id, department_ids.at(employee.department_code)});
  }
  std::vector<stats::DepartmentGroup> groups;
  for (const org::Department& department : *departments) {
    groups.push_back(
        {department_ids.at(department.code), static_cast<std::int64_t>(department.group)});
  }

  ScoreTable table;
  if (contacts->empty()) {
    table.method = "raw";
    table.notes.push_back("no approved, scored evaluation yet: nothing to score");
    for (const stats::RosterEntry& entry : roster) {
      const org::Employee& employee = *by_id.at(entry.employee_id);
      EmployeeScoreRow row;
      row.employee_no = employee.employee_no;
      row.name = employee.name;
      row.department_code = employee.department_code;
      table.rows.push_back(std::move(row));
    }
    return table;
  }
  Result<stats::ModelInput> input = stats::BuildModelInput(*contacts, roster, groups);
  if (!input) return input.error();
  Result<stats::FairScoreReport> report = stats::FitFairScores(*input, options);
  if (!report) return report.error();

  table.method = report->method == stats::FitMethod::kExactReml ? "fair" : "raw";
  for (const stats::Warning& warning : report->warnings) table.notes.push_back(warning.message);
  for (const stats::EmployeeScore& score : report->employees) {
    const auto found = by_id.find(score.employee_id);
    if (found == by_id.end()) continue;
    const org::Employee& employee = *found->second;
    EmployeeScoreRow row;
    row.employee_no = employee.employee_no;
    row.name = employee.name;
    row.department_code = employee.department_code;
    row.contacts = score.contacts;
    row.raw_mean = score.raw_mean;
    row.adjusted = score.adjusted;
    row.ci90_low = score.ci_low;
    row.ci90_high = score.ci_high;
    row.grade = report->grade_bands.at(static_cast<std::size_t>(score.grade)).name;
    const auto probability = [&](std::size_t band) -> std::optional<double> {
      if (band >= score.grade_probabilities.size()) return std::nullopt;
      return score.grade_probabilities[band];
    };
    row.p_s = probability(0);
    row.p_a = probability(1);
    row.p_b = probability(2);
    row.p_c = probability(3);
    row.uncertain = score.uncertain;
    table.rows.push_back(std::move(row));
  }
  std::sort(table.rows.begin(), table.rows.end(),
            [](const EmployeeScoreRow& a, const EmployeeScoreRow& b) {
              return a.employee_no < b.employee_no;
            });
  table.report = std::move(*report);
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
    Result<void> written =
        sink.Row({row.employee_no, row.name, row.department_code, std::int64_t{row.contacts},
                  Rounded(row.raw_mean, 2), Rounded(row.adjusted, 2), Rounded(row.ci90_low, 2),
                  Rounded(row.ci90_high, 2), row.grade.empty() ? Cell{} : Cell{row.grade},
                  Rounded(row.p_s, 4), Rounded(row.p_a, 4), Rounded(row.p_b, 4),
                  Rounded(row.p_c, 4), uncertain});
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
