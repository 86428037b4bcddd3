import Contracts
import Foundation
import Postgres

/// The `predict` schema's forecast models (saving one as current, loading the current ones) and
/// the predictions cache. SQL only with bound parameters.
package struct ForecastStore: Sendable {
    let pool: PostgresPool

    package init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Saves `outcome` and makes it the city's current forecast in one transaction, naming it
    /// `YYYY.M.N-xgboost-beat-forecast` (N counts the city's forecasts that month, from 1).
    /// Inside a leased training job (``TrainingLease/current``) it saves only while the lease holds.
    /// - Returns: The model with its version (also set in its metrics).
    func saveAsCurrent(_ outcome: ForecastTrainer.Outcome, now: Date = Date()) async throws -> ForecastModel {
        var model = outcome.model
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let prefix = "\(calendar.component(.year, from: now)).\(calendar.component(.month, from: now))."
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let descriptor = String(decoding: try encoder.encode(ForecastDescriptor(
            areas: model.areas, groups: model.groups, neighbours: model.neighbours,
            firstWeek: model.firstWeek.description, lastWeek: model.lastWeek.description)), as: UTF8.self)
        let features = String(decoding: try encoder.encode(ForecastFeatures.names), as: UTF8.self)
        let headline = String(decoding: try encoder.encode(model.metrics.metrics.filter { $0.value.isFinite }), as: UTF8.self)
        let boosters = outcome.boosterJSON.map { String(decoding: $0, as: UTF8.self) }
        let city = model.city, metrics = model.metrics
        let lease = TrainingLease.current
        let version = try await pool.withTransaction { connection -> (String, Int64) in
            if let lease { try TrainingLeaseStore.checkHeld(lease, on: connection) }
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('predict.forecast_models ' || $1))", [city])
            let sequence = try connection.query("""
                SELECT count(*) + 1 FROM predict.forecast_models WHERE city = $1 AND version LIKE $2
                """, [city, prefix + "%"]).first?.decode(Int64.self, at: 0) ?? 1
            let version = "\(prefix)\(sequence)-xgboost-beat-forecast"
            var stamped = metrics
            stamped.modelVersion = version
            let id = try connection.query("""
                INSERT INTO predict.forecast_models
                    (city, version, descriptor, features, train_window, validation_window, test_window, metrics, metrics_proto)
                VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8::jsonb, $9)
                RETURNING id
                """, [city, version, descriptor, features, metrics.trainWindow, metrics.validationWindow, metrics.testWindow,
                      headline, stamped.serializedBytes()]).first?.decode(Int64.self, at: 0)
            guard let id else { throw PostgresError(kind: .query, message: "INSERT … RETURNING id returned no row") }
            for (index, json) in boosters.enumerated() {
                try connection.query("INSERT INTO predict.forecast_boosters (model_id, weeks_ahead, model_json) VALUES ($1, $2, $3)",
                                     [id, index + 1, json])
            }
            try connection.query("""
                INSERT INTO predict.current_forecast_models (city, model_id) VALUES ($1, $2)
                ON CONFLICT (city) DO UPDATE SET model_id = EXCLUDED.model_id
                """, [city, id])
            return (version, id)
        }
        model.version = version.0
        model.metrics.modelVersion = version.0
        return model
    }

    /// Each city's current forecast version (a cheap check before reloading).
    func currentVersions() async throws -> [String: String] {
        let rows = try await pool.query("""
            SELECT c.city, m.version FROM predict.current_forecast_models c JOIN predict.forecast_models m ON m.id = c.model_id
            """)
        var versions: [String: String] = [:]
        for row in rows { versions[try row.decode(String.self, at: 0)] = try row.decode(String.self, at: 1) }
        return versions
    }

    /// Every city's current forecast, decoded and ready to serve (`nthread` 1).
    func currentModels() async throws -> [ForecastModel] {
        let rows = try await pool.query("""
            SELECT m.id, m.city, m.version, m.descriptor::text, m.metrics_proto
            FROM predict.current_forecast_models c JOIN predict.forecast_models m ON m.id = c.model_id
            ORDER BY m.city
            """)
        var models: [ForecastModel] = []
        for row in rows {
            let id = try row.decode(Int64.self, at: 0)
            let descriptor = try JSONDecoder().decode(ForecastDescriptor.self, from: Data(try row.decode(String.self, at: 3).utf8))
            var metrics = try ModelMetrics(serializedBytes: try row.decode([UInt8].self, at: 4))
            let version = try row.decode(String.self, at: 2)
            metrics.modelVersion = version
            let boosterRows = try await pool.query(
                "SELECT model_json FROM predict.forecast_boosters WHERE model_id = $1 ORDER BY weeks_ahead", [id])
            let boosters = try boosterRows.map { try XGBoostBooster(json: Array(try $0.decode(String.self, at: 0).utf8), parameters: [("nthread", "1")]) }
            guard boosters.count == ForecastModel.maxWeeksAhead,
                  let first = try? ForecastWeek(parsing: descriptor.firstWeek), let last = try? ForecastWeek(parsing: descriptor.lastWeek) else {
                throw PostgresError(kind: .query, message: "forecast model \(version) is incomplete (\(boosters.count) boosters)")
            }
            models.append(ForecastModel(city: try row.decode(String.self, at: 1), version: version, areas: descriptor.areas,
                                        groups: descriptor.groups, neighbours: descriptor.neighbours, firstWeek: first,
                                        lastWeek: last, boosters: boosters, metrics: metrics))
        }
        return models
    }
}

/// What a forecast model needs besides its boosters, stored as JSON next to them.
struct ForecastDescriptor: Codable, Sendable, Equatable {
    var areas: [String]
    var groups: [String]
    var neighbours: [[Int]]
    /// "YYYY-MM-DD" Mondays of the first and last week trained on.
    var firstWeek: String
    var lastWeek: String
}
