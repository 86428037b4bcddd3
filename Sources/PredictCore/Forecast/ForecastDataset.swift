/// Rows of the forecast for a range of target weeks and one horizon: a dense feature matrix
/// (``ForecastFeatures/names`` columns, NaN = missing) and the target counts.
struct ForecastDataset: Sendable {
    /// Row-major features, `rows × ForecastFeatures.names.count`.
    var features: [Float] = []
    /// The target week's count per row.
    var labels: [Float] = []
    /// Per row: group index, area index, target week index.
    var keys: [(group: Int, area: Int, target: Int)] = []

    var rowCount: Int { labels.count }

    /// Sets the given feature columns to missing (NaN) in every row.
    mutating func mask(columns: Set<Int>) {
        guard !columns.isEmpty else { return }
        let width = ForecastFeatures.names.count
        for row in 0..<rowCount {
            for column in columns { features[row * width + column] = .nan }
        }
    }

    init() {}

    /// Every (group in `groups`, area) row whose target lies in `targets` (and has history),
    /// forecast `horizon` weeks ahead. Targets past the panel's end get label NaN.
    init(features builder: ForecastFeatures, targets: Range<Int>, horizon: Int, groups: [Int]) {
        let panel = builder.panel
        for target in targets where builder.hasHistory(target: target, horizon: horizon) {
            for group in groups {
                for area in panel.areas.indices {
                    builder.append(group: group, area: area, target: target, horizon: horizon, to: &features)
                    labels.append(target < panel.weekCount ? Float(panel.count(group: group, area: area, week: target)) : .nan)
                    keys.append((group, area, target))
                }
            }
        }
    }
}
