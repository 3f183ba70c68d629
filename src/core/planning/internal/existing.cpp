// Re-planning input: which stored assignments stay, which move, which are cancelled; then the
// contacts still to place (quotas, retries, replacements, top-ups, the lunch-hour sample).
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "core/planning/internal/state.hpp"

namespace chinjeol::planning::internal {
namespace {

using Action = Disposition::Action;

bool IsReleasedNow(const PlanInput& input, const Assignment& assignment) {
  if (assignment.status == AssignmentStatus::kReleased) return true;
  return assignment.status == AssignmentStatus::kPlanned && input.now &&
         assignment.release_at <= *input.now;
}

int RoundIndex(const Model& model, int number) {
  for (std::size_t r = 0; r < model.rounds.size(); ++r) {
    if (model.rounds[r].number == number) return static_cast<int>(r);
  }
  return -1;
}

template <typename Map>
int Find(const Map& map, const std::string& key) {
  const auto found = map.find(key);
  return found == map.end() ? -1 : found->second;
}

// The item for a stored assignment, or an item with department -1 when its owner is unknown.
Item ItemFromExisting(const PlanState& state, int index,
                      const std::unordered_map<std::string_view, int>& codes) {
  const Model& model = state.model;
  const Assignment& assignment = state.input.existing[index];
  Item item;
  item.channel = ChannelIndex(assignment.channel);
  item.round = RoundIndex(model, assignment.round);
  if (item.channel == kPhone) {
    item.employee = Find(model.employee_index, assignment.employee_no);
    item.department = item.employee >= 0 ? model.employee_department[item.employee] : -1;
    if (item.employee < 0) item.department = -1;
  } else {
    item.department = Find(model.department_index, assignment.department_code);
  }
  item.day_number = DayNumber(assignment.date);
  item.day = model.DayIndex(item.day_number);
  item.monitor = Find(model.monitor_index, assignment.monitor_code);
  item.start = assignment.start_minute;
  item.duration = assignment.duration_minutes;
  item.scenario = Find(model.scenario_index, assignment.scenario_code);
  item.source = index;
  if (!assignment.retry_of.empty()) {
    const auto found = codes.find(assignment.retry_of);
    item.retry_of = found == codes.end() ? -1 : found->second;
  }
  item.status = assignment.status;
  item.kind = assignment.lunch_sample ? ItemKind::kLunch
              : assignment.top_up     ? ItemKind::kTopUp
                                      : ItemKind::kRegular;
  item.fixed = true;
  return item;
}

// Slots of the grid that [start, start + duration) overlaps.
std::uint64_t SlotsCovered(const Model& model, int start, int duration) {
  std::uint64_t mask = 0;
  for (std::size_t s = 0; s < model.slot_starts.size(); ++s) {
    const int slot_start = model.slot_starts[s];
    if (slot_start < start + std::max(duration, 1) && start < slot_start + model.slot_minutes) {
      mask |= std::uint64_t{1} << s;
    }
  }
  return mask;
}

void Book(PlanState& state, int index) {
  const Item& item = state.items[index];
  state.Occupy(item, +1);
  if (item.monitor >= 0 && item.day >= 0) {
    state.busy[state.Cell(item.monitor, item.day)] |=
        SlotsCovered(state.model, item.start, item.duration);
  }
}

struct Verdict {
  Action action = Action::kKeep;
  std::string reason;
};

// Whether a released or planned contact can still happen as stored.
Verdict CheckStillPossible(const PlanState& state, const Item& item) {
  const Model& model = state.model;
  const Assignment& assignment = state.input.existing[item.source];
  const std::string date = FormatDate(assignment.date);
  if (item.channel == kPhone) {
    if (item.employee < 0 || !state.input.employees[item.employee].active) {
      return {Action::kCancel, "employee " + assignment.employee_no + " left the roster"};
    }
    if (item.department < 0) {
      return {Action::kCancel, "employee " + assignment.employee_no + " has no known department"};
    }
  } else if (item.department < 0 || model.department_counter[item.department] == 0) {
    return {Action::kCancel, assignment.department_code + " has no counter staff any more"};
  }
  if (item.round < 0) return {Action::kCancel, "the round is unknown"};
  if (item.monitor < 0 || model.capacity[item.channel][item.monitor] == 0) {
    return {Action::kMove, "monitor " + assignment.monitor_code + " no longer takes " +
                               std::string(ChannelCode(assignment.channel)) + " contacts"};
  }
  if (item.day < 0 || model.days[item.day].round != item.round) {
    return {Action::kMove,
            date + " is no longer a working day of round " + std::to_string(assignment.round)};
  }
  if (!model.IsOpen(item.department, item.day)) {
    return {Action::kMove, assignment.department_code + " is closed on " + date};
  }
  if (!model.IsAvailable(item.monitor, item.day)) {
    return {Action::kMove, "monitor " + assignment.monitor_code + " is not available on " + date};
  }
  if (item.channel == kPhone && model.IsAbsent(item.employee, item.day_number)) {
    return {Action::kMove, "employee " + assignment.employee_no + " is absent on " + date};
  }
  return {};
}

// The further checks a planned (unreleased) contact passes to stay where it is.
Verdict CheckStillFits(const PlanState& state, const Item& item, int self) {
  const Model& model = state.model;
  const Assignment& assignment = state.input.existing[item.source];
  const std::string date = FormatDate(assignment.date);
  if (item.day < model.earliest_day) return {Action::kMove, date + " has passed"};
  const int slot = model.SlotOf(item.start);
  const std::uint64_t mask = item.lunch() ? model.lunch_mask : model.regular_mask;
  if (slot < 0 || item.duration != model.slot_minutes || ((mask >> slot) & 1) == 0) {
    return {Action::kMove, "the time is off the slot grid or outside the allowed hours"};
  }
  if ((state.busy[state.Cell(item.monitor, item.day)] >> slot & 1) != 0) {
    return {Action::kMove, "monitor " + assignment.monitor_code + " has another contact then"};
  }
  if (!state.HasRoom(item, item.monitor, item.day)) {
    return {Action::kMove, "monitor " + assignment.monitor_code + " is fully booked on " + date};
  }
  if (!IsDayAllowed(state, item, item.day, self)) {
    return {Action::kMove, item.channel == kPhone ? "the employee has another contact that week"
                                                  : "the unit has another visit that day"};
  }
  if (!IsMonitorAllowed(state, item, item.monitor, item.day, self)) {
    return {Action::kMove,
            item.channel == kPhone
                ? "monitor " + assignment.monitor_code +
                      " already has another contact with the employee"
                : "monitor " + assignment.monitor_code + " visits the unit within the lockout"};
  }
  return {};
}

}  // namespace

void LoadExisting(PlanState& state) {
  const std::vector<Assignment>& existing = state.input.existing;
  if (existing.empty()) return;
  std::unordered_map<std::string_view, int> codes;
  codes.reserve(existing.size());
  for (std::size_t i = 0; i < existing.size(); ++i) codes.emplace(existing[i].code, i);

  std::vector<int> planned;
  for (int i = 0; i < static_cast<int>(existing.size()); ++i) {
    const Assignment& assignment = existing[i];
    Disposition& disposition = state.dispositions[i];
    switch (assignment.status) {
      case AssignmentStatus::kCancelled:
        continue;
      case AssignmentStatus::kDone:
      case AssignmentStatus::kVoid:
      case AssignmentStatus::kUnanswered: {
        Item item = ItemFromExisting(state, i, codes);
        if (item.department < 0) continue;  // owner gone: nothing left to plan around
        disposition.item = state.AddItem(std::move(item));
        Book(state, disposition.item);
        continue;
      }
      case AssignmentStatus::kPlanned:
      case AssignmentStatus::kReleased:
        break;
    }
    if (!IsReleasedNow(state.input, assignment)) {
      planned.push_back(i);
      continue;
    }
    Item item = ItemFromExisting(state, i, codes);
    const Verdict verdict = CheckStillPossible(state, item);
    if (verdict.action != Action::kKeep) {
      // A released contact that cannot happen is withdrawn from its monitor and replaced.
      disposition.action = verdict.action == Action::kMove ? Action::kReplace : Action::kCancel;
      disposition.reason = verdict.reason;
      continue;
    }
    disposition.item = state.AddItem(std::move(item));
    Book(state, disposition.item);
  }

  std::sort(planned.begin(), planned.end(), [&](int a, int b) {
    const Assignment& x = existing[a];
    const Assignment& y = existing[b];
    if (x.date != y.date) return std::chrono::sys_days(x.date) < std::chrono::sys_days(y.date);
    if (x.start_minute != y.start_minute) return x.start_minute < y.start_minute;
    return x.code < y.code;
  });
  for (int i : planned) {
    Disposition& disposition = state.dispositions[i];
    Item item = ItemFromExisting(state, i, codes);
    Verdict verdict = CheckStillPossible(state, item);
    if (verdict.action == Action::kKeep) {
      const int index = state.AddItem(std::move(item));
      verdict = CheckStillFits(state, state.items[index], index);
      if (verdict.action == Action::kKeep) {
        Item& kept = state.items[index];
        if (!state.model.IsScenarioAllowed(kept.channel, kept.department, kept.scenario)) {
          kept.new_scenario = true;
          disposition.action = Action::kMove;  // same time and monitor, another scenario
          disposition.reason = "scenario " + existing[i].scenario_code + " is withdrawn";
        }
        disposition.item = index;
        Book(state, index);
        continue;
      }
      // Unlink: the item was added last, so it heads its owner's chain.
      Item& dropped = state.items[index];
      state.Head(dropped) = dropped.next;
      state.items.pop_back();
    }
    disposition.action = verdict.action;
    disposition.reason = verdict.reason;
  }
}

namespace {

// The contacts of one owner (employee or unit) in one round, as stored.
struct Account {
  int live[3] = {0, 0, 0};  // by ItemKind
  int unanswered = 0;
  std::vector<int> pinned[3];      // kept planned items, by kind
  std::vector<int> open_failures;  // existing indexes of unanswered or void contacts to repeat
  std::vector<int> to_move[3];     // existing indexes of planned contacts that must move
  std::vector<int> to_replace[3];  // existing indexes of released contacts that must be replaced
  bool any = false;
};

int KindIndex(ItemKind kind) { return static_cast<int>(kind); }

ItemKind KindOf(const Assignment& assignment) {
  return assignment.lunch_sample ? ItemKind::kLunch
         : assignment.top_up     ? ItemKind::kTopUp
                                 : ItemKind::kRegular;
}

class DemandBuilder {
 public:
  explicit DemandBuilder(PlanState& state) : state_(state), model_(state.model) {
    const std::vector<Assignment>& existing = state.input.existing;
    std::unordered_set<std::string_view> repeated;
    for (const Assignment& assignment : existing) {
      if (assignment.status != AssignmentStatus::kCancelled && !assignment.retry_of.empty()) {
        repeated.insert(assignment.retry_of);
      }
    }
    for (std::size_t i = 0; i < existing.size(); ++i) {
      const Assignment& assignment = existing[i];
      const Disposition& disposition = state.dispositions[i];
      const int round = RoundIndex(model_, assignment.round);
      const int owner = OwnerOf(assignment);
      if (round < 0 || owner < 0 || assignment.status == AssignmentStatus::kCancelled) continue;
      Account& account = accounts_[Key(ChannelIndex(assignment.channel), owner, round)];
      account.any = true;
      const int kind = KindIndex(KindOf(assignment));
      if (disposition.action == Action::kMove && disposition.item < 0) {
        account.to_move[kind].push_back(static_cast<int>(i));
      } else if (disposition.action == Action::kReplace) {
        account.to_replace[kind].push_back(static_cast<int>(i));
      } else if (disposition.item >= 0) {
        const Item& item = state.items[disposition.item];
        if (item.live()) ++account.live[kind];
        if (assignment.status == AssignmentStatus::kPlanned &&
            !IsReleasedNow(state.input, assignment)) {
          account.pinned[kind].push_back(disposition.item);
        }
        if (item.status == AssignmentStatus::kUnanswered) ++account.unanswered;
        if ((item.status == AssignmentStatus::kUnanswered ||
             item.status == AssignmentStatus::kVoid) &&
            !repeated.contains(assignment.code)) {
          account.open_failures.push_back(static_cast<int>(i));
        }
      }
      touched_owner_.insert(Key(ChannelIndex(assignment.channel), owner, 0));
    }
    for (auto& [key, account] : accounts_) {
      std::sort(account.open_failures.begin(), account.open_failures.end(), [&](int a, int b) {
        return std::chrono::sys_days(existing[a].date) < std::chrono::sys_days(existing[b].date);
      });
    }
    codes_.reserve(existing.size());
    for (std::size_t i = 0; i < existing.size(); ++i) {
      codes_.emplace(existing[i].code, static_cast<int>(i));
    }
    for (const ExtraContact& extra : state.input.extra_contacts) {
      const int employee = Find(model_.employee_index, extra.employee_no);
      const int round = RoundIndex(model_, extra.round);
      if (employee >= 0 && round >= 0) ++extras_[Key(kPhone, employee, round)];
    }
  }

  void Run() {
    const campaign::Campaign& campaign = state_.input.campaign;
    for (int r = 0; r < static_cast<int>(model_.rounds.size()); ++r) {
      const RoundSpan& span = model_.rounds[r];
      const bool open = span.first + span.count > model_.earliest_day;
      const int first = std::max(span.first, model_.earliest_day);
      round_first_ = first;
      round_end_ = span.first + span.count;
      CountDepartmentWeeks();
      for (int employee : model_.active_employees) {
        Plan(kPhone, employee, r, campaign.phone_per_round, open);
      }
      for (int unit : model_.units) Plan(kVisit, unit, r, campaign.visit_per_round, open);
      if (open && campaign.lunch == campaign::LunchPolicy::kSeparate) DrawLunchSample(r);
    }
    // Moves and replacements of owners no longer planned (left, or no counter any more).
    for (std::size_t i = 0; i < state_.dispositions.size(); ++i) {
      Disposition& disposition = state_.dispositions[i];
      if ((disposition.action == Action::kMove && disposition.item < 0) ||
          disposition.action == Action::kReplace) {
        if (!handled_.contains(static_cast<int>(i))) {
          disposition.action = Action::kCancel;
          if (disposition.reason.empty()) disposition.reason = "no longer needed";
        }
      }
    }
  }

 private:
  static long long Key(int channel, int owner, int round) {
    return (static_cast<long long>(owner) << 12) | (static_cast<long long>(round) << 1) | channel;
  }

  int OwnerOf(const Assignment& assignment) const {
    if (assignment.channel == Channel::kPhone) {
      return Find(model_.employee_index, assignment.employee_no);
    }
    return Find(model_.department_index, assignment.department_code);
  }

  // Weeks of the round (from the first open day) in which the owner may still be contacted.
  int FreeWeeks(int channel, int owner, int department) const {
    int free = 0;
    int last_week = -1;
    for (int d = round_first_; d < round_end_; ++d) {
      const ModelDay& day = model_.days[d];
      if (day.week == last_week || !model_.IsOpen(department, d)) continue;
      if (channel == kPhone) {
        if (model_.IsAbsent(owner, day.day_number)) continue;
        bool taken = false;
        for (int j = state_.employee_head[owner]; j >= 0; j = state_.items[j].next) {
          const Item& other = state_.items[j];
          if (other.placed() && other.reaches() &&
              WeekKey(other.day_number) == WeekKey(day.day_number)) {
            taken = true;
          }
        }
        if (taken) continue;
      }
      last_week = day.week;
      ++free;
    }
    return free;
  }

  void Cancel(int existing_index, const std::string& reason) {
    Disposition& disposition = state_.dispositions[existing_index];
    if (disposition.item >= 0) {
      Item& item = state_.items[disposition.item];
      state_.Occupy(item, -1);
      if (item.day >= 0 && item.monitor >= 0) {
        const int slot = model_.SlotOf(item.start);
        if (slot >= 0)
          state_.busy[state_.Cell(item.monitor, item.day)] &= ~(std::uint64_t{1} << slot);
      }
      item.status = AssignmentStatus::kCancelled;
    }
    disposition.action = Action::kCancel;
    disposition.reason = reason;
    handled_.insert(existing_index);
  }

  void Plan(int channel, int owner, int r, int quota, bool open) {
    const long long key = Key(channel, owner, r);
    const auto found = accounts_.find(key);
    Account empty;
    Account& account = found == accounts_.end() ? empty : found->second;
    const int department = channel == kPhone ? model_.employee_department[owner] : owner;
    const auto extra = extras_.find(key);
    const int extras = extra == extras_.end() ? 0 : extra->second;

    int need[3] = {quota - account.live[0], 0, extras};
    // Lunch-sample and top-up contacts that had to move stay part of the plan.
    need[1] = static_cast<int>(account.to_move[1].size() + account.to_replace[1].size());
    need[2] += static_cast<int>(account.to_move[2].size() + account.to_replace[2].size());

    const int round_number = model_.rounds[r].number;
    if (channel == kPhone && account.unanswered >= state_.input.options.max_attempts_per_round &&
        need[0] > 0) {
      AddShortfall(channel, owner, department, r, need[0],
                   "unreachable: " + std::to_string(account.unanswered) +
                       " unanswered calls in round " + std::to_string(round_number));
      for (int kind = 0; kind < 3; ++kind) {
        for (int i : account.to_move[kind]) Cancel(i, "the employee is unreachable this round");
        for (int i : account.to_replace[kind]) {
          Cancel(i, "the employee is unreachable this round");
        }
      }
      for (int item : account.pinned[0]) {
        Cancel(state_.items[item].source, "the employee is unreachable this round");
      }
      return;
    }
    if (need[0] < 0) {
      // Quota already met (it was lowered, or the same contact was planned twice): drop the
      // latest kept planned contacts first.
      std::vector<int>& pinned = account.pinned[0];
      for (auto it = pinned.rbegin(); it != pinned.rend() && need[0] < 0; ++it) {
        Cancel(state_.items[*it].source, "the round's quota is already met");
        ++need[0];
      }
      need[0] = std::max(need[0], 0);
    }
    if (!open) {
      const int missing = need[0] + need[1] + need[2];
      for (int kind = 0; kind < 3; ++kind) {
        for (int i : account.to_move[kind]) Cancel(i, "the round is over");
        for (int i : account.to_replace[kind]) Cancel(i, "the round is over");
      }
      if (missing > 0 && account.any) {
        AddShortfall(channel, owner, department, r, missing, "the round is over");
      }
      return;
    }
    const int total = need[0] + need[1] + need[2];
    if (total <= 0) {
      for (int kind = 0; kind < 3; ++kind) {
        for (int i : account.to_move[kind]) Cancel(i, "the round's quota is already met");
        for (int i : account.to_replace[kind]) Cancel(i, "the round's quota is already met");
      }
      return;
    }
    int possible = total;
    if (channel == kPhone) {
      const bool exact = model_.absences.contains(owner) || HasPlacedItems(owner);
      possible = std::min(
          total, exact ? FreeWeeks(channel, owner, department) : department_weeks_[department]);
    } else {
      int open_days = 0;
      for (int d = round_first_; d < round_end_; ++d) open_days += model_.IsOpen(owner, d) ? 1 : 0;
      possible = std::min(total, open_days);
    }
    if (possible < total) {
      const std::string round_text = "round " + std::to_string(round_number);
      std::string reason;
      if (possible == 0) {
        reason = channel == kPhone
                     ? "absent or closed on every remaining working day of " + round_text
                     : "closed on every remaining working day of " + round_text;
      } else {
        reason = channel == kPhone
                     ? "only " + std::to_string(possible) + " free weeks left in " + round_text +
                           " (absence, closure or another contact)"
                     : "only " + std::to_string(possible) + " open days left in " + round_text;
      }
      AddShortfall(channel, owner, department, r, total - possible, std::move(reason));
    }
    std::size_t failure = 0;
    std::size_t replace_at[3] = {0, 0, 0};
    std::size_t move_at[3] = {0, 0, 0};
    for (int kind = 0; kind < 3 && possible > 0; ++kind) {
      for (int k = 0; k < need[kind] && possible > 0; ++k, --possible) {
        Item item;
        item.channel = channel;
        item.round = r;
        item.employee = channel == kPhone ? owner : -1;
        item.department = department;
        item.kind = static_cast<ItemKind>(kind);
        item.duration = model_.slot_minutes;
        item.new_scenario = true;
        if (move_at[kind] < account.to_move[kind].size()) {
          const int source = account.to_move[kind][move_at[kind]++];
          item.source = source;
          const Assignment& old = state_.input.existing[source];
          if (!old.retry_of.empty()) item.retry_of = RetryIndex(old.retry_of);
          const int index = state_.AddItem(std::move(item));
          state_.dispositions[source].item = index;
          handled_.insert(source);
          continue;
        }
        if (kind == 0 && failure < account.open_failures.size()) {
          item.retry_of = account.open_failures[failure++];
        } else if (replace_at[kind] < account.to_replace[kind].size()) {
          item.replaces = account.to_replace[kind][replace_at[kind]++];
          handled_.insert(item.replaces);
        }
        const int index = state_.AddItem(std::move(item));
        if (!state_.input.existing.empty()) {
          state_.reasons[index] =
              kind == 2   ? "top-up"
              : kind == 1 ? "lunch-hour sample"
              : touched_owner_.contains(Key(channel, owner, 0))
                  ? "the round's quota is not yet planned"
                  : (channel == kPhone ? "new on the roster" : "new counter unit");
        }
      }
    }
    for (int kind = 0; kind < 3; ++kind) {
      for (std::size_t k = move_at[kind]; k < account.to_move[kind].size(); ++k) {
        Cancel(account.to_move[kind][k], "no day is left for it in the round");
      }
      for (std::size_t k = replace_at[kind]; k < account.to_replace[kind].size(); ++k) {
        Cancel(account.to_replace[kind][k], "no day is left for it in the round");
      }
    }
  }

  int RetryIndex(const std::string& code) const {
    const auto found = codes_.find(code);
    return found == codes_.end() ? -1 : found->second;
  }

  // Weeks of the round from its first open day in which the department is open somewhere.
  void CountDepartmentWeeks() {
    department_weeks_.assign(model_.departments.size(), 0);
    for (std::size_t k = 0; k < model_.departments.size(); ++k) {
      int last_week = -1;
      for (int d = round_first_; d < round_end_; ++d) {
        if (model_.days[d].week == last_week || !model_.IsOpen(static_cast<int>(k), d)) continue;
        last_week = model_.days[d].week;
        ++department_weeks_[k];
      }
    }
  }

  bool HasPlacedItems(int employee) const {
    for (int j = state_.employee_head[employee]; j >= 0; j = state_.items[j].next) {
      if (state_.items[j].placed()) return true;
    }
    return false;
  }

  // Under LunchPolicy::kSeparate, a random share of employees and units gets one extra contact
  // in the lunch hour, unless the round already has its sample.
  void DrawLunchSample(int r) {
    const double share = state_.input.options.lunch_sample_share;
    for (int channel : {kPhone, kVisit}) {
      bool drawn = false;
      for (const Assignment& assignment : state_.input.existing) {
        if (assignment.lunch_sample && ChannelIndex(assignment.channel) == channel &&
            RoundIndex(model_, assignment.round) == r) {
          drawn = true;
        }
      }
      if (drawn || model_.lunch_slots == 0) continue;
      std::vector<int> owners = channel == kPhone ? model_.active_employees : model_.units;
      const std::size_t count =
          static_cast<std::size_t>(std::llround(share * static_cast<double>(owners.size())));
      // Partial Fisher-Yates: the first `count` after it are a uniform sample.
      std::size_t taken = 0;
      for (std::size_t i = 0; i < owners.size() && taken < count; ++i) {
        std::swap(owners[i], owners[i + state_.random.Below(owners.size() - i)]);
        const int owner = owners[i];
        const int department = channel == kPhone ? model_.employee_department[owner] : owner;
        if (channel == kPhone && FreeWeeks(kPhone, owner, department) <= CountInRound(owner, r)) {
          continue;  // no free week left for one more call
        }
        Item item;
        item.channel = channel;
        item.round = r;
        item.employee = channel == kPhone ? owner : -1;
        item.department = department;
        item.kind = ItemKind::kLunch;
        item.duration = model_.slot_minutes;
        item.new_scenario = true;
        const int index = state_.AddItem(std::move(item));
        if (!state_.input.existing.empty()) state_.reasons[index] = "lunch-hour sample";
        ++taken;
      }
    }
  }

  // Unplaced contacts of the employee in round r (placed ones already block their week).
  int CountInRound(int employee, int r) const {
    int count = 0;
    for (int j = state_.employee_head[employee]; j >= 0; j = state_.items[j].next) {
      const Item& item = state_.items[j];
      if (item.round == r && item.active() && !item.placed()) ++count;
    }
    return count;
  }

  void AddShortfall(int channel, int owner, int department, int r, int missing,
                    std::string reason) {
    Shortfall shortfall;
    shortfall.round = model_.rounds[r].number;
    shortfall.channel = ChannelOf(channel);
    if (channel == kPhone) shortfall.employee_no = state_.input.employees[owner].employee_no;
    shortfall.department_code = model_.departments[department]->code;
    shortfall.missing = missing;
    shortfall.reason = std::move(reason);
    state_.shortfalls.push_back(std::move(shortfall));
  }

  PlanState& state_;
  const Model& model_;
  std::unordered_map<long long, Account> accounts_;
  std::unordered_map<long long, int> extras_;
  std::unordered_set<long long> touched_owner_;
  std::unordered_set<int> handled_;
  std::unordered_map<std::string_view, int> codes_;
  std::vector<int> department_weeks_;
  int round_first_ = 0;
  int round_end_ = 0;
};

}  // namespace

void AddDemand(PlanState& state) {
  DemandBuilder builder(state);
  builder.Run();
}

}  // namespace chinjeol::planning::internal
