@testable import HeatmapCore
import Testing

/// The in-memory copies of the window (daily, weekly, monthly), grid, series and hex rollups of a
/// city, keyed like ``RollupRecount`` so they can be compared with the tables row by row; the
/// all-types grid and hex cells the index derives are checked against the per-type cells here.
struct IndexDump {
    var recount = RollupRecount()

    init(_ city: CityRollupIndex, sourceLocation: SourceLocation = #_sourceLocation) {
        let all = CityRollupIndex.allTypesSlot
        func type(_ key: UInt64) -> String? {
            let slot = UInt32(truncatingIfNeeded: key >> 32)
            return slot == all ? nil : city.types[Int(slot)]
        }
        for (bucket, cells) in city.window.buckets {
            for (position, key) in cells.keys.enumerated() where !cells.counts[position].isZero {
                let area = city.areas[Int(UInt32(truncatingIfNeeded: key))]
                recount.window["\(bucket.grain.rawValue)|\(bucket.start)|\(area)|\(type(key) ?? WindowRollupKey.allTypes)"] =
                    cells.counts[position]
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

    /// Expects the dump to equal the stored tables (hourly window rows and the beat grain aside:
    /// the hourly buckets stay in SQL, the beat grain has its own checks).
    func expectEqual(toTables stored: RollupRecount, sourceLocation: SourceLocation = #_sourceLocation) {
        var tables = stored
        tables.window = tables.window.filter { !$0.key.hasPrefix("\(WindowGrain.hourly.rawValue)|") }
        tables.beat = [:]
        recount.expectEqual(to: tables, sourceLocation: sourceLocation)
    }
}
