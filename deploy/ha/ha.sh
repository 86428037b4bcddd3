#!/usr/bin/env bash
# A PostgreSQL 15 + PostGIS primary and hot standby under Patroni, with a one-member etcd, as
# ordinary processes on this machine (no containers). For tests, benchmarks and trying failover.
#
# Usage:
#   deploy/ha/ha.sh start DIR [--base-port P]  start etcd + members pg1, pg2; wait for a leader and a
#                                               streaming standby; print the read-write URL
#   deploy/ha/ha.sh url DIR [read-write|prefer-standby]   the libpq multi-host URL
#   deploy/ha/ha.sh leader DIR                  the current leader's member name (pg1 or pg2)
#   deploy/ha/ha.sh kill-leader DIR             SIGKILL the leader's Patroni and PostgreSQL (a lost
#                                               machine); prints the member killed
#   deploy/ha/ha.sh wait-leader DIR [NOT_NAME] [SECONDS]  wait until a member other than NOT_NAME
#                                               leads and accepts writes; prints its name
#   deploy/ha/ha.sh status DIR                  patronictl list
#   deploy/ha/ha.sh stop DIR                    stop everything started here
#
# Ports from P (default 55450): etcd client P, peer P+1; pg1 PostgreSQL P+2, REST P+3; pg2
# PostgreSQL P+4, REST P+5. Logs: DIR/etcd.log, DIR/pg1/patroni.log, DIR/pg2/patroni.log.
# Run as root: Patroni and PostgreSQL run as the postgres user (PostgreSQL refuses root).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { echo "ha.sh: $*" >&2; exit 1; }
usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 2 ]] || usage
command=$1; dir_arg=$2; shift 2

as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
base_port() { cat "$DIR/base-port"; }
rest_port() { local base; base=$(base_port); [[ $1 == pg1 ]] && echo $((base + 3)) || echo $((base + 5)); }
pg_port() { local base; base=$(base_port); [[ $1 == pg1 ]] && echo $((base + 2)) || echo $((base + 4)); }

url() {
  local attrs=${1:-read-write} base; base=$(base_port)
  echo "postgresql://postgres@127.0.0.1:$((base + 2)),127.0.0.1:$((base + 4))/crimescope?target_session_attrs=$attrs&connect_timeout=3"
}

# The member whose REST API says it is the primary (HTTP 200 on /primary), or nothing.
leader() {
  local name
  for name in pg1 pg2; do
    if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$(rest_port $name)/primary" 2>/dev/null; then
      echo "$name"; return 0
    fi
  done
  return 1
}

wait_until() { # SECONDS COMMAND…: retry COMMAND every 0.2 s until it succeeds or SECONDS pass
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || return 1
    sleep 0.2
  done
}

pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

writable() { # NAME: the member accepts a write transaction
  as_postgres /usr/lib/postgresql/15/bin/psql -X -q -h 127.0.0.1 -p "$(pg_port "$1")" -d postgres -tAc \
    "select not pg_is_in_recovery()" 2>/dev/null | grep -qx t
}

sync_standby() { # the leader has a synchronous standby that has replayed everything
  local name; name=$(leader) || return 1
  as_postgres /usr/lib/postgresql/15/bin/psql -X -q -h 127.0.0.1 -p "$(pg_port "$name")" -d postgres -tAc \
    "select count(*) from pg_stat_replication where state = 'streaming' and sync_state = 'sync'
       and replay_lsn >= pg_current_wal_lsn()" 2>/dev/null | grep -qx 1
}

case $command in
  start)
    base=55450
    while [[ $# -gt 0 ]]; do
      case $1 in
        --base-port) base=$2; shift 2 ;;
        *) die "unknown option: $1" ;;
      esac
    done
    command -v patroni >/dev/null || die "patroni not found: apt-get install patroni etcd-server"
    command -v etcd >/dev/null || die "etcd not found: apt-get install etcd-server"
    mkdir -p "$dir_arg"; DIR=$(cd "$dir_arg" && pwd -P)
    echo "$base" > "$DIR/base-port"
    mkdir -p "$DIR/etcd" "$DIR/pg1/run" "$DIR/pg2/run"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$DIR"; chmod 0755 "$DIR"; fi
    if ! pid_alive "$DIR/etcd.pid"; then
      # etcd listens on loopback only; one member is enough for a test pair (a real cluster: 3).
      etcd --name crimescope-etcd --data-dir "$DIR/etcd" \
        --listen-client-urls "http://127.0.0.1:$base" --advertise-client-urls "http://127.0.0.1:$base" \
        --listen-peer-urls "http://127.0.0.1:$((base + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((base + 1))" \
        --initial-cluster "crimescope-etcd=http://127.0.0.1:$((base + 1))" >"$DIR/etcd.log" 2>&1 &
      echo $! > "$DIR/etcd.pid"
      wait_until 20 curl -fsS "http://127.0.0.1:$base/health" || die "etcd did not start (see $DIR/etcd.log)"
    fi
    for name in pg1 pg2; do
      sed -e "s|@NAME@|$name|g" -e "s|@DIR@|$DIR|g" -e "s|@ETCD_PORT@|$base|g" \
          -e "s|@PG_PORT@|$(pg_port $name)|g" -e "s|@REST_PORT@|$(rest_port $name)|g" \
          "$here/patroni.yml.in" > "$DIR/$name/patroni.yml"
      [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$DIR/$name/patroni.yml"
    done
    for name in pg1 pg2; do
      pid_alive "$DIR/$name/patroni.pid" && continue
      # The pid file holds Patroni's own pid (not runuser's): kill-leader must reach Patroni.
      as_postgres bash -c 'echo $$ > "$1"; exec patroni "$2"' _ "$DIR/$name/patroni.pid" "$DIR/$name/patroni.yml" \
        >"$DIR/$name/patroni.log" 2>&1 &
      wait_until 10 test -s "$DIR/$name/patroni.pid" || die "Patroni $name did not start"
      # pg1 bootstraps first so that it becomes the leader; pg2 then clones it (pg_basebackup).
      [[ $name == pg1 ]] && { wait_until 90 leader || die "no leader after 90 s (see $DIR/pg1/patroni.log)"; }
    done
    wait_until 120 sync_standby || die "no synchronous standby after 120 s (see $DIR/pg2/patroni.log)"
    lead=$(leader)
    psql_leader() { as_postgres /usr/lib/postgresql/15/bin/psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(pg_port "$lead")" "$@"; }
    if [[ -z $(psql_leader -d postgres -tAc "select 1 from pg_database where datname = 'crimescope'") ]]; then
      psql_leader -d postgres -c "create database crimescope" >/dev/null
      psql_leader -d crimescope -c "create extension if not exists postgis" >/dev/null
    fi
    wait_until 60 sync_standby || die "the standby did not catch up within 60 s"
    url ;;
  url) DIR=$(cd "$dir_arg" && pwd -P); url "${1:-read-write}" ;;
  leader) DIR=$(cd "$dir_arg" && pwd -P); leader ;;
  kill-leader)
    DIR=$(cd "$dir_arg" && pwd -P)
    name=$(leader) || die "no leader to kill"
    postmaster=$(head -1 "$DIR/$name/data/postmaster.pid")
    kill -KILL "$(cat "$DIR/$name/patroni.pid")" "$postmaster"
    echo "$name" ;;
  wait-leader)
    DIR=$(cd "$dir_arg" && pwd -P)
    not=${1:-}; seconds=${2:-90}
    new_leader() { local name; name=$(leader) && [[ $name != "$not" ]] && writable "$name"; }
    wait_until "$seconds" new_leader || die "no new writable leader within $seconds s"
    leader ;;
  status) DIR=$(cd "$dir_arg" && pwd -P); as_postgres patronictl -c "$DIR/pg1/patroni.yml" list ;;
  stop)
    [[ -d $dir_arg ]] || exit 0
    DIR=$(cd "$dir_arg" && pwd -P)
    for name in pg1 pg2; do
      if pid_alive "$DIR/$name/patroni.pid"; then
        kill -TERM "$(cat "$DIR/$name/patroni.pid")"   # Patroni stops its PostgreSQL first
      fi
    done
    for name in pg1 pg2; do
      wait_until 30 bash -c "! kill -0 \$(cat '$DIR/$name/patroni.pid') 2>/dev/null" || kill -KILL "$(cat "$DIR/$name/patroni.pid")" 2>/dev/null || true
      if [[ -f $DIR/$name/data/postmaster.pid ]]; then
        pm=$(head -1 "$DIR/$name/data/postmaster.pid"); kill -0 "$pm" 2>/dev/null && kill -KILL "$pm" 2>/dev/null || true
      fi
    done
    if pid_alive "$DIR/etcd.pid"; then kill -TERM "$(cat "$DIR/etcd.pid")"; fi ;;
  *) usage ;;
esac
