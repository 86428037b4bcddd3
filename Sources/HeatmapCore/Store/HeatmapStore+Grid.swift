import Postgres

extension HeatmapStore {
    /// Non-empty `(month, cell, incidents)` of a city's year grid, optionally one primary type.
    public func gridCells(city: String, year: Int, primaryType: String) async throws -> [(month: Int, cell: Int, count: Int64)] {
        let rows = try await shortQuery("""
            SELECT month, cell, sum(incidents) FROM heatmap.grid_rollup
            WHERE city = $1 AND year = $2 AND ($3 = '' OR primary_type = $3)
            GROUP BY month, cell HAVING sum(incidents) > 0
            """, [city, year, primaryType])
        var cells: [(month: Int, cell: Int, count: Int64)] = []
        cells.reserveCapacity(rows.count)
        for row in rows {
            cells.append((try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1), try row.decode(Int64.self, at: 2)))
        }
        return cells
    }
}
