#pragma once

#include <vector>

#include "core/stats/internal/reduced_system.hpp"

namespace chinjeol::stats::internal {

struct RemlOptimum {
  std::vector<double> log_ratios;
  ReducedSystem::Evaluation evaluation;  // at log_ratios; ok == false when nothing worked
  int iterations = 0;
  bool converged = false;
};

// Minimises the REML criterion over the log variance ratios: quasi-Newton (BFGS) with the exact
// gradient, started from `start` with a finite-difference Hessian, and an Armijo line search.
// Ratios are kept within exp(+-30). The system is left evaluated at the optimum.
RemlOptimum MinimizeReml(ReducedSystem& system, std::vector<double> start, int max_iterations);

}  // namespace chinjeol::stats::internal
