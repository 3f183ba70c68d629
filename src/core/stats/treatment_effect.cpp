#include "core/stats/treatment_effect.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/stats/distributions.hpp"

namespace chinjeol::stats {
namespace {

// "a", "a and b", "a, b and c".
std::string JoinWords(const std::vector<std::string>& words) {
  std::string text;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (k > 0) text += k + 1 == words.size() ? " and " : ", ";
    text += words[k];
  }
  return text;
}

std::string DescribeMethod(const FairScoreReport& report) {
  std::vector<std::string> random;
  if (report.variance.employee > 0) random.push_back("employee");
  if (report.variance.monitor > 0) random.push_back("monitor");
  if (report.variance.scenario > 0) random.push_back("scenario");
  if (report.variance.department > 0) random.push_back("department");
  std::vector<std::string> fixed;
  const auto has_fixed = [&](const std::string& prefix) {
    return std::any_of(report.fixed_effects.begin(), report.fixed_effects.end(),
                       [&](const FixedEffect& e) { return e.name.starts_with(prefix); });
  };
  if (has_fixed("round:")) fixed.push_back("round");
  if (has_fixed("channel:")) fixed.push_back("channel");
  std::string method = "mixed model (exact REML): treated-after term with ";
  method += random.empty() ? "no random effects" : JoinWords(random) + " random effects";
  if (!fixed.empty()) method += ", " + JoinWords(fixed) + " fixed";
  return method;
}

// Mean and unbiased variance of a sample.
struct Moments {
  int count = 0;
  double mean = 0;
  double variance = 0;
};

Moments MomentsOf(const std::vector<double>& values) {
  Moments moments;
  moments.count = static_cast<int>(values.size());
  if (values.empty()) return moments;
  for (const double v : values) moments.mean += v / moments.count;
  if (moments.count > 1) {
    double ss = 0;
    for (const double v : values) ss += (v - moments.mean) * (v - moments.mean);
    moments.variance = ss / (moments.count - 1);
  }
  return moments;
}

NaiveEstimate StudentInterval(double estimate, double standard_error, double df, double level) {
  NaiveEstimate naive;
  naive.available = true;
  naive.estimate = estimate;
  naive.standard_error = standard_error;
  naive.degrees_of_freedom = df;
  // The two-sided t quantile: t^2 with df degrees of freedom is F(1, df).
  const double t = std::sqrt(FQuantile(level, 1, df));
  naive.ci_low = estimate - t * standard_error;
  naive.ci_high = estimate + t * standard_error;
  return naive;
}

// Per employee: mean score of the contacts in each of two groups, and whether both occur.
struct Split {
  std::vector<double> sum[2];
  std::vector<int> count[2];
  explicit Split(int employees) {
    for (int g = 0; g < 2; ++g) {
      sum[g].assign(employees, 0.0);
      count[g].assign(employees, 0);
    }
  }
  void Add(int employee, int group, double score) {
    sum[group][employee] += score;
    ++count[group][employee];
  }
  bool Both(int employee) const { return count[0][employee] > 0 && count[1][employee] > 0; }
  double Change(int employee) const {
    return sum[1][employee] / count[1][employee] - sum[0][employee] / count[0][employee];
  }
};

}  // namespace

Result<EffectEstimate> EstimateTreatmentEffect(const ModelInput& input,
                                               const ModelOptions& options) {
  const std::size_t n = input.contact_count();
  if (input.treated_after.size() != n) {
    return InvalidArgument("treatment effect: treated_after must have one entry per contact");
  }
  if (Result<void> valid = ValidateModelInput(input); !valid) return valid.error();
  if (!(options.interval_level > 0 && options.interval_level < 1)) {
    return InvalidArgument("interval level must be between 0 and 1");
  }

  EffectEstimate effect;
  const int employee_total = static_cast<int>(input.employee_ids.size());
  std::vector<int> contacts_of(employee_total, 0);
  std::vector<int> treated_of(employee_total, 0);
  std::vector<int> first_treated_round(employee_total, 0);
  for (std::size_t c = 0; c < n; ++c) {
    const int i = input.employee[c];
    ++contacts_of[i];
    if (input.treated_after[c] == 0) continue;
    ++effect.treated_contacts;
    if (treated_of[i]++ == 0 || input.round[c] < first_treated_round[i]) {
      first_treated_round[i] = input.round[c];
    }
  }
  for (int i = 0; i < employee_total; ++i) {
    if (treated_of[i] > 0) ++effect.treated_employees;
    if (contacts_of[i] > 0 && treated_of[i] == 0) ++effect.comparison_employees;
  }
  if (effect.treated_contacts == 0) {
    return FailedPrecondition(
        "treatment effect: no contact took place after a treatment, so there is nothing to "
        "measure yet");
  }
  if (effect.treated_contacts == static_cast<int>(n)) {
    return FailedPrecondition(
        "treatment effect: every contact took place after a treatment, so there is nothing to "
        "compare the treated contacts with");
  }

  ModelOptions model_options = options;
  model_options.round_effect = true;
  model_options.treatment_effect = true;
  Result<FairScoreReport> fitted = FitFairScores(input, model_options);
  if (!fitted) return fitted.error();
  const FairScoreReport& report = *fitted;
  if (report.method != FitMethod::kExactReml) {
    return FailedPrecondition(
        "treatment effect: the contacts are too few for the model (" +
        std::to_string(report.contacts) +
        " contacts), so a change cannot be told apart from chance; wait for more evaluations");
  }
  const auto treated_term =
      std::find_if(report.fixed_effects.begin(), report.fixed_effects.end(),
                   [](const FixedEffect& e) { return e.name == "treated:yes"; });
  if (treated_term == report.fixed_effects.end()) {
    return FailedPrecondition(
        "treatment effect: the treatment cannot be told apart from the change between rounds "
        "(for example, everyone was treated between the same two rounds, or only in rounds "
        "where nobody else was evaluated): a common change over time would be credited to the "
        "treatment. Compare with employees who were not treated, or not yet, in the same rounds");
  }
  effect.estimate = treated_term->estimate;
  effect.standard_error = treated_term->standard_error_observed;
  effect.standard_error_given_variances = treated_term->standard_error;
  const double z = NormalQuantile(0.5 + options.interval_level / 2);
  effect.ci_low = effect.estimate - z * effect.standard_error;
  effect.ci_high = effect.estimate + z * effect.standard_error;
  effect.shown = effect.ci_low > 0 || effect.ci_high < 0;
  effect.method = DescribeMethod(report);
  effect.warnings = report.warnings;

  // Naive comparisons on raw scores. Treated employees: untreated contacts (before) against
  // treated ones (after). Comparison employees: rounds before the one in which most treated
  // employees had their first treated contact, against that round and later.
  std::map<int, int> first_rounds;
  for (int i = 0; i < employee_total; ++i) {
    if (treated_of[i] > 0) ++first_rounds[first_treated_round[i]];
  }
  int cut_round = first_rounds.begin()->first;
  for (const auto& [round, count] : first_rounds) {
    if (count > first_rounds[cut_round]) cut_round = round;
  }
  Split split(employee_total);
  for (std::size_t c = 0; c < n; ++c) {
    const int i = input.employee[c];
    const int after =
        treated_of[i] > 0 ? input.treated_after[c] : (input.round[c] >= cut_round ? 1 : 0);
    split.Add(i, after, input.score[c]);
  }
  std::vector<double> treated_changes;
  std::vector<double> comparison_changes;
  for (int i = 0; i < employee_total; ++i) {
    if (!split.Both(i)) continue;
    (treated_of[i] > 0 ? treated_changes : comparison_changes).push_back(split.Change(i));
  }
  const Moments treated = MomentsOf(treated_changes);
  const Moments comparison = MomentsOf(comparison_changes);
  if (treated.count >= 2) {
    effect.before_after = StudentInterval(treated.mean, std::sqrt(treated.variance / treated.count),
                                          treated.count - 1, options.interval_level);
    if (comparison.count >= 2) {
      const double a = treated.variance / treated.count;
      const double b = comparison.variance / comparison.count;
      const double denominator = a * a / (treated.count - 1) + b * b / (comparison.count - 1);
      // Welch-Satterthwaite; with no spread at all, the pooled degrees of freedom.
      const double df = denominator > 0 ? (a + b) * (a + b) / denominator
                                        : treated.count + comparison.count - 2.0;
      effect.difference_in_differences = StudentInterval(
          treated.mean - comparison.mean, std::sqrt(a + b), df, options.interval_level);
    }
  }
  return effect;
}

}  // namespace chinjeol::stats
