#!/usr/bin/env bash
# Installs everything chinjeol needs to build, test and benchmark on Debian 12 (bookworm), as
# root. The one place where dependencies are named. Versions are pinned to Debian 12's series
# (Boost 1.81, PostgreSQL 15, ...) by package name; the exact versions tested are listed in
# docs/dependencies.md.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (apt-get needs it)" >&2
  exit 1
fi

build_packages=(
  g++ cmake make pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev
  libsodium-dev libspdlog-dev libfmt-dev libcli11-dev
  libcsv-dev libzip-dev libexpat1-dev libxlsxwriter-dev
  libeigen3-dev
  libgtest-dev libbenchmark-dev
  clang libclang-rt-14-dev  # scripts/fuzz.sh: libFuzzer and the sanitizers' runtimes
)
runtime_and_test_packages=(
  sqlite3 postgresql-15 clang-format tzdata
)

missing=()
for package in "${build_packages[@]}" "${runtime_and_test_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps.sh: all packages present"
else
  echo "install-deps.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "install-deps.sh: done"
fi

# Web interface and browser tests (web/, tests/e2e/): Node.js and npm from Debian when the
# machine has no node, Chromium for the end-to-end tests, a Korean font so that screenshots show
# Korean text, and web/node_modules from the npm registry with `npm ci` (the exact versions of
# web/package-lock.json). This is the only step that downloads; web/build.sh --offline does not.
web_missing=()
command -v node >/dev/null 2>&1 || web_missing+=(nodejs npm)
[ -x /usr/bin/chromium ] || web_missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'noto.*cjk' || web_missing+=(fonts-noto-cjk)
if [ "${#web_missing[@]}" -gt 0 ]; then
  echo "install-deps.sh: installing ${web_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${web_missing[@]}" >/dev/null
fi
web_dir="$(cd "$(dirname "$0")/.." && pwd)/web"
if [ ! -d "$web_dir/node_modules" ] || [ ! -f "$web_dir/node_modules/.package-lock.json" ] ||
  [ "$web_dir/package-lock.json" -nt "$web_dir/node_modules/.package-lock.json" ]; then
  echo "install-deps.sh: npm ci in web/"
  (cd "$web_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "install-deps.sh: web dependencies present"
