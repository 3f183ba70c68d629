#include "core/stats/fair_score_model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/stats/simulated_campaign.hpp"

namespace chinjeol::stats {
namespace {

using testing::SimulateCampaign;
using testing::SimulatedCampaign;
using testing::SimulationMode;
using testing::SimulationOptions;

double Correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  double ma = 0;
  double mb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  double sab = 0;
  double saa = 0;
  double sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}

double Rmse(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(sum / static_cast<double>(a.size()));
}

struct Fitted {
  SimulatedCampaign campaign;
  ModelInput input;
  FairScoreReport report;
};

Fitted FitSimulation(const SimulationOptions& simulation, const ModelOptions& options = {}) {
  Fitted fitted;
  fitted.campaign = SimulateCampaign(simulation);
  Result<ModelInput> input = BuildModelInput(fitted.campaign.contacts);
  EXPECT_TRUE(input.has_value());
  fitted.input = std::move(input).value();
  Result<FairScoreReport> report = FitFairScores(fitted.input, options);
  EXPECT_TRUE(report.has_value()) << report.error().message();
  fitted.report = std::move(report).value();
  return fitted;
}

// Truth of each report row (employee ids are 1-based in the simulation).
double TruthOf(const Fitted& fitted, std::size_t row) {
  return fitted.campaign.true_fair[fitted.input.employee_ids[row] - 1];
}

bool HasWarning(const FairScoreReport& report, WarningCode code) {
  return std::any_of(report.warnings.begin(), report.warnings.end(),
                     [&](const Warning& w) { return w.code == code; });
}

void ExpectSane(const FairScoreReport& report) {
  for (const EmployeeScore& e : report.employees) {
    ASSERT_TRUE(std::isfinite(e.adjusted));
    ASSERT_TRUE(std::isfinite(e.conditional_sd));
    EXPECT_GE(e.adjusted, 0);
    EXPECT_LE(e.adjusted, 100);
    EXPECT_LE(e.ci_low, e.adjusted + 1e-9);
    EXPECT_GE(e.ci_high, e.adjusted - 1e-9);
    double total = 0;
    for (const double p : e.grade_probabilities) {
      ASSERT_TRUE(std::isfinite(p));
      total += p;
    }
    EXPECT_NEAR(total, 1, 1e-9);
  }
  EXPECT_TRUE(std::isfinite(report.city.adjusted));
}

TEST(FitFairScores, AdjustedScoresBeatRawMeansOnRubricData) {
  for (const std::uint64_t seed : {1u, 2u}) {
    const Fitted fitted = FitSimulation({.mode = SimulationMode::kRubric, .seed = seed});
    std::vector<double> truth;
    std::vector<double> adjusted;
    std::vector<double> raw;
    for (std::size_t i = 0; i < fitted.report.employees.size(); ++i) {
      truth.push_back(TruthOf(fitted, i));
      adjusted.push_back(fitted.report.employees[i].adjusted);
      raw.push_back(*fitted.report.employees[i].raw_mean);
    }
    const double corr_adjusted = Correlation(adjusted, truth);
    const double corr_raw = Correlation(raw, truth);
    EXPECT_GT(corr_adjusted, corr_raw + 0.03) << "seed " << seed;
    EXPECT_LT(Rmse(adjusted, truth), 0.85 * Rmse(raw, truth)) << "seed " << seed;
    // An oracle model does not do much better than this (anchors: corr 0.78-0.85).
    EXPECT_GT(corr_adjusted, 0.75);
    EXPECT_LT(corr_adjusted, 0.9);
    ExpectSane(fitted.report);
  }
}

TEST(FitFairScores, IntervalsCoverTheTruthAtTheirLevel) {
  int covered = 0;
  int total = 0;
  for (const std::uint64_t seed : {11u, 12u, 13u}) {
    const Fitted fitted = FitSimulation({.mode = SimulationMode::kGaussian, .seed = seed});
    std::vector<double> truth;
    std::vector<double> adjusted;
    std::vector<double> raw;
    for (std::size_t i = 0; i < fitted.report.employees.size(); ++i) {
      const EmployeeScore& e = fitted.report.employees[i];
      const double t = TruthOf(fitted, i);
      covered += (t >= e.ci_low && t <= e.ci_high) ? 1 : 0;
      ++total;
      truth.push_back(t);
      adjusted.push_back(e.adjusted);
      raw.push_back(*e.raw_mean);
    }
    EXPECT_GT(Correlation(adjusted, truth), Correlation(raw, truth));
    EXPECT_LT(Rmse(adjusted, truth), Rmse(raw, truth));
  }
  const double coverage = static_cast<double>(covered) / total;
  EXPECT_GE(coverage, 0.85);
  EXPECT_LE(coverage, 0.95);
}

TEST(FitFairScores, GradeProbabilitiesAreCalibrated) {
  // Bin every (employee, grade) probability; the share of true grades in a bin must match.
  constexpr int kBins = 5;
  std::vector<double> predicted(kBins, 0.0);
  std::vector<double> observed(kBins, 0.0);
  std::vector<int> count(kBins, 0);
  for (const std::uint64_t seed : {21u, 22u, 23u}) {
    const Fitted fitted = FitSimulation({.mode = SimulationMode::kGaussian, .seed = seed});
    const auto& bands = fitted.report.grade_bands;
    for (std::size_t i = 0; i < fitted.report.employees.size(); ++i) {
      const EmployeeScore& e = fitted.report.employees[i];
      const int true_grade = GradeOf(bands, TruthOf(fitted, i));
      for (std::size_t g = 0; g < bands.size(); ++g) {
        const double p = e.grade_probabilities[g];
        const int bin = std::min(kBins - 1, static_cast<int>(p * kBins));
        predicted[bin] += p;
        observed[bin] += (static_cast<int>(g) == true_grade) ? 1 : 0;
        ++count[bin];
      }
    }
  }
  for (int bin = 0; bin < kBins; ++bin) {
    ASSERT_GT(count[bin], 100) << bin;
    EXPECT_NEAR(observed[bin] / count[bin], predicted[bin] / count[bin], 0.06) << "bin " << bin;
  }
}

TEST(FitFairScores, ReportsReliabilityHonestly) {
  const Fitted fitted = FitSimulation({.mode = SimulationMode::kGaussian, .seed = 5});
  const ReliabilityReport& r = fitted.report.reliability;
  // Truth: person 45, monitor 25, scenario 16, residual 100; 4 contacts on average.
  EXPECT_NEAR(r.single_contact_icc, 45.0 / 186, 0.06);
  EXPECT_NEAR(r.phi_adjusted, 45 / (45 + 100 / 4.0), 0.07);
  EXPECT_LT(r.phi_raw, r.phi_adjusted);
  EXPECT_GT(r.expected_misgrade_share, 0.2);   // four bands of 10 points, SD ~ 4: many misgraded
  EXPECT_GT(r.relative_misgrade_share, 0.35);  // five relative bands: about half (anchors)
  EXPECT_LT(r.relative_misgrade_share, 0.55);
  ASSERT_EQ(r.targets.size(), 3u);
  EXPECT_GT(r.targets[1].contacts_raw, r.targets[1].contacts_adjusted);
  for (const DStudyRow& row : r.d_study) {
    EXPECT_LE(row.phi_raw, row.phi_adjusted);
    EXPECT_GE(row.expected_misgrade_share, 0);
  }
  // Residual mean squares of an honest monitor are about 1 when the model holds.
  double infit = 0;
  double outfit = 0;
  for (const MonitorCalibration& m : fitted.report.monitors) {
    infit += m.infit / fitted.report.monitors.size();
    outfit += m.outfit / fitted.report.monitors.size();
    EXPECT_FALSE(m.erratic);
  }
  EXPECT_NEAR(infit, 1, 0.05);
  EXPECT_NEAR(outfit, 1, 0.05);
  EXPECT_GT(fitted.report.connectivity.parts, 1);  // regional monitor pools
  EXPECT_TRUE(HasWarning(fitted.report, WarningCode::kDisconnectedDesign));
}

TEST(FitFairScores, FlagsAHarshMonitor) {
  SimulatedCampaign campaign = SimulateCampaign({.mode = SimulationMode::kGaussian, .seed = 8});
  for (evaluation::ScoredContact& contact : campaign.contacts) {
    if (contact.monitor_id == 3) contact.score -= 15;
  }
  Result<ModelInput> input = BuildModelInput(campaign.contacts);
  ASSERT_TRUE(input.has_value());
  Result<FairScoreReport> report = FitFairScores(*input);
  ASSERT_TRUE(report.has_value());
  const MonitorCalibration& harsh = report->monitors[2];
  EXPECT_EQ(harsh.monitor_id, 3);
  EXPECT_TRUE(harsh.harsh);
  // Part of the shift is shared with the employees of the monitor's regional pool.
  EXPECT_GT(harsh.severity, 6);
  EXPECT_GT(harsh.ci_low, 0);
}

TEST(FitFairScores, DepartmentsGroupsAndCityHaveIntervalsAndTieAwareRanks) {
  const SimulatedCampaign campaign =
      SimulateCampaign({.mode = SimulationMode::kGaussian, .seed = 9});
  std::vector<DepartmentGroup> groups;
  for (std::int64_t d = 1; d <= 30; ++d) groups.push_back({d, 1 + d % 4});
  Result<ModelInput> input = BuildModelInput(campaign.contacts, {}, groups);
  ASSERT_TRUE(input.has_value());
  Result<FairScoreReport> report = FitFairScores(*input);
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->departments.size(), 30u);
  ASSERT_EQ(report->groups.size(), 4u);
  int ties = 0;
  for (const UnitScore& d : report->departments) {
    EXPECT_GT(d.sd, 0);
    EXPECT_LT(d.sd, 3);  // about 40 employees each
    EXPECT_LE(d.rank, d.rank_worst);
    EXPECT_LE(d.ci_low, d.adjusted);
    ties += d.rank_worst > d.rank ? 1 : 0;
  }
  EXPECT_GT(ties, 0);
  EXPECT_GT(report->city.sd, 0);
  EXPECT_EQ(report->city.employees, 1200);
}

TEST(FitFairScores, ExactWithFixedEffectUncertaintyIsWider) {
  const SimulatedCampaign campaign =
      SimulateCampaign({.mode = SimulationMode::kGaussian, .seed = 4});
  Result<ModelInput> input = BuildModelInput(campaign.contacts);
  ASSERT_TRUE(input.has_value());
  ModelOptions wide;
  wide.interval_variance = IntervalVariance::kIncludingFixedEffects;
  wide.round_effect = true;
  Result<FairScoreReport> conditional = FitFairScores(*input);
  Result<FairScoreReport> including = FitFairScores(*input, wide);
  ASSERT_TRUE(conditional.has_value());
  ASSERT_TRUE(including.has_value());
  EXPECT_EQ(including->fixed_effects.size(), 3u);  // intercept, visit, round 2
  for (std::size_t i = 0; i < conditional->employees.size(); ++i) {
    EXPECT_GT(including->employees[i].conditional_sd, conditional->employees[i].conditional_sd);
  }
}

// ---- Degenerate designs: a message and a documented fallback, never a NaN.

std::vector<evaluation::ScoredContact> Contacts(
    const std::vector<std::tuple<int, int, int, double>>& rows) {
  std::vector<evaluation::ScoredContact> contacts;
  std::int64_t id = 0;
  for (const auto& [employee, monitor, scenario, score] : rows) {
    evaluation::ScoredContact c;
    c.evaluation_id = ++id;
    c.employee_id = employee;
    c.department_id = 1 + employee % 3;
    c.monitor_id = monitor;
    c.scenario_id = scenario;
    c.channel = scenario % 2 ? Channel::kVisit : Channel::kPhone;
    c.day = static_cast<int>(id);
    c.score = score;
    contacts.push_back(c);
  }
  return contacts;
}

TEST(FitFairScores, AHandfulOfContactsFallsBackToRawMeans) {
  const auto contacts =
      Contacts({{1, 1, 1, 80}, {2, 1, 2, 90}, {3, 2, 1, 70}, {1, 2, 2, 85}, {4, 1, 1, 60}});
  Result<ModelInput> input = BuildModelInput(contacts);
  ASSERT_TRUE(input.has_value());
  Result<FairScoreReport> report = FitFairScores(*input);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->method, FitMethod::kRawMeanFallback);
  EXPECT_TRUE(HasWarning(*report, WarningCode::kTooFewContacts));
  ExpectSane(*report);
  EXPECT_DOUBLE_EQ(report->employees[0].adjusted, 82.5);
  EXPECT_TRUE(report->employees[3].uncertain);  // one contact: wide interval
}

TEST(FitFairScores, ASingleContactStaysFiniteAndNoContactAtAllIsAnError) {
  Result<ModelInput> one = BuildModelInput(Contacts({{1, 1, 1, 80}}));
  ASSERT_TRUE(one.has_value());
  Result<FairScoreReport> report = FitFairScores(*one);
  ASSERT_TRUE(report.has_value());
  ExpectSane(*report);
  Result<ModelInput> none = BuildModelInput({}, std::vector<RosterEntry>{{7, 1}});
  ASSERT_TRUE(none.has_value());
  Result<FairScoreReport> empty = FitFairScores(*none);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code(), ErrorCode::kFailedPrecondition);
}

TEST(FitFairScores, ASingleMonitorIsLeftOutWithAWarning) {
  SimulatedCampaign campaign = SimulateCampaign({.employees = 300, .seed = 3});
  for (evaluation::ScoredContact& c : campaign.contacts) c.monitor_id = 1;
  Result<ModelInput> input = BuildModelInput(campaign.contacts);
  ASSERT_TRUE(input.has_value());
  Result<FairScoreReport> report = FitFairScores(*input);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(HasWarning(*report, WarningCode::kSingleLevel));
  EXPECT_EQ(report->variance.monitor, 0);
  EXPECT_EQ(report->monitors[0].severity, 0);
  ExpectSane(*report);
}

TEST(FitFairScores, AVarianceAtZeroDropsItsFactor) {
  // Scenarios are pure labels here: no scenario effect in the data.
  SimulatedCampaign plain = SimulateCampaign({.employees = 600, .scenarios = 1, .seed = 6});
  for (std::size_t c = 0; c < plain.contacts.size(); ++c) {
    plain.contacts[c].scenario_id = 1 + static_cast<int>(c % 7);
  }
  Result<ModelInput> input = BuildModelInput(plain.contacts);
  ASSERT_TRUE(input.has_value());
  Result<FairScoreReport> report = FitFairScores(*input);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->variance.scenario, 0);
  EXPECT_TRUE(HasWarning(*report, WarningCode::kVarianceAtZero));
  EXPECT_EQ(report->scenarios[0].difficulty, 0);
  ExpectSane(*report);
}

TEST(FitFairScores, NoEmployeeDifferencesGiveTheCommonMeanMarkedUncertain) {
  // Scores depend on the monitor and noise only.
  std::vector<std::tuple<int, int, int, double>> rows;
  unsigned state = 1;  // a draw whose REML estimate of the employee variance is zero
  const auto noise = [&] {
    state = state * 1103515245u + 12345u;
    return static_cast<double>((state >> 8) % 2001) / 100.0 - 10.0;
  };
  for (int e = 1; e <= 150; ++e) {
    for (int k = 0; k < 4; ++k) {
      const int monitor = 1 + (e + k) % 6;
      rows.emplace_back(e, monitor, 1 + (e * 3 + k) % 8, 75 + 2 * monitor + noise());
    }
  }
  Result<ModelInput> input = BuildModelInput(Contacts(rows));
  ASSERT_TRUE(input.has_value());
  Result<FairScoreReport> report = FitFairScores(*input);
  ASSERT_TRUE(report.has_value());
  ExpectSane(*report);
  EXPECT_EQ(report->variance.employee, 0);
  EXPECT_TRUE(HasWarning(*report, WarningCode::kEmployeeVarianceAtZero));
  for (const EmployeeScore& e : report->employees) {
    EXPECT_TRUE(e.uncertain);
    EXPECT_GT(e.conditional_sd, 0);
    EXPECT_NEAR(e.adjusted, report->employees.front().adjusted, 1e-9);
  }
}

TEST(FitFairScores, ADisconnectedDesignIsReportedAndStillFitted) {
  // Two halves: monitors 1-3 only see employees 1-100, monitors 4-6 only 101-200.
  std::vector<std::tuple<int, int, int, double>> rows;
  for (int e = 1; e <= 200; ++e) {
    for (int k = 0; k < 4; ++k) {
      const int monitor = (e <= 100 ? 1 : 4) + (e + k) % 3;
      rows.emplace_back(e, monitor, 1 + (e + 2 * k) % 10,
                        60 + (e % 17) + 3 * k + (monitor % 2) * 5);
    }
  }
  Result<ModelInput> input = BuildModelInput(Contacts(rows));
  ASSERT_TRUE(input.has_value());
  Result<FairScoreReport> report = FitFairScores(*input);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->connectivity.parts, 2);
  ASSERT_EQ(report->connectivity.sizes.size(), 2u);
  EXPECT_EQ(report->connectivity.sizes[0].employees, 100);
  EXPECT_EQ(report->connectivity.parts_with_scenarios, 1);  // scenarios are shared
  EXPECT_TRUE(HasWarning(*report, WarningCode::kDisconnectedDesign));
  ExpectSane(*report);
}

TEST(FitFairScores, EmployeesWithoutContactsGetThePriorAndAreUncertain) {
  const SimulatedCampaign campaign = SimulateCampaign({.employees = 400, .seed = 2});
  const std::vector<RosterEntry> roster = {{9001, 1}, {9002, 2}};
  Result<ModelInput> input = BuildModelInput(campaign.contacts, roster);
  ASSERT_TRUE(input.has_value());
  Result<FairScoreReport> report = FitFairScores(*input);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(HasWarning(*report, WarningCode::kEmployeesWithoutContacts));
  const EmployeeScore& absent = report->employees.back();
  EXPECT_EQ(absent.employee_id, 9002);
  EXPECT_EQ(absent.contacts, 0);
  EXPECT_FALSE(absent.raw_mean.has_value());
  EXPECT_TRUE(absent.uncertain);
  EXPECT_NEAR(absent.adjusted, report->fair_mean, 1e-9);
  EXPECT_NEAR(absent.conditional_sd, std::sqrt(report->variance.employee), 1e-9);
  ExpectSane(*report);
}

TEST(FitFairScores, RejectsBadOptions) {
  const SimulatedCampaign campaign = SimulateCampaign({.employees = 100, .seed = 2});
  Result<ModelInput> input = BuildModelInput(campaign.contacts);
  ASSERT_TRUE(input.has_value());
  ModelOptions options;
  options.grade_bands = {{"S", 90}};
  Result<FairScoreReport> report = FitFairScores(*input, options);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace chinjeol::stats
