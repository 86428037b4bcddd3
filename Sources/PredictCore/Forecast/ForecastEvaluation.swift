import Contracts

/// The forecast's test-week scores next to the published baseline (the simple rule that was
/// strongest on the validation weeks, see ``BaselineRule``): hit rate, PAI and PEI at 5 %, 10 % and
/// 20 % of the city's area with bootstrap 95 % intervals over the test weeks for the model, the
/// baseline and their difference, MAE, and PAI curves. Weekly scores are averaged over the weeks
/// with incidents.
package struct ForecastEvaluation: Sendable {
    /// The area budgets reported as metrics (`pai_5`, `pai_10`, `pai_20`, …).
    package static let reportedShares: [Int] = [5, 10, 20]
    /// The area budgets of the PAI curves.
    static let curveShares: [Double] = [0.01, 0.02, 0.03, 0.05, 0.075, 0.10, 0.15, 0.20, 0.25, 0.30, 0.40, 0.50, 0.75, 1.0]
    /// The hotspot scores with intervals, as metric-name prefixes.
    static let scoreNames = ["hit_rate", "pai", "pei"]

    private typealias Week = (flagging: HotspotFlagging, model: [Double], baseline: [Double])
    private var weeks: [Week] = []
    private var absoluteError = 0.0, baselineAbsoluteError = 0.0, cells = 0

    package init() {}

    /// Adds one test week: per area the actual count, the forecast, the baseline and the area size.
    mutating func add(actual: [Double], model: [Double], baseline: [Double], areaKm2: [Double]) {
        weeks.append((HotspotFlagging(actual: actual, areaKm2: areaKm2), model, baseline))
        for index in actual.indices {
            absoluteError += abs(model[index] - actual[index])
            baselineAbsoluteError += abs(baseline[index] - actual[index])
        }
        cells += actual.count
    }

    /// Per week with incidents, the score `name` (`hit_rate`, `pai`, `pei`) at `share` of the area
    /// of a ranking chosen from the week.
    private func weekly(_ name: String, share: Double, by scores: (Week) -> [Double]) -> [Double] {
        weeks.compactMap { week in
            switch name {
            case "pei": return week.flagging.pei(by: scores(week), share: share)
            case "pai": return week.flagging.score(by: scores(week), share: share)?.pai
            default: return week.flagging.score(by: scores(week), share: share)?.hitRate
            }
        }
    }

    /// The metrics: for each of `hit_rate`, `pai`, `pei` at N % the model's mean `X_N` with
    /// `X_N_low` / `X_N_high`, the same with `baseline_` and `difference_` (model − baseline, per
    /// week) in front; `oracle_pai_N`, `mae`, `baseline_mae`, `test_weeks`.
    package var metrics: [String: Double] {
        var result: [String: Double] = [
            "mae": cells > 0 ? absoluteError / Double(cells) : 0,
            "baseline_mae": cells > 0 ? baselineAbsoluteError / Double(cells) : 0,
            "test_weeks": Double(weeks.count),
        ]
        for percent in Self.reportedShares {
            let share = Double(percent) / 100
            for name in Self.scoreNames {
                let model = weekly(name, share: share) { $0.model }, baseline = weekly(name, share: share) { $0.baseline }
                let difference = zip(model, baseline).map { $0 - $1 }
                let intervals = BootstrapInterval.paired([model, baseline, difference])
                for (prefix, interval) in zip(["", "baseline_", "difference_"], intervals) {
                    let key = "\(prefix)\(name)_\(percent)"
                    result[key] = interval.mean
                    result[key + "_low"] = interval.low
                    result[key + "_high"] = interval.high
                }
            }
            let oracle = weeks.compactMap { $0.flagging.oracle(share: share)?.pai }
            result["oracle_pai_\(percent)"] = oracle.isEmpty ? 0 : oracle.reduce(0, +) / Double(oracle.count)
        }
        return result
    }

    /// Area share flagged → mean PAI, for the forecast.
    var paiCurve: [CurvePoint] { curve { $0.model } }
    /// The same for the baseline.
    var baselinePAICurve: [CurvePoint] { curve { $0.baseline } }

    private func curve(_ scores: (Week) -> [Double]) -> [CurvePoint] {
        Self.curveShares.map { share in
            let values = weekly("pai", share: share, by: scores)
            return CurvePoint(x: share, y: values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count))
        }
    }
}
