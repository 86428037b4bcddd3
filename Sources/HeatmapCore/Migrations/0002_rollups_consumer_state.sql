-- Rollups fed by the ingest outbox (over RPC) and the consumer's position in that outbox.

-- Where the outbox consumer stands: the last outbox position whose deltas are in the rollups.
-- Updated in the same transaction as the rollups, so a crash never loses or repeats a batch.
CREATE TABLE heatmap.consumer_state (
    consumer   text PRIMARY KEY,
    position   bigint NOT NULL DEFAULT 0 CHECK (position >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO heatmap.consumer_state (consumer, position) VALUES ('incident-outbox', 0);

-- The explorer grain: incidents by area, primary type, month, hour of day and day of week.
-- Month-only sources (police.uk) have no time of day: hour = -1 and dow = -1. They count when
-- no hour filter is given and are excluded by any hour filter. dow: 0 = Sunday … 6 = Saturday.
CREATE TABLE heatmap.beat_rollup (
    city         text     NOT NULL,
    area         text     NOT NULL,
    primary_type text     NOT NULL,
    year         smallint NOT NULL,
    month        smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
    hour         smallint NOT NULL CHECK (hour BETWEEN -1 AND 23),
    dow          smallint NOT NULL CHECK (dow BETWEEN -1 AND 6),
    incidents    bigint   NOT NULL,
    arrests      bigint   NOT NULL,
    domestic     bigint   NOT NULL,
    PRIMARY KEY (city, area, primary_type, year, month, hour, dow)
);

-- The extent of a city's located incidents (grows only), for ListCities.
CREATE TABLE heatmap.city_extent (
    city    text PRIMARY KEY,
    min_lon double precision NOT NULL,
    min_lat double precision NOT NULL,
    max_lon double precision NOT NULL,
    max_lat double precision NOT NULL
);
