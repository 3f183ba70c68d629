#include "core/coaching/readable.hpp"

#include <algorithm>
#include <cmath>

#include "core/common/text.hpp"

namespace chinjeol::coaching {
namespace {

const rubric::Rubric* FindRubric(const std::vector<rubric::Rubric>& rubrics,
                                 const std::string& code, int version) {
  for (const rubric::Rubric& rubric : rubrics) {
    if (rubric.code == code && rubric.version == version) return &rubric;
  }
  return nullptr;
}

}  // namespace

ReadableContact DescribeContact(const evaluation::Evaluation& evaluation,
                                const rubric::Rubric* rubric, std::string department_name,
                                std::string scenario_title) {
  ReadableContact contact;
  contact.evaluation_id = evaluation.id;
  contact.department_name = std::move(department_name);
  contact.scenario_title = std::move(scenario_title);
  if (rubric) contact.rubric = {rubric->name_ko, rubric->name_en};
  if (evaluation.score) {
    for (const rubric::StageScore& stage : evaluation.score->stages) {
      rubric::Wording name{stage.stage, stage.stage};
      if (rubric) {
        for (const rubric::Stage& known : rubric->stages) {
          if (known.code == stage.stage) name = {known.name_ko, known.name_en};
        }
      }
      contact.stages.push_back({name, stage.points, stage.max_points});
    }
  }
  const auto add_item = [&](const std::string& id) {
    ReadableItem line;
    line.item_id = id;
    const rubric::Item* item = rubric ? rubric->FindItem(id) : nullptr;
    line.name = item ? rubric::Wording{item->name_ko, item->name_en} : rubric::Wording{id, id};
    if (item) {
      line.max_points = item->points;
      for (const rubric::Stage& stage : rubric->stages) {
        if (stage.code == item->stage) line.stage = {stage.name_ko, stage.name_en};
      }
    }
    for (const rubric::ItemObservation& seen : evaluation.observations) {
      if (seen.item_id == id && item)
        line.observed = rubric::DescribeObservation(*item, seen.observation);
    }
    if (evaluation.score) {
      for (const rubric::ItemScore& scored : evaluation.score->items) {
        if (scored.item_id != id) continue;
        line.points = scored.points;
        line.max_points = scored.max_points;
      }
    }
    contact.items.push_back(std::move(line));
  };
  if (rubric) {
    for (const rubric::Item& item : rubric->items) add_item(item.id);
  } else {
    for (const rubric::ItemObservation& seen : evaluation.observations) add_item(seen.item_id);
  }
  return contact;
}

ItemProfile ProfileItems(const std::vector<evaluation::Evaluation>& contacts,
                         const std::vector<rubric::Rubric>& rubrics, const ItemMeans& means,
                         const std::vector<PracticeModule>& library, std::size_t count) {
  struct Sum {
    double total = 0;
    long n = 0;
    rubric::Wording name;
  };
  std::map<std::string, Sum> sums;
  for (const evaluation::Evaluation& contact : contacts) {
    if (!contact.score) continue;
    const rubric::Rubric* rubric = FindRubric(rubrics, contact.rubric_code, contact.rubric_version);
    for (const rubric::ItemScore& item : contact.score->items) {
      if (!item.points || item.max_points <= 0) continue;
      Sum& sum = sums[item.item_id];
      sum.total += std::clamp(*item.points / item.max_points, 0.0, 1.0);
      ++sum.n;
      const rubric::Item* known = rubric ? rubric->FindItem(item.item_id) : nullptr;
      sum.name = known ? rubric::Wording{known->name_ko, known->name_en}
                       : rubric::Wording{item.item_id, item.item_id};
    }
  }
  std::vector<std::pair<double, ItemStanding>> compared;  // own minus the reference
  for (const auto& [id, sum] : sums) {
    ItemStanding standing{id, sum.name, sum.total / static_cast<double>(sum.n), sum.n, {}, {}, {}};
    if (const auto d = means.department.find(id); d != means.department.end()) {
      standing.department = d->second;
    }
    if (const auto o = means.organisation.find(id); o != means.organisation.end()) {
      standing.organisation = o->second;
    }
    const std::optional<double> reference =
        standing.organisation ? standing.organisation : standing.department;
    if (!reference) continue;
    compared.emplace_back(standing.own - *reference, std::move(standing));
  }
  ItemProfile profile;
  std::sort(compared.begin(), compared.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second.item_id < b.second.item_id;
  });
  for (const auto& [gap, standing] : compared) {
    if (gap > 1e-9 && profile.strongest.size() < count) profile.strongest.push_back(standing);
  }
  for (auto it = compared.rbegin(); it != compared.rend(); ++it) {
    if (it->first < -1e-9 && profile.weakest.size() < count) {
      ItemStanding standing = it->second;
      if (const PracticeModule* module = FindModule(library, standing.item_id)) {
        standing.guidance = *module;
      }
      profile.weakest.push_back(std::move(standing));
    }
  }
  return profile;
}

rubric::Wording ExplainFairScore(double adjusted, double ci90_low, double ci90_high,
                                 const std::string& grade, bool uncertain) {
  rubric::Wording words;
  std::string grade_ko = grade, grade_en = grade;
  for (const rubric::GradeBand& band : rubric::DefaultGradeBands()) {
    if (band.grade == grade) grade_ko = band.grade + "(" + band.name_ko + ")";
  }
  words.ko = "공정 점수는 " + FormatOneDecimal(adjusted) +
             "점입니다. 평가자의 엄격함과 시나리오의 "
             "난이도를 보정한 점수로, 참값이 " +
             FormatOneDecimal(ci90_low) + "점에서 " + FormatOneDecimal(ci90_high) +
             "점 사이에 있을 가능성이 90%입니다. 등급은 " + grade_ko +
             (uncertain ? "이지만, 구간이 다른 등급에도 걸쳐 있어 확실하지 않습니다."
                        : "이며, 이 등급일 가능성이 높습니다.");
  words.en = "Your fair score is " + FormatOneDecimal(adjusted) +
             " points: corrected for how strict the assessors were and how hard the scenarios "
             "were, the true value lies between " +
             FormatOneDecimal(ci90_low) + " and " + FormatOneDecimal(ci90_high) +
             " with 90 % probability. The grade is " + grade_en +
             (uncertain ? ", but the interval reaches into another grade, so it is not certain."
                        : ", and it is very probably the right one.");
  return words;
}

}  // namespace chinjeol::coaching
