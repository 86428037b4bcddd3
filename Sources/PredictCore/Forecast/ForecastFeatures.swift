import Foundation

/// The forecast's features for one (area, crime group, target week), computed only from weeks
/// up to the forecast origin (the last observed week, `horizon` weeks before the target).
///
/// | feature | meaning |
/// | --- | --- |
/// | `beat` | the area (categorical: its index in the model's area list) |
/// | `crime_group` | the crime group (categorical: its index in the model's group list) |
/// | `lag_1` … `lag_4` | counts of the origin week and the three before it |
/// | `mean_4`, `mean_13`, `mean_52` | mean weekly count over the last 4 / 13 / 52 weeks up to the origin (over the weeks held when fewer) |
/// | `week_sin`, `week_cos` | the target week's day of the year on the unit circle |
/// | `same_week_last_year` | the count 52 weeks before the target (missing before the data) |
/// | `neighbours_lag_1`, `neighbours_mean_4` | the neighbours' mean `lag_1` and `mean_4` |
///
/// Missing values are NaN (XGBoost's missing).
package struct ForecastFeatures: Sendable {
    /// The feature names, in column order.
    package static let names = [
        "beat", "crime_group", "lag_1", "lag_2", "lag_3", "lag_4", "mean_4", "mean_13", "mean_52",
        "week_sin", "week_cos", "same_week_last_year", "neighbours_lag_1", "neighbours_mean_4",
    ]
    /// XGBoost feature types: "c" categorical, "q" numeric.
    static let types = names.map { $0 == "beat" || $0 == "crime_group" ? "c" : "q" }
    /// Weeks of history a row needs at its origin (for `lag_4`).
    static let minimumHistory = 4

    let panel: WeeklyPanel
    let neighbours: BeatNeighbours

    package init(panel: WeeklyPanel, neighbours: BeatNeighbours) {
        self.panel = panel
        self.neighbours = neighbours
    }

    /// Whether a target at week index `target` with `horizon` has enough history (origin ≥ 3).
    func hasHistory(target: Int, horizon: Int) -> Bool {
        target - horizon >= Self.minimumHistory - 1
    }

    /// Appends the features of (`group`, `area`) for target week index `target` (it may lie past
    /// the panel) forecast `horizon` weeks ahead; the origin `target - horizon` must be in the
    /// panel with ``minimumHistory`` weeks.
    package func append(group: Int, area: Int, target: Int, horizon: Int, to row: inout [Float]) {
        let origin = target - horizon
        row.append(Float(area))
        row.append(Float(group))
        for lag in 0..<4 { row.append(Float(panel.count(group: group, area: area, week: origin - lag))) }
        for span in [4, 13, 52] { row.append(Float(mean(group: group, area: area, origin: origin, span: span))) }
        let angle = 2 * Double.pi * Double(panel.week(at: target).dayOfYear) / 365.25
        row.append(Float(sin(angle)))
        row.append(Float(cos(angle)))
        let lastYear = target - 52
        row.append(lastYear >= 0 && lastYear <= origin ? Float(panel.count(group: group, area: area, week: lastYear)) : .nan)
        let near = neighbours.neighbours[area]
        if near.isEmpty {
            row.append(.nan)
            row.append(.nan)
        } else {
            let lag = near.reduce(0.0) { $0 + panel.count(group: group, area: $1, week: origin) } / Double(near.count)
            let mean4 = near.reduce(0.0) { $0 + mean(group: group, area: $1, origin: origin, span: 4) } / Double(near.count)
            row.append(Float(lag))
            row.append(Float(mean4))
        }
    }

    /// The mean weekly count of the `span` weeks ending at `origin` (fewer at the panel's start).
    package func mean(group: Int, area: Int, origin: Int, span: Int) -> Double {
        let first = max(0, origin - span + 1)
        guard origin >= first else { return .nan }
        var sum = 0.0
        for week in first...origin { sum += panel.count(group: group, area: area, week: week) }
        return sum / Double(origin - first + 1)
    }
}
