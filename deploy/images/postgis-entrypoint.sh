#!/bin/sh
# Entrypoint of the local PostGIS image (postgis.Dockerfile). Started as root it fixes the data
# folder's owner and re-runs itself as postgres; as postgres it initdb's an empty PGDATA once
# (password, database, postgis extension), then runs `postgres` listening on all interfaces.
set -eu
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
POSTGRES_USER="${POSTGRES_USER:-postgres}"
POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
PGDATA="${PGDATA:-/var/lib/postgresql/data}"
export PGDATA

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /run/postgresql
  chown postgres:postgres "$PGDATA" /run/postgresql
  chmod 0700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ "${1:-postgres}" != postgres ]; then exec "$@"; fi
[ "$#" -gt 0 ] && shift

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "postgis-entrypoint: initialising $PGDATA"
  mkdir -p "$PGDATA"
  chmod 0700 "$PGDATA"
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb --pgdata="$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  # Password auth from anywhere the network lets in (the compose network is internal).
  printf 'host all all all scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
  # Set up over the Unix socket only: no TCP client (nor pg_isready -h) sees it before it is done.
  pg_ctl --pgdata="$PGDATA" --wait --silent -o "-c listen_addresses='' -k /run/postgresql" start
  if [ "$POSTGRES_DB" != postgres ]; then
    psql -v ON_ERROR_STOP=1 -X -q -h /run/postgresql -U "$POSTGRES_USER" -d postgres \
      -c "CREATE DATABASE \"$POSTGRES_DB\""
  fi
  psql -v ON_ERROR_STOP=1 -X -q -h /run/postgresql -U "$POSTGRES_USER" -d "$POSTGRES_DB" \
    -c 'CREATE EXTENSION IF NOT EXISTS postgis'
  pg_ctl --pgdata="$PGDATA" --wait --silent -m fast stop
  echo "postgis-entrypoint: database $POSTGRES_DB ready (user $POSTGRES_USER, postgis)"
fi

exec postgres -D "$PGDATA" -c listen_addresses='*' -k /run/postgresql "$@"
