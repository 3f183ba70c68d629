// Local improvement of the constructive placement: random swaps of (day, monitor) between two
// contacts of a round and moves of one contact to another day and monitor, kept when the
// objective falls and every hard rule still holds.
#include <algorithm>

#include "core/planning/internal/objective.hpp"
#include "core/planning/internal/state.hpp"

namespace chinjeol::planning::internal {
namespace {

// Moves per channel when PlanOptions::improvement_moves is automatic: 400 per contact for a
// town, falling to 1 per contact for a province (where the constructive order already gives
// most of it).
constexpr long long kAutomaticMoves = 400'000;

class Improver {
 public:
  Improver(PlanState& state, int channel)
      : state_(state), model_(state.model), channel_(channel), tracker_(Build()) {}

  void Run() {
    if (movable_.empty()) return;
    const long long n = static_cast<long long>(movable_.size());
    long long per_item = state_.input.options.improvement_moves;
    if (per_item < 0) per_item = std::clamp(kAutomaticMoves / n, 1LL, 400LL);
    // Small plans get several annealing cycles (reheats) and keep the best end state: their
    // landscape is rugged (a few contacts, large steps), and the moves are cheap.
    const int cycles = n <= kSmall ? kSmallCycles : 1;
    const long long moves = n <= kSmall ? std::max(per_item * n, kSmallMoves) : per_item * n;
    double best = tracker_.Value();
    std::vector<std::pair<int, int>> best_places = Places();
    for (int cycle = 0; cycle < cycles; ++cycle) {
      Anneal(moves);
      const double value = tracker_.Value();
      if (value < best - 1e-12) {
        best = value;
        best_places = Places();
      }
    }
    if (tracker_.Value() > best + 1e-12) Restore(best_places);
  }

 private:
  static constexpr long long kSmall = 250;
  static constexpr int kSmallCycles = 10;
  static constexpr long long kSmallMoves = 20'000;

  // An annealing phase, then plain descent. The temperature is in objective units and starts
  // near the value of one misplaced contact.
  void Anneal(long long moves) {
    const double start_temperature = 1.0 / static_cast<double>(tracker_.contacts());
    for (long long k = 0; k < moves; ++k) {
      const double progress = static_cast<double>(k) / static_cast<double>(moves);
      temperature_ = progress < 0.7 ? start_temperature * (1.0 - progress / 0.7) : 0.0;
      const int a = movable_[state_.random.Below(movable_.size())];
      if (state_.random.Below(2) == 0) {
        TrySwap(a);
      } else {
        TryRelocate(a);
      }
    }
  }

  std::vector<std::pair<int, int>> Places() const {
    std::vector<std::pair<int, int>> places;
    places.reserve(movable_.size());
    for (int index : movable_)
      places.emplace_back(state_.items[index].day, state_.items[index].monitor);
    return places;
  }

  void Restore(const std::vector<std::pair<int, int>>& places) {
    for (int index : movable_) Take(index);
    for (std::size_t k = 0; k < movable_.size(); ++k) {
      Move(movable_[k], places[k].first, places[k].second);
    }
    for (int index : movable_) Put(index);
  }

 private:
  ObjectiveTracker Build() {
    std::vector<ObjectiveContact> contacts;
    for (int i = 0; i < static_cast<int>(state_.items.size()); ++i) {
      const Item& item = state_.items[i];
      if (item.channel != channel_ || !item.live() || !item.placed()) continue;
      contacts.push_back(Contact(item));
      if (!item.fixed && !item.lunch()) {
        movable_.push_back(i);
        if (static_cast<std::size_t>(item.round) >= by_round_.size()) {
          by_round_.resize(static_cast<std::size_t>(item.round) + 1);
        }
        by_round_[item.round].push_back(i);
      }
    }
    return ObjectiveTracker(model_, channel_, state_.input.options.weights, contacts);
  }

  ObjectiveContact Contact(const Item& item) const {
    ObjectiveContact contact;
    contact.day = item.day;
    contact.round = item.round;
    contact.week = model_.days[item.day].week;
    contact.monitor = item.monitor;
    contact.department = item.department;
    return contact;
  }

  // Threshold acceptance: a worse move passes when it costs less than a random share of the
  // temperature. Plain arithmetic only, so that a seed gives the same plan on every platform
  // (library exp() may differ in the last bit).
  bool Accept(double delta) {
    if (delta < -1e-12) return true;
    if (temperature_ <= 0) return false;
    return delta < temperature_ * state_.random.Uniform();
  }

  void Move(int index, int day, int monitor) {
    Item& item = state_.items[index];
    item.day = day;
    item.day_number = model_.days[day].day_number;
    item.monitor = monitor;
  }

  void TrySwap(int a) {
    const std::vector<int>& pool = by_round_[state_.items[a].round];
    const int b = pool[state_.random.Below(pool.size())];
    Item& x = state_.items[a];
    Item& y = state_.items[b];
    if (a == b || (x.day == y.day && x.monitor == y.monitor)) return;
    if (channel_ == kPhone ? x.employee == y.employee : x.department == y.department) return;
    if (x.department == y.department && x.day == y.day) return;  // nothing changes
    if (!IsDayAllowed(state_, x, y.day, a) || !IsDayAllowed(state_, y, x.day, b)) return;
    if (!IsMonitorAllowed(state_, x, y.monitor, y.day, a) ||
        !IsMonitorAllowed(state_, y, x.monitor, x.day, b)) {
      return;
    }
    // Both keep their kind of slot on the other's monitor-day: the counters do not change.
    const int x_day = x.day, x_monitor = x.monitor, y_day = y.day, y_monitor = y.monitor;
    double delta = tracker_.Remove(Contact(x)) + tracker_.Remove(Contact(y));
    Move(a, y_day, y_monitor);
    Move(b, x_day, x_monitor);
    delta += tracker_.Add(Contact(x)) + tracker_.Add(Contact(y));
    if (Accept(delta)) return;
    tracker_.Remove(Contact(x));
    tracker_.Remove(Contact(y));
    Move(a, x_day, x_monitor);
    Move(b, y_day, y_monitor);
    tracker_.Add(Contact(x));
    tracker_.Add(Contact(y));
  }

  // Removes the contact from the objective and its monitor-day; returns the objective change.
  double Take(int index) {
    state_.OccupyCell(state_.items[index], -1);
    return tracker_.Remove(Contact(state_.items[index]));
  }
  double Put(int index) {
    state_.OccupyCell(state_.items[index], +1);
    return tracker_.Add(Contact(state_.items[index]));
  }

  void TryRelocate(int a) {
    Item& x = state_.items[a];
    const RoundSpan& span = model_.rounds[x.round];
    const int first = std::max(span.first, model_.earliest_day);
    const int end = span.first + span.count;
    if (first >= end) return;
    const int day =
        first + static_cast<int>(state_.random.Below(static_cast<std::uint64_t>(end - first)));
    const int monitor = static_cast<int>(
        state_.random.Below(static_cast<std::uint64_t>(state_.input.monitors.size())));
    if (day == x.day && monitor == x.monitor) return;
    if (!state_.HasRoom(x, monitor, day)) return;
    if (day != x.day && !IsDayAllowed(state_, x, day, a)) return;
    if (!IsMonitorAllowed(state_, x, monitor, day, a)) return;
    const int old_day = x.day, old_monitor = x.monitor;
    double delta = Take(a);
    Move(a, day, monitor);
    delta += Put(a);
    if (Accept(delta)) return;
    Take(a);
    Move(a, old_day, old_monitor);
    Put(a);
  }

  PlanState& state_;
  const Model& model_;
  int channel_;
  std::vector<int> movable_;
  std::vector<std::vector<int>> by_round_;
  ObjectiveTracker tracker_;
  double temperature_ = 0;
};

}  // namespace

void ImprovePlacement(PlanState& state) {
  for (int channel : {kPhone, kVisit}) {
    Improver improver(state, channel);
    improver.Run();
  }
}

}  // namespace chinjeol::planning::internal
