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

 private:
  Database& database_;
};

}  // namespace chinjeol::storage
