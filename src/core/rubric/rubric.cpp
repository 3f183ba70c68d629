#include "core/rubric/rubric.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <system_error>

namespace chinjeol::rubric {
namespace {

// Ids end up in ";"-separated cells and "id=value|..." storage strings, so they must not
// contain those separators.
bool IsValidId(std::string_view id) {
  return !id.empty() && id.find_first_of("=|;, \t\r\n") == std::string_view::npos;
}

bool IsNaText(std::string_view text) {
  return text.size() == 2 && (text[0] == 'n' || text[0] == 'N') &&
         (text[1] == 'a' || text[1] == 'A');
}

bool NearlyEqual(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

std::string Quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string Path(std::string_view list, std::size_t index) {
  return std::string(list) + "/" + std::to_string(index);
}

// Collects "path: problem" lines.
class Problems {
 public:
  void Add(const std::string& path, const std::string& problem) {
    lines_.push_back(path + ": " + problem);
  }
  std::vector<std::string> Take() { return std::move(lines_); }

 private:
  std::vector<std::string> lines_;
};

constexpr std::string_view kIdRule = "must not be empty or contain spaces or any of = | ; ,";

void ValidateTiers(const Item& item, const std::string& path, Problems& problems) {
  if (item.tiers.empty()) {
    problems.Add(path + "/tiers", "a tiered item needs at least one tier");
    return;
  }
  std::optional<int> previous;
  for (std::size_t j = 0; j < item.tiers.size(); ++j) {
    const Tier& tier = item.tiers[j];
    const std::string tier_path = path + "/" + Path("tiers", j);
    const bool last = j + 1 == item.tiers.size();
    if (!tier.max_count && !last) {
      problems.Add(tier_path + "/max_count", "only the last tier may be unbounded (null)");
    }
    if (tier.max_count && last) {
      problems.Add(tier_path + "/max_count",
                   "the last tier must be unbounded (null) so that every count has a tier");
    }
    if (tier.max_count && *tier.max_count < 0) {
      problems.Add(tier_path + "/max_count",
                   "must be 0 or more, got " + std::to_string(*tier.max_count));
    } else if (tier.max_count && previous && *tier.max_count <= *previous) {
      problems.Add(tier_path + "/max_count", "must be above the previous tier's " +
                                                 std::to_string(*previous) + ", got " +
                                                 std::to_string(*tier.max_count));
    }
    if (tier.max_count) previous = tier.max_count;
    const auto check_points = [&](double points, const std::string& field) {
      if (!(points >= 0 && points <= item.points)) {
        problems.Add(tier_path + "/" + field, "must be between 0 and the item's " +
                                                  FormatPoints(item.points) + " points, got " +
                                                  FormatPoints(points));
      }
    };
    check_points(tier.points, "points");
    if (tier.points_if_apology) check_points(*tier.points_if_apology, "points_if_apology");
  }
}

void ValidateElements(const Item& item, const std::string& path, Problems& problems) {
  if (item.elements.empty()) {
    problems.Add(path + "/elements", "a checklist item needs at least one element");
    return;
  }
  std::set<std::string, std::less<>> ids;
  double sum = 0;
  for (std::size_t j = 0; j < item.elements.size(); ++j) {
    const ChecklistElement& element = item.elements[j];
    const std::string element_path = path + "/" + Path("elements", j);
    if (!IsValidId(element.id)) {
      problems.Add(element_path + "/id", std::string(kIdRule));
    } else if (IsNaText(element.id)) {
      problems.Add(element_path + "/id", "must not be \"na\", which marks an item not applicable");
    } else if (!ids.insert(element.id).second) {
      problems.Add(element_path + "/id", "element " + Quote(element.id) + " appears twice");
    }
    if (!(element.points >= 0 && std::isfinite(element.points))) {
      problems.Add(element_path + "/points",
                   "must be 0 or more, got " + FormatPoints(element.points));
    }
    sum += element.points;
  }
  if (!NearlyEqual(sum, item.points)) {
    problems.Add(path + "/elements", "element points add up to " + FormatPoints(sum) +
                                         ", not the item's " + FormatPoints(item.points));
  }
}

void ValidateItems(const Rubric& rubric, Problems& problems) {
  if (rubric.items.empty()) {
    problems.Add("items", "a rubric needs at least one item");
    return;
  }
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < rubric.items.size(); ++i) {
    const Item& item = rubric.items[i];
    const std::string path = Path("items", i);
    if (!IsValidId(item.id)) {
      problems.Add(path + "/id", std::string(kIdRule));
    } else if (!ids.insert(item.id).second) {
      problems.Add(path + "/id", "item " + Quote(item.id) + " appears twice");
    }
    const bool known_stage =
        std::any_of(rubric.stages.begin(), rubric.stages.end(),
                    [&](const Stage& stage) { return stage.code == item.stage; });
    if (!known_stage) problems.Add(path + "/stage", "unknown stage " + Quote(item.stage));
    if (!(item.points > 0 && std::isfinite(item.points))) {
      problems.Add(path + "/points", "must be more than 0, got " + FormatPoints(item.points));
    }
    if (item.type == ItemType::kTiered) {
      ValidateTiers(item, path, problems);
    } else if (!item.tiers.empty()) {
      problems.Add(path + "/tiers", "only tiered items have tiers");
    }
    if (item.type == ItemType::kChecklist) {
      ValidateElements(item, path, problems);
    } else if (!item.elements.empty()) {
      problems.Add(path + "/elements", "only checklist items have elements");
    }
  }
}

void ValidateStages(const Rubric& rubric, Problems& problems) {
  if (rubric.stages.empty()) {
    problems.Add("stages", "a rubric needs at least one stage");
    return;
  }
  std::set<std::string, std::less<>> codes;
  for (std::size_t i = 0; i < rubric.stages.size(); ++i) {
    const Stage& stage = rubric.stages[i];
    const std::string path = Path("stages", i);
    if (!IsValidId(stage.code)) {
      problems.Add(path + "/code", std::string(kIdRule));
    } else if (!codes.insert(stage.code).second) {
      problems.Add(path + "/code", "stage " + Quote(stage.code) + " appears twice");
      continue;  // its items were counted for the first stage of that code
    }
    double sum = 0;
    for (const Item& item : rubric.items) {
      if (item.stage == stage.code) sum += item.points;
    }
    if (!NearlyEqual(sum, stage.points)) {
      problems.Add(path + "/points", "the stage has " + FormatPoints(stage.points) +
                                         " points but its items add up to " + FormatPoints(sum));
    }
  }
}

void ValidateFlags(const Rubric& rubric, Problems& problems) {
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < rubric.flags.size(); ++i) {
    const Flag& flag = rubric.flags[i];
    const std::string path = Path("flags", i) + "/id";
    if (!IsValidId(flag.id)) {
      problems.Add(path, std::string(kIdRule));
    } else if (!ids.insert(flag.id).second) {
      problems.Add(path, "flag " + Quote(flag.id) + " appears twice");
    }
  }
}

void ValidateScale(const Rubric& rubric, Problems& problems) {
  for (std::size_t i = 0; i < rubric.level_fractions.size(); ++i) {
    const double fraction = rubric.level_fractions[i];
    if (!(fraction >= 0 && fraction <= 1)) {
      problems.Add(Path("level_fractions", i),
                   "must be between 0 and 1, got " + FormatPoints(fraction));
    } else if (i > 0 && fraction > rubric.level_fractions[i - 1]) {
      problems.Add(Path("level_fractions", i),
                   "fractions must not rise from level 5 (탁월) down to level 1 (부진)");
    }
  }
  if (rubric.critical_cap && !(*rubric.critical_cap >= 0 && *rubric.critical_cap <= 100)) {
    problems.Add("critical_cap",
                 "must be between 0 and 100, got " + FormatPoints(*rubric.critical_cap));
  }
}

}  // namespace

const char* ItemTypeCode(ItemType type) {
  switch (type) {
    case ItemType::kBinary:
      return "binary";
    case ItemType::kTiered:
      return "tiered";
    case ItemType::kChecklist:
      return "checklist";
    case ItemType::kLevel5:
      return "level5";
  }
  return "binary";
}

std::optional<ItemType> ParseItemType(std::string_view code) {
  for (ItemType type :
       {ItemType::kBinary, ItemType::kTiered, ItemType::kChecklist, ItemType::kLevel5}) {
    if (code == ItemTypeCode(type)) return type;
  }
  return std::nullopt;
}

const char* NotApplicablePolicyCode(NotApplicablePolicy policy) {
  switch (policy) {
    case NotApplicablePolicy::kNotAllowed:
      return "not_allowed";
    case NotApplicablePolicy::kFullMarks:
      return "full_marks";
    case NotApplicablePolicy::kRescale:
      return "rescale";
  }
  return "not_allowed";
}

std::optional<NotApplicablePolicy> ParseNotApplicablePolicy(std::string_view code) {
  for (NotApplicablePolicy policy :
       {NotApplicablePolicy::kNotAllowed, NotApplicablePolicy::kFullMarks,
        NotApplicablePolicy::kRescale}) {
    if (code == NotApplicablePolicyCode(policy)) return policy;
  }
  return std::nullopt;
}

double Rubric::MaxPoints() const {
  double total = 0;
  for (const Item& item : items) total += item.points;
  return total;
}

const Item* Rubric::FindItem(std::string_view id) const {
  for (const Item& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

const Flag* Rubric::FindFlag(std::string_view id) const {
  for (const Flag& flag : flags) {
    if (flag.id == id) return &flag;
  }
  return nullptr;
}

std::vector<GradeBand> DefaultGradeBands() {
  return {{"S", "매우우수", 90}, {"A", "우수", 80}, {"B", "보통", 70}, {"C", "미흡", 0}};
}

std::vector<std::string> ValidateGradeBands(const std::vector<GradeBand>& bands) {
  Problems problems;
  if (bands.empty()) {
    problems.Add("grade_bands", "at least one grade band is needed");
    return problems.Take();
  }
  std::set<std::string, std::less<>> grades;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const GradeBand& band = bands[i];
    const std::string path = Path("grade_bands", i);
    if (band.grade.empty()) {
      problems.Add(path + "/grade", "must not be empty");
    } else if (!grades.insert(band.grade).second) {
      problems.Add(path + "/grade", "grade " + Quote(band.grade) + " appears twice");
    }
    if (!(band.min >= 0 && band.min <= 100)) {
      problems.Add(path + "/min", "must be between 0 and 100, got " + FormatPoints(band.min));
    } else if (i > 0 && band.min >= bands[i - 1].min) {
      problems.Add(path + "/min", "must be below the minimum of the band above (" +
                                      FormatPoints(bands[i - 1].min) + "), got " +
                                      FormatPoints(band.min));
    }
  }
  if (bands.back().min != 0) {
    problems.Add(Path("grade_bands", bands.size() - 1) + "/min",
                 "the lowest band must start at 0 so that every score has a grade, got " +
                     FormatPoints(bands.back().min));
  }
  return problems.Take();
}

std::vector<std::string> ValidateRubric(const Rubric& rubric) {
  Problems problems;
  if (!IsValidId(rubric.code)) problems.Add("code", std::string(kIdRule));
  if (rubric.version < 1) {
    problems.Add("version", "must be 1 or more, got " + std::to_string(rubric.version));
  }
  ValidateStages(rubric, problems);
  ValidateItems(rubric, problems);
  ValidateFlags(rubric, problems);
  ValidateScale(rubric, problems);
  return problems.Take();
}

std::string FormatPoints(double points) {
  // Adding 0.0 turns -0 into 0. The fixed format without a precision gives the shortest digits
  // that read back to the same double, and never an exponent.
  points += 0.0;
  // Whole numbers and quarters (the usual points) are written directly: this runs for every
  // item of every imported contact.
  // The range is checked first: converting a double outside long long's range (or infinity,
  // or NaN) to an integer is undefined behaviour.
  const double quarters = points * 4;
  if (points >= 0 && points < 1e12 &&
      quarters == static_cast<double>(static_cast<long long>(quarters))) {
    const auto whole = static_cast<long long>(points);
    std::string text = std::to_string(whole);
    switch (static_cast<long long>(quarters) - whole * 4) {
      case 1:
        return text + ".25";
      case 2:
        return text + ".5";
      case 3:
        return text + ".75";
      default:
        return text;
    }
  }
  char buffer[400];
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, points, std::chars_format::fixed);
  if (error != std::errc()) return "nan";
  return std::string(buffer, end);
}

}  // namespace chinjeol::rubric
