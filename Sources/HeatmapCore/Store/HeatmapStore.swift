import Postgres

/// The heatmap schema in PostgreSQL: the rollup, the consumer position and city extents.
public struct HeatmapStore: Sendable {
    /// The `heatmap.consumer_state` row of the outbox consumer.
    public static let consumerName = "incident-outbox"
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The outbox position whose deltas are all in the rollup.
    public func position() async throws -> Int64 {
        try await pool.query("SELECT position FROM heatmap.consumer_state WHERE consumer = $1", [Self.consumerName])
            .scalar(Int64.self)
    }

    /// Applies a batch and records its position in one transaction, after checking that the
    /// stored position is still `expected` (the row is locked for the transaction, so two
    /// consumers can never both apply the same batch).
    /// - Throws: ``ConsumerPositionConflict`` when another consumer moved the position.
    public func apply(_ batch: RollupBatch, expecting expected: Int64) async throws {
        try await pool.withTransaction { connection in
            let stored = try connection.query(
                "SELECT position FROM heatmap.consumer_state WHERE consumer = $1 FOR UPDATE", [Self.consumerName]
            ).scalar(Int64.self)
            guard stored == expected else { throw ConsumerPositionConflict(expected: expected, stored: stored) }
            if !batch.changes.isEmpty {
                try connection.execute("""
                    CREATE TEMP TABLE IF NOT EXISTS rollup_stage (
                        city text, area text, primary_type text, year smallint, month smallint, hour smallint, dow smallint,
                        incidents bigint, arrests bigint, domestic bigint
                    ) ON COMMIT DELETE ROWS
                    """)
                _ = try connection.copyIn("COPY rollup_stage FROM STDIN") { writer in
                    for (key, counts) in batch.changes {
                        try writer.writeRow([key.city, key.area, key.primaryType, key.year, key.month, key.hour, key.dayOfWeek,
                                             counts.incidents, counts.arrests, counts.domestic])
                    }
                }
                try connection.execute("""
                    INSERT INTO heatmap.beat_rollup AS r
                    SELECT city, area, primary_type, year, month, hour, dow, incidents, arrests, domestic FROM rollup_stage
                    ORDER BY city, area, primary_type, year, month, hour, dow
                    ON CONFLICT (city, area, primary_type, year, month, hour, dow) DO UPDATE
                    SET incidents = r.incidents + EXCLUDED.incidents, arrests = r.arrests + EXCLUDED.arrests,
                        domestic = r.domestic + EXCLUDED.domestic
                    """)
            }
            try Self.applyWindowGridSeries(batch, on: connection)
            for (city, extent) in batch.extents {
                try connection.query("""
                    INSERT INTO heatmap.city_extent AS e (city, min_lon, min_lat, max_lon, max_lat) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (city) DO UPDATE SET min_lon = least(e.min_lon, EXCLUDED.min_lon),
                        min_lat = least(e.min_lat, EXCLUDED.min_lat), max_lon = greatest(e.max_lon, EXCLUDED.max_lon),
                        max_lat = greatest(e.max_lat, EXCLUDED.max_lat)
                    """, [city, extent.minLon, extent.minLat, extent.maxLon, extent.maxLat])
            }
            try connection.query("UPDATE heatmap.consumer_state SET position = $2, updated_at = now() WHERE consumer = $1",
                                 [Self.consumerName, batch.position])
        }
    }

    /// Per-area sums of a city's months `[fromMonth, toMonth)` (month numbers, `year * 12 + month - 1`),
    /// optionally one type, with the consumer position of the same snapshot.
    public func areaCounts(city: String, fromMonth: Int, toMonth: Int, primaryType: String) async throws
        -> (position: Int64, areas: [String: RollupCounts]) {
        try await pool.withTransaction { connection in
            try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            let position = try connection.query(
                "SELECT position FROM heatmap.consumer_state WHERE consumer = $1", [Self.consumerName]
            ).scalar(Int64.self)
            let rows = try connection.query("""
                SELECT area, sum(incidents), sum(arrests), sum(domestic) FROM heatmap.beat_rollup
                WHERE city = $1 AND year * 12 + month - 1 >= $2 AND year * 12 + month - 1 < $3
                  AND ($4 = '' OR primary_type = $4)
                GROUP BY area
                """, [city, fromMonth, toMonth, primaryType])
            var areas: [String: RollupCounts] = [:]
            for row in rows {
                areas[try row.decode(String.self, at: 0)] = RollupCounts(
                    incidents: try row.decode(Int64.self, at: 1), arrests: try row.decode(Int64.self, at: 2),
                    domestic: try row.decode(Int64.self, at: 3))
            }
            return (position, areas)
        }
    }

    /// The extent of each city's located incidents.
    public func extents() async throws -> [String: RollupBatch.Extent] {
        let rows = try await pool.query("SELECT city, min_lon, min_lat, max_lon, max_lat FROM heatmap.city_extent")
        var extents: [String: RollupBatch.Extent] = [:]
        for row in rows {
            extents[try row.decode(String.self, at: 0)] = RollupBatch.Extent(
                minLon: try row.decode(Double.self, at: 1), minLat: try row.decode(Double.self, at: 2),
                maxLon: try row.decode(Double.self, at: 3), maxLat: try row.decode(Double.self, at: 4))
        }
        return extents
    }
}
