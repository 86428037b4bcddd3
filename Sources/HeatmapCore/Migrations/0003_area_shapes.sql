-- The heatmap's own copy of the area polygons, taken from ingest's ListAreas RPC (never from
-- its tables), with what the map needs precomputed. Needs PostGIS (installed in the database).
CREATE TABLE heatmap.area_shapes (
    city         text NOT NULL,
    area         text NOT NULL,
    name         text NOT NULL,
    geom         geometry(Geometry, 4326) NOT NULL,
    centroid_lon double precision NOT NULL,
    centroid_lat double precision NOT NULL,
    area_km2     double precision NOT NULL,
    synced_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city, area)
);
