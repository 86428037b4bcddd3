extension CityRollupIndex {
    /// Adds a change to a hex cell of a month (and to the month's all-types cell).
    mutating func addHex(month: Int, primaryType: String, q: Int, r: Int, incidents: Int64) {
        let key = SortedCells<Int64>.key(high: UInt32(truncatingIfNeeded: q), low: UInt32(truncatingIfNeeded: r))
        hex.add(HexBucket(month: month, type: UInt32(bitPattern: types.intern(primaryType))), key, incidents, sorted: !loading)
        hex.add(HexBucket(month: month, type: Self.allTypesSlot), key, incidents, sorted: !loading)
    }

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
