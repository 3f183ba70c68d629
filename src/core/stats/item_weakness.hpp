#pragma once

#include <optional>
#include <vector>

#include "core/common/result.hpp"

namespace chinjeol::stats {

// Item-level achievement of each contact: fractions[contact * item_count + item] is the share
// of the item's points earned (0-1), empty when the item did not apply to the contact.
struct ItemInput {
  int employee_count = 0;
  int item_count = 0;
  std::vector<int> employee;  // per contact
  std::vector<std::optional<double>> fractions;
};

struct ItemOptions {
  double weak_margin = 0.10;      // a weakness is a true gap of at least this below peers
  double weak_probability = 0.9;  // ... with at least this posterior probability
};

struct ItemSummary {
  int item = 0;
  int contacts = 0;
  double peer_mean = 0;   // mean achievement over all applicable contacts
  double between_sd = 0;  // SD of employees' true achievement (moment estimate)
  double within_sd = 0;   // contact-to-contact SD within an employee
};

// One employee on one item, for every pair with at least one applicable contact.
struct EmployeeItemWeakness {
  int employee = 0;
  int item = 0;
  int contacts = 0;
  double raw_mean = 0;
  double shrunken_gap = 0;  // posterior mean of (own achievement - peer mean)
  double gap_sd = 0;
  double probability_weak = 0;  // P(true gap < -weak_margin)
  bool weak = false;
};

struct ItemWeaknessReport {
  std::vector<ItemSummary> items;
  std::vector<EmployeeItemWeakness> entries;  // by employee, then item
};

// Empirical-Bayes (normal-normal) shrinkage of each employee's item achievement towards the
// peer mean, per item: gap * tau^2 / (tau^2 + sigma^2 / n). One bad contact of an employee
// with few contacts moves the estimate little, so coaching names the items that really are
// weak. kInvalidArgument for inconsistent sizes or fractions outside 0-1.
Result<ItemWeaknessReport> AnalyzeItemWeakness(const ItemInput& input,
                                               const ItemOptions& options = {});

}  // namespace chinjeol::stats
