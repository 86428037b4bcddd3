-- The ingest service's tables. Runs with search_path `ingest, public` (PostGIS lives in public).
--
-- Times: every incident time is the city's LOCAL WALL-CLOCK time stored as `timestamp without time zone`
-- (chicago: America/Chicago, nyc: America/New_York, uk-*: Europe/London). No zone is ever applied, so
-- 2017-03-12 02:30 (a Chicago DST gap) is stored as written. Audit times (etl_runs, outbox) are timestamptz.

CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public;

-- Area polygons all services agree on: a Chicago beat ('0423'), an NYPD precinct ('75').
CREATE TABLE areas (
    city        text NOT NULL,
    area        text NOT NULL,
    name        text NOT NULL,
    kind        text NOT NULL,
    geom        geometry(MultiPolygon, 4326) NOT NULL,
    loaded_by_run bigint,
    PRIMARY KEY (city, area)
);
CREATE INDEX areas_geom_gist ON areas USING gist (geom);
COMMENT ON TABLE areas IS 'Area polygons (WGS84) keyed by (city, area). Features sharing an id (Chicago beat 3100) are unioned into one MultiPolygon.';

-- The run audit: one row per load, counts updated in the same transaction as each committed batch.
CREATE TABLE etl_runs (
    run_id      bigserial PRIMARY KEY,
    city        text NOT NULL,
    format      text NOT NULL,
    source      text NOT NULL,
    file_path   text,
    full_reload boolean NOT NULL DEFAULT false,
    cursor_before text,
    cursor_after  text,
    rows_read   bigint NOT NULL DEFAULT 0,
    inserted    bigint NOT NULL DEFAULT 0,
    updated     bigint NOT NULL DEFAULT 0,
    unchanged   bigint NOT NULL DEFAULT 0,
    rejected    bigint NOT NULL DEFAULT 0,
    duplicates  bigint NOT NULL DEFAULT 0,
    skipped_by_cursor bigint NOT NULL DEFAULT 0,
    batches     integer NOT NULL DEFAULT 0,
    started_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at timestamptz,
    status      text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
    error       text,
    CONSTRAINT etl_runs_counts_add_up CHECK (rows_read = inserted + updated + unchanged + rejected)
);
CREATE INDEX etl_runs_city ON etl_runs (city, run_id DESC);
COMMENT ON TABLE etl_runs IS 'One row per load run. rows_read = inserted + updated + unchanged + rejected at every commit; unchanged includes in-file duplicates (duplicates) and rows older than the cursor (skipped_by_cursor).';

-- Rows that could not become records, with where and why.
CREATE TABLE rejects (
    run_id      bigint NOT NULL REFERENCES etl_runs (run_id) ON DELETE CASCADE,
    line_number bigint NOT NULL,
    raw_text    text NOT NULL,
    reason      text NOT NULL,
    PRIMARY KEY (run_id, line_number)
);

-- Raw incidents, one per (city, source_key); the latest version of each record.
CREATE TABLE incidents (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    city            text NOT NULL,
    source_key      text NOT NULL,
    occurred        timestamp without time zone NOT NULL,
    month_only      boolean NOT NULL DEFAULT false,
    primary_type    text,
    description     text,
    category        text,
    location_description text,
    arrest          boolean NOT NULL,
    domestic        boolean NOT NULL,
    area            text,
    area_source     text NOT NULL CHECK (area_source IN ('reported', 'spatial', 'none')),
    area_known      boolean NOT NULL,
    district        integer,
    ward            integer,
    community_area  integer,
    lat             double precision,
    lon             double precision,
    block           text,
    iucr            text,
    fbi_code        text,
    lsoa            text,
    updated_on      timestamp without time zone,
    source          text NOT NULL,
    line_number     bigint NOT NULL,
    run_id          bigint NOT NULL,
    UNIQUE (city, source_key),
    CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX incidents_city_occurred ON incidents (city, occurred);
COMMENT ON TABLE incidents IS 'Raw incidents keyed by (city, source_key). Times are the city''s local wall clock (timestamp without time zone): chicago America/Chicago, nyc America/New_York, uk-* Europe/London.';
COMMENT ON COLUMN incidents.occurred IS 'Local wall-clock time of the city (no zone). Month-granular sources (police.uk) store the 1st of the month 00:00 with month_only.';
COMMENT ON COLUMN incidents.updated_on IS 'Source revision time (Chicago Updated On), local wall clock; a version with an older updated_on never replaces a newer one.';
COMMENT ON COLUMN incidents.area_source IS 'reported: the source named the area (Chicago Beat, NYPD ARREST_PRECINCT); spatial: ST_Contains over ingest.areas; none: neither.';
COMMENT ON COLUMN incidents.area_known IS 'Whether (city, area) exists in ingest.areas; false for reported ids without a polygon (pre-2012-12-18 Chicago beats).';

-- Incremental cursors: per (city, source) the newest value of the source's cursor field already loaded.
CREATE TABLE source_cursors (
    city        text NOT NULL,
    source      text NOT NULL,
    field       text NOT NULL,
    value       timestamp without time zone NOT NULL,
    run_id      bigint NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city, source)
);
COMMENT ON TABLE source_cursors IS 'Advanced only when a run succeeds. Local wall-clock values (Updated On, arrest day, month).';

-- The outbox: what changed, in commit order. One entry holds at most 10,000 changed records'
-- deltas as parallel arrays (so PullOutbox reads whole entries with one index range scan); a
-- batch writes its entries in the transaction that changes the incidents. Positions are taken
-- under a transaction-level advisory lock, so they increase in commit order.
CREATE TABLE outbox (
    position      bigserial PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    run_id        bigint NOT NULL,
    city          text NOT NULL,
    delta_count   integer NOT NULL,
    signs         smallint[] NOT NULL,
    areas         text[] NOT NULL,
    primary_types text[] NOT NULL,
    categories    text[] NOT NULL,
    occurred      timestamp without time zone[] NOT NULL,
    month_only    boolean[] NOT NULL,
    arrests       boolean[] NOT NULL,
    domestic      boolean[] NOT NULL,
    has_location  boolean[] NOT NULL,
    lons          double precision[] NOT NULL,
    lats          double precision[] NOT NULL
);
COMMENT ON TABLE outbox IS 'Incident deltas for the heatmap service: +1 per insert, -1 old / +1 new per update whose aggregated fields changed. occurred is local wall-clock time.';
