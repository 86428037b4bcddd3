/// A city's rollups in memory: the explorer's grain (year, area, type, hour), and copies of the
/// daily, weekly and monthly window buckets, the monthly grids, the hex cells and the weekly
/// series (extensions in `CityRollupIndex+*.swift`).
///
/// A beat query reads per selected year the (area, hour) and (type, hour) sums ``YearCells``
/// keeps, or one type's cells, never the whole year. A value type: readers take a copy
/// (copy-on-write) and read it without holding any lock.
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

    /// Runs the explorer query over the index: per selected year, the crime-type totals from
    /// the (type, hour) sums, and the area counts from the all-types (area, hour) sums or, for
    /// one type, from that type's cells only (docs/BENCHMARKS.md, Gateway).
    public func query(_ query: BeatQuery) -> BeatHeatmap {
        let slots = Self.hourSlots(of: query.hours), mask = Self.hourSlotMask(of: query.hours)
        var areaTotals = [RollupCounts](repeating: RollupCounts(), count: areas.count)
        var typeTotals = [Int64](repeating: 0, count: types.count)
        let wantedType: Int? = query.primaryType.map { types.slot($0).map(Int.init) ?? -1 }
        for (year, yearCells) in years where query.includes(year: year) {
            Self.sum(yearCells.typeHours, slots: slots, into: &typeTotals)
            if let wantedType {
                for cell in yearCells.cells(ofType: wantedType) where mask & 1 << UInt32(YearCells.hourSlot(cell.hour)) != 0 {
                    areaTotals[Int(cell.area)] += cell.counts
                }
            } else {
                Self.sum(yearCells.areaHours, slots: slots, into: &areaTotals)
            }
        }
        var result = BeatHeatmap()
        result.areas.reserveCapacity(areas.count)
        for slot in areas.sortedSlots {
            let counts = areaTotals[Int(slot)]
            guard counts.incidents > 0 else { continue }
            result.areas.append((areas[Int(slot)], counts))
            result.total += counts
            result.maxIncidents = max(result.maxIncidents, counts.incidents)
        }
        result.crimeTypes = typeTotals.enumerated().filter { $0.element > 0 }
            .map { (types[$0.offset], $0.element) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return result
    }

    /// The ``YearCells`` hour slots an hour filter selects, as bits (all 25 without a filter,
    /// month-only incidents included).
    static func hourSlotMask(of hours: HourFilter?) -> UInt32 {
        hours.map { $0.mask << 1 } ?? (1 << UInt32(YearCells.hourSlots)) - 1
    }

    /// The same slots, ascending.
    static func hourSlots(of hours: HourFilter?) -> [Int] {
        let mask = hourSlotMask(of: hours)
        return (0..<YearCells.hourSlots).filter { mask & 1 << UInt32($0) != 0 }
    }

    /// Adds row `r` of `table` (rows of ``YearCells/hourSlots`` columns) summed over `slots` to `totals[r]`.
    private static func sum<Count: AdditiveCount>(_ table: [Count], slots: [Int], into totals: inout [Count]) {
        let width = YearCells.hourSlots
        table.withUnsafeBufferPointer { table in
            totals.withUnsafeMutableBufferPointer { totals in
                for row in 0..<min(table.count / width, totals.count) {
                    var total = Count.zero
                    for slot in slots { total += table[row * width + slot] }
                    totals[row] += total
                }
            }
        }
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
        years.values.reduce(0) { $0 + $1.cellCount } + window.cellCount + grids.cellCount + series.cellCount + hex.cellCount
    }

    /// The years with any cell, ascending.
    var yearsWithCells: [Int] { years.keys.sorted() }

    var areaCount: Int { areas.count }
    var typeCount: Int { types.count }
    func typeName(_ slot: Int) -> String { types[slot] }

    /// Calls `body` with every cell of the years `query` selects (no other filter).
    func forEachCell(inYearsOf query: BeatQuery, _ body: (RollupCell) -> Void) {
        for (year, yearCells) in years where query.includes(year: year) {
            yearCells.forEachCell(body)
        }
    }
}
