#include "core/planning/planner.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "core/planning/internal/measure.hpp"
#include "core/planning/internal/model.hpp"
#include "core/planning/internal/pair_counts.hpp"
#include "core/planning/internal/state.hpp"
#include "core/planning/release.hpp"

namespace chinjeol::planning {
namespace {

using internal::Disposition;
using internal::Item;
using internal::PlanState;

Error Infeasible(std::vector<FieldViolation> violations) {
  const std::size_t count = violations.size();
  return Error(ErrorCode::kFailedPrecondition,
               "the campaign cannot be scheduled as asked: " + std::to_string(count) +
                   (count == 1 ? " problem" : " problems"),
               std::move(violations));
}

// Ten Crockford base-32 characters (50 random bits): short enough for a phone screen, and
// nothing in them hints at the date, the employee or the order of planning.
class CodeMaker {
 public:
  explicit CodeMaker(const PlanInput& input)
      : random_(input.options.code_seed != 0 ? input.options.code_seed
                                             : input.options.seed ^ 0xC0DEC0DEC0DEC0DEULL) {
    for (const Assignment& assignment : input.existing) taken_.insert(assignment.code);
  }

  std::string Make() {
    Random& random = random_;
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (;;) {
      const std::uint64_t bits = random.Next() >> 14;
      if (made_.Add(static_cast<int>(bits >> 25), static_cast<int>(bits & 0x1FFFFFF), 1) > 1) {
        continue;
      }
      std::string code(10, '0');
      for (int k = 9; k >= 0; --k) code[k] = kAlphabet[(bits >> (5 * (9 - k))) & 31];
      if (!taken_.empty() && taken_.contains(code)) continue;
      return code;
    }
  }

 private:
  Random random_;
  std::unordered_set<std::string_view> taken_;
  internal::PairCounts made_;  // the 50 bits of each code made, as two halves
};

class PlanWriter {
 public:
  explicit PlanWriter(PlanState& state) : state_(state), model_(state.model) {}

  Plan Write() {
    const PlanInput& input = state_.input;
    for (const internal::ModelDay& day : model_.days) {
      release_.push_back(ReleaseTime(day.date, input.calendar, input.options.release));
    }
    Plan plan;
    plan.campaign_code = input.campaign.code;
    plan.seed = input.options.seed;
    plan.code_seed = input.options.code_seed;
    const bool replanning = !input.existing.empty();

    // What goes out, as compact entries: sorted first, written once.
    std::vector<Entry> entries;
    entries.reserve(input.existing.size() + state_.items.size());
    for (std::size_t i = 0; i < input.existing.size(); ++i) {
      const Assignment& old = input.existing[i];
      const Disposition& disposition = state_.dispositions[i];
      if (disposition.action == Disposition::Action::kMove) {
        entries.push_back(FromItemEntry(disposition.item, static_cast<int>(i)));
        plan.changes.push_back({ChangeKind::kMoved, old.code, "", old, disposition.reason});
        continue;
      }
      const auto monitor = model_.monitor_index.find(old.monitor_code);
      entries.push_back({DayNumber(old.date), old.start_minute,
                         monitor == model_.monitor_index.end() ? -1 : rank_[monitor->second],
                         static_cast<int>(i), -1});
      if (disposition.action == Disposition::Action::kCancel) {
        plan.changes.push_back({ChangeKind::kCancelled, old.code, "", old, disposition.reason});
      }
    }
    CodeMaker codes(input);
    for (int index = 0; index < static_cast<int>(state_.items.size()); ++index) {
      const Item& item = state_.items[index];
      if (item.source >= 0 || !item.active()) continue;
      codes_[index] = codes.Make();
      entries.push_back(FromItemEntry(index, -1));
    }
    std::sort(entries.begin(), entries.end(),
              [&](const Entry& x, const Entry& y) { return Before(x, y); });

    plan.assignments.reserve(entries.size());
    std::vector<internal::AssignmentRef> refs;
    refs.reserve(entries.size());
    for (const Entry& entry : entries) {
      if (entry.item < 0) {
        const Assignment& old = input.existing[entry.existing];
        plan.assignments.push_back(old);
        if (state_.dispositions[entry.existing].action != Disposition::Action::kKeep) {
          plan.assignments.back().status = AssignmentStatus::kCancelled;
        }
        refs.push_back(internal::Resolve(model_, old));
        continue;
      }
      const Item& item = state_.items[entry.item];
      if (entry.existing >= 0) {
        const Assignment& old = input.existing[entry.existing];
        plan.assignments.push_back(FromItem(item, old.code));
        plan.assignments.back().retry_of = old.retry_of;
      } else {
        plan.assignments.push_back(FromItem(item, codes_[entry.item]));
        if (item.retry_of >= 0) {
          plan.assignments.back().retry_of = input.existing[item.retry_of].code;
        }
        if (replanning) plan.changes.push_back(Describe(entry.item, plan.assignments.back()));
      }
      refs.push_back({item.monitor, item.department,
                      item.channel == internal::kPhone ? item.employee : -1, item.scenario});
    }
    plan.shortfalls = std::move(state_.shortfalls);
    plan.metrics = internal::Measure(model_, plan.assignments, refs);
    plan.summary = internal::Summarize(model_, plan.assignments, refs);
    return plan;
  }

 private:
  Assignment FromItem(const Item& item, std::string code) const {
    const PlanInput& input = state_.input;
    Assignment assignment;
    assignment.code = std::move(code);
    assignment.campaign = input.campaign.code;
    assignment.round = model_.rounds[item.round].number;
    assignment.channel = internal::ChannelOf(item.channel);
    if (item.channel == internal::kPhone) {
      assignment.employee_no = input.employees[item.employee].employee_no;
    }
    assignment.department_code = model_.departments[item.department]->code;
    assignment.date = model_.days[item.day].date;
    assignment.start_minute = item.start;
    assignment.duration_minutes = item.duration;
    assignment.monitor_code = input.monitors[item.monitor].code;
    assignment.scenario_code = item.scenario >= 0 ? input.scenarios[item.scenario].code : "";
    assignment.release_at = release_[item.day];
    assignment.status = AssignmentStatus::kPlanned;
    assignment.lunch_sample = item.lunch();
    assignment.top_up = item.kind == internal::ItemKind::kTopUp;
    return assignment;
  }

  PlanChange Describe(int index, const Assignment& fresh) const {
    const PlanInput& input = state_.input;
    const Item& item = state_.items[index];
    PlanChange change;
    change.code = fresh.code;
    if (item.retry_of >= 0) {
      const Assignment& failed = input.existing[item.retry_of];
      const bool unanswered = failed.status == AssignmentStatus::kUnanswered;
      change.kind = unanswered ? ChangeKind::kRetry : ChangeKind::kRescheduled;
      change.previous_code = failed.code;
      change.reason = unanswered ? "retry of an unanswered call" : "repeat of a void contact";
      return change;
    }
    if (item.replaces >= 0) {
      const Assignment& old = input.existing[item.replaces];
      change.kind = ChangeKind::kReplaced;
      change.previous_code = old.code;
      change.before = old;
      change.reason = state_.dispositions[item.replaces].reason;
      return change;
    }
    change.kind = ChangeKind::kAdded;
    const auto reason = state_.reasons.find(index);
    change.reason =
        reason != state_.reasons.end() ? reason->second : "the round's quota is not yet planned";
    return change;
  }

  // An assignment to write: a stored one (item < 0) or a planner item (existing >= 0 when
  // it keeps a stored code).
  struct Entry {
    int day_number;
    int start;
    int monitor;  // rank of the monitor code, -1 when not in the input
    int existing;
    int item;
  };

  Entry FromItemEntry(int item_index, int existing) const {
    const Item& item = state_.items[item_index];
    return {model_.days[item.day].day_number, item.start, rank_[item.monitor], existing,
            item_index};
  }

  const std::string& MonitorCode(const Entry& entry) const {
    return entry.item >= 0 ? state_.input.monitors[state_.items[entry.item].monitor].code
                           : state_.input.existing[entry.existing].monitor_code;
  }
  const std::string& Code(const Entry& entry) const {
    if (entry.existing >= 0) return state_.input.existing[entry.existing].code;
    return codes_[entry.item];
  }

  // By date, start time, monitor code and code.
  bool Before(const Entry& x, const Entry& y) const {
    if (x.day_number != y.day_number) return x.day_number < y.day_number;
    if (x.start != y.start) return x.start < y.start;
    if (x.monitor >= 0 && y.monitor >= 0) {
      if (x.monitor != y.monitor) return x.monitor < y.monitor;
    } else if (MonitorCode(x) != MonitorCode(y)) {
      return MonitorCode(x) < MonitorCode(y);
    }
    return Code(x) < Code(y);
  }

  std::vector<int> MonitorRanks() const {
    const std::vector<org::Monitor>& monitors = state_.input.monitors;
    std::vector<int> by_code(monitors.size());
    std::iota(by_code.begin(), by_code.end(), 0);
    std::sort(by_code.begin(), by_code.end(),
              [&](int a, int b) { return monitors[a].code < monitors[b].code; });
    std::vector<int> rank(monitors.size());
    for (std::size_t k = 0; k < by_code.size(); ++k) rank[by_code[k]] = static_cast<int>(k);
    return rank;
  }

  PlanState& state_;
  const internal::Model& model_;
  std::vector<LocalDateTime> release_;
  std::vector<int> rank_ = MonitorRanks();
  std::vector<std::string> codes_ = std::vector<std::string>(state_.items.size());  // new items
};

}  // namespace

const char* ChangeKindCode(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded:
      return "added";
    case ChangeKind::kMoved:
      return "moved";
    case ChangeKind::kReplaced:
      return "replaced";
    case ChangeKind::kCancelled:
      return "cancelled";
    case ChangeKind::kRetry:
      return "retry";
    case ChangeKind::kRescheduled:
      return "rescheduled";
  }
  return "added";
}

Result<Plan> BuildPlan(const PlanInput& input) {
  Result<internal::Model> model = internal::BuildModel(input);
  if (!model) return model.error();
  PlanState state(*model, input);
  internal::LoadExisting(state);
  internal::AddDemand(state);
  internal::CheckFeasibility(state);
  if (!state.violations.empty()) return Infeasible(std::move(state.violations));
  internal::PlaceItems(state);
  if (!state.violations.empty()) return Infeasible(std::move(state.violations));
  internal::ImprovePlacement(state);
  internal::ChooseSlots(state);
  internal::ChooseScenarios(state);
  if (!state.violations.empty()) return Infeasible(std::move(state.violations));
  PlanWriter writer(state);
  return writer.Write();
}

Result<std::vector<FieldViolation>> FindInfeasibilities(const PlanInput& input) {
  Result<internal::Model> model = internal::BuildModel(input);
  if (!model) return model.error();
  PlanState state(*model, input);
  internal::LoadExisting(state);
  internal::AddDemand(state);
  internal::CheckFeasibility(state);
  return std::move(state.violations);
}

}  // namespace chinjeol::planning
