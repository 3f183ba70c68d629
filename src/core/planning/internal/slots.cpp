// Start times: each contact takes a free slot of its monitor-day in the office hour furthest
// below its share so far (the hour-spread goal); a retry avoids the hours already tried.
#include <algorithm>
#include <array>

#include "core/planning/internal/state.hpp"

namespace chinjeol::planning::internal {

void ChooseSlots(PlanState& state) {
  const Model& model = state.model;
  constexpr int kHours = 24;
  std::array<std::array<double, kHours>, 2> deficit{};  // target - count, per channel and hour
  std::array<int, kHours> hour_slots{};
  for (std::size_t s = 0; s < model.slot_starts.size(); ++s) {
    if ((model.regular_mask >> s) & 1) ++hour_slots[model.slot_starts[s] / 60];
  }
  std::array<double, 2> contacts{};
  std::vector<int> open;
  for (int i = 0; i < static_cast<int>(state.items.size()); ++i) {
    const Item& item = state.items[i];
    if (!item.live() || item.lunch()) continue;
    contacts[item.channel] += 1;
    if (!item.fixed && item.monitor >= 0 && item.day >= 0) {
      open.push_back(i);
    } else if (item.start >= 0 && item.start < kHours * 60) {
      deficit[item.channel][item.start / 60] -= 1;
    }
  }
  for (int c : {kPhone, kVisit}) {
    for (int h = 0; h < kHours; ++h) {
      if (model.regular_slots > 0)
        deficit[c][h] += contacts[c] * hour_slots[h] / model.regular_slots;
    }
  }
  for (int i = 0; i < static_cast<int>(state.items.size()); ++i) {
    const Item& item = state.items[i];
    if (item.lunch() && item.active() && !item.fixed && item.monitor >= 0) open.push_back(i);
  }

  // Random order, so that no monitor or day is first to the popular hours.
  state.random.Shuffle(open);
  for (int index : open) {
    Item& item = state.items[index];
    const std::size_t cell = state.Cell(item.monitor, item.day);
    const std::uint64_t free =
        (item.lunch() ? model.lunch_mask : model.regular_mask) & ~state.busy[cell];
    if (free == 0) {
      state.violations.push_back({"slots", "no free slot left for a contact (internal)"});
      continue;
    }
    // Hours of earlier unanswered attempts at the same employee.
    std::uint32_t tried_hours = 0;
    if (item.channel == kPhone) {
      for (int j = state.employee_head[item.employee]; j >= 0; j = state.items[j].next) {
        const Item& other = state.items[j];
        if (other.status == AssignmentStatus::kUnanswered && other.start >= 0 &&
            other.start < kHours * 60) {
          tried_hours |= 1u << (other.start / 60);
        }
      }
    }
    // From a random starting slot, the first best one: ties fall at random.
    const int slots = static_cast<int>(model.slot_starts.size());
    const int offset = static_cast<int>(state.random.Below(static_cast<std::uint64_t>(slots)));
    int best = -1;
    double best_score = 0;
    for (int k = 0; k < slots; ++k) {
      const int s = (offset + k) % slots;
      if (((free >> s) & 1) == 0) continue;
      const int hour = model.slot_starts[s] / 60;
      double score = item.lunch() ? 0.0 : deficit[item.channel][hour];
      if ((tried_hours >> hour) & 1) score -= 1e6;
      if (best < 0 || score > best_score + 1e-9) {
        best = s;
        best_score = score;
      }
    }
    state.busy[cell] |= std::uint64_t{1} << best;
    item.start = model.slot_starts[best];
    item.duration = model.slot_minutes;
    if (!item.lunch()) deficit[item.channel][item.start / 60] -= 1;
  }
}

}  // namespace chinjeol::planning::internal
