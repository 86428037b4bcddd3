#!/usr/bin/env bash
# Replicas and failover, for real, on this machine (issue 15). Starts a PostgreSQL primary and
# synchronous standby under Patroni + etcd (deploy/ha/ha.sh), two replicas of ingest, heatmap and
# predict on TCP loopback, and one gateway that balances over them itself (comma-separated
# endpoint lists; see Sources/Wire/README.md). Then:
#   1. every replica answers Health/Check SERVING; ingest's read pool (--database-read-url with
#      target_session_attrs=prefer-standby) is connected to the standby, not the primary;
#   2. the PostgreSQL leader is killed (SIGKILL to its Patroni and postmaster) during an
#      `ingest load` of Chicago 2017: the standby is promoted; the load either completes or fails
#      with a clear error and then completes when run again;
#   3. the heatmap's Chicago 2017 total, asked through the gateway (both heatmap replicas, the
#      gateway's cache bypassed), equals a recount of the raw file's rows;
#   4. a 20 s wrk run against the gateway's heatmap API during which one heatmap replica is
#      SIGKILLed: 0 failed requests (non-2xx or socket errors).
# The last line is `N passed, M failed`; the exit status is non-zero when anything failed.
#
#   CRIMESCOPE_BIN_DIR          executables (default: swift build --show-bin-path, built if missing)
#   CRIMESCOPE_SCALE_BASE_PORT  first of 20 ports (default: the first of 55450, 55470, … whose 20 are free)
#   CRIMESCOPE_SCALE_KEEP=1     leave the folder (logs, HA data) behind: printed at the start
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"
# The first of 20 ports in a row that are all free: other work on the machine (a scratch
# PostgreSQL of a test) may hold some of a fixed range.
free_base() {
  python3 - <<'PY'
import socket
for base in range(55450, 65000, 20):
    sockets = []
    try:
        for port in range(base, base + 20):
            sockets.append(socket.socket())
            sockets[-1].bind(("127.0.0.1", port))
        print(base)
        break
    except OSError:
        pass
    finally:
        for s in sockets:
            s.close()
PY
}
base=${CRIMESCOPE_SCALE_BASE_PORT:-$(free_base)}
work=$(mktemp -d /tmp/cs-scale.XXXXXX)
chmod 0755 "$work"
pids=()
. scripts/lib/checks.sh   # check, poll, finish, on_exit

say() { printf '\n--> %s\n' "$*"; }
stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  deploy/ha/ha.sh stop "$work/ha"
  [[ ${CRIMESCOPE_SCALE_KEEP:-0} == 1 ]] || rm -rf "$work"
}
on_exit stop_all
[[ ${CRIMESCOPE_SCALE_KEEP:-0} == 1 ]] && echo "logs and HA data in $work (kept: CRIMESCOPE_SCALE_KEEP=1)"

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v patroni >/dev/null || missing+=(patroni)
command -v etcd >/dev/null || missing+=(etcd-server)
if (( ${#missing[@]} )); then
  say "installing ${missing[*]} (Debian packages)"
  if [[ $(id -u) -ne 0 ]] || ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >"$work/apt.log" 2>&1; then
    check "scale-test: install ${missing[*]} (as root: apt-get install ${missing[*]})" false; finish
  fi
fi
bin=${CRIMESCOPE_BIN_DIR:-$(swift build --show-bin-path)}
for product in ingest heatmap predict gateway; do
  [[ -x $bin/$product ]] || { say "building $product"; swift build --product "$product" >/dev/null || { check "swift build --product $product" false; finish; }; }
done

# --- PostgreSQL primary + standby under Patroni ------------------------------------------------
say "PostgreSQL primary + synchronous standby under Patroni + etcd (ports $base-$((base + 5)))"
if ! database_url=$(deploy/ha/ha.sh start "$work/ha" --base-port "$base"); then
  check "Patroni pair started" false; finish
fi
echo "    $database_url"
check "Patroni pair: a leader and a synchronous standby ($(deploy/ha/ha.sh leader "$work/ha") leads)" deploy/ha/ha.sh leader "$work/ha"

# --- two replicas of each service, one gateway ---------------------------------------------------
token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
export CRIMESCOPE_WRITE_TOKEN=$token OMP_WAIT_POLICY=PASSIVE
port() { echo $((base + $1)); }
list() { echo "tcp://127.0.0.1:$(port "$1"),tcp://127.0.0.1:$(port "$2")"; }
ingest_list=$(list 10 11); heatmap_list=$(list 12 13); predict_list=$(list 14 15)
http_port=$(port 16)
declare -A pid_of=()
start() {   # start NAME PRODUCT ARGS…
  local name=$1 product=$2; shift 2
  "$bin/$product" "$@" --log-level notice >"$work/$name.log" 2>&1 &
  pids+=($!); pid_of[$name]=$!
}
# Areas first (the heatmap assigns incidents to beats), straight to the database like up.sh.
"$bin/ingest" load --database-url "$database_url" --city chicago demo-data/chicago/police_beats_current.geojson.gz \
  >"$work/load-areas.log" 2>&1
check "Chicago beats loaded through the multi-host URL" test $? -eq 0
# Ingest's read-only work (listings, training rows) through prefer-standby: on the standby while
# there is one. application_name lets pg_stat_activity show where those sessions are.
read_url="$(deploy/ha/ha.sh url "$work/ha" prefer-standby)&application_name=crimescope-read"
for i in 0 1; do
  start "ingest$i" ingest serve --listen "tcp://127.0.0.1:$(port $((10 + i)))" --database-url "$database_url" \
    --database-read-url "$read_url"
done
for i in 0 1; do
  start "heatmap$i" heatmap serve --listen "tcp://127.0.0.1:$(port $((12 + i)))" --database-url "$database_url" \
    --ingest-endpoint "$ingest_list"
done
for i in 0 1; do
  start "predict$i" predict serve --listen "tcp://127.0.0.1:$(port $((14 + i)))" --database-url "$database_url" \
    --ingest-endpoint "$ingest_list" --heatmap-endpoint "$heatmap_list"
done
start gateway gateway serve --http-port "$http_port" --ingest-endpoint "$ingest_list" \
  --heatmap-endpoint "$heatmap_list" --predict-endpoint "$predict_list"
api="http://127.0.0.1:$http_port"
healthz() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$api/healthz") == 200 ]]; }
poll 120 healthz
check "gateway /healthz 200 with 2 replicas of each service behind it" healthz
serving() { "$bin/$1" healthcheck --endpoint "tcp://127.0.0.1:$(port "$2")" --timeout-ms 2000; }
all_serving() {
  serving ingest 10 && serving ingest 11 && serving heatmap 12 && serving heatmap 13 && serving predict 14 && serving predict 15
}
poll 60 all_serving
check "all six replicas answer Health/Check SERVING" all_serving

# --- the read pools on the standby -----------------------------------------------------------------
read_sessions() {   # MEMBER: sessions of the read pools on that member (pg1 or pg2)
  local member_port; [[ $1 == pg1 ]] && member_port=$(port 2) || member_port=$(port 4)
  psql_member() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  psql_member psql -X -q -h 127.0.0.1 -p "$member_port" -d crimescope -tAc \
    "select count(*) from pg_stat_activity where application_name = 'crimescope-read'" 2>/dev/null
}
primary=$(deploy/ha/ha.sh leader "$work/ha"); [[ $primary == pg1 ]] && standby=pg2 || standby=pg1
# The pools connect on first use: one incident listing through the gateway (one ingest replica).
curl -s -o /dev/null --max-time 30 "$api/api/v1/incidents?city=chicago&month=2017-06"
on_standby=$(read_sessions "$standby"); on_primary=$(read_sessions "$primary")
check "ingest's read pool (--database-read-url, prefer-standby) is on the standby $standby: ${on_standby:-?} sessions, on the primary $primary: ${on_primary:-?}" \
  test "${on_standby:-0}" -gt 0 -a "${on_primary:-1}" -eq 0

# --- failover during a load ------------------------------------------------------------------------
say "ingest load of Chicago 2017 while the PostgreSQL leader is killed"
file=demo-data/chicago/chicago_crimes_2017.csv.xz
expected=$(xz -dc "$file" | python3 -c 'import csv,sys; r=csv.reader(sys.stdin); next(r); print(sum(1 for _ in r))')
echo "    recount of $file: $expected rows"
psql_ha() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- psql -X -q "$database_url" -tAc "$1" 2>/dev/null
  else psql -X -q "$database_url" -tAc "$1" 2>/dev/null; fi
}
# Batches of 20,000 rows (14 for the file), so that the kill lands between commits of one load.
"$bin/ingest" load --database-url "$database_url" --city chicago --batch-rows 20000 "$file" >"$work/load-1.log" 2>&1 &
load_pid=$!
# The kill must land mid-load: wait until the first batch is committed (or the load ended).
some_committed() {
  [[ $(psql_ha "select coalesce(sum(inserted),0) from ingest.etl_runs where status = 'running'") -gt 0 ]] || ! kill -0 "$load_pid" 2>/dev/null
}
poll 300 some_committed
kill -0 "$load_pid" 2>/dev/null || echo "    (the load ended before the kill: the failover happens after it)"
old_leader=$(deploy/ha/ha.sh kill-leader "$work/ha")
echo "    killed the leader $old_leader (Patroni and postmaster, SIGKILL)"
failover_started=$SECONDS
new_leader=$(deploy/ha/ha.sh wait-leader "$work/ha" "$old_leader" 120)
check "the standby was promoted: $new_leader leads $((SECONDS - failover_started)) s after the kill" test -n "$new_leader"
wait "$load_pid"; load_rc=$?
if (( load_rc == 0 )); then
  check "the load completed across the failover" true
else
  echo "    the load failed (exit $load_rc); its last lines:"; tail -n 4 "$work/load-1.log" | sed 's/^/      /'
  check "the failed load says the server went away" grep -qiE "went away|server closed|terminat|connection" "$work/load-1.log"
  "$bin/ingest" load --database-url "$database_url" --city chicago "$file" >"$work/load-2.log" 2>&1
  check "the load completes when run again" test $? -eq 0
fi

# --- totals equal the recount, on both heatmap replicas ----------------------------------------------
say "Chicago 2017 heatmap total through the gateway (cache bypassed)"
total() {
  curl -s --max-time 10 -H 'Cache-Control: no-cache' "$api/api/v1/heatmap?city=chicago&year=2017" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["incidents"])' 2>/dev/null
}
totals_agree() {   # ten answers in a row (the gateway alternates replicas) all equal the recount
  local i
  for i in 1 2 3 4 5 6 7 8 9 10; do [[ $(total) == "$expected" ]] || return 1; done
}
poll 300 totals_agree
check "both heatmap replicas show $expected incidents (got $(total))" totals_agree

# --- a heatmap replica killed during wrk ----------------------------------------------------------------
say "wrk for 20 s against the gateway; one heatmap replica SIGKILLed after 5 s"
wrk -t1 -c16 -d20s --latency -H 'Cache-Control: no-cache' "$api/api/v1/heatmap?city=chicago&year=2017" >"$work/wrk.txt" 2>&1 &
wrk_pid=$!
sleep 5   # lets wrk reach its steady state before the kill (timing of the fault, not an assertion)
kill -KILL "${pid_of[heatmap1]}"
wait "${pid_of[heatmap1]}" 2>/dev/null
echo "    killed heatmap1 (pid ${pid_of[heatmap1]})"
wait "$wrk_pid"
sed 's/^/    /' "$work/wrk.txt"
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
non2xx=$(awk -F: '/Non-2xx/ {gsub(/ /,"",$2); print $2}' "$work/wrk.txt"); non2xx=${non2xx:-0}
socket=$(grep -oE 'Socket errors: .*' "$work/wrk.txt" | grep -oE '[0-9]+' | awk '{n += $1} END {print n + 0}')
echo "    requests: ${requests:-0}, non-2xx: $non2xx, socket errors: $socket, failed: $((non2xx + socket))"
check "wrk: ${requests:-0} requests, 0 failed while a heatmap replica was killed (failed: $((non2xx + socket)))" \
  test "${requests:-0}" -gt 0 -a "$((non2xx + socket))" -eq 0
check "the gateway still answers the total after the kill" test "$(total)" == "$expected"

# --- heatmap leadership: one writer, handed on when it dies ----------------------------------------------
# The heatmap's leader lease names its holder host:pid:random; heatmap1 was killed above, so the
# survivor heatmap0 must hold it now, store the snapshot at the outbox head, and acknowledge it.
heatmap_leader_pid() { psql_ha "select split_part(holder, ':', 2) from heatmap.leader_lease where expires_at > now()"; }
heatmap0_leads() { [[ $(heatmap_leader_pid) == "${pid_of[heatmap0]}" ]]; }
poll 10 heatmap0_leads
check "the surviving heatmap0 (pid ${pid_of[heatmap0]}) holds the leader lease (holder pid: $(heatmap_leader_pid))" heatmap0_leads
outbox_head() { psql_ha "select last_value from ingest.outbox_position_seq"; }
snapshot_at_head() { [[ $(psql_ha "select position from heatmap.consumer_state") == "$(outbox_head)" ]]; }
poll 60 snapshot_at_head
check "the leader's snapshot is at the outbox head ($(outbox_head)): $(psql_ha "select position from heatmap.consumer_state")" snapshot_at_head
acknowledged() { [[ $(psql_ha "select acknowledged_position from ingest.outbox_consumers where consumer = 'heatmap'") == "$(outbox_head)" ]]; }
poll 30 acknowledged
check "ingest recorded the heatmap leader's acknowledgement of that snapshot" acknowledged
finish
