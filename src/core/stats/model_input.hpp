#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/common/channel.hpp"
#include "core/common/result.hpp"
#include "core/evaluation/evaluation_repository.hpp"

namespace chinjeol::stats {

// The contacts of one campaign in the compact form the fair-score model works on: one entry per
// contact in each per-contact array, and dense 0-based indices for employees, monitors,
// scenarios, departments and groups, with the storage id of every index.
struct ModelInput {
  // Per contact.
  std::vector<double> score;  // 0-100 in practice; any finite number is accepted
  std::vector<Channel> channel;
  std::vector<int> round;
  std::vector<int> day;  // day number of the contact, for drift over the campaign
  std::vector<int> employee;
  std::vector<int> monitor;
  std::vector<int> scenario;
  std::vector<int> department;  // the department the employee belonged to at the contact
  // 1 when the contact happened after the employee's first coaching session (or the training
  // they attended), else 0; empty when no treatment is recorded. Only the treatment-effect
  // estimate (treatment_effect.hpp) and ModelOptions::treatment_effect read it.
  std::vector<int> treated_after;

  // Per level: dense index -> storage id.
  std::vector<std::int64_t> employee_ids;
  std::vector<std::int64_t> monitor_ids;
  std::vector<std::int64_t> scenario_ids;
  std::vector<std::int64_t> department_ids;
  std::vector<std::int64_t> group_ids;

  // The department of each employee (that of their latest contact; roster employees without a
  // contact take the roster's), and the group of each department (empty: no groups known).
  std::vector<int> employee_department;
  std::vector<int> department_group;

  std::size_t contact_count() const { return score.size(); }
};

// An employee on the roster, so that employees without a scored contact appear in the report.
struct RosterEntry {
  std::int64_t employee_id = 0;
  std::int64_t department_id = 0;
};

// The group (본청, 사업소, 직속기관, 읍면동 or any other grouping) of a department.
struct DepartmentGroup {
  std::int64_t department_id = 0;
  std::int64_t group_id = 0;
};

// Maps storage ids to dense indices (levels sorted by id, so the result does not depend on the
// order of `contacts`). kInvalidArgument when a score is not a finite number, or a department
// has two groups.
Result<ModelInput> BuildModelInput(std::span<const evaluation::ScoredContact> contacts,
                                   std::span<const RosterEntry> roster = {},
                                   std::span<const DepartmentGroup> department_groups = {});

// kInvalidArgument when the arrays differ in length (treated_after may also be empty), an index
// is out of range, a score is not a finite number or a treated_after entry is not 0 or 1.
// FitFairScores calls it first.
Result<void> ValidateModelInput(const ModelInput& input);

// An employee's plain mean over their contacts, the number shown beside the adjusted score.
struct RawMean {
  std::int64_t employee_id = 0;
  int contacts = 0;
  double mean = 0;
};

// Raw means per employee, sorted by employee id; for use before or without the model.
std::vector<RawMean> ComputeRawMeans(std::span<const evaluation::ScoredContact> contacts);

}  // namespace chinjeol::stats
