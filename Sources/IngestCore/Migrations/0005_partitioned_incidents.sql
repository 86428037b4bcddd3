-- Incidents partitioned by city (LIST), then by the year of `occurred` (RANGE), with the record key
-- kept in its own table.
--
-- A unique index on a partitioned table must contain the partition columns, so (city, source_key)
-- alone cannot be unique on the partitioned incidents, and a revision may move an incident to
-- another year (another partition). The key therefore lives in `incident_keys`: one row per
-- (city, source_key) with the incident's id and its current `occurred`. A load finds a stored
-- version with one probe of the key's unique index (the same "C"-collation index as migration
-- 0004's) and one probe of the (occurred, id) index of the single (city, year) partition that
-- `occurred` names (run-time partition pruning). A revision that changes `occurred` moves the row between year
-- partitions (UPDATE does that) and rewrites the key's `occurred`; the id never changes.
--
-- Partitions are created on demand by `ensure_incident_partition(city, year)`, which a load calls
-- for the years of a batch before the batch's transaction (under the city's lock): the DDL's lock
-- on the city's table is then held for a moment, not for a whole batch. Plain PostgreSQL
-- partitioning: pg_partman would add an extension and a background worker to pre-create time
-- partitions on a schedule, but these partitions follow the data (a city's first row of 2003 creates
-- its 2003 table, whenever it arrives), which one small function does.
--
-- An existing database migrates in place: the rows are copied into the partitions (ids kept), the
-- keys filled from them, and the old table dropped, in this migration's transaction.

ALTER TABLE incidents RENAME TO incidents_unpartitioned;
ALTER INDEX incidents_pkey RENAME TO incidents_unpartitioned_pkey;
ALTER INDEX incidents_city_source_key RENAME TO incidents_unpartitioned_city_source_key;
ALTER INDEX incidents_city_occurred RENAME TO incidents_unpartitioned_city_occurred;

CREATE SEQUENCE incident_ids;
SELECT setval('incident_ids', COALESCE((SELECT max(id) FROM incidents_unpartitioned), 0) + 1, false);

CREATE TABLE incidents (
    id              bigint NOT NULL DEFAULT nextval('incident_ids'),
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
    area_source     text NOT NULL CONSTRAINT incidents_area_source_check CHECK (area_source IN ('reported', 'spatial', 'none')),
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
    CONSTRAINT incidents_check CHECK ((lat IS NULL) = (lon IS NULL))
) PARTITION BY LIST (city);
ALTER SEQUENCE incident_ids OWNED BY incidents.id;
COMMENT ON TABLE incidents IS 'Raw incidents, one per (city, source_key) (the key is unique in incident_keys), partitioned by city, then by year of occurred. Times are the city''s local wall clock (timestamp without time zone): chicago America/Chicago, nyc America/New_York, uk-* Europe/London.';
COMMENT ON COLUMN incidents.occurred IS 'Local wall-clock time of the city (no zone); its year picks the partition. Month-granular sources (police.uk) store the 1st of the month 00:00 with month_only.';
COMMENT ON COLUMN incidents.updated_on IS 'Source revision time (Chicago Updated On), local wall clock; a version with an older updated_on never replaces a newer one.';
COMMENT ON COLUMN incidents.area_source IS 'reported: the source named the area (Chicago Beat, NYPD ARREST_PRECINCT); spatial: ST_Contains over ingest.areas; none: neither.';
COMMENT ON COLUMN incidents.area_known IS 'Whether (city, area) exists in ingest.areas; false for reported ids without a polygon (pre-2012-12-18 Chicago beats).';

-- The record key: exactly one row per (city, source_key), naming the incident and its partition.
CREATE TABLE incident_keys (
    city        text NOT NULL,
    source_key  text NOT NULL,
    id          bigint NOT NULL,
    occurred    timestamp without time zone NOT NULL
);
COMMENT ON TABLE incident_keys IS 'One row per incident key: its id and its current occurred (which names the year partition). Lookups by key compare in COLLATE "C" so that only the unique index can serve them.';

-- Creates city's LIST partition (itself partitioned by year) and its year's RANGE partition when
-- missing. Names: incidents_<city>, incidents_<city>_<year> (dashes as underscores: slugs have no
-- underscores, so names stay distinct; a long slug is shortened and given a hash to fit 63 bytes).
CREATE FUNCTION ensure_incident_partition(p_city text, p_year integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    stem text := 'incidents_' || replace(p_city, '-', '_');
BEGIN
    IF length(stem) > 50 THEN
        stem := left(stem, 40) || '_' || left(md5(p_city), 8);
    END IF;
    IF to_regclass(format('ingest.%I', stem)) IS NULL THEN
        EXECUTE format('CREATE TABLE ingest.%I PARTITION OF ingest.incidents FOR VALUES IN (%L) PARTITION BY RANGE (occurred)',
                       stem, p_city);
    END IF;
    IF to_regclass(format('ingest.%I', stem || '_' || p_year)) IS NULL THEN
        EXECUTE format('CREATE TABLE ingest.%I PARTITION OF ingest.%I FOR VALUES FROM (%L) TO (%L)',
                       stem || '_' || p_year, stem,
                       make_timestamp(p_year, 1, 1, 0, 0, 0), make_timestamp(p_year + 1, 1, 1, 0, 0, 0));
    END IF;
END
$$;
COMMENT ON FUNCTION ensure_incident_partition(text, integer) IS 'Creates the incidents partitions of (city, year) when missing; a load calls it for its batch''s years before the batch.';

SELECT ensure_incident_partition(city, year)
FROM (SELECT DISTINCT city, extract(year FROM occurred)::integer AS year FROM incidents_unpartitioned) present;

INSERT INTO incidents (id, city, source_key, occurred, month_only, primary_type, description, category,
                       location_description, arrest, domestic, area, area_source, area_known, district, ward,
                       community_area, lat, lon, block, iucr, fbi_code, lsoa, updated_on, source, line_number, run_id)
SELECT id, city, source_key, occurred, month_only, primary_type, description, category,
       location_description, arrest, domestic, area, area_source, area_known, district, ward,
       community_area, lat, lon, block, iucr, fbi_code, lsoa, updated_on, source, line_number, run_id
FROM incidents_unpartitioned;
INSERT INTO incident_keys (city, source_key, id, occurred)
SELECT city, source_key, id, occurred FROM incidents_unpartitioned;
DROP TABLE incidents_unpartitioned;

-- Indexes after the rows: one build per partition instead of row-by-row maintenance.
CREATE UNIQUE INDEX incident_keys_city_source_key ON incident_keys (city COLLATE "C", source_key COLLATE "C");
COMMENT ON INDEX incident_keys_city_source_key IS 'The record key. Lookups by key compare in COLLATE "C" so that only this index can serve them.';
-- Within a (city, year) partition: the probe from a key (occurred and id both bound: one entry,
-- even for month-granular sources whose rows of a month all share one occurred), and ranges of
-- time (listing, counting).
CREATE INDEX incidents_occurred_id ON incidents (occurred, id);
-- Within a partition: keyset paging by id (training reads).
CREATE INDEX incidents_id ON incidents (id);
