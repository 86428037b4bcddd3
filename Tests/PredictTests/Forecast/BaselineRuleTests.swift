import Contracts
import Foundation
@testable import PredictCore
import Testing

/// The simple rules the forecast is held to, and the bootstrap intervals, on hand-made numbers.
@Suite("Forecast baselines and bootstrap intervals")
struct BaselineRuleTests {
    /// One area, 60 weeks from Monday 2018-01-01: week w holds w incidents (0, 1, 2, …).
    static let panel = WeeklyPanel(
        series: [AreaSeries(area: "a", crimeGroup: "property", firstWeekLocalSeconds: 1_514_764_800, weeklyCounts: (0..<60).map(UInt32.init))],
        areas: ["a"], firstWeek: ForecastWeek(containingLocalSeconds: 1_514_764_800), weekCount: 60)
    let features = ForecastFeatures(panel: panel, neighbours: BeatNeighbours(lists: [[]]))

    func rule(_ rule: BaselineRule, target: Int, horizon: Int = 1) -> Double {
        rule.predict(features, group: 0, area: 0, target: target, horizon: horizon)
    }

    @Test("4- and 52-week means end at the origin (fewer weeks at the start); same week last year; 2 weeks ahead moves the origin")
    func means() {
        #expect(rule(.mean4, target: 10) == 7.5)
        #expect(rule(.mean4, target: 10, horizon: 2) == 6.5)
        #expect(rule(.mean52, target: 10) == 4.5)
        #expect(rule(.mean52, target: 59) == Double((7...58).reduce(0, +)) / 52)
        #expect(rule(.sameWeekLastYear, target: 59) == 7)
        // Before the data holds a year, the rule falls back on the 52-week mean.
        #expect(rule(.sameWeekLastYear, target: 10) == 4.5)
        #expect(BaselineRule.allCases.map(\.index) == [0, 1, 2, 3])
    }

    @Test("the exponential mean weighs week origin−k by 0.5^(k/8)")
    func exponential() {
        var weighted = 0.0, weights = 0.0
        for k in 0...9 {
            let weight = pow(0.5, Double(k) / 8)
            weighted += weight * Double(9 - k)
            weights += weight
        }
        #expect(abs(rule(.exponentialMean, target: 10) - weighted / weights) < 1e-12)
        // Recent weeks count more than in the plain mean of the same weeks (the counts rise).
        #expect(rule(.exponentialMean, target: 10) > 4.5)
    }

    @Test("bootstrap: a constant series has a zero-width interval; a paired difference always positive excludes zero; the same seed repeats")
    func bootstrap() {
        let model = [3.0, 4, 5, 6, 7, 8, 9, 10], baseline = model.map { $0 - 0.5 - 0.01 * $0 }
        let difference = zip(model, baseline).map { $0 - $1 }
        let intervals = BootstrapInterval.paired([[2, 2, 2, 2], [1, 3, 1, 3]])
        #expect(intervals[0] == BootstrapInterval(mean: 2, low: 2, high: 2))
        #expect(intervals[1].mean == 2 && intervals[1].low >= 1 && intervals[1].high <= 3 && intervals[1].low < 2 && intervals[1].high > 2)
        let paired = BootstrapInterval.paired([model, baseline, difference])
        // The model and baseline intervals overlap widely, yet their paired difference is always 0.53–0.6.
        #expect(paired[0].low < paired[1].high)
        #expect(paired[2].excludesZero && paired[2].low >= 0.53 && paired[2].high <= 0.6)
        #expect(!BootstrapInterval(mean: 0.1, low: -0.1, high: 0.3).excludesZero)
        #expect(BootstrapInterval.paired([model]) == BootstrapInterval.paired([model]))
        #expect(BootstrapInterval.paired([model], seed: 1) != BootstrapInterval.paired([model], seed: 2))
    }
}
