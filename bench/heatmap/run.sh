#!/bin/sh
# Heatmap RPC latency on Chicago 2010–2017 (2,440,724 rows) and 36 months of Metropolitan Police
# burglaries (2015-01 … 2017-12): loads them with the release `ingest` binary (`ingest load`), starts
# release `ingest serve` and `heatmap serve --ingest-endpoint` on Unix sockets, times the heatmap's
# outbox catch-up (or its start-up on an already consumed database: the newest index snapshot
# loaded; the wait ends when a snapshot at the last position is stored) and reports its RSS, then runs
# bench.py (one connection, sequential calls): GetBeatHeatmap over a mix of filters, then
# GetWindowHeatmap per granularity, GetYearGrids, GetHexHotspots and GetSeries
# (calls-per-combination / 5 calls each, at least 20).
#
# Usage: bench/heatmap/run.sh [calls-per-combination]   (needs a cluster: scripts/pg.sh)
#   CRIMESCOPE_PG_DIR       cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   YEARS                   Chicago years to load (default "2010 … 2017")
#   MET_MONTHS              Met burglary months to load (default 2015-01 … 2017-12)
#   KEEP_DB=1               reuse the database if it exists (no load) and keep it afterwards
#   RESET_HEATMAP=1         drop the heatmap schema first, so the catch-up is timed from scratch
#   SKIP_BUILD=1            reuse .build/release/{ingest,heatmap}
#   BENCH_ARGS              extra arguments for bench.py (e.g. "--skip-beat")
set -eu
. "$(dirname "$0")/../lib.sh"
YEARS=${YEARS:-2010 2011 2012 2013 2014 2015 2016 2017}
if [ -z "${MET_MONTHS:-}" ]; then
  MET_MONTHS=$(for y in 2015 2016 2017; do for m in 01 02 03 04 05 06 07 08 09 10 11 12; do printf '%s-%s ' $y $m; done; done)
fi
CALLS=${1:-1000}
bench_build ingest heatmap
BIN=.build/release
DB=cs_bench_heatmap
bench_database "$DB"
EXISTS=$(psql "$ADMIN" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")
if [ "${KEEP_DB:-0}" != 1 ] || [ "$EXISTS" != 1 ]; then
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
  psql "$URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  FILES=""
  for year in $YEARS; do FILES="$FILES $DATA/chicago-crimes/chicago_crimes_$year.csv.xz"; done
  # shellcheck disable=SC2086
  "$BIN/ingest" load --database-url "$URL" --city chicago $FILES 2>&1 | grep -E "run [0-9]+ (done|FAILED)" || true
  FILES=""
  for month in $MET_MONTHS; do FILES="$FILES $DATA/uk-police-met-burglary/$month-metropolitan-street.csv.xz"; done
  # shellcheck disable=SC2086
  "$BIN/ingest" load --database-url "$URL" --city uk-metropolitan $FILES 2>&1 | grep -cE "run [0-9]+ done" \
    | sed 's/$/ Met months loaded/'
fi
if [ "${RESET_HEATMAP:-0}" = 1 ]; then
  psql "$URL" -qc "DROP SCHEMA IF EXISTS heatmap CASCADE" 2>/dev/null
fi
LAST=$(psql "$URL" -tAc "SELECT COALESCE(max(position), 0) FROM ingest.outbox")
RUN=$(mktemp -d /tmp/cs-hmb.XXXXXX)
"$BIN/ingest" serve --listen "unix://$RUN/ingest.sock" --database-url "$URL" --log-level warning 2>"$RUN/ingest.log" &
INGEST_PID=$!
START=$(date +%s.%N)
"$BIN/heatmap" serve --listen "unix://$RUN/heatmap.sock" --database-url "$URL" \
  --ingest-endpoint "unix://$RUN/ingest.sock" --log-level info 2>"$RUN/heatmap.log" &
HEATMAP_PID=$!
trap 'kill "$HEATMAP_PID" "$INGEST_PID" 2>/dev/null || true' EXIT
until [ "$(psql "$URL" -tAc "SELECT position FROM heatmap.consumer_state" 2>/dev/null || echo 0)" = "$LAST" ] \
  && grep -q "serving" "$RUN/heatmap.log"; do sleep 0.2; done
END=$(date +%s.%N)
DELTAS=$(psql "$URL" -tAc "SELECT sum(delta_count) FROM ingest.outbox")
echo "outbox: $DELTAS deltas up to position $LAST; heatmap serving and caught up $(echo "$END - $START" | bc) s after start"
grep 'rollup index loaded' "$RUN/heatmap.log" | cut -c1-200 || true
echo "heatmap RSS: $(awk '/VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$HEATMAP_PID/status") (peak $(awk '/VmHWM/ {print $2 / 1024 " MiB"}' "/proc/$HEATMAP_PID/status"))"
echo "index snapshot: $(psql "$URL" -tAc "SELECT position || ' position, ' || bytes || ' bytes' FROM heatmap.index_snapshot")"
# shellcheck disable=SC2086
"$PY" bench/heatmap/bench.py "unix://$RUN/heatmap.sock" "$CALLS" ${BENCH_ARGS:-}
kill "$HEATMAP_PID" "$INGEST_PID"
wait "$HEATMAP_PID" "$INGEST_PID" 2>/dev/null || true
trap - EXIT
if [ "${KEEP_DB:-0}" != 1 ]; then psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; fi
rm -rf "$RUN"
