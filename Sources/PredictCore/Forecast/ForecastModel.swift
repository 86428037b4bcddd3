import Contracts
import Foundation

/// A trained weekly forecast for one city: one Poisson booster per horizon (direct models:
/// booster `h - 1` forecasts `h` weeks past the last observed week), with the area and group
/// lists its categorical codes index and each area's neighbours.
package struct ForecastModel: Sendable {
    /// The furthest horizon, in weeks.
    static let maxWeeksAhead = 4

    package let city: String
    /// E.g. `2026.11.1-xgboost-beat-forecast`.
    package var version: String
    /// Area ids: the `beat` feature's codes.
    package let areas: [String]
    /// Group names, ``WeeklyPanel/allGroups`` first: the `crime_group` feature's codes.
    package let groups: [String]
    /// Per area, the indices of its neighbours.
    package let neighbours: [[Int]]
    /// The first and last week of the data it was trained on.
    package let firstWeek: ForecastWeek
    package let lastWeek: ForecastWeek
    /// Booster per horizon, index `weeksAhead - 1`.
    package let boosters: [XGBoostBooster]
    /// The test-window evaluation, as GetModelMetrics serves it.
    package var metrics: ModelMetrics

    package init(city: String, version: String, areas: [String], groups: [String], neighbours: [[Int]],
                firstWeek: ForecastWeek, lastWeek: ForecastWeek, boosters: [XGBoostBooster], metrics: ModelMetrics) {
        self.city = city
        self.version = version
        self.areas = areas
        self.groups = groups
        self.neighbours = neighbours
        self.firstWeek = firstWeek
        self.lastWeek = lastWeek
        self.boosters = boosters
        self.metrics = metrics
    }

    /// One area's forecast with every SHAP contribution (in feature order).
    package struct AreaResult: Sendable {
        package let area: String
        let expectedCount: Double
        /// The bias (XGBoost's last SHAP column), log-count.
        package let baseValue: Double
        /// Per feature (``ForecastFeatures/names``): shown value and contribution, log-count.
        package let contributions: [Contribution]
        /// baseValue + Σ contributions: the log of the expected count.
        package let margin: Double
    }

    /// Forecasts every area of `panel` (built with this model's areas and groups) for target week
    /// index `target`, `weeksAhead` weeks past the origin, with exact TreeSHAP contributions.
    ///
    /// The Poisson model works in log space: the margin is log(expected count), and base value +
    /// contributions = margin, so the contributions multiply the count: a contribution c scales
    /// it by e^c.
    package func forecast(panel: WeeklyPanel, group: Int, target: Int, weeksAhead: Int) throws -> [AreaResult] {
        let builder = ForecastFeatures(panel: panel, neighbours: BeatNeighbours(lists: neighbours))
        var rows: [Float] = []
        rows.reserveCapacity(panel.areas.count * ForecastFeatures.names.count)
        for area in panel.areas.indices {
            builder.append(group: group, area: area, target: target, horizon: weeksAhead, to: &rows)
        }
        let matrix = try XGBoostMatrix.typed(values: rows, rows: panel.areas.count, types: ForecastFeatures.types)
        let shap = try boosters[weeksAhead - 1].predict(matrix, kind: .contributions)
        let width = ForecastFeatures.names.count
        return panel.areas.indices.map { area in
            let row = shap.row(area).map(Double.init)
            let features = rows[(area * width)..<((area + 1) * width)]
            let contributions = ForecastFeatures.names.enumerated().map { column, name in
                Contribution(feature: name, value: display(name, features[features.startIndex + column]), contribution: row[column])
            }
            let margin = row.reduce(0, +)
            return AreaResult(area: panel.areas[area], expectedCount: exp(margin), baseValue: row[width],
                              contributions: contributions, margin: margin)
        }
    }

    /// The feature's value as shown to a person: the area or group name, else the number with at
    /// most two decimals (plain arithmetic: `String(format:)` costs microseconds a call on Linux,
    /// thousands of times per forecast).
    private func display(_ feature: String, _ value: Float) -> String {
        if value.isNaN { return "unknown" }
        switch feature {
        case "beat": return areas.indices.contains(Int(value)) ? areas[Int(value)] : "?"
        case "crime_group": return groups.indices.contains(Int(value)) ? groups[Int(value)] : "?"
        default:
            let hundredths = Int((Double(value) * 100).rounded())
            let whole = hundredths / 100, fraction = abs(hundredths % 100)
            let sign = hundredths < 0 && whole == 0 ? "-" : ""
            if fraction == 0 { return "\(sign)\(whole)" }
            return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
        }
    }
}
