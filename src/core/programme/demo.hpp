#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/campaign/campaign.hpp"
#include "core/coaching/coaching_repository.hpp"
#include "core/common/result.hpp"
#include "core/evaluation/evaluation.hpp"
#include "core/org/organisation.hpp"
#include "core/planning/planner.hpp"
#include "core/ports/storage.hpp"
#include "core/rubric/rubric.hpp"

namespace chinjeol::programme {

struct DemoOptions {
  int employees = 1200;
  std::uint64_t seed = 2021;
};

// The hidden truth a demo's contacts were drawn from, so that fair scores can be checked
// against it: latent kindness per employee, severity per monitor, difficulty per scenario (on
// the probit scale of the item model).
struct DemoTruth {
  std::vector<std::pair<std::string, double>> employee_kindness;    // employee_no, latent
  std::vector<std::pair<std::string, double>> monitor_severity;     // code, + = harsh
  std::vector<std::pair<std::string, double>> scenario_difficulty;  // code, + = hard
  // Added to the latent quality of a coached employee's contacts after their session (probit
  // units); training has no effect in the demo, so that its estimate shows none.
  double coaching_effect = 0.3;
};

// A complete programme of a generated Korean city like Pocheon: departments in the four groups
// (14 towns), staff with Korean names, monitors, a scenario library, the 17 May - 16 Sep 2021
// campaign in two rounds, and simulated evaluations with observations drawn from the truth.
struct DemoProgramme {
  std::vector<org::Department> departments;
  std::vector<org::Employee> employees;
  std::vector<org::Monitor> monitors;
  std::vector<org::Scenario> scenarios;
  campaign::NewCampaign campaign;
  std::vector<evaluation::Evaluation> evaluations;
  // After round 1 the lowest-scoring sixth is coached on its two weakest items; a fifth of the
  // staff, drawn at random, attends a training session in round 1.
  std::vector<coaching::CoachingSession> coaching_sessions;
  std::vector<coaching::TrainingSession> training_sessions;
  planning::Plan first_plan;  // as scheduled before fieldwork (the commitment)
  planning::Plan plan;        // after fieldwork: statuses, retries and repeats
  DemoTruth truth;
};

// Pure and reproducible from the seed. `rubrics` must hold phone-default and visit-default;
// `calendar` gives the working days. kInvalidArgument for fewer than 20 employees.
Result<DemoProgramme> GenerateDemo(const DemoOptions& options,
                                   const std::vector<rubric::Rubric>& rubrics,
                                   const campaign::WorkingCalendar& calendar);

struct DemoSummary {
  long departments = 0;
  long towns = 0;
  long employees = 0;
  long counter_units = 0;
  long monitors = 0;
  long scenarios = 0;
  std::string campaign_code;
  long assignments = 0;
  long evaluations = 0;
  long scored = 0;
  long pending_review = 0;
  long coached = 0;
  long trained = 0;
};

// Generates the demo and stores it in one transaction, the plan with its digest (`digest`:
// SHA-256 hex of a text). kAlreadyExists when the database already holds the demo campaign.
Result<DemoSummary> InstallDemo(ports::Storage& storage, const DemoOptions& options,
                                const std::function<std::string(std::string_view)>& digest);

}  // namespace chinjeol::programme
