#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/campaign/calendar.hpp"
#include "core/campaign/campaign.hpp"
#include "core/common/result.hpp"

namespace chinjeol::campaign {

// What the database holds for a campaign, for listings.
struct CampaignSummary {
  Campaign campaign;
  long evaluations = 0;  // every evaluation, whatever its state
  long approved = 0;
  long pending = 0;  // submitted or returned: in review
  long void_or_unanswered = 0;
  long employees_evaluated = 0;  // distinct employees with an approved, scored evaluation
};

class CampaignRepository {
 public:
  virtual ~CampaignRepository() = default;

  // kAlreadyExists when the code is taken.
  virtual Result<void> CreateCampaign(const Campaign& campaign) = 0;
  virtual Result<std::optional<Campaign>> FindCampaign(std::string_view code) const = 0;
  virtual Result<std::vector<CampaignSummary>> ListCampaigns() const = 0;
};

// Public holidays and local closures, kept as editable data.
class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;

  virtual Result<void> ReplaceHolidays(const std::vector<Holiday>& holidays) = 0;
  virtual Result<std::vector<Holiday>> ListHolidays() const = 0;
  // kInvalidArgument when the closure names an unknown department.
  virtual Result<void> AddClosure(const Closure& closure) = 0;
  virtual Result<std::vector<Closure>> ListClosures() const = 0;
};

}  // namespace chinjeol::campaign
