@testable import HeatmapCore
import Testing

/// Everything a city's in-memory index holds, keyed like ``RollupRecount`` so it can be compared
/// with a raw-file recount or with another index (before and after a snapshot round trip); the
/// all-types cells the index derives (window, grid, hex; hourly ones are summed when read) are
/// checked against the per-type cells here.
struct IndexDump: Equatable {
    var recount = RollupRecount()
    /// The extent, exactly (its doubles survive a snapshot bit for bit).
    var extent: String

    init(_ city: CityRollupIndex, sourceLocation: SourceLocation = #_sourceLocation) {
        let all = CityRollupIndex.allTypesSlot
        func type(_ key: UInt64) -> String? {
            let slot = UInt32(truncatingIfNeeded: key >> 32)
            return slot == all ? nil : city.types[Int(slot)]
        }
        extent = city.extent.map { "\($0.minLon) \($0.minLat) \($0.maxLon) \($0.maxLat)" } ?? "none"
        for (year, cells) in city.years {
            cells.forEachCell { cell in
                guard !cell.counts.isZero else { return }
                recount.beat["\(city.areas[Int(cell.area)])|\(city.types[Int(cell.primaryType)])|\(year)|\(cell.hour)"] = cell.counts
            }
        }
        for (month, incidents) in city.monthIncidents where incidents != 0 {
            recount.months["\(month)"] = incidents
        }
        for (bucket, cells) in city.window.buckets {
            for (position, key) in cells.keys.enumerated() where !cells.counts[position].isZero {
                let area = city.areas[Int(UInt32(truncatingIfNeeded: key))]
                recount.window["\(bucket.grain.rawValue)|\(bucket.start)|\(area)|\(type(key) ?? WindowRollupKey.allTypes)"] =
                    cells.counts[position].rollupCounts
            }
        }
        for (start, cells) in city.hourly.buckets {
            var allTypes: [String: RollupCounts] = [:]
            for (position, key) in cells.keys.enumerated() {
                let area = city.areas[Int(UInt32(truncatingIfNeeded: key))], counts = cells.counts[position].rollupCounts
                allTypes[area, default: RollupCounts()] += counts
                guard !counts.isZero, let name = type(key) else { continue }
                recount.window["\(WindowGrain.hourly.rawValue)|\(start)|\(area)|\(name)"] = counts
            }
            for (area, counts) in allTypes where !counts.isZero {
                recount.window["\(WindowGrain.hourly.rawValue)|\(start)|\(area)|\(WindowRollupKey.allTypes)"] = counts
            }
        }
        var gridAll: [String: Int64] = [:], gridSummed: [String: Int64] = [:]
        for (month, cells) in city.grids.buckets {
            for (position, key) in cells.keys.enumerated() where cells.counts[position] != 0 {
                let cell = "\(month / 12)|\(month % 12 + 1)|\(UInt32(truncatingIfNeeded: key))"
                if let name = type(key) {
                    recount.grid["\(month / 12)|\(month % 12 + 1)|\(name)|\(UInt32(truncatingIfNeeded: key))"] = cells.counts[position]
                    gridSummed[cell, default: 0] += cells.counts[position]
                } else {
                    gridAll[cell] = cells.counts[position]
                }
            }
        }
        #expect(gridAll == gridSummed.filter { $0.value != 0 }, "all-types grid cells = sum of the types'", sourceLocation: sourceLocation)
        for (week, cells) in city.series.buckets {
            for (position, key) in cells.keys.enumerated() where cells.counts[position] != 0 {
                let group = city.groups[Int(UInt32(truncatingIfNeeded: key >> 32))], area = city.areas[Int(UInt32(truncatingIfNeeded: key))]
                recount.series["\(area)|\(group)|\(week)"] = cells.counts[position]
            }
        }
        var hexAll: [String: Int64] = [:], hexSummed: [String: Int64] = [:]
        for (bucket, cells) in city.hex.buckets {
            for (position, key) in cells.keys.enumerated() where cells.counts[position] != 0 {
                let q = Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: key >> 32)), r = Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: key))
                if bucket.type == all {
                    hexAll["\(bucket.month)|\(q)|\(r)"] = cells.counts[position]
                } else {
                    recount.hex["\(bucket.month)|\(city.types[Int(bucket.type)])|\(q)|\(r)"] = cells.counts[position]
                    hexSummed["\(bucket.month)|\(q)|\(r)", default: 0] += cells.counts[position]
                }
            }
        }
        #expect(hexAll == hexSummed.filter { $0.value != 0 }, "all-types hex cells = sum of the types'", sourceLocation: sourceLocation)
    }

    /// Expects the index to hold exactly what the raw-file recount says.
    func expectEqual(to expected: RollupRecount, sourceLocation: SourceLocation = #_sourceLocation) {
        expected.expectEqual(to: recount, sourceLocation: sourceLocation)
    }

    /// Expects two indexes to hold the same (every cell, the month totals and the extent).
    func expectEqual(to other: IndexDump, sourceLocation: SourceLocation = #_sourceLocation) {
        recount.expectEqual(to: other.recount, sourceLocation: sourceLocation)
        #expect(extent == other.extent, sourceLocation: sourceLocation)
    }
}
