#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/coaching/library.hpp"
#include "core/evaluation/evaluation.hpp"
#include "core/rubric/observation_text.hpp"
#include "core/rubric/rubric.hpp"

namespace chinjeol::coaching {

// One contact as the employee (and their coach, head or the admin) reads it: names, what was
// observed in words, points, stage subtotals. Never an internal code.
struct ReadableItem {
  std::string item_id;
  rubric::Wording name;
  rubric::Wording stage;
  rubric::Wording observed;  // empty when the contact has no observation of the item
  std::optional<double> points;
  double max_points = 0;
};
struct ReadableStage {
  rubric::Wording name;
  double points = 0;
  double max_points = 0;
};
struct ReadableContact {
  std::int64_t evaluation_id = 0;
  rubric::Wording rubric;
  std::string department_name;
  std::string scenario_title;
  std::vector<ReadableStage> stages;
  std::vector<ReadableItem> items;
};

// `rubric` may be null (an unknown version): items are then named by id only.
ReadableContact DescribeContact(const evaluation::Evaluation& evaluation,
                                const rubric::Rubric* rubric, std::string department_name,
                                std::string scenario_title);

// An item of the employee's set against the department and the whole organisation, as shares
// of the item's points (0-1).
struct ItemStanding {
  std::string item_id;
  rubric::Wording name;
  double own = 0;
  long contacts = 0;
  std::optional<double> department;
  std::optional<double> organisation;
  std::optional<PracticeModule> guidance;  // what good looks like (weak items)
};

struct ItemMeans {
  std::map<std::string, double> department;  // by item id
  std::map<std::string, double> organisation;
};

// The employee's strongest and weakest items (up to `count` each) over their scored contacts,
// against the organisation's means (the department's where the organisation has none); an item
// is weak when below the organisation's mean, strong when above it. Weak items carry the
// library's guidance.
struct ItemProfile {
  std::vector<ItemStanding> strongest;  // furthest above first
  std::vector<ItemStanding> weakest;    // furthest below first
};
ItemProfile ProfileItems(const std::vector<evaluation::Evaluation>& contacts,
                         const std::vector<rubric::Rubric>& rubrics, const ItemMeans& means,
                         const std::vector<PracticeModule>& library, std::size_t count = 3);

// The fair score in one sentence: the score, its 90 % interval, the grade and how sure it is.
rubric::Wording ExplainFairScore(double adjusted, double ci90_low, double ci90_high,
                                 const std::string& grade, bool uncertain);

}  // namespace chinjeol::coaching
