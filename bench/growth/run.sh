#!/bin/sh
# The growth curve of issue 14: a synthetic Chicago of N incidents for each N in SIZES (real
# 2010–2017 rows resampled over 2010–2018 with spatial and temporal jitter by
# bench/synth/resample.py --rows N, fixed seed, one plain CSV per year), and for each:
#   1. load to visible, as bench/e2e/run.sh: one `ingest load` of the nine files into an empty
#      database while release `ingest serve` and `heatmap serve` run, timed by bench/e2e/watch.py
#      from the start of the load until the heatmap is at the load's last outbox position (every
#      view answers from that index; the views' totals are then checked against ingest's table);
#   2. heatmap RPC latency: bench/heatmap/bench.py (GetBeatHeatmap over a mix of years, ranges,
#      types and hours, then the other views) on the same running heatmap;
#   3. restart to SERVING and RSS: bench/heatmap/restart.sh on that database (KEEP_DB=1);
#   4. HTTP: bench/gateway/run.sh on that database (KEEP_DB=1, the nine-year mix, 64 connections);
# then drops the database and deletes the files before the next size. The executables are built
# once (bench_build) and copied, so every size runs the same build even if .build changes.
# Each size's row replaces the row of the same size in CSV; bench/growth/plot.py draws the PNG.
#
# Usage: bench/growth/run.sh   (needs a cluster: scripts/pg.sh start "$CRIMESCOPE_PG_DIR")
#   CRIMESCOPE_PG_DIR       cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   SIZES                   incidents per synthetic city (default "2500000 10000000 25000000")
#   GROWTH_DIR              where the files and the copied executables go (default /tmp/cs-growth)
#   JOBS                    generator processes (default 2)
#   CALLS                   bench.py calls per GetBeatHeatmap combination (default 200)
#   DURATION                seconds of wrk (default 20)
#   CSV, PNG                results (default docs/growth-curve.csv, docs/growth-curve.png)
#   KEEP_FILES=1            keep the generated files (they are reused when present)
#   SKIP_BUILD=1            reuse the executables copied to GROWTH_DIR/bin by an earlier run (or
#                           .build/release's if there are none)
# Needs about 0.19 GB of files and 0.6 GB of database per million incidents (25M: 4.7 + 14.3 GB;
# the files are deleted once loaded, unless KEEP_FILES=1), and ~1.5 GiB of heatmap RSS at 25M.
set -eu
. "$(dirname "$0")/../lib.sh"
SIZES=${SIZES:-2500000 10000000 25000000}
GROWTH_DIR=${GROWTH_DIR:-/tmp/cs-growth}
JOBS=${JOBS:-2}
CALLS=${CALLS:-200}
DURATION=${DURATION:-20}
CSV=${CSV:-docs/growth-curve.csv}
PNG=${PNG:-docs/growth-curve.png}
DB=cs_bench_growth
# The executables are copied once with the commit they were built from (+local: with uncommitted
# changes under Sources/ or Package.*); SKIP_BUILD=1 reuses that copy when it exists.
BIN=$GROWTH_DIR/bin
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -s "$BIN/commit" ]; then
  bench_build ingest heatmap gateway
  mkdir -p "$BIN"
  cp .build/release/ingest .build/release/heatmap .build/release/gateway "$BIN/"
  echo "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Package.swift Package.resolved || echo "+local")" >"$BIN/commit"
fi
COMMIT=$(cat "$BIN/commit")
HEADER="incidents_target,incidents,commit,measured_utc,generate_s,ingest_load_s,visible_s,load_to_visible_rows_per_s,max_lag_s,views_match,heatmap_rss_after_load_mib,database_mib,rpc_beat_p50_ms,rpc_beat_p99_ms,restart_s,restart_rss_mib,rss_mib_per_million,http_req_per_s,http_p50_ms,http_p99_ms,load_avg_load,load_avg_restart,load_avg_http"
[ -s "$CSV" ] || echo "$HEADER" >"$CSV"
load_avg() { cut -d' ' -f1 /proc/loadavg; }
# key=value from watch.py's output (a line may hold several).
value() { tr ' ' '\n' <"$2" | sed -n "s/^$1=//p" | head -1; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); commit $COMMIT"

measure() {
  N=$1
  FILES_DIR=$GROWTH_DIR/rows-$N
  GENERATE=0
  if [ ! -e "$FILES_DIR/complete" ]; then
    rm -rf "$FILES_DIR"
    START=$(date +%s.%N)
    "$PY" bench/synth/resample.py --rows "$N" --out-dir "$FILES_DIR" --jobs "$JOBS" --data "$DATA"
    GENERATE=$(echo "$(date +%s.%N) - $START" | bc | xargs printf '%.1f')
    touch "$FILES_DIR/complete"
  fi
  echo "=== $N incidents: files $(du -sh "$FILES_DIR" | cut -f1) (generated in ${GENERATE} s; $(df -h / | awk 'NR == 2 {print $4}') free)"
  bench_fresh_database "$DB"
  RUN=$(mktemp -d /tmp/cs-growth-run.XXXXXX)
  "$BIN/ingest" serve --listen "unix://$RUN/ingest.sock" --database-url "$URL" --log-level warning 2>"$RUN/ingest.log" &
  INGEST_PID=$!
  "$BIN/heatmap" serve --listen "unix://$RUN/heatmap.sock" --database-url "$URL" \
    --ingest-endpoint "unix://$RUN/ingest.sock" --log-level info 2>"$RUN/heatmap.log" &
  HEATMAP_PID=$!
  trap 'kill "$HEATMAP_PID" "$INGEST_PID" 2>/dev/null || true' EXIT
  until grep -q "serving" "$RUN/heatmap.log" 2>/dev/null && [ -S "$RUN/ingest.sock" ]; do sleep 0.1; done
  LOAD_BEFORE=$(load_avg)
  "$PY" bench/e2e/watch.py "unix://$RUN/heatmap.sock" "$URL" chicago -- \
    "$BIN/ingest" load --database-url "$URL" --city chicago "$FILES_DIR"/chicago_synthetic_*.csv >"$RUN/load.txt"
  LOAD_AFTER=$(load_avg)
  cat "$RUN/load.txt"  # with ingest's line per file: rows and seconds of each year
  [ "${KEEP_FILES:-0}" = 1 ] || rm -rf "$FILES_DIR"
  RSS_LOADED=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$HEATMAP_PID/status")
  LAST=$(value last_position "$RUN/load.txt")
  # The restart bench times a start from a snapshot at the last position (no replay).
  until [ "$(psql "$URL" -tAc "SELECT COALESCE(max(position), 0) FROM heatmap.index_snapshot")" = "$LAST" ]; do sleep 0.5; done
  "$PY" bench/heatmap/bench.py "unix://$RUN/heatmap.sock" "$CALLS" >"$RUN/rpc.txt"
  grep -E "GetBeatHeatmap|GetWindowHeatmap 1 y \(|GetYearGrids 2017|GetSeries" "$RUN/rpc.txt" || true
  kill "$HEATMAP_PID" "$INGEST_PID"
  wait "$HEATMAP_PID" "$INGEST_PID" 2>/dev/null || true
  trap - EXIT
  DATABASE_MIB=$(psql "$URL" -tAc "SELECT pg_database_size(current_database()) / 1048576")
  BENCH_DB=$DB BENCH_BIN=$BIN KEEP_DB=1 SKIP_BUILD=1 RESTARTS=3 sh bench/heatmap/restart.sh | tee "$RUN/restart.txt"
  BENCH_DB=$DB BENCH_BIN=$BIN KEEP_DB=1 SKIP_BUILD=1 CONNECTIONS=64 DURATION=$DURATION sh bench/gateway/run.sh | tee "$RUN/http.txt"
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
  ROWS=$(value ingest_rows "$RUN/load.txt")
  VISIBLE=$(value visible_seconds "$RUN/load.txt")
  # | GetBeatHeatmap, all combinations | calls | p50 | p99 | max |
  RPC=$(awk -F'|' '/GetBeatHeatmap, all combinations/ {gsub(/ /, ""); print $4 "," $5}' "$RUN/rpc.txt")
  # restart k: S s to SERVING; RSS R MiB = P MiB per million incidents; load average: a, b, c
  RESTART=$(sed -n 's/^restart [0-9]*: \([0-9.]*\) s to SERVING.*/\1/p' "$RUN/restart.txt" | sort -n | awk '{v[NR] = $1} END {printf "%.2f", v[int((NR + 1) / 2)]}')
  RESTART_RSS=$(sed -n 's/^restart [0-9]*: .*RSS \([0-9.]*\) MiB = \([0-9.]*\) MiB per million.*/\1,\2/p' "$RUN/restart.txt" | tail -1)
  RESTART_LOAD=$(sed -n 's/^restart [0-9]*: .*load average: \([0-9.]*\),.*/\1/p' "$RUN/restart.txt" | tail -1)
  # gateway, mixed over 2010-2018, 64 connections: R req/s, p50 A ms, p99 B ms
  HTTP=$(tail -1 "$RUN/http.txt" | sed -n 's/.*connections: \([0-9.]*\) req\/s, p50 \([0-9.]*\) ms, p99 \([0-9.]*\) ms.*/\1,\2,\3/p')
  HTTP_LOAD=$(sed -n 's/^--- wrk .*(load \([0-9.]*\) .*/\1/p' "$RUN/http.txt" | tail -1)
  ROW="$N,$ROWS,$COMMIT,$(date -u +%Y-%m-%dT%H:%MZ),$GENERATE,$(value load_seconds "$RUN/load.txt"),$VISIBLE,$(echo "$ROWS / $VISIBLE" | bc),$(value max_lag_seconds "$RUN/load.txt"),$(value views_match "$RUN/load.txt"),$RSS_LOADED,$DATABASE_MIB,$RPC,$RESTART,$RESTART_RSS,$HTTP,$LOAD_BEFORE-$LOAD_AFTER,$RESTART_LOAD,$HTTP_LOAD"
  awk -F, -v n="$N" 'NR == 1 || $1 != n' "$CSV" >"$RUN/csv" && echo "$ROW" >>"$RUN/csv"
  { head -1 "$RUN/csv"; tail -n +2 "$RUN/csv" | sort -t, -k1,1n; } >"$CSV"
  rm -rf "$RUN"
  echo "growth $N: load-to-visible $(echo "$ROWS / $VISIBLE" | bc) rows/s; restart $RESTART s, RSS ${RESTART_RSS%,*} MiB; RPC beat p50/p99 $RPC ms; HTTP $HTTP (req/s, p50, p99 ms)"
}

for N in $SIZES; do measure "$N"; done
"$PY" bench/growth/plot.py "$CSV" "$PNG"
echo "wrote $CSV and $PNG"
