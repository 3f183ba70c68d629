#!/usr/bin/env bash
# Builds the web interface into web/dist: type-checks with tsc, bundles with esbuild.
#   web/build.sh            installs node_modules with `npm ci` when missing or older than
#                           package-lock.json (needs the npm registry), then builds
#   web/build.sh --offline  never touches the network (CMake uses this); fails when
#                           node_modules is missing, warns when it looks stale
set -euo pipefail
cd "$(dirname "$0")"

offline=0
[ "${1:-}" = "--offline" ] && offline=1

if ! command -v node >/dev/null 2>&1; then
  echo "web/build.sh: node is not installed (scripts/install-deps.sh installs it)" >&2
  exit 1
fi

stale=0
if [ ! -d node_modules ]; then
  stale=1
elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  stale=1
fi
if [ "$stale" -eq 1 ]; then
  if [ "$offline" -eq 1 ]; then
    if [ ! -d node_modules ]; then
      echo "web/build.sh: web/node_modules is missing; run scripts/install-deps.sh (or npm ci in web/)" >&2
      exit 1
    fi
    echo "web/build.sh: warning: node_modules is older than package-lock.json; run npm ci in web/" >&2
  else
    npm ci --no-audit --no-fund
  fi
fi

node node_modules/typescript/bin/tsc --noEmit -p tsconfig.json
node build.mjs
