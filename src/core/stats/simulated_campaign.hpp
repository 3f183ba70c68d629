#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/evaluation/evaluation_repository.hpp"

namespace chinjeol::stats::testing {

// The synthetic campaigns of anchors/stats/data-generation.md, with their own deterministic
// random numbers (the same on every platform; not the R generator's draws).
enum class SimulationMode {
  kGaussian,  // the linear mixed model holds exactly
  kRubric,    // ten probit rubric items, bounded 0-100 scores (model misspecified on purpose)
};

struct SimulationOptions {
  SimulationMode mode = SimulationMode::kGaussian;
  int employees = 1200;
  int min_contacts = 2;
  int max_contacts = 6;
  int scenarios = 30;
  int monitors = 0;  // 0: employees * mean contacts / 200 (at least 12)
  std::uint64_t seed = 1;
};

struct SimulatedCampaign {
  std::vector<evaluation::ScoredContact> contacts;
  // Ids are 1-based: employee i has id i + 1, and so on.
  std::vector<double> true_fair;       // per employee: expected score with average monitor and
                                       // scenario, channels averaged
  std::vector<double> true_severity;   // per monitor, points (gaussian) or latent units (rubric)
  int item_count = 0;                  // rubric mode: 10
  std::vector<double> item_fractions;  // rubric mode: contact-major, share of each item's points
};

SimulatedCampaign SimulateCampaign(const SimulationOptions& options);

}  // namespace chinjeol::stats::testing
