#!/usr/bin/env bash
# Fails when a dependency points the wrong way: the core must not reach I/O, third-party I/O
# libraries or adapters; an adapter must not reach another adapter (codec, the shared JSON forms,
# clock, the wall clock, and digest, SHA-256 and HMAC, are the exceptions). CMake targets catch wrong links; this catches wrong includes.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

# Test files may do I/O (reading fixtures); the rule is for the core's own code.
core_sources=$(find src/core -name '*.cpp' -o -name '*.hpp' | grep -v -e '_test\.cpp$' -e '/testing/')
forbidden='#include *[<"](adapters/|sqlite3\.h|libpq-fe\.h|fstream|iostream|cstdio|thread|filesystem|boost/|sodium\.h|CLI/|spdlog/|fmt/|csv\.h|zip\.h|expat\.h|xlsxwriter)'
if hits=$(grep -nE "$forbidden" $core_sources); then
  echo "check_layering: the core includes I/O or adapter headers:"
  echo "$hits"
  status=1
fi
# Core code never asks the clock itself: time comes in through parameters.
if hits=$(grep -nE 'std::chrono::(system_clock|steady_clock)|\btime\(nullptr\)' $core_sources); then
  echo "check_layering: the core reads the clock:"
  echo "$hits"
  status=1
fi

for adapter in src/adapters/*/; do
  name=$(basename "$adapter")
  for other in src/adapters/*/; do
    other_name=$(basename "$other")
    [ "$other_name" = "$name" ] && continue
    [ "$other_name" = "codec" ] && continue
    [ "$other_name" = "clock" ] && continue
    [ "$other_name" = "digest" ] && continue
    if hits=$(grep -rnE "#include *\"adapters/$other_name/" "$adapter"); then
      echo "check_layering: adapter $name includes adapter $other_name:"
      echo "$hits"
      status=1
    fi
  done
done

# Every module includes only what its CMake target links (header-only includes and cycles).
tools/module_links.sh || status=1

if [ "$status" -eq 0 ]; then echo "check_layering: ok"; fi
exit "$status"
