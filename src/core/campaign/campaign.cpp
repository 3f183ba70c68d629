#include "core/campaign/campaign.hpp"

#include "core/campaign/calendar.hpp"

namespace chinjeol::campaign {

const char* LunchPolicyCode(LunchPolicy policy) {
  switch (policy) {
    case LunchPolicy::kAvoid:
      return "avoid";
    case LunchPolicy::kAllow:
      return "allow";
    case LunchPolicy::kSeparate:
      return "separate";
  }
  return "avoid";
}

std::optional<LunchPolicy> ParseLunchPolicy(std::string_view text) {
  for (const LunchPolicy policy :
       {LunchPolicy::kAvoid, LunchPolicy::kAllow, LunchPolicy::kSeparate}) {
    if (text == LunchPolicyCode(policy)) return policy;
  }
  return std::nullopt;
}

std::optional<int> Campaign::RoundOf(const Date& date) const {
  const auto day = std::chrono::sys_days(date);
  for (const Round& round : rounds) {
    if (day >= std::chrono::sys_days(round.start) && day <= std::chrono::sys_days(round.end)) {
      return round.number;
    }
  }
  return std::nullopt;
}

Result<Campaign> PlanCampaign(const NewCampaign& request, const WorkingCalendar& calendar) {
  std::vector<FieldViolation> violations;
  if (request.code.empty()) violations.push_back({"code", "must not be empty"});
  if (request.name.empty()) violations.push_back({"name", "must not be empty"});
  if (std::chrono::sys_days(request.end) < std::chrono::sys_days(request.start)) {
    violations.push_back({"end", "must not be before the start " + FormatDate(request.start)});
  }
  if (request.rounds < 1) violations.push_back({"rounds", "must be at least 1"});
  if (request.phone_per_round < 0)
    violations.push_back({"phone-per-round", "must not be negative"});
  if (request.visit_per_round < 0)
    violations.push_back({"visit-per-round", "must not be negative"});
  if (!violations.empty()) return InvalidArgument("invalid campaign", std::move(violations));

  const std::vector<Date> days = calendar.WorkingDays(request.start, request.end);
  if (static_cast<int>(days.size()) < request.rounds) {
    return InvalidArgument(
        "invalid campaign",
        {{"rounds", "the window " + FormatDate(request.start) + " to " + FormatDate(request.end) +
                        " has " + std::to_string(days.size()) + " working days, fewer than " +
                        std::to_string(request.rounds) + " rounds"}});
  }

  Campaign campaign{request.code,
                    request.name,
                    request.start,
                    request.end,
                    request.phone_per_round,
                    request.visit_per_round,
                    request.lunch,
                    {}};
  // Round k takes working days [k*n/r, (k+1)*n/r); its window runs from the day after the
  // previous round's window, so that weekends and holidays between rounds belong to a round.
  const std::size_t total = days.size();
  Date window_start = request.start;
  for (int k = 0; k < request.rounds; ++k) {
    const std::size_t last = (static_cast<std::size_t>(k) + 1) * total / request.rounds - 1;
    const Date window_end = k + 1 == request.rounds ? request.end : days[last];
    campaign.rounds.push_back({k + 1, window_start, window_end});
    window_start = AddDays(window_end, 1);
  }
  return campaign;
}

}  // namespace chinjeol::campaign
