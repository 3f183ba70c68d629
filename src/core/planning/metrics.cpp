#include "core/planning/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "core/planning/internal/measure.hpp"
#include "core/planning/internal/model.hpp"
#include "core/planning/internal/objective.hpp"
#include "core/planning/internal/pair_counts.hpp"

namespace chinjeol::planning {
namespace internal {
namespace {

int Find(const std::unordered_map<std::string_view, int>& map, const std::string& key) {
  const auto found = map.find(key);
  return found == map.end() ? -1 : found->second;
}

int CountComponents(std::vector<int>& parent, const std::vector<std::uint8_t>& touched) {
  auto find = [&](int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  int components = 0;
  for (std::size_t v = 0; v < parent.size(); ++v) {
    if (touched[v] && find(static_cast<int>(v)) == static_cast<int>(v)) ++components;
  }
  return components;
}

ChannelMetrics MeasureChannel(const Model& model, int channel,
                              std::span<const Assignment> assignments,
                              std::span<const AssignmentRef> refs) {
  const PlanInput& input = *model.input;
  ChannelMetrics metrics;
  std::vector<ObjectiveContact> contacts;
  std::vector<const Assignment*> live;
  std::vector<const AssignmentRef*> live_refs;
  for (std::size_t k = 0; k < assignments.size(); ++k) {
    const Assignment& assignment = assignments[k];
    if (!IsLive(assignment.status) || ChannelIndex(assignment.channel) != channel) continue;
    live.push_back(&assignment);
    live_refs.push_back(&refs[k]);
    contacts.push_back(MakeContact(model, DayNumber(assignment.date), assignment.round,
                                   refs[k].monitor, refs[k].department));
    if (assignment.lunch_sample) ++metrics.lunch_sample;
  }
  metrics.contacts = static_cast<int>(live.size());
  if (live.empty()) return metrics;
  const ObjectiveTracker tracker(model, channel, input.options.weights, contacts);
  const ObjectiveTracker::Terms terms = tracker.Unweighted();
  const double n = static_cast<double>(live.size());
  metrics.week_deviation = terms.week;
  metrics.weekday_deviation = terms.weekday;
  metrics.sweep = terms.sweep;
  metrics.sweep_max = terms.sweep_max;
  metrics.crossing_shortfall = terms.crossing;
  metrics.workload_deviation = terms.workload;
  metrics.monitor_department_pairs = tracker.pairs();

  // Hours: ordinary contacts against the slots each hour offers under the lunch policy.
  std::vector<double> hour_count(24, 0);
  std::vector<double> hour_slots(24, 0);
  for (std::size_t s = 0; s < model.slot_starts.size(); ++s) {
    if ((model.regular_mask >> s) & 1) hour_slots[model.slot_starts[s] / 60] += 1;
  }
  double ordinary = 0;
  for (const Assignment* assignment : live) {
    if (assignment->lunch_sample) continue;
    ordinary += 1;
    const int hour = assignment->start_minute / 60;
    if (hour >= 0 && hour < 24) hour_count[hour] += 1;
  }
  if (ordinary > 0 && model.regular_slots > 0) {
    double deviation = 0;
    for (int h = 0; h < 24; ++h) {
      deviation += std::abs(hour_count[h] - ordinary * hour_slots[h] / model.regular_slots);
    }
    metrics.hour_deviation = deviation / ordinary;
  }

  // Chi-square of the week counts against the week targets.
  const std::size_t weeks = static_cast<std::size_t>(model.weeks);
  std::vector<double> week_count(model.rounds.size() * weeks, 0);
  std::vector<double> in_round(model.rounds.size(), 0);
  for (const ObjectiveContact& contact : contacts) {
    if (contact.day < 0) continue;
    const ModelDay& day = model.days[contact.day];
    week_count[static_cast<std::size_t>(day.round) * weeks + day.week] += 1;
    in_round[day.round] += 1;
  }
  for (std::size_t r = 0; r < model.rounds.size(); ++r) {
    const RoundSpan& span = model.rounds[r];
    std::vector<double> target(weeks, 0);
    for (int d = span.first; d < span.first + span.count; ++d) {
      target[model.days[d].week] += in_round[r] / span.count;
    }
    for (std::size_t w = 0; w < weeks; ++w) {
      if (target[w] <= 0) continue;
      const double difference = week_count[r * weeks + w] - target[w];
      metrics.week_chi_square += difference * difference / target[w];
    }
  }

  // Scenario repeats within department and ISO week.
  PairCounts heard(live.size());
  int repeats = 0;
  for (std::size_t k = 0; k < live.size(); ++k) {
    const int scenario = live_refs[k]->scenario;
    const int week = WeekKey(DayNumber(live[k]->date)) & 0x7FF;
    if (heard.Add(contacts[k].department + 1, (week << 20) | ((scenario + 1) & 0xFFFFF), 1) > 1) {
      ++repeats;
    }
  }
  metrics.scenario_repeats = repeats / n;

  // Crossing: monitors per department and departments per monitor.
  std::vector<int> per_department(model.departments.size(), 0);
  std::vector<int> per_monitor(input.monitors.size(), 0);
  tracker.pair_counts().ForEach([&](int monitor, int department, int) {
    ++per_monitor[monitor];
    ++per_department[department];
  });
  auto mean_and_min = [](const std::vector<int>& values, double& mean, int& minimum) {
    long long sum = 0;
    int count = 0;
    minimum = 0;
    for (int value : values) {
      if (value == 0) continue;
      sum += value;
      minimum = count == 0 ? value : std::min(minimum, value);
      ++count;
    }
    mean = count > 0 ? static_cast<double>(sum) / count : 0;
  };
  mean_and_min(per_department, metrics.monitors_per_department,
               metrics.min_monitors_per_department);
  mean_and_min(per_monitor, metrics.departments_per_monitor, metrics.min_departments_per_monitor);

  // Components of the monitor-owner graph.
  const std::size_t monitors = input.monitors.size();
  const std::size_t owners = channel == kPhone ? input.employees.size() : model.departments.size();
  std::vector<int> parent(monitors + owners);
  std::iota(parent.begin(), parent.end(), 0);
  std::vector<std::uint8_t> touched(parent.size(), 0);
  auto find = [&](int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  std::vector<double> load(monitors, 0);
  for (std::size_t k = 0; k < live.size(); ++k) {
    const int monitor = contacts[k].monitor;
    const int owner = channel == kPhone ? live_refs[k]->employee : contacts[k].department;
    if (monitor < 0) continue;
    load[monitor] += 1;
    touched[monitor] = 1;
    if (owner < 0) continue;
    const std::size_t owner_node = monitors + static_cast<std::size_t>(owner);
    touched[owner_node] = 1;
    parent[find(static_cast<int>(owner_node))] = find(monitor);
  }
  metrics.graph_components = CountComponents(parent, touched);

  double sum = 0, squares = 0;
  int working = 0;
  for (double value : load) {
    if (value == 0) continue;
    sum += value;
    squares += value * value;
    ++working;
  }
  if (working > 0 && sum > 0) {
    const double mean = sum / working;
    metrics.workload_cv = std::sqrt(std::max(0.0, squares / working - mean * mean)) / mean;
  }

  const ObjectiveWeights& weights = input.options.weights;
  metrics.objective =
      weights.week * metrics.week_deviation + weights.weekday * metrics.weekday_deviation +
      weights.hour * metrics.hour_deviation + weights.sweep * metrics.sweep +
      weights.crossing * metrics.crossing_shortfall + weights.scenario * metrics.scenario_repeats +
      weights.workload * metrics.workload_deviation;
  return metrics;
}

}  // namespace

AssignmentRef Resolve(const Model& model, const Assignment& assignment) {
  AssignmentRef ref;
  ref.monitor = Find(model.monitor_index, assignment.monitor_code);
  ref.scenario = Find(model.scenario_index, assignment.scenario_code);
  ref.department = Find(model.department_index, assignment.department_code);
  if (assignment.channel == Channel::kPhone) {
    ref.employee = Find(model.employee_index, assignment.employee_no);
    if (ref.department < 0 && ref.employee >= 0) {
      ref.department = model.employee_department[ref.employee];
    }
  }
  return ref;
}

std::vector<AssignmentRef> Resolve(const Model& model, std::span<const Assignment> assignments) {
  std::vector<AssignmentRef> refs;
  refs.reserve(assignments.size());
  for (const Assignment& assignment : assignments) refs.push_back(Resolve(model, assignment));
  return refs;
}

PlanMetrics Measure(const Model& model, std::span<const Assignment> assignments,
                    std::span<const AssignmentRef> refs) {
  PlanMetrics metrics;
  metrics.phone = MeasureChannel(model, kPhone, assignments, refs);
  metrics.visit = MeasureChannel(model, kVisit, assignments, refs);
  metrics.objective = metrics.phone.objective + metrics.visit.objective;
  return metrics;
}

}  // namespace internal

Result<PlanMetrics> MeasurePlan(const PlanInput& input, std::span<const Assignment> assignments) {
  Result<internal::Model> model = internal::BuildModel(input);
  if (!model) return model.error();
  return internal::Measure(*model, assignments, internal::Resolve(*model, assignments));
}

}  // namespace chinjeol::planning
