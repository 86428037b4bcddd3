-- Rollups for GetWindowHeatmap, GetYearGrids and GetSeries, fed by the same consumer
-- transaction as beat_rollup (one COPY per table, then an additive upsert).

-- Incidents per time bucket, area and primary type at four grains: 1 hourly, 2 daily,
-- 3 weekly (Monday-started), 4 monthly. `bucket` is the bucket's start in local seconds.
-- Month-only sources (police.uk) are only in the monthly grain.
CREATE TABLE heatmap.window_rollup (
    city         text     NOT NULL,
    grain        smallint NOT NULL CHECK (grain BETWEEN 1 AND 4),
    bucket       bigint   NOT NULL,
    area         text     NOT NULL,
    primary_type text     NOT NULL,
    incidents    bigint   NOT NULL,
    arrests      bigint   NOT NULL,
    domestic     bigint   NOT NULL,
    PRIMARY KEY (city, grain, bucket, area, primary_type)
);

-- Located incidents per month, primary type and cell of the city's fixed 300 x 300 grid
-- (cell = row * 300 + column, row 0 at the grid's min_lat; see GridBounds.swift).
CREATE TABLE heatmap.grid_rollup (
    city         text     NOT NULL,
    year         smallint NOT NULL,
    month        smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
    primary_type text     NOT NULL,
    cell         integer  NOT NULL CHECK (cell BETWEEN 0 AND 89999),
    incidents    bigint   NOT NULL,
    PRIMARY KEY (city, year, month, primary_type, cell)
);

-- Incidents per Monday-started week, area and crime group (the delta's category: Chicago's
-- property/violent/drug/other, the source category elsewhere). Timed incidents only.
CREATE TABLE heatmap.series_rollup (
    city        text   NOT NULL,
    area        text   NOT NULL,
    crime_group text   NOT NULL,
    week        bigint NOT NULL,
    incidents   bigint NOT NULL,
    PRIMARY KEY (city, week, area, crime_group)
);
