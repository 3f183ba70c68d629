#include "core/planning/internal/model.hpp"

#include <algorithm>
#include <bit>
#include <limits>
#include <numeric>

namespace chinjeol::planning::internal {
namespace {

bool Before(const Date& a, const Date& b) {
  return std::chrono::sys_days(a) < std::chrono::sys_days(b);
}

void CheckOptions(const PlanOptions& options, std::vector<FieldViolation>& violations) {
  const int slot = options.slot_minutes;
  if (slot < 10 || slot > 60 || 60 % slot != 0) {
    violations.push_back({"options/slot_minutes", "must divide 60 and lie between 10 and 60"});
  }
  if (options.lockout_days < 0) {
    violations.push_back({"options/lockout_days", "must not be negative"});
  }
  if (options.max_attempts_per_round < 1) {
    violations.push_back({"options/max_attempts_per_round", "must be at least 1"});
  }
  if (!(options.lunch_sample_share >= 0 && options.lunch_sample_share <= 1)) {
    violations.push_back({"options/lunch_sample_share", "must lie between 0 and 1"});
  }
  if (options.release.working_days_before < 0) {
    violations.push_back({"options/release/working_days_before", "must not be negative"});
  }
  if (options.release.minute_of_day < 0 || options.release.minute_of_day >= 24 * 60) {
    violations.push_back({"options/release/minute_of_day", "must lie between 0 and 1439"});
  }
}

void BuildSlots(const PlanInput& input, Model& model) {
  const bool lunch_allowed = input.campaign.lunch == campaign::LunchPolicy::kAllow;
  const bool lunch_sample = input.campaign.lunch == campaign::LunchPolicy::kSeparate;
  for (int start = kOfficeOpens; start + model.slot_minutes <= kOfficeCloses;
       start += model.slot_minutes) {
    const std::uint64_t bit = std::uint64_t{1} << model.slot_starts.size();
    model.slot_starts.push_back(start);
    const bool in_lunch = start < kLunchEnds && start + model.slot_minutes > kLunchStarts;
    if (!in_lunch || lunch_allowed) model.regular_mask |= bit;
    if (in_lunch && lunch_sample) model.lunch_mask |= bit;
  }
  model.regular_slots = std::popcount(model.regular_mask);
  model.lunch_slots = std::popcount(model.lunch_mask);
}

// Working days of each round, in date order; rounds sorted by start.
void BuildDays(const PlanInput& input, Model& model, std::vector<FieldViolation>& violations) {
  const campaign::Campaign& campaign = input.campaign;
  if (campaign.rounds.empty()) {
    violations.push_back({"campaign/rounds", "the campaign has no rounds"});
    return;
  }
  std::vector<int> order(campaign.rounds.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return Before(campaign.rounds[a].start, campaign.rounds[b].start);
  });
  for (std::size_t k = 0; k < order.size(); ++k) {
    const campaign::Round& round = campaign.rounds[order[k]];
    const std::string field = "campaign/rounds/" + std::to_string(round.number);
    if (Before(round.end, round.start)) {
      violations.push_back({field, "ends before it starts"});
    }
    if (k > 0 && !Before(campaign.rounds[order[k - 1]].end, round.start)) {
      violations.push_back({field, "overlaps the round before it"});
    }
    for (std::size_t j = 0; j < k; ++j) {
      if (campaign.rounds[order[j]].number == round.number) {
        violations.push_back({field, "round number used twice"});
      }
    }
  }
  if (!violations.empty()) return;

  model.first_day_number = DayNumber(campaign.rounds[order.front()].start);
  const int last_day_number =
      std::max(DayNumber(campaign.end), DayNumber(campaign.rounds[order.back()].end));
  model.first_day_number = std::min(model.first_day_number, DayNumber(campaign.start));
  model.day_by_offset.assign(
      static_cast<std::size_t>(std::max(0, last_day_number - model.first_day_number + 1)), -1);
  model.first_week_key = WeekKey(model.first_day_number);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const campaign::Round& round = campaign.rounds[order[k]];
    RoundSpan span{round.number, static_cast<int>(model.days.size()), 0};
    for (int dn = DayNumber(round.start); dn <= DayNumber(round.end); ++dn) {
      const Date date = DateFromDayNumber(dn);
      if (!input.calendar.IsWorkingDay(date)) continue;
      ModelDay day;
      day.date = date;
      day.day_number = dn;
      day.round = static_cast<int>(k);
      day.week = WeekKey(dn) - model.first_week_key;
      day.weekday = static_cast<int>(IsoWeekday(date));
      day.index_in_round = span.count++;
      model.day_by_offset[static_cast<std::size_t>(dn - model.first_day_number)] =
          static_cast<int>(model.days.size());
      model.days.push_back(day);
    }
    model.rounds.push_back(span);
  }
  model.weeks = WeekKey(last_day_number) - model.first_week_key + 1;
  model.earliest_day = 0;
  if (input.now) {
    const int now_day = DayNumber(input.now->date);
    while (model.earliest_day < model.DayCount() &&
           model.days[model.earliest_day].day_number <= now_day) {
      ++model.earliest_day;
    }
  }
}

void BuildDepartments(const PlanInput& input, Model& model,
                      std::vector<FieldViolation>& violations) {
  for (const org::Department& department : input.departments) {
    const int index = static_cast<int>(model.departments.size());
    if (!model.department_index.emplace(department.code, index).second) {
      violations.push_back({"departments/" + department.code, "department code used twice"});
      continue;
    }
    model.departments.push_back(&department);
  }
  const std::size_t day_count = model.days.size();
  model.department_open.assign(model.departments.size() * day_count, 1);
  for (std::size_t k = 0; k < model.departments.size(); ++k) {
    for (std::size_t d = 0; d < day_count; ++d) {
      if (!input.calendar.IsWorkingDay(model.days[d].date, model.departments[k]->code)) {
        model.department_open[k * day_count + d] = 0;
      }
    }
  }
}

void BuildEmployees(const PlanInput& input, Model& model, std::vector<FieldViolation>& violations) {
  model.department_employees.assign(model.departments.size(), 0);
  model.department_counter.assign(model.departments.size(), 0);
  model.employee_department.reserve(input.employees.size());
  model.employee_index.reserve(input.employees.size());
  for (const org::Employee& employee : input.employees) {
    const int index = static_cast<int>(model.employee_department.size());
    const auto department = model.department_index.find(employee.department_code);
    const int department_index =
        department == model.department_index.end() ? -1 : department->second;
    model.employee_department.push_back(department_index);
    if (!model.employee_index.emplace(employee.employee_no, index).second) {
      violations.push_back({"employees/" + employee.employee_no, "employee number used twice"});
      continue;
    }
    if (!employee.active) continue;
    if (department_index < 0) {
      violations.push_back(
          {"employees/" + employee.employee_no, "unknown department " + employee.department_code});
      continue;
    }
    model.active_employees.push_back(index);
    ++model.department_employees[department_index];
    if (employee.counter) ++model.department_counter[department_index];
  }
  for (std::size_t k = 0; k < model.departments.size(); ++k) {
    if (model.department_counter[k] > 0) model.units.push_back(static_cast<int>(k));
  }
  for (const EmployeeAbsence& absence : input.employee_absences) {
    if (Before(absence.to, absence.from)) {
      violations.push_back(
          {"employee_absences/" + absence.employee_no, "the absence ends before it starts"});
      continue;
    }
    const auto found = model.employee_index.find(absence.employee_no);
    if (found == model.employee_index.end()) continue;  // not on the roster any more
    model.absences[found->second].emplace_back(DayNumber(absence.from), DayNumber(absence.to));
  }
}

void BuildMonitors(const PlanInput& input, Model& model, std::vector<FieldViolation>& violations) {
  const std::size_t day_count = model.days.size();
  const std::size_t count = input.monitors.size();
  model.monitor_available.assign(count * day_count, 0);
  model.capacity[kPhone].assign(count, 0);
  model.capacity[kVisit].assign(count, 0);
  const int slots = model.regular_slots;
  for (std::size_t m = 0; m < count; ++m) {
    const org::Monitor& monitor = input.monitors[m];
    const std::string field = "monitors/" + monitor.code;
    if (!model.monitor_index.emplace(monitor.code, static_cast<int>(m)).second) {
      violations.push_back({field, "monitor code used twice"});
      continue;
    }
    if (monitor.phone_per_day < 0 || monitor.visit_per_day < 0) {
      violations.push_back({field, "contacts per day must not be negative"});
      continue;
    }
    if (monitor.available_from && monitor.available_to &&
        Before(*monitor.available_to, *monitor.available_from)) {
      violations.push_back({field, "available_to is before available_from"});
      continue;
    }
    if (!monitor.active) continue;
    model.capacity[kPhone][m] = std::min(monitor.phone_per_day, slots);
    model.capacity[kVisit][m] = std::min(monitor.visit_per_day, slots);
    for (int c : {kPhone, kVisit}) {
      if (model.capacity[c][m] > 0) ++model.channel_monitors[c];
    }
    const int from = monitor.available_from ? DayNumber(*monitor.available_from)
                                            : std::numeric_limits<int>::min();
    const int to =
        monitor.available_to ? DayNumber(*monitor.available_to) : std::numeric_limits<int>::max();
    for (std::size_t d = 0; d < day_count; ++d) {
      const int dn = model.days[d].day_number;
      model.monitor_available[m * day_count + d] = dn >= from && dn <= to ? 1 : 0;
    }
  }
  for (const MonitorAbsence& absence : input.monitor_absences) {
    if (Before(absence.to, absence.from)) {
      violations.push_back(
          {"monitor_absences/" + absence.monitor_code, "the absence ends before it starts"});
      continue;
    }
    const auto found = model.monitor_index.find(absence.monitor_code);
    if (found == model.monitor_index.end()) continue;
    const std::size_t m = static_cast<std::size_t>(found->second);
    for (std::size_t d = 0; d < day_count; ++d) {
      const int dn = model.days[d].day_number;
      if (dn >= DayNumber(absence.from) && dn <= DayNumber(absence.to)) {
        model.monitor_available[m * day_count + d] = 0;
      }
    }
  }
}

void BuildScenarios(const PlanInput& input, Model& model, std::vector<FieldViolation>& violations) {
  for (int c : {kPhone, kVisit}) model.department_scenarios[c].resize(model.departments.size());
  for (std::size_t s = 0; s < input.scenarios.size(); ++s) {
    const org::Scenario& scenario = input.scenarios[s];
    if (!model.scenario_index.emplace(scenario.code, static_cast<int>(s)).second) {
      violations.push_back({"scenarios/" + scenario.code, "scenario code used twice"});
      continue;
    }
    if (scenario.abusive) continue;  // kept for training, never scheduled
    const int c = ChannelIndex(scenario.channel);
    if (scenario.department_code == org::kAllDepartments) {
      model.general_scenarios[c].push_back(static_cast<int>(s));
      continue;
    }
    // Scenarios of departments that no longer exist are left out.
    const auto department = model.department_index.find(scenario.department_code);
    if (department == model.department_index.end()) continue;
    model.department_scenarios[c][department->second].push_back(static_cast<int>(s));
  }
}

void CheckExisting(const PlanInput& input, const Model& model,
                   std::vector<FieldViolation>& violations) {
  std::unordered_map<std::string_view, int> codes;
  codes.reserve(input.existing.size());
  for (const Assignment& assignment : input.existing) {
    const std::string field = "existing/" + assignment.code;
    if (assignment.code.empty()) {
      violations.push_back({"existing", "an assignment has no code"});
      continue;
    }
    if (!codes.emplace(assignment.code, 0).second) {
      violations.push_back({field, "assignment code used twice"});
    }
    if (assignment.campaign != input.campaign.code) {
      violations.push_back({field, "belongs to campaign " + assignment.campaign});
    }
    const bool known_round =
        std::any_of(model.rounds.begin(), model.rounds.end(),
                    [&](const RoundSpan& round) { return round.number == assignment.round; });
    if (!known_round) {
      violations.push_back({field, "round " + std::to_string(assignment.round) + " is unknown"});
    }
  }
  for (const ExtraContact& extra : input.extra_contacts) {
    const std::string field = "extra_contacts/" + extra.employee_no;
    if (!model.employee_index.contains(extra.employee_no)) {
      violations.push_back({field, "unknown employee"});
    }
    const bool known_round =
        std::any_of(model.rounds.begin(), model.rounds.end(),
                    [&](const RoundSpan& round) { return round.number == extra.round; });
    if (!known_round) {
      violations.push_back({field, "round " + std::to_string(extra.round) + " is unknown"});
    }
  }
}

}  // namespace

int Model::DayIndex(int day_number) const {
  const int offset = day_number - first_day_number;
  if (offset < 0 || offset >= static_cast<int>(day_by_offset.size())) return -1;
  return day_by_offset[static_cast<std::size_t>(offset)];
}

bool Model::IsAbsent(int employee, int day_number) const {
  if (absences.empty()) return false;
  const auto found = absences.find(employee);
  if (found == absences.end()) return false;
  return std::any_of(found->second.begin(), found->second.end(), [&](const auto& range) {
    return day_number >= range.first && day_number <= range.second;
  });
}

int Model::PoolAt(int channel, int department, int k) const {
  const std::vector<int>& own = department_scenarios[channel][department];
  if (k < static_cast<int>(own.size())) return own[k];
  return general_scenarios[channel][k - own.size()];
}

bool Model::IsScenarioAllowed(int channel, int department, int scenario) const {
  if (scenario < 0) return false;
  const org::Scenario& entry = input->scenarios[scenario];
  if (entry.abusive || ChannelIndex(entry.channel) != channel) return false;
  return entry.department_code == org::kAllDepartments ||
         entry.department_code == departments[department]->code;
}

int Model::SlotOf(int start_minute) const {
  const int offset = start_minute - kOfficeOpens;
  if (offset < 0 || offset % slot_minutes != 0) return -1;
  const int slot = offset / slot_minutes;
  return slot < static_cast<int>(slot_starts.size()) ? slot : -1;
}

Result<Model> BuildModel(const PlanInput& input) {
  Model model;
  model.input = &input;
  std::vector<FieldViolation> violations;
  CheckOptions(input.options, violations);
  if (!violations.empty()) return InvalidArgument("invalid planning input", std::move(violations));
  model.slot_minutes = input.options.slot_minutes;
  BuildSlots(input, model);
  BuildDays(input, model, violations);
  if (!violations.empty()) return InvalidArgument("invalid planning input", std::move(violations));
  BuildDepartments(input, model, violations);
  BuildEmployees(input, model, violations);
  BuildMonitors(input, model, violations);
  BuildScenarios(input, model, violations);
  CheckExisting(input, model, violations);
  if (!violations.empty()) return InvalidArgument("invalid planning input", std::move(violations));
  return model;
}

std::string Thousands(long long value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

}  // namespace chinjeol::planning::internal
