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
)
runtime_and_test_packages=(
  sqlite3 postgresql-15 clang-format
)

missing=()
for package in "${build_packages[@]}" "${runtime_and_test_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps.sh: all packages present"
  exit 0
fi
echo "install-deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps.sh: done"
