/// Incident, arrest and domestic counts that add up (deltas may be negative).
public struct RollupCounts: Sendable, Hashable {
    public var incidents: Int64
    public var arrests: Int64
    public var domestic: Int64

    public init(incidents: Int64 = 0, arrests: Int64 = 0, domestic: Int64 = 0) {
        self.incidents = incidents
        self.arrests = arrests
        self.domestic = domestic
    }

    public static func += (lhs: inout RollupCounts, rhs: RollupCounts) {
        lhs.incidents += rhs.incidents
        lhs.arrests += rhs.arrests
        lhs.domestic += rhs.domestic
    }

    public var isZero: Bool { incidents == 0 && arrests == 0 && domestic == 0 }
}
