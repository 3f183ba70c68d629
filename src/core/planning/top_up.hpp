#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/planning/plan_input.hpp"

namespace chinjeol::planning {

// What is known about one employee's score (0-100 scale) when choosing extra contacts: an
// estimate and its variance. From the fair-score module: the adjusted score and its interval
// (CandidateFromInterval), optionally with its grade probabilities; until that exists, the raw
// scores (CandidateFromRawScores).
struct TopUpCandidate {
  std::string employee_no;
  double mean = 0;
  double variance = 0;
  // P(grade) from the fair-score module, lowest grade first (C, B, A, S); empty when unknown.
  std::vector<double> grade_probabilities;
};

struct TopUpOptions {
  int contacts = 0;  // K: how many extra contacts to add
  // Variance of one contact's score around the employee's true score (sigma squared).
  double contact_variance = 100;
  // Grade boundaries, ascending: below 70 = C, 70-80 = B, 80-90 = A, from 90 = S.
  std::vector<double> cut_points = {70, 80, 90};
  int max_per_employee = 1;
};

struct TopUpChoice {
  std::string employee_no;
  int contacts = 0;            // extra contacts for this employee
  double misgrade_before = 0;  // probability that the most likely grade is wrong, now
  double misgrade_after = 0;   // expected, after the extra contacts
};

// 1 - max over grades of P(grade) for a normal score N(mean, variance).
double MisgradeProbability(double mean, double variance, std::span<const double> cut_points);

// Expected misgrade probability after one more contact: the variance falls to
// v' = 1 / (1/v + 1/contact_variance) and the estimate moves by N(0, v - v') (pre-posterior
// expectation, integrated numerically).
double ExpectedMisgradeAfterContact(double mean, double variance, double contact_variance,
                                    std::span<const double> cut_points);

// From an estimate and its 90 % interval (normal approximation).
TopUpCandidate CandidateFromInterval(std::string employee_no, double estimate, double ci90_low,
                                     double ci90_high);
// From raw contact scores: their mean, variance contact_variance / n (prior_variance when there
// is no score yet).
TopUpCandidate CandidateFromRawScores(std::string employee_no, std::span<const double> scores,
                                      double contact_variance, double prior_variance = 400);

// The K contacts that most reduce the expected number of wrong grades, greedily: each pick
// goes to the employee whose next contact lowers their expected misgrade probability most.
// With grade probabilities given, the "before" figure is theirs and the normal model supplies
// the relative reduction. Ties go to the lower employee number. Fewer than K when no contact
// helps any more.
std::vector<TopUpChoice> SelectTopUp(std::span<const TopUpCandidate> candidates,
                                     const TopUpOptions& options);

// The choices as extra contacts in `round`, for PlanInput::extra_contacts (then BuildPlan
// schedules them under every hard rule, as a re-plan).
std::vector<ExtraContact> ToExtraContacts(std::span<const TopUpChoice> choices, int round);

}  // namespace chinjeol::planning
