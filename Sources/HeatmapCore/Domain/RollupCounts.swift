/// Incident, arrest and domestic counts that add up (deltas may be negative).
package struct RollupCounts: Sendable, Hashable {
    package var incidents: Int64
    package var arrests: Int64
    package var domestic: Int64

    package init(incidents: Int64 = 0, arrests: Int64 = 0, domestic: Int64 = 0) {
        self.incidents = incidents
        self.arrests = arrests
        self.domestic = domestic
    }

    package static func += (lhs: inout RollupCounts, rhs: RollupCounts) {
        lhs.incidents += rhs.incidents
        lhs.arrests += rhs.arrests
        lhs.domestic += rhs.domestic
    }

    package var isZero: Bool { incidents == 0 && arrests == 0 && domestic == 0 }
}
