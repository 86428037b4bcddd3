import Contracts
@testable import PredictCore
import Testing

/// PAI, PEI and hit rate on a hand-made five-area grid, every expected value computed by hand.
///
/// Areas (km²) 1, 1, 2, 4, 2 (total 10); that week's incidents 5, 0, 6, 4, 5 (total 20).
/// The forecast 2, 3, 4, 1, 1 per area ranks by density 3 (area 1), 2 (area 0), 2 (area 2),
/// 0.5 (area 4), 0.25 (area 3); the oracle by actual density 5, 3, 2.5, 1 (areas 0, 2, 4, 3; area 1
/// had nothing and is never flagged). PEI = incidents captured ÷ the oracle's, same budget.
@Suite("Hotspot scores on a hand-made grid")
struct HotspotFlaggingTests {
    static let areaKm2: [Double] = [1, 1, 2, 4, 2]
    static let actual: [Double] = [5, 0, 6, 4, 5]
    static let model: [Double] = [2, 3, 4, 1, 1]
    let grid = HotspotFlagging(actual: actual, areaKm2: areaKm2)

    @Test("10 % of the area (1 km²): the forecast flags the empty area 1, the oracle area 0")
    func tenPercent() throws {
        #expect(grid.flagged(by: Self.model, share: 0.1) == [1])
        let score = try #require(grid.score(by: Self.model, share: 0.1))
        #expect(score.hitRate == 0 && score.areaShare == 0.1 && score.pai == 0)
        let oracle = try #require(grid.oracle(share: 0.1))
        #expect(oracle.hitRate == 0.25 && oracle.pai == 2.5)
        #expect(grid.pei(by: Self.model, share: 0.1) == 0)
    }

    @Test("20 % (2 km²): areas 1 and 0, 5 of 20 incidents, PAI 1.25; the oracle skips what overflows and empty areas")
    func twentyPercent() throws {
        #expect(grid.flagged(by: Self.model, share: 0.2) == [1, 0])
        let score = try #require(grid.score(by: Self.model, share: 0.2))
        #expect(score.hitRate == 0.25 && score.areaShare == 0.2 && score.pai == 1.25)
        // The oracle takes area 0 (1 km²); areas 2, 4 and 3 overflow; area 1 had nothing.
        #expect(grid.flagged(by: Self.actual, share: 0.2) == [0])
        #expect(grid.oracle(share: 0.2)?.pai == 2.5)
        #expect(grid.pei(by: Self.model, share: 0.2) == 1)
    }

    @Test("50 % (5 km²): areas 1, 0, 2 hold 11 of 20 in 4 km² (PAI 1.375); the oracle 16 in 5 km² (1.6); PEI 11/16")
    func fiftyPercent() throws {
        #expect(grid.flagged(by: Self.model, share: 0.5) == [1, 0, 2])
        let score = try #require(grid.score(by: Self.model, share: 0.5))
        #expect(score.hitRate == 0.55 && score.areaShare == 0.4)
        #expect(abs(score.pai - 1.375) < 1e-12)
        let oracle = try #require(grid.oracle(share: 0.5))
        #expect(oracle.hitRate == 0.8 && oracle.areaShare == 0.5 && abs(oracle.pai - 1.6) < 1e-12)
        #expect(grid.pei(by: Self.model, share: 0.5) == 0.6875)
    }

    @Test("a budget smaller than every area flags nothing (PAI 0); zero scores are never flagged; a week without incidents has no score")
    func edges() {
        #expect(grid.flagged(by: Self.model, share: 0.05).isEmpty)
        #expect(grid.score(by: Self.model, share: 0.05)?.pai == 0)
        let empty = HotspotFlagging(actual: [0, 0, 0, 0, 0], areaKm2: Self.areaKm2)
        #expect(empty.score(by: Self.model, share: 0.2) == nil && empty.pei(by: Self.model, share: 0.2) == nil)
        #expect(grid.score(by: Self.model, share: 1)?.pai == 1)
        #expect(grid.flagged(by: [0, 0, 1, 0, 0], share: 1) == [2])
    }

    @Test("the evaluation averages weeks with incidents, MAE over every cell, next to the baseline")
    func evaluation() throws {
        var evaluation = ForecastEvaluation()
        // Baseline 1 everywhere ranks by 1/km²: areas 0, 1 (1 km² each), then 2, 4, 3.
        evaluation.add(actual: Self.actual, model: Self.model, baseline: [1, 1, 1, 1, 1], areaKm2: Self.areaKm2)
        evaluation.add(actual: [0, 0, 0, 0, 0], model: [1, 0, 0, 0, 0], baseline: [0, 0, 0, 0, 0], areaKm2: Self.areaKm2)
        let metrics = evaluation.metrics
        // Model errors 3+3+2+3+4 then 1 → 16 / 10 cells; baseline 4+1+5+3+4 then 0 → 17 / 10.
        #expect(abs((metrics["mae"] ?? 0) - 1.6) < 1e-12 && abs((metrics["baseline_mae"] ?? 0) - 1.7) < 1e-12)
        #expect(metrics["test_weeks"] == 2)
        #expect(metrics["pai_10"] == 0 && metrics["baseline_pai_10"] == 2.5)
        #expect(metrics["pei_10"] == 0 && metrics["baseline_pei_10"] == 1)
        #expect(metrics["hit_rate_10"] == 0 && metrics["baseline_hit_rate_10"] == 0.25)
        #expect(metrics["pai_20"] == 1.25 && metrics["baseline_pai_20"] == 1.25 && metrics["hit_rate_20"] == 0.25)
        #expect(metrics["oracle_pai_10"] == 2.5)
        #expect(metrics["pai_5"] == 0)
        let curve = evaluation.paiCurve
        #expect(curve.map(\.x) == ForecastEvaluation.curveShares)
        #expect(curve.first { $0.x == 0.5 }.map { abs($0.y - 1.375) < 1e-12 } == true)
        #expect(curve.last?.y == 1)
        #expect(evaluation.baselinePAICurve.first { $0.x == 0.1 }?.y == 2.5)
    }
}
