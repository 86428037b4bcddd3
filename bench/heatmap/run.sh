#!/bin/sh
# GetBeatHeatmap latency on Chicago 2010–2017 (2,440,724 rows): loads the years with the release
# `ingest` binary into a fresh database, starts release `ingest serve` and `heatmap serve
# --ingest-endpoint` on Unix sockets, times the heatmap's outbox catch-up, then runs bench.py
# (one connection, sequential calls, a mix of filters) and prints p50/p99 per combination, then a
# second table for GetWindowHeatmap per granularity, GetYearGrids, GetHexHotspots and GetSeries
# (calls-per-combination / 5 calls each, at least 20).
#
# Usage: bench/heatmap/run.sh [calls-per-combination]   (needs the test cluster: scripts/pg.sh)
#   CRIMESCOPE_PG_DIR       cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   YEARS                   years to load (default "2010 … 2017")
#   SKIP_BUILD=1            reuse .build/release/{ingest,heatmap}
set -eu
cd "$(dirname "$0")/../.."
PG_DIR=${CRIMESCOPE_PG_DIR:-/tmp/cs-pg}
DATA=${CRIMESCOPE_SHARED_DATA:-$(cd .. && pwd)/shared/data}
YEARS=${YEARS:-2010 2011 2012 2013 2014 2015 2016 2017}
CALLS=${1:-1000}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  for product in ingest heatmap; do
    swift build -c release --product "$product" 2>&1 | grep -E "error|Build complete" | tail -1
  done
fi
BIN=.build/release
PY=.build-venv/bin/python
ADMIN=$(scripts/pg.sh url "$PG_DIR")
DB=cs_bench_heatmap
psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
URL=$(printf '%s' "$ADMIN" | sed "s#/[^/?]*\$#/$DB#")
psql "$URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
RUN=$(mktemp -d /tmp/cs-hmb.XXXXXX)
FILES=""
for year in $YEARS; do FILES="$FILES $DATA/chicago-crimes/chicago_crimes_$year.csv.xz"; done
# shellcheck disable=SC2086
"$BIN/ingest" load --database-url "$URL" --city chicago $FILES 2>&1 | grep -E "run [0-9]+ (done|FAILED)" || true
LAST=$(psql "$URL" -tAc "SELECT COALESCE(max(position), 0) FROM ingest.outbox")
"$BIN/ingest" serve --listen "unix://$RUN/ingest.sock" --database-url "$URL" --log-level warning 2>"$RUN/ingest.log" &
INGEST_PID=$!
START=$(date +%s.%N)
"$BIN/heatmap" serve --listen "unix://$RUN/heatmap.sock" --database-url "$URL" \
  --ingest-endpoint "unix://$RUN/ingest.sock" --log-level warning 2>"$RUN/heatmap.log" &
HEATMAP_PID=$!
trap 'kill "$HEATMAP_PID" "$INGEST_PID" 2>/dev/null || true' EXIT
until [ "$(psql "$URL" -tAc "SELECT position FROM heatmap.consumer_state" 2>/dev/null || echo 0)" = "$LAST" ]; do sleep 0.2; done
END=$(date +%s.%N)
DELTAS=$(psql "$URL" -tAc "SELECT sum(delta_count) FROM ingest.outbox")
echo "outbox: $DELTAS deltas up to position $LAST; heatmap caught up in $(echo "$END - $START" | bc) s (incl. start-up)"
echo "rollup rows: $(psql "$URL" -tAc "SELECT count(*) FROM heatmap.beat_rollup")"
"$PY" bench/heatmap/bench.py "unix://$RUN/heatmap.sock" "$CALLS"
kill "$HEATMAP_PID" "$INGEST_PID"
wait "$HEATMAP_PID" "$INGEST_PID" 2>/dev/null || true
trap - EXIT
psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
rm -rf "$RUN"
