#include "core/stats/distributions.hpp"

#include <gtest/gtest.h>

namespace chinjeol::stats {
namespace {

TEST(NormalQuantile, InvertsTheDistributionFunction) {
  EXPECT_NEAR(NormalQuantile(0.95), 1.6448536269514722, 1e-12);
  EXPECT_NEAR(NormalQuantile(0.975), 1.959963984540054, 1e-12);
  EXPECT_NEAR(NormalQuantile(1e-6), -4.753424308822899, 1e-9);
  for (const double p : {0.001, 0.1, 0.5, 0.77, 0.999}) {
    EXPECT_NEAR(NormalCdf(NormalQuantile(p)), p, 1e-14);
  }
}

TEST(FQuantile, MatchesTables) {
  EXPECT_NEAR(FQuantile(0.95, 5, 10), 3.325835, 1e-5);        // qf(0.95, 5, 10)
  EXPECT_NEAR(FQuantile(0.975, 3, 20), 3.85869866627, 1e-8);  // qf(0.975, 3, 20)
  EXPECT_NEAR(FCdf(FQuantile(0.3, 7, 2.5), 7, 2.5), 0.3, 1e-10);
}

TEST(StudentTwoSidedP, MatchesTables) {
  EXPECT_NEAR(StudentTwoSidedP(2.228139, 10), 0.05, 1e-6);  // qt(0.975, 10)
  EXPECT_NEAR(StudentTwoSidedP(0, 5), 1, 1e-12);
}

}  // namespace
}  // namespace chinjeol::stats
