#!/bin/sh
# A throw-away PostgreSQL 15 cluster for tests (Debian 12, package postgresql-15).
#
#   scripts/pg-test-server.sh start   stop a leftover cluster, create a fresh one on a free port,
#                                     print its URL on stdout (progress goes to stderr)
#   scripts/pg-test-server.sh url     print the URL of the running cluster
#   scripts/pg-test-server.sh stop    stop the cluster and remove its files
#
# Typical use:  export CHINJEOL_TEST_PG_URL="$(scripts/pg-test-server.sh start)"
#
# As root, initdb and pg_ctl run as the 'postgres' user (they refuse to run as root); as any
# other user they run as that user. The cluster lives in $CHINJEOL_PG_ROOT (default
# /tmp/chinjeol-pg-test; every parent directory must be traversable by the server's user),
# listens on 127.0.0.1 only, keeps its unix socket in its own directory, and runs with
# fsync=off: it is for tests, never for data that matters.
set -eu

PGBIN=${CHINJEOL_PG_BIN:-/usr/lib/postgresql/15/bin}
PGROOT=${CHINJEOL_PG_ROOT:-/tmp/chinjeol-pg-test}
FIRST_PORT=${CHINJEOL_PG_PORT:-55432}
DB_USER=chinjeol
DB_PASSWORD=chinjeol
DB_NAME=chinjeol

say() { echo "pg-test-server: $*" >&2; }

case "$PGROOT" in
    /tmp/?* | /var/tmp/?* | /run/?*) ;;
    *)
        say "CHINJEOL_PG_ROOT must be a folder under /tmp, /var/tmp or /run (it is deleted on stop)"
        exit 2
        ;;
esac

if [ "$(id -u)" = 0 ]; then
    RUN_USER=postgres
    as_server() { runuser -u postgres -- "$@"; }
else
    RUN_USER=$(id -un)
    as_server() { "$@"; }
fi

url() {
    if [ ! -f "$PGROOT/port" ]; then
        say "no cluster in $PGROOT (run: $0 start)"
        exit 1
    fi
    echo "postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$(cat "$PGROOT/port")/$DB_NAME"
}

stop() {
    if [ -f "$PGROOT/data/postmaster.pid" ]; then
        say "stopping the cluster in $PGROOT"
        as_server "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
            true
    fi
    rm -rf "$PGROOT"
}

start() {
    if [ ! -x "$PGBIN/initdb" ]; then
        say "$PGBIN/initdb not found; install postgresql-15 (apt-get install postgresql-15)"
        exit 1
    fi
    stop
    mkdir -p "$PGROOT"
    if [ "$RUN_USER" = postgres ]; then
        chown postgres:postgres "$PGROOT"
    fi
    chmod 700 "$PGROOT"
    as_server mkdir -p "$PGROOT/data" "$PGROOT/sock"
    say "creating a cluster in $PGROOT"
    as_server "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$PGROOT/initdb.log" 2>&1 || {
        cat "$PGROOT/initdb.log" >&2
        exit 1
    }
    # The first port from FIRST_PORT on that the server can bind: starting is the test.
    port=$FIRST_PORT
    last=$((FIRST_PORT + 50))
    while :; do
        if as_server "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 30 start \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $PGROOT/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
            >/dev/null 2>&1; then
            break
        fi
        if [ "$port" -ge "$last" ]; then
            say "could not start PostgreSQL on ports $FIRST_PORT-$last; see $PGROOT/server.log"
            tail -n 20 "$PGROOT/server.log" >&2 || true
            exit 1
        fi
        port=$((port + 1))
    done
    echo "$port" >"$PGROOT/port"
    # The application role owns its database; it logs in over TCP with a password.
    as_server "$PGBIN/psql" -h "$PGROOT/sock" -p "$port" -U postgres -d postgres \
        -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'" \
        -c "CREATE DATABASE $DB_NAME OWNER $DB_USER" >&2
    say "PostgreSQL is up on 127.0.0.1:$port"
    url
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    *)
        echo "usage: $0 start|stop|url" >&2
        exit 2
        ;;
esac
