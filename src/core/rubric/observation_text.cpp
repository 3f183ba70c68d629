#include "core/rubric/observation_text.hpp"

#include <algorithm>
#include <array>
#include <variant>

#include "core/common/text.hpp"

namespace chinjeol::rubric {
namespace {

constexpr std::array<const char*, 5> kLevelKo{"부진", "미흡", "보통", "우수", "탁월"};
constexpr std::array<const char*, 5> kLevelEn{"very poor", "poor", "fair", "good", "excellent"};

Wording Count(const Item& item, const CountObservation& count) {
  const std::string n = std::to_string(count.count);
  Wording words;
  if (item.observe == "ring_count") {
    words = {"벨 " + n + "회 만에 받음",
             "answered after " + n + (count.count == 1 ? " ring" : " rings")};
  } else {
    words = {n + "회", "counted " + n};
  }
  if (count.apologised) {
    words.ko += ", 기다리게 한 데 사과함";
    words.en += ", apologised for the wait";
  }
  return words;
}

Wording Checklist(const Item& item, const ChecklistObservation& checklist) {
  std::vector<std::string> seen_ko, seen_en, missing_ko, missing_en;
  for (const ChecklistElement& element : item.elements) {
    const bool seen = std::find(checklist.elements.begin(), checklist.elements.end(), element.id) !=
                      checklist.elements.end();
    (seen ? seen_ko : missing_ko).push_back(element.name_ko);
    (seen ? seen_en : missing_en).push_back(element.name_en);
  }
  Wording words;
  if (!seen_ko.empty()) {
    words.ko = Join(seen_ko, "·") + " 있음";
    words.en = Join(seen_en, ", ") + ": yes";
  }
  if (!missing_ko.empty()) {
    if (!words.ko.empty()) {
      words.ko += ", ";
      words.en += "; ";
    }
    words.ko += Join(missing_ko, "·") + " 없음";
    words.en += Join(missing_en, ", ") + ": no";
  }
  if (words.ko.empty()) words = {"확인할 요소 없음", "nothing to check"};
  return words;
}

}  // namespace

Wording DescribeObservation(const Item& item, const Observation& observation) {
  return std::visit(
      [&](const auto& seen) -> Wording {
        using T = std::decay_t<decltype(seen)>;
        if constexpr (std::is_same_v<T, NotApplicable>) {
          if (item.not_applicable == NotApplicablePolicy::kFullMarks) {
            return {"해당 없음 (만점 처리)", "not applicable (full marks)"};
          }
          return {"해당 없음 (점수에서 제외)", "not applicable (left out of the score)"};
        } else if constexpr (std::is_same_v<T, BinaryObservation>) {
          return seen.observed ? Wording{"지켜짐", "done"} : Wording{"지켜지지 않음", "not done"};
        } else if constexpr (std::is_same_v<T, LevelObservation>) {
          const int level = std::clamp(seen.level, 1, 5);
          return {std::string(kLevelKo[level - 1]) + " (5단계 중 " + std::to_string(level) + ")",
                  std::string(kLevelEn[level - 1]) + " (" + std::to_string(level) + " of 5)"};
        } else if constexpr (std::is_same_v<T, CountObservation>) {
          return Count(item, seen);
        } else {
          return Checklist(item, seen);
        }
      },
      observation);
}

Wording DescribeItem(const Rubric& rubric, const Item& item) {
  const auto stage = std::find_if(rubric.stages.begin(), rubric.stages.end(),
                                  [&](const Stage& s) { return s.code == item.stage; });
  if (stage == rubric.stages.end()) return {item.name_ko, item.name_en};
  return {stage->name_ko + " · " + item.name_ko, stage->name_en + " · " + item.name_en};
}

}  // namespace chinjeol::rubric
