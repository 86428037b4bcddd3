import Contracts
import Postgres

extension HeatmapStore {
    /// Metres per degree of latitude: the simplification tolerance is given in metres and
    /// applied in degrees (east-west it is looser by 1 / cos(latitude), ~1.35× in Chicago).
    static let metresPerDegree = 111_320.0

    /// Replaces a city's shapes with `records` (WKB in WGS84) in one transaction, computing each
    /// centroid and its area in km² on the spheroid.
    func replaceAreaShapes(city: String, records: [AreaRecord]) async throws {
        try await pool.withTransaction { connection in
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('heatmap.area_shapes ' || $1))", [city])
            try connection.query("DELETE FROM heatmap.area_shapes WHERE city = $1", [city])
            for record in records {
                try connection.query("""
                    INSERT INTO heatmap.area_shapes (city, area, name, geom, centroid_lon, centroid_lat, area_km2)
                    SELECT $1, $2, $3, g, ST_X(ST_Centroid(g)), ST_Y(ST_Centroid(g)), ST_Area(g::geography) / 1e6
                    FROM (SELECT ST_SetSRID(ST_GeomFromWKB($4::bytea), 4326) AS g) AS shape
                    """, [city, record.area?.area ?? "", record.name, record.geometryWKB])
            }
        }
    }

    /// A city's shapes simplified with `toleranceMetres` (topology preserved), by area id.
    func areaShapes(city: String, toleranceMetres: Double) async throws -> [AreaShapeRow] {
        let rows = try await pool.query("""
            SELECT area, name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, $2), 6), centroid_lon, centroid_lat, area_km2
            FROM heatmap.area_shapes WHERE city = $1 ORDER BY area
            """, [city, toleranceMetres / Self.metresPerDegree])
        return try rows.map { row in
            AreaShapeRow(area: try row.decode(String.self, at: 0), name: try row.decode(String.self, at: 1),
                         geojson: try row.decode(String.self, at: 2), centroidLon: try row.decode(Double.self, at: 3),
                         centroidLat: try row.decode(Double.self, at: 4), areaKm2: try row.decode(Double.self, at: 5))
        }
    }
}

/// One area of GetAreaShapes: simplified GeoJSON and precomputed centroid and size.
struct AreaShapeRow: Sendable, Hashable {
    var area: String
    var name: String
    /// A GeoJSON geometry object.
    var geojson: String
    var centroidLon: Double
    var centroidLat: Double
    var areaKm2: Double
}
