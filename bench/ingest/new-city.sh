#!/bin/sh
# A new city added file by file to a database that already holds all of Chicago 2010–2017
# (2,440,724 rows): ten successive monthly Met burglary files (uk-metropolitan, 2017-01 … 2017-10),
# then the three West Yorkshire files (uk-west-yorkshire), each its own `ingest load` run, as a
# user adding a city month by month does. Prints seconds and rows/s per file and, last, the
# Met files' median rate and how far the slowest and fastest file are from it: flat (±30 %) means
# the tenth file loads as fast as the first.
#
# Before migration 0004 the stored-version lookup of a city whose statistics were taken when it had
# no rows scanned all of the city's rows per staged row: each file slower than the one before.
#
# Usage: bench/ingest/new-city.sh          (needs the test cluster: scripts/pg.sh)
#   CRIMESCOPE_PG_DIR       cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   SKIP_BUILD=1            reuse .build/release/ingest
#   REUSE_CHICAGO=1         keep the database if it already holds Chicago (repeat runs)
set -eu
. "$(dirname "$0")/../lib.sh"
bench_build ingest
BIN=.build/release/ingest
DB=cs_bench_new_city
bench_database "$DB"
has_chicago=0
if [ "${REUSE_CHICAGO:-0}" = 1 ] && psql "$URL" -tAc "SELECT 1" >/dev/null 2>&1; then
  [ "$(psql "$URL" -tAc "SELECT count(*) > 2400000 FROM ingest.incidents WHERE city = 'chicago'")" = t ] && has_chicago=1
fi
if [ "$has_chicago" = 1 ]; then
  psql "$URL" -qc "DELETE FROM ingest.incidents WHERE city <> 'chicago'" -c "DELETE FROM ingest.etl_runs WHERE city <> 'chicago'" \
    -c "DELETE FROM ingest.source_cursors WHERE city <> 'chicago'" -c "ANALYZE ingest.incidents" >/dev/null
  echo "reusing $DB with Chicago 2010-2017"
else
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
  psql "$URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  "$BIN" load --database-url "$URL" --city chicago "$DATA/chicago-police-beats/police_beats_current.geojson.gz" >/dev/null 2>&1
  FILES=""
  for year in 2010 2011 2012 2013 2014 2015 2016 2017; do FILES="$FILES $DATA/chicago-crimes/chicago_crimes_$year.csv.xz"; done
  echo "loading Chicago 2010-2017 …"
  # shellcheck disable=SC2086
  "$BIN" load --database-url "$URL" --city chicago $FILES >/dev/null 2>&1
  # The statistics a user has after the load: autovacuum's own analyze (forced here, not waited for).
  psql "$URL" -qc "ANALYZE ingest.incidents" >/dev/null
fi
echo "chicago rows: $(psql "$URL" -tAc "SELECT count(*) FROM ingest.incidents WHERE city = 'chicago'")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# load_one CITY FILE: one run; prints the file, its rows, the run's own seconds (etl_runs: started
# to succeeded, what GET /api/v1/ingest/runs shows) with its rows/s, and the whole command's
# seconds (process start, connection, and the statistics upkeep after the run, see
# CityStatistics); appends the run's rows/s to $RATES.
RATES=$(mktemp)
load_one() {
  start=$(date +%s.%N)
  "$BIN" load --database-url "$URL" --city "$1" "$2" >/dev/null 2>/tmp/new-city-bench.stderr || { cat /tmp/new-city-bench.stderr; exit 1; }
  end=$(date +%s.%N)
  set -- "$1" "$2" $(psql "$URL" -tAc "SELECT rows_read, extract(epoch FROM finished_at - started_at) FROM ingest.etl_runs WHERE city = '$1' ORDER BY run_id DESC LIMIT 1" | tr '|' ' ')
  rate=$(echo "$3 / $4" | bc)
  printf '%-40s %7s rows  run %5.2f s %8s rows/s  command %5.2f s\n' "$(basename "$2")" "$3" "$4" "$rate" "$(echo "$end - $start" | bc)"
  echo "$rate" >> "$RATES"
}

echo "--- uk-metropolitan, ten monthly files, one run each"
for month in 01 02 03 04 05 06 07 08 09 10; do
  load_one uk-metropolitan "$DATA/uk-police-met-burglary/2017-$month-metropolitan-street.csv.xz"
done
# Flat: every file's rate within ±30 % of the median file's.
MET=$(sort -n "$RATES" | awk '{r[NR] = $1} END {m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2;
  printf "median %d rows/s, slowest %+.0f %%, fastest %+.0f %% of the median", m, (r[1] / m - 1) * 100, (r[NR] / m - 1) * 100}')
: > "$RATES"
echo "--- uk-west-yorkshire, three files, one run each"
for month in 2016-07 2017-07 2018-07; do
  load_one uk-west-yorkshire "$DATA/uk-police-west-yorkshire/$month-west-yorkshire-street.csv.xz"
done
rm -f "$RATES"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "met monthly files: $MET"
