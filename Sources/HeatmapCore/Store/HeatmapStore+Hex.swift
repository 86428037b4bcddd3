import Postgres

extension HeatmapStore {
    /// Incidents per hex cell for each month number in `[fromMonth, toMonth)`, optionally one type.
    public func hexCounts(city: String, fromMonth: Int, toMonth: Int, primaryType: String) async throws
        -> [Int: [HexCellID: Int64]] {
        let rows = try await shortQuery("""
            SELECT month, q, r, sum(incidents) FROM heatmap.hex_rollup
            WHERE city = $1 AND month >= $2 AND month < $3 AND ($4 = '' OR primary_type = $4)
            GROUP BY month, q, r HAVING sum(incidents) > 0
            """, [city, fromMonth, toMonth, primaryType])
        var months: [Int: [HexCellID: Int64]] = [:]
        for row in rows {
            let cell = HexCellID(q: try row.decode(Int.self, at: 1), r: try row.decode(Int.self, at: 2))
            months[try row.decode(Int.self, at: 0), default: [:]][cell] = try row.decode(Int64.self, at: 3)
        }
        return months
    }
}
