#include "core/stats/internal/reduced_system.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace chinjeol::stats::internal {

ReducedSystem::ReducedSystem(const Design& design) : design_(design) {
  int offset = 0;
  for (const Factor& factor : design_.random) {
    random_offset_.push_back(offset);
    offset += factor.level_count;
  }
  fixed_count_ = 1;
  for (const Factor& factor : design_.fixed) {
    fixed_dummy_offset_.push_back(offset + fixed_count_);
    fixed_count_ += factor.level_count - 1;
  }
  column_count_ = offset + fixed_count_;
  degrees_of_freedom_ = contact_count() - fixed_count_;
  BuildEmployees();
  BuildPattern();
}

int ReducedSystem::parameter_count() const {
  return (design_.employee_effect ? 1 : 0) + static_cast<int>(design_.random.size());
}

int ReducedSystem::ContactColumns(int contact, std::span<int> columns) const {
  int count = 0;
  for (std::size_t k = 0; k < design_.random.size(); ++k) {
    columns[count++] = random_offset_[k] + design_.random[k].level[contact];
  }
  columns[count++] = fixed_offset();
  for (std::size_t k = 0; k < design_.fixed.size(); ++k) {
    const int level = design_.fixed[k].level[contact];
    if (level > 0) columns[count++] = fixed_dummy_offset_[k] + level - 1;
  }
  return count;
}

void ReducedSystem::BuildEmployees() {
  const int n = contact_count();
  const int employees = design_.employee_count;
  contact_start_.assign(employees + 1, 0);
  for (int c = 0; c < n; ++c) ++contact_start_[design_.employee[c] + 1];
  for (int i = 0; i < employees; ++i) contact_start_[i + 1] += contact_start_[i];
  contact_order_.resize(n);
  {
    std::vector<int> next(contact_start_.begin(), contact_start_.end() - 1);
    for (int c = 0; c < n; ++c) contact_order_[next[design_.employee[c]]++] = c;
  }

  wty_ = Eigen::VectorXd::Zero(column_count_);
  zety_.assign(employees, 0);
  support_start_.assign(1, 0);
  std::vector<int> columns(max_columns_per_contact());
  std::vector<int> gathered;
  std::map<int, int> group_index;
  for (int i = 0; i < employees; ++i) {
    gathered.clear();
    for (int c : EmployeeContacts(i)) {
      const int count = ContactColumns(c, columns);
      const double y = design_.y[c];
      for (int j = 0; j < count; ++j) {
        gathered.push_back(columns[j]);
        wty_[columns[j]] += y;
      }
      zety_[i] += y;
      yty_ += y * y;
    }
    for (int x = fixed_offset(); x < column_count_; ++x) gathered.push_back(x);
    std::sort(gathered.begin(), gathered.end());
    for (std::size_t j = 0; j < gathered.size();) {
      std::size_t end = j;
      while (end < gathered.size() && gathered[end] == gathered[j]) ++end;
      const bool is_fixed = gathered[j] >= fixed_offset();
      support_column_.push_back(gathered[j]);
      // Fixed columns were added once more than they were seen.
      support_count_.push_back(static_cast<double>(end - j) - (is_fixed ? 1 : 0));
      j = end;
    }
    support_start_.push_back(static_cast<int>(support_column_.size()));
    group_index.emplace(ContactCount(i), 0);
  }

  // Group employees by their number of contacts.
  int next_group = 0;
  for (auto& [contacts, index] : group_index) {
    index = next_group++;
    group_contacts_.push_back(contacts);
  }
  const int groups = next_group;
  group_size_.assign(groups, 0);
  group_zety2_.assign(groups, 0);
  group_rhs_.assign(groups, Eigen::VectorXd::Zero(column_count_));
  group_of_employee_.resize(employees);
  for (int i = 0; i < employees; ++i) {
    const int g = group_index.at(ContactCount(i));
    group_of_employee_[i] = g;
    group_size_[g] += 1;
    group_zety2_[g] += zety_[i] * zety_[i];
    const auto support = SupportColumns(i);
    const auto counts = SupportCounts(i);
    for (std::size_t j = 0; j < support.size(); ++j) {
      group_rhs_[g][support[j]] += counts[j] * zety_[i];
    }
  }
}

void ReducedSystem::BuildPattern() {
  const int q = column_count_;
  const int employees = design_.employee_count;
  // Transpose of the supports: for each column, the employees that have it and where.
  std::vector<int> t_start(q + 1, 0);
  for (int column : support_column_) ++t_start[column + 1];
  for (int a = 0; a < q; ++a) t_start[a + 1] += t_start[a];
  std::vector<int> t_employee(support_column_.size());
  std::vector<int> t_position(support_column_.size());
  {
    std::vector<int> next(t_start.begin(), t_start.end() - 1);
    for (int i = 0; i < employees; ++i) {
      for (int j = support_start_[i]; j < support_start_[i + 1]; ++j) {
        const int slot = next[support_column_[j]]++;
        t_employee[slot] = i;
        t_position[slot] = j;
      }
    }
  }

  const int groups = static_cast<int>(group_contacts_.size());
  group_values_.assign(groups, {});
  std::vector<int> marker(q, -1);
  std::vector<int> position(q, -1);
  std::vector<int> rows;
  column_start_.assign(1, 0);
  for (int a = 0; a < q; ++a) {
    rows.assign(1, a);
    marker[a] = a;
    for (int t = t_start[a]; t < t_start[a + 1]; ++t) {
      const int i = t_employee[t];
      for (int j = t_position[t] + 1; j < support_start_[i + 1]; ++j) {
        const int b = support_column_[j];
        if (marker[b] != a) {
          marker[b] = a;
          rows.push_back(b);
        }
      }
    }
    std::sort(rows.begin() + 1, rows.end());
    const int base = static_cast<int>(row_.size());
    for (std::size_t r = 0; r < rows.size(); ++r) position[rows[r]] = base + static_cast<int>(r);
    row_.insert(row_.end(), rows.begin(), rows.end());
    column_start_.push_back(static_cast<int>(row_.size()));
    for (auto& values : group_values_) values.resize(row_.size(), 0.0);
    for (int t = t_start[a]; t < t_start[a + 1]; ++t) {
      const int i = t_employee[t];
      const double h_a = support_count_[t_position[t]];
      if (h_a == 0) continue;
      std::vector<double>& values = group_values_[group_of_employee_[i]];
      for (int j = t_position[t]; j < support_start_[i + 1]; ++j) {
        values[position[support_column_[j]]] += h_a * support_count_[j];
      }
    }
  }

  // A dense table of positions makes lookups O(1) while it stays small (q <= 3000: 36 MB).
  constexpr int kDenseTableColumns = 3000;
  if (q <= kDenseTableColumns) {
    dense_position_.assign(static_cast<std::size_t>(q) * q, -1);
    for (int a = 0; a < q; ++a) {
      for (int e = column_start_[a]; e < column_start_[a + 1]; ++e) {
        dense_position_[static_cast<std::size_t>(row_[e]) * q + a] = e;
      }
    }
  }
  // W'W: every entry of W is 0 or 1, so each pair of columns of a contact adds one.
  wtw_.assign(row_.size(), 0.0);
  std::vector<int> columns(max_columns_per_contact());
  for (int c = 0; c < contact_count(); ++c) {
    const int count = ContactColumns(c, columns);
    for (int j = 0; j < count; ++j) {
      for (int l = j; l < count; ++l) wtw_[FindEntry(columns[l], columns[j])] += 1;
    }
  }
  values_ = wtw_;
  matrix_.resize(q, q);
  matrix_.resizeNonZeros(static_cast<Eigen::Index>(row_.size()));
  std::copy(column_start_.begin(), column_start_.end(), matrix_.outerIndexPtr());
  std::copy(row_.begin(), row_.end(), matrix_.innerIndexPtr());
}

int ReducedSystem::FindEntry(int row, int column) const {
  if (!dense_position_.empty()) {
    return dense_position_[static_cast<std::size_t>(row) * column_count_ + column];
  }
  const auto begin = row_.begin() + column_start_[column];
  const auto end = row_.begin() + column_start_[column + 1];
  const auto it = std::lower_bound(begin, end, row);
  if (it == end || *it != row) return -1;
  return static_cast<int>(it - row_.begin());
}

std::span<const int> ReducedSystem::EmployeeContacts(int employee) const {
  return {contact_order_.data() + contact_start_[employee],
          static_cast<std::size_t>(contact_start_[employee + 1] - contact_start_[employee])};
}

std::span<const int> ReducedSystem::SupportColumns(int employee) const {
  return {support_column_.data() + support_start_[employee],
          static_cast<std::size_t>(support_start_[employee + 1] - support_start_[employee])};
}

std::span<const double> ReducedSystem::SupportCounts(int employee) const {
  return {support_count_.data() + support_start_[employee],
          static_cast<std::size_t>(support_start_[employee + 1] - support_start_[employee])};
}

int ReducedSystem::ContactCount(int employee) const {
  return contact_start_[employee + 1] - contact_start_[employee];
}

double ReducedSystem::InverseDiagonal(int employee) const {
  return group_inverse_a_.empty() ? 0.0 : group_inverse_a_[group_of_employee_[employee]];
}

double ReducedSystem::employee_effect(int employee) const {
  const double inverse_a = InverseDiagonal(employee);
  if (inverse_a == 0) return 0;
  double fitted = 0;
  const auto support = SupportColumns(employee);
  const auto counts = SupportCounts(employee);
  for (std::size_t j = 0; j < support.size(); ++j) fitted += counts[j] * solution_[support[j]];
  return (zety_[employee] - fitted) * inverse_a;
}

ReducedSystem::Evaluation ReducedSystem::Evaluate(std::span<const double> log_ratios,
                                                  Gradient gradient) {
  Evaluation result;
  const int groups = static_cast<int>(group_contacts_.size());
  int parameter = 0;
  double employee_ratio = 0;
  group_inverse_a_.assign(groups, 0.0);
  double log_det = 0;
  double log_det_gamma = 0;
  if (design_.employee_effect) {
    employee_ratio = std::exp(log_ratios[parameter]);
    log_det_gamma += design_.employee_count * log_ratios[parameter];
    ++parameter;
    for (int g = 0; g < groups; ++g) {
      const double a = group_contacts_[g] + 1 / employee_ratio;
      group_inverse_a_[g] = 1 / a;
      log_det += group_size_[g] * std::log(a);
    }
  }
  values_ = wtw_;
  std::vector<double> ratios;
  for (std::size_t k = 0; k < design_.random.size(); ++k, ++parameter) {
    const double ratio = std::exp(log_ratios[parameter]);
    ratios.push_back(ratio);
    log_det_gamma += design_.random[k].level_count * log_ratios[parameter];
    const int begin = random_offset_[k];
    for (int a = begin; a < begin + design_.random[k].level_count; ++a) {
      values_[column_start_[a]] += 1 / ratio;  // the diagonal leads each column
    }
  }
  for (int g = 0; g < groups; ++g) {
    const double w = group_inverse_a_[g];
    if (w == 0) continue;
    const std::vector<double>& b = group_values_[g];
    for (std::size_t e = 0; e < values_.size(); ++e) values_[e] -= w * b[e];
  }
  std::copy(values_.begin(), values_.end(), matrix_.valuePtr());
  if (!analyzed_) {
    factor_.analyzePattern(matrix_);
    analyzed_ = true;
  }
  factor_.factorize(matrix_);
  if (factor_.info() != Eigen::Success) return result;
  const Eigen::VectorXd& d = factor_.vectorD();
  for (Eigen::Index j = 0; j < d.size(); ++j) {
    if (!(d[j] > 0) || !std::isfinite(d[j])) return result;
    log_det += std::log(d[j]);
  }
  Eigen::VectorXd rhs = wty_;
  for (int g = 0; g < groups; ++g) {
    if (group_inverse_a_[g] != 0) rhs -= group_inverse_a_[g] * group_rhs_[g];
  }
  solution_ = factor_.solve(rhs);
  double ypy = yty_ - solution_.dot(wty_);
  for (int g = 0; g < groups; ++g) {
    if (group_inverse_a_[g] == 0) continue;
    ypy -= group_inverse_a_[g] * (group_zety2_[g] - solution_.dot(group_rhs_[g]));
  }
  if (!(ypy > 0) || degrees_of_freedom_ <= 0) return result;
  const double sigma2 = ypy / degrees_of_freedom_;
  result.sigma2 = sigma2;
  result.criterion =
      degrees_of_freedom_ * (1 + std::log(2 * std::numbers::pi * sigma2)) + log_det_gamma + log_det;
  if (!std::isfinite(result.criterion)) return result;
  result.ok = true;
  if (gradient == Gradient::kSkip) return result;

  // d crit / d phi_k = q_k - (|u_k|^2 / sigma^2 + tr C_kk) / gamma_k, C = M^{-1}.
  ComputeSelectedInverse();
  parameter = 0;
  result.gradient.assign(parameter_count(), 0.0);
  if (design_.employee_effect) {
    double u2 = 0;
    double trace = 0;
    for (int g = 0; g < groups; ++g) {
      const double w = group_inverse_a_[g];
      const std::vector<double>& b = group_values_[g];
      double quadratic = 0;
      double inner = 0;
      for (int a = 0; a < column_count_; ++a) {
        for (int e = column_start_[a]; e < column_start_[a + 1]; ++e) {
          if (b[e] == 0) continue;
          const double factor = (row_[e] == a) ? 1.0 : 2.0;
          quadratic += factor * b[e] * solution_[row_[e]] * solution_[a];
          inner += factor * b[e] * pattern_inverse_[e];
        }
      }
      u2 += w * w * (group_zety2_[g] - 2 * solution_.dot(group_rhs_[g]) + quadratic);
      trace += group_size_[g] * w + w * w * inner;
    }
    result.gradient[parameter++] = design_.employee_count - (u2 / sigma2 + trace) / employee_ratio;
  }
  for (std::size_t k = 0; k < design_.random.size(); ++k, ++parameter) {
    double u2 = 0;
    double trace = 0;
    const int begin = random_offset_[k];
    for (int a = begin; a < begin + design_.random[k].level_count; ++a) {
      u2 += solution_[a] * solution_[a];
      trace += pattern_inverse_[column_start_[a]];
    }
    result.gradient[parameter] = design_.random[k].level_count - (u2 / sigma2 + trace) / ratios[k];
  }
  return result;
}

void ReducedSystem::ComputeSelectedInverse() {
  // Takahashi's recurrence on L D L' (L unit lower, strictly lower part stored):
  //   Z_ij = -sum_{k in L(:,j)} L_kj Z_ik  (i in L(:,j)),  Z_jj = 1/D_j - sum_k L_kj Z_kj,
  // which needs Z only on the pattern of L, filled from the last column back.
  const auto& lower = factor_.matrixL().nestedExpression();
  const int* lp = lower.outerIndexPtr();
  const int* li = lower.innerIndexPtr();
  const double* lx = lower.valuePtr();
  const Eigen::VectorXd& d = factor_.vectorD();
  const int q = column_count_;
  inverse_diagonal_.assign(q, 0.0);
  inverse_lower_.assign(static_cast<std::size_t>(lp[q]), 0.0);
  // For column j with rows r_0 < ... < r_m-1: Z(r_a, r_b), a > b, sits in column r_b at row
  // r_a; walking column r_b once serves every a > b (its rows are sorted too).
  std::vector<double> sum;
  for (int j = q - 1; j >= 0; --j) {
    const int begin = lp[j];
    const int m = lp[j + 1] - begin;
    sum.assign(m, 0.0);
    for (int b = 0; b < m; ++b) {
      const int rb = li[begin + b];
      const double lb = lx[begin + b];
      sum[b] += lb * inverse_diagonal_[rb];
      int p = lp[rb];
      for (int a = b + 1; a < m; ++a) {
        const int ra = li[begin + a];
        while (li[p] < ra) ++p;
        const double z = inverse_lower_[p];
        sum[a] += lb * z;
        sum[b] += lx[begin + a] * z;
      }
    }
    double diagonal = 1 / d[j];
    for (int a = 0; a < m; ++a) {
      inverse_lower_[begin + a] = -sum[a];
      diagonal += lx[begin + a] * sum[a];
    }
    inverse_diagonal_[j] = diagonal;
  }
  FillPatternInverse();
}

void ReducedSystem::FillPatternInverse() {
  const auto& lower = factor_.matrixL().nestedExpression();
  const int* lp = lower.outerIndexPtr();
  const int* li = lower.innerIndexPtr();
  const int q = column_count_;
  if (inverse_position_.empty()) {
    const auto& permutation = factor_.permutationP().indices();
    inverse_position_.resize(row_.size());
    for (int a = 0; a < q; ++a) {
      for (int e = column_start_[a]; e < column_start_[a + 1]; ++e) {
        const int pr = permutation[row_[e]];
        const int pc = permutation[a];
        if (pr == pc) {
          inverse_position_[e] = -1 - pr;
          continue;
        }
        const int column = std::min(pr, pc);
        const int row = std::max(pr, pc);
        const int* it = std::lower_bound(li + lp[column], li + lp[column + 1], row);
        inverse_position_[e] = static_cast<int>(it - li);
      }
    }
  }
  pattern_inverse_.resize(row_.size());
  for (std::size_t e = 0; e < row_.size(); ++e) {
    const int pos = inverse_position_[e];
    pattern_inverse_[e] = pos >= 0 ? inverse_lower_[pos] : inverse_diagonal_[-1 - pos];
  }
}

double ReducedSystem::InverseEntry(int row, int column) const {
  const int e = (row >= column) ? FindEntry(row, column) : FindEntry(column, row);
  if (e < 0) {
    Eigen::VectorXd unit = Eigen::VectorXd::Zero(column_count_);
    unit[column] = 1;
    return Solve(unit)[row];
  }
  return pattern_inverse_[e];
}

Eigen::VectorXd ReducedSystem::Solve(const Eigen::VectorXd& b) const { return factor_.solve(b); }

double ReducedSystem::InverseQuadraticForm(Eigen::VectorXd& b) const {
  // b' R^-1 b = y' D^-1 y with y = L^-1 P b.
  const auto& lower = factor_.matrixL().nestedExpression();
  const int* lp = lower.outerIndexPtr();
  const int* li = lower.innerIndexPtr();
  const double* lx = lower.valuePtr();
  const Eigen::VectorXd& d = factor_.vectorD();
  const auto& permutation = factor_.permutationP().indices();
  permuted_.setZero(column_count_);
  for (int a = 0; a < column_count_; ++a) {
    if (b[a] != 0) permuted_[permutation[a]] = b[a];
    b[a] = 0;
  }
  double quadratic = 0;
  for (int j = 0; j < column_count_; ++j) {
    const double y = permuted_[j];
    if (y == 0) continue;
    for (int p = lp[j]; p < lp[j + 1]; ++p) permuted_[li[p]] -= lx[p] * y;
    quadratic += y * y / d[j];
  }
  return quadratic;
}

}  // namespace chinjeol::stats::internal
