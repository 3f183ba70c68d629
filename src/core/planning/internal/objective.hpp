#pragma once

#include <span>
#include <vector>

#include "core/planning/internal/model.hpp"
#include "core/planning/internal/pair_counts.hpp"
#include "core/planning/plan_input.hpp"

namespace chinjeol::planning::internal {

// One live contact as the objective sees it.
struct ObjectiveContact {
  int round = -1;       // round index, -1 outside every round
  int day = -1;         // model day index, -1 when not a working day of a round
  int week = -1;        // campaign week, -1 outside the campaign's weeks
  int monitor = -1;     // -1 when unknown
  int department = -1;  // the employee's department or the unit
};

// The date- and monitor-dependent objective terms of one channel (see metrics.hpp), kept up to
// date under Remove/Add so that a local move is priced in constant time. The set of contacts is
// fixed at construction: a move removes a contact and adds it back elsewhere. The scenario
// term is the least number of repeats any rotation can reach, max(0, contacts in department
// and week - scenarios of the department); the planner's rotation attains it.
class ObjectiveTracker {
 public:
  struct Terms {
    double week = 0;
    double weekday = 0;
    double sweep = 0;
    double sweep_max = 0;
    double crossing = 0;
    double scenario = 0;
    double workload = 0;
  };

  ObjectiveTracker(const Model& model, int channel, const ObjectiveWeights& weights,
                   std::span<const ObjectiveContact> contacts);

  double Value() const;  // weighted sum of the terms
  Terms Unweighted() const;
  int contacts() const { return total_; }
  int pairs() const { return pairs_; }
  const PairCounts& pair_counts() const { return pair_counts_; }

  // Each returns the change in Value().
  double Remove(const ObjectiveContact& contact) { return Update(contact, -1); }
  double Add(const ObjectiveContact& contact) { return Update(contact, +1); }

 private:
  double Update(const ObjectiveContact& contact, int sign);

  const Model& model_;
  ObjectiveWeights weights_;
  int total_ = 0;
  int rounds_with_contacts_ = 0;
  int max_pairs_ = 0;
  int pairs_ = 0;

  std::vector<int> week_count_;  // [round * weeks + week]
  std::vector<double> week_target_;
  std::vector<int> weekday_count_;  // [round * 8 + weekday]
  std::vector<double> weekday_target_;
  std::vector<double> covariance_;  // per round: sum of (department - mean) * day index
  std::vector<double> mean_department_;
  std::vector<double> sweep_norm_;  // per round: n * sd(department) * sd(day index); 0 = none
  PairCounts pair_counts_;
  std::vector<int> department_week_;  // [department * weeks + week]
  std::vector<int> pool_size_;        // per department
  std::vector<int> load_;             // per monitor
  std::vector<double> load_target_;

  double week_sum_ = 0;  // sum of |count - target|
  double weekday_sum_ = 0;
  double scenario_sum_ = 0;
  double workload_sum_ = 0;
};

// The objective contacts of one channel's live assignments.
ObjectiveContact MakeContact(const Model& model, int day_number, int round_number, int monitor,
                             int department);

}  // namespace chinjeol::planning::internal
