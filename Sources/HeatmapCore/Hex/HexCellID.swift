/// Axial coordinates of a hex cell.
package struct HexCellID: Sendable, Hashable, Comparable {
    package var q: Int
    package var r: Int

    package init(q: Int, r: Int) {
        self.q = q
        self.r = r
    }

    package static func < (lhs: HexCellID, rhs: HexCellID) -> Bool { (lhs.q, lhs.r) < (rhs.q, rhs.r) }
}
