#pragma once

// Helpers shared by the planner's test files (header-only; tests may read the repository's
// data files through CHINJEOL_SOURCE_DIR).

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/planning/planner.hpp"
#include "core/planning/testing/generator.hpp"
#include "core/planning/testing/hard_rules.hpp"

namespace chinjeol::planning::testing {

inline Date D(const char* text) { return *ParseDate(text); }

// The Korean public holidays 2021-2027, substitute and temporary ones included.
inline const std::vector<campaign::Holiday>& KoreanHolidays() {
  static const std::vector<campaign::Holiday> holidays = [] {
    std::ifstream file(std::string(CHINJEOL_SOURCE_DIR) + "/data/holidays-kr.csv");
    std::stringstream text;
    text << file.rdbuf();
    return ParseHolidaysCsv(text.str());
  }();
  return holidays;
}

inline CampaignSpec Window(const char* start, const char* end, int rounds = 2) {
  CampaignSpec spec;
  spec.start = D(start);
  spec.end = D(end);
  spec.rounds = rounds;
  return spec;
}

// Fails the test with every broken hard rule listed.
inline void ExpectHardRules(const PlanInput& input, const Plan& plan) {
  const std::vector<std::string> problems = FindHardRuleViolations(input, plan);
  std::string listed;
  for (std::size_t k = 0; k < problems.size() && k < 20; ++k) listed += problems[k] + "\n";
  EXPECT_TRUE(problems.empty()) << problems.size() << " hard-rule violations:\n" << listed;
}

inline std::string Describe(const Error& error) {
  std::string text = error.message();
  for (const FieldViolation& violation : error.violations()) {
    text += "\n  " + violation.field + ": " + violation.message;
  }
  return text;
}

}  // namespace chinjeol::planning::testing
