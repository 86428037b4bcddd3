import Foundation
import Postgres

extension ForecastStore {
    /// Writes `forecasts` of `city` into the predictions cache (one statement; a row already cached
    /// for the same area, group, model version, horizon and window is replaced).
    package func cache(_ forecasts: [CachedForecast], city: String) async throws {
        guard !forecasts.isEmpty else { return }
        let rows = forecasts.map {
            CacheRow(area: $0.area, crime_group: $0.crimeGroup, from_day: $0.week.description, to_day: $0.week.adding(weeks: 1).description,
                     model_version: $0.modelVersion, weeks_ahead: $0.weeksAhead, predicted_count: $0.predictedCount,
                     probability: $0.probability, shap: $0.shap)
        }
        let json = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
        try await pool.query("""
            INSERT INTO predict.predictions
                (city, area, crime_group, prediction_window, model_version, weeks_ahead, predicted_count, probability, shap)
            SELECT $1, r.area, r.crime_group, daterange(r.from_day::date, r.to_day::date, '[)'), r.model_version, r.weeks_ahead,
                   r.predicted_count, r.probability, r.shap
            FROM jsonb_to_recordset($2::jsonb) AS r(area text, crime_group text, from_day text, to_day text, model_version text,
                                                     weeks_ahead integer, predicted_count double precision,
                                                     probability double precision, shap jsonb)
            ON CONFLICT (city, area, crime_group, model_version, weeks_ahead, prediction_window) DO UPDATE
                SET predicted_count = EXCLUDED.predicted_count, probability = EXCLUDED.probability, shap = EXCLUDED.shap,
                    created_at = now()
            """, [city, json])
    }

    /// The cached forecasts of `city` (and `crimeGroup`) whose window contains `date`
    /// ("YYYY-MM-DD"): `prediction_window @> date`, on the GiST index. Newest first.
    func cached(city: String, activeOn date: String, crimeGroup: String) async throws -> [CachedForecast] {
        let rows = try await pool.query("""
            SELECT area, crime_group, lower(prediction_window)::text, weeks_ahead, model_version, predicted_count, probability, shap::text
            FROM predict.predictions
            WHERE city = $1 AND crime_group = $2 AND prediction_window @> $3::date
            ORDER BY created_at DESC, area
            """, [city, crimeGroup, date])
        return try rows.map { row in
            let week = try ForecastWeek(parsing: try row.decode(String.self, at: 2))
            let shap = try JSONDecoder().decode(CachedShap.self, from: Data(try row.decode(String.self, at: 7).utf8))
            return CachedForecast(area: try row.decode(String.self, at: 0), crimeGroup: try row.decode(String.self, at: 1), week: week,
                                  weeksAhead: try row.decode(Int.self, at: 3), modelVersion: try row.decode(String.self, at: 4),
                                  predictedCount: try row.decode(Double.self, at: 5), probability: try row.decode(Double?.self, at: 6),
                                  shap: shap)
        }
    }

    /// A cache row as `jsonb_to_recordset` reads it.
    private struct CacheRow: Encodable {
        let area: String
        let crime_group: String
        let from_day: String
        let to_day: String
        let model_version: String
        let weeks_ahead: Int
        let predicted_count: Double
        let probability: Double?
        let shap: CachedShap
    }
}
