#!/usr/bin/env bash
# HTTP benchmark: `chinjeol serve` against nginx serving the same bytes as static files, in one
# run, on the demo database:
#   1. an employee's own results (GET /api/my/results) and the admin's dashboard
#      (GET /api/dashboard), each with wrk -c64 against chinjeol and against nginx;
#   2. the dashboard's server time for a 200,000-employee organisation (chinjeol demo
#      --employees 200000), cold and warm.
# Goal: at least half of nginx's requests per second and a p99 under 20 ms at 64 connections;
# the 200,000-employee dashboard in under a second of server time.
# Usage: bench/http/run.sh [BUILD_DIR] [EMPLOYEES_LARGE]   (default build, 200000)
# Installs wrk and nginx (Debian packages) when they are missing; run as root for that.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
large=${2:-200000}
chinjeol="$(pwd)/$build/chinjeol"
duration=${BENCH_SECONDS:-10}
connections=64
threads=${BENCH_SERVER_THREADS:-2}
work=$(mktemp -d /tmp/chinjeol-http-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -x "$chinjeol" ] || { echo "no $chinjeol: build first (cmake --build $build)"; exit 1; }
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_for() {
  for _ in $(seq 1 200); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "not answering: $1"; exit 1
}

# Starts chinjeol serve on a database; sets $server_port.
start_server() {
  local db=$1 log=$2
  server_port=$(free_port)
  "$chinjeol" --db "sqlite:$db" serve --listen "127.0.0.1:$server_port" --data "$work/data" \
    --threads "$threads" >/dev/null 2>"$log" &
  pids+=($!)
  wait_for "http://127.0.0.1:$server_port/healthz"
}

# Signs in; prints the cookie header value.
sign_in() {
  curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"login\":\"$2\",\"password\":\"$3\"}" "http://127.0.0.1:$1/api/session" |
    awk 'tolower($1) == "set-cookie:" {split($2, c, ";"); print c[1]}'
}

# wrk with a cookie; prints "req/s p99_ms".
measure() {
  local url=$1 cookie=$2
  local out
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Cookie: $cookie" "$url")
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; print v}' <<<"$out")
  local errors
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  [ -z "$errors" ] || echo "  (non-2xx responses: $errors)" >&2
  echo "$rps $p99"
}

echo "== demo database (1,200 employees)"
"$chinjeol" --db "sqlite:$work/demo.db" demo >"$work/demo.txt"
start_server "$work/demo.db" "$work/serve.log"
port=$server_port
employee=$(sign_in "$port" employee demo-employee-2021)
admin=$(sign_in "$port" admin demo-admin-2021)
results_url="http://127.0.0.1:$port/api/my/results?campaign=POC-2021"
dashboard_url="http://127.0.0.1:$port/api/dashboard?campaign=POC-2021"

# nginx serves the same bytes as static files (its workers run as another user).
mkdir -p "$work/nginx/html" "$work/nginx/logs"
chmod 755 "$work" "$work/nginx" "$work/nginx/html"
curl -fs -H "Cookie: $employee" "$results_url" >"$work/nginx/html/results.json"
curl -fs -H "Cookie: $admin" "$dashboard_url" >"$work/nginx/html/dashboard.json"
nginx_port=$(free_port)
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  open_file_cache max=100;
  keepalive_requests 100000;
  default_type application/json;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/html;
  }
}
EOF
chmod 644 "$work/nginx/html/"*.json
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
pids+=($!)
wait_for "http://127.0.0.1:$nginx_port/results.json"

printf '\n%-46s %12s %10s %10s\n' "wrk -t2 -c$connections -d${duration}s" "req/s" "p99 ms" "vs nginx"
row() {
  local name=$1 ours=$2 anchor=$3
  printf '%-46s %12.0f %10.2f %10.2f\n' "$name" "${ours% *}" "${ours#* }" \
    "$(awk -v a="${ours% *}" -v b="${anchor% *}" 'BEGIN {print a / b}')"
}
anchor_line() { printf '%-46s %12.0f %10.2f %10s\n' "$1" "${2% *}" "${2#* }" "1.00"; }
# Interleaved: anchor, ours, anchor, ours (the box is shared; ratios within a round hold up).
for round in 1 2; do
  nginx_results=$(measure "http://127.0.0.1:$nginx_port/results.json" x=y)
  ours_results=$(measure "$results_url" "$employee")
  nginx_dashboard=$(measure "http://127.0.0.1:$nginx_port/dashboard.json" x=y)
  ours_dashboard=$(measure "$dashboard_url" "$admin")
  echo "-- round $round ($(wc -c <"$work/nginx/html/results.json") B results, $(wc -c <"$work/nginx/html/dashboard.json") B dashboard)"
  anchor_line "nginx, own results as a static file" "$nginx_results"
  row "chinjeol GET /api/my/results" "$ours_results" "$nginx_results"
  anchor_line "nginx, dashboard as a static file" "$nginx_dashboard"
  row "chinjeol GET /api/dashboard" "$ours_dashboard" "$nginx_dashboard"
done

echo
echo "== dashboard at $large employees"
/usr/bin/time -f "%e s, peak RSS %M KB" "$chinjeol" --db "sqlite:$work/large.db" demo \
  --employees "$large" >"$work/large.txt" 2>"$work/large.time" || { cat "$work/large.time"; exit 1; }
echo "demo created in $(tail -1 "$work/large.time"); $(grep -E '평가|Evaluations' "$work/large.txt" | head -1)"
start_server "$work/large.db" "$work/serve-large.log"
large_port=$server_port
large_admin=$(sign_in "$large_port" admin demo-admin-2021)
for attempt in cold warm warm; do
  curl -fs -o "$work/dash.json" -w "%{time_total}" -H "Cookie: $large_admin" \
    "http://127.0.0.1:$large_port/api/dashboard?campaign=POC-2021" >"$work/total.txt"
  server_ms=$(python3 -c "import json; print(round(json.load(open('$work/dash.json'))['server_ms'], 1))")
  printf '%-6s server %8s ms, request %8.1f ms, %s bytes\n' "$attempt" "$server_ms" \
    "$(awk '{print $1 * 1000}' "$work/total.txt")" "$(wc -c <"$work/dash.json")"
done
