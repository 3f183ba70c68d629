#!/usr/bin/env bash
# Regenerates the golden lme4 fixture of the stats unit tests (src/core/stats/testdata/):
# the city-size gaussian campaign (1,200 employees, seed 1) and lme4's REML fit of it, with and
# without (1|department). Installs R and lme4 (Debian packages) when they are missing.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/../../src/core/stats/testdata"
if ! command -v Rscript > /dev/null || ! Rscript -e 'library(lme4); library(data.table)' > /dev/null 2>&1; then
  apt-get update && apt-get install -y --no-install-recommends r-base-core r-cran-lme4 r-cran-data.table
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
Rscript "$HERE/generate.R" N=1200 mode=gaussian seed=1 out="$WORK"
Rscript "$HERE/lmer_fit.R" dir="$WORK" tag=lmer
Rscript "$HERE/lmer_fit.R" dir="$WORK" tag=lmerdept dept_re=TRUE
# Numeric ids keep the fixture small: E000123 -> 123 and so on.
strip() { sed -E 's/(^|,)[EDMS]0*([0-9]+)/\1\2/g' "$1"; }
{ echo "employee,department,monitor,scenario,channel,score"
  strip "$WORK/evals.csv" | awk -F, 'NR > 1 { print $2 "," $3 "," $5 "," $6 "," $7 "," $9 }'; } \
  > "$OUT/city_gauss_evals.csv"
for tag in lmer lmerdept; do
  cp "$WORK/${tag}_summary.csv" "$OUT/city_gauss_${tag}_summary.csv"
  for f in employees monitors scenarios departments; do
    [ -f "$WORK/${tag}_$f.csv" ] && strip "$WORK/${tag}_$f.csv" > "$OUT/city_gauss_${tag}_$f.csv"
  done
done
ls -l "$OUT"
