#!/bin/sh
# Gateway throughput and latency: wrk on loopback against GET /api/v1/heatmap with the
# nine-year mix of issue 14 (mixed.lua: random single years and the whole range, hour windows,
# ten common crime types), through the whole path HTTP → gateway (its response cache) → RPC over
# a Unix socket → the heatmap service's index. Loads Chicago (YEARS) with the release
# `ingest load`, starts release `ingest`, `heatmap` and `gateway` (predict is not needed: its
# endpoint is never called), waits until the heatmap's rollups agree with the ingest recount
# (its Check RPC, through a tiny Python client), then runs wrk once per connection count.
# The shared data ends at 2017: year 2018 is SYNTHETIC, 2017's rows resampled with jitter by
# bench/synth/resample.py (fixed seed; made once into SYNTH_DIR).
# The last line is the result of the last connection count.
#
# Usage: bench/gateway/run.sh            (needs a cluster: scripts/pg.sh start DIR --port N)
#   CRIMESCOPE_PG_DIR       cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   YEARS                   Chicago years to load (default 2010 … 2018, consecutive)
#   SYNTH_DIR               where the synthetic 2018 file is kept (default /tmp/cs-bench-synth)
#   CONNECTIONS             wrk connection counts to run (default "16 64")
#   MIX                     the wrk script (default bench/gateway/mixed.lua; two-years.lua is the
#                           earlier 100-URL mix over 2016-2017)
#   THREADS                 wrk threads (default 1: the machine has 2 cores and the servers need them)
#   DURATION                seconds per wrk run (default 20)
#   KEEP_DB=1               reuse the database if it exists (no load) and keep it afterwards
#   BENCH_DB, BENCH_BIN     the database (default cs_bench_gateway) and the executables' folder
#                           (default .build/release; bench/growth/run.sh passes both)
#   SKIP_BUILD=1            reuse .build/release/{ingest,heatmap,gateway}
#   PROFILE=1               sample the gateway with `perf record` during each wrk run and print
#                           its hottest symbols (where a request's CPU goes: HTTP, cache, RPC,
#                           JSON, gzip)
#   ONE_URL=1               also run wrk on one URL (every request but the first a cache hit):
#                           the cost of a hit alone
set -eu
. "$(dirname "$0")/../lib.sh"
YEARS=${YEARS:-2010 2011 2012 2013 2014 2015 2016 2017 2018}
SYNTH_DIR=${SYNTH_DIR:-/tmp/cs-bench-synth}
CONNECTIONS=${CONNECTIONS:-16 64}
MIX=${MIX:-bench/gateway/mixed.lua}
THREADS=${THREADS:-1}
DURATION=${DURATION:-20}
command -v wrk >/dev/null || { echo "wrk is missing: scripts/install-deps.sh installs it" >&2; exit 1; }
bench_build ingest heatmap gateway
BIN=${BENCH_BIN:-.build/release}
DB=${BENCH_DB:-cs_bench_gateway}
bench_database "$DB"
EXISTS=$(psql "$ADMIN" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")
if [ "${KEEP_DB:-0}" != 1 ] || [ "$EXISTS" != 1 ]; then
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
  psql "$URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  FILES="$DATA/chicago-police-beats/police_beats_current.geojson.gz"
  for year in $YEARS; do
    if [ "$year" -le 2017 ]; then
      FILES="$FILES $DATA/chicago-crimes/chicago_crimes_$year.csv.xz"
    else
      SYNTH="$SYNTH_DIR/chicago_crimes_${year}_synthetic.csv.xz"
      if [ ! -s "$SYNTH" ]; then
        mkdir -p "$SYNTH_DIR"
        python3 bench/synth/resample.py --year "$year" --data "$DATA" --out "$SYNTH.tmp.csv.xz"
        mv "$SYNTH.tmp.csv.xz" "$SYNTH"
      fi
      FILES="$FILES $SYNTH"
    fi
  done
  # shellcheck disable=SC2086
  "$BIN/ingest" load --database-url "$URL" --city chicago $FILES 2>&1 | grep -E "run [0-9]+ (done|FAILED)" || true
fi
RUN=$(mktemp -d /tmp/cs-gwb.XXXXXX)
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN/ingest" serve --listen "unix://$RUN/ingest.sock" --database-url "$URL" --log-level warning 2>"$RUN/ingest.log" &
INGEST_PID=$!
"$BIN/heatmap" serve --listen "unix://$RUN/heatmap.sock" --database-url "$URL" --ingest-endpoint "unix://$RUN/ingest.sock" \
  --log-level warning 2>"$RUN/heatmap.log" &
HEATMAP_PID=$!
"$BIN/gateway" serve --http-port "$PORT" --ingest-endpoint "unix://$RUN/ingest.sock" --heatmap-endpoint "unix://$RUN/heatmap.sock" \
  --predict-endpoint "unix://$RUN/predict.sock" --log-level warning 2>"$RUN/gateway.log" &
GATEWAY_PID=$!
cleanup() {
  kill "$GATEWAY_PID" "$HEATMAP_PID" "$INGEST_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  [ "${KEEP_DB:-0}" = 1 ] || psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$RUN"
}
trap cleanup EXIT INT TERM
FIRST=$(echo "$YEARS" | awk '{print $1}')
LAST=$(echo "$YEARS" | awk '{print $NF}')
export FIRST_YEAR="$FIRST" LAST_YEAR="$LAST"
$PY bench/gateway/caught_up.py "$RUN/heatmap.sock" chicago "$FIRST" "$LAST"
echo "gateway on 127.0.0.1:$PORT; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg) before wrk"
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/v1/heatmap?city=chicago&year=$LAST"
# CPU ticks (user + system) a process has used so far.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)
for connections in $CONNECTIONS; do
  echo "--- wrk -t$THREADS -c$connections -d${DURATION}s (load $(cut -d' ' -f1-3 /proc/loadavg))"
  GATEWAY_BEFORE=$(ticks "$GATEWAY_PID") HEATMAP_BEFORE=$(ticks "$HEATMAP_PID")
  if [ "${PROFILE:-0}" = 1 ]; then
    perf record -q -F 499 -p "$GATEWAY_PID" -o "$RUN/perf.data" -- sleep $((DURATION - 2)) >/dev/null 2>&1 &
    PERF_PID=$!
  fi
  wrk -t"$THREADS" -c"$connections" -d"${DURATION}s" --timeout 5s -s "$MIX" "http://127.0.0.1:$PORT" \
    | grep -E "^(requests|latency|Non-2xx)" | tee "$RUN/wrk.out"
  if [ "${PROFILE:-0}" = 1 ]; then
    wait "$PERF_PID" || true
    echo "gateway's CPU by library, then its hottest symbols (self time):"
    perf report -q -i "$RUN/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -v '^$' | head -12
    perf report -q -i "$RUN/perf.data" --no-children --sort dso,symbol --stdio 2>/dev/null | grep -v '^$' | head -30 | cut -c1-150
  fi
  REQUESTS=$(awk '/^requests:/ {print $2}' "$RUN/wrk.out")
  awk -v g="$(( $(ticks "$GATEWAY_PID") - GATEWAY_BEFORE ))" -v h="$(( $(ticks "$HEATMAP_PID") - HEATMAP_BEFORE ))" \
    -v n="${REQUESTS:-0}" -v t="$TICK" 'BEGIN { if (n > 0) printf "CPU per 10k requests: gateway %.2f s, heatmap %.2f s\n", g / t * 10000 / n, h / t * 10000 / n }'
  RESULT="gateway, $(basename "$MIX" .lua) over $FIRST-$LAST, $connections connections: $(awk '/^requests:/ {print $7 " req/s"}' "$RUN/wrk.out"), $(awk '/^latency/ {print "p50 " $4 " ms, p99 " $8 " ms"}' "$RUN/wrk.out")"
done
if [ "${ONE_URL:-0}" = 1 ]; then
  echo "--- one URL, wrk -t$THREADS -c64 -d${DURATION}s (load $(cut -d' ' -f1-3 /proc/loadavg))"
  GATEWAY_BEFORE=$(ticks "$GATEWAY_PID") HEATMAP_BEFORE=$(ticks "$HEATMAP_PID")
  wrk -t"$THREADS" -c64 -d"${DURATION}s" --timeout 5s -H "Accept-Encoding: gzip" --latency \
    "http://127.0.0.1:$PORT/api/v1/heatmap?city=chicago&year_from=$FIRST&year_to=$LAST" | grep -E "Requests/sec|  (50|99)%"
  awk -v g="$(( $(ticks "$GATEWAY_PID") - GATEWAY_BEFORE ))" -v h="$(( $(ticks "$HEATMAP_PID") - HEATMAP_BEFORE ))" \
    -v t="$TICK" -v d="$DURATION" 'BEGIN { printf "CPU seconds during the run: gateway %.2f, heatmap %.2f\n", g / t, h / t }'
fi
echo "RSS after: gateway $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$GATEWAY_PID/status), heatmap $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$HEATMAP_PID/status)"
echo "$RESULT"
