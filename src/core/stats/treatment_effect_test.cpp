#include "core/stats/treatment_effect.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/stats/simulated_campaign.hpp"

namespace chinjeol::stats {
namespace {

using testing::CoachingCampaign;
using testing::CoachingSimulationOptions;
using testing::SimulateCoaching;

ModelInput InputOf(const CoachingCampaign& simulated) {
  Result<ModelInput> input = BuildModelInput(simulated.campaign.contacts);
  EXPECT_TRUE(input.has_value());
  ModelInput result = std::move(input).value();
  result.treated_after = simulated.treated_after;  // BuildModelInput keeps the contact order
  return result;
}

CoachingSimulationOptions Coaching(double effect, std::uint64_t seed) {
  CoachingSimulationOptions options;
  options.campaign.seed = seed;
  options.coaching_effect = effect;
  return options;
}

// Replications of a simulated coaching programme (200 employees, 4-8 contacts each, the lowest
// 20 % of round-1 raw means coached, +1 point for everyone in round 2).
struct Replications {
  int count = 0;
  double model_mean = 0;
  double model_sd = 0;  // of the estimates across replications
  int model_covered = 0;
  double before_after_mean = 0;
  double did_mean = 0;
  int did_covered = 0;
};

Replications Replicate(double effect, int count, std::uint64_t first_seed) {
  Replications r;
  std::vector<double> estimates;
  for (int k = 0; k < count; ++k) {
    const CoachingCampaign simulated = SimulateCoaching(Coaching(effect, first_seed + k));
    const Result<EffectEstimate> estimate = EstimateTreatmentEffect(InputOf(simulated));
    EXPECT_TRUE(estimate.has_value()) << estimate.error().message();
    if (!estimate) continue;
    const EffectEstimate& e = *estimate;
    EXPECT_TRUE(e.before_after.available);
    EXPECT_TRUE(e.difference_in_differences.available);
    EXPECT_GE(e.standard_error, e.standard_error_given_variances);
    EXPECT_EQ(e.shown, e.ci_low > 0 || e.ci_high < 0);
    ++r.count;
    estimates.push_back(e.estimate);
    r.model_covered += e.ci_low <= effect && effect <= e.ci_high ? 1 : 0;
    r.before_after_mean += e.before_after.estimate;
    const NaiveEstimate& did = e.difference_in_differences;
    r.did_mean += did.estimate;
    r.did_covered += did.ci_low <= effect && effect <= did.ci_high ? 1 : 0;
  }
  for (const double v : estimates) r.model_mean += v / r.count;
  for (const double v : estimates) r.model_sd += (v - r.model_mean) * (v - r.model_mean);
  r.model_sd = std::sqrt(r.model_sd / (r.count - 1));
  r.before_after_mean /= r.count;
  r.did_mean /= r.count;
  return r;
}

// A 90 % interval covers in Binomial(count, 0.9) of the replications: within 3 SD of it.
void ExpectNominalCoverage(int covered, int count) {
  const double sd = std::sqrt(0.9 * 0.1 / count);
  EXPECT_NEAR(static_cast<double>(covered) / count, 0.9, 3 * sd) << covered << " of " << count;
}

constexpr int kReplications = 200;

TEST(EstimateTreatmentEffect, FindsNoEffectWhereThereIsNoneDespiteSelectingLowScorers) {
  const Replications r = Replicate(0, kReplications, 1000);
  ASSERT_EQ(r.count, kReplications);
  EXPECT_NEAR(r.model_mean, 0, 3 * r.model_sd / std::sqrt(r.count));
  ExpectNominalCoverage(r.model_covered, r.count);
  // The naive figures credit regression to the mean (and the round-2 shift) to coaching.
  EXPECT_GT(r.before_after_mean, 4);
  EXPECT_GT(r.did_mean, 4);
  EXPECT_LT(r.did_covered, r.count / 2);
}

TEST(EstimateTreatmentEffect, RecoversAKnownEffectWithNominalCoverage) {
  const Replications r = Replicate(5, kReplications, 2000);
  ASSERT_EQ(r.count, kReplications);
  EXPECT_NEAR(r.model_mean, 5, 3 * r.model_sd / std::sqrt(r.count));
  EXPECT_LT(r.model_sd, 2.5);  // precise enough to tell 5 points from none most of the time
  ExpectNominalCoverage(r.model_covered, r.count);
  EXPECT_GT(r.did_mean, 5 + 4);
  EXPECT_LT(r.did_covered, r.count / 2);
}

TEST(EstimateTreatmentEffect, ReportsCountsMethodAndNaiveFigures) {
  const CoachingCampaign simulated = SimulateCoaching(Coaching(5, 7));
  const ModelInput input = InputOf(simulated);
  const Result<EffectEstimate> estimate = EstimateTreatmentEffect(input);
  ASSERT_TRUE(estimate.has_value()) << estimate.error().message();
  int coached = 0;
  for (const int c : simulated.coached) coached += c;
  int treated_contacts = 0;
  for (const int t : simulated.treated_after) treated_contacts += t;
  EXPECT_EQ(estimate->treated_employees, coached);
  EXPECT_EQ(estimate->comparison_employees, 200 - coached);
  EXPECT_EQ(estimate->treated_contacts, treated_contacts);
  EXPECT_NE(estimate->method.find("treated-after"), std::string::npos) << estimate->method;
  EXPECT_NE(estimate->method.find("employee, monitor and scenario random effects"),
            std::string::npos)
      << estimate->method;
  EXPECT_NE(estimate->method.find("round and channel fixed"), std::string::npos)
      << estimate->method;
  // The paired before/after figure by hand.
  std::vector<double> sum[2];
  std::vector<int> n[2];
  for (int g = 0; g < 2; ++g) {
    sum[g].assign(200, 0.0);
    n[g].assign(200, 0);
  }
  for (std::size_t c = 0; c < simulated.campaign.contacts.size(); ++c) {
    const auto& contact = simulated.campaign.contacts[c];
    const int i = static_cast<int>(contact.employee_id - 1);
    const int g = contact.round == 2 ? 1 : 0;
    sum[g][i] += contact.score;
    ++n[g][i];
  }
  double treated_change = 0;
  double comparison_change = 0;
  for (int i = 0; i < 200; ++i) {
    const double change = sum[1][i] / n[1][i] - sum[0][i] / n[0][i];
    (simulated.coached[i] ? treated_change : comparison_change) += change;
  }
  treated_change /= coached;
  comparison_change /= 200 - coached;
  EXPECT_NEAR(estimate->before_after.estimate, treated_change, 1e-9);
  EXPECT_NEAR(estimate->difference_in_differences.estimate, treated_change - comparison_change,
              1e-9);
  EXPECT_EQ(estimate->before_after.degrees_of_freedom, coached - 1);
  EXPECT_LT(estimate->before_after.ci_low, estimate->before_after.estimate);
  EXPECT_GT(estimate->before_after.ci_high, estimate->before_after.estimate);
}

TEST(EstimateTreatmentEffect, RejectsATreatmentListOfTheWrongLength) {
  ModelInput input = InputOf(SimulateCoaching(Coaching(0, 3)));
  input.treated_after.pop_back();
  Result<EffectEstimate> estimate = EstimateTreatmentEffect(input);
  ASSERT_FALSE(estimate.has_value());
  EXPECT_EQ(estimate.error().code(), ErrorCode::kInvalidArgument);
  input.treated_after.clear();
  estimate = EstimateTreatmentEffect(input);
  ASSERT_FALSE(estimate.has_value());
  EXPECT_EQ(estimate.error().code(), ErrorCode::kInvalidArgument);
  input = InputOf(SimulateCoaching(Coaching(0, 3)));
  input.treated_after[0] = 2;
  estimate = EstimateTreatmentEffect(input);
  ASSERT_FALSE(estimate.has_value());
  EXPECT_EQ(estimate.error().code(), ErrorCode::kInvalidArgument);
}

TEST(EstimateTreatmentEffect, NeedsTreatedAndUntreatedContacts) {
  ModelInput input = InputOf(SimulateCoaching(Coaching(0, 3)));
  std::fill(input.treated_after.begin(), input.treated_after.end(), 0);
  Result<EffectEstimate> estimate = EstimateTreatmentEffect(input);
  ASSERT_FALSE(estimate.has_value());
  EXPECT_EQ(estimate.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(estimate.error().message().find("no contact"), std::string::npos);
  std::fill(input.treated_after.begin(), input.treated_after.end(), 1);
  estimate = EstimateTreatmentEffect(input);
  ASSERT_FALSE(estimate.has_value());
  EXPECT_EQ(estimate.error().code(), ErrorCode::kFailedPrecondition);
}

TEST(EstimateTreatmentEffect, RefusesATreatmentThatCoincidesWithTheRound) {
  // Everyone coached after round 1: coaching and the round-2 shift cannot be told apart.
  ModelInput input = InputOf(SimulateCoaching(Coaching(5, 4)));
  for (std::size_t c = 0; c < input.contact_count(); ++c) {
    input.treated_after[c] = input.round[c] == 2 ? 1 : 0;
  }
  const Result<EffectEstimate> estimate = EstimateTreatmentEffect(input);
  ASSERT_FALSE(estimate.has_value());
  EXPECT_EQ(estimate.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(estimate.error().message().find("between rounds"), std::string::npos)
      << estimate.error().message();
}

TEST(EstimateTreatmentEffect, RefusesTooFewContacts) {
  CoachingSimulationOptions options = Coaching(5, 5);
  options.campaign.employees = 4;
  options.coached_share = 0.5;
  const Result<EffectEstimate> estimate =
      EstimateTreatmentEffect(InputOf(SimulateCoaching(options)));
  ASSERT_FALSE(estimate.has_value());
  EXPECT_EQ(estimate.error().code(), ErrorCode::kFailedPrecondition);
}

TEST(FitFairScores, IsUnchangedByATreatmentItIsNotAskedToModel) {
  const CoachingCampaign simulated = SimulateCoaching(Coaching(5, 6));
  ModelInput plain = InputOf(simulated);
  const ModelInput with_treatment = plain;
  plain.treated_after.clear();
  const ModelOptions options{.round_effect = true};
  const Result<FairScoreReport> a = FitFairScores(plain, options);
  const Result<FairScoreReport> b = FitFairScores(with_treatment, options);
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_EQ(a->reml_criterion, b->reml_criterion);
  ASSERT_EQ(a->fixed_effects.size(), b->fixed_effects.size());
  for (std::size_t k = 0; k < a->fixed_effects.size(); ++k) {
    EXPECT_EQ(a->fixed_effects[k].name, b->fixed_effects[k].name);
    EXPECT_EQ(a->fixed_effects[k].estimate, b->fixed_effects[k].estimate);
    EXPECT_EQ(a->fixed_effects[k].standard_error, b->fixed_effects[k].standard_error);
    EXPECT_EQ(a->fixed_effects[k].standard_error_observed, 0);
  }
  ASSERT_EQ(a->employees.size(), b->employees.size());
  for (std::size_t i = 0; i < a->employees.size(); ++i) {
    EXPECT_EQ(a->employees[i].adjusted, b->employees[i].adjusted);
    EXPECT_EQ(a->employees[i].conditional_sd, b->employees[i].conditional_sd);
  }
  EXPECT_EQ(a->fair_mean, b->fair_mean);
}

TEST(FitFairScores, ModelsATreatmentOnRequest) {
  const CoachingCampaign simulated = SimulateCoaching(Coaching(5, 6));
  ModelInput input = InputOf(simulated);
  ModelOptions options{.round_effect = true, .treatment_effect = true};
  const Result<FairScoreReport> report = FitFairScores(input, options);
  ASSERT_TRUE(report.has_value());
  ASSERT_FALSE(report->fixed_effects.empty());
  const FixedEffect& treated = report->fixed_effects.back();
  EXPECT_EQ(treated.name, "treated:yes");
  EXPECT_GT(treated.standard_error, 0);
  EXPECT_GE(treated.standard_error_observed, treated.standard_error);
  input.treated_after.clear();
  const Result<FairScoreReport> missing = FitFairScores(input, options);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace chinjeol::stats
