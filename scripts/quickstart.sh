#!/usr/bin/env bash
# From a fresh Debian 12 machine (as root) to a running demo: installs what is needed, builds,
# creates the demo programme of a Pocheon-like city in demo.db and opens it in the web
# application (http://127.0.0.1:8080 unless CHINJEOL_LISTEN says otherwise; Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target chinjeol chinjeol_web
rm -f demo.db demo.db-wal demo.db-shm
./build/chinjeol --db sqlite:demo.db demo
./build/chinjeol --db sqlite:demo.db campaigns
listen=${CHINJEOL_LISTEN:-127.0.0.1:8080}
echo
echo "== 웹 화면 / Web application: http://$listen (위의 데모 계정으로 로그인 / sign in with a demo account above)"
exec ./build/chinjeol --db sqlite:demo.db serve --listen "$listen" --web web/dist
