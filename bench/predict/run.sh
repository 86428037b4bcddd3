#!/bin/sh
# Predict: time to train the four per-incident models on Chicago (rows from a running ingest over
# RPC; with YEARS 2012 … 2017 the split is train 2012–2015 = 1,182,080 rows, validate 2016, test
# 2017), their test metrics, and Predict latency (all four models with every SHAP contribution)
# through the RPC over a Unix socket. Loads the years with the release `ingest load`, starts
# release `ingest serve`, runs `predict train` (timed), then `predict serve` and bench.py.
#
# Usage: bench/predict/run.sh [calls]   (needs a cluster: scripts/pg.sh)
#   CRIMESCOPE_PG_DIR       cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   YEARS                   Chicago years to load (default "2012 … 2017")
#   THREADS                 training threads (default 2)
#   KEEP_DB=1               reuse the database if it exists (no load) and keep it afterwards
#   SKIP_BUILD=1            reuse .build/release/{ingest,predict}
#   SKIP_TRAIN=1            keep the models already current in the database
set -eu
. "$(dirname "$0")/../lib.sh"
YEARS=${YEARS:-2012 2013 2014 2015 2016 2017}
THREADS=${THREADS:-2}
CALLS=${1:-1000}
bench_build ingest predict
BIN=.build/release
DB=cs_bench_predict
bench_database "$DB"
EXISTS=$(psql "$ADMIN" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")
if [ "${KEEP_DB:-0}" != 1 ] || [ "$EXISTS" != 1 ]; then
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
  psql "$URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  FILES=""
  for year in $YEARS; do FILES="$FILES $DATA/chicago-crimes/chicago_crimes_$year.csv.xz"; done
  # shellcheck disable=SC2086
  "$BIN/ingest" load --database-url "$URL" --city chicago $FILES 2>&1 | grep -E "run [0-9]+ (done|FAILED)" || true
fi
RUN=$(mktemp -d /tmp/cs-pdb.XXXXXX)
"$BIN/ingest" serve --listen "unix://$RUN/ingest.sock" --database-url "$URL" --log-level warning 2>"$RUN/ingest.log" &
INGEST_PID=$!
trap 'kill "$INGEST_PID" ${PREDICT_PID:-} 2>/dev/null || true' EXIT
until [ -S "$RUN/ingest.sock" ]; do sleep 0.2; done
echo "load average before training: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${SKIP_TRAIN:-0}" != 1 ]; then
  START=$(date +%s.%N)
  "$BIN/predict" train --city chicago --database-url "$URL" --ingest-endpoint "unix://$RUN/ingest.sock" --threads "$THREADS"
  END=$(date +%s.%N)
  echo "predict train (fetch by RPC + train four models + save): $(echo "$END - $START" | bc) s wall; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
# The heatmap endpoint is only used by the forecast; nothing listens there in this benchmark.
"$BIN/predict" serve --listen "unix://$RUN/predict.sock" --database-url "$URL" --log-level warning \
  --ingest-endpoint "unix://$RUN/ingest.sock" --heatmap-endpoint "unix://$RUN/heatmap.sock" 2>"$RUN/predict.log" &
PREDICT_PID=$!
until [ -S "$RUN/predict.sock" ]; do sleep 0.2; done
echo "predict RSS with the four models: $(awk '/VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$PREDICT_PID/status")"
"$PY" bench/predict/bench.py "unix://$RUN/predict.sock" "$CALLS"
kill "$PREDICT_PID" "$INGEST_PID"
wait "$PREDICT_PID" "$INGEST_PID" 2>/dev/null || true
trap - EXIT
if [ "${KEEP_DB:-0}" != 1 ]; then psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; fi
rm -rf "$RUN"
