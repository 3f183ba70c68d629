// Scenario rotation: within each department and week a contact gets the scenario its
// colleagues have heard least that week, then one its owner has not heard, then the one the
// department has heard least overall; remaining ties at random.
#include <algorithm>
#include <tuple>

#include "core/planning/internal/state.hpp"

namespace chinjeol::planning::internal {

void ChooseScenarios(PlanState& state) {
  const Model& model = state.model;
  struct Entry {
    int department;
    int week;
    int needs;  // 0: already has a scenario (counted first), 1: needs one
    std::uint64_t order;
    int index;
  };
  for (int channel : {kPhone, kVisit}) {
    std::vector<Entry> entries;
    for (int i = 0; i < static_cast<int>(state.items.size()); ++i) {
      const Item& item = state.items[i];
      if (item.channel != channel || !item.active() || !item.placed()) continue;
      const bool needs = item.new_scenario;
      if (!needs && !item.reaches()) continue;  // unanswered: nobody heard the story
      entries.push_back(
          {item.department, WeekKey(item.day_number), needs ? 1 : 0, state.random.Next(), i});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.department, a.week, a.needs, a.order) <
             std::tie(b.department, b.week, b.needs, b.order);
    });
    std::vector<int> week_count;
    std::vector<int> department_count;
    for (std::size_t k = 0; k < entries.size(); ++k) {
      const Entry& entry = entries[k];
      const int pool = model.PoolSize(channel, entry.department);
      if (k == 0 || entry.department != entries[k - 1].department) {
        department_count.assign(static_cast<std::size_t>(pool), 0);
      }
      if (k == 0 || entry.department != entries[k - 1].department ||
          entry.week != entries[k - 1].week) {
        week_count.assign(static_cast<std::size_t>(pool), 0);
      }
      Item& item = state.items[entry.index];
      if (entry.needs == 0 || pool == 0) {
        for (int p = 0; p < pool; ++p) {
          if (model.PoolAt(channel, entry.department, p) == item.scenario) {
            ++week_count[p];
            ++department_count[p];
          }
        }
        continue;
      }
      const int head = channel == kPhone ? state.employee_head[item.employee]
                                         : state.department_head[item.department];
      int best = -1;
      std::tuple<int, int, int, std::uint64_t> best_key{};
      for (int p = 0; p < pool; ++p) {
        const int scenario = model.PoolAt(channel, entry.department, p);
        int heard = 0;
        for (int j = head; j >= 0; j = state.items[j].next) {
          if (j != entry.index && state.items[j].scenario == scenario) heard = 1;
        }
        const std::tuple<int, int, int, std::uint64_t> key{
            week_count[p], heard, department_count[p], state.random.Next()};
        if (best < 0 || key < best_key) {
          best = p;
          best_key = key;
        }
      }
      item.scenario = model.PoolAt(channel, entry.department, best);
      ++week_count[best];
      ++department_count[best];
    }
  }
}

}  // namespace chinjeol::planning::internal
