#include "core/stats/calibration.hpp"

#include <algorithm>
#include <cmath>

#include "core/stats/distributions.hpp"

namespace chinjeol::stats {
namespace {

Result<void> CheckMatrix(const RatingMatrix& matrix, double level) {
  if (matrix.targets < 0 || matrix.raters < 0 ||
      matrix.ratings.size() != static_cast<std::size_t>(matrix.targets) * matrix.raters) {
    return InvalidArgument("rating matrix: ratings must hold targets x raters entries");
  }
  if (!(level > 0 && level < 1)) return InvalidArgument("interval level must be between 0 and 1");
  for (const auto& rating : matrix.ratings) {
    if (rating && !std::isfinite(*rating)) return InvalidArgument("rating matrix: not a number");
  }
  return Ok();
}

}  // namespace

Result<IccResult> ComputeIccAgreement(const RatingMatrix& matrix, double level) {
  if (Result<void> ok = CheckMatrix(matrix, level); !ok) return ok.error();
  const int k = matrix.raters;
  std::vector<int> complete;
  for (int t = 0; t < matrix.targets; ++t) {
    bool all = true;
    for (int r = 0; r < k && all; ++r) all = matrix.at(t, r).has_value();
    if (all) complete.push_back(t);
  }
  const int n = static_cast<int>(complete.size());
  if (k < 2 || n < 2) {
    return FailedPrecondition("ICC needs at least 2 raters and 2 targets scored by all of them");
  }
  double grand = 0;
  std::vector<double> row_mean(n, 0.0);
  std::vector<double> column_mean(k, 0.0);
  for (int i = 0; i < n; ++i) {
    for (int r = 0; r < k; ++r) {
      const double v = *matrix.at(complete[i], r);
      row_mean[i] += v / k;
      column_mean[r] += v / n;
      grand += v / (static_cast<double>(n) * k);
    }
  }
  double ss_rows = 0;
  double ss_columns = 0;
  double ss_total = 0;
  for (int i = 0; i < n; ++i) ss_rows += k * (row_mean[i] - grand) * (row_mean[i] - grand);
  for (int r = 0; r < k; ++r) ss_columns += n * (column_mean[r] - grand) * (column_mean[r] - grand);
  for (int i = 0; i < n; ++i) {
    for (int r = 0; r < k; ++r) {
      const double d = *matrix.at(complete[i], r) - grand;
      ss_total += d * d;
    }
  }
  const double ms_rows = ss_rows / (n - 1);
  const double ms_columns = ss_columns / (k - 1);
  const double ms_error = std::max(ss_total - ss_rows - ss_columns, 0.0) / ((n - 1.0) * (k - 1.0));
  const double denominator = ms_rows + (k - 1) * ms_error + k * (ms_columns - ms_error) / n;
  if (!(denominator > 0) || !(ms_error > 0)) {
    return FailedPrecondition("ICC is undefined: the ratings do not vary");
  }
  IccResult result;
  result.targets_used = n;
  result.raters = k;
  result.ms_targets = ms_rows;
  result.ms_raters = ms_columns;
  result.ms_error = ms_error;
  const double icc = (ms_rows - ms_error) / denominator;
  result.icc = icc;
  // McGraw & Wong (1996), case 2A, with Satterthwaite degrees of freedom.
  const double fj = ms_columns / ms_error;
  const double a = n * (1 + (k - 1) * icc) - k * icc;
  const double vn = (k - 1.0) * (n - 1.0) * std::pow(k * icc * fj + a, 2);
  const double vd = (n - 1.0) * k * k * icc * icc * fj * fj + a * a;
  const double v = vd > 0 ? std::max(vn / vd, 1e-3) : 1e12;
  const double alpha = 1 - level;
  const double f_upper = FQuantile(1 - alpha / 2, n - 1, v);
  const double f_lower = FQuantile(1 - alpha / 2, v, n - 1);
  const double spread = k * ms_columns + (k * n - k - n) * ms_error;
  result.ci_low = n * (ms_rows - f_upper * ms_error) / (f_upper * spread + n * ms_rows);
  result.ci_high = n * (f_lower * ms_rows - ms_error) / (spread + n * f_lower * ms_rows);
  result.ci_low = std::clamp(result.ci_low, -1.0, 1.0);
  result.ci_high = std::clamp(result.ci_high, -1.0, 1.0);
  return result;
}

Result<AlphaResult> ComputeKrippendorffAlpha(const RatingMatrix& matrix, double level) {
  if (Result<void> ok = CheckMatrix(matrix, level); !ok) return ok.error();
  // Per pairable target: m values, their sum and sum of squares.
  struct Unit {
    double m = 0;
    double sum = 0;
    double square = 0;
    double disagreement() const { return 2 * (m * square - sum * sum) / (m - 1); }
  };
  std::vector<Unit> units;
  for (int t = 0; t < matrix.targets; ++t) {
    Unit unit;
    for (int r = 0; r < matrix.raters; ++r) {
      if (const auto& v = matrix.at(t, r)) {
        unit.m += 1;
        unit.sum += *v;
        unit.square += *v * *v;
      }
    }
    if (unit.m >= 2) units.push_back(unit);
  }
  if (units.size() < 2) {
    return FailedPrecondition("Krippendorff's alpha needs at least 2 targets with two ratings");
  }
  Unit all;
  double observed = 0;
  for (const Unit& unit : units) {
    all.m += unit.m;
    all.sum += unit.sum;
    all.square += unit.square;
    observed += unit.disagreement();
  }
  // alpha = 1 - D_o / D_e with D_o = observed / n, D_e = 2 (n S2 - S1^2) / (n (n - 1)).
  const auto alpha_of = [](const Unit& total, double observed_sum) {
    const double n = total.m;
    const double expected = 2 * (n * total.square - total.sum * total.sum) / (n * (n - 1));
    if (!(expected > 0)) return std::optional<double>();
    return std::optional<double>(1 - (observed_sum / n) / expected);
  };
  const std::optional<double> alpha = alpha_of(all, observed);
  if (!alpha) return FailedPrecondition("Krippendorff's alpha is undefined: all values are equal");
  AlphaResult result;
  result.alpha = *alpha;
  result.targets_used = static_cast<int>(units.size());
  result.values_used = static_cast<int>(all.m);
  // Jackknife over targets.
  std::vector<double> leave_out;
  for (const Unit& unit : units) {
    Unit rest{all.m - unit.m, all.sum - unit.sum, all.square - unit.square};
    if (const auto a = alpha_of(rest, observed - unit.disagreement())) leave_out.push_back(*a);
  }
  const double count = static_cast<double>(leave_out.size());
  double se = 0;
  if (count >= 2) {
    double mean = 0;
    for (const double a : leave_out) mean += a / count;
    for (const double a : leave_out) se += (a - mean) * (a - mean);
    se = std::sqrt(se * (count - 1) / count);
  }
  const double z = NormalQuantile(0.5 + level / 2);
  result.ci_low = std::max(result.alpha - z * se, -1.0);
  result.ci_high = std::min(result.alpha + z * se, 1.0);
  return result;
}

Drift FitDrift(std::span<const double> day, std::span<const double> residual) {
  Drift drift;
  const std::size_t n = std::min(day.size(), residual.size());
  drift.contacts = static_cast<int>(n);
  if (n < 3) return drift;
  double mean_day = 0;
  double mean_residual = 0;
  for (std::size_t c = 0; c < n; ++c) {
    mean_day += day[c] / n;
    mean_residual += residual[c] / n;
  }
  double sxx = 0;
  double sxy = 0;
  for (std::size_t c = 0; c < n; ++c) {
    sxx += (day[c] - mean_day) * (day[c] - mean_day);
    sxy += (day[c] - mean_day) * (residual[c] - mean_residual);
  }
  if (!(sxx > 0)) return drift;
  const double slope = sxy / sxx;
  double sse = 0;
  for (std::size_t c = 0; c < n; ++c) {
    const double e = residual[c] - mean_residual - slope * (day[c] - mean_day);
    sse += e * e;
  }
  const double df = static_cast<double>(n) - 2;
  drift.slope_per_day = slope;
  drift.slope_se = std::sqrt(sse / df / sxx);
  drift.p_value = drift.slope_se > 0 ? StudentTwoSidedP(slope / drift.slope_se, df) : 1.0;
  return drift;
}

}  // namespace chinjeol::stats
