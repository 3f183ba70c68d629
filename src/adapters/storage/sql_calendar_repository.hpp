#pragma once

#include "adapters/storage/database.hpp"
#include "core/campaign/campaign_repository.hpp"

namespace chinjeol::storage {

// Public holidays and closures in SQL.
class SqlCalendarRepository final : public campaign::CalendarRepository {
 public:
  explicit SqlCalendarRepository(Database& database) : database_(database) {}

  // kInvalidArgument when a date is listed twice.
  Result<void> ReplaceHolidays(const std::vector<campaign::Holiday>& holidays) override;
  Result<std::vector<campaign::Holiday>> ListHolidays() const override;
  // Adding the same day and department again replaces the reason.
  Result<void> AddClosure(const campaign::Closure& closure) override;
  // By date, organisation-wide closures before departments' on the same day.
  Result<std::vector<campaign::Closure>> ListClosures() const override;

 private:
  Database& database_;
};

}  // namespace chinjeol::storage
