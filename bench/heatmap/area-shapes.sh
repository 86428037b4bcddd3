#!/bin/sh
# GetAreaShapes latency on a heatmap leader and a follower (issue 15): Chicago's current police
# beats and NYC's precincts loaded with the release `ingest load`; release `ingest serve`, a heatmap
# leader, then a follower (started once the leader leads), on Unix sockets. area_shapes.py times,
# per city: the follower before the leader copied the city (ListAreas + the read-only simplify),
# the leader's first call (copy), the leader from its copy, the follower from the copy.
#
# Usage: bench/heatmap/area-shapes.sh [calls]   (needs a cluster: scripts/pg.sh; default 50 calls)
#   CRIMESCOPE_PG_DIR       cluster folder for scripts/pg.sh (default /tmp/cs-pg)
#   CRIMESCOPE_SHARED_DATA  data folder (default ../shared/data next to the package)
#   SKIP_BUILD=1            reuse .build/release/{ingest,heatmap}
set -eu
. "$(dirname "$0")/../lib.sh"
CALLS=${1:-50}
bench_build ingest heatmap
BIN=.build/release
bench_fresh_database cs_bench_area_shapes
"$BIN/ingest" load --database-url "$URL" --city chicago "$DATA/chicago-police-beats/police_beats_current.geojson.gz" 2>&1 | grep -E "run [0-9]+ (done|FAILED)"
"$BIN/ingest" load --database-url "$URL" --city nyc "$DATA/nypd-precincts/police_precincts.geojson.gz" 2>&1 | grep -E "run [0-9]+ (done|FAILED)"
RUN=$(mktemp -d /tmp/cs-hmas.XXXXXX)
"$BIN/ingest" serve --listen "unix://$RUN/ingest.sock" --database-url "$URL" --log-level warning 2>"$RUN/ingest.log" &
INGEST_PID=$!
"$BIN/heatmap" serve --listen "unix://$RUN/leader.sock" --database-url "$URL" \
  --ingest-endpoint "unix://$RUN/ingest.sock" --log-level info 2>"$RUN/leader.log" &
LEADER_PID=$!
FOLLOWER_PID=""
trap 'kill $FOLLOWER_PID "$LEADER_PID" "$INGEST_PID" 2>/dev/null || true; rm -rf "$RUN"' EXIT
until grep -q "became heatmap leader" "$RUN/leader.log"; do sleep 0.2; done
"$BIN/heatmap" serve --listen "unix://$RUN/follower.sock" --database-url "$URL" \
  --ingest-endpoint "unix://$RUN/ingest.sock" --log-level info 2>"$RUN/follower.log" &
FOLLOWER_PID=$!
until grep -q "serving" "$RUN/follower.log"; do sleep 0.2; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
"$PY" bench/heatmap/area_shapes.py "unix://$RUN/leader.sock" "unix://$RUN/follower.sock" "$CALLS"
