#!/bin/sh
# Predict latency A/B: an older `predict` binary against .build/release/predict, both serving the
# current models of the bench database (bench/predict/run.sh KEEP_DB=1 leaves it), one ingest
# service, bench.py run alternately against each, ROUNDS times.
#
# Usage: bench/predict/ab.sh OLD_PREDICT_BINARY [calls]   (e.g. a copy of .build/release/predict
#        saved before rebuilding)
#   CRIMESCOPE_PG_DIR  cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   ROUNDS             alternations (default 3)
set -eu
cd "$(dirname "$0")/../.."
OLD=${1:?usage: bench/predict/ab.sh OLD_PREDICT_BINARY [calls]}
CALLS=${2:-1000}
ADMIN=$(scripts/pg.sh url "${CRIMESCOPE_PG_DIR:-/tmp/cs-pg}")
URL=$(printf '%s' "$ADMIN" | sed "s#/[^/?]*\$#/cs_bench_predict#")
RUN=$(mktemp -d /tmp/cs-pab.XXXXXX)
.build/release/ingest serve --listen "unix://$RUN/ingest.sock" --database-url "$URL" --log-level warning 2>"$RUN/ingest.log" &
INGEST_PID=$!
trap 'kill "$INGEST_PID" ${OLD_PID:-} ${NEW_PID:-} 2>/dev/null || true' EXIT
for which in old new; do
  binary=$OLD
  [ "$which" = new ] && binary=.build/release/predict
  "$binary" serve --listen "unix://$RUN/$which.sock" --database-url "$URL" --log-level warning \
    --ingest-endpoint "unix://$RUN/ingest.sock" --heatmap-endpoint "unix://$RUN/heatmap.sock" 2>"$RUN/$which.log" &
  if [ "$which" = old ]; then OLD_PID=$!; else NEW_PID=$!; fi
done
until [ -S "$RUN/old.sock" ] && [ -S "$RUN/new.sock" ]; do sleep 0.2; done
round=1
while [ "$round" -le "${ROUNDS:-3}" ]; do
  for which in old new; do
    echo "round $round $which (load average $(cut -d' ' -f1 /proc/loadavg))"
    .build-venv/bin/python bench/predict/bench.py "unix://$RUN/$which.sock" "$CALLS" | tail -1
  done
  round=$((round + 1))
done
kill "$INGEST_PID" "$OLD_PID" "$NEW_PID"
wait "$INGEST_PID" "$OLD_PID" "$NEW_PID" 2>/dev/null || true
trap - EXIT
rm -rf "$RUN"
