extension CityRollupIndex {
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
