// Planner benchmark driver.
//
//   planning_bench time EMPLOYEES [SEED]
//     Generates a city-like organisation of EMPLOYEES staff (one department per 20, one
//     monitor per 200, at least 10), plans the 17 May - 16 Sep 2021 campaign (two rounds, one
//     call per employee and one visit per counter unit a round) and prints one line: sizes,
//     generation and planning seconds, peak RSS, and the soft-goal figures.
//
//   planning_bench exact WORKDIR SOLVER SECONDS
//     For small instances (30 to 100 employees): plans them, writes the same problem as an
//     integer program (WORKDIR/*.lp), solves it with SOLVER ("cbc" or "glpsol") under a time
//     limit, and prints the planner's objective, the optimum (or the best found and the bound)
//     and the gap.
//
// Holidays come from data/holidays-kr.csv, found from the working directory or the source tree.

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "core/planning/metrics.hpp"
#include "core/planning/planner.hpp"
#include "core/planning/testing/generator.hpp"
#include "core/planning/testing/hard_rules.hpp"
#include "exact_model.hpp"

namespace chinjeol::bench {
namespace {

using planning::testing::CampaignSpec;
using planning::testing::OrganisationSpec;

double PeakRssMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports kilobytes
}

std::vector<campaign::Holiday> LoadHolidays() {
  for (const char* path : {"data/holidays-kr.csv", "../data/holidays-kr.csv",
                           "../../data/holidays-kr.csv", CHINJEOL_HOLIDAYS_CSV}) {
    std::ifstream file(path);
    if (!file) continue;
    std::stringstream text;
    text << file.rdbuf();
    return planning::testing::ParseHolidaysCsv(text.str());
  }
  std::cerr << "data/holidays-kr.csv not found; run from the repository root\n";
  std::exit(1);
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int RunTime(long employees, std::uint64_t seed) {
  const std::vector<campaign::Holiday> holidays = LoadHolidays();
  OrganisationSpec organisation;
  organisation.employees = static_cast<int>(employees);
  organisation.departments = static_cast<int>(std::max(10L, employees / 20));
  organisation.monitors = static_cast<int>(std::max(10L, employees / 200));
  organisation.phone_per_day = 20;
  organisation.visit_per_day = 3;
  organisation.seed = seed;
  CampaignSpec spec;
  spec.code = "POC-2021";
  spec.start = *ParseDate("2021-05-17");
  spec.end = *ParseDate("2021-09-16");

  const auto generation_start = std::chrono::steady_clock::now();
  planning::PlanInput input = planning::testing::GenerateInput(organisation, spec, holidays);
  if (const char* moves = std::getenv("PLANNING_BENCH_MOVES")) {
    input.options.improvement_moves = std::atoi(moves);
  }
  const double generation = Seconds(generation_start);
  const double input_rss = PeakRssMegabytes();

  const auto plan_start = std::chrono::steady_clock::now();
  const double cpu_start = CpuSeconds();
  Result<planning::Plan> plan = planning::BuildPlan(input);
  const double planning_seconds = Seconds(plan_start);
  const double planning_cpu = CpuSeconds() - cpu_start;
  if (!plan) {
    std::cerr << plan.error().message() << "\n";
    for (const FieldViolation& v : plan.error().violations())
      std::cerr << "  " << v.message << "\n";
    return 1;
  }
  const double peak_rss = PeakRssMegabytes();
  const planning::ChannelMetrics& phone = plan->metrics.phone;
  std::printf("%9ld %6d %6d %9zu %7.2f %8.2f %8.2f %8.0f %8.0f %9.4f %7.4f %5d %6.3f %7.4f %7.4f\n",
              employees, organisation.departments, organisation.monitors, plan->assignments.size(),
              generation, planning_seconds, planning_cpu, input_rss, peak_rss,
              plan->metrics.objective, phone.sweep, phone.graph_components, phone.workload_cv,
              phone.crossing_shortfall, phone.week_deviation);
  if (std::getenv("PLANNING_BENCH_TERMS") != nullptr) {
    for (const planning::ChannelMetrics* m : {&plan->metrics.phone, &plan->metrics.visit}) {
      std::printf(
          "  week %.4f weekday %.4f hour %.4f sweep %.4f crossing %.4f scenario %.4f "
          "workload %.4f | pairs %d mon/dept %.1f (min %d) dept/mon %.1f (min %d) cv %.3f\n",
          m->week_deviation, m->weekday_deviation, m->hour_deviation, m->sweep,
          m->crossing_shortfall, m->scenario_repeats, m->workload_deviation,
          m->monitor_department_pairs, m->monitors_per_department, m->min_monitors_per_department,
          m->departments_per_monitor, m->min_departments_per_monitor, m->workload_cv);
    }
  }
  return 0;
}

struct SolverResult {
  bool ok = false;
  std::string status;
  double objective = 0;
  double bound = 0;
  bool has_bound = false;
  double seconds = 0;
};

// Runs CBC or GLPK on the LP file and reads the objective (and CBC's lower bound).
SolverResult Solve(const std::string& solver, const std::string& lp, const std::string& log,
                   const std::string& solution, int time_limit) {
  const std::string command = solver == "cbc"
                                  ? "cbc " + lp + " sec " + std::to_string(time_limit) +
                                        " threads 1 solve solu " + solution + " > " + log + " 2>&1"
                                  : "glpsol --lp " + lp + " --tmlim " + std::to_string(time_limit) +
                                        " -w " + solution + " > " + log + " 2>&1";
  const auto start = std::chrono::steady_clock::now();
  const int rc = std::system(command.c_str());
  SolverResult result;
  result.seconds = Seconds(start);
  std::ifstream file(log);
  std::string line;
  while (std::getline(file, line)) {
    if (solver == "cbc") {
      if (line.rfind("Result - ", 0) == 0) result.status = line.substr(9);
      if (line.rfind("Objective value:", 0) == 0) {
        result.objective = std::atof(line.substr(16).c_str());
        result.ok = true;
      }
      if (line.rfind("Lower bound:", 0) == 0) {
        result.bound = std::atof(line.substr(12).c_str());
        result.has_bound = true;
      }
    } else {
      // "+  1234: mip =   1.234e+00 >=   1.000e+00  10.0% (12; 0)" and the final status.
      const auto mip = line.find("mip =");
      if (mip != std::string::npos) {
        std::istringstream fields(line.substr(mip + 5));
        std::string relation;
        double best = 0, bound = 0;
        if (fields >> best >> relation >> bound) {
          result.objective = best;
          result.bound = bound;
          result.has_bound = relation == ">=";
          result.ok = true;
        }
      }
      if (line.find("INTEGER OPTIMAL SOLUTION FOUND") != std::string::npos) {
        result.status = "Optimal solution found";
      } else if (line.find("TIME LIMIT EXCEEDED") != std::string::npos) {
        result.status = "Stopped on time";
      }
    }
  }
  if (rc != 0 && !result.ok) result.status = "solver failed (see " + log + ")";
  return result;
}

// Variable values of a CBC solution file ("index name value reduced-cost" lines).
std::map<std::string, double> ReadCbcSolution(const std::string& path) {
  std::map<std::string, double> values;
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);  // status and objective
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    std::string index, name;
    double value = 0;
    if (fields >> index >> name >> value) values[name] = value;
  }
  return values;
}

void PrintTerms(const char* who, const std::map<std::string, double>& terms) {
  std::printf("      %-8s", who);
  for (const auto& [name, value] : terms) {
    if (std::abs(value) > 1e-9) std::printf(" %s=%.4f", name.c_str(), value);
  }
  std::printf("\n");
}

int RunExact(const std::string& workdir, const std::string& solver, int time_limit) {
  const std::vector<campaign::Holiday> holidays = LoadHolidays();
  struct Instance {
    int employees, departments, monitors, phone_per_day, visit_per_day, seed;
    const char* start;
    const char* end;
    int phone_per_round;
  };
  const Instance instances[] = {
      {30, 4, 3, 2, 1, 1, "2021-05-17", "2021-06-25", 1},
      {40, 5, 3, 3, 1, 2, "2022-01-17", "2022-03-11", 1},
      {60, 6, 4, 3, 1, 3, "2023-09-11", "2023-11-03", 1},
      {60, 6, 4, 3, 1, 4, "2024-04-01", "2024-06-28", 2},
      {80, 8, 4, 4, 1, 5, "2025-09-22", "2025-11-14", 1},
      {100, 8, 5, 4, 1, 6, "2021-05-17", "2021-07-09", 1},
  };
  std::printf("%5s %5s %4s %2s %7s %9s %6s %9s %9s %9s %9s %7s  %s\n", "empl", "depts", "mon", "q",
              "binvars", "planner", "same?", "solver", "bound", "vs_best%", "vs_bound%", "solve_s",
              "solver status");
  for (const Instance& instance : instances) {
    OrganisationSpec organisation;
    organisation.employees = instance.employees;
    organisation.departments = instance.departments;
    organisation.monitors = instance.monitors;
    organisation.phone_per_day = instance.phone_per_day;
    organisation.visit_per_day = instance.visit_per_day;
    organisation.windowed_monitors = 0.3;
    organisation.general_scenarios = 1;
    organisation.department_scenarios = 1;
    organisation.seed = static_cast<std::uint64_t>(instance.seed);
    CampaignSpec spec;
    spec.start = *ParseDate(instance.start);
    spec.end = *ParseDate(instance.end);
    spec.phone_per_round = instance.phone_per_round;
    const planning::PlanInput input =
        planning::testing::GenerateInput(organisation, spec, holidays);
    Result<planning::Plan> plan = planning::BuildPlan(input);
    if (!plan) {
      std::printf("instance %d: %s\n", instance.seed, plan.error().message().c_str());
      continue;
    }
    if (!planning::testing::FindHardRuleViolations(input, *plan).empty()) {
      std::printf("instance %d: the plan breaks a hard rule\n", instance.seed);
      continue;
    }
    const ExactModel model(input);
    const std::string lp = workdir + "/instance-" + std::to_string(instance.seed) + ".lp";
    {
      std::ofstream out(lp);
      model.WriteLp(out);
    }
    const double planner = plan->metrics.objective;
    const double check = model.Evaluate(plan->assignments);
    const std::string stem = workdir + "/instance-" + std::to_string(instance.seed);
    const SolverResult solved = Solve(solver, lp, stem + ".log", stem + ".sol", time_limit);
    // The planner's own objective must equal the model's value of its plan (same problem).
    const bool same = std::abs(planner - check) <= 1e-9 * std::max(1.0, std::abs(planner));
    if (!solved.ok) {
      std::printf(
          "%5d %5d %4d %2d %7d %9.5f %6s %9s %9s %9s %9s %7.1f  %s\n", instance.employees,
          instance.departments, instance.monitors, instance.phone_per_round, model.variables(),
          planner, same ? "yes" : "NO", "-", "-", "-", "-", solved.seconds,
          solved.status.empty() ? "no solution" : (solved.status + ", no solution").c_str());
      continue;
    }
    const double best = solved.objective + model.constant();
    const double bound = solved.has_bound ? solved.bound + model.constant() : best;
    const bool optimal = solved.status.rfind("Optimal", 0) == 0;
    // Against the solver's best plan (negative: the planner's is better), and against the
    // proven lower bound (an upper limit on the distance to the true optimum).
    const double vs_best = 100.0 * (planner - best) / best;
    const double vs_bound = 100.0 * (planner - (optimal ? best : bound)) / (optimal ? best : bound);
    std::printf("%5d %5d %4d %2d %7d %9.5f %6s %9.5f %9.5f %9.2f %9.2f %7.1f  %s\n",
                instance.employees, instance.departments, instance.monitors,
                instance.phone_per_round, model.variables(), planner, same ? "yes" : "NO", best,
                optimal ? best : bound, vs_best, vs_bound, solved.seconds, solved.status.c_str());
    std::fflush(stdout);
    if (std::getenv("PLANNING_BENCH_TERMS") != nullptr && solver == "cbc") {
      std::map<std::string, double> planner_terms, solver_terms;
      model.Evaluate(plan->assignments, &planner_terms);
      const double solver_check =
          model.Evaluate(model.FromSolution(ReadCbcSolution(stem + ".sol")), &solver_terms);
      PrintTerms("planner", planner_terms);
      PrintTerms("solver", solver_terms);
      std::printf("      solver solution evaluates to %.5f\n", solver_check);
    }
  }
  return 0;
}

}  // namespace
}  // namespace chinjeol::bench

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "time" && argc >= 3) {
    const std::uint64_t seed = argc >= 4 ? std::strtoull(argv[3], nullptr, 10) : 2021;
    return chinjeol::bench::RunTime(std::atol(argv[2]), seed);
  }
  if (mode == "exact" && argc >= 5) {
    return chinjeol::bench::RunExact(argv[2], argv[3], std::atoi(argv[4]));
  }
  std::cerr << "usage: planning_bench time EMPLOYEES [SEED]\n"
               "       planning_bench exact WORKDIR cbc|glpsol SECONDS\n";
  return 2;
}
