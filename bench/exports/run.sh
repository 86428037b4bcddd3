#!/bin/sh
# Export downloads (GET /api/v1/export/{view}): time to first byte, total time, bytes and the
# gateway's peak RSS for the largest files a user asks for — every Chicago beat over every loaded
# year (CSV and GeoJSON), a year of grid cells, a month of incidents, Gi* over hex cells — through
# the whole path HTTP → gateway → RPC over a Unix socket → heatmap/ingest. Loads Chicago (YEARS)
# with the release `ingest load`, starts release `ingest`, `heatmap` and `gateway`, waits until
# the heatmap agrees with the ingest recount (bench/gateway/caught_up.py), then runs each curl
# three times and prints the median. Peak RSS (VmHWM) before and after shows the body is
# streamed: it grows by about the reply, not by the file.
#
# Usage: bench/exports/run.sh            (needs a cluster: scripts/pg.sh start DIR --port N)
#   CRIMESCOPE_PG_DIR       cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   YEARS                   Chicago years to load (default 2010 … 2017, every real year)
#   SKIP_BUILD=1            reuse .build/release/{ingest,heatmap,gateway}
set -eu
. "$(dirname "$0")/../lib.sh"
YEARS=${YEARS:-2010 2011 2012 2013 2014 2015 2016 2017}
bench_build ingest heatmap gateway
BIN=.build/release
DB=cs_bench_exports
bench_fresh_database "$DB"
FILES="$DATA/chicago-police-beats/police_beats_current.geojson.gz"
for year in $YEARS; do FILES="$FILES $DATA/chicago-crimes/chicago_crimes_$year.csv.xz"; done
# shellcheck disable=SC2086
"$BIN/ingest" load --database-url "$URL" --city chicago $FILES 2>&1 | grep -E "run [0-9]+ (done|FAILED)" || true
RUN=$(mktemp -d /tmp/cs-exb.XXXXXX)
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN/ingest" serve --listen "unix://$RUN/ingest.sock" --database-url "$URL" --log-level warning 2>"$RUN/ingest.log" &
INGEST_PID=$!
"$BIN/heatmap" serve --listen "unix://$RUN/heatmap.sock" --database-url "$URL" --ingest-endpoint "unix://$RUN/ingest.sock" \
  --log-level warning 2>"$RUN/heatmap.log" &
HEATMAP_PID=$!
"$BIN/gateway" serve --http-port "$PORT" --ingest-endpoint "unix://$RUN/ingest.sock" --heatmap-endpoint "unix://$RUN/heatmap.sock" \
  --predict-endpoint "unix://$RUN/predict.sock" --call-timeout-ms 60000 --log-level warning 2>"$RUN/gateway.log" &
GATEWAY_PID=$!
cleanup() {
  kill "$GATEWAY_PID" "$HEATMAP_PID" "$INGEST_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$RUN"
}
trap cleanup EXIT INT TERM
FIRST=$(echo "$YEARS" | awk '{print $1}')
LAST=$(echo "$YEARS" | awk '{print $NF}')
$PY bench/gateway/caught_up.py "$RUN/heatmap.sock" chicago "$FIRST" "$LAST"
echo "gateway on 127.0.0.1:$PORT; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); gateway peak RSS $(awk '/VmHWM/ {print $2/1024 " MiB"}' /proc/$GATEWAY_PID/status)"
B="http://127.0.0.1:$PORT/api/v1/export"
for path in "heatmap?city=chicago&year_from=$FIRST&year_to=$LAST&format=csv" \
            "heatmap?city=chicago&year_from=$FIRST&year_to=$LAST&format=geojson" \
            "grids?city=chicago&year=$LAST&format=csv" "grids?city=chicago&year=$LAST&format=geojson" \
            "incidents?city=chicago&month=$LAST-07&format=csv" \
            "significance?city=chicago&from=$LAST-01&to=$LAST-12&units=hex&format=geojson"; do
  for i in 1 2 3; do
    curl -fsS -o /dev/null -w "%{time_starttransfer} %{time_total} %{size_download}\n" "$B/$path"
  done | sort -n -k2 | sed -n 2p | awk -v p="$path" '{printf "%-80s first byte %.3f s, total %.3f s, %.1f MB\n", p, $1, $2, $3 / 1e6}'
done
echo "gateway peak RSS after: $(awk '/VmHWM/ {print $2/1024 " MiB"}' /proc/$GATEWAY_PID/status), now $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$GATEWAY_PID/status)"
