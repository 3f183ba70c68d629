#include "core/programme/coaching_plan.hpp"

#include <cmath>

#include "core/common/text.hpp"
#include "core/programme/scores.hpp"

namespace chinjeol::programme {
namespace {

tables::Cell OptionalCell(const std::optional<double>& value) {
  if (!value) return tables::Cell{};
  return tables::Cell{std::round(*value * 100) / 100};
}

}  // namespace

Result<CoachingPlan> PlanCoaching(ports::Storage& storage, std::string_view campaign_code,
                                  const coaching::PlanRules& rules) {
  if (Result<void> valid = coaching::ValidatePlanRules(rules); !valid) return valid.error();
  Result<ScoreTable> scores = ComputeScores(storage, campaign_code);
  if (!scores) return scores.error();
  Result<CampaignItems> items = AnalyzeCampaignItems(storage, campaign_code);
  if (!items) return items.error();
  std::vector<coaching::Candidate> candidates;
  candidates.reserve(scores->rows.size());
  for (const EmployeeScoreRow& row : scores->rows) {
    candidates.push_back({row.employee_no, row.name, row.department_code, row.contacts,
                          row.adjusted, row.ci90_low, row.ci90_high});
  }
  std::map<std::string, std::vector<coaching::ItemFinding>> findings;
  for (const stats::EmployeeItemWeakness& entry : items->report.entries) {
    const auto item = static_cast<std::size_t>(entry.item);
    findings[items->employees[static_cast<std::size_t>(entry.employee)]].push_back(
        {items->items[item].first, entry.contacts, entry.raw_mean,
         items->report.items[item].peer_mean, entry.shrunken_gap, entry.probability_weak});
  }
  Result<std::vector<coaching::PlanEntry>> entries =
      coaching::SelectForCoaching(candidates, findings, rules);
  if (!entries) return entries.error();
  CoachingPlan plan{rules, std::move(*entries), {}};
  Result<std::vector<rubric::Rubric>> rubrics = storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();
  for (const rubric::Rubric& rubric : *rubrics) {
    for (const rubric::Item& item : rubric.items) {
      plan.item_names.emplace(item.id, rubric::Wording{item.name_ko, item.name_en});
    }
  }
  return plan;
}

rubric::Wording ExplainPlanEntry(const coaching::PlanEntry& entry, const coaching::PlanRules& rules,
                                 const std::map<std::string, rubric::Wording>& item_names) {
  std::vector<std::string> ko, en;
  const std::string score =
      entry.employee.adjusted ? FormatOneDecimal(*entry.employee.adjusted) : "";
  for (const coaching::Reason reason : entry.reasons) {
    switch (reason) {
      case coaching::Reason::kBelowScore:
        ko.push_back("공정 점수 " + FormatOneDecimal(rules.below_score.value_or(0)) + "점 미만 (" +
                     score + "점)");
        en.push_back("fair score below " + FormatOneDecimal(rules.below_score.value_or(0)) + " (" +
                     score + ")");
        break;
      case coaching::Reason::kBottomShare:
        ko.push_back("하위 " + FormatOneDecimal(rules.bottom_share.value_or(0) * 100) + "% (" +
                     score + "점)");
        en.push_back("in the lowest " + FormatOneDecimal(rules.bottom_share.value_or(0) * 100) +
                     " % (" + score + ")");
        break;
      case coaching::Reason::kWeakItem: {
        std::vector<std::string> names_ko, names_en;
        for (const coaching::ItemFinding& item : entry.items) {
          if (item.probability_weak < rules.weak_probability.value_or(2)) continue;
          const auto name = item_names.find(item.item_id);
          names_ko.push_back(name == item_names.end() ? item.item_id : name->second.ko);
          names_en.push_back(name == item_names.end() ? item.item_id : name->second.en);
        }
        ko.push_back("확실히 약한 항목: " + Join(names_ko, ", "));
        en.push_back("items certainly weak: " + Join(names_en, ", "));
        break;
      }
    }
  }
  return {Join(ko, "; "), Join(en, "; ")};
}

Result<void> WriteCoachingPlan(const CoachingPlan& plan, tables::TableSink& sink) {
  if (Result<void> header = sink.Header({"employee_no", "name", "department_code", "adjusted",
                                         "ci90_low", "ci90_high", "reason", "items"});
      !header) {
    return header;
  }
  for (const coaching::PlanEntry& entry : plan.entries) {
    std::vector<std::string> items;
    for (const coaching::ItemFinding& item : entry.items) items.push_back(item.item_id);
    const rubric::Wording reason = ExplainPlanEntry(entry, plan.rules, plan.item_names);
    if (Result<void> row = sink.Row(
            {entry.employee.employee_no, entry.employee.name, entry.employee.department_code,
             OptionalCell(entry.employee.adjusted), OptionalCell(entry.employee.ci90_low),
             OptionalCell(entry.employee.ci90_high), reason.ko, Join(items, ";")});
        !row) {
      return row;
    }
  }
  return sink.Finish();
}

}  // namespace chinjeol::programme
