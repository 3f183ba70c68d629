#pragma once

#include <Eigen/Core>
#include <Eigen/OrderingMethods>
#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>
#include <span>
#include <vector>

namespace chinjeol::stats::internal {

// A factor of the model: the level of every contact, 0 <= level < level_count, every level used.
struct Factor {
  int level_count = 0;
  std::span<const int> level;
};

// The linear mixed model y = X beta + Z_e u_e + sum_k Z_k u_k + e with random intercepts for
// employees (u_e) and for each factor in `random`, and a fixed part of an intercept plus the
// dummies of each factor in `fixed` (level 0 is the baseline; X must have full column rank).
struct Design {
  std::span<const double> y;
  std::span<const int> employee;
  int employee_count = 0;
  bool employee_effect = true;  // false: no employee term at all (its variance is zero)
  std::vector<Factor> random;
  std::vector<Factor> fixed;
};

// Whether an evaluation also computes the gradient (which needs a selected inverse).
enum class Gradient { kSkip, kCompute };

// The REML criterion of the design as a function of the log variance ratios
// phi = log(tau_k^2 / sigma^2), evaluated exactly by absorbing the diagonal employee block of
// Henderson's mixed-model equations (a Schur complement). What is left, R, is a sparse
// symmetric matrix over the columns W = [random factors..., fixed] with one factorisation per
// evaluation. Employees with the same number of contacts share A_i = n_i + 1/gamma_e, so R and
// the right-hand side are precomputed per contact count and each evaluation costs
// O(distinct counts x nnz(R)), independent of the number of employees and contacts (a
// campaign has a few dozen distinct counts at most; each costs nnz(R) doubles of memory).
//
// Column order of W: the levels of random[0], random[1], ..., then the intercept, then the
// dummies of fixed[0], fixed[1], ....
class ReducedSystem {
 public:
  explicit ReducedSystem(const Design& design);

  struct Evaluation {
    bool ok = false;  // false: the matrix was not positive definite at these parameters
    double criterion = 0;
    double sigma2 = 0;
    std::vector<double> gradient;  // d criterion / d phi, with Gradient::kCompute
  };

  // Parameters: phi of the employee term (when present), then of each random factor.
  int parameter_count() const;
  Evaluation Evaluate(std::span<const double> log_ratios, Gradient gradient);

  // Layout.
  int column_count() const { return column_count_; }
  int fixed_count() const { return fixed_count_; }
  int fixed_offset() const { return column_count_ - fixed_count_; }
  int random_offset(int factor) const { return random_offset_[factor]; }
  int fixed_dummy_offset(int factor) const { return fixed_dummy_offset_[factor]; }
  int contact_count() const { return static_cast<int>(design_.y.size()); }
  int employee_count() const { return design_.employee_count; }
  const Design& design() const { return design_; }

  // The W columns of contact c (every entry of W is 0 or 1), ascending; returns how many.
  int ContactColumns(int contact, std::span<int> columns) const;
  int max_columns_per_contact() const {
    return static_cast<int>(design_.random.size()) + 1 + static_cast<int>(design_.fixed.size());
  }

  // Employee i: contacts, the W columns seen in their contacts plus every fixed column (h_i =
  // the counts, zero for a fixed column not seen), and Z_e'y.
  std::span<const int> EmployeeContacts(int employee) const;
  std::span<const int> SupportColumns(int employee) const;
  std::span<const double> SupportCounts(int employee) const;
  int ContactCount(int employee) const;
  double EmployeeResponseSum(int employee) const { return zety_[employee]; }

  // State of the last successful Evaluate.
  const Eigen::VectorXd& solution() const { return solution_; }  // beta and the random effects
  // 1 / A_i for employee i (0 without an employee term).
  double InverseDiagonal(int employee) const;
  double employee_effect(int employee) const;  // BLUP of u_e,i

  // Entries of R^{-1} on the pattern of R (selected inversion of the factor). Call
  // ComputeSelectedInverse after the Evaluate whose parameters it should use.
  void ComputeSelectedInverse();
  double InverseEntry(int row, int column) const;
  // x = R^{-1} b for a dense b.
  Eigen::VectorXd Solve(const Eigen::VectorXd& b) const;
  // b' R^{-1} b by a forward substitution only, skipping the zeros of a sparse b. `b` is used
  // as scratch space and left all zero.
  double InverseQuadraticForm(Eigen::VectorXd& b) const;

 private:
  int FindEntry(int row, int column) const;  // index into the pattern of R (row >= column)
  void FillPatternInverse();
  void BuildEmployees();
  void BuildPattern();

  Design design_;
  int column_count_ = 0;
  int fixed_count_ = 0;
  std::vector<int> random_offset_;
  std::vector<int> fixed_dummy_offset_;
  int degrees_of_freedom_ = 0;  // n - p

  std::vector<int> contact_start_;
  std::vector<int> contact_order_;
  std::vector<int> support_start_;
  std::vector<int> support_column_;
  std::vector<double> support_count_;
  std::vector<double> zety_;
  double yty_ = 0;
  Eigen::VectorXd wty_;

  // Employees grouped by their number of contacts.
  std::vector<int> group_of_employee_;
  std::vector<double> group_contacts_;
  std::vector<double> group_size_;
  std::vector<double> group_zety2_;
  std::vector<Eigen::VectorXd> group_rhs_;         // sum h_i Z_e'y_i
  std::vector<std::vector<double>> group_values_;  // sum h_i h_i' on the pattern

  // Pattern of R: lower triangle, column-major, rows ascending, diagonal first in each column.
  std::vector<int> column_start_;
  std::vector<int> row_;
  std::vector<int> dense_position_;  // row * q + column -> entry (row >= column), when small
  std::vector<double> wtw_;
  std::vector<double> values_;
  Eigen::SparseMatrix<double, Eigen::ColMajor, int> matrix_;
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double, Eigen::ColMajor, int>, Eigen::Lower,
                        Eigen::AMDOrdering<int>>
      factor_;
  bool analyzed_ = false;

  Eigen::VectorXd solution_;
  std::vector<double> group_inverse_a_;

  // Selected inverse in the factor's (permuted) numbering, and where each entry of R's pattern
  // finds its value there (>= 0: off-diagonal index; < 0: -1 - diagonal index).
  std::vector<double> inverse_diagonal_;
  std::vector<double> inverse_lower_;
  std::vector<int> inverse_position_;
  std::vector<double> pattern_inverse_;  // R^-1 on the pattern of R, aligned with row_
  mutable Eigen::VectorXd permuted_;     // scratch of InverseQuadraticForm
};

}  // namespace chinjeol::stats::internal
