#pragma once

#include <span>

#include "core/common/result.hpp"
#include "core/planning/assignment.hpp"
#include "core/planning/plan_input.hpp"

namespace chinjeol::planning {

// How well one channel's live contacts (planned, released, done) meet the soft goals. The
// `*_deviation`, `sweep`, `crossing_shortfall`, `scenario_repeats` and `workload_deviation`
// figures are the objective terms; the others are reported alongside.
//
// Terms (n = the channel's contacts; a "target" shares a count out in proportion to the
// working days, slots or capacity behind it):
//   week_deviation      sum over rounds and weeks of |contacts - target| / n
//   weekday_deviation   sum over rounds and weekdays of |contacts - target| / n
//   hour_deviation      sum over office hours of |contacts - target| / n (lunch sample apart)
//   sweep               mean over rounds of |covariance| between the department's
//                       organisation-chart position and the working-day index in the round,
//                       over n x sd(position) x sd(index of evenly spread days): the |Pearson
//                       correlation| when contacts are spread evenly (it can pass 1 when not)
//   crossing_shortfall  1 - distinct (monitor, department) pairs / the most possible, where a
//                       department can meet at most min(monitors, its contacts) monitors
//   scenario_repeats    contacts whose scenario a colleague in the same department already
//                       heard in the same week / n
//   workload_deviation  sum over monitors of |load - target| / n, target by capacity-days
struct ChannelMetrics {
  int contacts = 0;
  int lunch_sample = 0;
  double week_deviation = 0;
  double weekday_deviation = 0;
  double hour_deviation = 0;
  double week_chi_square = 0;  // against the week targets, for a familiar reading
  double sweep = 0;
  double sweep_max = 0;  // the worst round's |correlation|
  double crossing_shortfall = 0;
  int monitor_department_pairs = 0;
  double monitors_per_department = 0;  // mean over departments with contacts
  int min_monitors_per_department = 0;
  double departments_per_monitor = 0;  // mean over monitors with contacts
  int min_departments_per_monitor = 0;
  // Connected components of the monitor-employee graph (monitor-unit for visits) over the
  // vertices with at least one contact; 1 means every monitor's severity is comparable.
  int graph_components = 0;
  double scenario_repeats = 0;
  double workload_deviation = 0;
  double workload_cv = 0;  // coefficient of variation of contacts per monitor with contacts
  double objective = 0;    // the weighted sum of the terms for this channel
};

struct PlanMetrics {
  ChannelMetrics phone;
  ChannelMetrics visit;
  double objective = 0;  // phone.objective + visit.objective; lower is better
};

// Measures `assignments` (any statuses; only live ones count) against the soft goals of
// `input`. kInvalidArgument when the input itself is malformed (as BuildPlan reports it).
Result<PlanMetrics> MeasurePlan(const PlanInput& input, std::span<const Assignment> assignments);

}  // namespace chinjeol::planning
