extension CityRollupIndex {
    /// The positive cells of one month, one type or all (empty).
    func hexCells(month: Int, primaryType: String) -> [(cell: HexCellID, count: Int64)] {
        guard let type = typeSlot(primaryType), let cells = hex[HexBucket(month: month, type: type)] else { return [] }
        var result: [(cell: HexCellID, count: Int64)] = []
        result.reserveCapacity(cells.keys.count)
        for (position, key) in cells.keys.enumerated() where cells.counts[position] > 0 {
            let q = Int(Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: key >> 32)))
            let r = Int(Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: key)))
            result.append((HexCellID(q: q, r: r), cells.counts[position]))
        }
        return result
    }
}

/// A month of one type (or all types) in the in-memory hex rollup.
struct HexBucket: Sendable, Hashable {
    /// `year * 12 + month - 1`.
    var month: Int
    /// A type slot, or ``CityRollupIndex/allTypesSlot``.
    var type: UInt32
}
