#include "core/planning/top_up.hpp"

#include <algorithm>
#include <cmath>
#include <queue>
#include <tuple>

namespace chinjeol::planning {
namespace {

double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double NormalPdf(double x) {
  return std::exp(-0.5 * x * x) / std::sqrt(2.0 * 3.14159265358979323846);
}

// The normal model's relative view of one candidate after `extra` more contacts.
struct Outlook {
  double before = 0;
  double after = 0;
};

Outlook Look(const TopUpCandidate& candidate, int extra, const TopUpOptions& options) {
  double variance = candidate.variance;
  for (int k = 0; k < extra; ++k)
    variance = 1.0 / (1.0 / variance + 1.0 / options.contact_variance);
  const double model_before = MisgradeProbability(candidate.mean, variance, options.cut_points);
  const double model_after = ExpectedMisgradeAfterContact(
      candidate.mean, variance, options.contact_variance, options.cut_points);
  if (candidate.grade_probabilities.empty()) return {model_before, model_after};
  const double given = 1.0 - *std::max_element(candidate.grade_probabilities.begin(),
                                               candidate.grade_probabilities.end());
  const double base = MisgradeProbability(candidate.mean, candidate.variance, options.cut_points);
  const double scale = base > 1e-12 ? given / base : 0.0;
  return {model_before * scale, model_after * scale};
}

}  // namespace

double MisgradeProbability(double mean, double variance, std::span<const double> cut_points) {
  if (!(variance > 0)) return 0;
  const double sd = std::sqrt(variance);
  double best = 0;
  double lower = 0;
  for (const double cut : cut_points) {
    const double upper = NormalCdf((cut - mean) / sd);
    best = std::max(best, upper - lower);
    lower = upper;
  }
  best = std::max(best, 1.0 - lower);
  return std::clamp(1.0 - best, 0.0, 1.0);
}

double ExpectedMisgradeAfterContact(double mean, double variance, double contact_variance,
                                    std::span<const double> cut_points) {
  if (!(variance > 0) || !(contact_variance > 0))
    return MisgradeProbability(mean, variance, cut_points);
  const double after = 1.0 / (1.0 / variance + 1.0 / contact_variance);
  const double shift_sd = std::sqrt(std::max(0.0, variance - after));
  // Simpson's rule over z in [-6, 6].
  constexpr int kSteps = 120;
  constexpr double kLimit = 6.0;
  const double step = 2 * kLimit / kSteps;
  double sum = 0;
  for (int k = 0; k <= kSteps; ++k) {
    const double z = -kLimit + k * step;
    const double weight = (k == 0 || k == kSteps) ? 1 : (k % 2 == 1 ? 4 : 2);
    sum += weight * NormalPdf(z) * MisgradeProbability(mean + shift_sd * z, after, cut_points);
  }
  return sum * step / 3;
}

TopUpCandidate CandidateFromInterval(std::string employee_no, double estimate, double ci90_low,
                                     double ci90_high) {
  constexpr double kZ90 = 1.6448536269514722;
  const double sd = (ci90_high - ci90_low) / (2 * kZ90);
  return {std::move(employee_no), estimate, sd * sd, {}};
}

TopUpCandidate CandidateFromRawScores(std::string employee_no, std::span<const double> scores,
                                      double contact_variance, double prior_variance) {
  if (scores.empty()) return {std::move(employee_no), 0, prior_variance, {}};
  double sum = 0;
  for (const double score : scores) sum += score;
  return {std::move(employee_no),
          sum / static_cast<double>(scores.size()),
          contact_variance / static_cast<double>(scores.size()),
          {}};
}

std::vector<TopUpChoice> SelectTopUp(std::span<const TopUpCandidate> candidates,
                                     const TopUpOptions& options) {
  std::vector<TopUpChoice> choices(candidates.size());
  // (gain, negated index for the lower employee number first, index)
  using Entry = std::tuple<double, int, int>;
  std::vector<int> rank(candidates.size());
  {
    std::vector<int> order(candidates.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return candidates[a].employee_no < candidates[b].employee_no; });
    for (std::size_t k = 0; k < order.size(); ++k) rank[order[k]] = static_cast<int>(k);
  }
  std::priority_queue<Entry> queue;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    choices[i].employee_no = candidates[i].employee_no;
    const Outlook outlook = Look(candidates[i], 0, options);
    choices[i].misgrade_before = outlook.before;
    choices[i].misgrade_after = outlook.before;
    if (options.max_per_employee > 0) {
      queue.emplace(outlook.before - outlook.after, -rank[i], static_cast<int>(i));
    }
  }
  int left = options.contacts;
  while (left > 0 && !queue.empty()) {
    const auto [gain, negated_rank, index] = queue.top();
    queue.pop();
    if (!(gain > 1e-12)) break;
    TopUpChoice& choice = choices[index];
    const Outlook outlook = Look(candidates[index], choice.contacts, options);
    ++choice.contacts;
    choice.misgrade_after = outlook.after;
    --left;
    if (choice.contacts < options.max_per_employee) {
      const Outlook next = Look(candidates[index], choice.contacts, options);
      queue.emplace(next.before - next.after, negated_rank, index);
    }
  }
  std::vector<TopUpChoice> picked;
  for (TopUpChoice& choice : choices) {
    if (choice.contacts > 0) picked.push_back(std::move(choice));
  }
  std::sort(picked.begin(), picked.end(), [](const TopUpChoice& a, const TopUpChoice& b) {
    return a.misgrade_before - a.misgrade_after > b.misgrade_before - b.misgrade_after ||
           (a.misgrade_before - a.misgrade_after == b.misgrade_before - b.misgrade_after &&
            a.employee_no < b.employee_no);
  });
  return picked;
}

std::vector<ExtraContact> ToExtraContacts(std::span<const TopUpChoice> choices, int round) {
  std::vector<ExtraContact> extras;
  for (const TopUpChoice& choice : choices) {
    for (int k = 0; k < choice.contacts; ++k) extras.push_back({choice.employee_no, round});
  }
  return extras;
}

}  // namespace chinjeol::planning
