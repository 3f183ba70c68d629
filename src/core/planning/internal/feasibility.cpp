// The feasibility pre-check: necessary conditions, each failure with an exact reason.
#include <algorithm>
#include <cstdlib>

#include "core/planning/internal/state.hpp"

namespace chinjeol::planning::internal {
namespace {

std::string DepartmentLabel(const Model& model, int department) {
  const org::Department& entry = *model.departments[department];
  return entry.name.empty() ? entry.code : entry.name + " (" + entry.code + ")";
}

std::string RoundField(const Model& model, int r) {
  return "rounds/" + std::to_string(model.rounds[r].number);
}

// Free places on one monitor-day for one more contact of the channel in ordinary or lunch slots.
int Room(const PlanState& state, int channel, bool lunch_slot, int monitor, int day) {
  const Model& model = state.model;
  if (!model.IsAvailable(monitor, day)) return 0;
  const std::size_t cell = state.Cell(monitor, day);
  const int by_capacity = model.capacity[channel][monitor] - state.used[channel][cell];
  const int by_slots = lunch_slot ? model.lunch_slots - state.lunch[cell]
                                  : model.regular_slots - state.regular[cell];
  return std::max(0, std::min(by_capacity, by_slots));
}

void CheckScenarios(PlanState& state, const std::vector<int>& open) {
  const Model& model = state.model;
  std::vector<std::uint8_t> reported(model.departments.size() * 2, 0);
  for (int index : open) {
    const Item& item = state.items[index];
    const std::size_t key = static_cast<std::size_t>(item.department) * 2 + item.channel;
    if (reported[key] || model.PoolSize(item.channel, item.department) > 0) continue;
    reported[key] = 1;
    const std::string channel = ChannelCode(ChannelOf(item.channel));
    state.violations.push_back(
        {"scenarios/" + model.departments[item.department]->code + "/" + channel,
         "no " + channel + " scenario for " + DepartmentLabel(model, item.department) +
             " that is not an abusive-caller script: add one for the department or a general "
             "one (*)"});
  }
}

void CheckWeeks(PlanState& state) {
  const Model& model = state.model;
  const int quota = state.input.campaign.phone_per_round;
  for (std::size_t r = 0; r < model.rounds.size(); ++r) {
    const RoundSpan& span = model.rounds[r];
    const int first = std::max(span.first, model.earliest_day);
    if (first >= span.first + span.count) continue;
    int weeks = 0;
    int last_week = -1;
    for (int d = first; d < span.first + span.count; ++d) {
      if (model.days[d].week != last_week) ++weeks;
      last_week = model.days[d].week;
    }
    if (quota > weeks) {
      state.violations.push_back({RoundField(model, static_cast<int>(r)) + "/phone",
                                  "round " + std::to_string(span.number) + " has working days in " +
                                      std::to_string(weeks) + (weeks == 1 ? " week" : " weeks") +
                                      ", fewer than its " + std::to_string(quota) +
                                      " phone contacts per employee at one a week"});
    }
  }
}

void CheckCapacity(PlanState& state, const std::vector<int>& open) {
  const Model& model = state.model;
  const std::size_t rounds = model.rounds.size();
  // Demand per round, channel and slot kind (ordinary or lunch).
  std::vector<long long> demand(rounds * 4, 0);
  for (int index : open) {
    const Item& item = state.items[index];
    ++demand[static_cast<std::size_t>(item.round) * 4 + item.channel * 2 + (item.lunch() ? 1 : 0)];
  }
  const int monitors = static_cast<int>(state.input.monitors.size());
  for (std::size_t r = 0; r < rounds; ++r) {
    const RoundSpan& span = model.rounds[r];
    const int first = std::max(span.first, model.earliest_day);
    for (int channel : {kPhone, kVisit}) {
      for (int lunch_slot : {0, 1}) {
        const long long need = demand[r * 4 + channel * 2 + lunch_slot];
        if (need == 0) continue;
        long long room = 0;
        int monitors_seen = 0;
        for (int m = 0; m < monitors; ++m) {
          bool seen = false;
          for (int d = first; d < span.first + span.count; ++d) {
            const int free = Room(state, channel, lunch_slot != 0, m, d);
            room += free;
            seen = seen || free > 0;
          }
          monitors_seen += seen ? 1 : 0;
        }
        if (room >= need) continue;
        const std::string channel_code = ChannelCode(ChannelOf(channel));
        std::string message = "round " + std::to_string(span.number) + " " +
                              (lunch_slot ? "lunch-hour " + channel_code + " sample needs "
                                          : channel_code + " contacts need ") +
                              Thousands(need) + (need == 1 ? " monitor slot" : " monitor slots") +
                              " in the window, " + Thousands(room) + (room == 1 ? " is" : " are") +
                              " available";
        if (monitors_seen == 0) {
          message += "; no monitor taking " + channel_code + " contacts is available in it";
        }
        state.violations.push_back(
            {RoundField(model, static_cast<int>(r)) + "/" + channel_code, std::move(message)});
      }
    }
  }
}

// Monitor-days on which the unit can be visited, and the most visits the lockout allows.
void CheckUnits(PlanState& state, const std::vector<int>& open) {
  const Model& model = state.model;
  const int lockout = state.input.options.lockout_days;
  const int monitors = static_cast<int>(state.input.monitors.size());
  std::vector<int> need(model.departments.size() * model.rounds.size(), 0);
  for (int index : open) {
    const Item& item = state.items[index];
    if (item.channel == kVisit) {
      ++need[static_cast<std::size_t>(item.department) * model.rounds.size() + item.round];
    }
  }
  // A visit by `monitor` on `day` clashes with a placed visit of the unit.
  auto blocked = [&](int unit, int monitor, int day) {
    const int day_number = model.days[day].day_number;
    for (int j = state.department_head[unit]; j >= 0; j = state.items[j].next) {
      const Item& other = state.items[j];
      if (!other.placed() || !other.active()) continue;
      if (other.day_number == day_number) return true;
      if (other.monitor == monitor && std::abs(other.day_number - day_number) < lockout) {
        return true;
      }
    }
    return false;
  };
  std::vector<int> visit_monitors;
  for (int m = 0; m < monitors; ++m) {
    if (model.capacity[kVisit][m] > 0) visit_monitors.push_back(m);
  }
  // Monitors with room for a visit, per day.
  std::vector<std::vector<int>> with_room(model.days.size());
  for (int m = 0; m < monitors; ++m) {
    for (int d = model.earliest_day; d < model.DayCount(); ++d) {
      if (Room(state, kVisit, false, m, d) > 0) with_room[d].push_back(m);
    }
  }
  for (int unit : model.units) {
    for (std::size_t r = 0; r < model.rounds.size(); ++r) {
      const int wanted = need[static_cast<std::size_t>(unit) * model.rounds.size() + r];
      if (wanted == 0) continue;
      const RoundSpan& span = model.rounds[r];
      const int first = std::max(span.first, model.earliest_day);
      const int end = span.first + span.count;
      int days = 0;
      for (int d = first; d < end; ++d) {
        if (!model.IsOpen(unit, d)) continue;
        for (int m : with_room[d]) {
          if (!blocked(unit, m, d)) {
            ++days;
            break;
          }
        }
      }
      // Each monitor can take the unit on days at least `lockout` apart.
      int visits = 0;
      for (int m : visit_monitors) {
        if (visits >= wanted) break;
        int last = -1000000;
        for (int d = first; d < end; ++d) {
          const int day_number = model.days[d].day_number;
          if (!model.IsOpen(unit, d) || day_number - last < std::max(lockout, 1)) continue;
          if (!std::binary_search(with_room[d].begin(), with_room[d].end(), m) ||
              blocked(unit, m, d)) {
            continue;
          }
          last = day_number;
          ++visits;
        }
      }
      const int available = std::min(days, visits);
      if (available >= wanted) continue;
      state.violations.push_back(
          {RoundField(model, static_cast<int>(r)) + "/visit/" + model.departments[unit]->code,
           "round " + std::to_string(span.number) + " visits for " + DepartmentLabel(model, unit) +
               " need " + std::to_string(wanted) +
               (wanted == 1 ? " monitor-day" : " monitor-days") + " in the window, " +
               std::to_string(available) + (available == 1 ? " is" : " are") + " available"});
    }
  }
}

// A monitor never has the same employee twice: an employee needs as many distinct monitors as
// contacts.
void CheckDistinctMonitors(PlanState& state) {
  const Model& model = state.model;
  const int monitors = model.channel_monitors[kPhone];
  if (monitors == 0) return;  // the capacity check already names it
  int short_employees = 0;
  int first = -1;
  int first_need = 0;
  for (int employee : model.active_employees) {
    int contacts = 0;
    bool open = false;
    for (int j = state.employee_head[employee]; j >= 0; j = state.items[j].next) {
      const Item& item = state.items[j];
      if (!item.reaches()) continue;
      ++contacts;
      open = open || !item.placed();
    }
    if (open && contacts > monitors) {
      if (first < 0) {
        first = employee;
        first_need = contacts;
      }
      ++short_employees;
    }
  }
  if (short_employees == 0) return;
  const std::string who = "employee " + state.input.employees[first].employee_no;
  std::string message = who + " needs " + std::to_string(first_need) +
                        " different monitors over the campaign (a monitor never calls the same "
                        "employee twice), " +
                        std::to_string(monitors) + (monitors == 1 ? " takes" : " take") +
                        " phone contacts";
  if (short_employees > 1) {
    message += "; " + Thousands(short_employees - 1) + " more employees are short the same way";
  }
  state.violations.push_back({"monitors/phone", std::move(message)});
}

}  // namespace

void CheckFeasibility(PlanState& state) {
  std::vector<int> open;
  for (int i = 0; i < static_cast<int>(state.items.size()); ++i) {
    const Item& item = state.items[i];
    if (item.active() && (!item.placed() || item.new_scenario)) open.push_back(i);
  }
  CheckScenarios(state, open);
  std::erase_if(open, [&](int i) { return state.items[i].placed(); });
  CheckWeeks(state);
  CheckCapacity(state, open);
  CheckUnits(state, open);
  CheckDistinctMonitors(state);
}

}  // namespace chinjeol::planning::internal
