import Contracts
import Postgres

extension IngestStore {
    /// A city's areas with their polygons as WKB (WGS84), ordered by id.
    public func areas(city: String) async throws -> [AreaRecord] {
        let rows = try await pool.query(
            "SELECT area, name, ST_AsBinary(geom) FROM ingest.areas WHERE city = $1 ORDER BY area", [city])
        return try rows.map { row in
            AreaRecord(area: AreaId(city: city, area: try row.decode(String.self, at: 0)),
                       name: try row.decode(String.self, at: 1), geometryWKB: try row.decode([UInt8].self, at: 2))
        }
    }
}
