/// The counts of one window cell (an area's incidents of one type, or all types, in one hour,
/// day, week or month), in 32 bits each: even a month of all types in one area is far below
/// 2^31, and the window grains hold most of the index's cells (about three per incident), so
/// halving their counts keeps the index within its memory budget (docs/BENCHMARKS.md, Heatmap:
/// snapshot + log).
struct CompactCounts: Sendable, Hashable, AdditiveCount {
    var incidents: Int32
    var arrests: Int32
    var domestic: Int32

    init(incidents: Int32 = 0, arrests: Int32 = 0, domestic: Int32 = 0) {
        self.incidents = incidents
        self.arrests = arrests
        self.domestic = domestic
    }

    init(_ counts: RollupCounts) {
        self.init(incidents: Int32(truncatingIfNeeded: counts.incidents), arrests: Int32(truncatingIfNeeded: counts.arrests),
                  domestic: Int32(truncatingIfNeeded: counts.domestic))
    }

    static var zero: CompactCounts { CompactCounts() }

    static func += (lhs: inout CompactCounts, rhs: CompactCounts) {
        lhs.incidents &+= rhs.incidents
        lhs.arrests &+= rhs.arrests
        lhs.domestic &+= rhs.domestic
    }

    var isZero: Bool { incidents == 0 && arrests == 0 && domestic == 0 }

    var rollupCounts: RollupCounts {
        RollupCounts(incidents: Int64(incidents), arrests: Int64(arrests), domestic: Int64(domestic))
    }
}
