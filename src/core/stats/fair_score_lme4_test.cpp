// Exactness against lme4 on the golden fixture in testdata/ (bench/fair/make_fixture.sh).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/stats/fair_score_model.hpp"

namespace chinjeol::stats {
namespace {

using Table = std::vector<std::map<std::string, std::string>>;

Table ReadCsv(const std::string& name) {
  std::ifstream file(std::string(CHINJEOL_SOURCE_DIR) + "/src/core/stats/testdata/" + name);
  EXPECT_TRUE(file.good()) << name;
  std::string line;
  std::getline(file, line);
  std::vector<std::string> header;
  std::stringstream head(line);
  for (std::string cell; std::getline(head, cell, ',');) header.push_back(cell);
  Table table;
  while (std::getline(file, line)) {
    std::stringstream row(line);
    std::map<std::string, std::string> record;
    std::size_t column = 0;
    for (std::string cell; std::getline(row, cell, ','); ++column) record[header[column]] = cell;
    table.push_back(std::move(record));
  }
  return table;
}

double Number(const std::map<std::string, std::string>& row, const std::string& key) {
  return std::stod(row.at(key));
}

ModelInput CityInput() {
  std::vector<evaluation::ScoredContact> contacts;
  std::int64_t id = 0;
  for (const auto& row : ReadCsv("city_gauss_evals.csv")) {
    evaluation::ScoredContact contact;
    contact.evaluation_id = ++id;
    contact.employee_id = std::stoll(row.at("employee"));
    contact.department_id = std::stoll(row.at("department"));
    contact.monitor_id = std::stoll(row.at("monitor"));
    contact.scenario_id = std::stoll(row.at("scenario"));
    contact.channel = row.at("channel") == "visit" ? Channel::kVisit : Channel::kPhone;
    contact.round = 1;
    contact.score = std::stod(row.at("score"));
    contacts.push_back(contact);
  }
  Result<ModelInput> input = BuildModelInput(contacts);
  EXPECT_TRUE(input.has_value()) << input.error().message();
  return std::move(input).value();
}

// Index of a storage id in the dense levels.
int IndexOf(const std::vector<std::int64_t>& ids, std::int64_t id) {
  return static_cast<int>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin());
}

void ExpectRelative(double actual, double expected, double tolerance, const char* what) {
  EXPECT_LE(std::fabs(actual - expected), tolerance * std::fabs(expected))
      << what << ": " << actual << " vs lme4 " << expected;
}

TEST(FitFairScores, MatchesLme4OnTheCityFixture) {
  const ModelInput input = CityInput();
  Result<FairScoreReport> report = FitFairScores(input);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  const auto summary = ReadCsv("city_gauss_lmer_summary.csv").front();

  EXPECT_EQ(report->method, FitMethod::kExactReml);
  EXPECT_LE(report->reml_criterion, Number(summary, "reml_crit") + 1e-3);
  EXPECT_NEAR(report->reml_criterion, Number(summary, "reml_crit"), 1e-2);
  ExpectRelative(std::sqrt(report->variance.employee), Number(summary, "sd_employee"), 1e-3,
                 "employee SD");
  ExpectRelative(std::sqrt(report->variance.monitor), Number(summary, "sd_monitor"), 1e-3,
                 "monitor SD");
  ExpectRelative(std::sqrt(report->variance.scenario), Number(summary, "sd_scenario"), 1e-3,
                 "scenario SD");
  ExpectRelative(std::sqrt(report->variance.residual), Number(summary, "sd_residual"), 1e-3,
                 "residual SD");
  ASSERT_EQ(report->fixed_effects.size(), 2u);
  EXPECT_NEAR(report->fixed_effects[0].estimate, Number(summary, "beta_intercept"), 1e-3);
  EXPECT_NEAR(report->fixed_effects[1].estimate, Number(summary, "beta_visit"), 1e-3);
  EXPECT_NEAR(report->fixed_effects[0].standard_error, Number(summary, "se_intercept"), 1e-4);
  EXPECT_NEAR(report->fixed_effects[1].standard_error, Number(summary, "se_visit"), 1e-4);
  const double fixed_part = Number(summary, "beta_intercept") + Number(summary, "beta_visit") / 2;

  double max_effect = 0;
  double max_adjusted = 0;
  double max_sd = 0;
  for (const auto& row : ReadCsv("city_gauss_lmer_employees.csv")) {
    const EmployeeScore& e =
        report->employees[IndexOf(input.employee_ids, std::stoll(row.at("level")))];
    max_effect = std::max(max_effect, std::fabs(e.effect - Number(row, "blup")));
    max_adjusted =
        std::max(max_adjusted, std::fabs(e.adjusted - (fixed_part + Number(row, "blup"))));
    max_sd = std::max(max_sd, std::fabs(e.conditional_sd - Number(row, "cond_sd")));
  }
  EXPECT_LT(max_effect, 1e-3);
  EXPECT_LT(max_adjusted, 1e-3);
  EXPECT_LT(max_sd, 1e-4);

  double max_severity = 0;
  double max_severity_sd = 0;
  for (const auto& row : ReadCsv("city_gauss_lmer_monitors.csv")) {
    const MonitorCalibration& m =
        report->monitors[IndexOf(input.monitor_ids, std::stoll(row.at("level")))];
    max_severity = std::max(max_severity, std::fabs(m.severity + Number(row, "blup")));
    max_severity_sd = std::max(max_severity_sd, std::fabs(m.severity_sd - Number(row, "cond_sd")));
  }
  EXPECT_LT(max_severity, 1e-3);
  EXPECT_LT(max_severity_sd, 1e-4);
  for (const auto& row : ReadCsv("city_gauss_lmer_scenarios.csv")) {
    const ScenarioDifficulty& s =
        report->scenarios[IndexOf(input.scenario_ids, std::stoll(row.at("level")))];
    EXPECT_NEAR(s.difficulty, -Number(row, "blup"), 1e-3);
    EXPECT_NEAR(s.difficulty_sd, Number(row, "cond_sd"), 1e-4);
  }
}

TEST(FitFairScores, MatchesLme4WithADepartmentEffect) {
  const ModelInput input = CityInput();
  ModelOptions options;
  options.department_effect = true;
  Result<FairScoreReport> report = FitFairScores(input, options);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  const auto summary = ReadCsv("city_gauss_lmerdept_summary.csv").front();
  EXPECT_LE(report->reml_criterion, Number(summary, "reml_crit") + 1e-3);
  ExpectRelative(std::sqrt(report->variance.employee), Number(summary, "sd_employee"), 1e-3,
                 "employee SD");
  ExpectRelative(std::sqrt(report->variance.department), Number(summary, "sd_department"), 1e-3,
                 "department SD");
  ExpectRelative(std::sqrt(report->variance.monitor), Number(summary, "sd_monitor"), 1e-3,
                 "monitor SD");
  ExpectRelative(std::sqrt(report->variance.residual), Number(summary, "sd_residual"), 1e-3,
                 "residual SD");
  double max_effect = 0;
  for (const auto& row : ReadCsv("city_gauss_lmerdept_employees.csv")) {
    const EmployeeScore& e =
        report->employees[IndexOf(input.employee_ids, std::stoll(row.at("level")))];
    max_effect = std::max(max_effect, std::fabs(e.effect - Number(row, "blup")));
  }
  EXPECT_LT(max_effect, 1e-3);
  for (const auto& row : ReadCsv("city_gauss_lmerdept_departments.csv")) {
    const UnitScore& d =
        report->departments[IndexOf(input.department_ids, std::stoll(row.at("level")))];
    EXPECT_NEAR(d.effect, Number(row, "blup"), 1e-3);
  }
  for (const auto& row : ReadCsv("city_gauss_lmerdept_monitors.csv")) {
    const MonitorCalibration& m =
        report->monitors[IndexOf(input.monitor_ids, std::stoll(row.at("level")))];
    EXPECT_NEAR(m.severity, -Number(row, "blup"), 1e-3);
    EXPECT_NEAR(m.severity_sd, Number(row, "cond_sd"), 1e-4);
  }
}

}  // namespace
}  // namespace chinjeol::stats
