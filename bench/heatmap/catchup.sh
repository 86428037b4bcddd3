#!/bin/sh
# Heatmap consumer catch-up: the CPU the heatmap's consumption of the outbox costs, per process.
# A database holding all of Chicago 2010–2017 (2,440,724 rows; loaded once with the release
# `ingest load` into cs_bench_catchup and kept) is copied for each run (CREATE DATABASE … TEMPLATE,
# so every run starts from an untouched outbox at heatmap position 0); release `ingest serve` and
# `heatmap serve` (debug log) start on it and the run ends when the heatmap's log says it applied
# the outbox's last position. Prints per run the wall time from the first pull to caught up, the
# CPU seconds of the heatmap, of ingest serve and of the PostgreSQL cluster over the whole run, and
# the mean pull / prepare / apply milliseconds per batch from the debug log `applied outbox batch`.
#
# Usage: bench/heatmap/catchup.sh   (needs a cluster: scripts/pg.sh start "$CRIMESCOPE_PG_DIR")
#   CRIMESCOPE_PG_DIR       cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   RUNS                    how many catch-ups (default 3)
#   RELOAD=1                load cs_bench_catchup again even when it exists
#   BENCH_BIN               the executables' folder (default .build/release; an older build to compare)
#   HEATMAP_ARGS            extra arguments for `heatmap serve`
#   SKIP_BUILD=1            reuse .build/release/{ingest,heatmap}
set -eu
. "$(dirname "$0")/../lib.sh"
RUNS=${RUNS:-3}
bench_build ingest heatmap
BIN=${BENCH_BIN:-.build/release}
SOURCE=cs_bench_catchup
COPY=cs_bench_catchup_run
bench_database "$SOURCE"
SOURCE_URL=$URL
bench_database "$COPY"
RUN=$(mktemp -d /tmp/cs-hmc.XXXXXX)
EXISTS=$(psql "$ADMIN" -tAc "SELECT 1 FROM pg_database WHERE datname = '$SOURCE'")
if [ "${RELOAD:-0}" = 1 ] || [ "$EXISTS" != 1 ]; then
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $SOURCE WITH (FORCE)" -c "CREATE DATABASE $SOURCE" >/dev/null
  psql "$SOURCE_URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  FILES=""
  for year in 2010 2011 2012 2013 2014 2015 2016 2017; do FILES="$FILES $DATA/chicago-crimes/chicago_crimes_$year.csv.xz"; done
  # shellcheck disable=SC2086
  "$BIN/ingest" load --database-url "$SOURCE_URL" --city chicago $FILES 2>&1 | grep -E "run [0-9]+ (done|FAILED)" || true
fi
LAST=$(psql "$SOURCE_URL" -tAc "SELECT max(position) FROM ingest.outbox")
DELTAS=$(psql "$SOURCE_URL" -tAc "SELECT sum(delta_count) FROM ingest.outbox")
echo "outbox: $DELTAS deltas up to position $LAST; machine: $(nproc) cores"
TICKS=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The cluster's CPU ticks: exited children of the postmaster + its live children.
pg_ticks() {
  pm=$(head -1 "$PG_DIR/data/postmaster.pid")
  exited=$(awk '{print $16 + $17}' "/proc/$pm/stat")
  live=0
  for child in $(pgrep -P "$pm"); do live=$((live + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0))); done
  echo $((exited + live))
}
seconds() { echo "scale=2; $1 / $TICKS" | bc; }
INGEST_PID=""
HEATMAP_PID=""
trap 'kill $HEATMAP_PID $INGEST_PID 2>/dev/null || true' EXIT
for run in $(seq "$RUNS"); do
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $COPY WITH (FORCE)" -c "CREATE DATABASE $COPY TEMPLATE $SOURCE" >/dev/null
  rm -f "$RUN"/*.log
  "$BIN/ingest" serve --listen "unix://$RUN/ingest.sock" --database-url "$URL" --log-level warning 2>"$RUN/ingest.log" &
  INGEST_PID=$!
  until [ -S "$RUN/ingest.sock" ]; do sleep 0.05; done
  LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
  PG_BEFORE=$(pg_ticks)
  INGEST_BEFORE=$(ticks "$INGEST_PID")
  START=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$BIN/heatmap" serve --listen "unix://$RUN/heatmap.sock" --database-url "$URL" \
    --ingest-endpoint "unix://$RUN/ingest.sock" --log-level debug ${HEATMAP_ARGS:-} 2>"$RUN/heatmap.log" &
  HEATMAP_PID=$!
  until grep -q "position=$LAST " "$RUN/heatmap.log" 2>/dev/null; do sleep 0.05; done
  END=$(date +%s.%N)
  HEATMAP_CPU=$(ticks "$HEATMAP_PID")
  INGEST_CPU=$(($(ticks "$INGEST_PID") - INGEST_BEFORE))
  PG_CPU=$(($(pg_ticks) - PG_BEFORE))
  kill "$HEATMAP_PID"
  wait "$HEATMAP_PID" || true
  kill "$INGEST_PID"
  wait "$INGEST_PID" || true
  BATCHES=$(grep -c "applied outbox batch" "$RUN/heatmap.log")
  MEANS=$(grep "applied outbox batch" "$RUN/heatmap.log" | awk '{
      for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "pull_ms") p += kv[2]; if (kv[1] == "reduce_ms") r += kv[2]; if (kv[1] == "apply_ms") a += kv[2] }
    } END { printf "%.1f / %.1f / %.1f", p / NR, r / NR, a / NR }')
  SNAPSHOTS=$(grep -c "index snapshot written" "$RUN/heatmap.log" || true)
  echo "run $run: caught up in $(echo "$END - $START" | bc) s (process start to last batch applied, $BATCHES batches);" \
    "CPU s: heatmap $(seconds "$HEATMAP_CPU"), ingest serve $(seconds "$INGEST_CPU"), postgres $(seconds "$PG_CPU");" \
    "pull / prepare / apply per batch $MEANS ms; snapshots written during it: $SNAPSHOTS;" \
    "load average $LOAD_BEFORE -> $(cut -d' ' -f1 /proc/loadavg)"
done
trap - EXIT
psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $COPY WITH (FORCE)" >/dev/null
rm -rf "$RUN"
