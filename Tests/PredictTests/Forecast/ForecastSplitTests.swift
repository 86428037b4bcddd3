import Contracts
@testable import PredictCore
import Testing

/// The time split: calendar years when there are three, a labelled 60/20/20 cut otherwise, and no
/// training row that sees (as target or feature) a week of the validation or test span.
@Suite("Forecast time split")
struct ForecastSplitTests {
    /// Two areas 0.1° apart with counts that depend on week and area (and a perturbation after `from`).
    static func panel(first: String, weeks: Int, perturbFrom: Int? = nil) throws -> WeeklyPanel {
        let start = try ForecastWeek(parsing: first)
        var series: [AreaSeries] = []
        for (area, id) in ["a", "b"].enumerated() {
            for (group, name) in ["property", "violent"].enumerated() {
                var counts: [UInt32] = []
                for week in 0..<weeks {
                    let base = (week * 7 + area * 3 + group) % 11
                    let bump = perturbFrom.map { week >= $0 ? 100 : 0 } ?? 0
                    counts.append(UInt32(base + bump))
                }
                series.append(AreaSeries(area: id, crimeGroup: name, firstWeekLocalSeconds: start.localSeconds, weeklyCounts: counts))
            }
        }
        return WeeklyPanel(series: series, areas: ["b", "a"], firstWeek: start, weekCount: weeks)
    }

    @Test("2014-2017: train through 2015, validate 2016, test 2017")
    func byYear() throws {
        let panel = try Self.panel(first: "2014-01-06", weeks: 208)
        #expect(panel.groups == ["all", "property", "violent"] && panel.areas == ["a", "b"])
        #expect(panel.count(group: 0, area: 1, week: 5) == panel.count(group: 1, area: 1, week: 5) + panel.count(group: 2, area: 1, week: 5))
        let split = ForecastSplit(panel: panel, firstTarget: 4)
        #expect(split.byYear)
        #expect(panel.week(at: split.train.lowerBound).description == "2014-02-03")
        #expect(panel.week(at: split.validation.lowerBound).description == "2016-01-04")
        #expect(panel.week(at: split.test.lowerBound).description == "2017-01-02")
        #expect(panel.week(at: split.test.upperBound - 1).description == "2017-12-25")
        #expect(split.windows(in: panel).test.hasPrefix("2017-01-02 – 2017-12-31 (52 target weeks, by calendar year)"))
    }

    @Test("one year: a 60/20/20 cut in time order, labelled as such")
    func oneYear() throws {
        let panel = try Self.panel(first: "2017-01-02", weeks: 52)
        let split = ForecastSplit(panel: panel, firstTarget: 4)
        #expect(!split.byYear)
        #expect(split.train == 4..<34 && split.validation == 34..<43 && split.test == 43..<52)
        #expect(split.windows(in: panel).test.contains("60/20/20"))
    }

    @Test("no leakage: changing every week from the validation start on leaves the training rows unchanged")
    func noLeakage() throws {
        let clean = try Self.panel(first: "2014-01-06", weeks: 208)
        let split = ForecastSplit(panel: clean, firstTarget: 4)
        let perturbed = try Self.panel(first: "2014-01-06", weeks: 208, perturbFrom: split.validation.lowerBound)
        for horizon in 1...4 {
            let rows = { (panel: WeeklyPanel) in
                ForecastDataset(features: ForecastFeatures(panel: panel, neighbours: BeatNeighbours(centroids: [(0, 0), (0.1, 0)])),
                                targets: split.train, horizon: horizon, groups: Array(panel.groups.indices))
            }
            let a = rows(clean), b = rows(perturbed)
            #expect(a.rowCount > 0 && a.keys.allSatisfy { $0.target < split.validation.lowerBound })
            #expect(a.labels == b.labels, "horizon \(horizon)")
            #expect(zip(a.features, b.features).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "horizon \(horizon)")
            // The validation rows do see the change (the check can fail).
            let validation = { (panel: WeeklyPanel) in
                ForecastDataset(features: ForecastFeatures(panel: panel, neighbours: BeatNeighbours(centroids: [(0, 0), (0.1, 0)])),
                                targets: split.validation, horizon: horizon, groups: [0])
            }
            #expect(validation(clean).labels != validation(perturbed).labels)
        }
    }
}
