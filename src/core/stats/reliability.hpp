#pragma once

#include <vector>

#include "core/stats/grade_bands.hpp"

namespace chinjeol::stats {

// Variance components of a contact score, in points squared. A component that is not in the
// model is 0. `person` is what an employee carries from contact to contact (employee plus, when
// modelled, department).
struct VarianceComponents {
  double employee = 0;
  double department = 0;
  double monitor = 0;
  double scenario = 0;
  double residual = 0;

  double person() const { return employee + department; }
  double total() const { return employee + department + monitor + scenario + residual; }
};

// Generalizability of employee scores for a planned number of contacts per employee, with a
// different monitor and scenario at each contact (a D study).
struct DStudyRow {
  int contacts = 0;
  double phi_raw = 0;       // dependability of the raw mean for absolute decisions (grades)
  double phi_adjusted = 0;  // of the monitor- and scenario-adjusted score
  double expected_misgrade_share = 0;  // share of employees expected in the wrong grade band
  double relative_misgrade_share = 0;  // same for five relative bands (10/20/40/20/10 %)
};

// Contacts per employee needed to reach a target dependability.
struct ReliabilityTarget {
  double target = 0;
  int contacts_raw = 0;
  int contacts_adjusted = 0;
};

// Phi of a mean of `contacts` contacts: person / (person + error / contacts), with error the
// monitor, scenario and residual variance for raw means and the residual alone once monitors
// and scenarios are adjusted for. 0 when there is no person variance.
double PhiRaw(const VarianceComponents& components, double contacts);
double PhiAdjusted(const VarianceComponents& components, double contacts);

// Expected share of employees graded in the wrong band when the adjusted score of `contacts`
// contacts is graded: true scores ~ N(mean, person), the estimate is the normal posterior mean.
double ExpectedMisgradeShare(const VarianceComponents& components, double mean, double contacts,
                             const std::vector<GradeBand>& bands);

// Expected share of employees placed in the wrong band when they are graded relatively into
// five bands of 10/20/40/20/10 % by their adjusted score, against the same bands of their true
// score (about 0.4-0.5 at 4 contacts: the honest limit of a small campaign).
double ExpectedRelativeMisgradeShare(const VarianceComponents& components, double contacts);

std::vector<DStudyRow> DStudy(const VarianceComponents& components, double mean,
                              const std::vector<int>& contacts,
                              const std::vector<GradeBand>& bands);

// Smallest contact counts reaching each target (capped at 1000; 1000 means "not reachable").
std::vector<ReliabilityTarget> ContactsForTargets(const VarianceComponents& components,
                                                  const std::vector<double>& targets);

}  // namespace chinjeol::stats
