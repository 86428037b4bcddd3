import Contracts
import Postgres

/// The read side of the ingest schema for the RPC handlers: runs, rejects, incidents, areas,
/// the outbox. Every method runs set-based SQL with bound parameters on the service's pool.
package struct IngestStore: Sendable {
    let pool: PostgresPool
    /// Incident listings, counts and training rows: reads that may come from a standby
    /// (`--database-read-url`); `pool` when none is configured.
    let readPool: PostgresPool

    package init(pool: PostgresPool, readPool: PostgresPool? = nil) {
        self.pool = pool
        self.readPool = readPool ?? pool
    }
}

extension IngestStore {
    /// The version of a city's polygons: their count and newest loading run (`loaded_by_run`
    /// changes only on rows a reload really changed), "0-0" for a city without any.
    func areasVersion(city: String) async throws -> String {
        let row = try await pool.query(
            "SELECT count(*), COALESCE(max(loaded_by_run), 0) FROM ingest.areas WHERE city = $1", [city]).first
        return "\(try row?.decode(Int64.self, at: 0) ?? 0)-\(try row?.decode(Int64.self, at: 1) ?? 0)"
    }

    /// A city's areas with their polygons as WKB (WGS84), ordered by id.
    package func areas(city: String) async throws -> [AreaRecord] {
        let rows = try await pool.query(
            "SELECT area, name, ST_AsBinary(geom) FROM ingest.areas WHERE city = $1 ORDER BY area", [city])
        return try rows.map { row in
            AreaRecord(area: AreaId(city: city, area: try row.decode(String.self, at: 0)),
                       name: try row.decode(String.self, at: 1), geometryWKB: try row.decode([UInt8].self, at: 2))
        }
    }
}
