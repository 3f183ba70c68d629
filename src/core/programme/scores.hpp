#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/result.hpp"
#include "core/org/organisation.hpp"
#include "core/ports/storage.hpp"
#include "core/stats/fair_score_model.hpp"
#include "core/stats/item_weakness.hpp"
#include "core/tables/table_sink.hpp"

namespace chinjeol::programme {

// One employee's line of the scores table (CONTRACT.md "scores").
struct EmployeeScoreRow {
  std::string employee_no;
  std::string name;
  std::string department_code;
  long contacts = 0;
  std::optional<double> raw_mean;
  std::optional<double> adjusted;  // fair score; empty while the model cannot be fitted
  std::optional<double> ci90_low;
  std::optional<double> ci90_high;
  std::string grade;
  std::optional<double> p_s, p_a, p_b, p_c;
  std::optional<bool> uncertain;
};

struct ScoreTable {
  std::string method;  // "fair" (the crossed random-effects model) or "raw" (means only)
  std::vector<EmployeeScoreRow> rows;
  std::vector<std::string> notes;  // plain-language remarks (fallbacks, why something is empty)
  // The whole model report (departments, monitors, reliability), when there were contacts.
  std::optional<stats::FairScoreReport> report;
  // Names behind the report's storage ids.
  std::unordered_map<std::int64_t, org::Department> departments;
  std::unordered_map<std::int64_t, std::string> monitor_codes;
};

// The tables `chinjeol score --level` writes.
enum class ScoreLevel {
  kEmployee,     // CONTRACT.md's scores columns
  kDepartment,   // fair department means with intervals and tie-aware ranks
  kGroup,        // 본청, 사업소, 직속기관, 읍면동
  kMonitor,      // severity with interval, fit, drift and flags (calibration)
  kReliability,  // the D study: what more contacts per employee would buy
  kSummary,      // variance components, reliability, misgrading, design checks
  kItem,         // items that are really weak per employee (shrunken against peers)
};
std::optional<ScoreLevel> ParseScoreLevel(std::string_view text);

// Writes one level of the table; levels other than employee need the model report
// (kFailedPrecondition naming why there is none). kItem is written by WriteItemWeakness.
Result<void> WriteScoreLevel(const ScoreTable& table, ScoreLevel level, tables::TableSink& sink);

// Per employee and rubric item, achievement shrunken towards peers (stats::AnalyzeItemWeakness)
// from the campaign's approved, scored evaluations. `employees` and `items` name the report's
// indices: employee numbers, and (item id, Korean name) over every rubric.
struct CampaignItems {
  stats::ItemWeaknessReport report;
  std::vector<std::string> employees;
  std::vector<std::pair<std::string, std::string>> items;
};
Result<CampaignItems> AnalyzeCampaignItems(ports::Storage& storage, std::string_view campaign_code);

// Per employee and rubric item, achievement shrunken towards peers (stats::AnalyzeItemWeakness)
// from the campaign's approved, scored evaluations; writes the employee-item pairs judged weak
// (a true gap of 10 points of the item below peers with probability 0.9), by employee.
Result<void> WriteItemWeakness(ports::Storage& storage, std::string_view campaign_code,
                               tables::TableSink& sink);

// Fair scores of every active employee (and of departed ones with contacts) for a campaign,
// from its approved, scored evaluations, sorted by employee number. kNotFound when there is
// no such campaign. With `performed_until`, from the contacts made at or before that time only
// (what a results release publishes).
Result<ScoreTable> ComputeScores(ports::Storage& storage, std::string_view campaign_code,
                                 const stats::ModelOptions& options = {},
                                 const std::optional<LocalDateTime>& performed_until = {});

// Writes the scores in CONTRACT.md's columns.
Result<void> WriteScores(const ScoreTable& table, tables::TableSink& sink);

// Writes every evaluation of the campaign: the import columns (item observations in the
// import form), then rubric_version, round, state, review_reason, score and stage subtotals.
// Returns the number of evaluations written.
Result<long> ExportEvaluations(ports::Storage& storage, std::string_view campaign_code,
                               tables::TableSink& sink);

}  // namespace chinjeol::programme
