-- Located incidents per month, primary type and 200 m pointy-top hex cell (axial q, r) in the
-- city's projection (HexGrid.swift, CityProjection.swift), for GetHexHotspots.
-- month = year * 12 + month - 1.
CREATE TABLE heatmap.hex_rollup (
    city         text    NOT NULL,
    month        integer NOT NULL,
    primary_type text    NOT NULL,
    q            integer NOT NULL,
    r            integer NOT NULL,
    incidents    bigint  NOT NULL,
    PRIMARY KEY (city, month, primary_type, q, r)
);
