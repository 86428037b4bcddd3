import Contracts
import Foundation
import Postgres

/// The `predict` schema's per-incident models: saving a trained set as current, loading the
/// current ones. SQL only with bound parameters.
package struct PredictStore: Sendable {
    let pool: PostgresPool

    package init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Saves `models` and makes them current for their (city, kind) in one transaction, naming
    /// each `YYYY.M.N-xgboost-<kind>` (N counts that month's models of the kind, from 1).
    /// Inside a leased training job (``TrainingLease/current``) it saves only while the lease holds.
    /// - Returns: The models with their versions (also set in their metrics).
    func saveAsCurrent(_ models: [IncidentModel], now: Date = Date()) async throws -> [IncidentModel] {
        let calendar = Self.utcCalendar
        let prefix = "\(calendar.component(.year, from: now)).\(calendar.component(.month, from: now))."
        var rows: [(model: IncidentModel, json: String, descriptor: String, features: String, headline: String)] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for model in models {
            let json = String(decoding: try model.booster.saveJSON(), as: UTF8.self)
            let descriptor = String(decoding: try encoder.encode(model.descriptor), as: UTF8.self)
            let features = String(decoding: try encoder.encode(model.descriptor.encoding.featureNames), as: UTF8.self)
            let headline = String(decoding: try encoder.encode(model.metrics.metrics.filter { $0.value.isFinite }), as: UTF8.self)
            rows.append((model, json, descriptor, features, headline))
        }
        let prepared = rows
        let lease = TrainingLease.current
        return try await pool.withTransaction { connection in
            if let lease { try TrainingLeaseStore.checkHeld(lease, on: connection) }
            var saved: [IncidentModel] = []
            for row in prepared {
                var model = row.model
                let slug = model.kind.slug
                let sequence = try connection.query("""
                    SELECT count(*) + 1 FROM predict.incident_models WHERE city = $1 AND kind = $2 AND version LIKE $3
                    """, [model.city, slug, prefix + "%"]).first?.decode(Int64.self, at: 0) ?? 1
                model.version = "\(prefix)\(sequence)-xgboost-\(slug)"
                model.metrics.modelVersion = model.version
                let id = try connection.query("""
                    INSERT INTO predict.incident_models
                        (city, kind, version, model_json, descriptor, features, train_window, validation_window, test_window, metrics, metrics_proto)
                    VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10::jsonb, $11)
                    RETURNING id
                    """, [model.city, slug, model.version, row.json, row.descriptor, row.features, model.metrics.trainWindow,
                          model.metrics.validationWindow, model.metrics.testWindow, row.headline,
                          model.metrics.serializedBytes()]).first?.decode(Int64.self, at: 0)
                guard let id else { throw PostgresError(kind: .query, message: "INSERT … RETURNING id returned no row") }
                try connection.query("""
                    INSERT INTO predict.current_incident_models (city, kind, model_id) VALUES ($1, $2, $3)
                    ON CONFLICT (city, kind) DO UPDATE SET model_id = EXCLUDED.model_id
                    """, [model.city, slug, id])
                saved.append(model)
            }
            return saved
        }
    }

    /// Every city's current models, decoded and ready to serve (`nthread` 1 for serving).
    func currentModels() async throws -> [IncidentModel] {
        let rows = try await pool.query("""
            SELECT m.city, m.kind, m.version, m.model_json, m.descriptor::text, m.metrics_proto
            FROM predict.current_incident_models c JOIN predict.incident_models m ON m.id = c.model_id
            ORDER BY m.city, m.kind
            """)
        var models: [IncidentModel] = []
        let decoder = JSONDecoder()
        for row in rows {
            let city = try row.decode(String.self, at: 0), slug = try row.decode(String.self, at: 1)
            guard let kind = ModelKind(slug: slug) else { continue }
            let booster = try XGBoostBooster(json: Array(try row.decode(String.self, at: 3).utf8), parameters: [("nthread", "1")])
            let descriptor = try decoder.decode(ModelDescriptor.self, from: Data(try row.decode(String.self, at: 4).utf8))
            var metrics = try ModelMetrics(serializedBytes: try row.decode([UInt8].self, at: 5))
            let version = try row.decode(String.self, at: 2)
            metrics.modelVersion = version
            models.append(IncidentModel(city: city, kind: kind, version: version, booster: booster, descriptor: descriptor, metrics: metrics))
        }
        return models
    }

    /// The current version per (city, kind), without loading the models.
    func currentVersions() async throws -> [(city: String, kind: ModelKind, version: String)] {
        let rows = try await pool.query("""
            SELECT c.city, c.kind, m.version
            FROM predict.current_incident_models c JOIN predict.incident_models m ON m.id = c.model_id
            """)
        return try rows.compactMap { row in
            guard let kind = ModelKind(slug: try row.decode(String.self, at: 1)) else { return nil }
            return (try row.decode(String.self, at: 0), kind, try row.decode(String.self, at: 2))
        }
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()
}
