// Constructive placement: a day for every open contact from a shuffled deck whose day counts
// follow the capacity (water-filled, so the spread is even where capacity allows), then a
// monitor per contact and day by a greedy choice with augmenting paths when a day is tight.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/planning/internal/state.hpp"

namespace chinjeol::planning::internal {
namespace {

class UnionFind {
 public:
  explicit UnionFind(std::size_t size) : parent_(size) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  int Find(int x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Unite(int a, int b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<int> parent_;
};

class Placer {
 public:
  explicit Placer(PlanState& state)
      : state_(state),
        model_(state.model),
        monitors_(static_cast<int>(state.input.monitors.size())),
        components_{UnionFind(state.input.monitors.size()),
                    UnionFind(state.input.monitors.size())} {}

  void Run() {
    ComputeLoadTargets();
    for (int c : {kPhone, kVisit}) {
      department_week_[c].assign(model_.departments.size() * static_cast<std::size_t>(model_.weeks),
                                 0);
    }
    for (const Item& item : state_.items) {
      if (item.live() && item.placed() && item.day >= 0) CountWeek(item, +1);
    }
    // Open contacts per round and group: visits before calls (the lockout makes them harder),
    // lunch-hour ones before ordinary ones (their slots are few).
    const std::size_t rounds = model_.rounds.size();
    std::vector<std::vector<int>> groups(rounds * 4);
    for (int i = 0; i < static_cast<int>(state_.items.size()); ++i) {
      const Item& item = state_.items[i];
      if (!item.active() || item.placed()) continue;
      const int group = (item.channel == kVisit ? 0 : 2) + (item.lunch() ? 0 : 1);
      groups[static_cast<std::size_t>(item.round) * 4 + group].push_back(i);
    }
    for (std::size_t r = 0; r < rounds; ++r) {
      for (int group = 0; group < 4; ++group) {
        std::vector<int>& items = groups[r * 4 + group];
        if (items.empty()) continue;
        PlaceGroup(static_cast<int>(r), items);
      }
    }
  }

 private:
  int Room(const Item& item, int monitor, int day) const {
    if (!model_.IsAvailable(monitor, day)) return 0;
    const std::size_t cell = state_.Cell(monitor, day);
    const int by_capacity =
        model_.capacity[item.channel][monitor] - state_.used[item.channel][cell];
    const int by_slots = item.lunch() ? model_.lunch_slots - state_.lunch[cell]
                                      : model_.regular_slots - state_.regular[cell];
    return std::max(0, std::min(by_capacity, by_slots));
  }

  // Expected contacts per monitor, in proportion to capacity-days (the workload goal).
  void ComputeLoadTargets() {
    for (int channel : {kPhone, kVisit}) {
      double total = 0;
      for (const Item& item : state_.items) {
        if (item.channel == channel && item.live()) total += 1;
      }
      std::vector<double>& target = state_.load_target[channel];
      double capacity_days = 0;
      for (int m = 0; m < monitors_; ++m) {
        int available = 0;
        for (int d = 0; d < model_.DayCount(); ++d) available += model_.IsAvailable(m, d) ? 1 : 0;
        target[m] = static_cast<double>(model_.capacity[channel][m]) * available;
        capacity_days += target[m];
      }
      for (double& value : target) value = capacity_days > 0 ? value * total / capacity_days : 0;
    }
  }

  void PlaceGroup(int r, std::vector<int>& items) {
    const RoundSpan& span = model_.rounds[r];
    first_ = std::max(span.first, model_.earliest_day);
    end_ = span.first + span.count;
    if (first_ >= end_) {
      for (int index : items) Fail(index, "the round has no working day left");
      return;
    }
    std::vector<int> unplaced = AssignDays(items);
    AssignMonitors(items, unplaced);
    for (int index : unplaced) Rehome(index);
  }

  // Day counts proportional to capacity up to an even level (water-filling), rounded at random
  // so that the totals are exact; then one shuffled deck entry per contact.
  std::vector<int> AssignDays(std::vector<int>& items) {
    const Item& sample = state_.items[items.front()];
    const int days = end_ - first_;
    std::vector<double> capacity(static_cast<std::size_t>(days), 0);
    for (int m = 0; m < monitors_; ++m) {
      if (model_.capacity[sample.channel][m] == 0) continue;
      for (int d = first_; d < end_; ++d) capacity[d - first_] += Room(sample, m, d);
    }
    const double n = static_cast<double>(items.size());
    std::vector<double> sorted = capacity;
    std::sort(sorted.begin(), sorted.end());
    double level = sorted.empty() ? 0 : sorted.back();
    double below = 0;
    for (std::size_t k = 0; k < sorted.size(); ++k) {
      const double rest = static_cast<double>(sorted.size() - k);
      if (below + sorted[k] * rest >= n) {
        level = (n - below) / rest;
        break;
      }
      below += sorted[k];
    }
    std::vector<int> order(static_cast<std::size_t>(days));
    std::iota(order.begin(), order.end(), 0);
    state_.random.Shuffle(order);
    std::vector<int> deck;
    deck.reserve(items.size());
    double fraction_sum = 0;
    const double offset = state_.random.Uniform();
    long long remaining = static_cast<long long>(items.size());
    std::vector<double> fractions(static_cast<std::size_t>(days), 0);
    for (int k : order) {
      const double target = std::min(capacity[k], level);
      const long long whole = static_cast<long long>(std::floor(target + 1e-9));
      for (long long t = 0; t < whole && remaining > 0; ++t, --remaining) {
        deck.push_back(first_ + k);
      }
      fractions[k] = std::max(0.0, target - static_cast<double>(whole));
    }
    // Systematic sampling over the fractional parts, in the shuffled day order.
    for (int k : order) {
      if (remaining <= 0) break;
      const double before = fraction_sum;
      fraction_sum += fractions[k];
      if (std::floor(fraction_sum - offset) > std::floor(before - offset) && fractions[k] > 0) {
        deck.push_back(first_ + k);
        --remaining;
      }
    }
    state_.random.Shuffle(deck);

    // Contacts with fewer possible days first; otherwise random order (no org-chart sweep).
    state_.random.Shuffle(items);
    std::stable_partition(items.begin(), items.end(), [&](int index) {
      const Item& item = state_.items[index];
      return item.retry_of >= 0 ||
             (item.channel == kPhone && model_.absences.contains(item.employee));
    });
    // Each contact takes the first allowed deck entry, or one of the next few allowed ones
    // when that puts it in a week where its department has not yet used up its scenarios.
    constexpr int kLookAhead = 8;
    std::vector<int> unplaced;
    std::size_t next = 0;
    for (int index : items) {
      Item& item = state_.items[index];
      const int pool = model_.PoolSize(item.channel, item.department);
      std::size_t found = deck.size();
      int allowed = 0;
      for (std::size_t j = next; j < deck.size() && allowed < kLookAhead; ++j) {
        if (!IsDayAllowed(state_, item, deck[j], index)) continue;
        if (found == deck.size()) found = j;
        ++allowed;
        if (WeekCount(item, deck[j]) < pool) {
          found = j;
          break;
        }
      }
      if (found == deck.size()) {
        unplaced.push_back(index);
        continue;
      }
      std::swap(deck[next], deck[found]);
      SetDay(item, deck[next++]);
    }
    return unplaced;
  }

  void SetDay(Item& item, int day) {
    if (item.day >= 0) CountWeek(item, -1);
    item.day = day;
    item.day_number = day >= 0 ? model_.days[day].day_number : 0;
    if (item.day >= 0) CountWeek(item, +1);
  }

  // Contacts of the item's department and channel in the week of `day`.
  int WeekCount(const Item& item, int day) const {
    return department_week_[item.channel][static_cast<std::size_t>(item.department) * model_.weeks +
                                          model_.days[day].week];
  }
  void CountWeek(const Item& item, int sign) {
    department_week_[item.channel][static_cast<std::size_t>(item.department) * model_.weeks +
                                   model_.days[item.day].week] += sign;
  }

  void AssignMonitors(const std::vector<int>& items, std::vector<int>& unplaced) {
    std::vector<std::vector<int>> by_day(static_cast<std::size_t>(end_ - first_));
    for (int index : items) {
      const Item& item = state_.items[index];
      if (item.day >= 0) by_day[item.day - first_].push_back(index);
    }
    std::vector<int> day_order(by_day.size());
    std::iota(day_order.begin(), day_order.end(), 0);
    state_.random.Shuffle(day_order);
    for (int k : day_order) {
      std::vector<int>& day_items = by_day[k];
      if (day_items.empty()) continue;
      const int day = first_ + k;
      const Item& sample = state_.items[day_items.front()];
      std::vector<int> candidates;
      for (int m = 0; m < monitors_; ++m) {
        if (Room(sample, m, day) > 0) candidates.push_back(m);
      }
      for (int index : day_items) {
        int monitor = ChooseMonitor(index, day, candidates);
        if (monitor < 0) monitor = Augment(index, day, day_items);
        if (monitor < 0) {
          SetDay(state_.items[index], -1);
          unplaced.push_back(index);
          continue;
        }
        Assign(index, monitor);
        if (Room(state_.items[index], monitor, day) == 0) {
          std::erase(candidates, monitor);
        }
      }
    }
  }

  double Cost(const Item& item, int monitor) {
    double cost = state_.pairs[item.channel].Get(monitor, item.department) > 0 ? 1.0 : 0.0;
    const double target = std::max(state_.load_target[item.channel][monitor], 0.5);
    cost += (state_.load[item.channel][monitor] + 1) / target;
    // Prefer a monitor outside the components of the owner's other monitors, so that the
    // monitor-employee graph ends up connected.
    const int head = item.channel == kPhone ? state_.employee_head[item.employee]
                                            : state_.department_head[item.department];
    UnionFind& components = components_[item.channel];
    for (int j = head; j >= 0; j = state_.items[j].next) {
      const Item& other = state_.items[j];
      if (other.monitor >= 0 && components.Find(other.monitor) == components.Find(monitor)) {
        cost += 0.5;
        break;
      }
    }
    return cost + 0.01 * state_.random.Uniform();
  }

  int ChooseMonitor(int index, int day, const std::vector<int>& candidates) {
    const Item& item = state_.items[index];
    int best = -1;
    double best_cost = 0;
    auto consider = [&](int monitor) {
      if (Room(item, monitor, day) == 0) return;
      if (!IsMonitorAllowed(state_, item, monitor, day, index)) return;
      const double cost = Cost(item, monitor);
      if (best < 0 || cost < best_cost) {
        best = monitor;
        best_cost = cost;
      }
    };
    constexpr std::size_t kExhaustive = 48;
    constexpr int kSamples = 12;
    if (candidates.size() <= kExhaustive) {
      for (int monitor : candidates) consider(monitor);
      return best;
    }
    for (int k = 0; k < kSamples; ++k) {
      consider(candidates[state_.random.Below(candidates.size())]);
    }
    if (best < 0) {
      for (int monitor : candidates) consider(monitor);
    }
    return best;
  }

  void Assign(int index, int monitor) {
    Item& item = state_.items[index];
    item.monitor = monitor;
    state_.Occupy(item, +1);
    const int head = item.channel == kPhone ? state_.employee_head[item.employee]
                                            : state_.department_head[item.department];
    for (int j = head; j >= 0; j = state_.items[j].next) {
      const Item& other = state_.items[j];
      if (j != index && other.monitor >= 0) components_[item.channel].Unite(other.monitor, monitor);
    }
  }

  void Unassign(int index) {
    Item& item = state_.items[index];
    state_.Occupy(item, -1);
    item.monitor = -1;
  }

  // Frees a monitor for `index` on `day` by moving other contacts of the same group along an
  // augmenting path (breadth-first over monitors). Returns the monitor, or -1.
  int Augment(int index, int day, const std::vector<int>& day_items) {
    const Item& item = state_.items[index];
    std::vector<int> parent_monitor(static_cast<std::size_t>(monitors_), -2);
    std::vector<int> moved_item(static_cast<std::size_t>(monitors_), -1);
    std::vector<int> queue;
    for (int m = 0; m < monitors_; ++m) {
      if (!model_.IsAvailable(m, day) || model_.capacity[item.channel][m] == 0) continue;
      if (!IsMonitorAllowed(state_, item, m, day, index)) continue;
      parent_monitor[m] = -1;
      queue.push_back(m);
    }
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const int m = queue[head];
      for (int other_index : day_items) {
        const Item& other = state_.items[other_index];
        if (other.monitor != m || other.kind != item.kind || other.fixed) continue;
        for (int m2 = 0; m2 < monitors_; ++m2) {
          if (parent_monitor[m2] != -2 || !model_.IsAvailable(m2, day)) continue;
          if (!IsMonitorAllowed(state_, other, m2, day, other_index)) continue;
          parent_monitor[m2] = m;
          moved_item[m2] = other_index;
          if (Room(other, m2, day) > 0) {
            // Walk back: each moved contact takes the monitor after it on the path.
            int target = m2;
            while (parent_monitor[target] >= 0) {
              const int mover = moved_item[target];
              Unassign(mover);
              Assign(mover, target);
              target = parent_monitor[target];
            }
            return target;
          }
          queue.push_back(m2);
        }
      }
    }
    return -1;
  }

  // A contact the deck could not place: any allowed day and monitor of the round.
  void Rehome(int index) {
    std::vector<int> days(static_cast<std::size_t>(end_ - first_));
    std::iota(days.begin(), days.end(), first_);
    state_.random.Shuffle(days);
    Item& item = state_.items[index];
    for (int day : days) {
      if (!IsDayAllowed(state_, item, day, index)) continue;
      std::vector<int> candidates;
      for (int m = 0; m < monitors_; ++m) {
        if (Room(item, m, day) > 0) candidates.push_back(m);
      }
      SetDay(item, day);
      int monitor = ChooseMonitor(index, day, candidates);
      if (monitor < 0) {
        std::vector<int> day_items;
        for (int j = 0; j < static_cast<int>(state_.items.size()); ++j) {
          const Item& other = state_.items[j];
          if (other.day == day && other.monitor >= 0 && !other.fixed) day_items.push_back(j);
        }
        monitor = Augment(index, day, day_items);
      }
      if (monitor >= 0) {
        Assign(index, monitor);
        return;
      }
      SetDay(item, -1);
    }
    Fail(index, "no working day of the round has a monitor with room who may take it");
  }

  void Fail(int index, const std::string& why) {
    const Item& item = state_.items[index];
    const RoundSpan& span = model_.rounds[item.round];
    const org::Department& department = *model_.departments[item.department];
    std::string who = item.channel == kPhone
                          ? "employee " + state_.input.employees[item.employee].employee_no
                          : "counter unit " + department.code;
    const std::string channel = ChannelCode(ChannelOf(item.channel));
    state_.violations.push_back(
        {"rounds/" + std::to_string(span.number) + "/" + channel + "/" +
             (item.channel == kPhone ? state_.input.employees[item.employee].employee_no
                                     : department.code),
         "round " + std::to_string(span.number) + " " + channel + " contact for " + who +
             " cannot be placed: " + why});
  }

  PlanState& state_;
  const Model& model_;
  int monitors_;
  UnionFind components_[2];
  std::vector<int> department_week_[2];  // [department * weeks + week], placed contacts
  int first_ = 0;
  int end_ = 0;
};

}  // namespace

void PlaceItems(PlanState& state) {
  Placer placer(state);
  placer.Run();
}

}  // namespace chinjeol::planning::internal
