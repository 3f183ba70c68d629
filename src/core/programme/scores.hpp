#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/programme/storage.hpp"
#include "core/programme/table_sink.hpp"
#include "core/stats/fair_score_model.hpp"

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
};

// Fair scores of every active employee (and of departed ones with contacts) for a campaign,
// from its approved, scored evaluations, sorted by employee number. kNotFound when there is
// no such campaign.
Result<ScoreTable> ComputeScores(Storage& storage, std::string_view campaign_code,
                                 const stats::ModelOptions& options = {});

// Writes the scores in CONTRACT.md's columns.
Result<void> WriteScores(const ScoreTable& table, TableSink& sink);

// Writes every evaluation of the campaign: the import columns (item observations in the
// import form), then rubric_version, round, state, review_reason, score and stage subtotals.
// Returns the number of evaluations written.
Result<long> ExportEvaluations(Storage& storage, std::string_view campaign_code, TableSink& sink);

}  // namespace chinjeol::programme
