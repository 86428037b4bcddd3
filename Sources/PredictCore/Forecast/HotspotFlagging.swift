/// Hotspot scores for one week over a set of areas of unequal size, as the hotspot literature
/// measures a forecast (Chainey et al. 2008 for the PAI, Hunt 2016 for the PEI).
///
/// Flagging with an area budget `share` of the city: areas with a positive score are ranked by
/// their score per km² (expected incidents per km²; ties by area index), walked in that order, and
/// each area that still fits in the budget is flagged (areas that would overflow it are skipped,
/// later smaller ones may still fit; areas expected to have nothing are never flagged). The
/// **oracle** flags the same way ranked by the week's actual incidents per km²: the best flagging
/// the week allowed (up to the knapsack's rounding, so the PEI can exceed 1 by a hair).
struct HotspotFlagging: Sendable {
    /// Incidents per area in the week.
    let actual: [Double]
    /// Each area's size in km².
    let areaKm2: [Double]

    init(actual: [Double], areaKm2: [Double]) {
        self.actual = actual
        self.areaKm2 = areaKm2
    }

    /// One flagging's scores.
    struct Score: Sendable, Equatable {
        /// Share of the week's incidents inside the flagged areas (the hit rate).
        let hitRate: Double
        /// Share of the city's area flagged.
        let areaShare: Double
        /// Prediction Accuracy Index: hit rate ÷ area share (0 when nothing is flagged).
        var pai: Double { areaShare > 0 ? hitRate / areaShare : 0 }
    }

    /// The indices of the areas flagged when ranking by `scores` with budget `share` of the area.
    func flagged(by scores: [Double], share: Double) -> [Int] {
        let total = areaKm2.reduce(0, +)
        let budget = share * total
        let order = areaKm2.indices.sorted { left, right in
            let a = density(scores[left], left), b = density(scores[right], right)
            return a != b ? a > b : left < right
        }
        var used = 0.0
        var chosen: [Int] = []
        for index in order where scores[index] > 0 && used + areaKm2[index] <= budget * (1 + 1e-12) {
            used += areaKm2[index]
            chosen.append(index)
        }
        return chosen
    }

    /// The score of flagging by `scores` with budget `share`; nil when the week had no incidents.
    func score(by scores: [Double], share: Double) -> Score? {
        let incidents = actual.reduce(0, +), total = areaKm2.reduce(0, +)
        guard incidents > 0, total > 0 else { return nil }
        let chosen = flagged(by: scores, share: share)
        let captured = chosen.reduce(0.0) { $0 + actual[$1] }
        let area = chosen.reduce(0.0) { $0 + areaKm2[$1] }
        return Score(hitRate: captured / incidents, areaShare: area / total)
    }

    /// The oracle's score (flagging by the week's actual counts).
    func oracle(share: Double) -> Score? { score(by: actual, share: share) }

    /// Predictive Efficiency Index (Hunt 2016): the incidents the forecast's flagging captured ÷
    /// those the oracle's captured with the same area budget (1 = as good as hindsight); nil
    /// without incidents.
    func pei(by scores: [Double], share: Double) -> Double? {
        guard let mine = score(by: scores, share: share), let best = oracle(share: share) else { return nil }
        return best.hitRate > 0 ? mine.hitRate / best.hitRate : 0
    }

    private func density(_ score: Double, _ index: Int) -> Double {
        areaKm2[index] > 0 ? score / areaKm2[index] : 0
    }
}
