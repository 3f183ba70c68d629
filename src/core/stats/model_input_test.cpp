#include "core/stats/model_input.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace chinjeol::stats {
namespace {

evaluation::ScoredContact Contact(std::int64_t employee, std::int64_t department,
                                  std::int64_t monitor, int day, double score) {
  evaluation::ScoredContact c;
  c.employee_id = employee;
  c.department_id = department;
  c.monitor_id = monitor;
  c.scenario_id = 1;
  c.day = day;
  c.score = score;
  return c;
}

TEST(BuildModelInput, MapsIdsToSortedDenseIndices) {
  const std::vector<evaluation::ScoredContact> contacts = {
      Contact(50, 7, 300, 2, 80), Contact(10, 7, 200, 1, 70), Contact(50, 8, 200, 5, 90)};
  const std::vector<RosterEntry> roster = {{99, 7}};
  const std::vector<DepartmentGroup> groups = {{7, 1}, {8, 2}};
  Result<ModelInput> input = BuildModelInput(contacts, roster, groups);
  ASSERT_TRUE(input.has_value());
  EXPECT_EQ(input->employee_ids, (std::vector<std::int64_t>{10, 50, 99}));
  EXPECT_EQ(input->monitor_ids, (std::vector<std::int64_t>{200, 300}));
  EXPECT_EQ(input->employee, (std::vector<int>{1, 0, 1}));
  EXPECT_EQ(input->monitor, (std::vector<int>{1, 0, 0}));
  // Employee 50 moved to department 8 with the latest contact.
  EXPECT_EQ(input->employee_department, (std::vector<int>{0, 1, 0}));
  EXPECT_EQ(input->department_group, (std::vector<int>{0, 1}));
  EXPECT_TRUE(ValidateModelInput(*input).has_value());
}

TEST(BuildModelInput, RejectsScoresThatAreNotNumbers) {
  const std::vector<evaluation::ScoredContact> contacts = {Contact(1, 1, 1, 1, std::nan(""))};
  Result<ModelInput> input = BuildModelInput(contacts);
  ASSERT_FALSE(input.has_value());
  EXPECT_EQ(input.error().code(), ErrorCode::kInvalidArgument);
}

TEST(ComputeRawMeans, AveragesPerEmployee) {
  const std::vector<evaluation::ScoredContact> contacts = {
      Contact(2, 1, 1, 1, 80), Contact(1, 1, 1, 1, 70), Contact(2, 1, 1, 1, 90)};
  const std::vector<RawMean> means = ComputeRawMeans(contacts);
  ASSERT_EQ(means.size(), 2u);
  EXPECT_EQ(means[0].employee_id, 1);
  EXPECT_EQ(means[1].contacts, 2);
  EXPECT_DOUBLE_EQ(means[1].mean, 85);
}

}  // namespace
}  // namespace chinjeol::stats
