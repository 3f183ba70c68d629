#include "core/planning/commitment.hpp"

#include <algorithm>
#include <vector>

namespace chinjeol::planning {
namespace {

void AppendEscaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (c == '\\' || c == '|') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

std::string Hex(std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int k = 15; k >= 0; --k, value >>= 4) text[k] = kDigits[value & 15];
  return text;
}

std::string TwoDigits(int value) {
  const int clamped = value < 0 ? 0 : value % 100;
  return {static_cast<char>('0' + clamped / 10), static_cast<char>('0' + clamped % 10)};
}

}  // namespace

std::string CanonicalPlanText(std::string_view campaign_code, std::uint64_t seed,
                              std::uint64_t code_seed, std::span<const Assignment> assignments) {
  std::vector<const Assignment*> kept;
  kept.reserve(assignments.size());
  for (const Assignment& assignment : assignments) {
    if (assignment.status != AssignmentStatus::kCancelled) kept.push_back(&assignment);
  }
  std::sort(kept.begin(), kept.end(),
            [](const Assignment* a, const Assignment* b) { return a->code < b->code; });

  std::string out = "chinjeol-plan 1\ncampaign ";
  AppendEscaped(out, campaign_code);
  out += "\nseed " + Hex(seed) + "\ncode-seed " + Hex(code_seed);
  out += "\nassignments " + std::to_string(kept.size()) + "\n";
  for (const Assignment* assignment : kept) {
    AppendEscaped(out, assignment->code);
    out += '|' + std::to_string(assignment->round) + '|' + ChannelCode(assignment->channel) + '|';
    AppendEscaped(out, assignment->employee_no);
    out += '|';
    AppendEscaped(out, assignment->department_code);
    out += '|' + FormatDate(assignment->date) + '|' + TwoDigits(assignment->start_minute / 60) +
           ':' + TwoDigits(assignment->start_minute % 60) + '|' +
           std::to_string(assignment->duration_minutes) + '|';
    AppendEscaped(out, assignment->monitor_code);
    out += '|';
    AppendEscaped(out, assignment->scenario_code);
    out += '|' + FormatLocalDateTime(assignment->release_at) + '|';
    AppendEscaped(out, assignment->retry_of);
    out += assignment->lunch_sample ? "|1" : "|0";
    out += assignment->top_up ? "|1\n" : "|0\n";
  }
  return out;
}

std::string CanonicalPlanText(const Plan& plan) {
  return CanonicalPlanText(plan.campaign_code, plan.seed, plan.code_seed, plan.assignments);
}

}  // namespace chinjeol::planning
