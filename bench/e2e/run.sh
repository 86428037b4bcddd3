#!/bin/sh
# Load to visible: all of Chicago 2010–2017 (2,440,724 rows) through one `ingest load` into an
# empty database while release `ingest serve` and `heatmap serve` run on Unix sockets, timed
# from the start of the load until the heatmap's index (which answers every view: beat, window,
# grids, hex, series) is at the load's last outbox position. watch.py samples the heatmap's lag
# behind ingest's commits every ~50 ms while the load runs and checks the views' totals against
# ingest's table at the end. With REVISE=1 it then reloads 2017 revised by revise.py (25 % of the
# rows with a later `Updated On`, an hour later and the arrest flag flipped) and times that too.
#
# Usage: bench/e2e/run.sh   (needs a cluster: scripts/pg.sh start "$CRIMESCOPE_PG_DIR")
#   CRIMESCOPE_PG_DIR       cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   YEARS                   Chicago years to load (default "2010 … 2017")
#   REVISE=1                also time the revised reload of 2017
#   SKIP_BUILD=1            reuse .build/release/{ingest,heatmap}
#   BENCH_BIN               the executables' folder (default .build/release)
#   HEATMAP_BIN             another heatmap executable (default $BENCH_BIN/heatmap; an older build to compare)
#   HEATMAP_ARGS            extra arguments for `heatmap serve` (e.g. "--outbox-batch-deltas 50000")
# Last line: `load-to-visible rows/s: N` (of the first load).
set -eu
. "$(dirname "$0")/../lib.sh"
YEARS=${YEARS:-2010 2011 2012 2013 2014 2015 2016 2017}
bench_build ingest heatmap
BIN=${BENCH_BIN:-.build/release}
DB=cs_bench_e2e
bench_fresh_database "$DB"
RUN=$(mktemp -d /tmp/cs-e2e.XXXXXX)
"$BIN/ingest" serve --listen "unix://$RUN/ingest.sock" --database-url "$URL" --log-level warning 2>"$RUN/ingest.log" &
INGEST_PID=$!
# shellcheck disable=SC2086
"${HEATMAP_BIN:-$BIN/heatmap}" serve --listen "unix://$RUN/heatmap.sock" --database-url "$URL" \
  --ingest-endpoint "unix://$RUN/ingest.sock" --log-level info ${HEATMAP_ARGS:-} 2>"$RUN/heatmap.log" &
HEATMAP_PID=$!
trap 'kill "$HEATMAP_PID" "$INGEST_PID" 2>/dev/null || true' EXIT
until grep -q "serving" "$RUN/heatmap.log" 2>/dev/null && [ -S "$RUN/ingest.sock" ]; do sleep 0.1; done
FILES=""
for year in $YEARS; do FILES="$FILES $DATA/chicago-crimes/chicago_crimes_$year.csv.xz"; done
echo "machine: $(nproc) cores; $(uptime | sed 's/.*load average/load average/') before the load"
# shellcheck disable=SC2086
"$PY" bench/e2e/watch.py "unix://$RUN/heatmap.sock" "$URL" chicago -- \
  "$BIN/ingest" load --database-url "$URL" --city chicago $FILES | tee "$RUN/first.txt"
echo "$(uptime | sed 's/.*load average/load average/') after the load"
# CPU seconds since start (on a shared machine wall time depends on the neighbours, CPU much less).
cpu() { echo "scale=2; $(awk '{print $14 + $15}' "/proc/$1/stat") / $(getconf CLK_TCK)" | bc; }
echo "CPU s until visible: heatmap $(cpu "$HEATMAP_PID"), ingest serve $(cpu "$INGEST_PID")"
echo "heatmap RSS: $(awk '/VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$HEATMAP_PID/status") (peak $(awk '/VmHWM/ {print $2 / 1024 " MiB"}' "/proc/$HEATMAP_PID/status"))"
until grep -q "index snapshot written" "$RUN/heatmap.log"; do sleep 0.2; done
grep "index snapshot written" "$RUN/heatmap.log" | tail -1 | cut -c1-240
if [ "${REVISE:-0}" = 1 ]; then
  REVISED="$RUN/chicago_crimes_2017_revised.csv"
  "$PY" bench/e2e/revise.py "$DATA/chicago-crimes/chicago_crimes_2017.csv.xz" "$REVISED"
  "$PY" bench/e2e/watch.py "unix://$RUN/heatmap.sock" "$URL" chicago -- \
    "$BIN/ingest" load --database-url "$URL" --city chicago "$REVISED" | tee "$RUN/revised.txt"
  REVISED_ROWS=$(($(wc -l <"$REVISED") - 1))
  REVISED_SECONDS=$(sed -n 's/^visible_seconds=//p' "$RUN/revised.txt")
  echo "revision rows: $REVISED_ROWS; $(uptime | sed 's/.*load average/load average/')"
  echo "CPU s until the revision is visible (since start): heatmap $(cpu "$HEATMAP_PID"), ingest serve $(cpu "$INGEST_PID")"
  echo "revision load-to-visible rows/s: $(echo "$REVISED_ROWS / $REVISED_SECONDS" | bc)"
fi
kill "$HEATMAP_PID" "$INGEST_PID"
wait "$HEATMAP_PID" "$INGEST_PID" 2>/dev/null || true
trap - EXIT
ROWS=$(sed -n 's/^ingest_rows=\([0-9]*\).*/\1/p' "$RUN/first.txt")
SECONDS_VISIBLE=$(sed -n 's/^visible_seconds=//p' "$RUN/first.txt")
psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
rm -rf "$RUN"
echo "load-to-visible rows/s: $(echo "$ROWS / $SECONDS_VISIBLE" | bc)"
