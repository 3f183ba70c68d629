#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/common/channel.hpp"
#include "core/common/date.hpp"
#include "core/common/result.hpp"
#include "core/planning/plan_input.hpp"

// The planning input turned into dense indexes: working days, departments, employees, monitors,
// scenario pools and the slot grid. Shared by the planner, the metrics and the summary.
namespace chinjeol::planning::internal {

inline constexpr int kPhone = 0;
inline constexpr int kVisit = 1;
inline int ChannelIndex(Channel channel) { return channel == Channel::kPhone ? kPhone : kVisit; }
inline Channel ChannelOf(int index) { return index == kPhone ? Channel::kPhone : Channel::kVisit; }

// ISO week key: whole weeks since Monday 1969-12-29 (weeks run Monday to Sunday).
inline int WeekKey(int day_number) {
  const int shifted = day_number + 3;
  return shifted >= 0 ? shifted / 7 : -((-shifted + 6) / 7);
}

struct ModelDay {
  Date date;
  int day_number = 0;
  int round = 0;  // index into Model::rounds
  int week = 0;   // campaign week: ISO weeks since the campaign's first week
  int weekday = 1;
  int index_in_round = 0;
};

struct RoundSpan {
  int number = 1;  // Round::number
  int first = 0;   // first day index
  int count = 0;   // working days
};

struct Model {
  const PlanInput* input = nullptr;
  int slot_minutes = 20;

  std::vector<ModelDay> days;  // organisation-wide working days inside the rounds, in order
  std::vector<RoundSpan> rounds;
  int first_day_number = 0;        // campaign start
  std::vector<int> day_by_offset;  // day_number - first_day_number -> day index, -1 if none
  int first_week_key = 0;
  int weeks = 0;
  int earliest_day = 0;  // first day index open to new contacts (after `now`)

  std::vector<const org::Department*> departments;
  std::unordered_map<std::string_view, int> department_index;
  std::vector<std::uint8_t> department_open;  // [department * days + day]
  std::vector<int> department_employees;      // active employees
  std::vector<int> department_counter;        // active counter employees
  std::vector<int> units;                     // departments with counter staff (counter units)

  std::unordered_map<std::string_view, int> employee_index;  // every input employee
  std::vector<int> employee_department;                      // -1 when unknown
  std::vector<int> active_employees;
  std::unordered_map<int, std::vector<std::pair<int, int>>> absences;  // day-number ranges

  std::unordered_map<std::string_view, int> monitor_index;
  std::vector<std::uint8_t> monitor_available;  // [monitor * days + day]
  std::vector<int> capacity[2];                 // per monitor and day, clamped to the slots
  int channel_monitors[2] = {0, 0};             // monitors with capacity in the channel

  std::unordered_map<std::string_view, int> scenario_index;
  std::vector<int> general_scenarios[2];
  std::vector<std::vector<int>> department_scenarios[2];  // per department

  std::vector<int> slot_starts;    // the grid, 09:00 to 18:00 (at most 54 slots)
  std::uint64_t regular_mask = 0;  // slots open to ordinary contacts under the lunch policy
  std::uint64_t lunch_mask = 0;    // slots of the lunch-hour sample
  int regular_slots = 0;
  int lunch_slots = 0;

  int DayCount() const { return static_cast<int>(days.size()); }
  int DayIndex(int day_number) const;
  bool IsOpen(int department, int day) const {
    return department_open[static_cast<std::size_t>(department) * days.size() + day] != 0;
  }
  bool IsAvailable(int monitor, int day) const {
    return monitor_available[static_cast<std::size_t>(monitor) * days.size() + day] != 0;
  }
  bool IsAbsent(int employee, int day_number) const;
  int PoolSize(int channel, int department) const {
    return static_cast<int>(department_scenarios[channel][department].size() +
                            general_scenarios[channel].size());
  }
  int PoolAt(int channel, int department, int k) const;
  bool IsScenarioAllowed(int channel, int department, int scenario) const;
  int SlotOf(int start_minute) const;  // -1 when not on the grid
};

// kInvalidArgument with one violation per malformed input entry.
Result<Model> BuildModel(const PlanInput& input);

// "1,200".
std::string Thousands(long long value);

}  // namespace chinjeol::planning::internal
