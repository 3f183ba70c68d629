#include "core/stats/internal/reduced_system.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <random>
#include <vector>

namespace chinjeol::stats::internal {
namespace {

struct SmallDesign {
  std::vector<double> y;
  std::vector<int> employee;
  std::vector<int> monitor;
  std::vector<int> scenario;
  std::vector<int> channel;
};

SmallDesign MakeSmallDesign() {
  SmallDesign d;
  std::mt19937 engine(7);
  for (int i = 0; i < 40; ++i) {
    const int contacts = 1 + i % 4;
    for (int c = 0; c < contacts; ++c) {
      d.employee.push_back(i);
      d.monitor.push_back(static_cast<int>((i / 10) * 2 + engine() % 3) % 8);
      d.scenario.push_back(static_cast<int>(engine() % 6));
      d.channel.push_back(d.scenario.back() % 2);
      d.y.push_back(60 + static_cast<double>(engine() % 400) / 10);
    }
  }
  return d;
}

// Dense reference: M = [X Z]'[X Z] + diag(0, 1/gamma), the REML criterion of lme4.
double DenseCriterion(const SmallDesign& d, const std::vector<double>& phi) {
  const int n = static_cast<int>(d.y.size());
  const int columns = 2 + 40 + 8 + 6;
  Eigen::MatrixXd w = Eigen::MatrixXd::Zero(n, columns);
  for (int c = 0; c < n; ++c) {
    w(c, 0) = 1;
    w(c, 1) = d.channel[c];
    w(c, 2 + d.employee[c]) = 1;
    w(c, 42 + d.monitor[c]) = 1;
    w(c, 50 + d.scenario[c]) = 1;
  }
  Eigen::MatrixXd m = w.transpose() * w;
  for (int j = 2; j < 42; ++j) m(j, j) += std::exp(-phi[0]);
  for (int j = 42; j < 50; ++j) m(j, j) += std::exp(-phi[1]);
  for (int j = 50; j < 56; ++j) m(j, j) += std::exp(-phi[2]);
  const Eigen::VectorXd y = Eigen::Map<const Eigen::VectorXd>(d.y.data(), n);
  const Eigen::VectorXd rhs = w.transpose() * y;
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(m);
  const Eigen::VectorXd solution = ldlt.solve(rhs);
  const double ypy = y.dot(y) - solution.dot(rhs);
  const double s2 = ypy / (n - 2);
  double log_det = 0;
  for (int j = 0; j < columns; ++j) log_det += std::log(ldlt.vectorD()[j]);
  const double log_gamma = 40 * phi[0] + 8 * phi[1] + 6 * phi[2];
  return (n - 2) * (1 + std::log(2 * M_PI * s2)) + log_gamma + log_det;
}

TEST(ReducedSystem, CriterionGradientAndSelectedInverseMatchDenseAlgebra) {
  const SmallDesign d = MakeSmallDesign();
  Design design;
  design.y = d.y;
  design.employee = d.employee;
  design.employee_count = 40;
  design.random = {{8, d.monitor}, {6, d.scenario}};
  design.fixed = {{2, d.channel}};
  ReducedSystem system(design);
  const std::vector<double> phi = {-0.7, -1.2, 0.3};
  const ReducedSystem::Evaluation ev = system.Evaluate(phi, Gradient::kCompute);
  ASSERT_TRUE(ev.ok);
  EXPECT_NEAR(ev.criterion, DenseCriterion(d, phi), 1e-8);
  for (int k = 0; k < 3; ++k) {
    std::vector<double> up = phi;
    std::vector<double> down = phi;
    up[k] += 1e-5;
    down[k] -= 1e-5;
    const double numeric = (DenseCriterion(d, up) - DenseCriterion(d, down)) / 2e-5;
    EXPECT_NEAR(ev.gradient[k], numeric, 1e-5 * std::max(1.0, std::fabs(numeric))) << k;
  }
  // The selected inverse equals the dense inverse of R on R's pattern.
  system.Evaluate(phi, Gradient::kSkip);
  system.ComputeSelectedInverse();
  const int q = system.column_count();
  Eigen::MatrixXd inverse(q, q);
  for (int j = 0; j < q; ++j) {
    Eigen::VectorXd unit = Eigen::VectorXd::Zero(q);
    unit[j] = 1;
    inverse.col(j) = system.Solve(unit);
  }
  for (int a = 0; a < q; ++a) {
    for (int b = 0; b <= a; ++b) {
      EXPECT_NEAR(system.InverseEntry(a, b), inverse(a, b), 1e-10) << a << "," << b;
    }
  }
}

}  // namespace
}  // namespace chinjeol::stats::internal
