#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1 for the tests and print its SQLAlchemy URL on stdout.
#
# Idempotent, safe to run again:
#   - installs Debian's `postgresql` package when no server binaries exist (needs root);
#   - initialises a cluster once in $FLIPSIDE_PG_DIR (default /tmp/flipside-pg-<port>),
#     owned by the `postgres` user when run as root, else by the current user;
#   - starts it on 127.0.0.1:$FLIPSIDE_PG_PORT (default 55432) unless it already runs;
#   - creates the login role and the database when they are missing.
# It never touches the distribution's own cluster (port 5432).
#
# Usage: scripts/start-postgres.sh [start|stop|status]
#   export COACH_TEST_POSTGRES_URL="$(scripts/start-postgres.sh)"
set -euo pipefail

PORT="${FLIPSIDE_PG_PORT:-55432}"
DIR="${FLIPSIDE_PG_DIR:-${TMPDIR:-/tmp}/flipside-pg-$PORT}"
ROLE="${FLIPSIDE_PG_USER:-flipside}"
PASSWORD="${FLIPSIDE_PG_PASSWORD:-flipside}"
DATABASE="${FLIPSIDE_PG_DB:-flipside_test}"
ACTION="${1:-start}"

log() { echo "start-postgres: $*" >&2; }
server_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

BIN="$(server_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  if [ "$(id -u)" != 0 ]; then
    log "PostgreSQL is not installed; run this script as root to apt-get install it"
    exit 1
  fi
  log "installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  BIN="$(server_bin)"
fi

DATA="$DIR/data"
running() { as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

case "$ACTION" in
  stop)
    if [ -f "$DATA/PG_VERSION" ] && running; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
    fi
    exit 0 ;;
  status)
    if [ -f "$DATA/PG_VERSION" ] && running; then log "running in $DATA"; exit 0; fi
    log "not running"; exit 3 ;;
  start) ;;
  *) log "unknown action '$ACTION' (start, stop, status)"; exit 2 ;;
esac

mkdir -p "$DIR"
if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; fi
chmod 700 "$DIR"

if [ ! -f "$DATA/PG_VERSION" ]; then
  log "initialising a cluster in $DATA"
  as_owner "$BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
fi

if ! running; then
  log "starting on 127.0.0.1:$PORT"
  # A test server: durability is traded for speed (fsync off); never use these flags for data.
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
fi

psql_admin() { as_owner "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ -z "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
  psql_admin -c "CREATE ROLE \"$ROLE\" LOGIN PASSWORD '$PASSWORD'" >/dev/null
fi
if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" ]; then
  psql_admin -c "CREATE DATABASE \"$DATABASE\" OWNER \"$ROLE\" TEMPLATE template0" >/dev/null
fi

echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
