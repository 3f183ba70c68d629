#include "core/planning/internal/objective.hpp"

#include <algorithm>
#include <cmath>

namespace chinjeol::planning::internal {

ObjectiveContact MakeContact(const Model& model, int day_number, int round_number, int monitor,
                             int department) {
  ObjectiveContact contact;
  contact.day = model.DayIndex(day_number);
  if (contact.day >= 0) {
    contact.round = model.days[contact.day].round;
  } else {
    for (std::size_t r = 0; r < model.rounds.size(); ++r) {
      if (model.rounds[r].number == round_number) contact.round = static_cast<int>(r);
    }
  }
  const int week = WeekKey(day_number) - model.first_week_key;
  contact.week = week >= 0 && week < model.weeks ? week : -1;
  contact.monitor = monitor;
  contact.department = department;
  return contact;
}

ObjectiveTracker::ObjectiveTracker(const Model& model, int channel, const ObjectiveWeights& weights,
                                   std::span<const ObjectiveContact> contacts)
    : model_(model),
      weights_(weights),
      total_(static_cast<int>(contacts.size())),
      pair_counts_(contacts.size()) {
  const std::size_t rounds = model.rounds.size();
  const std::size_t weeks = static_cast<std::size_t>(model.weeks);
  week_count_.assign(rounds * weeks, 0);
  week_target_.assign(rounds * weeks, 0);
  weekday_count_.assign(rounds * 8, 0);
  weekday_target_.assign(rounds * 8, 0);
  covariance_.assign(rounds, 0);
  mean_department_.assign(rounds, 0);
  sweep_norm_.assign(rounds, 0);

  // Contacts per round (dated on a working day) and the moments of their departments.
  std::vector<double> in_round(rounds, 0);
  std::vector<double> department_sum(rounds, 0);
  std::vector<double> department_squares(rounds, 0);
  for (const ObjectiveContact& contact : contacts) {
    if (contact.day < 0) continue;
    const int r = model.days[contact.day].round;
    in_round[r] += 1;
    department_sum[r] += contact.department;
    department_squares[r] += static_cast<double>(contact.department) * contact.department;
  }
  for (std::size_t r = 0; r < rounds; ++r) {
    const RoundSpan& span = model.rounds[r];
    if (span.count == 0 || in_round[r] == 0) continue;
    for (int d = span.first; d < span.first + span.count; ++d) {
      week_target_[r * weeks + model.days[d].week] += in_round[r] / span.count;
      weekday_target_[r * 8 + model.days[d].weekday] += in_round[r] / span.count;
    }
    mean_department_[r] = department_sum[r] / in_round[r];
    const double variance = std::max(
        0.0, department_squares[r] / in_round[r] - mean_department_[r] * mean_department_[r]);
    const double day_sd = std::sqrt((static_cast<double>(span.count) * span.count - 1) / 12.0);
    if (variance > 1e-12 && day_sd > 0) {
      sweep_norm_[r] = in_round[r] * std::sqrt(variance) * day_sd;
      ++rounds_with_contacts_;
    }
  }
  for (double target : week_target_) week_sum_ += target;
  for (double target : weekday_target_) weekday_sum_ += target;

  // The most (monitor, department) pairs possible: each department meets at most
  // min(monitors, its contacts) monitors.
  const int monitors = static_cast<int>(model.input->monitors.size());
  std::vector<std::uint8_t> counted(static_cast<std::size_t>(monitors), 0);
  int monitor_count = 0;
  for (int m = 0; m < monitors; ++m) {
    if (model.capacity[channel][m] > 0) {
      counted[m] = 1;
      ++monitor_count;
    }
  }
  std::vector<int> per_department(model.departments.size(), 0);
  for (const ObjectiveContact& contact : contacts) {
    if (contact.department >= 0) ++per_department[contact.department];
    if (contact.monitor >= 0 && !counted[contact.monitor]) {
      counted[contact.monitor] = 1;
      ++monitor_count;
    }
  }
  for (int count : per_department) max_pairs_ += std::min(count, monitor_count);

  department_week_.assign(model.departments.size() * weeks, 0);
  pool_size_.resize(model.departments.size());
  for (std::size_t k = 0; k < model.departments.size(); ++k) {
    pool_size_[k] = model.PoolSize(channel, static_cast<int>(k));
  }

  // Workload targets in proportion to capacity-days.
  load_.assign(static_cast<std::size_t>(monitors), 0);
  load_target_.assign(static_cast<std::size_t>(monitors), 0);
  double capacity_days = 0;
  for (int m = 0; m < monitors; ++m) {
    int available = 0;
    for (int d = 0; d < model.DayCount(); ++d) available += model.IsAvailable(m, d) ? 1 : 0;
    load_target_[m] = static_cast<double>(model.capacity[channel][m]) * available;
    capacity_days += load_target_[m];
  }
  for (double& target : load_target_) {
    target = capacity_days > 0 ? target * total_ / capacity_days : 0;
    workload_sum_ += target;
  }

  for (const ObjectiveContact& contact : contacts) Update(contact, +1);
}

double ObjectiveTracker::Update(const ObjectiveContact& contact, int sign) {
  if (total_ == 0) return 0;
  const double n = total_;
  const std::size_t weeks = static_cast<std::size_t>(model_.weeks);
  double delta = 0;
  if (contact.day >= 0) {
    const ModelDay& day = model_.days[contact.day];
    const std::size_t r = static_cast<std::size_t>(day.round);

    const std::size_t week_cell = r * weeks + day.week;
    double before = std::abs(week_count_[week_cell] - week_target_[week_cell]);
    week_count_[week_cell] += sign;
    double after = std::abs(week_count_[week_cell] - week_target_[week_cell]);
    week_sum_ += after - before;
    delta += weights_.week * (after - before) / n;

    const std::size_t weekday_cell = r * 8 + day.weekday;
    before = std::abs(weekday_count_[weekday_cell] - weekday_target_[weekday_cell]);
    weekday_count_[weekday_cell] += sign;
    after = std::abs(weekday_count_[weekday_cell] - weekday_target_[weekday_cell]);
    weekday_sum_ += after - before;
    delta += weights_.weekday * (after - before) / n;

    if (sweep_norm_[r] > 0) {
      before = std::abs(covariance_[r]) / sweep_norm_[r];
      covariance_[r] += sign * (contact.department - mean_department_[r]) * day.index_in_round;
      after = std::abs(covariance_[r]) / sweep_norm_[r];
      delta += weights_.sweep * (after - before) / rounds_with_contacts_;
    }
  }
  if (contact.monitor >= 0 && contact.department >= 0 && max_pairs_ > 0) {
    const int count = pair_counts_.Add(contact.monitor, contact.department, sign);
    if (sign > 0 && count == 1) {
      ++pairs_;
      delta -= weights_.crossing / max_pairs_;
    } else if (sign < 0 && count == 0) {
      --pairs_;
      delta += weights_.crossing / max_pairs_;
    }
  }
  if (contact.week >= 0 && contact.department >= 0) {
    int& count =
        department_week_[static_cast<std::size_t>(contact.department) * weeks + contact.week];
    const int pool = pool_size_[contact.department];
    const double before = std::max(0, count - pool);
    count += sign;
    const double after = std::max(0, count - pool);
    scenario_sum_ += after - before;
    delta += weights_.scenario * (after - before) / n;
  }
  if (contact.monitor >= 0) {
    const double before = std::abs(load_[contact.monitor] - load_target_[contact.monitor]);
    load_[contact.monitor] += sign;
    const double after = std::abs(load_[contact.monitor] - load_target_[contact.monitor]);
    workload_sum_ += after - before;
    delta += weights_.workload * (after - before) / n;
  }
  return delta;
}

ObjectiveTracker::Terms ObjectiveTracker::Unweighted() const {
  Terms terms;
  if (total_ == 0) return terms;
  const double n = total_;
  terms.week = week_sum_ / n;
  terms.weekday = weekday_sum_ / n;
  double sweep_sum = 0;
  for (std::size_t r = 0; r < covariance_.size(); ++r) {
    if (sweep_norm_[r] <= 0) continue;
    const double correlation = std::abs(covariance_[r]) / sweep_norm_[r];
    sweep_sum += correlation;
    terms.sweep_max = std::max(terms.sweep_max, correlation);
  }
  terms.sweep = rounds_with_contacts_ > 0 ? sweep_sum / rounds_with_contacts_ : 0;
  terms.crossing = max_pairs_ > 0 ? 1.0 - static_cast<double>(pairs_) / max_pairs_ : 0;
  terms.scenario = scenario_sum_ / n;
  terms.workload = workload_sum_ / n;
  return terms;
}

double ObjectiveTracker::Value() const {
  const Terms terms = Unweighted();
  return weights_.week * terms.week + weights_.weekday * terms.weekday +
         weights_.sweep * terms.sweep + weights_.crossing * terms.crossing +
         weights_.scenario * terms.scenario + weights_.workload * terms.workload;
}

}  // namespace chinjeol::planning::internal
