import Postgres

extension HeatmapStore {
    /// Every rollup kept in memory and the consumer position, read in one snapshot (repeatable
    /// read): the beat grain (day of week summed out), the daily/weekly/monthly window buckets, the
    /// grids, the series and the hex cells. Large tables are read a city and a year at a time, so
    /// no single result holds millions of rows.
    public func snapshot() async throws -> RollupSnapshot {
        try await pool.withTransaction { connection in
            try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try connection.execute("SET LOCAL jit = off")
            let position = try connection.query(
                "SELECT position FROM heatmap.consumer_state WHERE consumer = $1", [Self.consumerName]
            ).scalar(Int64.self)
            var cities: [String: CityRollupIndex] = [:]
            for row in try connection.query("""
                SELECT city, area, primary_type, year, month, hour, sum(incidents), sum(arrests), sum(domestic)
                FROM heatmap.beat_rollup GROUP BY 1, 2, 3, 4, 5, 6
                """) {
                let city = try row.decode(String.self, at: 0)
                cities[city, default: CityRollupIndex(city: city)].add(
                    area: try row.decode(String.self, at: 1), primaryType: try row.decode(String.self, at: 2),
                    year: try row.decode(Int.self, at: 3), month: try row.decode(Int.self, at: 4), hour: try row.decode(Int.self, at: 5),
                    counts: try Self.counts(row, from: 6))
            }
            for city in cities.keys {
                guard var index = cities.removeValue(forKey: city) else { continue }
                let years = index.yearsWithCells
                index.loading = true
                if let first = years.first, let last = years.last {
                    // Weekly buckets may start in the December before the first year.
                    for year in (first - 1)...last {
                        try Self.loadYear(year, of: city, into: &index, on: connection)
                    }
                }
                index.finishLoading()
                cities[city] = index
            }
            return RollupSnapshot(cities: cities, position: position)
        }
    }

    /// Reads one city's year of window buckets (grains kept in memory), grids, series and hex cells.
    private static func loadYear(_ year: Int, of city: String, into index: inout CityRollupIndex,
                                 on connection: PostgresConnection) throws {
        let from = LocalCalendar.localSeconds(year: year, month: 1, day: 1)
        let to = LocalCalendar.localSeconds(year: year + 1, month: 1, day: 1)
        for grain in WindowGrain.allCases where CityRollupIndex.keepsWindow(grain) {
            for row in try connection.query("""
                SELECT bucket, area, primary_type, incidents, arrests, domestic FROM heatmap.window_rollup
                WHERE city = $1 AND grain = $2 AND bucket >= $3 AND bucket < $4
                """, [city, grain.rawValue, from, to]) {
                index.addWindow(grain: grain, bucket: try row.decode(Int64.self, at: 0), area: try row.decode(String.self, at: 1),
                                primaryType: try row.decode(String.self, at: 2), counts: try counts(row, from: 3))
            }
        }
        for row in try connection.query("""
            SELECT month, primary_type, cell, incidents FROM heatmap.grid_rollup WHERE city = $1 AND year = $2
            """, [city, year]) {
            index.addGrid(year: year, month: try row.decode(Int.self, at: 0), primaryType: try row.decode(String.self, at: 1),
                          cell: try row.decode(Int.self, at: 2), incidents: try row.decode(Int64.self, at: 3))
        }
        for row in try connection.query("""
            SELECT area, crime_group, week, incidents FROM heatmap.series_rollup WHERE city = $1 AND week >= $2 AND week < $3
            """, [city, from, to]) {
            index.addSeries(area: try row.decode(String.self, at: 0), crimeGroup: try row.decode(String.self, at: 1),
                            week: try row.decode(Int64.self, at: 2), incidents: try row.decode(Int64.self, at: 3))
        }
        for row in try connection.query("""
            SELECT month, primary_type, q, r, incidents FROM heatmap.hex_rollup WHERE city = $1 AND month >= $2 AND month < $3
            """, [city, year * 12, year * 12 + 12]) {
            index.addHex(month: try row.decode(Int.self, at: 0), primaryType: try row.decode(String.self, at: 1),
                         q: try row.decode(Int.self, at: 2), r: try row.decode(Int.self, at: 3),
                         incidents: try row.decode(Int64.self, at: 4))
        }
    }

    private static func counts(_ row: PostgresRow, from column: Int) throws -> RollupCounts {
        RollupCounts(incidents: try row.decode(Int64.self, at: column), arrests: try row.decode(Int64.self, at: column + 1),
                     domestic: try row.decode(Int64.self, at: column + 2))
    }
}
