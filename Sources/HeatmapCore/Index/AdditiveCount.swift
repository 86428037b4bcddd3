/// A count held by the in-memory rollups: it adds up (deltas may be negative) and can be zero.
protocol AdditiveCount: Sendable {
    static var zero: Self { get }
    static func += (lhs: inout Self, rhs: Self)
    var isZero: Bool { get }
}

extension RollupCounts: AdditiveCount {
    static var zero: RollupCounts { RollupCounts() }
}

extension Int64: AdditiveCount {
    var isZero: Bool { self == 0 }
}
