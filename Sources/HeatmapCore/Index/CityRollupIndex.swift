/// A city's rollups in memory: the explorer's grain (year, area, type, hour), and copies of the
/// daily, weekly and monthly window buckets, the monthly grids, the hex cells and the weekly
/// series (extensions in `CityRollupIndex+*.swift`).
///
/// A beat query is one linear scan of the selected years' cells (docs/BENCHMARKS.md: GetBeatHeatmap
/// p50 0.4 ms for one Chicago year, 1.5 ms for eight, through the RPC). A value type: readers
/// take a copy (copy-on-write) and scan it without holding any lock.
public struct CityRollupIndex: Sendable {
    /// The type slot of the all-types cells (window rows of `WindowRollupKey.allTypes`; grid and
    /// hex cells summed over types here).
    static let allTypesSlot = UInt32.max

    public let city: String
    var areas = NameSlots()
    var types = NameSlots()
    var groups = NameSlots()
    private var years: [Int: YearCells] = [:]
    /// Net incidents per month number (`year * 12 + month - 1`).
    private var monthIncidents: [Int: Int64] = [:]
    /// Daily, weekly and monthly buckets of `heatmap.window_rollup` (hourly ones stay in SQL).
    var window = BucketedCells<WindowBucket, RollupCounts>()
    /// `heatmap.grid_rollup` by month number; key (type slot, cell).
    var grids = BucketedCells<Int, Int64>()
    /// `heatmap.series_rollup` by week start; key (crime group slot, area slot).
    var series = BucketedCells<Int64, Int64>()
    /// `heatmap.hex_rollup` by month number and type slot; key (q, r) as two 32-bit halves.
    var hex = BucketedCells<HexBucket, Int64>()
    /// While a snapshot is read or a batch applied: cells are appended unordered and each touched
    /// bucket sorted once at the end (``finishLoading()``); inserting each in order cost quadratic
    /// moves in large buckets.
    var loading = false

    public init(city: String) {
        self.city = city
    }

    /// Adds a change to one rollup cell (month and day of week are summed out).
    public mutating func add(area: String, primaryType: String, year: Int, month: Int, hour: Int, counts: RollupCounts) {
        let key = RollupCellKey(area: areas.intern(area), primaryType: types.intern(primaryType), hour: Int8(clamping: hour))
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
        var areaTotals = [RollupCounts](repeating: RollupCounts(), count: areas.count)
        var typeTotals = [Int64](repeating: 0, count: types.count)
        let wantedType: Int32? = query.primaryType.map { types.slot($0) ?? -1 }
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
            result.areas.append((areas[slot], counts))
            result.total += counts
            result.maxIncidents = max(result.maxIncidents, counts.incidents)
        }
        result.areas.sort { $0.area < $1.area }
        result.crimeTypes = typeTotals.enumerated().filter { $0.element > 0 }
            .map { (types[$0.offset], $0.element) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return result
    }

    /// The slot of `area`, nil when the city has never had it.
    func areaSlot(_ area: String) -> Int32? { areas.slot(area) }

    /// Sorts the buckets appended to while loading and leaves loading mode.
    mutating func finishLoading() {
        window.sortAll()
        grids.sortAll()
        series.sortAll()
        hex.sortAll()
        loading = false
    }

    /// How many cells the city's in-memory rollups hold (beat grain, window, grid, series, hex).
    public var cellCount: Int {
        years.values.reduce(0) { $0 + $1.cells.count } + window.cellCount + grids.cellCount + series.cellCount + hex.cellCount
    }

    /// The years with any cell, ascending.
    var yearsWithCells: [Int] { years.keys.sorted() }

    var areaCount: Int { areas.count }
    var typeCount: Int { types.count }
    func typeName(_ slot: Int) -> String { types[slot] }

    /// Calls `body` with every cell of the years `query` selects (no other filter).
    func forEachCell(inYearsOf query: BeatQuery, _ body: (RollupCell) -> Void) {
        for (year, yearCells) in years where query.includes(year: year) {
            yearCells.cells.withUnsafeBufferPointer { cells in
                for cell in cells { body(cell) }
            }
        }
    }
}
