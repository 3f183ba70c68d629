#include "core/planning/internal/state.hpp"

#include <cstdlib>

namespace chinjeol::planning::internal {

PlanState::PlanState(const Model& model_in, const PlanInput& input_in)
    : model(model_in),
      input(input_in),
      random(input_in.options.seed),
      employee_head(input_in.employees.size(), -1),
      department_head(model_in.departments.size(), -1),
      dispositions(input_in.existing.size()) {
  const std::size_t cells = input.monitors.size() * model.days.size();
  for (int c : {kPhone, kVisit}) {
    used[c].assign(cells, 0);
    load[c].assign(input.monitors.size(), 0);
    load_target[c].assign(input.monitors.size(), 0);
  }
  regular.assign(cells, 0);
  lunch.assign(cells, 0);
  busy.assign(cells, 0);
}

int PlanState::AddItem(Item item) {
  const int index = static_cast<int>(items.size());
  int& head = Head(item);
  item.next = head;
  head = index;
  items.push_back(std::move(item));
  return index;
}

bool PlanState::HasRoom(const Item& item, int monitor, int day) const {
  if (!model.IsAvailable(monitor, day)) return false;
  const std::size_t cell = Cell(monitor, day);
  if (used[item.channel][cell] >= model.capacity[item.channel][monitor]) return false;
  return item.lunch() ? lunch[cell] < model.lunch_slots : regular[cell] < model.regular_slots;
}

void PlanState::Occupy(const Item& item, int sign) {
  if (item.monitor < 0) return;
  load[item.channel][item.monitor] += sign;
  if (item.department >= 0) pairs[item.channel].Add(item.monitor, item.department, sign);
  OccupyCell(item, sign);
}

void PlanState::OccupyCell(const Item& item, int sign) {
  if (item.monitor < 0 || item.day < 0) return;
  const std::size_t cell = Cell(item.monitor, item.day);
  used[item.channel][cell] = static_cast<std::uint16_t>(used[item.channel][cell] + sign);
  std::uint16_t& slots = item.lunch() ? lunch[cell] : regular[cell];
  slots = static_cast<std::uint16_t>(slots + sign);
}

bool IsDayAllowed(const PlanState& state, const Item& item, int day, int ignore) {
  const Model& model = state.model;
  if (!model.IsOpen(item.department, day)) return false;
  const int day_number = model.days[day].day_number;
  if (item.retry_of >= 0 && day_number <= DayNumber(state.input.existing[item.retry_of].date)) {
    return false;
  }
  if (item.channel == kPhone) {
    if (model.IsAbsent(item.employee, day_number)) return false;
    const int week = WeekKey(day_number);
    for (int j = state.employee_head[item.employee]; j >= 0; j = state.items[j].next) {
      const Item& other = state.items[j];
      if (j == ignore || !other.placed() || !other.reaches()) continue;
      if (WeekKey(other.day_number) == week) return false;
    }
    return true;
  }
  for (int j = state.department_head[item.department]; j >= 0; j = state.items[j].next) {
    const Item& other = state.items[j];
    if (j == ignore || !other.placed() || !other.active()) continue;
    if (other.day_number == day_number) return false;
  }
  return true;
}

bool IsMonitorAllowed(const PlanState& state, const Item& item, int monitor, int day, int ignore) {
  if (item.channel == kPhone) {
    for (int j = state.employee_head[item.employee]; j >= 0; j = state.items[j].next) {
      const Item& other = state.items[j];
      if (j != ignore && other.monitor == monitor && other.reaches()) return false;
    }
    return true;
  }
  const int lockout = state.input.options.lockout_days;
  const int day_number = state.model.days[day].day_number;
  for (int j = state.department_head[item.department]; j >= 0; j = state.items[j].next) {
    const Item& other = state.items[j];
    if (j == ignore || other.monitor != monitor || !other.active() || !other.placed()) continue;
    if (std::abs(other.day_number - day_number) < lockout) return false;
  }
  return true;
}

}  // namespace chinjeol::planning::internal
