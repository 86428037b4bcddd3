extension CityRollupIndex {
    /// Adds a change to a grid cell of a month (and to the month's all-types cell).
    mutating func addGrid(year: Int, month: Int, primaryType: String, cell: Int, incidents: Int64) {
        let bucket = year * 12 + month - 1
        let low = UInt32(truncatingIfNeeded: cell)
        grids.add(bucket, SortedCells<Int64>.key(high: UInt32(bitPattern: types.intern(primaryType)), low: low), incidents,
                  sorted: !loading)
        grids.add(bucket, SortedCells<Int64>.key(high: Self.allTypesSlot, low: low), incidents, sorted: !loading)
    }

    /// Non-empty `(month, cell, incidents)` of the year's grids, one type or all (empty),
    /// ascending by month and cell.
    func gridCells(year: Int, primaryType: String) -> [(month: Int, cell: Int, count: Int64)] {
        guard let type = typeSlot(primaryType) else { return [] }
        var result: [(month: Int, cell: Int, count: Int64)] = []
        for month in 1...12 {
            guard let cells = grids[year * 12 + month - 1] else { continue }
            for position in cells.group(type) where cells.counts[position] > 0 {
                result.append((month, Int(cells.low(at: position)), cells.counts[position]))
            }
        }
        return result
    }
}
