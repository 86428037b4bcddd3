import Foundation
import Postgres

/// Keeps the planner's picture of a city's size current while a load grows it.
///
/// Statistics gathered while a city had no rows make the planner expect one row for it, and any
/// plan that filters by city (listing, counting, training reads) is then chosen for one row. After
/// each committed batch that inserted rows, the planner's estimate of the city's rows is read
/// (EXPLAIN, a millisecond); when the rows this run inserted since the last refresh exceed that
/// estimate — the city at least doubled since the statistics were taken — the incidents are
/// ANALYZEd (a 30,000-row sample, well under a second even with all of Chicago). A new city loaded
/// batch by batch is analysed at each doubling: ~5 times for Chicago's 2.4M rows; a file that adds
/// little to a large city never is (autovacuum's own analyze covers slow drift).
struct CityStatistics {
    let city: String
    let refresh: Bool
    private var insertedSinceRefresh = 0

    init(city: String, refresh: Bool) {
        self.city = city
        self.refresh = refresh
    }

    /// Called after each committed batch with the rows it inserted.
    mutating func afterCommit(inserted: Int, on connection: PostgresConnection) throws {
        guard refresh, inserted > 0 else { return }
        insertedSinceRefresh += inserted
        let plan = try connection.query(LoadSQL.estimateCityRows, [city])
        let firstLine = try plan.first.map { try $0.decode(String.self, at: 0) } ?? ""
        guard let estimate = Self.estimatedRows(planLine: firstLine), insertedSinceRefresh > estimate else { return }
        try connection.execute(LoadSQL.analyzeIncidents)
        insertedSinceRefresh = 0
    }

    /// The `rows=N` of a plan's first line (`Seq Scan on incidents  (cost=… rows=123 width=4)`).
    static func estimatedRows(planLine: String) -> Int? {
        guard let range = planLine.range(of: "rows=") else { return nil }
        return Int(planLine[range.upperBound...].prefix { $0.isNumber })
    }
}
