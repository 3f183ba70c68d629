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

// A coaching programme with a known effect, on a gaussian campaign: each employee's contacts
// are split between round 1 (the first half, rounded up) and round 2; every round-2 contact
// gets round_shift points (a common time trend); after round 1 the employees with the lowest
// round-1 raw means (coached_share of them) are coached, and their round-2 contacts get
// coaching_effect points. Scores are otherwise those of SimulateCampaign (true_fair included:
// untreated, round 1).
struct CoachingSimulationOptions {
  SimulationOptions campaign = {.employees = 200, .min_contacts = 4, .max_contacts = 8};
  double round_shift = 1;
  double coached_share = 0.2;
  double coaching_effect = 0;
};

struct CoachingCampaign {
  SimulatedCampaign campaign;
  std::vector<int> coached;        // per employee (id - 1): 1 when coached
  std::vector<int> treated_after;  // per contact of campaign.contacts: coached and in round 2
};

CoachingCampaign SimulateCoaching(const CoachingSimulationOptions& options);

}  // namespace chinjeol::stats::testing
