#include "core/rubric/scoring.hpp"

#include <algorithm>
#include <map>

#include "core/common/text.hpp"

namespace chinjeol::rubric {
namespace {

constexpr std::string_view kFlagsField = "flags";

std::string Quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

bool Contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string FlagList(const Rubric& rubric) {
  std::vector<std::string> ids;
  ids.reserve(rubric.flags.size());
  for (const Flag& flag : rubric.flags) ids.push_back(flag.id);
  return ids.empty() ? "none" : Join(ids, ", ");
}

void CheckFlags(const Rubric& rubric, const std::vector<std::string>& flags,
                std::vector<FieldViolation>& violations) {
  std::vector<std::string> seen;
  for (const std::string& flag : flags) {
    if (rubric.FindFlag(flag) == nullptr) {
      violations.emplace_back(
          std::string(kFlagsField),
          "unknown flag " + Quote(flag) + "; this rubric's flags are " + FlagList(rubric));
    } else if (Contains(seen, flag)) {
      violations.emplace_back(std::string(kFlagsField), "flag " + Quote(flag) + " is listed twice");
    } else if (flag == kFlagUnanswered || flag == kFlagVoid) {
      violations.emplace_back(std::string(kFlagsField),
                              flag + " contacts are not scored (they are retried or rescheduled)");
    }
    seen.push_back(flag);
  }
}

// The observation of each rubric item, or null where a problem was recorded.
// A cheap, allocation-free form of CheckObservation for the usual, valid case.
bool IsValidObservation(const Item& item, const Observation& observation) {
  if (std::holds_alternative<NotApplicable>(observation)) {
    return item.not_applicable != NotApplicablePolicy::kNotAllowed;
  }
  switch (item.type) {
    case ItemType::kBinary:
      return std::holds_alternative<BinaryObservation>(observation);
    case ItemType::kLevel5: {
      const auto* level = std::get_if<LevelObservation>(&observation);
      return level != nullptr && level->level >= 1 && level->level <= 5;
    }
    case ItemType::kTiered: {
      const auto* count = std::get_if<CountObservation>(&observation);
      return count != nullptr && count->count >= 0;
    }
    case ItemType::kChecklist: {
      const auto* checklist = std::get_if<ChecklistObservation>(&observation);
      if (checklist == nullptr) return false;
      for (std::size_t i = 0; i < checklist->elements.size(); ++i) {
        const std::string& id = checklist->elements[i];
        const bool known = std::any_of(item.elements.begin(), item.elements.end(),
                                       [&](const ChecklistElement& e) { return e.id == id; });
        const bool repeated =
            std::find(checklist->elements.begin(), checklist->elements.begin() + i, id) !=
            checklist->elements.begin() + i;
        if (!known || repeated) return false;
      }
      return true;
    }
  }
  return false;
}

std::vector<const Observation*> MatchObservations(const Rubric& rubric,
                                                  const std::vector<ItemObservation>& observations,
                                                  std::vector<FieldViolation>& violations) {
  std::vector<const Observation*> matched;
  matched.reserve(rubric.items.size());
  // Usual case: one observation per item, in the rubric's order (as imports and forms give
  // them). The general matching below also names what is wrong.
  const bool in_rubric_order =
      observations.size() == rubric.items.size() &&
      std::equal(observations.begin(), observations.end(), rubric.items.begin(),
                 [](const ItemObservation& observation, const Item& item) {
                   return observation.item_id == item.id;
                 });
  if (in_rubric_order) {
    bool all_valid = true;
    for (std::size_t i = 0; i < observations.size() && all_valid; ++i) {
      all_valid = IsValidObservation(rubric.items[i], observations[i].observation);
      matched.push_back(&observations[i].observation);
    }
    if (all_valid) return matched;
    matched.clear();
  }

  std::map<std::string, const Observation*, std::less<>> by_item;
  for (const ItemObservation& observation : observations) {
    if (rubric.FindItem(observation.item_id) == nullptr) {
      violations.emplace_back(
          observation.item_id,
          "not an item of rubric " + rubric.code + " version " + std::to_string(rubric.version));
    } else if (!by_item.emplace(observation.item_id, &observation.observation).second) {
      violations.emplace_back(observation.item_id, "the item has more than one observation");
    }
  }
  for (const Item& item : rubric.items) {
    const auto found = by_item.find(item.id);
    if (found == by_item.end()) {
      violations.emplace_back(item.id, "missing observation; " + DescribeAllowedObservation(item));
      matched.push_back(nullptr);
      continue;
    }
    if (Result<void> checked = CheckObservation(item, *found->second); !checked) {
      violations.push_back(checked.error().violations().front());
      matched.push_back(nullptr);
      continue;
    }
    matched.push_back(found->second);
  }
  return matched;
}

double TieredPoints(const Item& item, const CountObservation& count) {
  for (const Tier& tier : item.tiers) {
    if (tier.max_count && count.count > *tier.max_count) continue;
    if (count.apologised && tier.points_if_apology) return *tier.points_if_apology;
    return tier.points;
  }
  return 0;  // Only a rubric that ValidateRubric refuses lacks an unbounded last tier.
}

double ChecklistPoints(const Item& item, const ChecklistObservation& checklist) {
  double points = 0;
  for (const ChecklistElement& element : item.elements) {
    if (Contains(checklist.elements, element.id)) points += element.points;
  }
  return points;
}

// Points earned on an item that applied; NotApplicable reaches here only with kFullMarks.
double ItemPoints(const Rubric& rubric, const Item& item, const Observation& observation) {
  struct Points {
    const Rubric& rubric;
    const Item& item;
    double operator()(const NotApplicable&) const { return item.points; }
    double operator()(const BinaryObservation& binary) const {
      return binary.observed ? item.points : 0;
    }
    double operator()(const LevelObservation& level) const {
      return item.points * rubric.level_fractions[static_cast<std::size_t>(5 - level.level)];
    }
    double operator()(const CountObservation& count) const { return TieredPoints(item, count); }
    double operator()(const ChecklistObservation& checklist) const {
      return ChecklistPoints(item, checklist);
    }
  };
  return std::visit(Points{rubric, item}, observation);
}

Error ScoringError(std::vector<FieldViolation> violations) {
  const FieldViolation& first = violations.front();
  std::string message = first.field + ": " + first.message;
  if (violations.size() > 1) {
    message += " (and " + std::to_string(violations.size() - 1) + " more)";
  }
  return InvalidArgument(std::move(message), std::move(violations));
}

}  // namespace

bool IsScored(const std::vector<std::string>& flags) {
  return !Contains(flags, kFlagUnanswered) && !Contains(flags, kFlagVoid);
}

Result<std::optional<ContactScore>> ScoreSheet(const Rubric& rubric,
                                               const std::vector<ItemObservation>& observations,
                                               const std::vector<std::string>& flags) {
  if (!IsScored(flags)) return std::optional<ContactScore>();
  Result<ContactScore> score = ScoreContact(rubric, observations, flags);
  if (!score) return score.error();
  return std::optional<ContactScore>(*std::move(score));
}

Result<ContactScore> ScoreContact(const Rubric& rubric,
                                  const std::vector<ItemObservation>& observations,
                                  const std::vector<std::string>& flags) {
  if (rubric.items.empty()) {
    return InvalidArgument("rubric " + rubric.code + " has no items to score");
  }
  std::vector<FieldViolation> violations;
  CheckFlags(rubric, flags, violations);
  const std::vector<const Observation*> matched =
      MatchObservations(rubric, observations, violations);
  if (!violations.empty()) return ScoringError(std::move(violations));

  const bool all_not_applicable =
      std::all_of(matched.begin(), matched.end(), [](const Observation* observation) {
        return std::holds_alternative<NotApplicable>(*observation);
      });
  if (all_not_applicable) {
    violations.emplace_back(rubric.items.front().id,
                            "every item is marked na; at least one item must be observed");
    return ScoringError(std::move(violations));
  }

  ContactScore score;
  double earned = 0;
  double applicable_max = 0;
  bool critical = Contains(flags, kFlagCritical);
  for (std::size_t i = 0; i < rubric.items.size(); ++i) {
    const Item& item = rubric.items[i];
    const Observation& observation = *matched[i];
    ItemScore item_score{item.id, std::nullopt, item.points};
    const bool left_out = std::holds_alternative<NotApplicable>(observation) &&
                          item.not_applicable == NotApplicablePolicy::kRescale;
    if (!left_out) {
      const double points = ItemPoints(rubric, item, observation);
      item_score.points = points;
      earned += points;
      applicable_max += item.points;
      if (item.critical && points == 0) critical = true;
    }
    score.items.push_back(std::move(item_score));
  }
  score.stages = StageSubtotals(rubric, score.items);

  // One rounding only: with points in halves or quarters, 100 * earned is exact, so a 100-point
  // rubric gives the earned points themselves and a perfect rescaled contact gives exactly 100.
  score.total = applicable_max > 0 ? 100.0 * earned / applicable_max : 0;
  if (critical && rubric.critical_cap) {
    score.total = std::min(score.total, *rubric.critical_cap);
    score.capped = true;
  }
  return score;
}

std::vector<StageScore> StageSubtotals(const Rubric& rubric, const std::vector<ItemScore>& items) {
  std::vector<StageScore> stages(rubric.stages.size());
  for (std::size_t k = 0; k < rubric.stages.size(); ++k) stages[k].stage = rubric.stages[k].code;
  for (std::size_t i = 0; i < items.size() && i < rubric.items.size(); ++i) {
    if (!items[i].points) continue;  // left out: neither earned nor possible
    for (StageScore& stage : stages) {
      if (stage.stage != rubric.items[i].stage) continue;
      stage.points += *items[i].points;
      stage.max_points += rubric.items[i].points;
      break;
    }
  }
  return stages;
}

std::string EncodeItemPoints(const ContactScore& score) {
  std::string text;
  text.reserve(score.items.size() * 4);
  for (const ItemScore& item : score.items) {
    if (!text.empty()) text += ',';
    text += item.points ? FormatPoints(*item.points) : "na";
  }
  return text;
}

std::string EncodeStagePoints(const ContactScore& score) {
  std::string text;
  text.reserve(score.stages.size() * 24);
  for (const StageScore& stage : score.stages) {
    if (!text.empty()) text += '|';
    text += stage.stage;
    text += '=';
    text += FormatPoints(stage.points);
    text += '/';
    text += FormatPoints(stage.max_points);
  }
  return text;
}

}  // namespace chinjeol::rubric
