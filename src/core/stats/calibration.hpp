#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/common/result.hpp"

namespace chinjeol::stats {

// Calibration contacts: the same recorded call (or scripted visit) scored by several monitors.
// `ratings` is target-major: ratings[target * raters + rater], empty when that monitor did not
// score that target.
struct RatingMatrix {
  int targets = 0;
  int raters = 0;
  std::vector<std::optional<double>> ratings;

  const std::optional<double>& at(int target, int rater) const {
    return ratings[static_cast<std::size_t>(target) * raters + rater];
  }
};

struct IccResult {
  double icc = 0;  // ICC(A,1): two-way random effects, absolute agreement, single rater
  double ci_low = 0;
  double ci_high = 0;
  int targets_used = 0;  // targets scored by every rater (the others are left out)
  int raters = 0;
  double ms_targets = 0;
  double ms_raters = 0;
  double ms_error = 0;
};

// McGraw & Wong (1996) ICC(A,1) with their F-based interval at `level` (e.g. 0.95), on the
// targets that every rater scored. kInvalidArgument for a malformed matrix or level;
// kFailedPrecondition with fewer than 2 raters or 2 complete targets, or no variation at all.
Result<IccResult> ComputeIccAgreement(const RatingMatrix& matrix, double level = 0.95);

struct AlphaResult {
  double alpha = 0;  // Krippendorff's alpha, interval metric
  double ci_low = 0;
  double ci_high = 0;    // jackknife (leave one target out) normal interval
  int targets_used = 0;  // targets with at least two ratings
  int values_used = 0;
};

// Krippendorff's alpha for interval data with any pattern of missing ratings. kInvalidArgument
// for a malformed matrix or level; kFailedPrecondition with fewer than 2 targets holding two
// ratings, or when all values are equal.
Result<AlphaResult> ComputeKrippendorffAlpha(const RatingMatrix& matrix, double level = 0.95);

// Linear trend of a monitor's residuals over the campaign (ordinary least squares).
struct Drift {
  int contacts = 0;
  double slope_per_day = 0;
  double slope_se = 0;
  double p_value = 1;  // two-sided, Student t with contacts - 2 degrees of freedom
};

// A slope of 0 with p = 1 when there are fewer than 3 contacts or all fall on one day.
Drift FitDrift(std::span<const double> day, std::span<const double> residual);

}  // namespace chinjeol::stats
