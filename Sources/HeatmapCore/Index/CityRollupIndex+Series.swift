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
