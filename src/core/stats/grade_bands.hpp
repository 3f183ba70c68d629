#pragma once

#include <string>
#include <vector>

#include "core/common/result.hpp"

namespace chinjeol::stats {

// A grade and the lowest score that earns it. Bands are listed from the best grade down; the
// last band takes every score below the one before it (its lower bound is not used).
struct GradeBand {
  std::string name;
  double lower_bound = 0;
};

// S >= 90, A >= 80, B >= 70, C below.
std::vector<GradeBand> DefaultGradeBands();

// kInvalidArgument unless there are at least two bands with strictly decreasing bounds.
Result<void> ValidateGradeBands(const std::vector<GradeBand>& bands);

// Index of the band that holds `score`.
int GradeOf(const std::vector<GradeBand>& bands, double score);

// Probability of each band for a normal score N(mean, sd^2); sd 0 puts all on GradeOf(mean).
std::vector<double> GradeProbabilities(const std::vector<GradeBand>& bands, double mean, double sd);

}  // namespace chinjeol::stats
