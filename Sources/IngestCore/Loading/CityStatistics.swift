import Foundation
import Postgres

/// Keeps the planner's picture of a city's size in the key table current as loads grow it (the
/// incidents' partitions are one city each, so their own sizes already tell the planner).
///
/// Statistics gathered while a city had no rows make the planner expect one key for it. When a
/// run has ended, the rows inserted into its city since the keys were last analysed (the runs'
/// own counts) are compared with the planner's estimate of the city's keys (EXPLAIN, a
/// millisecond); when they exceed it — the city at least doubled since the statistics were taken —
/// the keys' `city` column is analysed again (a 30,000-row sample, a fraction of a whole-table
/// ANALYZE: docs/BENCHMARKS.md, Ingest). A city loaded file by file is analysed at each doubling; a file
/// that adds little to a large city never triggers it (autovacuum's analyze covers slow drift).
///
/// It runs after the run's outcome is reported, on the load's own connection: the run is done when
/// its rows are committed, and the next file's load need not wait for this upkeep.
enum CityStatistics {
    /// Analyses the keys' `city` column when `city` grew past the planner's estimate; returns
    /// whether it did.
    @discardableResult
    static func refreshIfStale(city: String, on connection: PostgresConnection) throws -> Bool {
        let plan = try connection.query(LoadSQL.estimateCityRows, [city])
        let firstLine = try plan.first.map { try $0.decode(String.self, at: 0) } ?? ""
        guard let estimate = estimatedRows(planLine: firstLine) else { return false }
        let grown = try connection.query(LoadSQL.insertedSinceAnalyze, [city]).scalar(Int64.self)
        guard grown > estimate else { return false }
        try connection.execute(LoadSQL.analyzeCities)
        return true
    }

    /// The `rows=N` of a plan's first line (`Seq Scan on incidents  (cost=… rows=123 width=4)`).
    static func estimatedRows(planLine: String) -> Int64? {
        guard let range = planLine.range(of: "rows=") else { return nil }
        return Int64(planLine[range.upperBound...].prefix { $0.isNumber })
    }
}
