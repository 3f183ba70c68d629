#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/coaching/plan.hpp"
#include "core/common/result.hpp"
#include "core/ports/storage.hpp"
#include "core/rubric/observation_text.hpp"
#include "core/tables/table_sink.hpp"

namespace chinjeol::programme {

struct CoachingPlan {
  coaching::PlanRules rules;
  std::vector<coaching::PlanEntry> entries;           // most urgent first
  std::map<std::string, rubric::Wording> item_names;  // by item id
};

// Who is to be coached in a campaign and on which items: from the fair scores of the
// campaign's approved evaluations and the model's item weaknesses (coaching::SelectForCoaching).
// kNotFound for an unknown campaign; kInvalidArgument for rules out of range.
Result<CoachingPlan> PlanCoaching(ports::Storage& storage, std::string_view campaign_code,
                                  const coaching::PlanRules& rules = {});

// Why an entry was chosen, in words: "공정 점수 80점 미만 (74.2점); 약한 항목 2개".
rubric::Wording ExplainPlanEntry(const coaching::PlanEntry& entry, const coaching::PlanRules& rules,
                                 const std::map<std::string, rubric::Wording>& item_names);

// CONTRACT.md's coaching plan columns:
// employee_no,name,department_code,adjusted,ci90_low,ci90_high,reason,items.
Result<void> WriteCoachingPlan(const CoachingPlan& plan, tables::TableSink& sink);

}  // namespace chinjeol::programme
