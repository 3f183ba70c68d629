#!/usr/bin/env bash
# Planner benchmark, in one run:
#  1. planning time and peak memory for 1,200 / 20,000 / 200,000 employees (and 1,000,000 when
#     the machine has the memory), on the Pocheon 2021 campaign: two rounds, one call per
#     employee and one visit per counter unit a round;
#  2. the planner's objective against the same problem solved as an integer program by CBC
#     (or GLPK's glpsol) on instances of 30 to 100 employees.
# Usage: bench/planning/run.sh [BUILD_DIR] [SOLVER_SECONDS]   (defaults: build, 60)
# Without BUILD_DIR/bench/planning/planning_bench it builds the planner and driver alone (in
# build-planning-bench). The solver is installed with apt-get when missing and run as root.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
solver_seconds=${2:-60}

bench="$build/bench/planning/planning_bench"
if [ ! -x "$bench" ]; then
  cmake -S bench/planning -B build-planning-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build-planning-bench -j2 --target planning_bench >/dev/null
  bench=build-planning-bench/planning_bench
fi

if ! command -v cbc >/dev/null && ! command -v glpsol >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y coinor-cbc glpk-utils >/dev/null 2>&1 ||
      { apt-get update >/dev/null && apt-get install -y coinor-cbc glpk-utils >/dev/null; }
  else
    echo "needs CBC or GLPK: apt-get install coinor-cbc glpk-utils" >&2
    exit 1
  fi
fi
solver=cbc
command -v cbc >/dev/null || solver=glpsol

echo "== planning time and peak memory ($(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%9s %6s %6s %9s %7s %8s %8s %8s %8s %9s %7s %5s %6s %7s %7s\n' \
  employees depts monitors contacts gen_s plan_s plan_cpu input_MB peak_MB objective sweep \
  comps wl_cv cross week_dev
available_kb=$(awk '/MemAvailable/ {print $2}' /proc/meminfo)
for employees in 1200 20000 200000 1000000; do
  # The million-employee run peaks near 2.5 GB; leave it out on smaller machines.
  if [ "$employees" = 1000000 ] && [ "$available_kb" -lt 6000000 ]; then
    echo "  1,000,000 employees left out: less than 6 GB of memory available"
    continue
  fi
  "$bench" time "$employees"
done

work=$(mktemp -d /tmp/chinjeol-planning-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo
echo "== planner against the exact integer program ($solver, ${solver_seconds} s a instance)"
echo "   planner: the planner's objective; same?: the model gives the planner's plan the same"
echo "   value; solver: the solver's best plan; bound: its proven lower bound (the optimum when"
echo "   solved); vs_bound%: how far above the optimum the planner can at most be"
"$bench" exact "$work" "$solver" "$solver_seconds"
