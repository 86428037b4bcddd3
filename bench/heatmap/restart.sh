#!/bin/sh
# Heatmap restart: process start → SERVING for a heatmap holding all of Chicago 2010–2018
# (2010–2017 from the shared data, 2018 made by bench/synth/resample.py --year 2018: 2017's rows
# resampled into 2018 with a fixed seed), and its RSS per million incidents. Loads everything with
# the release `ingest load`, lets release `heatmap serve` catch up and store its snapshot, stops it
# (SIGTERM), then starts it RESTARTS times and times each start until its log says "serving"
# (snapshot read and decoded, index built; the outbox after the snapshot is replayed while serving).
#
# Usage: bench/heatmap/restart.sh   (needs a cluster: scripts/pg.sh start "$CRIMESCOPE_PG_DIR")
#   CRIMESCOPE_PG_DIR       cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   RESTARTS                how many timed starts (default 3)
#   KEEP_DB=1               reuse a loaded database (no load) and keep it afterwards
#   BENCH_DB, BENCH_BIN     the database (default cs_bench_restart) and the executables' folder
#                           (default .build/release; bench/growth/run.sh passes both)
#   SKIP_BUILD=1            reuse .build/release/{ingest,heatmap}
set -eu
. "$(dirname "$0")/../lib.sh"
RESTARTS=${RESTARTS:-3}
bench_build ingest heatmap
BIN=${BENCH_BIN:-.build/release}
DB=${BENCH_DB:-cs_bench_restart}
bench_database "$DB"
RUN=$(mktemp -d /tmp/cs-hmr.XXXXXX)
EXISTS=$(psql "$ADMIN" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")
if [ "${KEEP_DB:-0}" != 1 ] || [ "$EXISTS" != 1 ]; then
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
  psql "$URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  "$PY" bench/synth/resample.py --year 2018 --out "$RUN/chicago_crimes_2018.csv"
  FILES=""
  for year in 2010 2011 2012 2013 2014 2015 2016 2017; do FILES="$FILES $DATA/chicago-crimes/chicago_crimes_$year.csv.xz"; done
  # shellcheck disable=SC2086
  "$BIN/ingest" load --database-url "$URL" --city chicago $FILES "$RUN/chicago_crimes_2018.csv" 2>&1 | grep -E "run [0-9]+ (done|FAILED)" || true
fi
INCIDENTS=$(psql "$URL" -tAc "SELECT count(*) FROM ingest.incidents WHERE city = 'chicago'")
LAST=$(psql "$URL" -tAc "SELECT COALESCE(max(position), 0) FROM ingest.outbox")
"$BIN/ingest" serve --listen "unix://$RUN/ingest.sock" --database-url "$URL" --log-level warning 2>"$RUN/ingest.log" &
INGEST_PID=$!
HEATMAP_PID=""
trap 'kill $HEATMAP_PID "$INGEST_PID" 2>/dev/null || true' EXIT
start_heatmap() {
  "$BIN/heatmap" serve --listen "unix://$RUN/heatmap.sock" --database-url "$URL" \
    --ingest-endpoint "unix://$RUN/ingest.sock" --log-level info 2>"$RUN/heatmap.log" &
  HEATMAP_PID=$!
}
start_heatmap
until [ "$(psql "$URL" -tAc "SELECT position FROM heatmap.consumer_state" 2>/dev/null || echo 0)" = "$LAST" ]; do sleep 0.2; done
kill "$HEATMAP_PID"
wait "$HEATMAP_PID" || true
echo "incidents: $INCIDENTS (outbox position $LAST); $(psql "$URL" -tAc "SELECT 'snapshot ' || bytes || ' bytes at ' || position FROM heatmap.index_snapshot")"
echo "machine: $(nproc) cores"
for run in $(seq "$RESTARTS"); do
  START=$(date +%s.%N)
  start_heatmap
  until grep -q "serving" "$RUN/heatmap.log" 2>/dev/null; do sleep 0.01; done
  END=$(date +%s.%N)
  sleep 1
  RSS=$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$HEATMAP_PID/status")
  echo "restart $run: $(echo "$END - $START" | bc) s to SERVING; RSS $RSS MiB = $(echo "scale=1; $RSS * 1000000 / $INCIDENTS" | bc) MiB per million incidents; $(uptime | sed 's/.*load average/load average/')"
  grep "rollup index loaded" "$RUN/heatmap.log" | sed 's/.*crimescope.heatmap: //' | cut -c1-200
  kill "$HEATMAP_PID"
  wait "$HEATMAP_PID" || true
done
kill "$INGEST_PID"
wait "$INGEST_PID" 2>/dev/null || true
trap - EXIT
if [ "${KEEP_DB:-0}" != 1 ]; then psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; fi
rm -rf "$RUN"
