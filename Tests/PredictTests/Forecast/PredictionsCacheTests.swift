import Foundation
import Logging
import Postgres
@testable import PredictCore
import TestSupport
import Testing

/// The predictions cache on a real PostgreSQL: forecasts written are found by one
/// `prediction_window @> date` query (on the GiST index), and only on the days of their week.
@Suite("Predictions cache")
struct PredictionsCacheTests {
    static let logger = Logger(label: "predict-forecast-tests") { _ in SwiftLogNoOpLogHandler() }

    @Test("a cached forecast is active on each day of its week and no other; rewriting replaces it")
    func activeOnDate() async throws {
        try await TestDatabase.withDatabase(label: "pcache") { database in
            let pool = database.pool(size: 1)
            do {
                _ = try await Migrator(schema: "predict", migrations: try Migration.load(directory: PredictBackend.migrationsDirectory),
                                       logger: Self.logger).migrate(pool)
                let store = ForecastStore(pool: pool)
                let week = try ForecastWeek(parsing: "2018-01-01")
                let shap = CachedShap(baseValue: -0.5, margin: 1.25, contributions: [
                    .init(feature: "lag_1", value: "7", contribution: 1.5), .init(feature: "beat", value: "0111", contribution: 0.25),
                ])
                func row(_ area: String, _ week: ForecastWeek, ahead: Int, count: Double) -> CachedForecast {
                    CachedForecast(area: area, crimeGroup: "all", week: week, weeksAhead: ahead, modelVersion: "2026.11.1-xgboost-beat-forecast",
                                   predictedCount: count, shap: shap)
                }
                try await store.cache([row("0111", week, ahead: 1, count: 3.5), row("0112", week, ahead: 1, count: 1),
                                       row("0111", week.adding(weeks: 1), ahead: 2, count: 4)], city: "chicago")
                for day in ["2018-01-01", "2018-01-04", "2018-01-07"] {
                    let found = try await store.cached(city: "chicago", activeOn: day, crimeGroup: "all")
                    #expect(found.map(\.area) == ["0111", "0112"], "\(day)")
                    #expect(found.first == row("0111", week, ahead: 1, count: 3.5))
                }
                #expect(try await store.cached(city: "chicago", activeOn: "2018-01-08", crimeGroup: "all").map(\.predictedCount) == [4])
                #expect(try await store.cached(city: "chicago", activeOn: "2017-12-31", crimeGroup: "all").isEmpty)
                #expect(try await store.cached(city: "nyc", activeOn: "2018-01-02", crimeGroup: "all").isEmpty)
                try await store.cache([row("0111", week, ahead: 1, count: 9)], city: "chicago")
                let replaced = try await store.cached(city: "chicago", activeOn: "2018-01-02", crimeGroup: "all")
                #expect(replaced.count == 2 && replaced.first { $0.area == "0111" }?.predictedCount == 9)
                #expect(try await pool.query("SELECT count(*) FROM predict.predictions").scalar(Int64.self) == 3)

                // The `@>` lookup can use the GiST index (sequential scans disabled to ask the planner).
                let plan = try await pool.withConnection { connection in
                    try connection.transaction {
                        try connection.execute("SET LOCAL enable_seqscan = off")
                        return try connection.query("EXPLAIN SELECT * FROM predict.predictions WHERE prediction_window @> $1::date",
                                                    ["2018-01-02"]).map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
                    }
                }
                #expect(plan.contains("predictions_window"), "\(plan)")
            } catch {
                await pool.shutdown()
                throw error
            }
            await pool.shutdown()
        }
    }
}
