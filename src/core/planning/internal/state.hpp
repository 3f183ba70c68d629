#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/common/error.hpp"
#include "core/common/random.hpp"
#include "core/planning/internal/model.hpp"
#include "core/planning/internal/pair_counts.hpp"
#include "core/planning/planner.hpp"

// The planner's working state: compact contacts ("items") with indexes instead of strings, and
// the per monitor-day resources they use. Strings are made once, when the plan is written out.
namespace chinjeol::planning::internal {

enum class ItemKind : std::uint8_t { kRegular, kLunch, kTopUp };

struct Item {
  int channel = kPhone;
  int round = 0;        // round index
  int employee = -1;    // phone: model employee index
  int department = -1;  // the employee's department or the unit
  int day_number = 0;   // date, meaningful once placed
  int day = -1;         // model day index, -1 while unplaced or off the working days
  int monitor = -1;
  int start = -1;  // minute of day; -1 until a slot is chosen
  int duration = 0;
  int scenario = -1;
  int source = -1;    // index into PlanInput::existing, -1 for a new contact
  int retry_of = -1;  // index into PlanInput::existing of the contact this one repeats
  int replaces = -1;  // index into PlanInput::existing of a released contact it replaces
  int next = -1;      // next item of the same employee (phone) or unit (visit)
  AssignmentStatus status = AssignmentStatus::kPlanned;
  ItemKind kind = ItemKind::kRegular;
  bool fixed = false;         // history, released or kept: never moved
  bool new_scenario = false;  // needs a scenario (new, moved, or its scenario was withdrawn)

  bool active() const { return status != AssignmentStatus::kCancelled; }
  bool placed() const { return fixed || day >= 0; }
  bool live() const { return IsLive(status); }
  bool reaches() const { return ReachesEmployee(status); }
  bool lunch() const { return kind == ItemKind::kLunch; }
};

// What re-planning does with one existing assignment.
struct Disposition {
  enum class Action : std::uint8_t { kKeep, kMove, kCancel, kReplace } action = Action::kKeep;
  int item = -1;  // kKeep/kMove: its item
  std::string reason;
};

struct PlanState {
  PlanState(const Model& model_in, const PlanInput& input_in);

  const Model& model;
  const PlanInput& input;
  Random random;
  std::vector<Item> items;
  std::vector<int> employee_head;         // per input employee: first item
  std::vector<int> department_head;       // per department: first visit item
  std::vector<Disposition> dispositions;  // per existing assignment

  // Per monitor-day, [monitor * days + day].
  std::vector<std::uint16_t> used[2];  // contacts per channel
  std::vector<std::uint16_t> regular;  // contacts in ordinary slots
  std::vector<std::uint16_t> lunch;    // contacts in lunch-sample slots
  std::vector<std::uint64_t> busy;     // occupied slots
  PairCounts pairs[2];                 // (monitor, department) contacts so far
  std::vector<int> load[2];            // contacts per monitor
  std::vector<double> load_target[2];  // expected contacts per monitor

  std::unordered_map<int, std::string> reasons;  // per new item: why it was added
  std::vector<Shortfall> shortfalls;
  std::vector<FieldViolation> violations;

  std::size_t Cell(int monitor, int day) const {
    return static_cast<std::size_t>(monitor) * model.days.size() + day;
  }
  int AddItem(Item item);  // links it into its owner's chain
  int& Head(const Item& item) {
    return item.channel == kPhone ? employee_head[item.employee] : department_head[item.department];
  }
  // Free capacity of the monitor on the day for one more contact like `item`.
  bool HasRoom(const Item& item, int monitor, int day) const;
  void Occupy(const Item& item, int sign);  // books or releases the item's monitor-day
  // The monitor-day counters alone (capacity and slots), for moves after placement.
  void OccupyCell(const Item& item, int sign);
};

// True when the item's owner may be contacted on `day` (open, present, once a week, one visit a
// unit a day). `ignore` is an item to leave out of the comparison (the one being moved).
bool IsDayAllowed(const PlanState& state, const Item& item, int day, int ignore);
// True when `monitor` may take the item on `day` (not the employee's monitor before, visit
// lockout), capacity aside.
bool IsMonitorAllowed(const PlanState& state, const Item& item, int monitor, int day, int ignore);

// Steps of BuildPlan, in order.
void LoadExisting(PlanState& state);      // stored assignments: keep, move, cancel or replace
void AddDemand(PlanState& state);         // the contacts still to place, and the shortfalls
void CheckFeasibility(PlanState& state);  // necessary conditions, as violations
void PlaceItems(PlanState& state);        // a day and a monitor for each open contact
void ImprovePlacement(PlanState& state);  // local search on the objective
void ChooseSlots(PlanState& state);       // start times
void ChooseScenarios(PlanState& state);   // scenario rotation

}  // namespace chinjeol::planning::internal
