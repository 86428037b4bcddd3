import Foundation

/// Getis–Ord Gi* with binary contiguity weights that include the unit itself, as PySAL's
/// `esda.G_Local(y, w, transform="B", star=True)` defines its z-scores (`Zs`): for each unit
/// i of n, with x̄ = mean(y), s = √(mean(y²) − x̄²), W_i = Σ_j w_ij (the unit included) and
/// S1_i = Σ_j w_ij² (= W_i for binary weights),
///
///     Gi* = (Σ_j w_ij y_j − x̄ W_i) / (s · √((n·S1_i − W_i²) / (n − 1)))
///
/// and the two-sided normal p = 2 (1 − Φ(|z|)) = erfc(|z| / √2). Degenerate cases, where esda
/// divides by zero and answers NaN: s = 0 (every unit has the same count, zeros included) and a
/// unit whose neighbourhood is the whole region (n·S1_i = W_i²) get z = 0, p = 1; so does n < 2.
struct GetisOrdStar: Sendable, Equatable {
    /// Gi* z-score per unit.
    let z: [Double]
    /// Two-sided normal p per unit.
    let p: [Double]

    /// - Parameters:
    ///   - counts: y, one value per unit.
    ///   - neighbours: per unit, the indices of its neighbours (the unit itself may or may not
    ///     be listed: it is always counted once; duplicates and out-of-range indices are ignored).
    init(counts: [Double], neighbours: [[Int]]) {
        let n = counts.count
        guard n >= 2 else {
            z = Array(repeating: 0, count: n)
            p = Array(repeating: 1, count: n)
            return
        }
        let count = Double(n)
        let mean = counts.reduce(0, +) / count
        let meanOfSquares = counts.reduce(0) { $0 + $1 * $1 } / count
        let variance = meanOfSquares - mean * mean
        // Floating-point noise on equal counts must not turn into huge z-scores.
        let flat = variance <= 1e-12 * max(1, meanOfSquares)
        let s = flat ? 0 : variance.squareRoot()
        var zs = [Double](repeating: 0, count: n)
        for unit in 0..<n {
            var members: Set<Int> = [unit]
            for other in neighbours.indices.contains(unit) ? neighbours[unit] : [] where (0..<n).contains(other) {
                members.insert(other)
            }
            let weightSum = Double(members.count)
            let lag = members.reduce(0.0) { $0 + counts[$1] }
            let spread = (count * weightSum - weightSum * weightSum) / (count - 1)
            guard !flat, spread > 0 else { continue }
            zs[unit] = (lag - mean * weightSum) / (s * spread.squareRoot())
        }
        z = zs
        p = zs.map { Self.twoSidedP($0) }
    }

    /// 2 (1 − Φ(|z|)), computed as erfc(|z| / √2) so that tails keep their precision.
    static func twoSidedP(_ z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }
}
