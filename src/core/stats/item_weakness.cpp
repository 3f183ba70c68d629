#include "core/stats/item_weakness.hpp"

#include <algorithm>
#include <cmath>

#include "core/stats/distributions.hpp"

namespace chinjeol::stats {

Result<ItemWeaknessReport> AnalyzeItemWeakness(const ItemInput& input, const ItemOptions& options) {
  const std::size_t contacts = input.employee.size();
  if (input.item_count < 0 || input.employee_count < 0 ||
      input.fractions.size() != contacts * static_cast<std::size_t>(input.item_count)) {
    return InvalidArgument("item input: fractions must hold contacts x items entries");
  }
  for (const int e : input.employee) {
    if (e < 0 || e >= input.employee_count) return InvalidArgument("item input: bad employee");
  }
  for (const auto& f : input.fractions) {
    if (f && !(*f >= 0 && *f <= 1)) return InvalidArgument("item input: fraction outside 0-1");
  }
  ItemWeaknessReport report;
  const int employees = input.employee_count;
  std::vector<std::vector<EmployeeItemWeakness>> per_employee(employees);
  std::vector<int> count(employees);
  std::vector<double> sum(employees);
  std::vector<double> square(employees);
  for (int item = 0; item < input.item_count; ++item) {
    std::fill(count.begin(), count.end(), 0);
    std::fill(sum.begin(), sum.end(), 0.0);
    std::fill(square.begin(), square.end(), 0.0);
    ItemSummary summary{item, 0, 0, 0, 0};
    double total = 0;
    for (std::size_t c = 0; c < contacts; ++c) {
      const auto& f = input.fractions[c * input.item_count + item];
      if (!f) continue;
      const int e = input.employee[c];
      ++count[e];
      sum[e] += *f;
      square[e] += *f * *f;
      ++summary.contacts;
      total += *f;
    }
    if (summary.contacts == 0) {
      report.items.push_back(summary);
      continue;
    }
    const double peer = total / summary.contacts;
    summary.peer_mean = peer;
    // Within-employee variance, pooled; a floor from the binomial spread keeps it positive.
    double within = 0;
    int rated = 0;
    for (int e = 0; e < employees; ++e) {
      if (count[e] == 0) continue;
      ++rated;
      within += square[e] - sum[e] * sum[e] / count[e];
    }
    const int df = summary.contacts - rated;
    const double floor = std::max(peer * (1 - peer), 0.01) * 0.01;
    const double sigma2 = std::max(df > 0 ? within / df : peer * (1 - peer), floor);
    // Between-employee variance: E[gap^2] = tau^2 + sigma^2 / n.
    double excess = 0;
    for (int e = 0; e < employees; ++e) {
      if (count[e] == 0) continue;
      const double gap = sum[e] / count[e] - peer;
      excess += gap * gap - sigma2 / count[e];
    }
    const double tau2 = std::max(excess / rated, 0.0);
    summary.within_sd = std::sqrt(sigma2);
    summary.between_sd = std::sqrt(tau2);
    report.items.push_back(summary);
    for (int e = 0; e < employees; ++e) {
      if (count[e] == 0) continue;
      EmployeeItemWeakness entry;
      entry.employee = e;
      entry.item = item;
      entry.contacts = count[e];
      entry.raw_mean = sum[e] / count[e];
      const double sampling = sigma2 / count[e];
      const double weight = tau2 > 0 ? tau2 / (tau2 + sampling) : 0.0;
      entry.shrunken_gap = weight * (entry.raw_mean - peer);
      entry.gap_sd = std::sqrt(weight * sampling);
      entry.probability_weak =
          entry.gap_sd > 0 ? NormalCdf((-options.weak_margin - entry.shrunken_gap) / entry.gap_sd)
                           : (entry.shrunken_gap < -options.weak_margin ? 1.0 : 0.0);
      entry.weak = entry.probability_weak >= options.weak_probability;
      per_employee[e].push_back(entry);
    }
  }
  for (auto& entries : per_employee) {
    report.entries.insert(report.entries.end(), entries.begin(), entries.end());
  }
  return report;
}

}  // namespace chinjeol::stats
