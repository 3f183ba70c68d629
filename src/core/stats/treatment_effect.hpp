#pragma once

#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/stats/fair_score_model.hpp"
#include "core/stats/model_input.hpp"

namespace chinjeol::stats {

// A plain comparison of raw contact scores, shown beside the model's estimate because it is
// what people compute by hand. Both are biased when the treated were chosen for low scores:
// part of their low first scores was bad luck (a harsh monitor, a hard scenario, a bad day)
// that does not repeat, so their scores rise even without a treatment.
struct NaiveEstimate {
  bool available = false;  // false: fewer than two employees with contacts before and after
  double estimate = 0;     // points
  double standard_error = 0;
  double degrees_of_freedom = 0;
  double ci_low = 0;  // Student-t interval at ModelOptions::interval_level
  double ci_high = 0;
};

// The change, in points on the 0-100 contact-score scale, that the treatment (coaching, a
// training) made to a treated employee's expected contact score.
struct EffectEstimate {
  double estimate = 0;  // points
  // From the observed information of the estimate and the variance ratios together (see
  // FixedEffect::standard_error_observed); the interval uses it.
  double standard_error = 0;
  double standard_error_given_variances = 0;  // lme4's vcov, for comparison
  double ci_low = 0;                          // at ModelOptions::interval_level (0.90 by default)
  double ci_high = 0;
  bool shown = false;            // the interval excludes 0
  int treated_employees = 0;     // employees with at least one treated contact
  int comparison_employees = 0;  // employees with contacts, none of them treated
  int treated_contacts = 0;
  std::string method;  // how the estimate was made, in a short English phrase
  // For comparison: the mean over treated employees of (mean score of their treated contacts
  // minus that of their untreated ones), a paired t interval; and that minus the same change
  // of the comparison employees, whose "after" are the rounds from the one in which most
  // treated employees had their first treated contact (Welch's two-sample t interval).
  NaiveEstimate before_after;
  NaiveEstimate difference_in_differences;
  std::vector<Warning> warnings;  // those of the model fit
};

// The treatment's effect from the fair-score model with the treatment as a fixed effect:
// score ~ channel + round + treated + (1|employee) + (1|monitor) + (1|scenario) [+ (1|department)]
// by exact REML; the estimate is the coefficient of "treated", its interval the estimate +- z
// times its standard error. Because the employee effect is in the likelihood, the estimate
// stays unbiased when the treated were chosen for their earlier (observed) scores, where the
// naive comparisons are not. `options.round_effect` and `options.treatment_effect` are set
// whatever they hold; the other options are used as FitFairScores uses them.
//
// kInvalidArgument when input.treated_after does not have one 0/1 entry per contact or the
// input or options are inconsistent; kFailedPrecondition when no contact is treated, no
// contact is untreated, the contacts are too few for the model, or the treatment cannot be
// told apart from the rounds (e.g. everyone was treated between the same two rounds).
Result<EffectEstimate> EstimateTreatmentEffect(const ModelInput& input,
                                               const ModelOptions& options = {});

}  // namespace chinjeol::stats
