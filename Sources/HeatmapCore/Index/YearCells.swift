/// A year's cells as a flat array (scanned by queries) with a slot map for updates.
/// Cells are never removed: one that nets to zero stays and counts nothing.
struct YearCells: Sendable {
    private(set) var cells: [RollupCell] = []
    private var slots: [RollupCellKey: Int] = [:]

    mutating func add(_ key: RollupCellKey, _ counts: RollupCounts) {
        if let slot = slots[key] {
            cells[slot].counts += counts
        } else {
            slots[key] = cells.count
            cells.append(RollupCell(area: key.area, primaryType: key.primaryType, hour: key.hour, counts: counts))
        }
    }
}
