#!/bin/sh
# Several loads at once against the same loads one after another: the 8 Chicago year files
# 2010–2017 (2,440,724 rows), each its own `ingest load` process (one run each), into a fresh
# database with the current beat polygons. Prints the wall time and rows/s of both, and the
# load average (the machine may be shared).
#
# Usage: bench/ingest/concurrent.sh   (needs the cluster of scripts/pg.sh, fsync on for real figures)
#   CRIMESCOPE_PG_DIR, CRIMESCOPE_SHARED_DATA, SKIP_BUILD=1 as in bench/ingest/run.sh
#   INGEST_BIN            the ingest executable (default .build/release/ingest)
#   MODES                 which halves to run (default "concurrent sequential")
set -eu
. "$(dirname "$0")/../lib.sh"
bench_build ingest
BIN=${INGEST_BIN:-.build/release/ingest}
DB=cs_bench_ingest_concurrent
bench_database "$DB"
YEARS="2010 2011 2012 2013 2014 2015 2016 2017"
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT

fresh_database() {
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
  psql "$URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  "$BIN" load --database-url "$URL" --city chicago "$DATA/chicago-police-beats/police_beats_current.geojson.gz" >/dev/null 2>&1
}

report() {
  mode=$1 start=$2 end=$3
  rows=$(psql "$URL" -tAc "SELECT sum(rows_read) FROM ingest.etl_runs WHERE format = 'chicago-csv' AND status = 'succeeded'")
  failed=$(psql "$URL" -tAc "SELECT count(*) FROM ingest.etl_runs WHERE status <> 'succeeded'")
  incidents=$(psql "$URL" -tAc "SELECT count(*) FROM ingest.incidents")
  echo "$mode: rows $rows, incidents $incidents, runs not succeeded $failed, wall $(echo "$end - $start" | bc) s, rows/s $(echo "$rows / ($end - $start)" | bc)"
  echo "$mode: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

for mode in ${MODES:-concurrent sequential}; do
  fresh_database
  echo "$mode: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s.%N)
  if [ "$mode" = concurrent ]; then
    pids=""
    for year in $YEARS; do
      "$BIN" load --database-url "$URL" --city chicago "$DATA/chicago-crimes/chicago_crimes_$year.csv.xz" \
        > "$LOGS/$year.log" 2>&1 &
      pids="$pids $!"
    done
    status=0
    for pid in $pids; do wait "$pid" || status=1; done
    [ $status = 0 ] || { cat "$LOGS"/*.log; exit 1; }
  else
    for year in $YEARS; do
      "$BIN" load --database-url "$URL" --city chicago "$DATA/chicago-crimes/chicago_crimes_$year.csv.xz" \
        > "$LOGS/$year.log" 2>&1 || { cat "$LOGS/$year.log"; exit 1; }
    done
  fi
  end=$(date +%s.%N)
  report "$mode" "$start" "$end"
done
