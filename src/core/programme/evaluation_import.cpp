#include <memory>
#include <optional>
#include <unordered_map>

#include "core/common/date.hpp"
#include "core/common/text.hpp"
#include "core/evaluation/evaluation.hpp"
#include "core/programme/imports.hpp"
#include "core/programme/internal/columns.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::programme {
namespace {

using internal::ColumnMap;
using internal::ImportProblems;

constexpr long kProgressEvery = 4096;

const std::vector<std::string_view> kFixedColumns = {
    "evaluation_code", "campaign", "employee_no",  "department_code", "monitor_code",
    "scenario_code",   "channel",  "performed_at", "rubric",          "flags"};

std::string DefaultRubricCode(std::string_view channel_cell) {
  const auto channel = ParseChannel(channel_cell);
  if (!channel) return {};
  return std::string(ChannelCode(*channel)) + "-default";
}

// Everything a row is checked against, loaded once per import.
struct Lookups {
  std::unordered_map<std::string, std::string> employee_departments;  // employee_no -> dept
  std::unordered_map<std::string, bool> monitors;                     // code -> active
  std::unordered_map<std::string, org::Scenario> scenarios;
  std::unordered_map<std::string, std::optional<campaign::Campaign>> campaigns;  // cache
};

Result<Lookups> LoadLookups(ports::Storage& storage) {
  Lookups lookups;
  Result<std::vector<org::Employee>> employees = storage.organisation().ListEmployees();
  if (!employees) return employees.error();
  for (org::Employee& employee : *employees) {
    lookups.employee_departments.emplace(std::move(employee.employee_no),
                                         std::move(employee.department_code));
  }
  Result<std::vector<org::Monitor>> monitors = storage.organisation().ListMonitors();
  if (!monitors) return monitors.error();
  for (const org::Monitor& monitor : *monitors)
    lookups.monitors.emplace(monitor.code, monitor.active);
  Result<std::vector<org::Scenario>> scenarios = storage.organisation().ListScenarios();
  if (!scenarios) return scenarios.error();
  for (org::Scenario& scenario : *scenarios) {
    std::string code = scenario.code;
    lookups.scenarios.emplace(std::move(code), std::move(scenario));
  }
  return lookups;
}

// Positions of the fixed columns, looked up once per file.
struct FixedColumns {
  explicit FixedColumns(const ColumnMap& columns)
      : code(columns.Find("evaluation_code")),
        campaign(columns.Find("campaign")),
        employee(columns.Find("employee_no")),
        department(columns.Find("department_code")),
        monitor(columns.Find("monitor_code")),
        scenario(columns.Find("scenario_code")),
        channel(columns.Find("channel")),
        performed_at(columns.Find("performed_at")),
        rubric(columns.Find("rubric")),
        flags(columns.Find("flags")),
        notes(columns.Find("notes")) {}

  std::optional<std::size_t> code, campaign, employee, department, monitor, scenario, channel,
      performed_at, rubric, flags, notes;
};

// Checks one row and fills `evaluation`; problems go to `problems`. Returns false when the row
// has problems.
class RowChecker {
 public:
  RowChecker(const ColumnMap& columns, const std::vector<std::size_t>& item_positions,
             const std::vector<const rubric::Item*>& items, const rubric::Rubric& rubric,
             Lookups& lookups, ports::Storage& storage, ImportProblems& problems,
             const std::vector<std::string>& header)
      : columns_(columns),
        item_positions_(item_positions),
        items_(items),
        rubric_(rubric),
        lookups_(lookups),
        storage_(storage),
        problems_(problems),
        header_(header) {}

  Result<bool> Check(const tables::TableRow& row, evaluation::Evaluation& evaluation) {
    const std::size_t problems_before = problems_.total();
    const long line = row.line;
    evaluation.code = ColumnMap::CellAt(row, fixed_.code);
    if (evaluation.code.empty()) Problem(line, "evaluation_code", "must not be empty");

    evaluation.campaign_code = ColumnMap::CellAt(row, fixed_.campaign);
    Result<const campaign::Campaign*> campaign = FindCampaign(evaluation.campaign_code);
    if (!campaign) return campaign.error();
    if (*campaign == nullptr) {
      Problem(line, "campaign",
              "unknown campaign \"" + evaluation.campaign_code + "\"; create it first");
    }

    evaluation.employee_no = ColumnMap::CellAt(row, fixed_.employee);
    evaluation.department_code = ColumnMap::CellAt(row, fixed_.department);
    const auto employee = lookups_.employee_departments.find(evaluation.employee_no);
    if (employee == lookups_.employee_departments.end()) {
      Problem(line, "employee_no",
              "unknown employee \"" + evaluation.employee_no + "\"; is the roster up to date?");
    } else if (evaluation.department_code.empty()) {
      evaluation.department_code = employee->second;
    } else if (evaluation.department_code != employee->second) {
      Problem(line, "department_code",
              "employee " + evaluation.employee_no + " belongs to " + employee->second +
                  " in the roster, not " + evaluation.department_code);
    }

    evaluation.monitor_code = ColumnMap::CellAt(row, fixed_.monitor);
    if (!lookups_.monitors.contains(evaluation.monitor_code)) {
      Problem(line, "monitor_code", "unknown monitor \"" + evaluation.monitor_code + "\"");
    }

    const std::string_view channel_text = ColumnMap::CellAt(row, fixed_.channel);
    const auto channel = ParseChannel(channel_text);
    if (!channel) {
      Problem(line, "channel", "must be phone or visit, got \"" + std::string(channel_text) + "\"");
    } else if (*channel != rubric_.channel) {
      Problem(line, "channel",
              std::string("is ") + ChannelCode(*channel) + " but rubric " + rubric_.code +
                  " is for " + ChannelCode(rubric_.channel) + " contacts");
    }
    evaluation.channel = rubric_.channel;

    evaluation.scenario_code = ColumnMap::CellAt(row, fixed_.scenario);
    const auto scenario = lookups_.scenarios.find(evaluation.scenario_code);
    if (scenario == lookups_.scenarios.end()) {
      Problem(line, "scenario_code", "unknown scenario \"" + evaluation.scenario_code + "\"");
    } else if (channel && scenario->second.channel != *channel) {
      Problem(line, "scenario_code",
              "scenario " + evaluation.scenario_code + " is for " +
                  ChannelCode(scenario->second.channel) + " contacts");
    }

    const std::string_view performed_text = ColumnMap::CellAt(row, fixed_.performed_at);
    const auto performed_at = ParseLocalDateTime(performed_text);
    if (!performed_at) {
      Problem(line, "performed_at",
              "must be a local time as YYYY-MM-DDTHH:MM[:SS], got \"" +
                  std::string(performed_text) + "\"");
    } else {
      evaluation.performed_at = *performed_at;
      evaluation.round = 0;
      if (campaign && *campaign != nullptr) {
        const campaign::Campaign& c = **campaign;
        const auto round = c.RoundOf(performed_at->date);
        if (!round) {
          Problem(line, "performed_at",
                  std::string(performed_text) + " is outside campaign " + c.code + " (" +
                      FormatDate(c.start) + " to " + FormatDate(c.end) + ")");
        } else {
          evaluation.round = *round;
        }
      }
    }

    const std::string_view rubric_text = ColumnMap::CellAt(row, fixed_.rubric);
    if (!rubric_text.empty() && rubric_text != rubric_.code) {
      Problem(line, "rubric",
              "is \"" + std::string(rubric_text) + "\" but this file holds " + rubric_.code +
                  " contacts (one rubric per file)");
    }
    evaluation.rubric_code = rubric_.code;
    evaluation.rubric_version = rubric_.version;

    evaluation.flags = SplitList(ColumnMap::CellAt(row, fixed_.flags), ';');
    for (std::size_t i = 0; i < evaluation.flags.size(); ++i) {
      const std::string& flag = evaluation.flags[i];
      if (rubric_.FindFlag(flag) == nullptr) {
        std::string known;
        for (const rubric::Flag& f : rubric_.flags) known += (known.empty() ? "" : ", ") + f.id;
        Problem(line, "flags", "unknown flag \"" + flag + "\"; " + rubric_.code + " has " + known);
      } else if (std::find(evaluation.flags.begin(), evaluation.flags.begin() + i, flag) !=
                 evaluation.flags.begin() + i) {
        Problem(line, "flags", "flag " + flag + " is given twice");
      }
    }

    const bool scored = rubric::IsScored(evaluation.flags);
    evaluation.observations.clear();
    for (std::size_t k = 0; k < items_.size(); ++k) {
      const std::size_t position = item_positions_[k];
      const std::string_view cell =
          position < row.cells.size() ? Trim(row.cells[position]) : std::string_view{};
      // An unanswered or void contact has nothing to observe; keep what was written anyway.
      if (!scored && cell.empty()) continue;
      Result<rubric::Observation> observation = rubric::ParseObservation(*items_[k], cell);
      if (!observation) {
        Problem(line, header_[position], observation.error().message());
        continue;
      }
      evaluation.observations.push_back({items_[k]->id, std::move(*observation)});
    }

    evaluation.score.reset();
    if (problems_.total() == problems_before) {
      Result<std::optional<rubric::ContactScore>> score =
          rubric::ScoreSheet(rubric_, evaluation.observations, evaluation.flags);
      if (!score) {
        const auto& violations = score.error().violations();
        Problem(line, violations.empty() ? "" : violations.front().field, score.error().message());
      } else {
        evaluation.score = std::move(*score);
      }
    }
    return problems_.total() == problems_before;
  }

 private:
  void Problem(long line, std::string column, std::string message) {
    problems_.Add(line, std::move(column), std::move(message));
  }

  Result<const campaign::Campaign*> FindCampaign(const std::string& code) {
    auto found = lookups_.campaigns.find(code);
    if (found == lookups_.campaigns.end()) {
      Result<std::optional<campaign::Campaign>> loaded = storage_.campaigns().FindCampaign(code);
      if (!loaded) return loaded.error();
      found = lookups_.campaigns.emplace(code, std::move(*loaded)).first;
    }
    return found->second ? &*found->second : nullptr;
  }

  const ColumnMap& columns_;
  const FixedColumns fixed_{columns_};
  const std::vector<std::size_t>& item_positions_;
  const std::vector<const rubric::Item*>& items_;
  const rubric::Rubric& rubric_;
  Lookups& lookups_;
  ports::Storage& storage_;
  ImportProblems& problems_;
  const std::vector<std::string>& header_;
};

}  // namespace

Result<ImportReport> ImportEvaluations(tables::TableSource& source, ports::Storage& storage,
                                       const EvaluationImportOptions& options,
                                       const ProgressCallback& progress) {
  ImportProblems problems(source.name());
  const std::vector<std::string>& header = source.header();
  std::vector<std::size_t> item_columns;
  const ColumnMap columns(header, kFixedColumns, {"notes"}, problems, &item_columns);
  if (!problems.empty()) return problems.ToError();

  tables::TableRow row;
  Result<bool> first = source.Next(row);
  if (!first) return first.error();
  if (!*first) {
    problems.Add(0, "", "the file has a header but no rows");
    return problems.ToError();
  }

  // The file's rubric: named on the first row, or the channel's default sheet.
  std::string rubric_code(columns.Cell(row, "rubric"));
  if (rubric_code.empty()) rubric_code = DefaultRubricCode(columns.Cell(row, "channel"));
  Result<std::optional<rubric::Rubric>> found_rubric =
      storage.rubrics().FindLatestRubric(rubric_code);
  if (!found_rubric) return found_rubric.error();
  if (!*found_rubric) {
    problems.Add(row.line, "rubric", "unknown rubric \"" + rubric_code + "\"");
    return problems.ToError();
  }
  const rubric::Rubric rubric = std::move(**found_rubric);

  // Item columns must be exactly the rubric's items.
  std::vector<const rubric::Item*> items;
  std::vector<std::size_t> item_positions;
  for (const rubric::Item& item : rubric.items) {
    const auto position = std::find(header.begin(), header.end(), item.id);
    if (position == header.end()) {
      problems.Add(1, item.id, "item column of rubric " + rubric.code + " is missing");
      continue;
    }
    items.push_back(&item);
    item_positions.push_back(static_cast<std::size_t>(position - header.begin()));
  }
  for (const std::size_t position : item_columns) {
    if (rubric.FindItem(header[position]) == nullptr) {
      problems.Add(1, header[position],
                   "rubric " + rubric.code + " has no item \"" + header[position] + "\"");
    }
  }
  if (!problems.empty()) return problems.ToError();

  ImportReport report;
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    Result<Lookups> lookups = LoadLookups(storage);
    if (!lookups) return lookups.error();
    Result<std::unique_ptr<evaluation::EvaluationWriter>> writer =
        storage.evaluations().OpenWriter();
    if (!writer) return writer.error();
    RowChecker checker(columns, item_positions, items, rubric, *lookups, storage, problems, header);
    evaluation::Evaluation evaluation;
    bool more = true;
    while (more) {
      ++report.rows;
      Result<bool> valid = checker.Check(row, evaluation);
      if (!valid) return valid.error();
      if (*valid) {
        const bool critical = std::find(evaluation.flags.begin(), evaluation.flags.end(),
                                        rubric::kFlagCritical) != evaluation.flags.end();
        evaluation.state = options.pending || critical ? evaluation::ReviewState::kSubmitted
                                                       : evaluation::ReviewState::kApproved;
        evaluation.notes = columns.Cell(row, "notes");
        if (evaluation.state == evaluation::ReviewState::kSubmitted) ++report.pending_review;
        if (!evaluation.score) ++report.unscored;
        for (const std::string& flag : evaluation.flags) ++report.flags[flag];
        // Rows go on being written after a problem (the transaction is rolled back at the end)
        // so that repeated codes further down the file are named too.
        Result<void> added = (*writer)->Add(evaluation, row.line);
        if (!added) {
          if (added.error().code() != ErrorCode::kAlreadyExists) return added;
          problems.Add(row.line, "evaluation_code", added.error().message());
        }
      }
      if (progress && report.rows % kProgressEvery == 0) progress(source.Progress(), report.rows);
      Result<bool> next = source.Next(row);
      if (!next) return next.error();
      more = *next;
    }
    if (progress) progress(1.0, report.rows);
    Result<std::vector<FieldViolation>> conflicts = (*writer)->Finish();
    if (!conflicts) return conflicts.error();
    for (const FieldViolation& conflict : *conflicts) {
      problems.Add(conflict.line, conflict.field, conflict.message);
    }
    if (!problems.empty()) return problems.ToError();
    report.created = report.rows;
    return Ok();
  });
  if (!saved) return saved.error();
  return report;
}

}  // namespace chinjeol::programme
