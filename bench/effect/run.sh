#!/usr/bin/env bash
# The measured effect of coaching (EstimateTreatmentEffect): bias and 90 % interval coverage of
# the mixed model, the naive before/after and the naive difference-in-differences on simulated
# coaching programmes (effect 0 and +5 points, the lowest first-round scorers coached), then
# CPU seconds and peak RSS of the estimate at 200,000 employees beside the plain fair-score fit
# on the same data. Nothing to install.
#
#   bash bench/effect/run.sh [OUTFILE]
#   env: REPLICATIONS=1000  simulated programmes per effect with 200 employees (and half
#                           of that with 1,200 employees, a city)
#        LARGE=200000       employees of the timed campaign (about 4 contacts each)
#        BUILD_DIR=build    where effect_bench is built; EFFECT_BENCH=path skips the build
# Timings are measurements, never assertions.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${1:-$(mktemp /tmp/effect-bench.XXXXXX)}"

BIN="${EFFECT_BENCH:-}"
if [ -z "$BIN" ]; then
  BUILD="${BUILD_DIR:-$ROOT/build}"
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DCHINJEOL_BENCH=ON > /dev/null
  cmake --build "$BUILD" -j2 --target effect_bench > /dev/null
  BIN="$BUILD/bench/effect/effect_bench"
fi

REPLICATIONS="${REPLICATIONS:-1000}"
{
  "$BIN" --replications "$REPLICATIONS" --employees 200 --large 0
  echo
  "$BIN" --replications "$((REPLICATIONS / 2))" --employees 1200 --large "${LARGE:-200000}"
} | tee "$OUT"
echo "output in $OUT"
