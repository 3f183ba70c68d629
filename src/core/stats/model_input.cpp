#include "core/stats/model_input.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

namespace chinjeol::stats {
namespace {

// Sorted unique ids and a lookup from id to dense index.
class IdIndex {
 public:
  void Add(std::int64_t id) { ids_.push_back(id); }
  void Finish() {
    std::sort(ids_.begin(), ids_.end());
    ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
    index_.reserve(ids_.size());
    for (std::size_t i = 0; i < ids_.size(); ++i) index_.emplace(ids_[i], static_cast<int>(i));
  }
  int Find(std::int64_t id) const { return index_.at(id); }
  bool Contains(std::int64_t id) const { return index_.contains(id); }
  const std::vector<std::int64_t>& ids() const { return ids_; }

 private:
  std::vector<std::int64_t> ids_;
  std::unordered_map<std::int64_t, int> index_;
};

// Contact scores are 0-100 in practice; the model itself only needs finite numbers (the
// synthetic gaussian campaigns of the lme4 comparison go past the bounds).
bool IsValidScore(double score) { return std::isfinite(score); }

}  // namespace

Result<ModelInput> BuildModelInput(std::span<const evaluation::ScoredContact> contacts,
                                   std::span<const RosterEntry> roster,
                                   std::span<const DepartmentGroup> department_groups) {
  IdIndex employees;
  IdIndex monitors;
  IdIndex scenarios;
  IdIndex departments;
  IdIndex groups;
  for (const evaluation::ScoredContact& contact : contacts) {
    if (!IsValidScore(contact.score)) {
      return InvalidArgument("evaluation " + std::to_string(contact.evaluation_id) +
                             ": score must be a finite number");
    }
    employees.Add(contact.employee_id);
    monitors.Add(contact.monitor_id);
    scenarios.Add(contact.scenario_id);
    departments.Add(contact.department_id);
  }
  for (const RosterEntry& entry : roster) {
    employees.Add(entry.employee_id);
    departments.Add(entry.department_id);
  }
  for (const DepartmentGroup& entry : department_groups) groups.Add(entry.group_id);
  employees.Finish();
  monitors.Finish();
  scenarios.Finish();
  departments.Finish();
  groups.Finish();

  ModelInput input;
  const std::size_t n = contacts.size();
  input.score.reserve(n);
  input.channel.reserve(n);
  input.round.reserve(n);
  input.day.reserve(n);
  input.employee.reserve(n);
  input.monitor.reserve(n);
  input.scenario.reserve(n);
  input.department.reserve(n);
  input.employee_department.assign(employees.ids().size(), -1);
  std::vector<int> latest_day(employees.ids().size(), std::numeric_limits<int>::min());
  for (const RosterEntry& entry : roster) {
    input.employee_department[employees.Find(entry.employee_id)] =
        departments.Find(entry.department_id);
  }
  for (const evaluation::ScoredContact& contact : contacts) {
    const int employee = employees.Find(contact.employee_id);
    const int department = departments.Find(contact.department_id);
    input.score.push_back(contact.score);
    input.channel.push_back(contact.channel);
    input.round.push_back(contact.round);
    input.day.push_back(contact.day);
    input.employee.push_back(employee);
    input.monitor.push_back(monitors.Find(contact.monitor_id));
    input.scenario.push_back(scenarios.Find(contact.scenario_id));
    input.department.push_back(department);
    // The latest contact decides, so that a department effect in the model is one the
    // employee was actually observed in.
    if (contact.day >= latest_day[employee]) {
      latest_day[employee] = contact.day;
      input.employee_department[employee] = department;
    }
  }
  input.employee_ids = employees.ids();
  input.monitor_ids = monitors.ids();
  input.scenario_ids = scenarios.ids();
  input.department_ids = departments.ids();
  input.group_ids = groups.ids();
  if (!department_groups.empty()) {
    input.department_group.assign(input.department_ids.size(), -1);
    for (const DepartmentGroup& entry : department_groups) {
      if (!departments.Contains(entry.department_id)) continue;
      int& group = input.department_group[departments.Find(entry.department_id)];
      const int new_group = groups.Find(entry.group_id);
      if (group >= 0 && group != new_group) {
        return InvalidArgument("department " + std::to_string(entry.department_id) +
                               " is in two groups");
      }
      group = new_group;
    }
  }
  return input;
}

Result<void> ValidateModelInput(const ModelInput& input) {
  const std::size_t n = input.score.size();
  if (input.channel.size() != n || input.round.size() != n || input.day.size() != n ||
      input.employee.size() != n || input.monitor.size() != n || input.scenario.size() != n ||
      input.department.size() != n) {
    return InvalidArgument("every per-contact array must have one entry per contact");
  }
  if (!input.treated_after.empty() && input.treated_after.size() != n) {
    return InvalidArgument("treated_after must have one entry per contact or none");
  }
  for (const int treated : input.treated_after) {
    if (treated != 0 && treated != 1)
      return InvalidArgument("treated_after entries must be 0 or 1");
  }
  const auto in_range = [](int index, std::size_t count) {
    return index >= 0 && static_cast<std::size_t>(index) < count;
  };
  if (input.employee_department.size() != input.employee_ids.size()) {
    return InvalidArgument("employee_department must have one entry per employee");
  }
  for (std::size_t c = 0; c < n; ++c) {
    if (!IsValidScore(input.score[c])) {
      return InvalidArgument("contact " + std::to_string(c) + ": score must be a finite number");
    }
    if (!in_range(input.employee[c], input.employee_ids.size()) ||
        !in_range(input.monitor[c], input.monitor_ids.size()) ||
        !in_range(input.scenario[c], input.scenario_ids.size()) ||
        !in_range(input.department[c], input.department_ids.size())) {
      return InvalidArgument("contact " + std::to_string(c) + ": index out of range");
    }
  }
  for (const int department : input.employee_department) {
    if (!in_range(department, input.department_ids.size())) {
      return InvalidArgument("every employee needs a department");
    }
  }
  if (!input.department_group.empty()) {
    if (input.department_group.size() != input.department_ids.size()) {
      return InvalidArgument("department_group must have one entry per department or none");
    }
    for (const int group : input.department_group) {
      if (group != -1 && !in_range(group, input.group_ids.size())) {
        return InvalidArgument("department group out of range");
      }
    }
  }
  return Ok();
}

std::vector<RawMean> ComputeRawMeans(std::span<const evaluation::ScoredContact> contacts) {
  std::unordered_map<std::int64_t, std::pair<int, double>> sums;
  for (const evaluation::ScoredContact& contact : contacts) {
    auto& [count, sum] = sums[contact.employee_id];
    ++count;
    sum += contact.score;
  }
  std::vector<RawMean> means;
  means.reserve(sums.size());
  for (const auto& [id, count_sum] : sums) {
    means.push_back({id, count_sum.first, count_sum.second / count_sum.first});
  }
  std::sort(means.begin(), means.end(),
            [](const RawMean& a, const RawMean& b) { return a.employee_id < b.employee_id; });
  return means;
}

}  // namespace chinjeol::stats
