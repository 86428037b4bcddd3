#!/bin/sh
# Full load of Chicago 2010–2017 (8 xz files, 2,440,724 rows) plus the current beat polygons into a
# fresh database, with areas assigned and the outbox written, using the release `ingest` binary.
# Prints rows/s per file and overall, the peak RSS of the loading process (/usr/bin/time -v), the load
# average, and the CPU seconds used by `ingest load` (with its xz children) and by the PostgreSQL
# cluster (its exited backends, read from the postmaster's cutime/cstime, plus the live background
# processes): on a shared machine wall time depends on the neighbours, CPU per row much less.
#
# Usage: bench/ingest/run.sh            (from anywhere; needs the test cluster: scripts/pg.sh)
#   CRIMESCOPE_PG_DIR     cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   SKIP_BUILD=1          reuse .build/release/ingest
#   INGEST_BIN            another ingest executable (e.g. an older build, to compare)
set -eu
. "$(dirname "$0")/../lib.sh"
bench_build ingest
BIN=${INGEST_BIN:-.build/release/ingest}
ADMIN=$(scripts/pg.sh url "$PG_DIR")
DB=cs_bench_ingest
psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
URL=$(printf '%s' "$ADMIN" | sed "s#/[^/?]*\$#/$DB#")
psql "$URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
"$BIN" load --database-url "$URL" --city chicago "$DATA/chicago-police-beats/police_beats_current.geojson.gz"
FILES=""
for year in 2010 2011 2012 2013 2014 2015 2016 2017; do FILES="$FILES $DATA/chicago-crimes/chicago_crimes_$year.csv.xz"; done
# CPU ticks of the cluster: exited children of the postmaster + its live children (checkpointer, walwriter, …).
PGDATA_DIR=$PG_DIR/data
pg_ticks() {
  pm=$(head -1 "$PGDATA_DIR/postmaster.pid")
  awk '{print $16 + $17}' "/proc/$pm/stat" | {
    read -r exited
    live=0
    for child in $(pgrep -P "$pm"); do live=$((live + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0))); done
    echo $((exited + live))
  }
}
TICKS=$(getconf CLK_TCK)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
PG_BEFORE=$(pg_ticks)
START=$(date +%s.%N)
# shellcheck disable=SC2086
/usr/bin/time -v "$BIN" load --database-url "$URL" --city chicago $FILES 2> /tmp/ingest-bench.stderr || { cat /tmp/ingest-bench.stderr; exit 1; }
END=$(date +%s.%N)
PG_AFTER=$(pg_ticks)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "run [0-9]+ (done|FAILED)" /tmp/ingest-bench.stderr
ROWS=$(psql "$URL" -tAc "SELECT sum(rows_read) FROM ingest.etl_runs WHERE format = 'chicago-csv' AND status = 'succeeded'")
echo "rows: $ROWS"
echo "wall: $(echo "$END - $START" | bc) s"
echo "rows/s: $(echo "$ROWS / ($END - $START)" | bc)"
grep -E "Maximum resident set size|Percent of CPU|Elapsed" /tmp/ingest-bench.stderr
INGEST_CPU=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' /tmp/ingest-bench.stderr)
echo "CPU s: ingest load (with xz) $INGEST_CPU, postgres $(echo "scale=1; ($PG_AFTER - $PG_BEFORE) / $TICKS" | bc)"
psql "$URL" -tAc "SELECT 'incidents ' || count(*) || ', area_source ' || string_agg(DISTINCT area_source, '/') || ', unknown beats ' || count(*) FILTER (WHERE NOT area_known) FROM ingest.incidents"
psql "$URL" -tAc "SELECT 'outbox entries ' || count(*) || ', deltas ' || sum(delta_count) FROM ingest.outbox"
psql "$URL" -tAc "SELECT 'database size ' || pg_size_pretty(pg_database_size(current_database()))"
uptime
