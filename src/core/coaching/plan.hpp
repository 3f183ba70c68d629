#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"

namespace chinjeol::coaching {

// Who is to be coached. An employee is chosen when any rule holds; the admin sets the rules.
struct PlanRules {
  std::optional<double> below_score = 80.0;  // fair score below this (0-100)
  std::optional<double> bottom_share;        // the lowest share of fair scores (0-1]
  // An item the model judges weak (a true gap below peers) with at least this probability.
  std::optional<double> weak_probability = 0.9;
  int max_items = 3;  // items to work on per employee
};

// kInvalidArgument naming the field (below_score, bottom_share, weak_probability, max_items).
Result<void> ValidatePlanRules(const PlanRules& rules);

// An employee with a published fair score.
struct Candidate {
  std::string employee_no;
  std::string name;
  std::string department_code;
  long contacts = 0;
  std::optional<double> adjusted;
  std::optional<double> ci90_low;
  std::optional<double> ci90_high;
};

// The model's view of one item for one employee (stats::AnalyzeItemWeakness): achievement as a
// share of the item's points, shrunken towards peers.
struct ItemFinding {
  std::string item_id;
  int contacts = 0;
  double achievement = 0;  // the employee's raw mean share of the item's points
  double peer_mean = 0;
  double shrunken_gap = 0;  // own true achievement minus peers', estimated
  double probability_weak = 0;
};

enum class Reason { kBelowScore, kBottomShare, kWeakItem };

struct PlanEntry {
  Candidate employee;
  std::vector<Reason> reasons;     // why chosen, in the order above
  std::vector<ItemFinding> items;  // what to work on, most certainly weak first
};

// Chooses the employees to coach and the items for each: items judged weak first (by
// probability), then, for employees chosen by score, their items furthest below peers, then
// those with the most room left (the lowest share of points). Sorted by
// fair score, lowest (most urgent) first; employees without a fair score are not chosen by the
// score rules; employees without a contact are never chosen. `findings` holds each employee's
// items by employee number.
Result<std::vector<PlanEntry>> SelectForCoaching(
    const std::vector<Candidate>& candidates,
    const std::map<std::string, std::vector<ItemFinding>>& findings, const PlanRules& rules);

}  // namespace chinjeol::coaching
