#!/usr/bin/env bash
# Fair scores side by side with lme4 on the same synthetic campaigns (gaussian mode of
# anchors/stats/data-generation.md): fit CPU seconds, peak RSS and the largest differences of
# the estimates. Installs R and lme4 (Debian packages) only when they are missing.
#
#   bash bench/fair/run.sh [OUTDIR]
#   env: SIZES="1200 20000 200000"  employees per campaign (about 4 contacts each)
#        MILLION=1                  also fit 1,000,000 employees with chinjeol alone
#        LMER_CONDVAR_MAX=20000     largest size at which lme4 computes conditional variances
#                                   (at 200,000 they did not finish within 15 minutes)
#        BUILD_DIR=build            where fair_bench is built; FAIR_BENCH=path skips the build
# Timings are measurements, never assertions.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${1:-$(mktemp -d /tmp/fair-bench.XXXXXX)}"
SIZES="${SIZES:-1200 20000 200000}"
MILLION="${MILLION:-1}"
LMER_CONDVAR_MAX="${LMER_CONDVAR_MAX:-20000}"
mkdir -p "$OUT"

if ! command -v Rscript > /dev/null || ! Rscript -e 'library(lme4); library(data.table)' > /dev/null 2>&1 \
   || [ ! -x /usr/bin/time ]; then
  apt-get update
  apt-get install -y --no-install-recommends r-base-core r-cran-lme4 r-cran-data.table time
fi

BIN="${FAIR_BENCH:-}"
if [ -z "$BIN" ]; then
  BUILD="${BUILD_DIR:-$ROOT/build}"
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DCHINJEOL_BENCH=ON > /dev/null
  cmake --build "$BUILD" -j2 --target fair_bench > /dev/null
  BIN="$BUILD/bench/fair/fair_bench"
fi

for N in $SIZES; do
  dir="$OUT/n$N"
  echo "== $N employees"
  Rscript "$HERE/generate.R" N="$N" mode=gaussian seed=1 out="$dir"
  /usr/bin/time -v "$BIN" --evals "$dir/evals.csv" --out "$dir/chinjeol" > "$dir/chinjeol.log" 2>&1
  head -3 "$dir/chinjeol.log"
  condvar=TRUE
  [ "$N" -gt "$LMER_CONDVAR_MAX" ] && condvar=FALSE
  if ! /usr/bin/time -v timeout "${LMER_TIMEOUT:-1800}" Rscript "$HERE/lmer_fit.R" dir="$dir" \
       condvar="$condvar" > "$dir/lmer.log" 2>&1; then
    echo "lme4 did not finish (see $dir/lmer.log)"
  fi
  grep '^lmer:' "$dir/lmer.log" || true
done
if [ "$MILLION" = 1 ]; then
  echo "== 1000000 employees (chinjeol only, simulated in the driver)"
  /usr/bin/time -v "$BIN" --simulate 1000000 > "$OUT/n1000000_chinjeol.log" 2>&1
  head -3 "$OUT/n1000000_chinjeol.log"
  grep 'Maximum resident' "$OUT/n1000000_chinjeol.log"
fi
Rscript "$HERE/compare.R" "$OUT" $SIZES
echo "outputs in $OUT"
