#include "core/programme/scores.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/common/text.hpp"
#include "core/rubric/observation.hpp"
#include "core/stats/item_weakness.hpp"

namespace chinjeol::programme {
namespace {

// Scores to two decimals and probabilities to four are what people read; more digits only
// suggest a precision the intervals deny.
tables::Cell Rounded(const std::optional<double>& value, int decimals) {
  if (!value) return std::monostate{};
  const double scale = decimals == 2 ? 100.0 : 10000.0;
  return std::round(*value * scale) / scale + 0.0;
}

Result<campaign::Campaign> RequireCampaign(ports::Storage& storage, std::string_view code) {
  Result<std::optional<campaign::Campaign>> found = storage.campaigns().FindCampaign(code);
  if (!found) return found.error();
  if (!*found)
    return NotFound("no campaign \"" + std::string(code) + "\"; see `chinjeol campaigns`");
  return std::move(**found);
}

// "0.8" for a target.
std::string FormatNumber(double value) {
  std::string text = std::to_string(value);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

Result<ScoreTable> ComputeScores(ports::Storage& storage, std::string_view campaign_code,
                                 const stats::ModelOptions& options,
                                 const std::optional<LocalDateTime>& performed_until) {
  Result<campaign::Campaign> campaign = RequireCampaign(storage, campaign_code);
  if (!campaign) return campaign.error();
  Result<std::vector<evaluation::ScoredContact>> contacts =
      storage.evaluations().ListScoredContacts(campaign_code, performed_until);
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
  ScoreTable table;
  for (const auto& [id, code] : keys->monitors) table.monitor_codes.emplace(id, code);
  std::vector<stats::DepartmentGroup> groups;
  for (const org::Department& department : *departments) {
    table.departments.emplace(department_ids.at(department.code), department);
    groups.push_back(
        {department_ids.at(department.code), static_cast<std::int64_t>(department.group)});
  }

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

Result<void> WriteScores(const ScoreTable& table, tables::TableSink& sink) {
  Result<void> header =
      sink.Header({"employee_no", "name", "department_code", "contacts", "raw_mean", "adjusted",
                   "ci90_low", "ci90_high", "grade", "p_S", "p_A", "p_B", "p_C", "uncertain"});
  if (!header) return header;
  for (const EmployeeScoreRow& row : table.rows) {
    tables::Cell uncertain = std::monostate{};
    if (row.uncertain) uncertain = std::int64_t{*row.uncertain ? 1 : 0};
    Result<void> written =
        sink.Row({row.employee_no, row.name, row.department_code, std::int64_t{row.contacts},
                  Rounded(row.raw_mean, 2), Rounded(row.adjusted, 2), Rounded(row.ci90_low, 2),
                  Rounded(row.ci90_high, 2),
                  row.grade.empty() ? tables::Cell{} : tables::Cell{row.grade}, Rounded(row.p_s, 4),
                  Rounded(row.p_a, 4), Rounded(row.p_b, 4), Rounded(row.p_c, 4), uncertain});
    if (!written) return written;
  }
  return sink.Finish();
}

std::optional<ScoreLevel> ParseScoreLevel(std::string_view text) {
  if (text == "employee") return ScoreLevel::kEmployee;
  if (text == "department") return ScoreLevel::kDepartment;
  if (text == "group") return ScoreLevel::kGroup;
  if (text == "monitor") return ScoreLevel::kMonitor;
  if (text == "reliability") return ScoreLevel::kReliability;
  if (text == "summary") return ScoreLevel::kSummary;
  if (text == "item") return ScoreLevel::kItem;
  return std::nullopt;
}

namespace {

Result<void> WriteUnits(const ScoreTable& table, const std::vector<stats::UnitScore>& units,
                        bool departments, tables::TableSink& sink) {
  std::vector<std::string> header;
  if (departments) {
    header = {"department_code", "department_name", "group"};
  } else {
    header = {"group", "group_name"};
  }
  for (const char* column : {"employees", "contacts", "raw_mean", "adjusted", "ci90_low",
                             "ci90_high", "rank", "rank_worst"}) {
    header.emplace_back(column);
  }
  if (Result<void> written = sink.Header(header); !written) return written;
  std::vector<const stats::UnitScore*> ordered;
  for (const stats::UnitScore& unit : units) ordered.push_back(&unit);
  std::sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
    return a->rank != b->rank ? a->rank < b->rank : a->adjusted > b->adjusted;
  });
  for (const stats::UnitScore* unit : ordered) {
    std::vector<tables::Cell> cells;
    if (departments) {
      const auto found = table.departments.find(unit->unit_id);
      if (found == table.departments.end()) continue;
      cells = {found->second.code, found->second.name,
               std::string(org::DepartmentGroupCode(found->second.group))};
    } else {
      const auto group = static_cast<org::DepartmentGroup>(unit->unit_id);
      cells = {std::string(org::DepartmentGroupCode(group)),
               std::string(org::DepartmentGroupNameKo(group))};
    }
    for (tables::Cell cell :
         {tables::Cell{std::int64_t{unit->employees}}, tables::Cell{std::int64_t{unit->contacts}},
          Rounded(unit->raw_mean, 2), Rounded(unit->adjusted, 2), Rounded(unit->ci_low, 2),
          Rounded(unit->ci_high, 2), tables::Cell{std::int64_t{unit->rank}},
          tables::Cell{std::int64_t{unit->rank_worst}}}) {
      cells.push_back(std::move(cell));
    }
    if (Result<void> written = sink.Row(cells); !written) return written;
  }
  return sink.Finish();
}

Result<void> WriteMonitors(const ScoreTable& table, tables::TableSink& sink) {
  if (Result<void> written =
          sink.Header({"monitor_code", "contacts", "raw_mean", "severity", "ci90_low", "ci90_high",
                       "infit", "outfit", "drift_per_30_days", "drift_p", "flags"});
      !written) {
    return written;
  }
  for (const stats::MonitorCalibration& monitor : table.report->monitors) {
    std::vector<std::string> flags;
    if (monitor.harsh) flags.emplace_back("harsh");
    if (monitor.lenient) flags.emplace_back("lenient");
    if (monitor.erratic) flags.emplace_back("erratic");
    if (monitor.muted) flags.emplace_back("muted");
    if (monitor.drifting) flags.emplace_back("drifting");
    const auto code = table.monitor_codes.find(monitor.monitor_id);
    Result<void> written = sink.Row(
        {code == table.monitor_codes.end() ? std::to_string(monitor.monitor_id) : code->second,
         std::int64_t{monitor.contacts}, Rounded(monitor.raw_mean, 2), Rounded(monitor.severity, 2),
         Rounded(monitor.ci_low, 2), Rounded(monitor.ci_high, 2), Rounded(monitor.infit, 2),
         Rounded(monitor.outfit, 2), Rounded(monitor.drift_per_30_days, 2),
         Rounded(monitor.drift_p, 4), Join(flags, ";")});
    if (!written) return written;
  }
  return sink.Finish();
}

Result<void> WriteReliability(const stats::FairScoreReport& report, tables::TableSink& sink) {
  if (Result<void> written = sink.Header({"contacts_per_employee", "phi_raw", "phi_adjusted",
                                          "expected_misgrade_share", "relative_misgrade_share"});
      !written) {
    return written;
  }
  for (const stats::DStudyRow& row : report.reliability.d_study) {
    Result<void> written = sink.Row(
        {std::int64_t{row.contacts}, Rounded(row.phi_raw, 4), Rounded(row.phi_adjusted, 4),
         Rounded(row.expected_misgrade_share, 4), Rounded(row.relative_misgrade_share, 4)});
    if (!written) return written;
  }
  return sink.Finish();
}

Result<void> WriteSummary(const ScoreTable& table, tables::TableSink& sink) {
  const stats::FairScoreReport& report = *table.report;
  if (Result<void> written = sink.Header({"measure", "value", "meaning"}); !written) return written;
  const stats::VarianceComponents& variance = report.variance;
  const stats::ReliabilityReport& reliability = report.reliability;
  std::vector<std::vector<tables::Cell>> rows = {
      {std::string("method"), table.method,
       std::string("fair = 교차 무선효과 모형 crossed random-effects model (REML); raw = 원점수 "
                   "평균 means only")},
      {std::string("contacts"), std::int64_t{report.contacts},
       std::string("승인·채점된 평가 approved, scored evaluations")},
      {std::string("fair_mean"), Rounded(report.fair_mean, 2),
       std::string("기관 평균(채널 평균) organisation mean, channels averaged")},
      {std::string("sd_employee"), Rounded(std::sqrt(variance.employee), 2),
       std::string("직원 간 친절도 차이 spread of employees' kindness, points")},
      {std::string("sd_monitor"), Rounded(std::sqrt(variance.monitor), 2),
       std::string("모니터요원 엄격도 차이 spread of monitors' severity, points")},
      {std::string("sd_scenario"), Rounded(std::sqrt(variance.scenario), 2),
       std::string("시나리오 난이도 차이 spread of scenarios' difficulty, points")},
      {std::string("sd_residual"), Rounded(std::sqrt(variance.residual), 2),
       std::string("평가 간 우연 변동 contact-to-contact noise, points")},
      {std::string("single_contact_icc"), Rounded(reliability.single_contact_icc, 4),
       std::string("평가 1회에서 직원 몫 share of one contact's variance that is the employee")},
      {std::string("mean_contacts"), Rounded(reliability.mean_contacts, 2),
       std::string("직원당 평가 수 contacts per evaluated employee")},
      {std::string("phi_raw"), Rounded(reliability.phi_raw, 4),
       std::string("원점수 신뢰도 dependability of raw means at this campaign's size")},
      {std::string("phi_adjusted"), Rounded(reliability.phi_adjusted, 4),
       std::string("보정 점수 신뢰도 dependability of adjusted scores at this campaign's size")},
      {std::string("expected_misgrade_share"), Rounded(reliability.expected_misgrade_share, 4),
       std::string("등급 오분류 예상 비율 employees expected in the wrong S/A/B/C grade")},
      {std::string("relative_misgrade_share"), Rounded(reliability.relative_misgrade_share, 4),
       std::string("5구간 상대평가 오분류 예상 비율 employees expected in the wrong one of five "
                   "relative bands")},
      {std::string("design_parts"), std::int64_t{report.connectivity.parts},
       std::string("연결된 평가 설계 부분 수 (1 = 엄격도 추정 가능) connected parts of the design "
                   "(1 = severity estimable)")},
  };
  for (const stats::ReliabilityTarget& target : reliability.targets) {
    rows.push_back({"contacts_for_phi_" + FormatNumber(target.target),
                    std::int64_t{target.contacts_adjusted},
                    std::string("이 신뢰도에 필요한 직원당 평가 수 contacts per employee for this "
                                "dependability (adjusted; raw needs ") +
                        std::to_string(target.contacts_raw) + ")"});
  }
  for (const stats::Warning& warning : report.warnings) {
    rows.push_back({std::string("warning"), std::string(), warning.message});
  }
  for (const auto& row : rows) {
    if (Result<void> written = sink.Row(row); !written) return written;
  }
  return sink.Finish();
}

}  // namespace

Result<void> WriteScoreLevel(const ScoreTable& table, ScoreLevel level, tables::TableSink& sink) {
  if (level == ScoreLevel::kEmployee) return WriteScores(table, sink);
  if (!table.report) {
    return FailedPrecondition("there are no scored contacts yet, so there is no model to report");
  }
  switch (level) {
    case ScoreLevel::kDepartment:
      return WriteUnits(table, table.report->departments, true, sink);
    case ScoreLevel::kGroup:
      return WriteUnits(table, table.report->groups, false, sink);
    case ScoreLevel::kMonitor:
      return WriteMonitors(table, sink);
    case ScoreLevel::kReliability:
      return WriteReliability(*table.report, sink);
    case ScoreLevel::kSummary:
      return WriteSummary(table, sink);
    case ScoreLevel::kEmployee:
    case ScoreLevel::kItem:
      break;
  }
  return WriteScores(table, sink);
}

Result<CampaignItems> AnalyzeCampaignItems(ports::Storage& storage,
                                           std::string_view campaign_code) {
  Result<campaign::Campaign> campaign = RequireCampaign(storage, campaign_code);
  if (!campaign) return campaign.error();
  Result<std::vector<rubric::Rubric>> rubrics = storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();
  CampaignItems result;
  // Items by id over every rubric (a contact's other-channel items are left empty).
  std::vector<std::pair<std::string, std::string>>& items = result.items;
  for (const rubric::Rubric& rubric : *rubrics) {
    for (const rubric::Item& item : rubric.items) {
      const bool known = std::any_of(items.begin(), items.end(),
                                     [&](const auto& entry) { return entry.first == item.id; });
      if (!known) items.emplace_back(item.id, item.name_ko);
    }
  }
  stats::ItemInput input;
  input.item_count = static_cast<int>(items.size());
  std::vector<std::string>& employees = result.employees;
  std::unordered_map<std::string, int> employee_index;
  Result<void> visited = storage.evaluations().ForEachEvaluation(
      campaign_code, [&](const evaluation::Evaluation& evaluation) -> Result<void> {
        if (evaluation.state != evaluation::ReviewState::kApproved || !evaluation.score) {
          return Ok();
        }
        const auto [found, inserted] =
            employee_index.emplace(evaluation.employee_no, static_cast<int>(employees.size()));
        if (inserted) employees.push_back(evaluation.employee_no);
        input.employee.push_back(found->second);
        const std::size_t base = input.fractions.size();
        input.fractions.resize(base + items.size());
        for (const rubric::ItemScore& item : evaluation.score->items) {
          if (!item.points || item.max_points <= 0) continue;
          for (std::size_t k = 0; k < items.size(); ++k) {
            if (items[k].first == item.item_id) {
              input.fractions[base + k] = std::clamp(*item.points / item.max_points, 0.0, 1.0);
            }
          }
        }
        return Ok();
      });
  if (!visited) return visited.error();
  input.employee_count = static_cast<int>(employees.size());
  Result<stats::ItemWeaknessReport> report = stats::AnalyzeItemWeakness(input);
  if (!report) return report.error();
  result.report = std::move(*report);
  return result;
}

Result<void> WriteItemWeakness(ports::Storage& storage, std::string_view campaign_code,
                               tables::TableSink& sink) {
  Result<CampaignItems> analysed = AnalyzeCampaignItems(storage, campaign_code);
  if (!analysed) return analysed.error();
  const std::vector<std::string>& employees = analysed->employees;
  const std::vector<std::pair<std::string, std::string>>& items = analysed->items;
  const stats::ItemWeaknessReport* report = &analysed->report;
  if (Result<void> header =
          sink.Header({"employee_no", "item", "item_name", "contacts", "achievement", "peer_mean",
                       "shrunken_gap", "probability_weak"});
      !header) {
    return header;
  }
  std::vector<const stats::EmployeeItemWeakness*> weak;
  for (const stats::EmployeeItemWeakness& entry : report->entries) {
    if (entry.weak) weak.push_back(&entry);
  }
  std::sort(weak.begin(), weak.end(), [&](const auto* a, const auto* b) {
    return employees[static_cast<std::size_t>(a->employee)] !=
                   employees[static_cast<std::size_t>(b->employee)]
               ? employees[static_cast<std::size_t>(a->employee)] <
                     employees[static_cast<std::size_t>(b->employee)]
               : a->item < b->item;
  });
  for (const stats::EmployeeItemWeakness* entry : weak) {
    const auto item = static_cast<std::size_t>(entry->item);
    Result<void> row =
        sink.Row({employees[static_cast<std::size_t>(entry->employee)], items[item].first,
                  items[item].second, std::int64_t{entry->contacts}, Rounded(entry->raw_mean, 4),
                  Rounded(report->items[item].peer_mean, 4), Rounded(entry->shrunken_gap, 4),
                  Rounded(entry->probability_weak, 4)});
    if (!row) return row;
  }
  return sink.Finish();
}

Result<long> ExportEvaluations(ports::Storage& storage, std::string_view campaign_code,
                               tables::TableSink& sink) {
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
  std::vector<tables::Cell> cells;
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
