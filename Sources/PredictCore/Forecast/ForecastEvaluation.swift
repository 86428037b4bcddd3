import Contracts

/// The forecast's test-week scores next to the honest baseline (each area's mean of the four
/// weeks up to the forecast origin): hit rate, PAI and PEI at 5 %, 10 % and 20 % of the city's
/// area, MAE, and PAI curves. Weekly scores are averaged over the weeks with incidents.
public struct ForecastEvaluation: Sendable {
    /// The area budgets reported as metrics (`pai_5`, `pai_10`, `pai_20`, …).
    public static let reportedShares: [Int] = [5, 10, 20]
    /// The area budgets of the PAI curves.
    public static let curveShares: [Double] = [0.01, 0.02, 0.03, 0.05, 0.075, 0.10, 0.15, 0.20, 0.25, 0.30, 0.40, 0.50, 0.75, 1.0]

    private var weeks: [(flagging: HotspotFlagging, model: [Double], baseline: [Double])] = []
    private var absoluteError = 0.0, baselineAbsoluteError = 0.0, cells = 0

    public init() {}

    /// Adds one test week: per area the actual count, the forecast, the baseline and the area size.
    public mutating func add(actual: [Double], model: [Double], baseline: [Double], areaKm2: [Double]) {
        weeks.append((HotspotFlagging(actual: actual, areaKm2: areaKm2), model, baseline))
        for index in actual.indices {
            absoluteError += abs(model[index] - actual[index])
            baselineAbsoluteError += abs(baseline[index] - actual[index])
        }
        cells += actual.count
    }

    /// The metrics: `hit_rate_N`, `pai_N`, `pei_N`, each with its `baseline_` twin, `oracle_pai_N`,
    /// `mae`, `baseline_mae`, `test_weeks`.
    public var metrics: [String: Double] {
        var result: [String: Double] = [
            "mae": cells > 0 ? absoluteError / Double(cells) : 0,
            "baseline_mae": cells > 0 ? baselineAbsoluteError / Double(cells) : 0,
            "test_weeks": Double(weeks.count),
        ]
        for percent in Self.reportedShares {
            let share = Double(percent) / 100
            result["hit_rate_\(percent)"] = average { $0.flagging.score(by: $0.model, share: share)?.hitRate }
            result["baseline_hit_rate_\(percent)"] = average { $0.flagging.score(by: $0.baseline, share: share)?.hitRate }
            result["pai_\(percent)"] = average { $0.flagging.score(by: $0.model, share: share)?.pai }
            result["baseline_pai_\(percent)"] = average { $0.flagging.score(by: $0.baseline, share: share)?.pai }
            result["pei_\(percent)"] = average { $0.flagging.pei(by: $0.model, share: share) }
            result["baseline_pei_\(percent)"] = average { $0.flagging.pei(by: $0.baseline, share: share) }
            result["oracle_pai_\(percent)"] = average { $0.flagging.oracle(share: share)?.pai }
        }
        return result
    }

    /// Area share flagged → mean PAI, for the forecast.
    public var paiCurve: [CurvePoint] { curve { $0.model } }
    /// The same for the baseline.
    public var baselinePAICurve: [CurvePoint] { curve { $0.baseline } }

    private func curve(_ scores: ((flagging: HotspotFlagging, model: [Double], baseline: [Double])) -> [Double]) -> [CurvePoint] {
        Self.curveShares.map { share in
            CurvePoint(x: share, y: average { $0.flagging.score(by: scores($0), share: share)?.pai })
        }
    }

    private func average(_ value: ((flagging: HotspotFlagging, model: [Double], baseline: [Double])) -> Double?) -> Double {
        let values = weeks.compactMap(value)
        return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
