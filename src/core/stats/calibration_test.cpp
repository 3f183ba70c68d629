#include "core/stats/calibration.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace chinjeol::stats {
namespace {

RatingMatrix FromRows(const std::vector<std::vector<double>>& rows) {
  RatingMatrix matrix;
  matrix.targets = static_cast<int>(rows.size());
  matrix.raters = static_cast<int>(rows.front().size());
  for (const auto& row : rows) {
    for (const double v : row) {
      matrix.ratings.push_back(std::isnan(v) ? std::nullopt : std::optional<double>(v));
    }
  }
  return matrix;
}

TEST(ComputeKrippendorffAlpha, MatchesKrippendorffsIntervalExample) {
  // Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 coders, 12 units,
  // interval alpha = 0.849. Rows are units, columns coders A-D.
  const double x = std::nan("");
  const RatingMatrix matrix = FromRows({{1, 1, x, 1},
                                        {2, 2, 3, 2},
                                        {3, 3, 3, 3},
                                        {3, 3, 3, 3},
                                        {2, 2, 2, 2},
                                        {1, 2, 3, 4},
                                        {4, 4, 4, 4},
                                        {1, 1, 2, 1},
                                        {2, 2, 2, 2},
                                        {x, 5, 5, 5},
                                        {x, x, 1, 1},
                                        {x, x, 3, x}});
  Result<AlphaResult> alpha = ComputeKrippendorffAlpha(matrix);
  ASSERT_TRUE(alpha.has_value()) << alpha.error().message();
  EXPECT_NEAR(alpha->alpha, 0.849, 0.0005);
  EXPECT_EQ(alpha->targets_used, 11);
  EXPECT_EQ(alpha->values_used, 40);
  EXPECT_LT(alpha->ci_low, alpha->alpha);
  EXPECT_GT(alpha->ci_high, alpha->alpha);
}

TEST(ComputeKrippendorffAlpha, NeedsVariation) {
  const RatingMatrix same = FromRows({{3, 3}, {3, 3}, {3, 3}});
  Result<AlphaResult> alpha = ComputeKrippendorffAlpha(same);
  ASSERT_FALSE(alpha.has_value());
  EXPECT_EQ(alpha.error().code(), ErrorCode::kFailedPrecondition);
}

TEST(ComputeIccAgreement, MatchesShroutAndFleissExample) {
  // Shrout & Fleiss (1979) table 2: 6 targets, 4 judges; ICC(2,1) = 0.29.
  const RatingMatrix matrix = FromRows(
      {{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}});
  Result<IccResult> icc = ComputeIccAgreement(matrix);
  ASSERT_TRUE(icc.has_value()) << icc.error().message();
  EXPECT_EQ(icc->targets_used, 6);
  // psych::ICC (R) on the same matrix: 0.2897642 with 95 % interval 0.0187866 to 0.7610847.
  EXPECT_NEAR(icc->icc, 0.2897642, 1e-6);
  EXPECT_NEAR(icc->ci_low, 0.0187866, 1e-5);
  EXPECT_NEAR(icc->ci_high, 0.7610847, 1e-5);
}

TEST(ComputeIccAgreement, LeavesOutIncompleteTargets) {
  const double x = std::nan("");
  const RatingMatrix matrix = FromRows({{80, 82}, {60, 65}, {90, x}, {70, 71}});
  Result<IccResult> icc = ComputeIccAgreement(matrix);
  ASSERT_TRUE(icc.has_value());
  EXPECT_EQ(icc->targets_used, 3);
  EXPECT_GT(icc->icc, 0.9);
}

TEST(FitDrift, FindsATrendAndItsUncertainty) {
  std::vector<double> day;
  std::vector<double> residual;
  for (int d = 0; d < 60; ++d) {
    day.push_back(d);
    residual.push_back(0.2 * d + ((d % 3) - 1.0));
  }
  const Drift drift = FitDrift(day, residual);
  EXPECT_NEAR(drift.slope_per_day, 0.2, 0.01);
  EXPECT_GT(drift.slope_se, 0);
  EXPECT_LT(drift.p_value, 1e-6);
  const Drift none = FitDrift(std::vector<double>{1, 1, 1}, std::vector<double>{1, 2, 3});
  EXPECT_EQ(none.slope_per_day, 0);
  EXPECT_EQ(none.p_value, 1);
}

}  // namespace
}  // namespace chinjeol::stats
