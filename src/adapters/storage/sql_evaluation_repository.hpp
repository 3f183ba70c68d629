#pragma once

#include "adapters/storage/database.hpp"
#include "core/evaluation/evaluation_repository.hpp"

namespace chinjeol::storage {

// Evaluations and their score history in SQL.
class SqlEvaluationRepository final : public evaluation::EvaluationRepository {
 public:
  explicit SqlEvaluationRepository(Database& database) : database_(database) {}

  Result<std::unique_ptr<evaluation::EvaluationWriter>> OpenWriter() override;
  // kNotFound when there is no such campaign. Reads a page of evaluations at a time, so the
  // visitor may use the storage.
  Result<void> ForEachEvaluation(
      std::string_view campaign_code,
      const std::function<Result<void>(const evaluation::Evaluation&)>& visit) const override;
  // kNotFound when there is no such campaign. By evaluation id.
  Result<std::vector<evaluation::ScoredContact>> ListScoredContacts(
      std::string_view campaign_code,
      const std::optional<LocalDateTime>& performed_until) const override;
  // Each list by id.
  Result<evaluation::ContactKeys> ListContactKeys() const override;
  // kInvalidArgument when this version of the rubric is not saved.
  Result<void> Rescore(std::int64_t id, const rubric::Rubric& rubric,
                       const std::optional<rubric::ContactScore>& score,
                       std::string_view scored_at) override;
  // Oldest first; kNotFound when there is no such evaluation.
  Result<std::vector<evaluation::ScoreHistoryEntry>> ScoreHistory(std::int64_t id) const override;
  Result<std::optional<evaluation::Evaluation>> FindEvaluation(std::int64_t id) const override;
  Result<std::int64_t> AddEvaluation(const evaluation::Evaluation& evaluation) override;
  Result<void> UpdateEvaluation(const evaluation::Evaluation& evaluation,
                                evaluation::ReviewState expected) override;
  Result<void> SetReviewState(std::int64_t id, evaluation::ReviewState from,
                              evaluation::ReviewState to, std::string_view reason) override;

 private:
  Database& database_;
};

}  // namespace chinjeol::storage
