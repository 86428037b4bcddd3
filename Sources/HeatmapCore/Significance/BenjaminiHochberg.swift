/// Benjamini–Hochberg false-discovery-rate adjusted p-values (q-values): with the m p-values
/// sorted ascending, q_(k) = min over j ≥ k of p_(j) · m / j, capped at 1. A unit is a
/// discovery at level alpha when q ≤ alpha (the step-up procedure's rejections).
enum BenjaminiHochberg {
    /// The q-value of each p, in the order given.
    static func qValues(_ p: [Double]) -> [Double] {
        let m = p.count
        guard m > 0 else { return [] }
        let order = p.indices.sorted { p[$0] != p[$1] ? p[$0] < p[$1] : $0 < $1 }
        var q = [Double](repeating: 1, count: m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            let unit = order[rank - 1]
            running = min(running, p[unit] * Double(m) / Double(rank))
            q[unit] = min(1, running)
        }
        return q
    }
}
