import Foundation

/// The simple rules the forecast is held to: each predicts an area's count for a target week from
/// the weeks up to the forecast origin only. The strongest on the validation weeks (mean PAI at
/// 10 % of the area, 1 week ahead) is the baseline that is published next to the model.
package enum BaselineRule: String, Sendable, CaseIterable {
    /// The mean of the four weeks up to the origin.
    case mean4 = "mean_4"
    /// The mean of the 52 weeks up to the origin (fewer at the data's start).
    case mean52 = "mean_52"
    /// The count of the week 52 weeks before the target (the mean of the last 52 weeks when that
    /// week lies before the data or after the origin).
    case sameWeekLastYear = "same_week_last_year"
    /// An exponentially weighted mean of every week up to the origin, weight halving every 8 weeks.
    case exponentialMean = "ewm_8"

    /// Its index in ``allCases``: the published `baseline_rule` metric.
    package var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// What the methodology page and the CLI call it.
    package var label: String {
        switch self {
        case .mean4: return "mean of the last 4 weeks"
        case .mean52: return "mean of the last 52 weeks"
        case .sameWeekLastYear: return "same week last year"
        case .exponentialMean: return "exponentially weighted mean (half-life 8 weeks)"
        }
    }

    /// Weeks after which the exponential mean's weight halves.
    static let halfLifeWeeks = 8.0

    /// The rule's count for (`group`, `area`) at target week index `target`, forecast `horizon` weeks ahead.
    package func predict(_ features: ForecastFeatures, group: Int, area: Int, target: Int, horizon: Int) -> Double {
        let origin = target - horizon
        switch self {
        case .mean4:
            return features.mean(group: group, area: area, origin: origin, span: 4)
        case .mean52:
            return features.mean(group: group, area: area, origin: origin, span: 52)
        case .sameWeekLastYear:
            let lastYear = target - 52
            guard lastYear >= 0, lastYear <= origin else { return features.mean(group: group, area: area, origin: origin, span: 52) }
            return features.panel.count(group: group, area: area, week: lastYear)
        case .exponentialMean:
            let decay = pow(0.5, 1 / Self.halfLifeWeeks)
            var weighted = 0.0, weights = 0.0, weight = 1.0
            var week = origin
            // Weights below 1e-4 of the newest change nothing a ranking can see.
            while week >= 0, weight > 1e-4 {
                weighted += weight * features.panel.count(group: group, area: area, week: week)
                weights += weight
                weight *= decay
                week -= 1
            }
            return weights > 0 ? weighted / weights : .nan
        }
    }
}
