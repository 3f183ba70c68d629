// The measured effect of coaching: bias and interval coverage of the mixed-model estimate
// beside the naive before/after and difference-in-differences on simulated coaching
// programmes with a known effect, and the estimate's time and peak memory at a large size
// beside the plain fair-score fit (the anchor) on the same data.
//
//   effect_bench [--replications R] [--employees N] [--department] [--large M]
//
// Each large measurement runs in a child process, so that its peak RSS is its own.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/stats/fair_score_model.hpp"
#include "core/stats/simulated_campaign.hpp"
#include "core/stats/treatment_effect.hpp"

namespace {

using namespace chinjeol::stats;

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

ModelInput InputOf(const testing::CoachingCampaign& simulated) {
  auto input = BuildModelInput(simulated.campaign.contacts);
  if (!input) {
    std::fprintf(stderr, "%s\n", input.error().message().c_str());
    std::exit(1);
  }
  ModelInput result = std::move(input).value();
  result.treated_after = simulated.treated_after;
  return result;
}

struct Tally {
  double sum = 0;
  int covered = 0;
  int count = 0;
  void Add(double estimate, double low, double high, double truth) {
    sum += estimate;
    covered += low <= truth && truth <= high ? 1 : 0;
    ++count;
  }
};

void PrintRow(const char* method, double truth, const Tally& t) {
  const double mean = t.sum / t.count;
  std::printf("| %-44s | %4.0f | %6.2f | %+6.2f | %5.1f %% | %4d |\n", method, truth, mean,
              mean - truth, 100.0 * t.covered / t.count, t.count);
}

void Replications(int replications, int employees, const ModelOptions& model_options) {
  std::printf(
      "Simulated coaching: %d employees x 4-8 contacts, two rounds (+1 point for everyone in "
      "round 2), the lowest 20 %% of round-1 raw means coached; 90 %% intervals%s\n\n",
      employees, model_options.department_effect ? "; model with (1|department)" : "");
  std::printf("| %-44s | true | mean   | bias   | cover   | reps |\n", "method");
  std::printf("|%s|------|--------|--------|---------|------|\n", std::string(46, '-').c_str());
  for (const double effect : {0.0, 5.0}) {
    Tally model;
    Tally model_given;
    Tally before_after;
    Tally did;
    int shown = 0;
    double se = 0;
    for (int k = 0; k < replications; ++k) {
      testing::CoachingSimulationOptions options;
      options.campaign.employees = employees;
      // Other seeds per effect: with the same ones the estimates would only shift.
      options.campaign.seed =
          100000 * (1 + static_cast<std::uint64_t>(effect)) + static_cast<std::uint64_t>(k);
      options.coaching_effect = effect;
      const auto estimate =
          EstimateTreatmentEffect(InputOf(testing::SimulateCoaching(options)), model_options);
      if (!estimate) {
        std::fprintf(stderr, "seed %d: %s\n", k, estimate.error().message().c_str());
        continue;
      }
      const EffectEstimate& e = *estimate;
      model.Add(e.estimate, e.ci_low, e.ci_high, effect);
      const double z = 1.6448536269514722;
      model_given.Add(e.estimate, e.estimate - z * e.standard_error_given_variances,
                      e.estimate + z * e.standard_error_given_variances, effect);
      before_after.Add(e.before_after.estimate, e.before_after.ci_low, e.before_after.ci_high,
                       effect);
      did.Add(e.difference_in_differences.estimate, e.difference_in_differences.ci_low,
              e.difference_in_differences.ci_high, effect);
      shown += e.shown ? 1 : 0;
      se += e.standard_error;
    }
    PrintRow("mixed model (EstimateTreatmentEffect)", effect, model);
    PrintRow("  same, SE given the variances (lme4 vcov)", effect, model_given);
    PrintRow("before/after, paired t", effect, before_after);
    PrintRow("difference-in-differences, Welch t", effect, did);
    std::printf("|   (mixed model: mean SE %.2f points, effect shown in %.1f %%)\n",
                se / model.count, 100.0 * shown / model.count);
  }
}

struct Measured {
  double cpu = 0;
  double wall = 0;
  double peak_mb = 0;
  double data_mb = 0;
  double estimate = 0;
  double standard_error = 0;
  int contacts = 0;
};

// In a child process: simulate, build the input, then fit (or estimate), and report.
Measured MeasureInChild(int employees, bool effect) {
  int channel[2];
  if (pipe(channel) != 0) std::exit(1);
  const pid_t child = fork();
  if (child == 0) {
    close(channel[0]);
    testing::CoachingSimulationOptions options;
    options.campaign = {.employees = employees, .min_contacts = 2, .max_contacts = 6, .seed = 1};
    options.coaching_effect = 5;
    ModelInput input;
    {
      const testing::CoachingCampaign simulated = testing::SimulateCoaching(options);
      input = InputOf(simulated);
    }
    Measured m;
    m.contacts = static_cast<int>(input.contact_count());
    m.data_mb = PeakRssMb();
    const double cpu_0 = CpuSeconds();
    const auto wall_0 = std::chrono::steady_clock::now();
    if (effect) {
      const auto estimate = EstimateTreatmentEffect(input);
      if (!estimate) _exit(1);
      m.estimate = estimate->estimate;
      m.standard_error = estimate->standard_error;
    } else {
      const auto report = FitFairScores(input);
      if (!report) _exit(1);
      m.estimate = report->fair_mean;
    }
    m.cpu = CpuSeconds() - cpu_0;
    m.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_0).count();
    m.peak_mb = PeakRssMb();
    if (write(channel[1], &m, sizeof m) != static_cast<ssize_t>(sizeof m)) _exit(1);
    _exit(0);
  }
  close(channel[1]);
  Measured m;
  const ssize_t got = read(channel[0], &m, sizeof m);
  close(channel[0]);
  int status = 0;
  waitpid(child, &status, 0);
  if (got != static_cast<ssize_t>(sizeof m) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "the measurement failed\n");
    std::exit(1);
  }
  return m;
}

void Large(int employees) {
  const Measured anchor = MeasureInChild(employees, false);
  const Measured effect = MeasureInChild(employees, true);
  std::printf("\n%d employees, %d contacts (2-6 each, coaching +5 points for the lowest 20 %%)\n\n",
              employees, anchor.contacts);
  std::printf("| %-36s | CPU s  | wall s | peak RSS MB | of which data MB |\n", "what");
  std::printf("|%s|--------|--------|-------------|------------------|\n",
              std::string(38, '-').c_str());
  std::printf("| %-36s | %6.2f | %6.2f | %11.0f | %16.0f |\n", "FitFairScores (anchor)", anchor.cpu,
              anchor.wall, anchor.peak_mb, anchor.data_mb);
  std::printf("| %-36s | %6.2f | %6.2f | %11.0f | %16.0f |\n", "EstimateTreatmentEffect",
              effect.cpu, effect.wall, effect.peak_mb, effect.data_mb);
  std::printf("ratio effect / anchor: CPU %.2f, peak RSS %.2f, RSS above data %.2f\n",
              effect.cpu / anchor.cpu, effect.peak_mb / anchor.peak_mb,
              (effect.peak_mb - effect.data_mb) / (anchor.peak_mb - anchor.data_mb));
  std::printf("estimate %.3f points (truth 5), SE %.3f\n", effect.estimate, effect.standard_error);
}

}  // namespace

int main(int argc, char** argv) {
  int replications = 200;
  int employees = 200;
  int large = 200000;
  ModelOptions model_options;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    const auto next = [&]() { return a + 1 < argc ? std::atoi(argv[++a]) : 0; };
    if (arg == "--replications") {
      replications = next();
    } else if (arg == "--employees") {
      employees = next();
    } else if (arg == "--department") {
      model_options.department_effect = true;
    } else if (arg == "--large") {
      large = next();
    } else {
      std::fprintf(
          stderr,
          "usage: effect_bench [--replications R] [--employees N] [--department] [--large M]\n");
      return 2;
    }
  }
  if (replications > 0) Replications(replications, employees, model_options);
  if (large > 0) Large(large);
  return 0;
}
