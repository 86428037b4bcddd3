#!/bin/sh
# Patroni's post_bootstrap hook (first member only): the application role and database with
# PostGIS. Patroni passes a superuser connection string as $1; the password comes from the
# container's CRIMESCOPE_DB_PASSWORD.
set -eu
: "${CRIMESCOPE_DB_PASSWORD:?set CRIMESCOPE_DB_PASSWORD}"
psql -X -v ON_ERROR_STOP=1 -v password="$CRIMESCOPE_DB_PASSWORD" "$1" <<'SQL'
CREATE ROLE crimescope LOGIN PASSWORD :'password';
CREATE DATABASE crimescope OWNER crimescope;
\connect crimescope
CREATE EXTENSION IF NOT EXISTS postgis;
SQL
