#!/bin/sh
# The West Yorkshire files as a user adds them: one after another through the gateway's
# POST /api/v1/ingest/loads (wait: true), into the database bench/ingest/new-city.sh left (all of
# Chicago 2010–2017 and Met burglary 2017-01…10), with the statistics taken before the city
# existed. Prints each file's seconds as the HTTP client sees them. Starts its own release
# `ingest` and `gateway` (the heatmap and predict endpoints point nowhere: loads need neither).
#
# Usage: bench/ingest/new-city.sh first, then bench/ingest/new-city-api.sh   (SKIP_BUILD=1 to reuse)
set -eu
. "$(dirname "$0")/../lib.sh"
bench_build ingest gateway
ADMIN=$(scripts/pg.sh url "$PG_DIR")
URL=$(printf '%s' "$ADMIN" | sed "s#/[^/?]*\$#/cs_bench_new_city#")
psql "$URL" -qc "DELETE FROM ingest.incidents WHERE city = 'uk-west-yorkshire'" -c "DELETE FROM ingest.etl_runs WHERE city = 'uk-west-yorkshire'" \
  -c "DELETE FROM ingest.source_cursors WHERE city = 'uk-west-yorkshire'" -c "ANALYZE ingest.incidents" >/dev/null
echo "incidents stored: $(psql "$URL" -tAc "SELECT string_agg(city || ' ' || n, ', ') FROM (SELECT city, count(*) n FROM ingest.incidents GROUP BY city) c")"
echo "planner's rows for uk-west-yorkshire: $(psql "$URL" -tAc "EXPLAIN SELECT 1 FROM ingest.incidents WHERE city = 'uk-west-yorkshire'" | head -1 | sed 's/.*rows=\([0-9]*\).*/\1/')"
dir=$(mktemp -d /tmp/cs-new-city-api.XXXX)
PORT=${PORT:-18555}
CRIMESCOPE_WRITE_TOKEN=bench .build/release/ingest serve --listen "unix://$dir/ingest.sock" --database-url "$URL" >"$dir/ingest.log" 2>&1 &
INGEST=$!
.build/release/gateway serve --http-port "$PORT" --ingest-endpoint "unix://$dir/ingest.sock" --heatmap-endpoint "unix://$dir/none.sock" \
  --predict-endpoint "unix://$dir/none.sock" --call-timeout-ms 600000 >"$dir/gateway.log" 2>&1 &
GATEWAY=$!
trap 'kill $GATEWAY $INGEST 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
for month in 2016-07 2017-07 2018-07; do
  file="$DATA/uk-police-west-yorkshire/$month-west-yorkshire-street.csv.xz"
  start=$(date +%s.%N)
  reply=$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/ingest/loads" -H "Authorization: Bearer bench" -H 'Content-Type: application/json' \
    -d "{\"city\":\"uk-west-yorkshire\",\"path\":\"$file\",\"source\":\"police-uk-csv\",\"wait\":true}")
  end=$(date +%s.%N)
  printf '%s: %.2f s  %s\n' "$month" "$(echo "$end - $start" | bc)" \
    "$(printf '%s' "$reply" | "$PY" -c 'import json,sys; r=json.load(sys.stdin)["run"]; print(r["status"], "read", r["read"], "inserted", r["inserted"])')"
done
