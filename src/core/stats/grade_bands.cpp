#include "core/stats/grade_bands.hpp"

#include <algorithm>

#include "core/stats/distributions.hpp"

namespace chinjeol::stats {

std::vector<GradeBand> DefaultGradeBands() { return {{"S", 90}, {"A", 80}, {"B", 70}, {"C", 0}}; }

Result<void> ValidateGradeBands(const std::vector<GradeBand>& bands) {
  if (bands.size() < 2) return InvalidArgument("grade bands: at least two are needed");
  for (std::size_t b = 1; b + 1 < bands.size(); ++b) {
    if (!(bands[b].lower_bound < bands[b - 1].lower_bound)) {
      return InvalidArgument("grade bands: lower bounds must decrease from the best grade down");
    }
  }
  for (const GradeBand& band : bands) {
    if (band.name.empty()) return InvalidArgument("grade bands: every band needs a name");
  }
  return Ok();
}

int GradeOf(const std::vector<GradeBand>& bands, double score) {
  for (std::size_t b = 0; b + 1 < bands.size(); ++b) {
    if (score >= bands[b].lower_bound) return static_cast<int>(b);
  }
  return static_cast<int>(bands.size()) - 1;
}

std::vector<double> GradeProbabilities(const std::vector<GradeBand>& bands, double mean,
                                       double sd) {
  std::vector<double> probabilities(bands.size(), 0.0);
  if (!(sd > 0)) {
    probabilities[GradeOf(bands, mean)] = 1;
    return probabilities;
  }
  double above = 0;  // P(score >= bound of the band above)
  for (std::size_t b = 0; b + 1 < bands.size(); ++b) {
    const double at_least = 1 - NormalCdf((bands[b].lower_bound - mean) / sd);
    probabilities[b] = std::max(0.0, at_least - above);
    above = at_least;
  }
  probabilities.back() = std::max(0.0, 1 - above);
  return probabilities;
}

}  // namespace chinjeol::stats
