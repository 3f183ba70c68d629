#include "core/stats/reliability.hpp"

#include <algorithm>
#include <cmath>

#include "core/stats/distributions.hpp"

namespace chinjeol::stats {
namespace {

double Phi(double person, double error, double contacts) {
  if (!(person > 0)) return 0;
  if (!(contacts > 0)) return 0;
  return person / (person + error / contacts);
}

}  // namespace

double PhiRaw(const VarianceComponents& c, double contacts) {
  return Phi(c.person(), c.monitor + c.scenario + c.residual, contacts);
}

double PhiAdjusted(const VarianceComponents& c, double contacts) {
  return Phi(c.person(), c.residual, contacts);
}

double ExpectedMisgradeShare(const VarianceComponents& c, double mean, double contacts,
                             const std::vector<GradeBand>& bands) {
  const double person = c.person();
  if (!(person > 0) || !(contacts > 0)) return 0;
  // Posterior of a true score t given the adjusted estimate: variance v, and the estimate
  // itself is shrunk by the reliability. Integrate P(wrong band | t) over t ~ N(mean, person).
  const double reliability = PhiAdjusted(c, contacts);
  const double posterior_variance = person * (1 - reliability);
  const double estimate_sd = std::sqrt(person * reliability);
  constexpr int kPoints = 801;
  double total = 0;
  double weight_sum = 0;
  for (int k = 0; k < kPoints; ++k) {
    // Estimates e ~ N(mean, person * reliability); truth | e ~ N(e, posterior_variance).
    const double z = -8.0 + 16.0 * k / (kPoints - 1);
    const double weight = std::exp(-z * z / 2);
    const double estimate = mean + z * estimate_sd;
    const int grade = GradeOf(bands, estimate);
    const std::vector<double> p =
        GradeProbabilities(bands, estimate, std::sqrt(posterior_variance));
    total += weight * (1 - p[grade]);
    weight_sum += weight;
  }
  return total / weight_sum;
}

double ExpectedRelativeMisgradeShare(const VarianceComponents& c, double contacts) {
  const double person = c.person();
  if (!(person > 0) || !(contacts > 0)) return 0;
  const double reliability = PhiAdjusted(c, contacts);
  const double estimate_sd = std::sqrt(person * reliability);
  const double posterior_sd = std::sqrt(person * (1 - reliability));
  static constexpr double kShares[] = {0.1, 0.3, 0.7, 0.9};
  std::vector<double> estimate_cuts;
  std::vector<double> true_cuts;
  for (const double share : kShares) {
    estimate_cuts.push_back(estimate_sd * NormalQuantile(share));
    true_cuts.push_back(std::sqrt(person) * NormalQuantile(share));
  }
  constexpr int kPoints = 1601;
  double total = 0;
  double weight_sum = 0;
  for (int k = 0; k < kPoints; ++k) {
    const double z = -8.0 + 16.0 * k / (kPoints - 1);
    const double weight = std::exp(-z * z / 2);
    const double estimate = z * estimate_sd;
    const int band =
        static_cast<int>(std::upper_bound(estimate_cuts.begin(), estimate_cuts.end(), estimate) -
                         estimate_cuts.begin());
    const double low = band == 0 ? -1e300 : true_cuts[band - 1];
    const double high = band == 4 ? 1e300 : true_cuts[band];
    const double right = posterior_sd > 0 ? NormalCdf((high - estimate) / posterior_sd) -
                                                NormalCdf((low - estimate) / posterior_sd)
                                          : 1.0;
    total += weight * (1 - right);
    weight_sum += weight;
  }
  return total / weight_sum;
}

std::vector<DStudyRow> DStudy(const VarianceComponents& components, double mean,
                              const std::vector<int>& contacts,
                              const std::vector<GradeBand>& bands) {
  std::vector<DStudyRow> rows;
  for (const int n : contacts) {
    rows.push_back({n, PhiRaw(components, n), PhiAdjusted(components, n),
                    ExpectedMisgradeShare(components, mean, n, bands),
                    ExpectedRelativeMisgradeShare(components, n)});
  }
  return rows;
}

std::vector<ReliabilityTarget> ContactsForTargets(const VarianceComponents& components,
                                                  const std::vector<double>& targets) {
  constexpr int kCap = 1000;
  std::vector<ReliabilityTarget> result;
  for (const double target : targets) {
    ReliabilityTarget row{target, kCap, kCap};
    for (int n = kCap; n >= 1; --n) {
      if (PhiRaw(components, n) >= target) row.contacts_raw = n;
      if (PhiAdjusted(components, n) >= target) row.contacts_adjusted = n;
    }
    result.push_back(row);
  }
  return result;
}

}  // namespace chinjeol::stats
