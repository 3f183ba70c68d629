#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "core/planning/planner.hpp"

namespace chinjeol::bench {

// The planning problem of a first plan (no stored assignments, no absences, lunch policy avoid
// or allow) as a mixed-integer program in CPLEX LP format, for GLPK or CBC: binary x[owner,
// day, monitor] per channel, the hard rules as constraints, and the planner's objective
// (metrics.hpp) with linearised absolute values. Written independently of the planner's code,
// so that Evaluate() on the planner's own plan cross-checks the objective.
//
// Time of day does not interact with the other terms once every monitor-day has free slots
// (the instances keep daily capacity below the slots), so the hour term is an integer
// histogram whose best value is a rounding of its targets; scenario choice likewise reduces to
// max(0, contacts of a department in a week - its scenarios), the least any rotation reaches.
class ExactModel {
 public:
  explicit ExactModel(const planning::PlanInput& input);

  void WriteLp(std::ostream& out) const;
  // Objective terms left out of the LP because they are constant (the crossing term's 1).
  double constant() const { return constant_; }
  // The same objective for a plan's live assignments; `terms`, when given, receives the
  // weighted terms by name ("phone week", ...).
  double Evaluate(const std::vector<planning::Assignment>& assignments,
                  std::map<std::string, double>* terms = nullptr) const;
  // The plan a solver's variable values describe (x = 1 and the hour counts).
  std::vector<planning::Assignment> FromSolution(const std::map<std::string, double>& values) const;
  int variables() const { return variables_; }
  int constraints() const { return constraints_; }

 private:
  struct Day {
    int day_number = 0;
    int round = 0;
    int index_in_round = 0;
    int week = 0;  // ISO week key
    int weekday = 1;
  };
  struct Owner {
    std::string code;  // employee_no or unit department code
    int department = 0;
  };
  struct Channel {
    int quota = 0;
    std::vector<Owner> owners;
    std::vector<int> capacity;  // per monitor
    std::vector<int> pool;      // scenarios per department
    double contacts = 0;        // n
    int max_pairs = 0;
    std::vector<double> load_target;  // per monitor
  };

  std::string X(int channel, int owner, int day, int monitor) const;
  bool Allowed(int channel, int owner, int day, int monitor) const;

  const planning::PlanInput& input_;
  std::vector<Day> days_;
  std::vector<int> round_first_;
  std::vector<int> round_count_;
  std::vector<std::vector<bool>> open_;       // [department][day]
  std::vector<std::vector<bool>> available_;  // [monitor][day]
  std::vector<int> hour_slots_;               // per hour 0-23
  int regular_slots_ = 0;
  Channel channels_[2];
  double constant_ = 0;
  mutable int variables_ = 0;
  mutable int constraints_ = 0;
};

}  // namespace chinjeol::bench
