#include "core/stats/fair_score_model.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <string>

#include "core/stats/calibration.hpp"
#include "core/stats/distributions.hpp"
#include "core/stats/internal/reduced_system.hpp"
#include "core/stats/internal/reml_optimizer.hpp"

namespace chinjeol::stats {
namespace {

// A variance ratio below this is a candidate for the boundary: the model without the factor is
// fitted too and wins when its criterion is as low.
constexpr double kBoundaryRatio = 1e-2;
constexpr double kBoundaryTolerance = 1e-6;

enum class Facet { kMonitor, kScenario, kDepartment };

const char* FacetName(Facet facet) {
  switch (facet) {
    case Facet::kMonitor:
      return "monitor";
    case Facet::kScenario:
      return "scenario";
    case Facet::kDepartment:
      return "department";
  }
  return "";
}

// Levels of a per-contact index array renumbered to the levels that occur.
struct Recoded {
  std::vector<int> level;
  std::vector<int> original;  // recoded -> original index
  std::vector<int> recoded;   // original -> recoded, -1 when absent
};

Recoded Recode(const std::vector<int>& values, int original_count) {
  Recoded result;
  result.recoded.assign(original_count, -1);
  for (const int v : values) result.recoded[v] = 0;
  for (int v = 0; v < original_count; ++v) {
    if (result.recoded[v] == 0) {
      result.recoded[v] = static_cast<int>(result.original.size());
      result.original.push_back(v);
    }
  }
  result.level.reserve(values.size());
  for (const int v : values) result.level.push_back(result.recoded[v]);
  return result;
}

struct RandomTerm {
  Facet facet;
  Recoded codes;
};

struct FixedTerm {
  std::string name;
  Recoded codes;
  std::vector<std::string> level_names;
  // The fair score averages the levels (channel, round) or takes the baseline (treatment).
  bool averaged = true;
  std::string collinear_example;
};

struct Counts {
  std::vector<int> contacts;
  std::vector<double> sum;
};

Counts CountBy(const std::vector<int>& index, int levels, const std::vector<double>& score) {
  Counts counts{std::vector<int>(levels, 0), std::vector<double>(levels, 0.0)};
  for (std::size_t c = 0; c < index.size(); ++c) {
    ++counts.contacts[index[c]];
    counts.sum[index[c]] += score[c];
  }
  return counts;
}

std::optional<double> MeanOf(const Counts& counts, int level) {
  if (counts.contacts[level] == 0) return std::nullopt;
  return counts.sum[level] / counts.contacts[level];
}

// Union-find over employees and monitors linked by contacts.
Connectivity FindConnectivity(const ModelInput& input) {
  const int employees = static_cast<int>(input.employee_ids.size());
  const int monitors = static_cast<int>(input.monitor_ids.size());
  std::vector<int> parent(employees + monitors);
  std::iota(parent.begin(), parent.end(), 0);
  const auto find = [&](int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (std::size_t c = 0; c < input.contact_count(); ++c) {
    const int a = find(input.employee[c]);
    const int b = find(employees + input.monitor[c]);
    if (a != b) parent[a] = b;
  }
  std::vector<DesignPart> parts(employees + monitors);
  std::vector<bool> used(employees + monitors, false);
  for (std::size_t c = 0; c < input.contact_count(); ++c) {
    const int root = find(input.employee[c]);
    ++parts[root].contacts;
    used[root] = true;
  }
  std::vector<bool> seen(employees + monitors, false);
  for (std::size_t c = 0; c < input.contact_count(); ++c) {
    const int root = find(input.employee[c]);
    if (!seen[input.employee[c]]) {
      seen[input.employee[c]] = true;
      ++parts[root].employees;
    }
    if (!seen[employees + input.monitor[c]]) {
      seen[employees + input.monitor[c]] = true;
      ++parts[root].monitors;
    }
  }
  Connectivity connectivity;
  connectivity.sizes.clear();
  for (int x = 0; x < employees + monitors; ++x) {
    if (used[x]) connectivity.sizes.push_back(parts[x]);
  }
  std::sort(connectivity.sizes.begin(), connectivity.sizes.end(),
            [](const DesignPart& a, const DesignPart& b) { return a.contacts > b.contacts; });
  connectivity.parts = std::max<int>(1, static_cast<int>(connectivity.sizes.size()));
  // Scenarios join the graph as further nodes.
  const int scenarios = static_cast<int>(input.scenario_ids.size());
  parent.resize(employees + monitors + scenarios);
  std::iota(parent.begin() + employees + monitors, parent.end(), employees + monitors);
  for (std::size_t c = 0; c < input.contact_count(); ++c) {
    const int a = find(input.employee[c]);
    const int b = find(employees + monitors + input.scenario[c]);
    if (a != b) parent[a] = b;
  }
  std::vector<bool> root_seen(parent.size(), false);
  int with_scenarios = 0;
  for (std::size_t c = 0; c < input.contact_count(); ++c) {
    const int root = find(input.employee[c]);
    if (!root_seen[root]) {
      root_seen[root] = true;
      ++with_scenarios;
    }
  }
  connectivity.parts_with_scenarios = std::max(1, with_scenarios);
  return connectivity;
}

double Clip(double score) { return std::clamp(score, 0.0, 100.0); }

// Grade, probabilities, interval and the uncertain flag of a normal score.
struct Graded {
  double adjusted = 0;
  double ci_low = 0;
  double ci_high = 0;
  std::vector<double> probabilities;
  int grade = 0;
  bool uncertain = false;
};

Graded Grade(const ModelOptions& options, double z, double mean, double sd) {
  Graded graded;
  graded.adjusted = Clip(mean);
  graded.ci_low = Clip(mean - z * sd);
  graded.ci_high = Clip(mean + z * sd);
  graded.probabilities = GradeProbabilities(options.grade_bands, mean, sd);
  graded.grade = GradeOf(options.grade_bands, mean);
  graded.uncertain = *std::max_element(graded.probabilities.begin(), graded.probabilities.end()) <
                     options.certain_probability;
  return graded;
}

void RankUnits(std::vector<UnitScore>& units) {
  std::vector<double> lows;
  std::vector<double> highs;
  for (const UnitScore& unit : units) {
    lows.push_back(unit.ci_low);
    highs.push_back(unit.ci_high);
  }
  std::sort(lows.begin(), lows.end());
  std::sort(highs.begin(), highs.end());
  const int count = static_cast<int>(units.size());
  for (UnitScore& unit : units) {
    // Units wholly above: low > my high. Units wholly below: high < my low.
    const int above =
        count -
        static_cast<int>(std::upper_bound(lows.begin(), lows.end(), unit.ci_high) - lows.begin());
    const int below =
        static_cast<int>(std::lower_bound(highs.begin(), highs.end(), unit.ci_low) - highs.begin());
    unit.rank = 1 + above;
    unit.rank_worst = count - below;
  }
}

std::string Plural(long count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

void AddWarning(FairScoreReport& report, WarningCode code, std::string message) {
  report.warnings.push_back({code, std::move(message)});
}

bool AllFinite(const FairScoreReport& report) {
  const auto ok = [](double v) { return std::isfinite(v); };
  bool good = ok(report.variance.total()) && ok(report.reml_criterion) && ok(report.fair_mean);
  for (const EmployeeScore& e : report.employees) {
    good = good && ok(e.adjusted) && ok(e.effect) && ok(e.conditional_sd) && ok(e.ci_low) &&
           ok(e.ci_high) && ok(e.shrinkage_weight) && (!e.raw_mean || ok(*e.raw_mean));
    for (const double p : e.grade_probabilities) good = good && ok(p);
  }
  for (const MonitorCalibration& m : report.monitors) {
    good = good && ok(m.severity) && ok(m.severity_sd) && ok(m.infit) && ok(m.outfit) &&
           ok(m.drift_per_30_days) && ok(m.drift_se) && ok(m.drift_p);
  }
  for (const ScenarioDifficulty& s : report.scenarios) {
    good = good && ok(s.difficulty) && ok(s.difficulty_sd);
  }
  const auto unit_ok = [&](const UnitScore& u) { return ok(u.adjusted) && ok(u.sd); };
  for (const UnitScore& u : report.departments) good = good && unit_ok(u);
  for (const UnitScore& u : report.groups) good = good && unit_ok(u);
  good = good && unit_ok(report.city);
  const ReliabilityReport& r = report.reliability;
  good = good && ok(r.single_contact_icc) && ok(r.phi_raw) && ok(r.phi_adjusted) &&
         ok(r.empirical_reliability) && ok(r.expected_misgrade_share);
  return good;
}

// Units (departments, groups, city) whose members are given per employee.
struct UnitMembers {
  std::vector<std::int64_t> ids;
  std::vector<int> unit_of_employee;  // -1: in no unit
};

// The parts of the fit that unit aggregates and reports need, per input employee.
struct EmployeeEstimate {
  double fair = 0;      // unclipped adjusted score
  double variance = 0;  // of the adjusted score, in the chosen IntervalVariance
  double own_part = 0;  // 1/A_i (or gamma_e without contacts), unit sigma^2
};

FairScoreReport RawMeanFallback(const ModelInput& input, const ModelOptions& options,
                                FairScoreReport report) {
  report.method = FitMethod::kRawMeanFallback;
  const int n = static_cast<int>(input.contact_count());
  const double mean =
      n > 0 ? std::accumulate(input.score.begin(), input.score.end(), 0.0) / n : 0.0;
  double sd = options.fallback_contact_sd;
  if (n >= 2) {
    double ss = 0;
    for (const double y : input.score) ss += (y - mean) * (y - mean);
    sd = std::sqrt(ss / (n - 1));
    if (!(sd > 0)) sd = options.fallback_contact_sd;
  }
  report.variance.residual = sd * sd;
  report.fair_mean = n > 0 ? mean : 0;
  const double z = NormalQuantile(0.5 + options.interval_level / 2);
  const Counts employees =
      CountBy(input.employee, static_cast<int>(input.employee_ids.size()), input.score);
  std::vector<double> variances;
  for (std::size_t i = 0; i < input.employee_ids.size(); ++i) {
    EmployeeScore score;
    score.employee_id = input.employee_ids[i];
    score.department_id = input.department_ids[input.employee_department[i]];
    score.contacts = employees.contacts[i];
    score.raw_mean = MeanOf(employees, static_cast<int>(i));
    const double estimate = score.raw_mean.value_or(report.fair_mean);
    const double sd_i = score.contacts > 0 ? sd / std::sqrt(score.contacts) : sd;
    const Graded graded = Grade(options, z, estimate, sd_i);
    score.adjusted = graded.adjusted;
    score.effect = estimate - report.fair_mean;
    score.conditional_sd = sd_i;
    score.ci_low = graded.ci_low;
    score.ci_high = graded.ci_high;
    score.grade_probabilities = graded.probabilities;
    score.grade = graded.grade;
    score.uncertain = graded.uncertain || score.contacts == 0;
    score.shrinkage_weight = score.contacts > 0 ? 1 : 0;
    variances.push_back(sd_i * sd_i);
    report.employees.push_back(std::move(score));
  }
  const Counts monitors =
      CountBy(input.monitor, static_cast<int>(input.monitor_ids.size()), input.score);
  for (std::size_t m = 0; m < input.monitor_ids.size(); ++m) {
    MonitorCalibration monitor;
    monitor.monitor_id = input.monitor_ids[m];
    monitor.contacts = monitors.contacts[m];
    monitor.raw_mean = MeanOf(monitors, static_cast<int>(m));
    if (monitor.raw_mean) monitor.severity = report.fair_mean - *monitor.raw_mean;
    monitor.severity_sd = monitor.contacts > 0 ? sd / std::sqrt(monitor.contacts) : sd;
    monitor.ci_low = monitor.severity - z * monitor.severity_sd;
    monitor.ci_high = monitor.severity + z * monitor.severity_sd;
    report.monitors.push_back(monitor);
  }
  const Counts scenarios =
      CountBy(input.scenario, static_cast<int>(input.scenario_ids.size()), input.score);
  for (std::size_t s = 0; s < input.scenario_ids.size(); ++s) {
    ScenarioDifficulty scenario;
    scenario.scenario_id = input.scenario_ids[s];
    scenario.contacts = scenarios.contacts[s];
    scenario.raw_mean = MeanOf(scenarios, static_cast<int>(s));
    if (scenario.raw_mean) scenario.difficulty = report.fair_mean - *scenario.raw_mean;
    scenario.difficulty_sd = scenario.contacts > 0 ? sd / std::sqrt(scenario.contacts) : sd;
    report.scenarios.push_back(scenario);
  }
  // Units: employees treated as independent.
  const auto aggregate = [&](const UnitMembers& members) {
    std::vector<UnitScore> units(members.ids.size());
    std::vector<double> variance(members.ids.size(), 0.0);
    std::vector<double> contact_sum(members.ids.size(), 0.0);
    for (std::size_t u = 0; u < units.size(); ++u) units[u].unit_id = members.ids[u];
    for (std::size_t i = 0; i < report.employees.size(); ++i) {
      const int u = members.unit_of_employee[i];
      if (u < 0) continue;
      const EmployeeScore& e = report.employees[i];
      ++units[u].employees;
      units[u].contacts += e.contacts;
      units[u].adjusted += e.raw_mean.value_or(report.fair_mean);
      contact_sum[u] += e.raw_mean.value_or(0) * e.contacts;
      variance[u] += variances[i];
    }
    for (std::size_t u = 0; u < units.size(); ++u) {
      UnitScore& unit = units[u];
      if (unit.contacts > 0) unit.raw_mean = contact_sum[u] / unit.contacts;
      if (unit.employees > 0) {
        unit.adjusted /= unit.employees;
        unit.sd = std::sqrt(variance[u]) / unit.employees;
      } else {
        unit.adjusted = report.fair_mean;
        unit.sd = sd;
      }
      unit.ci_low = Clip(unit.adjusted - z * unit.sd);
      unit.ci_high = Clip(unit.adjusted + z * unit.sd);
      unit.adjusted = Clip(unit.adjusted);
    }
    RankUnits(units);
    return units;
  };
  UnitMembers departments{input.department_ids, input.employee_department};
  report.departments = aggregate(departments);
  if (!input.department_group.empty()) {
    UnitMembers groups{input.group_ids, {}};
    for (const int d : input.employee_department) {
      groups.unit_of_employee.push_back(input.department_group[d]);
    }
    report.groups = aggregate(groups);
  }
  UnitMembers city{{0}, std::vector<int>(input.employee_ids.size(), 0)};
  report.city = aggregate(city).front();
  double misgrade = 0;
  int with_contacts = 0;
  for (const EmployeeScore& e : report.employees) {
    if (e.contacts == 0) continue;
    misgrade += 1 - e.grade_probabilities[e.grade];
    ++with_contacts;
  }
  report.reliability.expected_misgrade_share = with_contacts > 0 ? misgrade / with_contacts : 0;
  report.reliability.mean_contacts = with_contacts > 0 ? static_cast<double>(n) / with_contacts : 0;
  return report;
}

// Fixed part: intercept, channel and (optionally) round; a term confounded with the earlier
// ones is left out with a warning.
std::vector<FixedTerm> ChooseFixedTerms(const ModelInput& input, const ModelOptions& options,
                                        FairScoreReport& report) {
  const int n = static_cast<int>(input.contact_count());
  std::vector<FixedTerm> fixed_terms;
  {
    std::vector<int> channel(n);
    for (int c = 0; c < n; ++c) channel[c] = input.channel[c] == Channel::kVisit ? 1 : 0;
    FixedTerm term{"channel", Recode(channel, 2), {}, true, {}};
    for (const int level : term.codes.original)
      term.level_names.push_back(level ? "visit" : "phone");
    if (term.codes.original.size() > 1) fixed_terms.push_back(std::move(term));
  }
  if (options.round_effect) {
    const auto [low, high] = std::minmax_element(input.round.begin(), input.round.end());
    std::vector<int> round(n);
    for (int c = 0; c < n; ++c) round[c] = input.round[c] - *low;
    FixedTerm term{"round", Recode(round, *high - *low + 1), {}, true, {}};
    for (const int level : term.codes.original)
      term.level_names.push_back(std::to_string(level + *low));
    if (term.codes.original.size() > 1) fixed_terms.push_back(std::move(term));
  }
  if (options.treatment_effect) {
    FixedTerm term{"treated", Recode(input.treated_after, 2), {}, false, {}};
    for (const int level : term.codes.original) term.level_names.push_back(level ? "yes" : "no");
    term.collinear_example =
        "every employee was treated between the same two rounds, so treatment and round coincide";
    if (term.codes.original.size() > 1) fixed_terms.push_back(std::move(term));
  }
  {
    std::vector<FixedTerm> kept;
    for (FixedTerm& term : fixed_terms) {
      // Gram matrix of the intercept, the kept dummies and this term's dummies.
      std::vector<std::pair<const FixedTerm*, int>> columns;  // term, level (0 = intercept)
      columns.push_back({nullptr, 0});
      for (const FixedTerm& k : kept) {
        for (std::size_t l = 1; l < k.codes.original.size(); ++l) columns.push_back({&k, int(l)});
      }
      for (std::size_t l = 1; l < term.codes.original.size(); ++l)
        columns.push_back({&term, int(l)});
      const int p = static_cast<int>(columns.size());
      Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(p, p);
      std::vector<int> active;
      for (int c = 0; c < n; ++c) {
        active.clear();
        for (int j = 0; j < p; ++j) {
          if (columns[j].first == nullptr ||
              columns[j].first->codes.level[c] == columns[j].second) {
            active.push_back(j);
          }
        }
        for (const int a : active) {
          for (const int b : active) gram(a, b) += 1;
        }
      }
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(gram);
      const double smallest = eigen.eigenvalues().minCoeff();
      if (smallest > 1e-9 * eigen.eigenvalues().maxCoeff()) {
        kept.push_back(std::move(term));
      } else {
        AddWarning(report, WarningCode::kCollinearFixedEffect,
                   "the " + term.name +
                       " effect cannot be told apart from the other fixed "
                       "effects in this design (e.g. " +
                       (term.collinear_example.empty() ? "every visit happened in one round"
                                                       : term.collinear_example) +
                       "); it was left out of the model");
      }
    }
    fixed_terms = std::move(kept);
  }

  return fixed_terms;
}

// Random factors besides employees; a factor with a single level is left out with a warning.
std::vector<RandomTerm> ChooseRandomTerms(const ModelInput& input, const ModelOptions& options,
                                          FairScoreReport& report) {
  std::vector<RandomTerm> random_terms;
  const auto add_random = [&](Facet facet, const std::vector<int>& index, int levels) {
    Recoded codes = Recode(index, levels);
    if (codes.original.size() < 2) {
      AddWarning(report, WarningCode::kSingleLevel,
                 std::string("only one ") + FacetName(facet) +
                     " in the data: its effect cannot "
                     "be separated from the overall level, so scores are not adjusted for it");
      return;
    }
    random_terms.push_back({facet, std::move(codes)});
  };
  add_random(Facet::kMonitor, input.monitor, static_cast<int>(input.monitor_ids.size()));
  add_random(Facet::kScenario, input.scenario, static_cast<int>(input.scenario_ids.size()));
  if (options.department_effect) {
    add_random(Facet::kDepartment, input.department, static_cast<int>(input.department_ids.size()));
  }

  return random_terms;
}

struct StartValues {
  std::vector<double> variance;  // employee, then each random term
  double residual = 0;
};

// Moment estimates to start the optimiser from: the between-level share of the variance of
// each factor, floored so that every ratio starts positive.
StartValues MomentStartValues(const ModelInput& input, const std::vector<int>& model_employee,
                              int model_employees, const std::vector<RandomTerm>& random_terms) {
  const int n = static_cast<int>(input.contact_count());
  const double grand_mean = std::accumulate(input.score.begin(), input.score.end(), 0.0) / n;
  double total_variance = 0;
  for (const double y : input.score) total_variance += (y - grand_mean) * (y - grand_mean);
  total_variance = std::max(total_variance / std::max(1, n - 1), 1e-6);
  const auto between = [&](const std::vector<int>& index, int levels) {
    const Counts counts = CountBy(index, levels, input.score);
    double within = 0;
    for (int c = 0; c < n; ++c) {
      const double d = input.score[c] - counts.sum[index[c]] / counts.contacts[index[c]];
      within += d * d;
    }
    const int df = n - levels;
    const double within_variance = df > 0 ? within / df : total_variance;
    return std::max(total_variance - within_variance, 0.02 * total_variance);
  };
  std::vector<double> start_variance;
  start_variance.push_back(between(model_employee, model_employees));
  for (const RandomTerm& term : random_terms) {
    start_variance.push_back(
        between(term.codes.level, static_cast<int>(term.codes.original.size())));
  }
  const double start_residual =
      std::max(total_variance - std::accumulate(start_variance.begin(), start_variance.end(), 0.0),
               0.1 * total_variance);

  return {start_variance, start_residual};
}

// Monitor rows: severity (given), residual mean squares with exact leverages (infit weights
// each residual by its model variance sigma^2 (1 - h), outfit averages the standardised
// squares), drift across the campaign, and the flags.
std::vector<MonitorCalibration> CalibrateMonitors(const ModelInput& input,
                                                  const ModelOptions& options, double sigma2,
                                                  const std::vector<double>& leverage,
                                                  const std::vector<double>& residual,
                                                  const std::vector<double>& severity,
                                                  const std::vector<double>& severity_sd) {
  const int n = static_cast<int>(input.contact_count());
  const int monitor_total = static_cast<int>(input.monitor_ids.size());
  const Counts monitor_counts = CountBy(input.monitor, monitor_total, input.score);
  const double z = NormalQuantile(0.5 + options.interval_level / 2);
  std::vector<MonitorCalibration> monitors;
  std::vector<double> weighted_square(monitor_total, 0.0);
  std::vector<double> weight(monitor_total, 0.0);
  std::vector<double> standardized_square(monitor_total, 0.0);
  std::vector<std::vector<double>> days(monitor_total);
  std::vector<std::vector<double>> residuals(monitor_total);
  for (int c = 0; c < n; ++c) {
    const int m = input.monitor[c];
    const double variance = sigma2 * std::max(1 - leverage[c], 1e-12);
    weighted_square[m] += residual[c] * residual[c];
    weight[m] += variance;
    standardized_square[m] += residual[c] * residual[c] / variance;
    days[m].push_back(input.day[c]);
    residuals[m].push_back(residual[c]);
  }
  for (int m = 0; m < monitor_total; ++m) {
    MonitorCalibration monitor;
    monitor.monitor_id = input.monitor_ids[m];
    monitor.contacts = monitor_counts.contacts[m];
    monitor.raw_mean = MeanOf(monitor_counts, m);
    monitor.severity = severity[m];
    monitor.severity_sd = severity_sd[m];
    monitor.ci_low = monitor.severity - z * monitor.severity_sd;
    monitor.ci_high = monitor.severity + z * monitor.severity_sd;
    if (monitor.contacts > 0) {
      monitor.infit = weight[m] > 0 ? weighted_square[m] / weight[m] : 1;
      monitor.outfit = standardized_square[m] / monitor.contacts;
      const Drift drift = FitDrift(days[m], residuals[m]);
      monitor.drift_per_30_days = drift.slope_per_day * 30;
      monitor.drift_se = drift.slope_se * 30;
      monitor.drift_p = drift.p_value;
    }
    const bool beyond = std::fabs(monitor.severity) >= options.severity_flag_points;
    monitor.harsh = beyond && monitor.ci_low > 0;
    monitor.lenient = beyond && monitor.ci_high < 0;
    if (monitor.contacts >= options.min_contacts_for_fit_flag) {
      monitor.erratic = std::max(monitor.infit, monitor.outfit) > options.fit_mean_square_high;
      monitor.muted = std::min(monitor.infit, monitor.outfit) < options.fit_mean_square_low;
      monitor.drifting = monitor.drift_p < options.drift_flag_p;
    }
    monitors.push_back(monitor);
  }
  return monitors;
}

ReliabilityReport SummarizeReliability(const VarianceComponents& vc, double fair_mean,
                                       const ModelOptions& options, double mean_contacts,
                                       double mean_posterior_variance, double misgrade_share) {
  ReliabilityReport reliability;
  reliability.single_contact_icc = vc.total() > 0 ? vc.person() / vc.total() : 0;
  reliability.mean_contacts = mean_contacts;
  reliability.phi_raw = PhiRaw(vc, mean_contacts);
  reliability.phi_adjusted = PhiAdjusted(vc, mean_contacts);
  reliability.empirical_reliability =
      vc.person() > 0 ? std::clamp(1 - mean_posterior_variance / vc.person(), 0.0, 1.0) : 0.0;
  reliability.expected_misgrade_share = misgrade_share;
  reliability.relative_misgrade_share = ExpectedRelativeMisgradeShare(vc, mean_contacts);
  reliability.d_study = DStudy(vc, fair_mean, options.d_study_contacts, options.grade_bands);
  reliability.targets = ContactsForTargets(vc, options.reliability_targets);
  return reliability;
}

// Facets-style summary from the model variance and the mean posterior variance of the levels.
FacetSummary SummarizeFacet(std::string name, int levels, double variance, double mean_posterior) {
  FacetSummary summary{std::move(name), levels, std::sqrt(variance), 0, 0, 0};
  if (variance > 0 && levels > 0) {
    summary.reliability = std::clamp(1 - mean_posterior / variance, 0.0, 0.999999);
    summary.separation = std::sqrt(summary.reliability / (1 - summary.reliability));
    summary.strata = (4 * summary.separation + 1) / 3;
  }
  return summary;
}

// The standard error of the fixed effect in `column` from the observed information of that
// effect b and the log variance ratios phi together, at the REML estimates. With b a parameter
// and the other fixed effects integrated out, -2 log restricted likelihood with sigma^2
// profiled is
//   f(b, phi) = crit(phi) - d log(y'Py) + log c + (d + 1) log(y'Py + (b - b(phi))^2 / c),
// where crit, y'Py, d = n - p, b(phi) (the GLS estimate) and c (its variance over sigma^2)
// belong to the full model at phi. Its Hessian H, by central differences in phi, gives
// Var(b) = 2 [H^-1]_bb. The conditional variance sigma^2 c leaves out the phi block; it is
// right when b(phi) does not depend on phi, which selection on earlier scores breaks. Empty
// when the Hessian is not positive definite. Leaves the system evaluated away from the optimum.
std::optional<double> ObservedStandardError(internal::ReducedSystem& sys,
                                            const std::vector<double>& log_ratios, int column) {
  const double d = sys.contact_count() - sys.fixed_count();
  struct Point {
    double criterion = 0;
    double ypy = 0;
    double b = 0;
    double c = 0;
  };
  const auto evaluate = [&](const std::vector<double>& phi) -> std::optional<Point> {
    const internal::ReducedSystem::Evaluation ev = sys.Evaluate(phi, internal::Gradient::kCompute);
    if (!ev.ok) return std::nullopt;
    const double c = sys.InverseEntry(column, column);
    if (!(c > 0)) return std::nullopt;
    return Point{ev.criterion, ev.sigma2 * d, sys.solution()[column], c};
  };
  const std::optional<Point> centre = evaluate(log_ratios);
  if (!centre) return std::nullopt;
  const double b0 = centre->b;
  const auto f = [&](const Point& at) {
    return at.criterion - d * std::log(at.ypy) + std::log(at.c) +
           (d + 1) * std::log(at.ypy + (b0 - at.b) * (b0 - at.b) / at.c);
  };
  const auto df_db = [&](const Point& at) {
    const double q = at.ypy + (b0 - at.b) * (b0 - at.b) / at.c;
    return 2 * (d + 1) * (b0 - at.b) / (at.c * q);
  };
  const int k = static_cast<int>(log_ratios.size());
  constexpr double kStep = 2e-3;
  Eigen::MatrixXd hessian = Eigen::MatrixXd::Zero(k + 1, k + 1);
  hessian(0, 0) = 2 * (d + 1) / (centre->c * centre->ypy);
  std::vector<double> phi = log_ratios;
  for (int i = 0; i < k; ++i) {
    phi[i] = log_ratios[i] + kStep;
    const std::optional<Point> up = evaluate(phi);
    phi[i] = log_ratios[i] - kStep;
    const std::optional<Point> down = evaluate(phi);
    phi[i] = log_ratios[i];
    if (!up || !down) return std::nullopt;
    hessian(0, i + 1) = hessian(i + 1, 0) = (df_db(*up) - df_db(*down)) / (2 * kStep);
    hessian(i + 1, i + 1) = (f(*up) - 2 * f(*centre) + f(*down)) / (kStep * kStep);
  }
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < i; ++j) {
      double value = 0;
      for (const auto& [si, sj] : {std::pair{1, 1}, {1, -1}, {-1, 1}, {-1, -1}}) {
        phi[i] = log_ratios[i] + si * kStep;
        phi[j] = log_ratios[j] + sj * kStep;
        const std::optional<Point> at = evaluate(phi);
        if (!at) return std::nullopt;
        value += si * sj * f(*at);
      }
      phi[i] = log_ratios[i];
      phi[j] = log_ratios[j];
      hessian(i + 1, j + 1) = hessian(j + 1, i + 1) = value / (4 * kStep * kStep);
    }
  }
  Eigen::LLT<Eigen::MatrixXd> cholesky(hessian);
  if (cholesky.info() != Eigen::Success) return std::nullopt;
  const Eigen::MatrixXd inverse = cholesky.solve(Eigen::MatrixXd::Identity(k + 1, k + 1));
  const double variance = 2 * inverse(0, 0);
  if (!(variance > 0) || !std::isfinite(variance)) return std::nullopt;
  return std::sqrt(variance);
}

}  // namespace

Result<FairScoreReport> FitFairScores(const ModelInput& input, const ModelOptions& options) {
  if (Result<void> valid = ValidateModelInput(input); !valid) return valid.error();
  if (Result<void> bands = ValidateGradeBands(options.grade_bands); !bands) return bands.error();
  if (!(options.interval_level > 0 && options.interval_level < 1)) {
    return InvalidArgument("interval level must be between 0 and 1");
  }
  if (!(options.certain_probability > 0 && options.certain_probability <= 1)) {
    return InvalidArgument("certain probability must be in (0, 1]");
  }
  if (!(options.fallback_contact_sd > 0)) {
    return InvalidArgument("fallback contact SD must be positive");
  }
  if (options.treatment_effect && input.treated_after.size() != input.contact_count()) {
    return InvalidArgument("a treatment effect needs treated_after for every contact");
  }

  if (input.contact_count() == 0) {
    return FailedPrecondition("fair scores: the campaign has no scored contact yet");
  }
  FairScoreReport report;
  report.contacts = static_cast<int>(input.contact_count());
  report.grade_bands = options.grade_bands;
  report.connectivity = FindConnectivity(input);
  const int employee_total = static_cast<int>(input.employee_ids.size());
  const Counts employee_counts = CountBy(input.employee, employee_total, input.score);
  int employees_with_contacts = 0;
  for (const int count : employee_counts.contacts) employees_with_contacts += count > 0 ? 1 : 0;
  if (employees_with_contacts < employee_total) {
    AddWarning(report, WarningCode::kEmployeesWithoutContacts,
               Plural(employee_total - employees_with_contacts, "employee has", "employees have") +
                   " no scored contact: their adjusted score is the campaign average and their "
                   "interval spans the whole spread of employees; they are marked uncertain "
                   "until they are evaluated");
  }
  if (report.connectivity.parts > 1) {
    AddWarning(report, WarningCode::kDisconnectedDesign,
               "monitors and employees form " + std::to_string(report.connectivity.parts) +
                   " separate parts (no monitor scored employees of two parts): within a part "
                   "severity and kindness are separated by the data; between parts only by the "
                   "model's assumption that the monitor pools are alike on average. Cross "
                   "monitors between parts in the next round");
  }
  const int n = report.contacts;
  if (n < options.min_contacts_for_model || employees_with_contacts < 2 ||
      n - employees_with_contacts < options.min_repeat_contacts) {
    AddWarning(report, WarningCode::kTooFewContacts,
               Plural(n, "contact", "contacts") + " of " +
                   Plural(employees_with_contacts, "employee", "employees") +
                   " are too few to separate employees from monitors and scenarios (the model "
                   "needs at least " +
                   std::to_string(options.min_contacts_for_model) + " contacts and " +
                   std::to_string(options.min_repeat_contacts) +
                   " repeat contacts of the same employees): adjusted scores are raw means with "
                   "a normal interval from the spread of all contact scores");
    FairScoreReport fallback = RawMeanFallback(input, options, std::move(report));
    if (!AllFinite(fallback)) return Internal("fair scores: a number in the report is not finite");
    return fallback;
  }

  // Employees with contacts, numbered densely for the model (in input order, which keeps each
  // employee's contacts close in memory when the storage lists them by employee).
  std::vector<int> model_of_employee(employee_total, -1);
  std::vector<int> employee_of_model;
  for (int i = 0; i < employee_total; ++i) {
    if (employee_counts.contacts[i] > 0) {
      model_of_employee[i] = static_cast<int>(employee_of_model.size());
      employee_of_model.push_back(i);
    }
  }
  std::vector<int> model_employee(n);
  for (int c = 0; c < n; ++c) model_employee[c] = model_of_employee[input.employee[c]];

  const std::vector<FixedTerm> fixed_terms = ChooseFixedTerms(input, options, report);

  const std::vector<RandomTerm> random_terms = ChooseRandomTerms(input, options, report);

  const StartValues start_values = MomentStartValues(
      input, model_employee, static_cast<int>(employee_of_model.size()), random_terms);

  // Fit, dropping factors whose variance is at the boundary (exactly what REML gives there).
  bool employee_effect = true;
  std::vector<bool> random_active(random_terms.size(), true);
  std::unique_ptr<internal::ReducedSystem> system;
  internal::RemlOptimum optimum;
  std::vector<int> active_terms;  // indices into random_terms, in the system's order
  const auto fit = [&](bool with_employee, const std::vector<bool>& active,
                       std::unique_ptr<internal::ReducedSystem>& out) {
    internal::Design design;
    design.y = input.score;
    design.employee = model_employee;
    design.employee_count = static_cast<int>(employee_of_model.size());
    design.employee_effect = with_employee;
    std::vector<double> start;
    if (with_employee) start.push_back(std::log(start_values.variance[0] / start_values.residual));
    for (std::size_t k = 0; k < random_terms.size(); ++k) {
      if (!active[k]) continue;
      design.random.push_back(
          {static_cast<int>(random_terms[k].codes.original.size()), random_terms[k].codes.level});
      start.push_back(std::log(start_values.variance[k + 1] / start_values.residual));
    }
    for (const FixedTerm& term : fixed_terms) {
      design.fixed.push_back({static_cast<int>(term.codes.original.size()), term.codes.level});
    }
    out = std::make_unique<internal::ReducedSystem>(design);
    return internal::MinimizeReml(*out, start, options.max_iterations);
  };
  optimum = fit(employee_effect, random_active, system);
  if (!optimum.evaluation.ok) {
    return Internal("fair scores: the mixed-model equations are singular for this design");
  }
  for (bool dropped = true; dropped;) {
    dropped = false;
    int parameter = 0;
    std::vector<std::pair<int, double>> candidates;  // -1 = employee
    if (employee_effect) candidates.push_back({-1, optimum.log_ratios[parameter++]});
    for (std::size_t k = 0; k < random_terms.size(); ++k) {
      if (random_active[k])
        candidates.push_back({static_cast<int>(k), optimum.log_ratios[parameter++]});
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    for (const auto& [term, log_ratio] : candidates) {
      if (std::exp(log_ratio) >= kBoundaryRatio) break;
      std::vector<bool> active = random_active;
      bool with_employee = employee_effect;
      if (term < 0) {
        with_employee = false;
      } else {
        active[term] = false;
      }
      std::unique_ptr<internal::ReducedSystem> smaller;
      internal::RemlOptimum reduced = fit(with_employee, active, smaller);
      if (reduced.evaluation.ok &&
          reduced.evaluation.criterion <= optimum.evaluation.criterion + kBoundaryTolerance) {
        if (term < 0) {
          AddWarning(report, WarningCode::kEmployeeVarianceAtZero,
                     "the differences between employees are estimated at zero: these contacts "
                     "cannot tell employees apart beyond chance. Every employee gets the common "
                     "average and is marked uncertain; add contacts before grading");
        } else {
          AddWarning(report, WarningCode::kVarianceAtZero,
                     std::string("the ") + FacetName(random_terms[term].facet) +
                         " variance is estimated at zero: " + FacetName(random_terms[term].facet) +
                         "s do not differ detectably, so scores are not adjusted for them");
        }
        employee_effect = with_employee;
        random_active = active;
        system = std::move(smaller);
        optimum = std::move(reduced);
        dropped = true;
        break;
      }
    }
  }
  if (!optimum.converged) {
    AddWarning(report, WarningCode::kNotConverged,
               "the variance estimates stopped at the iteration limit; the numbers are usable "
               "but may differ slightly from a converged fit");
  }
  for (std::size_t k = 0; k < random_terms.size(); ++k) {
    if (random_active[k]) active_terms.push_back(static_cast<int>(k));
  }
  internal::ReducedSystem& sys = *system;
  // The optimiser left the system evaluated at the optimum, selected inverse included.
  const double sigma2 = optimum.evaluation.sigma2;
  report.reml_criterion = optimum.evaluation.criterion;
  report.iterations = optimum.iterations;
  std::vector<double> ratios;  // per active random term, tau^2 / sigma^2
  double employee_ratio = 0;
  {
    int parameter = 0;
    if (employee_effect) employee_ratio = std::exp(optimum.log_ratios[parameter++]);
    for (std::size_t a = 0; a < active_terms.size(); ++a) {
      ratios.push_back(std::exp(optimum.log_ratios[parameter++]));
    }
  }
  report.variance.residual = sigma2;
  report.variance.employee = employee_ratio * sigma2;
  int department_term = -1;  // position in active_terms
  for (std::size_t a = 0; a < active_terms.size(); ++a) {
    const double v = ratios[a] * sigma2;
    switch (random_terms[active_terms[a]].facet) {
      case Facet::kMonitor:
        report.variance.monitor = v;
        break;
      case Facet::kScenario:
        report.variance.scenario = v;
        break;
      case Facet::kDepartment:
        report.variance.department = v;
        department_term = static_cast<int>(a);
        break;
    }
  }

  // Fixed effects, and the fixed part of a fair score: channels (and rounds) averaged, the
  // treatment at its baseline (untreated).
  const int q = sys.column_count();
  const int p = sys.fixed_count();
  const int x0 = sys.fixed_offset();
  const Eigen::VectorXd& solution = sys.solution();
  Eigen::VectorXd fixed_mean = Eigen::VectorXd::Zero(p);     // x-bar over the fixed columns
  std::optional<std::pair<std::size_t, int>> treated_fixed;  // report row, column
  fixed_mean[0] = 1;
  report.fixed_effects.push_back(
      {"(intercept)", solution[x0], std::sqrt(sigma2 * sys.InverseEntry(x0, x0)), 0});
  for (std::size_t t = 0; t < fixed_terms.size(); ++t) {
    const FixedTerm& term = fixed_terms[t];
    const int levels = static_cast<int>(term.codes.original.size());
    for (int l = 1; l < levels; ++l) {
      const int column = sys.fixed_dummy_offset(static_cast<int>(t)) + l - 1;
      fixed_mean[column - x0] = term.averaged ? 1.0 / levels : 0.0;
      report.fixed_effects.push_back({term.name + ":" + term.level_names[l], solution[column],
                                      std::sqrt(sigma2 * sys.InverseEntry(column, column)), 0});
      if (term.name == "treated") treated_fixed = {report.fixed_effects.size() - 1, column};
    }
  }
  report.fair_mean = fixed_mean.dot(solution.tail(p));

  // Inverse of the random-effects block S alone (lme4's condVar conditions on beta):
  // S^-1 = Z_oo - Z_oX Z_XX^-1 Z_Xo, with Z = R^-1 from the selected inverse.
  Eigen::MatrixXd z_xx(p, p);
  for (int a = 0; a < p; ++a) {
    for (int b = 0; b < p; ++b) z_xx(a, b) = sys.InverseEntry(x0 + a, x0 + b);
  }
  Eigen::MatrixXd z_ox(x0, p);
  for (int a = 0; a < x0; ++a) {
    for (int b = 0; b < p; ++b) z_ox(a, b) = sys.InverseEntry(a, x0 + b);
  }
  const Eigen::MatrixXd t_ox = z_ox * z_xx.inverse();  // Z_oX Z_XX^-1
  const bool include_fixed = options.interval_variance == IntervalVariance::kIncludingFixedEffects;
  // Entry of the inverse used for intervals, on W columns (random columns only when
  // conditioning on beta).
  const auto interval_inverse = [&](int a, int b) {
    if (include_fixed) return sys.InverseEntry(a, b);
    if (a >= x0 || b >= x0) return 0.0;
    return sys.InverseEntry(a, b) - t_ox.row(a).dot(z_ox.row(b));
  };
  const auto column_of = [&](int term_position, int original_level) {
    const RandomTerm& term = random_terms[active_terms[term_position]];
    const int level = term.codes.recoded[original_level];
    return level < 0 ? -1 : sys.random_offset(term_position) + level;
  };
  const double z = NormalQuantile(0.5 + options.interval_level / 2);

  // Per employee: estimate, exact posterior variance, and the leverages of their contacts.
  std::vector<EmployeeEstimate> estimates(employee_total);
  std::vector<double> leverage(n, 0.0);
  std::vector<double> residual(n, 0.0);
  std::vector<double> employee_only_variance(employee_total, 0.0);
  std::vector<int> columns(sys.max_columns_per_contact());
  int largest_support = 0;
  for (int m = 0; m < static_cast<int>(employee_of_model.size()); ++m) {
    largest_support = std::max(largest_support, static_cast<int>(sys.SupportColumns(m).size()));
  }
  // Buffers sized once; each employee uses their top-left corner.
  Eigen::MatrixXd z_buffer(largest_support, largest_support);
  Eigen::MatrixXd s_buffer(largest_support, largest_support);
  Eigen::VectorXd h_buffer(largest_support);
  Eigen::VectorXd w_buffer(largest_support);
  Eigen::VectorXd g_buffer(largest_support);
  for (int m = 0; m < static_cast<int>(employee_of_model.size()); ++m) {
    const int i = employee_of_model[m];
    const auto support = sys.SupportColumns(m);
    const auto counts = sys.SupportCounts(m);
    const int s = static_cast<int>(support.size());
    auto z_local = z_buffer.topLeftCorner(s, s);
    auto s_conditional = s_buffer.topLeftCorner(s, s);
    auto h = h_buffer.head(s);
    auto w = w_buffer.head(s);
    auto g = g_buffer.head(s);
    for (int a = 0; a < s; ++a) {
      h[a] = counts[a];
      for (int b = 0; b <= a; ++b) {
        z_local(a, b) = z_local(b, a) = sys.InverseEntry(support[a], support[b]);
      }
    }
    // S^-1 on the random columns (the fixed columns, last in the support, stay zero).
    s_conditional.setZero();
    for (int a = 0; a < s - p; ++a) {
      for (int b = 0; b <= a; ++b) {
        s_conditional(a, b) = s_conditional(b, a) =
            z_local(a, b) - t_ox.row(support[a]).dot(z_ox.row(support[b]));
      }
    }
    const double inverse_a = sys.InverseDiagonal(m);
    const double effect = sys.employee_effect(m);
    const auto local_index = [&](int column) {
      return static_cast<int>(std::lower_bound(support.begin(), support.end(), column) -
                              support.begin());
    };
    // w = c_W - h / A_i, c_W the department effect (if modelled) and the fixed part (if its
    // uncertainty counts); Var = sigma^2 (1/A_i + w' Inv w).
    double fair = report.fair_mean + effect;
    w = -inverse_a * h;
    if (department_term >= 0) {
      const int column = column_of(department_term, input.employee_department[i]);
      fair += solution[column];
      w[local_index(column)] += 1;
    }
    if (include_fixed) {
      w.tail(p) += fixed_mean;
    } else {
      w.tail(p).setZero();
    }
    estimates[i].fair = fair;
    estimates[i].variance =
        sigma2 * (inverse_a + w.dot((include_fixed ? z_local : s_conditional) * w));
    // Without an employee term every employee is the common average; its own uncertainty is
    // what is left to show.
    if (!employee_effect && !include_fixed) {
      estimates[i].variance += sigma2 * fixed_mean.dot(z_xx * fixed_mean);
    }
    estimates[i].own_part = inverse_a;
    w = inverse_a * h;
    w.tail(p).setZero();
    employee_only_variance[i] = sigma2 * (inverse_a + w.dot(s_conditional * w));
    // Leverage of each contact: w_c' C w_c with C = M^-1 (beta estimated), expanded as
    // 1/A + w_c' Z w_c - 2 w_c' Z h / A + h' Z h / A^2.
    g = z_local * h;
    const double hzh = h.dot(g);
    for (const int c : sys.EmployeeContacts(m)) {
      const int count = sys.ContactColumns(c, columns);
      double fitted = effect;
      double quadratic = 0;
      double cross = 0;
      for (int j = 0; j < count; ++j) {
        const int aj = local_index(columns[j]);
        fitted += solution[columns[j]];
        cross += g[aj];
        for (int l = 0; l < count; ++l) quadratic += z_local(aj, local_index(columns[l]));
      }
      leverage[c] = inverse_a + quadratic - 2 * inverse_a * cross + inverse_a * inverse_a * hzh;
      residual[c] = input.score[c] - fitted;
    }
  }
  // Employees without contacts: the prior of the employee effect (plus the department's).
  for (int i = 0; i < employee_total; ++i) {
    if (model_of_employee[i] >= 0) continue;
    double fair = report.fair_mean;
    double variance = employee_ratio * sigma2;
    if (department_term >= 0) {
      const int column = column_of(department_term, input.employee_department[i]);
      if (column >= 0) {
        fair += solution[column];
        variance += sigma2 * interval_inverse(column, column);
      } else {
        variance += report.variance.department;
      }
    }
    if (include_fixed) variance += sigma2 * fixed_mean.dot(z_xx * fixed_mean);
    estimates[i].fair = fair;
    estimates[i].variance = variance;
    estimates[i].own_part = employee_ratio;
    employee_only_variance[i] = employee_ratio * sigma2;
  }

  // Employee rows of the report.
  double misgrade = 0;
  double posterior_variance_sum = 0;
  for (int i = 0; i < employee_total; ++i) {
    EmployeeScore score;
    score.employee_id = input.employee_ids[i];
    score.department_id = input.department_ids[input.employee_department[i]];
    score.contacts = employee_counts.contacts[i];
    score.raw_mean = MeanOf(employee_counts, i);
    const double sd = std::sqrt(std::max(estimates[i].variance, 0.0));
    const Graded graded = Grade(options, z, estimates[i].fair, sd);
    score.adjusted = graded.adjusted;
    score.effect = model_of_employee[i] >= 0 ? sys.employee_effect(model_of_employee[i]) : 0;
    score.conditional_sd = sd;
    score.ci_low = graded.ci_low;
    score.ci_high = graded.ci_high;
    score.grade_probabilities = graded.probabilities;
    score.grade = graded.grade;
    score.uncertain = graded.uncertain || !employee_effect || score.contacts == 0;
    score.shrinkage_weight =
        report.variance.employee > 0
            ? std::clamp(1 - employee_only_variance[i] / report.variance.employee, 0.0, 1.0)
            : 0.0;
    if (score.contacts > 0) {
      misgrade += 1 - score.grade_probabilities[score.grade];
      posterior_variance_sum += estimates[i].variance;
    }
    report.employees.push_back(std::move(score));
  }

  // Monitors: severity, fit mean squares from exact leverages, drift over the campaign.
  const int monitor_total = static_cast<int>(input.monitor_ids.size());
  int monitor_term = -1;
  int scenario_term = -1;
  for (std::size_t a = 0; a < active_terms.size(); ++a) {
    if (random_terms[active_terms[a]].facet == Facet::kMonitor) monitor_term = static_cast<int>(a);
    if (random_terms[active_terms[a]].facet == Facet::kScenario)
      scenario_term = static_cast<int>(a);
  }
  {
    std::vector<double> severity(monitor_total, 0.0);
    std::vector<double> severity_sd(monitor_total, 0.0);
    for (int m = 0; m < monitor_total; ++m) {
      const int column = monitor_term >= 0 ? column_of(monitor_term, m) : -1;
      if (column < 0) continue;
      severity[m] = -solution[column];
      severity_sd[m] = std::sqrt(std::max(sigma2 * interval_inverse(column, column), 0.0));
    }
    report.monitors =
        CalibrateMonitors(input, options, sigma2, leverage, residual, severity, severity_sd);
  }

  // Scenarios.
  const int scenario_total = static_cast<int>(input.scenario_ids.size());
  const Counts scenario_counts = CountBy(input.scenario, scenario_total, input.score);
  std::vector<int> scenario_visits(scenario_total, 0);
  for (int c = 0; c < n; ++c) {
    scenario_visits[input.scenario[c]] += input.channel[c] == Channel::kVisit ? 1 : 0;
  }
  for (int s = 0; s < scenario_total; ++s) {
    ScenarioDifficulty scenario;
    scenario.scenario_id = input.scenario_ids[s];
    scenario.channel =
        2 * scenario_visits[s] > scenario_counts.contacts[s] ? Channel::kVisit : Channel::kPhone;
    scenario.contacts = scenario_counts.contacts[s];
    scenario.raw_mean = MeanOf(scenario_counts, s);
    const int column = scenario_term >= 0 ? column_of(scenario_term, s) : -1;
    if (column >= 0) {
      scenario.difficulty = -solution[column];
      scenario.difficulty_sd = std::sqrt(std::max(sigma2 * interval_inverse(column, column), 0.0));
    }
    report.scenarios.push_back(scenario);
  }

  // Units: the exact variance of a mean of adjusted scores,
  //   |U|^2 Var = sum_i own_i + a' Inv a,  a = sum_i (c_W,i - h_i / A_i),
  // with a' R^-1 a from one forward substitution per unit; conditioning on beta subtracts
  // v' Z_XX^-1 v, v = Z_Xo a_o.
  const Eigen::MatrixXd z_xx_inverse = z_xx.inverse();
  Eigen::VectorXd a(q);
  const auto aggregate = [&](const UnitMembers& members, bool with_fixed) {
    const int units = static_cast<int>(members.ids.size());
    std::vector<UnitScore> result(units);
    std::vector<std::vector<int>> employees_of(units);
    for (int i = 0; i < employee_total; ++i) {
      if (members.unit_of_employee[i] >= 0) employees_of[members.unit_of_employee[i]].push_back(i);
    }
    a.setZero();
    for (int u = 0; u < units; ++u) {
      UnitScore& unit = result[u];
      unit.unit_id = members.ids[u];
      double own = 0;
      double fair_sum = 0;
      double contact_sum = 0;
      for (const int i : employees_of[u]) {
        ++unit.employees;
        unit.contacts += employee_counts.contacts[i];
        contact_sum += employee_counts.sum[i];
        fair_sum += estimates[i].fair;
        own += estimates[i].own_part;
        if (with_fixed) a.tail(p) += fixed_mean;
        if (department_term >= 0) {
          const int column = column_of(department_term, input.employee_department[i]);
          if (column >= 0) a[column] += 1;
        }
        const int m = model_of_employee[i];
        if (m < 0) continue;
        const double inverse_a = sys.InverseDiagonal(m);
        const auto support = sys.SupportColumns(m);
        const auto counts = sys.SupportCounts(m);
        for (std::size_t j = 0; j < support.size(); ++j) a[support[j]] -= inverse_a * counts[j];
      }
      double quadratic = 0;
      if (with_fixed) {
        quadratic = sys.InverseQuadraticForm(a);
      } else {
        a.tail(p).setZero();
        const Eigen::VectorXd v = z_ox.transpose() * a.head(x0);
        quadratic = sys.InverseQuadraticForm(a) - v.dot(z_xx_inverse * v);
      }
      if (unit.employees == 0) {
        unit.adjusted = report.fair_mean;
        unit.sd = std::sqrt(report.variance.person());
      } else {
        const double count = unit.employees;
        unit.adjusted = fair_sum / count;
        unit.sd = std::sqrt(std::max(sigma2 * (own + quadratic), 0.0)) / count;
      }
      if (unit.contacts > 0) unit.raw_mean = contact_sum / unit.contacts;
      unit.ci_low = Clip(unit.adjusted - z * unit.sd);
      unit.ci_high = Clip(unit.adjusted + z * unit.sd);
      unit.adjusted = Clip(unit.adjusted);
    }
    RankUnits(result);
    return result;
  };
  report.departments = aggregate({input.department_ids, input.employee_department}, include_fixed);
  if (department_term >= 0) {
    for (std::size_t d = 0; d < report.departments.size(); ++d) {
      const int column = column_of(department_term, static_cast<int>(d));
      if (column >= 0) report.departments[d].effect = solution[column];
    }
  }
  if (!input.department_group.empty()) {
    UnitMembers groups{input.group_ids, {}};
    for (const int d : input.employee_department) {
      groups.unit_of_employee.push_back(input.department_group[d]);
    }
    report.groups = aggregate(groups, include_fixed);
  }
  // The city's level is about the overall mean itself, so its interval always carries the
  // uncertainty of the fixed effects.
  report.city = aggregate({{0}, std::vector<int>(employee_total, 0)}, true).front();

  // Reliability and facet summaries.
  report.reliability = SummarizeReliability(
      report.variance, report.fair_mean, options, static_cast<double>(n) / employees_with_contacts,
      posterior_variance_sum / employees_with_contacts, misgrade / employees_with_contacts);
  {
    double sum = 0;
    for (int i = 0; i < employee_total; ++i) {
      if (employee_counts.contacts[i] > 0) sum += employee_only_variance[i];
    }
    report.facets.push_back(SummarizeFacet("employee", employees_with_contacts,
                                           report.variance.employee,
                                           sum / employees_with_contacts));
  }
  for (std::size_t a = 0; a < active_terms.size(); ++a) {
    const RandomTerm& term = random_terms[active_terms[a]];
    const int levels = static_cast<int>(term.codes.original.size());
    double sum = 0;
    for (int l = 0; l < levels; ++l) {
      const int column = sys.random_offset(static_cast<int>(a)) + l;
      sum += sigma2 * interval_inverse(column, column);
    }
    report.facets.push_back(
        SummarizeFacet(FacetName(term.facet), levels, ratios[a] * sigma2, sum / levels));
  }
  // Last, as it moves the system away from the optimum.
  if (treated_fixed) {
    FixedEffect& treated = report.fixed_effects[treated_fixed->first];
    treated.standard_error_observed =
        ObservedStandardError(sys, optimum.log_ratios, treated_fixed->second)
            .value_or(treated.standard_error);
  }
  if (!AllFinite(report)) return Internal("fair scores: a number in the report is not finite");
  return report;
}

}  // namespace chinjeol::stats
