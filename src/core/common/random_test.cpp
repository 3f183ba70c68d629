#include "core/common/random.hpp"

#include <gtest/gtest.h>

namespace chinjeol {
namespace {

TEST(Random, SameSeedSameStreamOtherSeedOtherStream) {
  Random a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) {
    const auto value = a.Next();
    EXPECT_EQ(value, b.Next());
    EXPECT_NE(value, c.Next());
  }
}

TEST(Random, BelowStaysInRangeAndCoversIt) {
  Random random(7);
  std::vector<int> counts(6, 0);
  for (int i = 0; i < 60000; ++i) ++counts.at(random.Below(6));
  for (const int count : counts) EXPECT_NEAR(count, 10000, 500);
  for (int i = 0; i < 1000; ++i) {
    const int value = random.Between(-3, 3);
    EXPECT_GE(value, -3);
    EXPECT_LE(value, 3);
  }
}

TEST(Random, NormalHasMeanZeroAndUnitVariance) {
  Random random(11);
  double sum = 0, sum_squares = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double x = random.Normal();
    sum += x;
    sum_squares += x * x;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);
  EXPECT_NEAR(sum_squares / n, 1.0, 0.02);
}

TEST(Random, ShuffleIsAPermutation) {
  Random random(3);
  std::vector<int> items{1, 2, 3, 4, 5, 6, 7, 8};
  random.Shuffle(items);
  std::vector<int> sorted = items;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8}));
}

}  // namespace
}  // namespace chinjeol
