#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.hpp"
#include "core/common/result.hpp"
#include "core/planning/planner.hpp"
#include "core/planning/top_up.hpp"
#include "core/ports/storage.hpp"
#include "core/tables/table_sink.hpp"

namespace chinjeol::programme {

// SHA-256 of a text as lower-case hex (the system adapter provides it).
using DigestFunction = std::function<std::string(std::string_view)>;

struct PlanRequest {
  std::uint64_t seed = 0;       // from a secure source unless reproducing a plan
  std::uint64_t code_seed = 0;  // likewise, separate, for the codes monitors see
  // Why a committed plan changes; required once the campaign has started.
  std::string reason;
  // Adaptive top-up: this many extra contacts in `top_up_round`, where they most reduce the
  // chance of a wrong grade (fair-score intervals; raw spread while the model has no data).
  int top_up = 0;
  int top_up_round = 0;  // 0 = the round in progress at `now`, else the last round
  // Re-evaluation: one more contact in the same round for every employee whose coaching plan is
  // confirmed and has had a session, scheduled like any contact (secret until released, by a
  // monitor who has not called the employee before).
  bool re_evaluate = false;
  bool check_only = false;  // report what cannot be scheduled, change nothing
};

struct PlanOutcome {
  planning::Plan plan;  // empty for check_only
  std::string digest;   // SHA-256 of the canonical plan text
  bool first_plan = false;
  std::vector<FieldViolation> problems;  // check_only: every reason found (empty = feasible)
  std::vector<planning::TopUpChoice> top_up;
  std::vector<std::string> re_evaluated;  // employee numbers given a re-evaluation contact
};

// Schedules a campaign, or re-plans it keeping what is done or released (planning::BuildPlan),
// and stores the result with its digest; the first plan's digest is the commitment, later
// changes are logged with the reason. kFailedPrecondition listing every reason when the input
// cannot be scheduled; kInvalidArgument when a started campaign is re-planned without a reason.
Result<PlanOutcome> PlanSchedule(ports::Storage& storage, std::string_view campaign_code,
                                 const PlanRequest& request, const LocalDateTime& now,
                                 const DigestFunction& digest);

// What the planner reads for a campaign, from storage (roster, monitors, scenarios, calendar,
// absences, the stored plan as `existing`).
Result<planning::PlanInput> LoadPlanInput(ports::Storage& storage, std::string_view campaign_code);

// The campaign's assignments (CONTRACT.md `export assignments`). Returns how many.
Result<long> ExportAssignments(ports::Storage& storage, std::string_view campaign_code,
                               tables::TableSink& sink);

}  // namespace chinjeol::programme
