#!/usr/bin/env bash
# Does pgbouncer earn a place in front of CrimeScope's PostgreSQL? Measures, on this machine:
#   1. what a new connection costs, straight to PostgreSQL 15 (scram-sha-256 over TCP, as in the
#      HA deployments) and through pgbouncer 1.18 (session pooling; its server connections stay
#      open): `pgbench -C` opens one connection per transaction and reports the average;
#   2. what pgbouncer adds to each statement on a connection kept open (the services' pools keep
#      theirs): `pgbench -S` without -C, both ways.
# The connections a deployment needs are counted from the services' settings, not measured here
# (docs/SCALING.md, "pgbouncer").
#
#   deploy/ha/pgbouncer-bench.sh [--port P] [--seconds S]   (root: PostgreSQL and pgbouncer run as postgres)
#
# Ports P (PostgreSQL, default 56481) and P+1 (pgbouncer). Everything lives in a temporary folder
# removed at the end.
set -euo pipefail

port=56481; seconds=10
while [[ $# -gt 0 ]]; do
  case $1 in
    --port) port=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    *) echo "usage: $0 [--port P] [--seconds S]" >&2; exit 2 ;;
  esac
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin=/usr/lib/postgresql/15/bin
command -v pgbouncer >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

work=$(mktemp -d /tmp/cs-pgbouncer.XXXXXX)
chmod 0755 "$work"
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$work"
bouncer_pid=""
cleanup() {
  [[ -n $bouncer_pid ]] && kill "$bouncer_pid" 2>/dev/null
  "$root/scripts/pg.sh" stop "$work/pg" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

"$root/scripts/pg.sh" start "$work/pg" --port "$port" >/dev/null
password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
psql_admin() { as_postgres "$bin/psql" -X -q -h "$work/pg/run" -p "$port" -d crimescope -v ON_ERROR_STOP=1 "$@"; }
psql_admin -c "set password_encryption = 'scram-sha-256'; create role bench login password '$password'"
# The bench role authenticates as the deployments' application role does: scram-sha-256 over TCP.
sed -i "1i host all bench 127.0.0.1/32 scram-sha-256" "$work/pg/data/pg_hba.conf"
psql_admin -c "select pg_reload_conf()" >/dev/null
psql_admin -c "grant create on schema public to bench"
as_postgres env PGPASSWORD="$password" "$bin/pgbench" -q -i -s 1 -h 127.0.0.1 -p "$port" -U bench crimescope >/dev/null 2>&1

secret=$(psql_admin -tAc "select rolpassword from pg_authid where rolname = 'bench'")
printf '"bench" "%s"\n' "$secret" >"$work/userlist.txt"
cat >"$work/pgbouncer.ini" <<EOF
[databases]
crimescope = host=127.0.0.1 port=$port dbname=crimescope
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $((port + 1))
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $work/userlist.txt
; session pooling: the services hold session-level advisory locks (migrations, the per-city load
; lock, leases), which transaction pooling would hand to another client.
pool_mode = session
default_pool_size = 20
max_client_conn = 1000
logfile = $work/pgbouncer.log
pidfile = $work/pgbouncer.pid
EOF
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$work"/pgbouncer.ini "$work"/userlist.txt
as_postgres pgbouncer "$work/pgbouncer.ini" >/dev/null 2>&1 &
bouncer_pid=$!
for _ in $(seq 1 50); do as_postgres env PGPASSWORD="$password" "$bin/psql" -X -h 127.0.0.1 -p $((port + 1)) -U bench -d crimescope -tAc 'select 1' >/dev/null 2>&1 && break; sleep 0.1; done

run() {   # run LABEL PORT [pgbench options]: prints tps and the average connection time
  local label=$1 target=$2; shift 2
  local out
  out=$(as_postgres env PGPASSWORD="$password" "$bin/pgbench" -n -S -T "$seconds" -c 4 -j 2 -h 127.0.0.1 -p "$target" -U bench "$@" crimescope 2>&1) || { echo "$label: pgbench failed: $(grep -m2 -iE "error|fatal" <<<"$out")"; return 0; }
  printf '%-46s %12s tps   %s\n' "$label" "$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' <<<"$out")" \
    "$(sed -nE 's/^average connection time = (.*)/connect \1/p; s/^latency average = (.*)/latency \1/p' <<<"$out" | tr '\n' ' ')"
}
echo "pgbench -S, 4 clients, $seconds s each; load: $(cut -d' ' -f1-3 /proc/loadavg)"
run "new connection per transaction, direct"      "$port" -C
run "new connection per transaction, pgbouncer"   "$((port + 1))" -C
run "kept connections, direct"                     "$port"
run "kept connections, pgbouncer"                  "$((port + 1))"
