#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/channel.hpp"

namespace chinjeol::rubric {

// How an item's observation turns into points.
enum class ItemType {
  kBinary,     // observed or not: 0/1
  kTiered,     // a count against tiers, e.g. rings to answer (with an apology tier)
  kChecklist,  // sub-elements, each with its own points
  kLevel5,     // 탁월/우수/보통/미흡/부진 -> a configurable fraction of the points
};

// What "not applicable" in a contact means for an item.
enum class NotApplicablePolicy {
  kNotAllowed,  // the item always applies; "na" is an input error
  kFullMarks,   // counts as full points (e.g. no transfer needed: resolved in person)
  kRescale,     // left out; the total is rescaled over the items that applied
};

struct Tier {
  std::optional<int> max_count;  // upper bound (inclusive); empty = no bound (last tier)
  double points = 0;
  std::optional<double> points_if_apology;  // when the employee apologised for the wait
};

struct ChecklistElement {
  std::string id;
  std::string name_ko;
  std::string name_en;
  double points = 0;
};

struct Item {
  std::string id;     // "P01"
  std::string stage;  // stage code
  std::string name_ko;
  std::string name_en;
  ItemType type = ItemType::kBinary;
  double points = 0;
  NotApplicablePolicy not_applicable = NotApplicablePolicy::kNotAllowed;
  std::string observe;                     // what a tiered item counts, e.g. "ring_count"
  std::vector<Tier> tiers;                 // kTiered only, in increasing max_count order
  std::vector<ChecklistElement> elements;  // kChecklist only
  bool critical = false;  // earning zero on this item applies the rubric's critical cap
  std::string check_en;   // guidance for monitors
};

struct Stage {
  std::string code;
  std::string name_ko;
  std::string name_en;
  double points = 0;
};

struct Flag {
  std::string id;  // e.g. "UNANSWERED"
  std::string name_ko;
  std::string name_en;
};

// Flags with a meaning the scoring rules know.
inline constexpr std::string_view kFlagUnanswered = "UNANSWERED";
inline constexpr std::string_view kFlagAnsweredByColleague = "ANSWERED_BY_COLLEAGUE";
inline constexpr std::string_view kFlagLunchHour = "LUNCH_HOUR";
inline constexpr std::string_view kFlagCritical = "CRITICAL";
inline constexpr std::string_view kFlagVoid = "VOID";

// A versioned evaluation sheet for one channel. Points of the items add up to `MaxPoints()`
// (100 for the default sheets); stages group items for subtotals.
struct Rubric {
  std::string code;  // "phone-default"
  int version = 1;
  Channel channel = Channel::kPhone;
  std::string name_ko;
  std::string name_en;
  std::vector<Stage> stages;
  std::vector<Item> items;
  std::vector<Flag> flags;
  // Fraction of an item's points for levels 5 (탁월) down to 1 (부진).
  std::array<double, 5> level_fractions{1.0, 0.75, 0.5, 0.25, 0.0};
  // Upper bound on a contact's total when it carries the CRITICAL flag or earns zero on a
  // critical item; empty = the flag forces review but does not change the points.
  std::optional<double> critical_cap;

  double MaxPoints() const;
  const Item* FindItem(std::string_view id) const;
  const Flag* FindFlag(std::string_view id) const;
};

// Grade bands on the 0-100 scale, highest first (S >= 90, A >= 80, B >= 70, C below).
struct GradeBand {
  std::string grade;
  std::string name_ko;
  double min = 0;
};
std::vector<GradeBand> DefaultGradeBands();

// A rubric that is internally consistent: unique item ids, items in known stages, stage points
// equal to the sum of their items, tiers and elements where the type needs them, fractions in
// [0, 1]. Returns the problems found, each with a JSON-like path ("items/3/tiers").
std::vector<std::string> ValidateRubric(const Rubric& rubric);

}  // namespace chinjeol::rubric
