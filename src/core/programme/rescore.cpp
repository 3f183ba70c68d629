#include "core/programme/rescore.hpp"

#include <optional>
#include <vector>

#include "core/programme/internal/columns.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::programme {

Result<RescoreReport> RescoreCampaign(ports::Storage& storage, std::string_view campaign_code,
                                      std::string_view rubric_code, const LocalDateTime& now) {
  Result<std::optional<campaign::Campaign>> campaign =
      storage.campaigns().FindCampaign(campaign_code);
  if (!campaign) return campaign.error();
  if (!*campaign) return NotFound("no campaign \"" + std::string(campaign_code) + "\"");
  Result<std::optional<rubric::Rubric>> latest = storage.rubrics().FindLatestRubric(rubric_code);
  if (!latest) return latest.error();
  if (!*latest) return NotFound("no rubric \"" + std::string(rubric_code) + "\"");
  const rubric::Rubric& rubric = **latest;

  RescoreReport report{rubric.code, rubric.version, 0, 0};
  internal::ImportProblems problems("campaign " + std::string(campaign_code));
  std::vector<std::pair<std::int64_t, std::optional<rubric::ContactScore>>> updates;
  Result<void> visited = storage.evaluations().ForEachEvaluation(
      campaign_code, [&](const evaluation::Evaluation& evaluation) -> Result<void> {
        if (evaluation.rubric_code != rubric.code) return Ok();
        if (evaluation.rubric_version == rubric.version) {
          ++report.unchanged;
          return Ok();
        }
        Result<std::optional<rubric::ContactScore>> scored =
            rubric::ScoreSheet(rubric, evaluation.observations, evaluation.flags);
        if (!scored) {
          for (const FieldViolation& violation : scored.error().violations()) {
            problems.Add(0, violation.field,
                         "evaluation " + evaluation.code + ": " + violation.message);
          }
          if (scored.error().violations().empty()) {
            problems.Add(0, "", "evaluation " + evaluation.code + ": " + scored.error().message());
          }
          return Ok();
        }
        updates.emplace_back(evaluation.id, *std::move(scored));
        return Ok();
      });
  if (!visited) return visited.error();
  if (!problems.empty()) return problems.ToError();

  const std::string scored_at = FormatLocalDateTime(now);
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    for (const auto& [id, score] : updates) {
      Result<void> updated = storage.evaluations().Rescore(id, rubric, score, scored_at);
      if (!updated) return updated;
    }
    return Ok();
  });
  if (!saved) return saved.error();
  report.rescored = static_cast<long>(updates.size());
  return report;
}

}  // namespace chinjeol::programme
