#include "adapters/storage/sql_campaign_repository.hpp"

#include <unordered_map>

#include "adapters/storage/row_reading.hpp"

namespace chinjeol::storage {
namespace {

constexpr std::string_view kCampaignColumns =
    "c.id, c.code, c.name, c.start_date, c.end_date, c.phone_per_round, c.visit_per_round, "
    "c.lunch";
constexpr int kCampaignColumnCount = 8;

// Reads the columns of kCampaignColumns (without rounds); `id` receives the row's id.
Result<campaign::Campaign> ReadCampaign(const sql::Row& row, std::int64_t& id) {
  id = row.Int64(0);
  Result<Date> start = ReadDate(row.Text(3), "campaigns.start_date");
  if (!start) return start.error();
  Result<Date> end = ReadDate(row.Text(4), "campaigns.end_date");
  if (!end) return end.error();
  std::optional<campaign::LunchPolicy> lunch = campaign::ParseLunchPolicy(row.Text(7));
  if (!lunch) return Internal("unknown lunch policy " + row.String(7));
  return campaign::Campaign{row.String(1), row.String(2), *start, *end,
                            row.Int(5),    row.Int(6),    *lunch, {}};
}

// Rounds of the campaigns with the given ids (all campaigns when `campaign_id` is empty).
Result<std::unordered_map<std::int64_t, std::vector<campaign::Round>>> LoadRounds(
    sql::Connection& connection, std::optional<std::int64_t> campaign_id) {
  std::unordered_map<std::int64_t, std::vector<campaign::Round>> rounds;
  const sql::RowVisitor read = [&](const sql::Row& row) -> Result<void> {
    Result<Date> start = ReadDate(row.Text(2), "campaign_rounds.start_date");
    if (!start) return start.error();
    Result<Date> end = ReadDate(row.Text(3), "campaign_rounds.end_date");
    if (!end) return end.error();
    rounds[row.Int64(0)].push_back({row.Int(1), *start, *end});
    return Ok();
  };
  Result<void> loaded = campaign_id
                            ? connection.Query(
                                  "SELECT campaign_id, round_no, start_date, end_date "
                                  "FROM campaign_rounds WHERE campaign_id = ? ORDER BY round_no",
                                  {*campaign_id}, read)
                            : connection.Query(
                                  "SELECT campaign_id, round_no, start_date, end_date "
                                  "FROM campaign_rounds ORDER BY campaign_id, round_no",
                                  {}, read);
  if (!loaded) return loaded.error();
  return rounds;
}

}  // namespace

Result<void> SqlCampaignRepository::CreateCampaign(const campaign::Campaign& campaign) {
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::optional<std::int64_t>> id = connection.QueryInt64(
        "INSERT INTO campaigns (code, name, start_date, end_date, phone_per_round, "
        "visit_per_round, lunch) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {campaign.code, campaign.name, FormatDate(campaign.start), FormatDate(campaign.end),
         campaign.phone_per_round, campaign.visit_per_round,
         campaign::LunchPolicyCode(campaign.lunch)});
    if (!id) return sql::Rephrase(id.error(), "campaign code " + campaign.code + " is taken");
    if (!*id) return Internal("the new campaign got no id");
    Result<sql::Statement*> insert_round = connection.Prepare(
        "INSERT INTO campaign_rounds (campaign_id, round_no, start_date, end_date) "
        "VALUES (?, ?, ?, ?)");
    if (!insert_round) return insert_round.error();
    for (const campaign::Round& round : campaign.rounds) {
      if (Result<void> saved =
              (*insert_round)
                  ->Execute({**id, round.number, FormatDate(round.start), FormatDate(round.end)});
          !saved) {
        return sql::Rephrase(saved.error(),
                             "round " + std::to_string(round.number) + " is listed twice");
      }
    }
    return Ok();
  });
}

Result<std::optional<campaign::Campaign>> SqlCampaignRepository::FindCampaign(
    std::string_view code) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  std::optional<campaign::Campaign> found;
  std::int64_t id = 0;
  Result<void> read = connection.Query(
      "SELECT " + std::string(kCampaignColumns) + " FROM campaigns c WHERE c.code = ?", {code},
      [&](const sql::Row& row) -> Result<void> {
        Result<campaign::Campaign> campaign = ReadCampaign(row, id);
        if (!campaign) return campaign.error();
        found = *std::move(campaign);
        return Ok();
      });
  if (!read) return read.error();
  if (!found) return found;
  auto rounds = LoadRounds(connection, id);
  if (!rounds) return rounds.error();
  found->rounds = std::move((*rounds)[id]);
  return found;
}

Result<std::vector<campaign::CampaignSummary>> SqlCampaignRepository::ListCampaigns() const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  std::vector<campaign::CampaignSummary> summaries;
  std::vector<std::int64_t> ids;
  // A contact is void or unanswered by its state or by its flags (imported contacts are
  // approved whatever their flags).
  Result<void> listed = connection.Query(
      "SELECT " + std::string(kCampaignColumns) +
          ", COUNT(e.id), "
          "COALESCE(SUM(CASE WHEN e.state = 'approved' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN e.state IN ('submitted', 'returned') THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN e.state = 'void' OR ';' || e.flags || ';' LIKE '%;VOID;%' "
          "OR ';' || e.flags || ';' LIKE '%;UNANSWERED;%' THEN 1 ELSE 0 END), 0), "
          "COUNT(DISTINCT CASE WHEN e.state = 'approved' AND e.score IS NOT NULL "
          "THEN e.employee_id END) "
          "FROM campaigns c LEFT JOIN evaluations e ON e.campaign_id = c.id "
          "GROUP BY c.id, c.code, c.name, c.start_date, c.end_date, c.phone_per_round, "
          "c.visit_per_round, c.lunch ORDER BY c.code",
      {}, [&](const sql::Row& row) -> Result<void> {
        std::int64_t id = 0;
        Result<campaign::Campaign> campaign = ReadCampaign(row, id);
        if (!campaign) return campaign.error();
        constexpr int k = kCampaignColumnCount;
        summaries.push_back({*std::move(campaign), row.Int64(k), row.Int64(k + 1), row.Int64(k + 2),
                             row.Int64(k + 3), row.Int64(k + 4)});
        ids.push_back(id);
        return Ok();
      });
  if (!listed) return listed.error();
  auto rounds = LoadRounds(connection, std::nullopt);
  if (!rounds) return rounds.error();
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    summaries[i].campaign.rounds = std::move((*rounds)[ids[i]]);
  }
  return summaries;
}

}  // namespace chinjeol::storage
