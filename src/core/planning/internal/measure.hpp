#pragma once

#include <span>
#include <vector>

#include "core/planning/assignment.hpp"
#include "core/planning/internal/model.hpp"
#include "core/planning/metrics.hpp"
#include "core/planning/summary.hpp"

namespace chinjeol::planning::internal {

// An assignment's codes as model indexes (-1 when unknown), resolved once for the measures.
struct AssignmentRef {
  int monitor = -1;
  int department = -1;  // the unit, or the call's department (else the employee's)
  int employee = -1;    // calls only
  int scenario = -1;
};

AssignmentRef Resolve(const Model& model, const Assignment& assignment);
std::vector<AssignmentRef> Resolve(const Model& model, std::span<const Assignment> assignments);

// `refs[k]` belongs to `assignments[k]`.
PlanMetrics Measure(const Model& model, std::span<const Assignment> assignments,
                    std::span<const AssignmentRef> refs);
PlanSummary Summarize(const Model& model, std::span<const Assignment> assignments,
                      std::span<const AssignmentRef> refs);

}  // namespace chinjeol::planning::internal
