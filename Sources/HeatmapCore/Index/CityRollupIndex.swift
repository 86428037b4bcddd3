/// A city's rollup in memory, at the grain the explorer filters on: (year, area, type, hour).
///
/// A query is one linear scan of the selected years' cells (docs/BENCHMARKS.md: GetBeatHeatmap
/// p50 0.4 ms for one Chicago year, 1.5 ms for eight, through the RPC). A value type: readers
/// take a copy (copy-on-write) and scan it without holding any lock.
public struct CityRollupIndex: Sendable {
    public let city: String
    private var areaNames: [String] = []
    private var areaSlots: [String: Int32] = [:]
    private var typeNames: [String] = []
    private var typeSlots: [String: Int32] = [:]
    private var years: [Int: YearCells] = [:]
    /// Net incidents per month number (`year * 12 + month - 1`).
    private var monthIncidents: [Int: Int64] = [:]

    public init(city: String) {
        self.city = city
    }

    /// Adds a change to one rollup cell (month and day of week are summed out).
    public mutating func add(area: String, primaryType: String, year: Int, month: Int, hour: Int, counts: RollupCounts) {
        let key = RollupCellKey(area: Self.slot(area, names: &areaNames, slots: &areaSlots),
                                primaryType: Self.slot(primaryType, names: &typeNames, slots: &typeSlots),
                                hour: Int8(clamping: hour))
        years[year, default: YearCells()].add(key, counts)
        monthIncidents[year * 12 + month - 1, default: 0] += counts.incidents
    }

    /// Months with incidents, as `YYYY-MM`, ascending.
    public var availableMonths: [String] {
        monthIncidents.filter { $0.value > 0 }.keys.sorted().map { number in
            let year = number / 12, month = number % 12 + 1
            return "\(year)-\(month < 10 ? "0" : "")\(month)"
        }
    }

    /// Runs the explorer query over the index.
    public func query(_ query: BeatQuery) -> BeatHeatmap {
        var areaTotals = [RollupCounts](repeating: RollupCounts(), count: areaNames.count)
        var typeTotals = [Int64](repeating: 0, count: typeNames.count)
        let wantedType: Int32? = query.primaryType.map { typeSlots[$0] ?? -1 }
        for (year, yearCells) in years where query.includes(year: year) {
            yearCells.cells.withUnsafeBufferPointer { cells in
                for cell in cells {
                    if let hours = query.hours, !hours.contains(cell.hour) { continue }
                    typeTotals[Int(cell.primaryType)] += cell.counts.incidents
                    if let wantedType, cell.primaryType != wantedType { continue }
                    areaTotals[Int(cell.area)] += cell.counts
                }
            }
        }
        var result = BeatHeatmap()
        for (slot, counts) in areaTotals.enumerated() where counts.incidents > 0 {
            result.areas.append((areaNames[slot], counts))
            result.total += counts
            result.maxIncidents = max(result.maxIncidents, counts.incidents)
        }
        result.areas.sort { $0.area < $1.area }
        result.crimeTypes = typeTotals.enumerated().filter { $0.element > 0 }
            .map { (typeNames[$0.offset], $0.element) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return result
    }

    /// The slot of `area`, nil when the city has never had it.
    func areaSlot(_ area: String) -> Int32? { areaSlots[area] }

    var areaCount: Int { areaNames.count }
    var typeCount: Int { typeNames.count }
    func typeName(_ slot: Int) -> String { typeNames[slot] }

    /// Calls `body` with every cell of the years `query` selects (no other filter).
    func forEachCell(inYearsOf query: BeatQuery, _ body: (RollupCell) -> Void) {
        for (year, yearCells) in years where query.includes(year: year) {
            yearCells.cells.withUnsafeBufferPointer { cells in
                for cell in cells { body(cell) }
            }
        }
    }

    private static func slot(_ name: String, names: inout [String], slots: inout [String: Int32]) -> Int32 {
        if let slot = slots[name] { return slot }
        let slot = Int32(names.count)
        names.append(name)
        slots[name] = slot
        return slot
    }
}
