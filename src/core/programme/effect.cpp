#include "core/programme/effect.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/common/date.hpp"
#include "core/common/text.hpp"

namespace chinjeol::programme {
namespace {

tables::Cell Rounded(double value) { return std::round(value * 1000) / 1000; }

tables::Cell Naive(const stats::NaiveEstimate& naive) {
  if (!naive.available) return tables::Cell{};
  return Rounded(naive.estimate);
}

}  // namespace

const char* EffectOfCode(EffectOf of) {
  return of == EffectOf::kCoaching ? "coaching" : "training";
}

std::optional<EffectOf> ParseEffectOf(std::string_view text) {
  if (text == "coaching") return EffectOf::kCoaching;
  if (text == "training") return EffectOf::kTraining;
  return std::nullopt;
}

Result<EffectReport> EstimateEffect(ports::Storage& storage, std::string_view campaign_code,
                                    EffectOf of) {
  Result<std::optional<campaign::Campaign>> campaign =
      storage.campaigns().FindCampaign(campaign_code);
  if (!campaign) return campaign.error();
  if (!*campaign) return NotFound("no campaign " + std::string(campaign_code));
  // The day each employee was first coached (trained), by employee number.
  std::unordered_map<std::string, int> first_day;
  const auto note = [&](const std::string& employee_no, const Date& date) {
    const int day = DayNumber(date);
    const auto [found, inserted] = first_day.emplace(employee_no, day);
    if (!inserted) found->second = std::min(found->second, day);
  };
  if (of == EffectOf::kCoaching) {
    Result<std::vector<coaching::CoachingSession>> sessions =
        storage.coaching().ListCoachingSessions();
    if (!sessions) return sessions.error();
    for (const coaching::CoachingSession& session : *sessions)
      note(session.employee_no, session.date);
  } else {
    Result<std::vector<coaching::TrainingSession>> sessions =
        storage.coaching().ListTrainingSessions();
    if (!sessions) return sessions.error();
    for (const coaching::TrainingSession& session : *sessions) {
      for (const std::string& employee_no : session.attendees) note(employee_no, session.date);
    }
  }
  Result<std::vector<evaluation::ScoredContact>> contacts =
      storage.evaluations().ListScoredContacts(campaign_code, std::nullopt);
  if (!contacts) return contacts.error();
  Result<evaluation::ContactKeys> keys = storage.evaluations().ListContactKeys();
  if (!keys) return keys.error();
  std::unordered_map<std::int64_t, int> first_by_id;
  for (const auto& [id, number] : keys->employees) {
    if (const auto found = first_day.find(number); found != first_day.end()) {
      first_by_id.emplace(id, found->second);
    }
  }
  Result<stats::ModelInput> input = stats::BuildModelInput(*contacts);
  if (!input) return input.error();
  input->treated_after.reserve(contacts->size());
  for (const evaluation::ScoredContact& contact : *contacts) {
    const auto first = first_by_id.find(contact.employee_id);
    input->treated_after.push_back(first != first_by_id.end() && contact.day > first->second ? 1
                                                                                             : 0);
  }
  Result<stats::EffectEstimate> estimate = stats::EstimateTreatmentEffect(*input);
  if (!estimate) return estimate.error();
  EffectReport report{of, std::move(*estimate), {}};
  report.conclusion = DescribeEffect(report.estimate, of);
  return report;
}

rubric::Wording DescribeEffect(const stats::EffectEstimate& estimate, EffectOf of) {
  const bool coaching = of == EffectOf::kCoaching;
  const std::string what_ko = coaching ? "코칭" : "교육";
  const std::string who_ko = coaching ? "코칭받은" : "교육받은";
  const std::string what_en = coaching ? "coaching" : "training";
  const std::string who_en = coaching ? "coached" : "trained";
  const std::string interval_ko =
      FormatOneDecimal(estimate.ci_low) + "점에서 " + FormatOneDecimal(estimate.ci_high) + "점";
  const std::string interval_en =
      FormatOneDecimal(estimate.ci_low) + " to " + FormatOneDecimal(estimate.ci_high);
  const std::string count_ko = who_ko + " 직원 " + std::to_string(estimate.treated_employees) +
                               "명, 비교 직원 " + std::to_string(estimate.comparison_employees) +
                               "명";
  const std::string count_en = std::to_string(estimate.treated_employees) + " " + who_en +
                               " employees against " +
                               std::to_string(estimate.comparison_employees) + " others";
  if (!estimate.shown) {
    return {what_ko + "의 효과는 확인되지 않았습니다: 추정치 " +
                FormatOneDecimal(estimate.estimate) + "점, 90% 구간 " + interval_ko +
                "으로 0을 포함합니다 (" + count_ko + ").",
            "No effect of " + what_en + " was shown: the estimate is " +
                FormatOneDecimal(estimate.estimate) + " points and its 90 % interval, " +
                interval_en + ", includes zero (" + count_en + ")."};
  }
  const bool up = estimate.estimate > 0;
  return {what_ko + " 뒤 " + who_ko + " 직원의 응대 점수가 " +
              FormatOneDecimal(std::abs(estimate.estimate)) + "점 " +
              (up ? "올랐습니다" : "내렸습니다") + " (90% 구간 " + interval_ko + ", " + count_ko +
              "). 낮은 점수 때문에 선정된 효과(평균으로의 회귀)는 걸러 낸 값입니다.",
          "After " + what_en + ", the " + who_en + " employees' contact scores " +
              (up ? "rose" : "fell") + " by " + FormatOneDecimal(std::abs(estimate.estimate)) +
              " points (90 % interval " + interval_en + ", " + count_en +
              "), with the pull back to the mean of those chosen for low scores taken out."};
}

Result<void> WriteEffect(const EffectReport& report, tables::TableSink& sink) {
  const stats::EffectEstimate& e = report.estimate;
  if (Result<void> header =
          sink.Header({"of", "estimate", "ci90_low", "ci90_high", "shown", "treated", "comparison",
                       "treated_contacts", "method", "before_after", "difference_in_differences",
                       "conclusion"});
      !header) {
    return header;
  }
  if (Result<void> row = sink.Row(
          {std::string(EffectOfCode(report.of)), Rounded(e.estimate), Rounded(e.ci_low),
           Rounded(e.ci_high), std::int64_t{e.shown ? 1 : 0}, std::int64_t{e.treated_employees},
           std::int64_t{e.comparison_employees}, std::int64_t{e.treated_contacts}, e.method,
           Naive(e.before_after), Naive(e.difference_in_differences), report.conclusion.ko});
      !row) {
    return row;
  }
  return sink.Finish();
}

}  // namespace chinjeol::programme
