#pragma once

#include "adapters/storage/database.hpp"
#include "core/results/results_repository.hpp"

namespace chinjeol::storage {

// Results release, published scores, evaluation lists, acknowledgements, objections and
// recordings in SQL.
class SqlResultsRepository final : public results::ResultsRepository {
 public:
  explicit SqlResultsRepository(Database& database) : database_(database) {}

  Result<std::optional<results::ResultsRelease>> FindRelease(
      std::string_view campaign_code) const override;
  Result<void> SaveRelease(
      const results::ResultsRelease& release, std::int64_t released_by,
      const std::vector<results::ReleasedScore>& employees,
      const std::vector<results::ReleasedDepartmentScore>& departments) override;
  Result<std::vector<results::ReleasedScore>> ListReleasedScores(
      std::string_view campaign_code, const ScoreFilter& filter) const override;
  Result<void> SaveReleasedItemMeans(std::string_view campaign_code,
                                     const std::vector<results::ReleasedItemMean>& means) override;
  Result<std::vector<results::ReleasedItemMean>> ListReleasedItemMeans(
      std::string_view campaign_code, std::string_view department_code) const override;
  Result<std::vector<results::ReleasedDepartmentScore>> ListReleasedDepartmentScores(
      std::string_view campaign_code) const override;
  Result<results::EvaluationPage> ListEvaluations(
      const results::EvaluationFilter& filter) const override;
  Result<std::vector<results::StateCount>> CountEvaluations(
      std::string_view campaign_code) const override;
  Result<void> ForEachDashboardContact(
      std::string_view campaign_code,
      const std::function<void(const results::DashboardContact&)>& visit) const override;
  Result<std::vector<std::int64_t>> ListAcknowledged(
      const std::vector<std::int64_t>& ids) const override;
  Result<void> Acknowledge(std::int64_t evaluation_id, std::int64_t user_id,
                           const LocalDateTime& at) override;
  Result<std::int64_t> FileObjection(std::int64_t evaluation_id, std::int64_t user_id,
                                     std::string_view reason, const LocalDateTime& at) override;
  Result<std::optional<results::Objection>> FindObjection(std::int64_t id) const override;
  Result<std::vector<results::Objection>> ListObjections(
      std::string_view campaign_code, std::optional<results::ObjectionState> state,
      std::optional<std::int64_t> evaluation_id) const override;
  Result<void> DecideObjection(std::int64_t id, results::ObjectionState decision,
                               std::string_view reason, std::int64_t decided_by,
                               const LocalDateTime& at) override;
  Result<StaffCounts> CountStaff() const override;
  Result<std::vector<org::Employee>> FindEmployees(
      const std::vector<std::string>& employee_nos) const override;
  Result<void> SaveRecording(const results::Recording& recording) override;
  Result<std::optional<results::Recording>> FindRecording(
      std::int64_t evaluation_id) const override;

 private:
  Database& database_;
};

// Background jobs in SQL, so that any server of one database can report their progress.
class SqlJobRepository final : public results::JobRepository {
 public:
  explicit SqlJobRepository(Database& database) : database_(database) {}

  Result<std::int64_t> CreateJob(std::string_view kind, std::int64_t created_by,
                                 const LocalDateTime& at) override;
  Result<void> UpdateJob(const results::Job& job) override;
  Result<std::optional<results::Job>> FindJob(std::int64_t id) const override;

 private:
  Database& database_;
};

}  // namespace chinjeol::storage
