#pragma once

#include "adapters/storage/database.hpp"
#include "core/campaign/campaign_repository.hpp"

namespace chinjeol::storage {

// Campaigns and their rounds in SQL, with the evaluation counts of the listing.
class SqlCampaignRepository final : public campaign::CampaignRepository {
 public:
  explicit SqlCampaignRepository(Database& database) : database_(database) {}

  Result<void> CreateCampaign(const campaign::Campaign& campaign) override;
  Result<std::optional<campaign::Campaign>> FindCampaign(std::string_view code) const override;
  // By code.
  Result<std::vector<campaign::CampaignSummary>> ListCampaigns() const override;

 private:
  Database& database_;
};

}  // namespace chinjeol::storage
