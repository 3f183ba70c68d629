#!/usr/bin/env bash
# Import benchmark: chinjeol's `import evaluations` (full validation and scoring, SQLite) against
# the sqlite3 shell's `.import` of the same CSV into a bare table, in one run; then demo creation
# time and database size at 1,200 and 20,000 employees.
# Usage: bench/import/run.sh [BUILD_DIR] [ROWS]   (default build, 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
rows=${2:-1000000}
work=$(mktemp -d /tmp/chinjeol-import-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
chinjeol="$build/chinjeol"
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)"; exit 1; }

peak_rss_mb() { awk '/Maximum resident set size/ {printf "%.0f", $6/1024}' "$1"; }
seconds() { awk '/Elapsed \(wall clock\)/ {n=split($8,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$1"; }
cpu_seconds() { awk '/User time/ {u=$4} /System time/ {s=$4} END {printf "%.2f", u+s}' "$1"; }

echo "== import of $rows evaluation rows"
"$chinjeol" --db "sqlite:$work/programme.db" demo >/dev/null
"$build/bench/import/make_evaluations" --rows "$rows" >"$work/evals.csv"
for size in 250000; do
  head -n $((size + 1)) "$work/evals.csv" >"$work/evals-small.csv"
done
ls -l "$work/evals.csv" | awk '{printf "CSV size: %.0f MB\n", $5/1048576}'

/usr/bin/time -v sqlite3 "$work/anchor.db" ".mode csv" ".import $work/evals.csv evaluations" \
  2>"$work/anchor.time"
cp "$work/programme.db" "$work/programme-small.db"
/usr/bin/time -v "$chinjeol" --db "sqlite:$work/programme-small.db" import evaluations \
  "$work/evals-small.csv" >/dev/null 2>"$work/small.time"
/usr/bin/time -v "$chinjeol" --db "sqlite:$work/programme.db" import evaluations \
  "$work/evals.csv" >/dev/null 2>"$work/chinjeol.time"

anchor_s=$(seconds "$work/anchor.time")
chinjeol_s=$(seconds "$work/chinjeol.time")
printf '%-44s %10s %10s %12s\n' "" "seconds" "CPU s" "peak RSS MB"
printf '%-44s %10.2f %10s %12s\n' "sqlite3 .import into a bare table" "$anchor_s" "$(cpu_seconds "$work/anchor.time")" "$(peak_rss_mb "$work/anchor.time")"
printf '%-44s %10.2f %10s %12s\n' "chinjeol import evaluations ($rows rows)" "$chinjeol_s" "$(cpu_seconds "$work/chinjeol.time")" "$(peak_rss_mb "$work/chinjeol.time")"
printf '%-44s %10.2f %10s %12s\n' "chinjeol import evaluations (250000 rows)" "$(seconds "$work/small.time")" "$(cpu_seconds "$work/small.time")" "$(peak_rss_mb "$work/small.time")"
awk -v a="$anchor_s" -v c="$chinjeol_s" 'BEGIN {printf "chinjeol speed relative to sqlite3 .import (wall): %.2f (target >= 0.5)\n", a/c}'

echo
echo "== demo creation"
printf '%-12s %10s %12s %12s\n' "employees" "seconds" "peak RSS MB" "db size MB"
for employees in 1200 20000; do
  rm -f "$work/demo.db"*
  /usr/bin/time -v "$chinjeol" --db "sqlite:$work/demo.db" demo --employees "$employees" \
    >/dev/null 2>"$work/demo.time"
  size=$(du -cm "$work"/demo.db* | tail -1 | cut -f1)
  printf '%-12s %10.2f %12s %12s\n' "$employees" "$(seconds "$work/demo.time")" \
    "$(peak_rss_mb "$work/demo.time")" "$size"
done
