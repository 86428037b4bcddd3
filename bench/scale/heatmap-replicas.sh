#!/bin/sh
# Gateway throughput with 1 and with 2 heatmap replicas behind it (issue 15): one ingest, two
# release heatmap replicas on TCP loopback, and two release gateways, one calling heatmap replica
# A only, the other balancing over A and B (comma-separated endpoint list). wrk asks GET
# /api/v1/heatmap?city=chicago&year=2017 with `Cache-Control: no-cache`, so every request crosses
# HTTP -> gateway -> RPC -> heatmap (the gateway's response cache would otherwise answer it).
# Runs alternate 1, 2, 1, 2 … so the shared machine's load falls on both alike. Data: the bundled
# Chicago 2017 file (267,792 incidents) and the beats.
#
# Usage: bench/scale/heatmap-replicas.sh   (needs a cluster: scripts/pg.sh start DIR --port N)
#   CRIMESCOPE_PG_DIR  cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   ROUNDS             runs per setting (default 3)
#   CONNECTIONS        wrk connections (default 16); THREADS wrk threads (default 1)
#   DURATION           seconds per run (default 15)
#   SKIP_BUILD=1       reuse .build/release/{ingest,heatmap,gateway}
#   NETNS=1            run each heatmap replica in its own network namespace (root; `ip netns`),
#                      reached over a veth pair (10.231.1.2 and 10.231.2.2) instead of loopback;
#                      they reach ingest and PostgreSQL through Unix sockets
set -eu
. "$(dirname "$0")/../lib.sh"
ROUNDS=${ROUNDS:-3}; CONNECTIONS=${CONNECTIONS:-16}; THREADS=${THREADS:-1}; DURATION=${DURATION:-15}
bench_build ingest heatmap gateway
BIN=.build/release
DB=cs_bench_scale
bench_fresh_database "$DB"
"$BIN/ingest" load --database-url "$URL" --city chicago demo-data/chicago/police_beats_current.geojson.gz \
  demo-data/chicago/chicago_crimes_2017.csv.xz 2>&1 | grep -E "run [0-9]+ (done|FAILED)" || true
RUN=$(mktemp -d /tmp/cs-scb.XXXXXX)
free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PIDS=""
start() { "$@" --log-level warning 2>>"$RUN/services.log" & PIDS="$PIDS $!"; LAST=$!; }
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system clock ticks so far
trap 'kill $PIDS 2>/dev/null; wait 2>/dev/null; psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; rm -rf "$RUN"; [ "${NETNS:-0}" = 1 ] && { ip netns del cs-heatmap-a; ip netns del cs-heatmap-b; } 2>/dev/null' EXIT
HOST_A=127.0.0.1; HOST_B=127.0.0.1; IN_A=""; IN_B=""; HEATMAP_DB=$URL
if [ "${NETNS:-0}" = 1 ]; then
  for n in a b; do
    net=$([ "$n" = a ] && echo 1 || echo 2)
    ip netns add "cs-heatmap-$n"
    ip link add "cs-veth-$n" type veth peer name eth0 netns "cs-heatmap-$n"
    ip addr add "10.231.$net.1/24" dev "cs-veth-$n"; ip link set "cs-veth-$n" up
    ip netns exec "cs-heatmap-$n" ip addr add "10.231.$net.2/24" dev eth0
    ip netns exec "cs-heatmap-$n" ip link set eth0 up
    ip netns exec "cs-heatmap-$n" ip link set lo up
  done
  HOST_A=10.231.1.2; HOST_B=10.231.2.2; IN_A="ip netns exec cs-heatmap-a"; IN_B="ip netns exec cs-heatmap-b"
  # Inside a namespace 127.0.0.1 is its own: PostgreSQL through its Unix socket instead.
  HEATMAP_DB="postgresql:///$DB?host=$(cd "$PG_DIR/run" && pwd)&port=$(cat "$PG_DIR/port")&user=postgres"
fi
start "$BIN/ingest" serve --listen "unix://$RUN/ingest.sock" --database-url "$URL"
A=$(free_port); B=$(free_port); G1=$(free_port); G2=$(free_port)
start $IN_A "$BIN/heatmap" serve --listen "tcp://$HOST_A:$A" --database-url "$HEATMAP_DB" --ingest-endpoint "unix://$RUN/ingest.sock"
HA=$LAST
start $IN_B "$BIN/heatmap" serve --listen "tcp://$HOST_B:$B" --database-url "$HEATMAP_DB" --ingest-endpoint "unix://$RUN/ingest.sock"
HB=$LAST
start "$BIN/gateway" serve --http-port "$G1" --ingest-endpoint "unix://$RUN/ingest.sock" \
  --heatmap-endpoint "tcp://$HOST_A:$A" --predict-endpoint "unix://$RUN/none.sock"
GW1=$LAST
start "$BIN/gateway" serve --http-port "$G2" --ingest-endpoint "unix://$RUN/ingest.sock" \
  --heatmap-endpoint "tcp://$HOST_A:$A,tcp://$HOST_B:$B" --predict-endpoint "unix://$RUN/none.sock"
GW2=$LAST
total() { curl -s -H 'Cache-Control: no-cache' "http://127.0.0.1:$1/api/v1/heatmap?city=chicago&year=2017" \
  | $PY -c 'import json,sys; print(json.load(sys.stdin)["total"]["incidents"])' 2>/dev/null || true; }
# Both replicas caught up: ten answers in a row through the balancing gateway say 267792.
caught_up() { for i in 1 2 3 4 5 6 7 8 9 10; do [ "$(total "$G2")" = 267792 ] || return 1; done; }
until caught_up && [ "$(total "$G1")" = 267792 ]; do sleep 0.5; done
echo "uptime: $(uptime)"
for round in $(seq "$ROUNDS"); do
  for setting in 1 2; do
    port=$G1; gw=$GW1; [ "$setting" = 2 ] && port=$G2 && gw=$GW2
    before="$(cpu "$gw") $(cpu "$HA") $(cpu "$HB")"
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -H 'Cache-Control: no-cache' \
      "http://127.0.0.1:$port/api/v1/heatmap?city=chicago&year=2017")
    after="$(cpu "$gw") $(cpu "$HA") $(cpu "$HB")"
    rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
    n=$(printf '%s\n' "$out" | awk '/requests in/ {print $1}')
    # CPU milliseconds per request in the gateway and in each heatmap replica (100 ticks/s).
    per=$(echo "$before $after" | awk -v n="$n" '{printf "gateway %.3f, heatmap A %.3f, heatmap B %.3f", ($4-$1)*10/n, ($5-$2)*10/n, ($6-$3)*10/n}')
    echo "round $round: $setting heatmap replica(s): $rps req/s; CPU ms/request: $per"
  done
done
echo "uptime: $(uptime)"
