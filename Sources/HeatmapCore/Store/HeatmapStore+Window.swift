import Postgres

extension HeatmapStore {
    /// The start of the hour of the city's newest timed incident, nil when it has none.
    public func newestHour(city: String) async throws -> Int64? {
        let rows = try await pool.query("""
            SELECT max(bucket) FROM heatmap.window_rollup WHERE city = $1 AND grain = 1 AND incidents > 0
            """, [city])
        guard let row = rows.first else { return nil }
        return try row.decode(Int64?.self, at: 0)
    }

    /// Per-area sums over the buckets a ``WindowPlan`` lists, optionally one primary type.
    public func windowCounts(city: String, plan: WindowPlan, primaryType: String) async throws -> [String: RollupCounts] {
        guard !plan.spans.isEmpty else { return [:] }
        let grains = "{" + plan.spans.map { String($0.grain.rawValue) }.joined(separator: ",") + "}"
        let froms = "{" + plan.spans.map { String($0.from) }.joined(separator: ",") + "}"
        let tos = "{" + plan.spans.map { String($0.to) }.joined(separator: ",") + "}"
        let rows = try await pool.query("""
            SELECT w.area, sum(w.incidents), sum(w.arrests), sum(w.domestic)
            FROM unnest($2::smallint[], $3::bigint[], $4::bigint[]) AS s(grain, lo, hi)
            JOIN heatmap.window_rollup w ON w.city = $1 AND w.grain = s.grain AND w.bucket >= s.lo AND w.bucket < s.hi
            WHERE ($5 = '' OR w.primary_type = $5)
            GROUP BY w.area
            """, [city, grains, froms, tos, primaryType])
        var areas: [String: RollupCounts] = [:]
        for row in rows {
            let counts = RollupCounts(incidents: try row.decode(Int64.self, at: 1), arrests: try row.decode(Int64.self, at: 2),
                                      domestic: try row.decode(Int64.self, at: 3))
            if !counts.isZero { areas[try row.decode(String.self, at: 0)] = counts }
        }
        return areas
    }
}
