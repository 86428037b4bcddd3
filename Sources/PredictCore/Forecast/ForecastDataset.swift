/// Rows of the forecast for a range of target weeks and one horizon: a dense feature matrix
/// (``ForecastFeatures/names`` columns, NaN = missing), the target counts and the baseline.
public struct ForecastDataset: Sendable {
    /// Row-major features, `rows × ForecastFeatures.names.count`.
    public var features: [Float] = []
    /// The target week's count per row.
    public var labels: [Float] = []
    /// The honest baseline per row: the mean of the four weeks up to the origin.
    public var baseline: [Double] = []
    /// Per row: group index, area index, target week index.
    public var keys: [(group: Int, area: Int, target: Int)] = []

    public var rowCount: Int { labels.count }

    public init() {}

    /// Every (group in `groups`, area) row whose target lies in `targets` (and has history),
    /// forecast `horizon` weeks ahead. Targets past the panel's end get label NaN.
    public init(features builder: ForecastFeatures, targets: Range<Int>, horizon: Int, groups: [Int]) {
        let panel = builder.panel
        for target in targets where builder.hasHistory(target: target, horizon: horizon) {
            for group in groups {
                for area in panel.areas.indices {
                    builder.append(group: group, area: area, target: target, horizon: horizon, to: &features)
                    labels.append(target < panel.weekCount ? Float(panel.count(group: group, area: area, week: target)) : .nan)
                    baseline.append(builder.mean(group: group, area: area, origin: target - horizon, span: 4))
                    keys.append((group, area, target))
                }
            }
        }
    }
}
