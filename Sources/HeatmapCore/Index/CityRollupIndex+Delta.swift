extension CityRollupIndex {
    /// Adds one prepared delta to every rollup: the beat grain and month total, the window
    /// buckets of each grain (per type and all types; hourly per type only), the series week,
    /// the grid and hex cells of its month (per type and all types). Cells are appended
    /// unordered: the caller sets ``loading`` first and calls ``finishLoading()`` after the batch.
    mutating func add(_ delta: RollupBatch.Delta) {
        let areaSlot = areas.intern(delta.area), typeSlot = types.intern(delta.primaryType)
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
            let group = UInt32(bitPattern: groups.intern(delta.category))
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
