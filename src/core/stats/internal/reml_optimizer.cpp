#include "core/stats/internal/reml_optimizer.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace chinjeol::stats::internal {
namespace {

constexpr double kBound = 30;
constexpr double kMaxStep = 3;

std::vector<double> Clamp(std::vector<double> x) {
  for (double& v : x) v = std::clamp(v, -kBound, kBound);
  return x;
}

Eigen::VectorXd ToVector(const std::vector<double>& x) {
  return Eigen::Map<const Eigen::VectorXd>(x.data(), static_cast<Eigen::Index>(x.size()));
}

// Inverse of a finite-difference Hessian of the gradient, made positive definite.
Eigen::MatrixXd InitialInverseHessian(ReducedSystem& system, const std::vector<double>& x,
                                      const Eigen::VectorXd& gradient) {
  const int m = static_cast<int>(x.size());
  constexpr double kStep = 1e-4;
  Eigen::MatrixXd hessian(m, m);
  for (int k = 0; k < m; ++k) {
    std::vector<double> shifted = x;
    shifted[k] += kStep;
    const ReducedSystem::Evaluation ev = system.Evaluate(shifted, Gradient::kCompute);
    if (!ev.ok) return Eigen::MatrixXd::Identity(m, m);
    hessian.col(k) = (ToVector(ev.gradient) - gradient) / kStep;
  }
  hessian = 0.5 * (hessian + hessian.transpose()).eval();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(hessian);
  Eigen::VectorXd values = eigen.eigenvalues();
  const double largest = std::max(values.cwiseAbs().maxCoeff(), 1e-8);
  for (int k = 0; k < m; ++k) values[k] = 1 / std::max(std::fabs(values[k]), 1e-6 * largest);
  return eigen.eigenvectors() * values.asDiagonal() * eigen.eigenvectors().transpose();
}

}  // namespace

RemlOptimum MinimizeReml(ReducedSystem& system, std::vector<double> start, int max_iterations) {
  RemlOptimum optimum;
  std::vector<double> x = Clamp(std::move(start));
  ReducedSystem::Evaluation current = system.Evaluate(x, Gradient::kCompute);
  // A start where the matrix is not positive definite: fall back to equal ratios.
  if (!current.ok) {
    std::fill(x.begin(), x.end(), 0.0);
    current = system.Evaluate(x, Gradient::kCompute);
  }
  if (!current.ok) {
    optimum.log_ratios = x;
    return optimum;
  }
  const int m = static_cast<int>(x.size());
  if (m == 0) {
    optimum.log_ratios = x;
    optimum.evaluation = current;
    optimum.converged = true;
    return optimum;
  }
  Eigen::VectorXd gradient = ToVector(current.gradient);
  Eigen::MatrixXd inverse_hessian = InitialInverseHessian(system, x, gradient);
  int flat_steps = 0;
  int iteration = 0;
  bool last_at_x = false;  // the system's last evaluation was at x
  for (; iteration < max_iterations; ++iteration) {
    Eigen::VectorXd direction = -inverse_hessian * gradient;
    double slope = gradient.dot(direction);
    if (!(slope < 0)) {
      inverse_hessian = Eigen::MatrixXd::Identity(m, m);
      direction = -gradient;
      slope = gradient.dot(direction);
    }
    if (-slope / 2 < 1e-10) {
      optimum.converged = true;
      break;
    }
    last_at_x = false;
    const double longest = direction.cwiseAbs().maxCoeff();
    if (longest > kMaxStep) direction *= kMaxStep / longest;
    slope = gradient.dot(direction);

    double step = 1;
    std::vector<double> trial;
    ReducedSystem::Evaluation next;
    bool accepted = false;
    for (int halving = 0; halving < 40; ++halving, step /= 2) {
      trial = x;
      for (int k = 0; k < m; ++k) trial[k] += step * direction[k];
      trial = Clamp(std::move(trial));
      next = system.Evaluate(trial, Gradient::kCompute);
      if (next.ok && next.criterion <= current.criterion + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      // No decrease is possible at this precision: the criterion is at its minimum.
      optimum.converged = gradient.cwiseAbs().maxCoeff() < 1e-3;
      break;
    }
    const Eigen::VectorXd s = ToVector(trial) - ToVector(x);
    const Eigen::VectorXd new_gradient = ToVector(next.gradient);
    const Eigen::VectorXd y = new_gradient - gradient;
    const double sy = s.dot(y);
    if (sy > 1e-12) {
      const double rho = 1 / sy;
      const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(m, m);
      inverse_hessian = (identity - rho * s * y.transpose()) * inverse_hessian *
                            (identity - rho * y * s.transpose()) +
                        rho * s * s.transpose();
    }
    const double decrease = current.criterion - next.criterion;
    x = trial;
    current = next;
    gradient = new_gradient;
    last_at_x = true;
    flat_steps =
        (decrease < 1e-11 * std::max(1.0, std::fabs(current.criterion))) ? flat_steps + 1 : 0;
    if (flat_steps >= 3 || s.cwiseAbs().maxCoeff() < 1e-10) {
      optimum.converged = true;
      break;
    }
  }
  // Leave the system evaluated at the optimum: a rejected line-search trial was evaluated last.
  optimum.evaluation = last_at_x ? current : system.Evaluate(x, Gradient::kCompute);
  optimum.log_ratios = x;
  optimum.iterations = iteration;
  return optimum;
}

}  // namespace chinjeol::stats::internal
