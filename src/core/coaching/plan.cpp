#include "core/coaching/plan.hpp"

#include <algorithm>
#include <cmath>

#include "core/coaching/coaching_repository.hpp"

namespace chinjeol::coaching {

Result<void> ValidatePlanRules(const PlanRules& rules) {
  std::vector<FieldViolation> problems;
  if (rules.below_score && !(*rules.below_score >= 0 && *rules.below_score <= 100)) {
    problems.push_back({"below_score", "must be between 0 and 100"});
  }
  if (rules.bottom_share && !(*rules.bottom_share > 0 && *rules.bottom_share <= 1)) {
    problems.push_back({"bottom_share", "must be more than 0 and at most 1"});
  }
  if (rules.weak_probability && !(*rules.weak_probability >= 0.5 && *rules.weak_probability < 1)) {
    problems.push_back({"weak_probability", "must be at least 0.5 and below 1"});
  }
  if (rules.max_items < 1 || rules.max_items > 12) {
    problems.push_back({"max_items", "must be between 1 and 12"});
  }
  if (!problems.empty()) {
    return InvalidArgument("코칭 대상 기준이 올바르지 않습니다", std::move(problems));
  }
  return Ok();
}

Result<std::vector<PlanEntry>> SelectForCoaching(
    const std::vector<Candidate>& candidates,
    const std::map<std::string, std::vector<ItemFinding>>& findings, const PlanRules& rules) {
  if (Result<void> valid = ValidatePlanRules(rules); !valid) return valid.error();
  // The score below which the bottom share lies: the k-th lowest fair score.
  std::optional<double> share_cut;
  if (rules.bottom_share) {
    std::vector<double> scores;
    for (const Candidate& c : candidates) {
      if (c.adjusted && c.contacts > 0) scores.push_back(*c.adjusted);
    }
    if (!scores.empty()) {
      std::sort(scores.begin(), scores.end());
      const auto k = static_cast<std::size_t>(
          std::max(1.0, std::ceil(*rules.bottom_share * static_cast<double>(scores.size()))));
      share_cut = scores[std::min(k, scores.size()) - 1];
    }
  }
  static const std::vector<ItemFinding> kNone;
  std::vector<PlanEntry> plan;
  for (const Candidate& candidate : candidates) {
    if (candidate.contacts == 0) continue;  // nothing observed: nothing to coach on yet
    const auto found = findings.find(candidate.employee_no);
    const std::vector<ItemFinding>& items = found == findings.end() ? kNone : found->second;
    PlanEntry entry{candidate, {}, {}};
    if (rules.below_score && candidate.adjusted && *candidate.adjusted < *rules.below_score) {
      entry.reasons.push_back(Reason::kBelowScore);
    }
    if (share_cut && candidate.adjusted && *candidate.adjusted <= *share_cut) {
      entry.reasons.push_back(Reason::kBottomShare);
    }
    std::vector<ItemFinding> weak;
    if (rules.weak_probability) {
      for (const ItemFinding& item : items) {
        if (item.probability_weak >= *rules.weak_probability) weak.push_back(item);
      }
    }
    if (!weak.empty()) entry.reasons.push_back(Reason::kWeakItem);
    if (entry.reasons.empty()) continue;
    std::sort(weak.begin(), weak.end(), [](const ItemFinding& a, const ItemFinding& b) {
      return a.probability_weak != b.probability_weak ? a.probability_weak > b.probability_weak
                                                      : a.item_id < b.item_id;
    });
    entry.items = std::move(weak);
    // Chosen by score: add the items furthest below peers.
    const bool by_score = entry.reasons.front() != Reason::kWeakItem;
    std::vector<ItemFinding> below;
    for (const ItemFinding& item : by_score ? items : kNone) {
      const bool taken =
          std::any_of(entry.items.begin(), entry.items.end(),
                      [&](const ItemFinding& w) { return w.item_id == item.item_id; });
      if (!taken && item.shrunken_gap < 0) below.push_back(item);
    }
    std::sort(below.begin(), below.end(), [](const ItemFinding& a, const ItemFinding& b) {
      return a.shrunken_gap != b.shrunken_gap ? a.shrunken_gap < b.shrunken_gap
                                              : a.item_id < b.item_id;
    });
    for (const ItemFinding& item : below) entry.items.push_back(item);
    // Then the items with the most room left (lowest share of points), where there is room.
    std::vector<ItemFinding> room;
    for (const ItemFinding& item : by_score ? items : kNone) {
      const bool taken =
          std::any_of(entry.items.begin(), entry.items.end(),
                      [&](const ItemFinding& w) { return w.item_id == item.item_id; });
      if (!taken && item.achievement < 1 - 1e-9) room.push_back(item);
    }
    std::sort(room.begin(), room.end(), [](const ItemFinding& a, const ItemFinding& b) {
      return a.achievement != b.achievement ? a.achievement < b.achievement : a.item_id < b.item_id;
    });
    for (const ItemFinding& item : room) entry.items.push_back(item);
    if (entry.items.size() > static_cast<std::size_t>(rules.max_items)) {
      entry.items.resize(static_cast<std::size_t>(rules.max_items));
    }
    plan.push_back(std::move(entry));
  }
  std::stable_sort(plan.begin(), plan.end(), [](const PlanEntry& a, const PlanEntry& b) {
    const double x = a.employee.adjusted.value_or(101), y = b.employee.adjusted.value_or(101);
    return x != y ? x < y : a.employee.employee_no < b.employee.employee_no;
  });
  return plan;
}

const char* PlanStateCode(PlanState state) {
  switch (state) {
    case PlanState::kProposed:
      return "proposed";
    case PlanState::kConfirmed:
      return "confirmed";
    case PlanState::kClosed:
      return "closed";
  }
  return "proposed";
}

}  // namespace chinjeol::coaching
