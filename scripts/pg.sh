#!/usr/bin/env bash
# Throwaway PostgreSQL 15 + PostGIS cluster for development and tests.
#
# Usage:
#   scripts/pg.sh start  DIR [--port N] [--ephemeral]   create if needed, start, print the URL
#   scripts/pg.sh stop   DIR                            stop (fast shutdown)
#   scripts/pg.sh status DIR                            print "running <url>" or "stopped" (exit 3)
#   scripts/pg.sh url    DIR                            print the connection URL
#
# Layout of DIR: data/ (PGDATA), run/ (Unix socket), server.log, port (the chosen port).
# The server listens on 127.0.0.1 only, with trust authentication for loopback and the socket:
# this is a throwaway cluster, never a production one. The superuser is `postgres`, the main
# database `crimescope` (with PostGIS). Default port 54329; the port chosen once is remembered.
# `--ephemeral` turns off fsync, synchronous_commit and full_page_writes (tests only; it applies to
# this start and is forgotten at the next start without the flag).
#
# `start` is idempotent: on a running cluster it only prints the URL.
#
# Run as root, initdb/pg_ctl run through `runuser -u postgres --` (initdb refuses root) and DIR is
# chowned to postgres. If postgres cannot traverse a parent of DIR (e.g. DIR under a 0700 folder),
# the script adds the search bit for others (chmod o+x) on exactly the parents that lack it and says
# so on stderr. Run as a normal user, everything runs as that user and nothing is chowned.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DEFAULT_PORT=54329
DB_NAME=crimescope
DB_USER=postgres

die() { echo "pg.sh: $*" >&2; exit 1; }
usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

[[ $# -ge 2 ]] || usage
command=$1; dir_arg=$2; shift 2
port_arg=""; ephemeral=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --port) [[ $# -ge 2 ]] || die "--port needs a value"; port_arg=$2; shift 2 ;;
    --port=*) port_arg=${1#--port=}; shift ;;
    --ephemeral) ephemeral=1; shift ;;
    *) die "unknown option: $1" ;;
  esac
done
if [[ -n $port_arg && ! $port_arg =~ ^[0-9]+$ ]]; then die "--port must be a number, got '$port_arg'"; fi

[[ -x $PG_BIN/pg_ctl ]] || die "PostgreSQL 15 binaries not found in $PG_BIN (apt-get install postgresql postgresql-15-postgis-3)"

mkdir -p "$dir_arg"
DIR=$(cd "$dir_arg" && pwd -P)
DATA=$DIR/data
RUN=$DIR/run
LOG=$DIR/server.log
PORT_FILE=$DIR/port

# Run a command as the cluster owner: postgres when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

current_port() {
  if [[ -n $port_arg ]]; then echo "$port_arg"
  elif [[ -s $PORT_FILE ]]; then cat "$PORT_FILE"
  else echo "$DEFAULT_PORT"; fi
}

url() { echo "postgresql://$DB_USER@127.0.0.1:$(current_port)/$DB_NAME"; }

is_running() { [[ -f $DATA/PG_VERSION ]] && as_owner "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

psql_admin() { as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$RUN" -p "$(current_port)" -U "$DB_USER" "$@"; }

# As root: give DIR to postgres and make sure postgres can reach it through every parent.
prepare_ownership() {
  [[ $(id -u) -eq 0 ]] || return 0
  chown postgres:postgres "$DIR"
  local parent=$DIR
  while [[ $parent != / ]]; do
    parent=$(dirname "$parent")
    if ! runuser -u postgres -- test -x "$parent" 2>/dev/null; then
      chmod o+x "$parent"
      echo "pg.sh: added o+x to $parent so that postgres can reach $DIR" >&2
    fi
  done
}

init_cluster() {
  [[ -f $DATA/PG_VERSION ]] && return 0
  mkdir -p "$DATA" "$RUN"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$DATA" "$RUN"
  chmod 0700 "$DATA"
  as_owner "$PG_BIN/initdb" -D "$DATA" -U "$DB_USER" --auth-local=trust --auth-host=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  echo "include_if_exists = 'crimescope.conf'" | as_owner tee -a "$DATA/postgresql.conf" >/dev/null
}

write_settings() {
  {
    echo "# Written by scripts/pg.sh at every start."
    echo "port = $(current_port)"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$RUN'"
    echo "max_connections = 200"
    echo "timezone = 'UTC'"
    # A load of all of Chicago writes ~1.5 GB of WAL: at the default 1 GB, two checkpoints forced by
    # WAL volume land in every full load, each followed by a burst of full-page images (more WAL,
    # more CPU on the load's critical path). Checkpoints then come from checkpoint_timeout (5 min).
    echo "max_wal_size = 4GB"
    if [[ $ephemeral -eq 1 ]]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } | as_owner tee "$DATA/crimescope.conf" >/dev/null
}

start() {
  if is_running; then
    if [[ -n $port_arg && -s $PORT_FILE && $port_arg != $(cat "$PORT_FILE") ]]; then
      echo "pg.sh: already running on port $(cat "$PORT_FILE"); --port $port_arg ignored (stop first)" >&2
    fi
    port_arg=""; url; return 0
  fi
  prepare_ownership
  init_cluster
  mkdir -p "$RUN"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$RUN" && touch "$LOG" && chown postgres:postgres "$LOG"
  write_settings
  as_owner "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null \
    || { tail -n 20 "$LOG" >&2; die "could not start PostgreSQL (port $(current_port) in use?)"; }
  current_port | as_owner tee "$PORT_FILE" >/dev/null 2>&1 || current_port >"$PORT_FILE"
  for _ in $(seq 1 50); do
    as_owner "$PG_BIN/pg_isready" -q -h "$RUN" -p "$(current_port)" && break
    sleep 0.1
  done
  if [[ -z $(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'") ]]; then
    psql_admin -d postgres -c "CREATE DATABASE $DB_NAME"
  fi
  psql_admin -d "$DB_NAME" -c "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS postgis"
  url
}

stop() {
  if is_running; then as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; fi
}

status() {
  if is_running; then echo "running $(url)"; else echo "stopped"; exit 3; fi
}

case $command in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) url ;;
  *) usage ;;
esac
