import Postgres

extension HeatmapStore {
    /// The start of the hour of the city's newest timed incident, nil when it has none.
    public func newestHour(city: String) async throws -> Int64? {
        let rows = try await shortQuery("""
            SELECT max(bucket) FROM heatmap.window_rollup
            WHERE city = $1 AND primary_type = $2 AND grain = 1 AND incidents > 0
            """, [city, WindowRollupKey.allTypes])
        guard let row = rows.first else { return nil }
        return try row.decode(Int64?.self, at: 0)
    }

    /// Per-area sums over the buckets of `spans` (from a ``WindowPlan``), optionally one primary
    /// type (empty: the all-types rows).
    ///
    /// One `(grain, bucket range)` condition per span, OR-ed, all values bound: PostgreSQL then
    /// reads each span as a range of `window_rollup_by_type`, index-only (a join against
    /// `unnest` of the spans was planned as a sequential scan of the whole table).
    public func windowCounts(city: String, spans: [WindowPlan.Span], primaryType: String) async throws
        -> [String: RollupCounts] {
        guard !spans.isEmpty else { return [:] }
        var parameters: PostgresParameters = [city, primaryType.isEmpty ? WindowRollupKey.allTypes : primaryType]
        var conditions: [String] = []
        for span in spans {
            let base = parameters.count
            conditions.append("(grain = $\(base + 1) AND bucket >= $\(base + 2) AND bucket < $\(base + 3))")
            parameters.append(span.grain.rawValue)
            parameters.append(span.from)
            parameters.append(span.to)
        }
        let rows = try await shortQuery("""
            SELECT area, sum(incidents), sum(arrests), sum(domestic) FROM heatmap.window_rollup
            WHERE city = $1 AND primary_type = $2 AND (\(conditions.joined(separator: " OR ")))
            GROUP BY area
            """, parameters)
        var areas: [String: RollupCounts] = [:]
        for row in rows {
            let counts = RollupCounts(incidents: try row.decode(Int64.self, at: 1), arrests: try row.decode(Int64.self, at: 2),
                                      domestic: try row.decode(Int64.self, at: 3))
            if !counts.isZero { areas[try row.decode(String.self, at: 0)] = counts }
        }
        return areas
    }
}
