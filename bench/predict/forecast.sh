#!/bin/sh
# Predict: the weekly beat forecast. Loads the bundled demo data (demo-data/chicago: the current
# beats and Chicago 2017) with the release `ingest load` (or, with YEARS, those years of the shared
# data), starts release `ingest serve` and `heatmap serve` on Unix sockets and waits for the
# heatmap's catch-up, times `predict train-forecast` (series and shapes by RPC from the heatmap,
# four direct Poisson boosters, test-week PAI/PEI/hit rate/MAE with bootstrap intervals against the
# simple rule strongest on the validation weeks (docs/FORECAST.md),
# saved and cached; prints its report), then starts `predict serve` and runs forecast.py
# (Forecast for every beat with every SHAP contribution, one connection, sequential calls).
#
# Usage: bench/predict/forecast.sh [calls]   (needs a cluster: scripts/pg.sh)
#   CRIMESCOPE_PG_DIR       cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   YEARS                   shared Chicago years to load instead of demo-data (e.g. "2014 2015 2016 2017")
#   THREADS                 training threads (default 1)
#   KEEP_DB=1               reuse the database if it exists (no load) and keep it afterwards
#   SKIP_BUILD=1            reuse .build/release/{ingest,heatmap,predict}
#   SKIP_TRAIN=1            keep the forecast already current in the database
set -eu
. "$(dirname "$0")/../lib.sh"
THREADS=${THREADS:-1}
CALLS=${1:-500}
bench_build ingest heatmap predict
BIN=.build/release
DB=cs_bench_forecast
bench_database "$DB"
EXISTS=$(psql "$ADMIN" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")
if [ "${KEEP_DB:-0}" != 1 ] || [ "$EXISTS" != 1 ]; then
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
  psql "$URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  "$BIN/ingest" load --database-url "$URL" --city chicago demo-data/chicago/police_beats_current.geojson.gz 2>&1 \
    | grep -E "run [0-9]+ (done|FAILED)" || true
  if [ -n "${YEARS:-}" ]; then
    FILES=""
    for year in $YEARS; do FILES="$FILES $DATA/chicago-crimes/chicago_crimes_$year.csv.xz"; done
  else
    FILES=demo-data/chicago/chicago_crimes_2017.csv.xz
  fi
  # shellcheck disable=SC2086
  "$BIN/ingest" load --database-url "$URL" --city chicago $FILES 2>&1 | grep -E "run [0-9]+ (done|FAILED)" || true
fi
LAST=$(psql "$URL" -tAc "SELECT COALESCE(max(position), 0) FROM ingest.outbox")
RUN=$(mktemp -d /tmp/cs-fcb.XXXXXX)
"$BIN/ingest" serve --listen "unix://$RUN/ingest.sock" --database-url "$URL" --log-level warning 2>"$RUN/ingest.log" &
INGEST_PID=$!
"$BIN/heatmap" serve --listen "unix://$RUN/heatmap.sock" --database-url "$URL" \
  --ingest-endpoint "unix://$RUN/ingest.sock" --log-level info 2>"$RUN/heatmap.log" &
HEATMAP_PID=$!
trap 'kill "$HEATMAP_PID" "$INGEST_PID" ${PREDICT_PID:-} 2>/dev/null || true' EXIT
until [ "$(psql "$URL" -tAc "SELECT position FROM heatmap.consumer_state" 2>/dev/null || echo 0)" = "$LAST" ] \
  && grep -q "serving" "$RUN/heatmap.log"; do sleep 0.2; done
echo "heatmap caught up (outbox position $LAST); load average before training: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${SKIP_TRAIN:-0}" != 1 ]; then
  START=$(date +%s.%N)
  "$BIN/predict" train-forecast --city chicago --database-url "$URL" --heatmap-endpoint "unix://$RUN/heatmap.sock" --threads "$THREADS"
  END=$(date +%s.%N)
  echo "predict train-forecast (series by RPC + train + evaluate + save + cache): $(echo "$END - $START" | bc) s wall; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
"$BIN/predict" serve --listen "unix://$RUN/predict.sock" --database-url "$URL" --log-level warning \
  --ingest-endpoint "unix://$RUN/ingest.sock" --heatmap-endpoint "unix://$RUN/heatmap.sock" 2>"$RUN/predict.log" &
PREDICT_PID=$!
until [ -S "$RUN/predict.sock" ]; do sleep 0.2; done
"$PY" bench/predict/forecast.py "unix://$RUN/predict.sock" "$CALLS"
echo "load average after the calls: $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$PREDICT_PID" "$HEATMAP_PID" "$INGEST_PID"
wait "$PREDICT_PID" "$HEATMAP_PID" "$INGEST_PID" 2>/dev/null || true
trap - EXIT
if [ "${KEEP_DB:-0}" != 1 ]; then psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; fi
rm -rf "$RUN"
