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

// The type's code in rubric files ("binary", "tiered", "checklist", "level5") and back.
const char* ItemTypeCode(ItemType type);
std::optional<ItemType> ParseItemType(std::string_view code);

// What "not applicable" in a contact means for an item.
enum class NotApplicablePolicy {
  kNotAllowed,  // the item always applies; "na" is an input error
  kFullMarks,   // counts as full points (e.g. no transfer needed: resolved in person)
  kRescale,     // left out; the total is rescaled over the items that applied
};

// The policy's code in rubric files ("not_allowed", "full_marks", "rescale") and back.
const char* NotApplicablePolicyCode(NotApplicablePolicy policy);
std::optional<NotApplicablePolicy> ParseNotApplicablePolicy(std::string_view code);

struct Tier {
  std::optional<int> max_count;  // upper bound (inclusive); empty = no bound (last tier)
  double points = 0;
  std::optional<double> points_if_apology;  // when the employee apologised for the wait

  friend bool operator==(const Tier&, const Tier&) = default;
};

struct ChecklistElement {
  std::string id;
  std::string name_ko;
  std::string name_en;
  double points = 0;

  friend bool operator==(const ChecklistElement&, const ChecklistElement&) = default;
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

  friend bool operator==(const Item&, const Item&) = default;
};

struct Stage {
  std::string code;
  std::string name_ko;
  std::string name_en;
  double points = 0;

  friend bool operator==(const Stage&, const Stage&) = default;
};

struct Flag {
  std::string id;  // e.g. "UNANSWERED"
  std::string name_ko;
  std::string name_en;

  friend bool operator==(const Flag&, const Flag&) = default;
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

  friend bool operator==(const Rubric&, const Rubric&) = default;
};

// Grade bands on the 0-100 scale, highest first (S >= 90, A >= 80, B >= 70, C below).
struct GradeBand {
  std::string grade;
  std::string name_ko;
  double min = 0;

  friend bool operator==(const GradeBand&, const GradeBand&) = default;
};
std::vector<GradeBand> DefaultGradeBands();

// Bands that give every score on the 0-100 scale exactly one grade: at least one band, distinct
// non-empty grades, minimums in [0, 100] falling strictly from the first band, the last at 0.
// Returns the problems found as "grade_bands/1/min: problem"; empty when consistent.
std::vector<std::string> ValidateGradeBands(const std::vector<GradeBand>& bands);

// A rubric that is internally consistent: unique item ids, items in known stages, stage points
// equal to the sum of their items, tiers and elements where the type needs them, fractions in
// [0, 1]. Returns the problems found, each as "path: problem" with a JSON-like path relative to
// the rubric ("items/3/tiers: a tiered item needs at least one tier"); empty when consistent.
std::vector<std::string> ValidateRubric(const Rubric& rubric);

// Points as the shortest decimal that reads back to the same value: "10", "7.5", "11.25".
std::string FormatPoints(double points);

}  // namespace chinjeol::rubric
