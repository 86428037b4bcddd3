import Postgres

extension HeatmapStore {
    /// Incidents per (area, crime group, week) for weeks starting in `[fromWeek, toWeek)`.
    public func seriesCounts(city: String, fromWeek: Int64, toWeek: Int64) async throws
        -> [(area: String, group: String, week: Int64, count: Int64)] {
        let rows = try await shortQuery("""
            SELECT area, crime_group, week, sum(incidents) FROM heatmap.series_rollup
            WHERE city = $1 AND week >= $2 AND week < $3
            GROUP BY area, crime_group, week HAVING sum(incidents) <> 0
            """, [city, fromWeek, toWeek])
        var result: [(area: String, group: String, week: Int64, count: Int64)] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            result.append((try row.decode(String.self, at: 0), try row.decode(String.self, at: 1),
                           try row.decode(Int64.self, at: 2), try row.decode(Int64.self, at: 3)))
        }
        return result
    }
}
