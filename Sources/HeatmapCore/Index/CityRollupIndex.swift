/// A city's rollups in memory, the service's only copy of them (persisted as snapshots,
/// ``CityRollupIndex/encoded()``): the explorer's grain (year, area, type, hour), the hourly,
/// daily, weekly and monthly window buckets, the monthly grids, the hex cells, the weekly series
/// and the extent of the located incidents (queries in `CityRollupIndex+Queries.swift`, snapshots in `CityRollupIndex+Snapshot.swift`).
///
/// A beat query reads per selected year the (area, hour) and (type, hour) sums ``YearCells``
/// keeps, or one type's cells, never the whole year. A value type: readers take a copy
/// (copy-on-write) and read it without holding any lock.
package struct CityRollupIndex: Sendable {
    /// The type slot of the all-types cells (window rows of `WindowRollupKey.allTypes`; grid and
    /// hex cells summed over types here).
    static let allTypesSlot = UInt32.max

    package let city: String
    var areas = NameSlots()
    var types = NameSlots()
    var groups = NameSlots()
    var years: [Int: YearCells] = [:]
    /// Net incidents per month number (`year * 12 + month - 1`).
    var monthIncidents: [Int: Int64] = [:]
    /// Daily, weekly and monthly window buckets; key (type slot or all types, area slot).
    var window = BucketedCells<WindowBucket, CompactCounts>()
    /// Hourly window buckets by hour start; key (type slot, area slot), per type only (an
    /// all-types hour is summed from its few dozen cells when read).
    var hourly = BucketedCells<Int64, CompactCounts>()
    /// Grid cells by month number; key (type slot or all types, cell).
    var grids = BucketedCells<Int, Int64>()
    /// Series cells by week start; key (crime group slot, area slot).
    var series = BucketedCells<Int64, Int64>()
    /// Hex cells by month number and type slot; key (q, r) as two 32-bit halves.
    var hex = BucketedCells<HexBucket, Int64>()
    /// The bounding box of the city's located incidents (grows only), for ListCities.
    var extent: RollupBatch.Extent?
    /// The start of the newest hour with an incident (kept by ``finishLoading()``).
    var newestHour: Int64?
    /// While a snapshot is read or a batch applied: cells are appended unordered and each touched
    /// bucket sorted once at the end (``finishLoading()``); inserting each in order cost quadratic
    /// moves in large buckets.
    var loading = false

    package init(city: String) {
        self.city = city
    }

    /// Adds a change to one rollup cell (month and day of week are summed out).
    mutating func add(area: String, primaryType: String, year: Int, month: Int, hour: Int, counts: RollupCounts) {
        let key = RollupCellKey(area: areas.intern(area), primaryType: types.intern(primaryType), hour: Int8(clamping: hour))
        years[year, default: YearCells()].add(key, counts)
        monthIncidents[year * 12 + month - 1, default: 0] += counts.incidents
    }

    /// Months with incidents, as `YYYY-MM`, ascending.
    var availableMonths: [String] {
        monthIncidents.filter { $0.value > 0 }.keys.sorted().map { number in
            let year = number / 12, month = number % 12 + 1
            return "\(year)-\(month < 10 ? "0" : "")\(month)"
        }
    }

    /// Runs the explorer query over the index: per selected year, the crime-type totals from
    /// the (type, hour) sums, and the area counts from the all-types (area, hour) sums or, for
    /// one type, from that type's cells only (docs/BENCHMARKS.md, Gateway).
    func query(_ query: BeatQuery) -> BeatHeatmap {
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
        hourly.sortAll()
        grids.sortAll()
        series.sortAll()
        hex.sortAll()
        newestHour = findNewestHour()
        loading = false
    }

    /// Widens the extent to `box`.
    mutating func include(_ box: RollupBatch.Extent) {
        guard var extent else {
            extent = box
            return
        }
        extent.minLon = min(extent.minLon, box.minLon)
        extent.minLat = min(extent.minLat, box.minLat)
        extent.maxLon = max(extent.maxLon, box.maxLon)
        extent.maxLat = max(extent.maxLat, box.maxLat)
        self.extent = extent
    }

    /// The newest hour bucket with a positive cell: usually the largest key, so only when that
    /// one has netted to zero are the others sorted.
    private func findNewestHour() -> Int64? {
        func hasIncidents(_ start: Int64) -> Bool { hourly[start]?.counts.contains { $0.incidents > 0 } ?? false }
        guard let newest = hourly.buckets.keys.max() else { return nil }
        if hasIncidents(newest) { return newest }
        return hourly.buckets.keys.sorted(by: >).first(where: hasIncidents)
    }

    /// How many cells the city's in-memory rollups hold (beat grain, window, hourly, grid, series, hex).
    var cellCount: Int {
        years.values.reduce(0) { $0 + $1.cellCount } + window.cellCount + hourly.cellCount + grids.cellCount + series.cellCount
            + hex.cellCount
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

extension CityRollupIndex {
    /// Adds prepared deltas (one segment of a batch, naming `names` by index) to every rollup: the
    /// beat grain and month total, the window buckets of each grain (per type and all types;
    /// hourly per type only), the series week, the grid and hex cells of its month (per type and
    /// all types). Cells are appended unordered: the caller sets ``loading`` first and calls ``finishLoading()`` after the batch.
    mutating func add(_ deltas: ArraySlice<RollupBatch.Delta>, names: [String]) {
        // Each name of the segment is interned once, on first use (so slots are given in the
        // order the deltas first name them, as when every delta interned its own names).
        var areaSlots = [Int32](repeating: -1, count: names.count), typeSlots = areaSlots, groupSlots = areaSlots
        for delta in deltas {
            let area = Int(delta.area), type = Int(delta.primaryType)
            if areaSlots[area] < 0 { areaSlots[area] = areas.intern(names[area]) }
            if typeSlots[type] < 0 { typeSlots[type] = types.intern(names[type]) }
            var groupSlot: Int32 = -1
            if !delta.monthOnly {
                let group = Int(delta.category)
                if groupSlots[group] < 0 { groupSlots[group] = groups.intern(names[group]) }
                groupSlot = groupSlots[group]
            }
            add(delta, areaSlot: areaSlots[area], typeSlot: typeSlots[type], groupSlot: groupSlot)
        }
    }

    /// Adds one delta whose names have the slots given (`groupSlot` only used for timed incidents).
    private mutating func add(_ delta: RollupBatch.Delta, areaSlot: Int32, typeSlot: Int32, groupSlot: Int32) {
        years[delta.year, default: YearCells()].add(RollupCellKey(area: areaSlot, primaryType: typeSlot, hour: delta.hour), delta.counts)
        monthIncidents[delta.monthNumber, default: 0] += delta.counts.incidents
        let area = UInt32(bitPattern: areaSlot), type = UInt32(bitPattern: typeSlot)
        let typeKey = SortedCells<CompactCounts>.key(high: type, low: area)
        let allKey = SortedCells<CompactCounts>.key(high: Self.allTypesSlot, low: area)
        let counts = CompactCounts(delta.counts)
        if !delta.monthOnly {
            hourly.add(delta.hourStart, typeKey, counts, sorted: false)
            let day = WindowBucket(grain: .daily, start: delta.dayStart), week = WindowBucket(grain: .weekly, start: delta.weekStart)
            window.add(day, typeKey, counts, sorted: false)
            window.add(day, allKey, counts, sorted: false)
            window.add(week, typeKey, counts, sorted: false)
            window.add(week, allKey, counts, sorted: false)
            let group = UInt32(bitPattern: groupSlot)
            series.add(delta.weekStart, SortedCells<Int64>.key(high: group, low: area), delta.counts.incidents, sorted: false)
        }
        let month = WindowBucket(grain: .monthly, start: delta.monthStart)
        window.add(month, typeKey, counts, sorted: false)
        window.add(month, allKey, counts, sorted: false)
        if delta.gridCell >= 0 {
            let cell = UInt32(bitPattern: delta.gridCell)
            grids.add(delta.monthNumber, SortedCells<Int64>.key(high: type, low: cell), delta.counts.incidents, sorted: false)
            grids.add(delta.monthNumber, SortedCells<Int64>.key(high: Self.allTypesSlot, low: cell), delta.counts.incidents, sorted: false)
        }
        if let hexCell = delta.hex {
            let key = SortedCells<Int64>.key(high: UInt32(bitPattern: hexCell.q), low: UInt32(bitPattern: hexCell.r))
            hex.add(HexBucket(month: delta.monthNumber, type: type), key, delta.counts.incidents, sorted: false)
            hex.add(HexBucket(month: delta.monthNumber, type: Self.allTypesSlot), key, delta.counts.incidents, sorted: false)
        }
    }
}
