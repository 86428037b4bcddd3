/// A year's cells, kept three ways so a beat query never scans more than it needs:
/// - the cells grouped by type (a type-filtered query scans only its type's cells),
/// - all types summed per (area, hour slot) (the all-types query reads 25 counts per area),
/// - incidents per (type, hour slot) (the crime-type totals).
///
/// Every ``add(_:_:)`` updates all three, so they always agree (deltas may be negative). Cells
/// are never removed: one that nets to zero stays and counts nothing.
struct YearCells: Sendable {
    /// Hour slots per area or type: slot 0 holds cells without an hour 0-23 (month-only
    /// incidents), slot `h + 1` hour `h`.
    static let hourSlots = 25

    /// Cells by type slot; a type never seen this year has an empty (or no) array.
    private(set) var cellsByType: [[RollupCell]] = []
    /// All types summed: `areaHours[area * hourSlots + slot]`.
    private(set) var areaHours: [RollupCounts] = []
    /// Incidents of all areas: `typeHours[type * hourSlots + slot]`.
    private(set) var typeHours: [Int64] = []
    /// Where each cell is in its type's array.
    private var positions = CellPositions()

    /// The hour slot of a cell's hour.
    @inline(__always)
    static func hourSlot(_ hour: Int8) -> Int {
        (0...23).contains(hour) ? Int(hour) + 1 : 0
    }

    mutating func add(_ key: RollupCellKey, _ counts: RollupCounts) {
        let type = Int(key.primaryType), area = Int(key.area), slot = Self.hourSlot(key.hour)
        if cellsByType.count <= type { cellsByType.append(contentsOf: repeatElement([], count: type + 1 - cellsByType.count)) }
        let (position, inserted) = positions.position(of: key, orInsert: cellsByType[type].count)
        if inserted {
            cellsByType[type].append(RollupCell(area: key.area, primaryType: key.primaryType, hour: key.hour, counts: counts))
        } else {
            cellsByType[type][position].counts += counts
        }
        let areaCells = (area + 1) * Self.hourSlots
        if areaHours.count < areaCells {
            areaHours.append(contentsOf: repeatElement(RollupCounts(), count: areaCells - areaHours.count))
        }
        areaHours[area * Self.hourSlots + slot] += counts
        let typeCells = (type + 1) * Self.hourSlots
        if typeHours.count < typeCells { typeHours.append(contentsOf: repeatElement(0, count: typeCells - typeHours.count)) }
        typeHours[type * Self.hourSlots + slot] += counts.incidents
    }

    /// The cells of type slot `type` (empty when the year has none).
    func cells(ofType type: Int) -> ArraySlice<RollupCell> {
        type >= 0 && type < cellsByType.count ? cellsByType[type][...] : []
    }

    /// How many cells the year holds.
    var cellCount: Int { cellsByType.reduce(0) { $0 + $1.count } }

    /// Calls `body` with every cell (grouped by type).
    func forEachCell(_ body: (RollupCell) -> Void) {
        for cells in cellsByType {
            cells.withUnsafeBufferPointer { buffer in
                for cell in buffer { body(cell) }
            }
        }
    }
}
