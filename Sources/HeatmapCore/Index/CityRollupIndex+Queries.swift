import CivilTime

extension CityRollupIndex {
    /// The type slot of a window row's or a query's type (`WindowRollupKey.allTypes` or empty:
    /// the all-types slot), nil when the city has never had that type.
    func typeSlot(_ primaryType: String) -> UInt32? {
        if primaryType.isEmpty || primaryType == WindowRollupKey.allTypes { return Self.allTypesSlot }
        return types.slot(primaryType).map { UInt32(bitPattern: $0) }
    }

    /// Per-area sums over `spans`, one type or all (empty); areas that sum to zero are left out.
    func windowCounts(spans: [WindowPlan.Span], primaryType: String) -> [String: RollupCounts] {
        guard let type = typeSlot(primaryType) else { return [:] }
        var totals = [RollupCounts](repeating: RollupCounts(), count: areas.count)
        for span in spans {
            var start = span.from
            while start < span.to {
                if span.grain == .hourly {
                    if let cells = hourly[start] {
                        let range = type == Self.allTypesSlot ? cells.keys.indices : cells.group(type)
                        for position in range {
                            totals[Int(cells.low(at: position))] += cells.counts[position].rollupCounts
                        }
                    }
                } else if let cells = window[WindowBucket(grain: span.grain, start: start)] {
                    for position in cells.group(type) {
                        totals[Int(cells.low(at: position))] += cells.counts[position].rollupCounts
                    }
                }
                start = span.grain.nextStart(after: start)
            }
        }
        var result: [String: RollupCounts] = [:]
        for (slot, counts) in totals.enumerated() where !counts.isZero {
            result[areas[slot]] = counts
        }
        return result
    }

    /// Per-area sums of the months `[fromMonth, toMonth)` (month numbers), one type or all
    /// (empty), from the monthly buckets (which hold month-only sources too): what Check compares
    /// with ingest's recount.
    func monthCounts(fromMonth: Int, toMonth: Int, primaryType: String) -> [String: RollupCounts] {
        guard fromMonth < toMonth else { return [:] }
        let from = LocalDateTime.localSeconds(year: fromMonth / 12, month: fromMonth % 12 + 1, day: 1)
        let to = LocalDateTime.localSeconds(year: toMonth / 12, month: toMonth % 12 + 1, day: 1)
        return windowCounts(spans: [WindowPlan.Span(grain: .monthly, from: from, to: to)], primaryType: primaryType)
    }
}

/// A time bucket of the in-memory window rollup: its grain and start (local seconds).
struct WindowBucket: Sendable, Hashable {
    var grain: WindowGrain
    var start: Int64
}

/// The window rollup's key names.
enum WindowRollupKey {
    /// The type name of the window cells that count every type (not a source type: sources never
    /// write parentheses around a type); an empty type in a query means the same.
    static let allTypes = "(all)"
}

extension CityRollupIndex {
    /// Weekly counts per (area, crime group) over `weeks` weeks from the Monday `firstWeek`;
    /// series that are zero throughout are left out.
    func weeklySeries(firstWeek: Int64, weeks: Int) -> [SeriesKey: [Int64]] {
        var result: [SeriesKey: [Int64]] = [:]
        var rows: [UInt64: [Int64]] = [:]
        var week = firstWeek
        for slot in 0..<weeks {
            if let cells = series[week] {
                for (position, key) in cells.keys.enumerated() where cells.counts[position] != 0 {
                    rows[key, default: [Int64](repeating: 0, count: weeks)][slot] = cells.counts[position]
                }
            }
            week = WindowGrain.weekly.nextStart(after: week)
        }
        for (key, counts) in rows {
            let group = Int(UInt32(truncatingIfNeeded: key >> 32)), area = Int(UInt32(truncatingIfNeeded: key))
            result[SeriesKey(area: areas[area], group: groups[group])] = counts
        }
        return result
    }
}

/// An (area, crime group) series.
struct SeriesKey: Sendable, Hashable {
    let area: String
    let group: String
}

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

extension CityRollupIndex {
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

/// A month of one type (or all types) in the in-memory hex rollup.
struct HexBucket: Sendable, Hashable {
    /// `year * 12 + month - 1`.
    var month: Int
    /// A type slot, or ``CityRollupIndex/allTypesSlot``.
    var type: UInt32
}

extension CityRollupIndex {
    /// The profile of `area` over the years `query` selects (its hour and type filters are
    /// ignored), or nil when the city has never had an incident in that area.
    func detail(area: String, query: BeatQuery) -> AreaDetail? {
        guard let wanted = areaSlot(area) else { return nil }
        var detail = AreaDetail()
        var mix = [Int64](repeating: 0, count: typeCount)
        var perArea = [Int64](repeating: 0, count: areaCount)
        forEachCell(inYearsOf: query) { cell in
            detail.cityCounts += cell.counts
            perArea[Int(cell.area)] += cell.counts.incidents
            if cell.hour >= 0 { detail.cityByHour[Int(cell.hour)] += cell.counts.incidents }
            guard cell.area == wanted else { return }
            detail.counts += cell.counts
            mix[Int(cell.primaryType)] += cell.counts.incidents
            if cell.hour >= 0 { detail.byHour[Int(cell.hour)] += cell.counts.incidents }
        }
        detail.cityAreasWithIncidents = perArea.filter { $0 > 0 }.count
        detail.crimeMix = mix.enumerated().filter { $0.element > 0 }
            .map { (typeName($0.offset), $0.element) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return detail
    }
}
