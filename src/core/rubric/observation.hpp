#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/common/result.hpp"
#include "core/rubric/rubric.hpp"

namespace chinjeol::rubric {

// What the monitor saw for one item, before any points are given. Storing observations rather
// than points lets a later rubric version re-score history.
struct NotApplicable {
  friend bool operator==(const NotApplicable&, const NotApplicable&) = default;
};
struct BinaryObservation {
  bool observed = false;
  friend bool operator==(const BinaryObservation&, const BinaryObservation&) = default;
};
struct LevelObservation {
  int level = 3;  // 1 (부진) .. 5 (탁월)
  friend bool operator==(const LevelObservation&, const LevelObservation&) = default;
};
struct CountObservation {
  int count = 0;  // e.g. rings before pick-up
  bool apologised = false;
  friend bool operator==(const CountObservation&, const CountObservation&) = default;
};
struct ChecklistObservation {
  std::vector<std::string> elements;  // ids of the elements observed
  friend bool operator==(const ChecklistObservation&, const ChecklistObservation&) = default;
};

using Observation = std::variant<NotApplicable, BinaryObservation, LevelObservation,
                                 CountObservation, ChecklistObservation>;

struct ItemObservation {
  std::string item_id;
  Observation observation;
  friend bool operator==(const ItemObservation&, const ItemObservation&) = default;
};

// What a cell or observation for `item` may hold, as used in error messages, e.g.
// "level must be 1-5 (5 = 탁월)" or "must be 0 or 1 or na".
std::string DescribeAllowedObservation(const Item& item);

// Reads one cell of an evaluations file for `item` (CONTRACT.md: binary 0/1, level5 1-5,
// tiered the count with an optional trailing "a" for an apology, checklist the ";"-separated
// element ids, "na" = not applicable). Surrounding spaces are ignored; checklist elements come
// back in the item's element order. kInvalidArgument with a message naming what is allowed and
// one FieldViolation whose field is the item id.
Result<Observation> ParseObservation(const Item& item, std::string_view cell);

// Whether `observation` is one `item` accepts: the right type, a level in 1-5, a count of 0 or
// more, known and distinct elements, NotApplicable only where the item allows it.
// kInvalidArgument with one FieldViolation whose field is the item id.
Result<void> CheckObservation(const Item& item, const Observation& observation);

// The cell text that ParseObservation reads back to the same observation.
std::string FormatObservation(const Observation& observation);

// Compact storage form of a contact's observations: "P01=4a|P02=greeting;name|P03=na".
std::string EncodeObservations(const std::vector<ItemObservation>& observations);
// Reads the EncodeObservations form back. The text carries no item types ("4" may be a level or
// a count), so the rubric the observations were made under supplies them. "na" is read for any
// item, so that history stays readable; ScoreContact checks the item's policy. Completeness and
// duplicates are left to ScoreContact too. kInvalidArgument (field = the item id where known)
// when a part is not "id=cell", names an item the rubric lacks, or the cell does not parse.
Result<std::vector<ItemObservation>> DecodeObservations(const Rubric& rubric,
                                                        std::string_view text);

}  // namespace chinjeol::rubric
