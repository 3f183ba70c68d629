#!/usr/bin/env bash
# From a fresh Debian 12 machine (as root) to a running demo: installs what is needed, builds,
# creates the demo programme of a Pocheon-like city in demo.db and opens it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target chinjeol
rm -f demo.db demo.db-wal demo.db-shm
./build/chinjeol --db sqlite:demo.db demo
./build/chinjeol --db sqlite:demo.db campaigns
echo
echo "== 직원별 점수 (처음 10명) / Scores of the first 10 employees"
./build/chinjeol --db sqlite:demo.db score POC-2021 | head -n 11
