/// The counts of one hourly window cell, in 32 bits each: an area sees at most a few dozen
/// incidents of one type in an hour, and the hourly grain holds most of the index's cells (about
/// one per incident), so halving its counts keeps the index within its memory budget
/// (docs/BENCHMARKS.md, Heatmap: snapshot + log).
struct HourCounts: Sendable, Hashable, AdditiveCount {
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

    static var zero: HourCounts { HourCounts() }

    static func += (lhs: inout HourCounts, rhs: HourCounts) {
        lhs.incidents &+= rhs.incidents
        lhs.arrests &+= rhs.arrests
        lhs.domestic &+= rhs.domestic
    }

    var isZero: Bool { incidents == 0 && arrests == 0 && domestic == 0 }

    var rollupCounts: RollupCounts {
        RollupCounts(incidents: Int64(incidents), arrests: Int64(arrests), domestic: Int64(domestic))
    }
}
