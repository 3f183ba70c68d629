#include "core/rubric/observation.hpp"

#include <algorithm>
#include <charconv>
#include <system_error>

#include "core/common/text.hpp"

namespace chinjeol::rubric {
namespace {

bool IsNaText(std::string_view text) {
  return text.size() == 2 && (text[0] == 'n' || text[0] == 'N') &&
         (text[1] == 'a' || text[1] == 'A');
}

bool AllowsNotApplicable(const Item& item) {
  return item.not_applicable != NotApplicablePolicy::kNotAllowed;
}

std::string Quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

// "ring_count" -> "ring count"; what a tiered item counts, for messages.
std::string CountName(const Item& item) {
  if (item.observe.empty()) return "count";
  std::string name = item.observe;
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

std::string ElementList(const Item& item) {
  std::vector<std::string> ids;
  ids.reserve(item.elements.size());
  for (const ChecklistElement& element : item.elements) ids.push_back(element.id);
  return Join(ids, ", ");
}

Error ItemError(const Item& item, std::string message) {
  std::vector<FieldViolation> violations;
  violations.emplace_back(item.id, message);
  return InvalidArgument(std::move(message), std::move(violations));
}

Error NotApplicableRefused(const Item& item) {
  return ItemError(item, "this item always applies, so \"na\" is not allowed; " +
                             DescribeAllowedObservation(item));
}

// A whole number of 0 or more made of ASCII digits only.
std::optional<int> ParseCount(std::string_view text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

const ChecklistElement* FindElement(const Item& item, std::string_view id) {
  for (const ChecklistElement& element : item.elements) {
    if (element.id == id) return &element;
  }
  return nullptr;
}

// Checks element ids against the item and returns them in the item's element order.
Result<std::vector<std::string>> CanonicalElements(const Item& item,
                                                   const std::vector<std::string>& ids) {
  std::vector<std::string> seen;
  for (const std::string& id : ids) {
    if (FindElement(item, id) == nullptr) {
      return ItemError(item,
                       "unknown element " + Quote(id) + "; " + DescribeAllowedObservation(item));
    }
    if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
      return ItemError(item, "element " + Quote(id) + " is listed twice");
    }
    seen.push_back(id);
  }
  std::vector<std::string> ordered;
  for (const ChecklistElement& element : item.elements) {
    if (std::find(seen.begin(), seen.end(), element.id) != seen.end()) {
      ordered.push_back(element.id);
    }
  }
  return ordered;
}

const char* ObservationKind(const Observation& observation) {
  struct Kind {
    const char* operator()(const NotApplicable&) const { return "na"; }
    const char* operator()(const BinaryObservation&) const { return "a binary observation"; }
    const char* operator()(const LevelObservation&) const { return "a level"; }
    const char* operator()(const CountObservation&) const { return "a count"; }
    const char* operator()(const ChecklistObservation&) const { return "a checklist"; }
  };
  return std::visit(Kind{}, observation);
}

bool HasItemType(const Observation& observation, ItemType type) {
  switch (type) {
    case ItemType::kBinary:
      return std::holds_alternative<BinaryObservation>(observation);
    case ItemType::kTiered:
      return std::holds_alternative<CountObservation>(observation);
    case ItemType::kChecklist:
      return std::holds_alternative<ChecklistObservation>(observation);
    case ItemType::kLevel5:
      return std::holds_alternative<LevelObservation>(observation);
  }
  return false;
}

}  // namespace

std::string DescribeAllowedObservation(const Item& item) {
  std::string text;
  switch (item.type) {
    case ItemType::kBinary:
      text = "must be 0 or 1";
      break;
    case ItemType::kLevel5:
      text = "level must be 1-5 (5 = 탁월)";
      break;
    case ItemType::kTiered:
      text = CountName(item) +
             " must be a whole number of 0 or more, with a trailing \"a\" when the employee "
             "apologised (e.g. \"4a\")";
      break;
    case ItemType::kChecklist:
      text = "list the elements observed, separated by \";\" (empty = none), from: " +
             ElementList(item);
      break;
  }
  if (AllowsNotApplicable(item)) {
    text += item.type == ItemType::kChecklist ? "; or na" : " or na";
  }
  return text;
}

Result<Observation> ParseObservation(const Item& item, std::string_view cell) {
  const std::string_view text = Trim(cell);
  if (IsNaText(text)) {
    if (!AllowsNotApplicable(item)) return NotApplicableRefused(item);
    return Observation(NotApplicable{});
  }
  const auto refuse = [&] {
    return ItemError(item, DescribeAllowedObservation(item) + ", got " + Quote(text));
  };
  switch (item.type) {
    case ItemType::kBinary:
      if (text == "0" || text == "1") return Observation(BinaryObservation{text == "1"});
      return refuse();
    case ItemType::kLevel5:
      if (text.size() == 1 && text[0] >= '1' && text[0] <= '5') {
        return Observation(LevelObservation{text[0] - '0'});
      }
      return refuse();
    case ItemType::kTiered: {
      const bool apologised = !text.empty() && (text.back() == 'a' || text.back() == 'A');
      const std::optional<int> count =
          ParseCount(apologised ? text.substr(0, text.size() - 1) : text);
      if (!count) return refuse();
      return Observation(CountObservation{*count, apologised});
    }
    case ItemType::kChecklist: {
      // One pass over views of the cell (this runs for every checklist cell of an import).
      std::vector<std::string_view> ids;
      for (std::string_view rest = text; !rest.empty();) {
        const std::size_t end = rest.find(';');
        const std::string_view id = Trim(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        if (id.empty()) continue;
        if (FindElement(item, id) == nullptr) {
          return ItemError(
              item, "unknown element " + Quote(id) + "; " + DescribeAllowedObservation(item));
        }
        if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
          return ItemError(item, "element " + Quote(id) + " is listed twice");
        }
        ids.push_back(id);
      }
      ChecklistObservation checklist;
      checklist.elements.reserve(ids.size());
      for (const ChecklistElement& element : item.elements) {
        if (std::find(ids.begin(), ids.end(), element.id) != ids.end()) {
          checklist.elements.push_back(element.id);
        }
      }
      return Observation(std::move(checklist));
    }
  }
  return refuse();
}

Result<void> CheckObservation(const Item& item, const Observation& observation) {
  if (std::holds_alternative<NotApplicable>(observation)) {
    if (!AllowsNotApplicable(item)) return NotApplicableRefused(item);
    return Ok();
  }
  if (!HasItemType(observation, item.type)) {
    return ItemError(item, std::string("wrong kind of observation for a ") +
                               ItemTypeCode(item.type) + " item: got " +
                               ObservationKind(observation) + "; " +
                               DescribeAllowedObservation(item));
  }
  if (const auto* level = std::get_if<LevelObservation>(&observation)) {
    if (level->level < 1 || level->level > 5) {
      return ItemError(item,
                       DescribeAllowedObservation(item) + ", got " + std::to_string(level->level));
    }
  }
  if (const auto* count = std::get_if<CountObservation>(&observation)) {
    if (count->count < 0) {
      return ItemError(item,
                       DescribeAllowedObservation(item) + ", got " + std::to_string(count->count));
    }
  }
  if (const auto* checklist = std::get_if<ChecklistObservation>(&observation)) {
    Result<std::vector<std::string>> elements = CanonicalElements(item, checklist->elements);
    if (!elements) return elements.error();
  }
  return Ok();
}

std::string FormatObservation(const Observation& observation) {
  struct Format {
    std::string operator()(const NotApplicable&) const { return "na"; }
    std::string operator()(const BinaryObservation& binary) const {
      return binary.observed ? "1" : "0";
    }
    std::string operator()(const LevelObservation& level) const {
      return std::to_string(level.level);
    }
    std::string operator()(const CountObservation& count) const {
      return std::to_string(count.count) + (count.apologised ? "a" : "");
    }
    std::string operator()(const ChecklistObservation& checklist) const {
      return Join(checklist.elements, ";");
    }
  };
  return std::visit(Format{}, observation);
}

std::string EncodeObservations(const std::vector<ItemObservation>& observations) {
  std::string text;
  text.reserve(observations.size() * 8);
  for (const ItemObservation& observation : observations) {
    if (!text.empty()) text += '|';
    text += observation.item_id;
    text += '=';
    text += FormatObservation(observation.observation);
  }
  return text;
}

Result<std::vector<ItemObservation>> DecodeObservations(const Rubric& rubric,
                                                        std::string_view text) {
  std::vector<ItemObservation> observations;
  if (Trim(text).empty()) return observations;
  for (const std::string& part : SplitList(text, '|')) {
    const std::size_t equals = part.find('=');
    if (equals == std::string::npos || equals == 0) {
      return InvalidArgument("observation " + Quote(part) +
                             " is not in the form item=observation, e.g. \"P01=4a\"");
    }
    const std::string id(Trim(std::string_view(part).substr(0, equals)));
    const std::string_view cell = std::string_view(part).substr(equals + 1);
    const Item* item = rubric.FindItem(id);
    if (item == nullptr) {
      std::string message =
          "not an item of rubric " + rubric.code + " version " + std::to_string(rubric.version);
      std::vector<FieldViolation> violations;
      violations.emplace_back(id, message);
      return InvalidArgument(id + ": " + message, std::move(violations));
    }
    if (IsNaText(Trim(cell))) {
      observations.push_back({id, NotApplicable{}});
      continue;
    }
    Result<Observation> observation = ParseObservation(*item, cell);
    if (!observation) return observation.error();
    observations.push_back({id, std::move(*observation)});
  }
  return observations;
}

}  // namespace chinjeol::rubric
