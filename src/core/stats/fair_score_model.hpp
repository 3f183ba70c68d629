#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/stats/grade_bands.hpp"
#include "core/stats/model_input.hpp"
#include "core/stats/reliability.hpp"

namespace chinjeol::stats {

// Which uncertainty the employee intervals carry. lme4's ranef(condVar = TRUE) conditions on
// the estimated fixed effects; adding their uncertainty widens every interval by a shared part
// that matters for absolute grades but not for comparisons between employees.
enum class IntervalVariance { kConditionalOnFixedEffects, kIncludingFixedEffects };

struct ModelOptions {
  bool round_effect = false;  // round as a fixed effect next to the channel
  // ModelInput::treated_after as a fixed effect "treated" (reported as "treated:yes"): the
  // points a treatment added to a contact score. Fair scores then describe the untreated state.
  bool treatment_effect = false;
  bool department_effect = false;  // (1 | department) as a further random effect
  std::vector<GradeBand> grade_bands = DefaultGradeBands();
  double interval_level = 0.90;
  double certain_probability = 0.8;  // below this for every grade: uncertain
  IntervalVariance interval_variance = IntervalVariance::kConditionalOnFixedEffects;
  // Fewer contacts than this, or fewer repeated contacts of the same employee than
  // min_repeat_contacts, cannot support variance components: raw means are reported instead.
  int min_contacts_for_model = 30;
  int min_repeat_contacts = 10;
  // Contact-score SD assumed by the raw-mean fallback when the data give none (< 2 contacts).
  double fallback_contact_sd = 15;
  // Monitor flags.
  double severity_flag_points = 3;  // |severity| at least this, with the interval excluding 0
  int min_contacts_for_fit_flag = 10;
  double fit_mean_square_low = 0.5;   // below: ratings more uniform than the model expects
  double fit_mean_square_high = 1.5;  // above: erratic ratings
  double drift_flag_p = 0.01;
  int max_iterations = 200;
  std::vector<int> d_study_contacts = {1, 2, 3, 4, 5, 6, 8, 10, 12, 16};
  std::vector<double> reliability_targets = {0.7, 0.8, 0.9};
};

enum class FitMethod {
  kExactReml,        // the crossed random-effects model, REML, exact
  kRawMeanFallback,  // too few contacts for a model: raw means with a normal interval
};

// What the report had to do differently from the full model, in plain words (English; the
// code lets a user interface show its own translation).
enum class WarningCode {
  kTooFewContacts,            // raw-mean fallback
  kSingleLevel,               // a factor with one level (e.g. one monitor) was left out
  kVarianceAtZero,            // a variance component estimated at zero; its factor left out
  kEmployeeVarianceAtZero,    // employees indistinguishable: common mean, all uncertain
  kDisconnectedDesign,        // monitor-employee graph in several parts
  kEmployeesWithoutContacts,  // roster employees without a scored contact: prior only
  kCollinearFixedEffect,      // a fixed effect confounded with another was left out
  kNotConverged,              // the optimiser stopped at its iteration limit
};

struct Warning {
  WarningCode code;
  std::string message;
};

struct FixedEffect {
  std::string name;  // "(intercept)", "channel:visit", "round:2", "treated:yes", ...
  double estimate = 0;
  double standard_error = 0;  // given the variance estimates (lme4's vcov)
  // "treated:yes" only (0 for the other terms): from the observed information of the estimate
  // and the variance ratios together, so it also carries the uncertainty of the variance
  // ratios the estimate leans on. That is much when the treated were chosen for low scores:
  // how much of a low score was luck depends on the employee variance.
  double standard_error_observed = 0;
};

struct EmployeeScore {
  std::int64_t employee_id = 0;
  std::int64_t department_id = 0;
  int contacts = 0;
  std::optional<double> raw_mean;  // empty without contacts
  double adjusted = 0;             // fair score on 0-100: fixed part (channels averaged) + effects
  double effect = 0;               // the employee's own random effect (BLUP), points
  double conditional_sd = 0;       // posterior SD of the adjusted score
  double ci_low = 0;               // interval at ModelOptions::interval_level, clipped to 0-100
  double ci_high = 0;
  std::vector<double> grade_probabilities;  // per ModelOptions::grade_bands
  int grade = 0;                            // band of the adjusted score
  bool uncertain = false;                   // no band reaches certain_probability
  double shrinkage_weight = 0;  // 0-1: how much of the employee's own data the estimate uses
};

struct MonitorCalibration {
  std::int64_t monitor_id = 0;
  int contacts = 0;
  std::optional<double> raw_mean;
  double severity = 0;  // points below an average monitor (minus the BLUP); positive = harsh
  double severity_sd = 0;
  double ci_low = 0;
  double ci_high = 0;
  double infit = 1;              // information-weighted mean square of residuals (expected 1)
  double outfit = 1;             // unweighted mean square of standardised residuals (expected 1)
  double drift_per_30_days = 0;  // trend of the monitor's residuals, points per 30 days
  double drift_se = 0;
  double drift_p = 1;
  bool harsh = false;
  bool lenient = false;
  bool erratic = false;  // mean square above fit_mean_square_high
  bool muted = false;    // mean square below fit_mean_square_low
  bool drifting = false;
};

struct ScenarioDifficulty {
  std::int64_t scenario_id = 0;
  Channel channel = Channel::kPhone;  // the channel of most of its contacts
  int contacts = 0;
  std::optional<double> raw_mean;
  double difficulty = 0;  // points below an average scenario (minus the BLUP)
  double difficulty_sd = 0;
};

// A department, a group or the whole city: the mean adjusted score of its employees.
struct UnitScore {
  std::int64_t unit_id = 0;  // 0 for the city
  int employees = 0;
  int contacts = 0;
  std::optional<double> raw_mean;  // mean over the unit's contacts
  double adjusted = 0;
  double sd = 0;  // exact posterior SD of the mean (employees share monitors and scenarios)
  double ci_low = 0;
  double ci_high = 0;
  // Ranks from 1 (best). Units whose intervals overlap are not told apart: `rank` is 1 + the
  // number of units whose interval lies wholly above; rank_worst the worst place still possible.
  int rank = 1;
  int rank_worst = 1;
  double effect = 0;  // the department's random effect when the model has one
};

// Share of employee variance and what a campaign of a given size buys (G theory).
struct ReliabilityReport {
  double single_contact_icc = 0;  // person variance / total variance of one contact
  double mean_contacts = 0;       // per employee with contacts
  double phi_raw = 0;             // at mean_contacts
  double phi_adjusted = 0;
  double empirical_reliability = 0;    // 1 - mean posterior variance / person variance
  double expected_misgrade_share = 0;  // mean over employees of 1 - P(own grade)
  double relative_misgrade_share = 0;  // in five relative bands (10/20/40/20/10 %), expected
  std::vector<DStudyRow> d_study;
  std::vector<ReliabilityTarget> targets;
};

// Facet summary in the style of many-facet Rasch reports.
struct FacetSummary {
  std::string facet;  // "employee", "monitor", "scenario", "department"
  int levels = 0;
  double sd = 0;           // model SD of the facet, points
  double reliability = 0;  // 1 - mean posterior variance / variance
  double separation = 0;   // sqrt(reliability / (1 - reliability))
  double strata = 0;       // (4 separation + 1) / 3
};

// A connected part of the design: employees and monitors linked through contacts.
struct DesignPart {
  int employees = 0;
  int monitors = 0;
  int contacts = 0;
};

struct Connectivity {
  int parts = 1;                  // of the monitor-employee graph
  std::vector<DesignPart> sizes;  // largest first
  // Parts once scenarios link them too. Shared scenarios do not separate monitor severity
  // from employee kindness between monitor-employee parts, hence the warning uses `parts`.
  int parts_with_scenarios = 1;
};

struct FairScoreReport {
  FitMethod method = FitMethod::kExactReml;
  int contacts = 0;
  VarianceComponents variance;  // points squared
  double reml_criterion = 0;    // lme4's REMLcrit, when method is kExactReml
  int iterations = 0;
  std::vector<FixedEffect> fixed_effects;
  double fair_mean = 0;  // fixed part with channels (and rounds) averaged, untreated
  std::vector<GradeBand> grade_bands;
  std::vector<EmployeeScore> employees;  // in ModelInput employee order
  std::vector<MonitorCalibration> monitors;
  std::vector<ScenarioDifficulty> scenarios;
  std::vector<UnitScore> departments;
  std::vector<UnitScore> groups;
  UnitScore city;
  ReliabilityReport reliability;
  std::vector<FacetSummary> facets;
  Connectivity connectivity;
  std::vector<Warning> warnings;
};

// Fits score ~ channel [+ round] [+ treated] + (1|employee) + (1|monitor) + (1|scenario) [+
// (1|department)] by REML, exactly (the estimates lme4::lmer gives), and derives every number of
// the report. Degenerate designs get the fallbacks listed in docs/fair-scores.md and a warning; the
// report never holds a NaN. kInvalidArgument for inconsistent input or options (treatment_effect
// without treated_after among them); kFailedPrecondition
// when there is no scored contact at all.
Result<FairScoreReport> FitFairScores(const ModelInput& input, const ModelOptions& options = {});

}  // namespace chinjeol::stats
