#!/usr/bin/env bash
# Coaching plan and effect estimate as the admin runs them, on a demo programme of N employees
# (default 200,000), beside the anchor: `chinjeol score` on the same database (the fair-score fit
# both commands build on, reading the database included). Prints wall and CPU seconds and peak
# memory of each whole command, and the ratios to the anchor.
#   bench/coaching/run.sh BUILD_DIR [EMPLOYEES] [WORK_DIR]
set -euo pipefail
build="${1:?build directory}"
employees="${2:-200000}"
work="${3:-$(mktemp -d)}"
bin="$(cd "$build" && pwd)/chinjeol"
db="sqlite:$work/bench.db"
key="$work/bench.key"
cd "$work"
if [ ! -f bench.db ]; then
  echo "demo with $employees employees (once; minutes at 200,000)"
  "$bin" --db "$db" --audit-key "$key" demo --employees "$employees" > demo.txt
fi
measure() {  # name, command...: wall s, cpu s, peak MB
  local name="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$name.time" "$@" > "$name.out" 2> "$name.err" || {
    echo "$name failed:"; cat "$name.err"; exit 1; }
  read -r wall user sys kb < <(tail -1 "$name.time")
  printf '%s %s %s %s\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$((kb / 1024))"
}
{
  measure score "$bin" --db "$db" --audit-key "$key" score POC-2021
  measure plan "$bin" --db "$db" --audit-key "$key" coaching plan POC-2021
  measure effect_coaching "$bin" --db "$db" --audit-key "$key" effect POC-2021 --of coaching --format json
  measure effect_training "$bin" --db "$db" --audit-key "$key" effect POC-2021 --of training --format json
} > results.txt
awk 'NR==1 {aw=$2; ac=$3; am=$4}
     {printf "%-16s wall %7.2f s  cpu %7.2f s  peak %6d MB   ratio to score: wall %.2f  cpu %.2f  memory %.2f\n",
       $1, $2, $3, $4, $2/aw, $3/ac, $4/am}' results.txt
echo "plan rows: $(($(wc -l < plan.out) - 1)); effect of coaching: $(cat effect_coaching.out)"
