#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.hpp"
#include "core/common/result.hpp"

namespace chinjeol::campaign {

// What the schedule does with the 12:00-13:00 lunch hour.
enum class LunchPolicy {
  kAvoid,     // no contact is placed in the lunch hour
  kAllow,     // lunch-hour contacts count like any other
  kSeparate,  // a separate lunch-hour sample, reported as its own indicator
};
const char* LunchPolicyCode(LunchPolicy policy);
std::optional<LunchPolicy> ParseLunchPolicy(std::string_view text);

struct Round {
  int number = 1;
  Date start;
  Date end;  // inclusive
};

// A period of fieldwork: every employee is phoned, every counter unit visited, in each round.
struct Campaign {
  std::string code;
  std::string name;
  Date start;
  Date end;                 // inclusive
  int phone_per_round = 1;  // valid phone contacts per employee per round
  int visit_per_round = 1;  // visits per counter unit per round
  LunchPolicy lunch = LunchPolicy::kAvoid;
  std::vector<Round> rounds;

  // The round whose window holds `date`; empty outside the campaign.
  std::optional<int> RoundOf(const Date& date) const;
};

struct NewCampaign {
  std::string code;
  std::string name;
  Date start;
  Date end;
  int rounds = 2;
  int phone_per_round = 1;
  int visit_per_round = 1;
  LunchPolicy lunch = LunchPolicy::kAvoid;
};

class WorkingCalendar;

// Validates the request and splits the window into rounds of (nearly) equal numbers of working
// days. kInvalidArgument naming the field: empty code, end before start, no working day, fewer
// working days than rounds, quotas below zero.
Result<Campaign> PlanCampaign(const NewCampaign& request, const WorkingCalendar& calendar);

}  // namespace chinjeol::campaign
