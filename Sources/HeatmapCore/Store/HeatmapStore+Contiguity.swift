import Postgres

extension HeatmapStore {
    /// Queen contiguity of a city's areas from the heatmap's own copy of the polygons: every
    /// pair (a < b) whose geometries share at least one boundary point (`ST_Intersects`, which
    /// also holds for overlaps), bounding boxes first.
    func queenPairs(city: String) async throws -> [(String, String)] {
        let rows = try await pool.query("""
            SELECT a.area, b.area
            FROM heatmap.area_shapes a
            JOIN heatmap.area_shapes b ON b.city = a.city AND a.area < b.area AND a.geom && b.geom
                AND ST_Intersects(a.geom, b.geom)
            WHERE a.city = $1
            ORDER BY a.area, b.area
            """, [city])
        return try rows.map { row in (try row.decode(String.self, at: 0), try row.decode(String.self, at: 1)) }
    }

    /// A city's area polygons, unsimplified, as GeoJSON geometries (7 decimals), by area id.
    func areaGeometries(city: String) async throws -> [(area: String, geoJSON: String)] {
        let rows = try await pool.query("""
            SELECT area, ST_AsGeoJSON(geom, 7) FROM heatmap.area_shapes WHERE city = $1 ORDER BY area
            """, [city])
        return try rows.map { row in (area: try row.decode(String.self, at: 0), geoJSON: try row.decode(String.self, at: 1)) }
    }
}
