#include "core/planning/summary.hpp"

#include <algorithm>
#include <map>

#include "core/planning/internal/measure.hpp"
#include "core/planning/internal/model.hpp"
#include "core/planning/internal/pair_counts.hpp"

namespace chinjeol::planning {
namespace internal {

PlanSummary Summarize(const Model& model, std::span<const Assignment> assignments,
                      std::span<const AssignmentRef> refs) {
  const PlanInput& input = *model.input;
  PlanSummary summary;

  std::map<int, WeekRow> weeks;  // by ISO week key
  for (const ModelDay& day : model.days) {
    WeekRow& row = weeks[WeekKey(day.day_number)];
    row.monday = DateFromDayNumber(WeekKey(day.day_number) * 7 - 3);
    ++row.working_days;
  }
  summary.monitors.resize(input.monitors.size());
  for (std::size_t m = 0; m < input.monitors.size(); ++m) {
    summary.monitors[m].monitor_code = input.monitors[m].code;
  }
  summary.departments.resize(model.departments.size());
  for (std::size_t k = 0; k < model.departments.size(); ++k) {
    summary.departments[k].department_code = model.departments[k]->code;
    summary.departments[k].name = model.departments[k]->name;
    summary.departments[k].employees = model.department_employees[k];
    summary.departments[k].counter_employees = model.department_counter[k];
  }
  for (int hour = 9; hour < 18; ++hour) summary.hours.push_back({hour, 0, 0, 0});

  PairCounts per_day(assignments.size());  // (monitor, day number) -> contacts
  PairCounts monitor_departments(assignments.size());
  PairCounts department_scenarios(assignments.size());
  for (std::size_t k = 0; k < assignments.size(); ++k) {
    const Assignment& assignment = assignments[k];
    if (assignment.status == AssignmentStatus::kDone) ++summary.done;
    if (assignment.status == AssignmentStatus::kCancelled) ++summary.cancelled;
    if (!IsLive(assignment.status)) continue;
    const bool phone = assignment.channel == Channel::kPhone;
    (phone ? summary.phone : summary.visit) += 1;
    if (assignment.lunch_sample) ++summary.lunch_sample;
    if (assignment.top_up) ++summary.top_up;
    if (!assignment.retry_of.empty()) ++summary.retries;

    const int day_number = DayNumber(assignment.date);
    const int week_key = WeekKey(day_number);
    auto week = weeks.find(week_key);
    if (week == weeks.end()) {
      week = weeks.emplace(week_key, WeekRow{}).first;
      week->second.monday = DateFromDayNumber(week_key * 7 - 3);
    }
    (phone ? week->second.phone : week->second.visit) += 1;
    if (assignment.lunch_sample) ++week->second.lunch_sample;

    const int hour = assignment.start_minute / 60;
    if (hour >= 9 && hour < 18) {
      HourRow& row = summary.hours[hour - 9];
      if (assignment.lunch_sample) {
        ++row.lunch_sample;
      } else {
        (phone ? row.phone : row.visit) += 1;
      }
    }

    const int monitor = refs[k].monitor;
    const int department = refs[k].department;
    if (monitor >= 0) {
      MonitorRow& row = summary.monitors[monitor];
      (phone ? row.phone : row.visit) += 1;
      const int that_day = per_day.Add(monitor, day_number, 1);
      if (that_day == 1) ++row.working_days;
      row.max_per_day = std::max(row.max_per_day, that_day);
      if (department >= 0 && monitor_departments.Add(monitor, department, 1) == 1) {
        ++row.departments;
        ++summary.departments[department].monitors;
      }
    }
    if (department >= 0) {
      DepartmentRow& row = summary.departments[department];
      (phone ? row.phone : row.visit) += 1;
      if (refs[k].scenario >= 0 && department_scenarios.Add(department, refs[k].scenario, 1) == 1) {
        ++row.scenarios;
      }
    }
  }
  for (std::size_t m = 0; m < input.monitors.size(); ++m) {
    int available = 0;
    for (int d = 0; d < model.DayCount(); ++d) {
      available += model.IsAvailable(static_cast<int>(m), d) ? 1 : 0;
    }
    const double capacity = static_cast<double>(input.monitors[m].phone_per_day) * available;
    if (capacity > 0) summary.monitors[m].phone_utilisation = summary.monitors[m].phone / capacity;
  }
  for (auto& [week_key, row] : weeks) summary.weeks.push_back(row);
  return summary;
}

}  // namespace internal

Result<PlanSummary> SummarizePlan(const PlanInput& input, std::span<const Assignment> assignments) {
  Result<internal::Model> model = internal::BuildModel(input);
  if (!model) return model.error();
  return internal::Summarize(*model, assignments, internal::Resolve(*model, assignments));
}

}  // namespace chinjeol::planning
