# The bench scripts' shared preamble, sourced as `. "$(dirname "$0")/../lib.sh"`: the repository
# root becomes the working directory, and these are set:
#   PG_DIR  the scratch cluster of scripts/pg.sh (CRIMESCOPE_PG_DIR, default /tmp/cs-pg)
#   DATA    the shared data folder (CRIMESCOPE_SHARED_DATA, default ../shared/data beside the package)
#   PY      the test virtualenv's python (scripts/install-deps.sh makes it)
# and `bench_build PRODUCT…` builds release executables unless SKIP_BUILD=1;
# `bench_database NAME` sets ADMIN (the cluster's admin URL) and URL (database NAME on it);
# `bench_fresh_database NAME` does the same after dropping NAME and creating it anew with PostGIS.
cd "$(dirname "$0")/../.."
PG_DIR=${CRIMESCOPE_PG_DIR:-/tmp/cs-pg}
DATA=${CRIMESCOPE_SHARED_DATA:-$(cd .. && pwd)/shared/data}
PY=.build-venv/bin/python

bench_build() {
  [ "${SKIP_BUILD:-0}" = 1 ] && return 0
  for product in "$@"; do
    swift build -c release --product "$product" 2>&1 | grep -E "error|Build complete" | tail -1
  done
}

bench_database() {
  ADMIN=$(scripts/pg.sh url "$PG_DIR")
  URL=$(printf '%s' "$ADMIN" | sed "s#/[^/?]*\$#/$1#")
}

bench_fresh_database() {
  bench_database "$1"
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
  psql "$URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
}
