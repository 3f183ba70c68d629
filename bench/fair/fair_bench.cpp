// Fits the fair-score model to a generator's evals.csv (or a simulated campaign) and reports
// fit time, peak memory and the estimates, for the side-by-side run with lme4 (run.sh).
//
//   fair_bench --evals DIR/evals.csv [--department] [--out DIR/chinjeol]   (writes
//              <out>_summary.csv, <out>_employees.csv, <out>_monitors.csv)
//   fair_bench --simulate N [--seed S]
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/stats/fair_score_model.hpp"
#include "core/stats/simulated_campaign.hpp"

namespace {

using chinjeol::Channel;
using chinjeol::evaluation::ScoredContact;

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

// "E000123" -> 123.
std::int64_t Digits(const char* begin, const char* end) {
  std::int64_t value = 0;
  for (const char* p = begin; p < end; ++p) {
    if (*p >= '0' && *p <= '9') value = value * 10 + (*p - '0');
  }
  return value;
}

std::vector<ScoredContact> ReadEvals(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    std::cerr << "cannot read " << path << "\n";
    std::exit(2);
  }
  std::string line;
  std::getline(file, line);
  // Columns: eval_id, employee, department, region, monitor, scenario, channel, month, score.
  std::vector<ScoredContact> contacts;
  std::vector<const char*> cells;
  while (std::getline(file, line)) {
    cells.assign(1, line.c_str());
    for (const char* p = line.c_str(); *p; ++p) {
      if (*p == ',') cells.push_back(p + 1);
    }
    if (cells.size() < 9) continue;
    const auto end = [&](std::size_t k) {
      return k + 1 < cells.size() ? cells[k + 1] - 1 : line.c_str() + line.size();
    };
    ScoredContact c;
    c.evaluation_id = Digits(cells[0], end(0));
    c.employee_id = Digits(cells[1], end(1));
    c.department_id = Digits(cells[2], end(2));
    c.monitor_id = Digits(cells[4], end(4));
    c.scenario_id = Digits(cells[5], end(5));
    c.channel = std::strncmp(cells[6], "visit", 5) == 0 ? Channel::kVisit : Channel::kPhone;
    const int month = static_cast<int>(Digits(cells[7], end(7)));
    c.round = month <= 2 ? 1 : 2;
    c.day = month * 30;
    c.score = std::strtod(cells[8], nullptr);
    contacts.push_back(c);
  }
  return contacts;
}

}  // namespace

int main(int argc, char** argv) {
  std::string evals;
  std::string out;
  long simulate = 0;
  std::uint64_t seed = 1;
  chinjeol::stats::ModelOptions options;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    const auto next = [&]() -> std::string { return a + 1 < argc ? argv[++a] : ""; };
    if (arg == "--evals") {
      evals = next();
    } else if (arg == "--out") {
      out = next();
    } else if (arg == "--simulate") {
      simulate = std::stol(next());
    } else if (arg == "--seed") {
      seed = std::stoull(next());
    } else if (arg == "--department") {
      options.department_effect = true;
    } else {
      std::cerr << "usage: fair_bench --evals FILE [--department] [--out PREFIX] | --simulate N\n";
      return 2;
    }
  }
  std::vector<ScoredContact> contacts;
  if (simulate > 0) {
    contacts = chinjeol::stats::testing::SimulateCampaign(
                   {.employees = static_cast<int>(simulate), .seed = seed})
                   .contacts;
  } else {
    contacts = ReadEvals(evals);
  }
  const double rss_data = PeakRssMb();
  const double cpu_0 = CpuSeconds();
  const auto wall_0 = std::chrono::steady_clock::now();
  auto input = chinjeol::stats::BuildModelInput(contacts);
  if (!input) {
    std::cerr << input.error().message() << "\n";
    return 2;
  }
  contacts = {};
  contacts.shrink_to_fit();
  const double cpu_1 = CpuSeconds();
  auto report = chinjeol::stats::FitFairScores(*input, options);
  const double cpu_2 = CpuSeconds();
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_0).count();
  if (!report) {
    std::cerr << report.error().message() << "\n";
    return 1;
  }
  const auto& r = *report;
  std::printf(
      "contacts %d employees %zu monitors %zu | input %.3f s, fit+intervals %.3f CPU s (wall "
      "%.3f s incl. input), %d iterations | peak RSS %.0f MB (data read: %.0f MB)\n",
      r.contacts, r.employees.size(), r.monitors.size(), cpu_1 - cpu_0, cpu_2 - cpu_1, wall,
      r.iterations, PeakRssMb(), rss_data);
  std::printf("REML crit %.6f | SD employee %.5f monitor %.5f scenario %.5f residual %.5f\n",
              r.reml_criterion, std::sqrt(r.variance.employee), std::sqrt(r.variance.monitor),
              std::sqrt(r.variance.scenario), std::sqrt(r.variance.residual));
  std::printf(
      "reliability: phi raw %.3f adjusted %.3f at %.2f contacts; expected misgraded %.1f %% "
      "(S/A/B/C), %.1f %% (five relative bands)\n",
      r.reliability.phi_raw, r.reliability.phi_adjusted, r.reliability.mean_contacts,
      100 * r.reliability.expected_misgrade_share, 100 * r.reliability.relative_misgrade_share);
  std::printf("D study (contacts: phi raw / adjusted / misgraded S-A-B-C / misgraded 5 bands):");
  for (const auto& row : r.reliability.d_study) {
    std::printf(" %d: %.2f/%.2f/%.0f%%/%.0f%%", row.contacts, row.phi_raw, row.phi_adjusted,
                100 * row.expected_misgrade_share, 100 * row.relative_misgrade_share);
  }
  std::printf("\ncontacts per employee for phi 0.7/0.8/0.9 (raw, adjusted):");
  for (const auto& t : r.reliability.targets) {
    std::printf(" %.1f: %d, %d", t.target, t.contacts_raw, t.contacts_adjusted);
  }
  std::printf("\n");
  for (const auto& w : r.warnings) std::printf("warning: %s\n", w.message.c_str());
  if (out.empty()) return 0;
  {
    std::ofstream summary(out + "_summary.csv");
    summary.precision(15);
    summary << "contacts,reml_crit,sd_employee,sd_monitor,sd_scenario,sd_residual,fit_cpu_s,"
               "input_cpu_s,peak_rss_mb\n"
            << r.contacts << "," << r.reml_criterion << "," << std::sqrt(r.variance.employee) << ","
            << std::sqrt(r.variance.monitor) << "," << std::sqrt(r.variance.scenario) << ","
            << std::sqrt(r.variance.residual) << "," << cpu_2 - cpu_1 << "," << cpu_1 - cpu_0 << ","
            << PeakRssMb() << "\n";
  }
  {
    std::ofstream employees(out + "_employees.csv");
    employees.precision(15);
    employees << "level,blup,cond_sd,adjusted\n";
    for (std::size_t i = 0; i < r.employees.size(); ++i) {
      employees << r.employees[i].employee_id << "," << r.employees[i].effect << ","
                << r.employees[i].conditional_sd << "," << r.employees[i].adjusted << "\n";
    }
  }
  {
    std::ofstream monitors(out + "_monitors.csv");
    monitors.precision(15);
    monitors << "level,blup,cond_sd\n";
    for (const auto& m : r.monitors) {
      monitors << m.monitor_id << "," << -m.severity << "," << m.severity_sd << "\n";
    }
  }
  return 0;
}
