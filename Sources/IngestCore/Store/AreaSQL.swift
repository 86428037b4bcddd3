/// The SQL of an area load (see `AreaLoader`); values travel as bound parameters.
enum AreaSQL {
    /// The session's staging table of one area file (TEMP, created once per connection).
    static let createStaging = """
        CREATE TEMP TABLE IF NOT EXISTS area_staging (line bigint, area text, name text, kind text, geojson text)
        """

    static let truncateStaging = "TRUNCATE area_staging"
    static let copyStaging = "COPY area_staging FROM STDIN"

    /// Unions the staged features per area id and upserts them for city $1 (run $2); returns how
    /// many areas were new and how many changed.
    static let upsertAreas = """
        WITH merged AS (
            SELECT area, min(name) AS name, min(kind) AS kind,
                   ST_Multi(ST_CollectionExtract(ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)), 3))::geometry(MultiPolygon, 4326) AS geom
            FROM area_staging GROUP BY area
        ), previous AS (
            SELECT a.area FROM ingest.areas a JOIN merged m ON a.city = $1 AND a.area = m.area
        ), written AS (
            INSERT INTO ingest.areas AS a (city, area, name, kind, geom, loaded_by_run)
            SELECT $1, area, name, kind, geom, $2 FROM merged
            ON CONFLICT (city, area) DO UPDATE
            SET name = EXCLUDED.name, kind = EXCLUDED.kind, geom = EXCLUDED.geom, loaded_by_run = EXCLUDED.loaded_by_run
            WHERE (a.name, a.kind, ST_AsBinary(a.geom)) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, ST_AsBinary(EXCLUDED.geom))
            RETURNING a.area
        )
        SELECT count(*) FILTER (WHERE p.area IS NULL) AS inserted, count(*) FILTER (WHERE p.area IS NOT NULL) AS updated
        FROM written w LEFT JOIN previous p ON p.area = w.area
        """

    /// Whether each reported area of city $1 has a polygon now.
    static let refreshAreaKnown = """
        UPDATE ingest.incidents i
        SET area_known = EXISTS (SELECT 1 FROM ingest.areas a WHERE a.city = i.city AND a.area = i.area)
        WHERE i.city = $1 AND i.area_source = 'reported'
          AND i.area_known IS DISTINCT FROM EXISTS (SELECT 1 FROM ingest.areas a WHERE a.city = i.city AND a.area = i.area)
        """

    /// How many incidents the run ($1) placed in another area ($2).
    static let recordReassigned = "UPDATE ingest.etl_runs SET reassigned = $2 WHERE run_id = $1"
}
