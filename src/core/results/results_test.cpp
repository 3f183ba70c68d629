#include <gtest/gtest.h>

#include "core/results/results_repository.hpp"

namespace chinjeol::results {
namespace {

LocalDateTime At(const char* text) { return *ParseLocalDateTime(text); }

TEST(IsPublished, ShowsContactsMadeBeforeTheReleaseOnceItHasCome) {
  const ResultsRelease release{"C", At("2021-09-20T09:00:00"), *ParseDate("2021-10-04")};
  const LocalDateTime before = At("2021-09-16T14:30:00");
  EXPECT_TRUE(IsPublished(release, before, At("2021-09-20T09:00:00")));
  EXPECT_TRUE(IsPublished(release, before, At("2021-12-01T00:00:00")));
  // Not before the release time.
  EXPECT_FALSE(IsPublished(release, before, At("2021-09-20T08:59:59")));
  // A contact at the very moment of release is in it; one after it waits for the next release.
  EXPECT_TRUE(IsPublished(release, At("2021-09-20T09:00:00"), At("2021-09-21T00:00:00")));
  EXPECT_FALSE(IsPublished(release, At("2021-09-20T09:00:01"), At("2021-09-21T00:00:00")));
  // No release at all.
  EXPECT_FALSE(IsPublished(std::nullopt, before, At("2021-12-01T00:00:00")));
}

}  // namespace
}  // namespace chinjeol::results
