#include "core/stats/simulated_campaign.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "core/stats/distributions.hpp"

namespace chinjeol::stats::testing {
namespace {

// Uniform and normal draws defined here, not by the standard library's distributions, so
// that every platform gets the same numbers.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  int Below(int n) { return std::min(n - 1, static_cast<int>(Uniform() * n)); }
  double Normal(double sd) {
    if (spare_) {
      const double value = *spare_;
      spare_.reset();
      return value * sd;
    }
    double u = Uniform();
    while (u <= 0) u = Uniform();
    const double v = Uniform();
    const double radius = std::sqrt(-2 * std::log(u));
    spare_ = radius * std::sin(2 * std::numbers::pi * v);
    return radius * std::cos(2 * std::numbers::pi * v) * sd;
  }

 private:
  std::mt19937_64 engine_;
  std::optional<double> spare_;
};

}  // namespace

SimulatedCampaign SimulateCampaign(const SimulationOptions& options) {
  Random random(options.seed);
  const int n_employees = options.employees;
  const double mean_contacts = (options.min_contacts + options.max_contacts) / 2.0;
  const int monitors =
      options.monitors > 0
          ? options.monitors
          : std::max(12, static_cast<int>(std::lround(n_employees * mean_contacts /
                                                      (n_employees <= 2000 ? 200 : 400))));
  const int departments = std::max(5, static_cast<int>(std::lround(n_employees / 40.0)));
  const int regions = std::max(2, static_cast<int>(std::lround(monitors / 6.0)));
  const int scenarios = options.scenarios;

  std::vector<int> department_region(departments);
  for (int d = 0; d < departments; ++d) department_region[d] = d % regions;
  std::vector<int> employee_department(n_employees);
  for (int i = 0; i < n_employees; ++i) employee_department[i] = random.Below(departments);
  std::vector<std::vector<int>> region_monitors(regions);
  for (int m = 0; m < monitors; ++m) region_monitors[m % regions].push_back(m);

  SimulatedCampaign campaign;
  const bool gaussian = options.mode == SimulationMode::kGaussian;
  std::vector<double> department_effect(departments);
  std::vector<double> employee_effect(n_employees);
  std::vector<double> difficulty(scenarios);
  campaign.true_severity.resize(monitors);
  for (double& v : department_effect) v = random.Normal(gaussian ? 3 : 0.25);
  for (double& v : employee_effect) v = random.Normal(gaussian ? 6 : 0.5);
  for (double& v : campaign.true_severity) v = random.Normal(gaussian ? 5 : 0.35);
  for (double& v : difficulty) v = random.Normal(gaussian ? 4 : 0.30);
  double mean_severity = 0;
  for (const double v : campaign.true_severity) mean_severity += v / monitors;
  double mean_difficulty = 0;
  for (const double v : difficulty) mean_difficulty += v / scenarios;

  // Rubric: six pass/fail items and four 5-point items on a probit scale.
  constexpr int kBinary = 6;
  constexpr int kLevels = 4;
  constexpr double kCuts[] = {-1.5, -0.5, 0.3, 1.1};
  const auto binary_threshold = [](int j) { return -1.6 + 1.2 * j / 5.0; };
  const auto level_location = [](int j) { return -0.6 + 0.8 * j / 3.0; };
  constexpr double kMaxPoints = kBinary + 4.0 * kLevels;
  if (!gaussian) campaign.item_count = kBinary + kLevels;

  std::int64_t evaluation_id = 0;
  for (int i = 0; i < n_employees; ++i) {
    const int d = employee_department[i];
    const std::vector<int>& pool = region_monitors[department_region[d]];
    const int k =
        options.min_contacts + random.Below(options.max_contacts - options.min_contacts + 1);
    for (int c = 0; c < k; ++c) {
      evaluation::ScoredContact contact;
      contact.evaluation_id = ++evaluation_id;
      contact.employee_id = i + 1;
      contact.department_id = d + 1;
      const int m = pool[random.Below(static_cast<int>(pool.size()))];
      const int s = random.Below(scenarios);
      contact.monitor_id = m + 1;
      contact.scenario_id = s + 1;
      contact.channel = (s % 2 == 0) ? Channel::kPhone : Channel::kVisit;
      const int month = random.Below(4);
      contact.round = month < 2 ? 1 : 2;
      contact.day = month * 30 + random.Below(30);
      const double sign = contact.channel == Channel::kVisit ? 1 : -1;
      if (gaussian) {
        contact.score = 75 + department_effect[d] + employee_effect[i] - campaign.true_severity[m] -
                        difficulty[s] + 2 * sign + random.Normal(10);
      } else {
        const double eta = 0.9 + department_effect[d] + employee_effect[i] -
                           campaign.true_severity[m] - difficulty[s] + 0.1 * sign +
                           random.Normal(0.4);
        double points = 0;
        for (int j = 0; j < kBinary; ++j) {
          const double pass = (eta + random.Normal(1) > binary_threshold(j)) ? 1 : 0;
          campaign.item_fractions.push_back(pass);
          points += pass;
        }
        for (int j = 0; j < kLevels; ++j) {
          const double latent = eta + random.Normal(1);
          int level = 0;
          for (const double cut : kCuts) level += latent > level_location(j) + cut ? 1 : 0;
          campaign.item_fractions.push_back(level / 4.0);
          points += level;
        }
        contact.score = 100 * points / kMaxPoints;
      }
      campaign.contacts.push_back(contact);
    }
  }
  campaign.true_fair.resize(n_employees);
  for (int i = 0; i < n_employees; ++i) {
    const double theta = department_effect[employee_department[i]] + employee_effect[i];
    if (gaussian) {
      campaign.true_fair[i] = 75 + theta - mean_severity - mean_difficulty;
      continue;
    }
    double expected = 0;
    const double sd = std::sqrt(1 + 0.4 * 0.4);
    for (const double channel : {-0.1, 0.1}) {
      const double e = 0.9 + theta - mean_severity - mean_difficulty + channel;
      double v = 0;
      for (int j = 0; j < kBinary; ++j) v += NormalCdf((e - binary_threshold(j)) / sd);
      for (int j = 0; j < kLevels; ++j) {
        for (const double cut : kCuts) v += NormalCdf((e - level_location(j) - cut) / sd);
      }
      expected += 0.5 * v;
    }
    campaign.true_fair[i] = 100 * expected / kMaxPoints;
  }
  return campaign;
}

CoachingCampaign SimulateCoaching(const CoachingSimulationOptions& options) {
  CoachingCampaign result;
  result.campaign = SimulateCampaign(options.campaign);
  std::vector<evaluation::ScoredContact>& contacts = result.campaign.contacts;
  const int n_employees = options.campaign.employees;
  // Contacts come grouped by employee: the first half (rounded up) of each employee's
  // contacts is round 1. Gaussian scores do not depend on the day, so the days are moved
  // into the round's two months.
  std::vector<int> contact_count(n_employees, 0);
  for (const evaluation::ScoredContact& contact : contacts)
    ++contact_count[contact.employee_id - 1];
  std::vector<int> seen(n_employees, 0);
  std::vector<double> round1_sum(n_employees, 0.0);
  std::vector<int> round1_count(n_employees, 0);
  for (evaluation::ScoredContact& contact : contacts) {
    const int i = static_cast<int>(contact.employee_id - 1);
    const int k = seen[i]++;
    contact.round = k < (contact_count[i] + 1) / 2 ? 1 : 2;
    contact.day = (contact.round - 1) * 60 + contact.day % 60;
    if (contact.round == 1) {
      round1_sum[i] += contact.score;
      ++round1_count[i];
    } else {
      contact.score += options.round_shift;
    }
  }
  // Coaching: the lowest round-1 raw means (ties by employee order).
  std::vector<int> candidates;
  for (int i = 0; i < n_employees; ++i) {
    if (round1_count[i] > 0) candidates.push_back(i);
  }
  std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
    return round1_sum[a] / round1_count[a] < round1_sum[b] / round1_count[b];
  });
  const auto coached_count = static_cast<std::size_t>(
      std::lround(options.coached_share * static_cast<double>(candidates.size())));
  result.coached.assign(n_employees, 0);
  for (std::size_t k = 0; k < std::min(coached_count, candidates.size()); ++k) {
    result.coached[candidates[k]] = 1;
  }
  result.treated_after.reserve(contacts.size());
  for (evaluation::ScoredContact& contact : contacts) {
    const int treated = contact.round == 2 && result.coached[contact.employee_id - 1] ? 1 : 0;
    if (treated) contact.score += options.coaching_effect;
    result.treated_after.push_back(treated);
  }
  return result;
}

}  // namespace chinjeol::stats::testing
