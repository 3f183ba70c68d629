#pragma once

#include "adapters/storage/database.hpp"
#include "core/coaching/coaching_repository.hpp"

namespace chinjeol::storage {

// Training sessions with attendance, and coaching sessions, in SQL.
class SqlCoachingRepository final : public coaching::CoachingRepository {
 public:
  explicit SqlCoachingRepository(Database& database) : database_(database) {}

  Result<void> SaveTrainingSessions(
      const std::vector<coaching::TrainingSession>& sessions) override;
  Result<std::vector<coaching::TrainingSession>> ListTrainingSessions() const override;
  Result<void> AddCoachingSessions(const std::vector<coaching::CoachingSession>& sessions) override;
  Result<std::vector<coaching::CoachingSession>> ListCoachingSessions(
      const std::optional<std::string>& employee_no) const override;
  Result<std::optional<coaching::CoachingSession>> FindCoachingSession(
      std::int64_t id) const override;
  Result<std::optional<std::int64_t>> FindSessionOfAction(std::int64_t action_id) const override;
  Result<void> ConfirmSession(std::int64_t id, bool by_employee, const LocalDateTime& at) override;
  Result<void> CompleteAction(std::int64_t action_id, const Date& done_on) override;
  Result<long> AddPlans(const std::vector<coaching::StoredPlan>& plans) override;
  Result<std::vector<coaching::StoredPlan>> ListPlans(std::string_view campaign_code,
                                                      const PlanFilter& filter) const override;
  Result<std::optional<coaching::StoredPlan>> FindPlan(std::int64_t id) const override;
  Result<void> ConfirmPlan(std::int64_t id, std::int64_t coach_user_id,
                           const LocalDateTime& at) override;
  Result<std::vector<coaching::PracticeModule>> ListLibraryEdits() const override;
  Result<void> SaveLibraryModule(const coaching::PracticeModule& module) override;

 private:
  // Sessions matching `where` (on s. and e. columns) with their discussion and actions.
  Result<std::vector<coaching::CoachingSession>> SelectSessions(
      const std::string& where, std::initializer_list<sql::Param> params) const;
  Result<std::vector<coaching::StoredPlan>> SelectPlans(const std::string& where,
                                                        std::vector<sql::Param> params) const;
  Database& database_;
};

}  // namespace chinjeol::storage
