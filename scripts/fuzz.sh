#!/usr/bin/env bash
# Fuzz smoke run: builds the libFuzzer targets of fuzz/ with clang in build-fuzz (ASan + UBSan,
# libFuzzer's coverage instrumentation on the parsers' libraries) and runs each for
# SECONDS_PER_TARGET seconds (default 20) on a scratch copy of its seed corpus, fuzz/corpus/NAME,
# which stays untouched, with fuzz/NAME.dict as dictionary when there is one. Fails on any crash,
# leak, timeout, out-of-memory or undefined behaviour; the input that caused it is kept in
# build-fuzz/artifacts/NAME/.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]
# To reproduce a crash: build-fuzz/fuzz/fuzz_NAME build-fuzz/artifacts/NAME/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
targets=(csv xlsx json_body rubric_json)

launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHINJEOL_FUZZ=ON \
  -DCHINJEOL_TESTS=OFF -DCHINJEOL_BENCH=OFF "${launcher[@]}" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target chinjeol_fuzz

scratch=$(mktemp -d "${TMPDIR:-/tmp}/chinjeol-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
failed=()
for target in "${targets[@]}"; do
  work="$scratch/$target"
  mkdir -p "$work/corpus" "$work/artifacts"
  cp fuzz/corpus/"$target"/* "$work/corpus/"
  dict=()
  [ -f fuzz/"$target".dict ] && dict=(-dict="fuzz/$target.dict")
  # The XLSX target writes its scratch workbook to TMPDIR.
  if TMPDIR="$work" ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    build-fuzz/fuzz/fuzz_"$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len=16384 -print_final_stats=1 -artifact_prefix="$work/artifacts/" "${dict[@]}" \
    "$work/corpus" \
    >"$work/log" 2>&1; then
    summary=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/log" | tail -n 1)
    echo "fuzz_$target: passed ${seconds}s: ${summary:-no summary}"
  else
    tail -n 60 "$work/log"
    mkdir -p build-fuzz/artifacts/"$target"
    cp "$work"/artifacts/* build-fuzz/artifacts/"$target"/ 2>/dev/null || true
    echo "fuzz_$target: FAILED; inputs kept in build-fuzz/artifacts/$target/" >&2
    failed+=("$target")
  fi
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz.sh: failures in ${failed[*]}" >&2
  exit 1
fi
