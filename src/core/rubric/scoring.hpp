#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/rubric/observation.hpp"
#include "core/rubric/rubric.hpp"

namespace chinjeol::rubric {

struct ItemScore {
  std::string item_id;
  std::optional<double> points;  // empty when the item did not apply and was left out
  double max_points = 0;
};

struct StageScore {
  std::string stage;
  double points = 0;      // earned by the items that applied (full marks count as earned)
  double max_points = 0;  // of the items that applied
};

// The points of one contact under one rubric version.
struct ContactScore {
  double total = 0;  // 0..100 (rescaled to the rubric's maximum when items were left out)
  std::vector<ItemScore> items;
  std::vector<StageScore> stages;
  bool capped = false;  // the critical cap lowered the total
};

// Whether a contact with these flags gets a score at all: UNANSWERED and VOID contacts do not
// (they are retried or rescheduled, never penalised).
bool IsScored(const std::vector<std::string>& flags);

// Scores one contact. Every rubric item needs exactly one observation of its type (or
// NotApplicable where the item allows it); flags must be the rubric's. Fails with
// kInvalidArgument naming the item or flag; fails for flags that make the contact unscored.
Result<ContactScore> ScoreContact(const Rubric& rubric,
                                  const std::vector<ItemObservation>& observations,
                                  const std::vector<std::string>& flags);

// Compact storage forms: "10,7,na,..." in rubric item order, and "opening=17/20|...".
std::string EncodeItemPoints(const ContactScore& score);
std::string EncodeStagePoints(const ContactScore& score);

}  // namespace chinjeol::rubric
