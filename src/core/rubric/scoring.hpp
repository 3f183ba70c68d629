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
  friend bool operator==(const ItemScore&, const ItemScore&) = default;
};

struct StageScore {
  std::string stage;
  double points = 0;      // earned by the items that applied (full marks count as earned)
  double max_points = 0;  // of the items that applied
  friend bool operator==(const StageScore&, const StageScore&) = default;
};

// The points of one contact under one rubric version, items and stages in rubric order.
struct ContactScore {
  // 0..100: 100 * earned / (maximum of the items that applied), so a rubric of 100 points with
  // nothing left out gives the earned points themselves.
  double total = 0;
  std::vector<ItemScore> items;
  std::vector<StageScore> stages;
  // The critical cap applied (CRITICAL flag, or zero on a critical item, with a cap set), so the
  // total is at most the cap; true even when the total was already below it.
  bool capped = false;
  friend bool operator==(const ContactScore&, const ContactScore&) = default;
};

// Whether a contact with these flags gets a score at all: UNANSWERED and VOID contacts do not
// (they are retried or rescheduled, never penalised).
bool IsScored(const std::vector<std::string>& flags);

// Scores one contact. Every rubric item needs exactly one observation of its type (or
// NotApplicable where the item allows it); flags must be the rubric's, each once. Fails with
// kInvalidArgument holding one FieldViolation per problem, whose field is the item id or
// "flags": missing, unknown, duplicate or ill-typed observations, unknown or repeated flags,
// flags that make the contact unscored (UNANSWERED, VOID: check IsScored first), and contacts
// where every item is not applicable.
Result<ContactScore> ScoreContact(const Rubric& rubric,
                                  const std::vector<ItemObservation>& observations,
                                  const std::vector<std::string>& flags);

// The one way a contact sheet gets its score: none for an unanswered or void contact (see
// IsScored), ScoreContact's score otherwise, with its kInvalidArgument when the sheet is not
// complete or breaks the rubric.
Result<std::optional<ContactScore>> ScoreSheet(const Rubric& rubric,
                                               const std::vector<ItemObservation>& observations,
                                               const std::vector<std::string>& flags);

// Stage subtotals of item scores (given in rubric item order), in the rubric's stage order:
// points and maximum of the items that applied.
std::vector<StageScore> StageSubtotals(const Rubric& rubric, const std::vector<ItemScore>& items);

// Compact forms, numbers as FormatPoints writes them: "10,7,na,..." in rubric item order (the
// stored form; stage subtotals follow from it), and the readable "opening=17/20|...".
std::string EncodeItemPoints(const ContactScore& score);
std::string EncodeStagePoints(const ContactScore& score);

}  // namespace chinjeol::rubric
