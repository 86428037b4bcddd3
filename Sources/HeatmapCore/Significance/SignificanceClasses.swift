/// Gi* z, p, Benjamini–Hochberg q and the class of every unit of a region.
struct SignificanceClasses: Sendable, Equatable {
    let z: [Double]
    let p: [Double]
    let q: [Double]
    /// `hot` (q ≤ alpha, z > 0), `cold` (q ≤ alpha, z < 0) or empty.
    let classes: [String]

    init(counts: [Int64], neighbours: [[Int]], alpha: Double) {
        let gi = GetisOrdStar(counts: counts.map(Double.init), neighbours: neighbours)
        z = gi.z
        p = gi.p
        q = BenjaminiHochberg.qValues(gi.p)
        classes = zip(gi.z, q).map { z, q in
            guard q <= alpha else { return "" }
            return z > 0 ? "hot" : z < 0 ? "cold" : ""
        }
    }
}
