/// Axial coordinates of a hex cell.
public struct HexCellID: Sendable, Hashable, Comparable {
    public var q: Int
    public var r: Int

    public init(q: Int, r: Int) {
        self.q = q
        self.r = r
    }

    public static func < (lhs: HexCellID, rhs: HexCellID) -> Bool { (lhs.q, lhs.r) < (rhs.q, rhs.r) }
}
