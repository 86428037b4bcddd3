import CivilTime
import Foundation
@testable import HeatmapCore
import Testing

/// Every heatmap rollup of a city, cell by cell, recounted from the raw incidents: what the
/// in-memory index must hold whatever crashed while it was fed, snapshotted and reloaded
/// (``IndexDump`` reads an index into the same shape).
///
/// Keys are the rollup's key fields joined with `|`; cells whose counts are all zero are left
/// out on both sides (a cell that netted to zero is the same as no cell). The recount uses the
/// shared bucket, grid and hex functions (tested on their own) but none of the consumer's code:
/// no outbox, no ``RollupBatch``, no index.
struct RollupRecount: Equatable {
    /// The explorer grain: area, type, year, hour (month and day of week summed out).
    var beat: [String: RollupCounts] = [:]
    /// Incidents per month number.
    var months: [String: Int64] = [:]
    /// Every grain, hourly included, per type and all types.
    var window: [String: RollupCounts] = [:]
    var grid: [String: Int64] = [:]
    var series: [String: Int64] = [:]
    var hex: [String: Int64] = [:]

    /// The rollups the raw incidents of `city` produce.
    static func expected(_ incidents: ChicagoIncidents, city: String) -> RollupRecount {
        var recount = RollupRecount()
        let bounds = GridBounds.of(city: city), projection = CityProjection.of(city: city), hexGrid = HexGrid()
        for incident in incidents.incidents {
            let time = LocalDateTime(localSeconds: incident.localSeconds)
            let counts = RollupCounts(incidents: 1, arrests: incident.arrest ? 1 : 0, domestic: incident.domestic ? 1 : 0)
            recount.beat["\(incident.area)|\(incident.primaryType)|\(time.year)|\(time.hour)", default: RollupCounts()] += counts
            recount.months["\(time.monthNumber)", default: 0] += 1
            for grain in WindowGrain.allCases {
                let bucket = grain.bucketStart(incident.localSeconds)
                recount.window["\(grain.rawValue)|\(bucket)|\(incident.area)|\(incident.primaryType)", default: RollupCounts()] += counts
                recount.window["\(grain.rawValue)|\(bucket)|\(incident.area)|\(WindowRollupKey.allTypes)", default: RollupCounts()] += counts
            }
            recount.series["\(incident.area)|\(incident.category)|\(WindowGrain.weekly.bucketStart(incident.localSeconds))", default: 0] += 1
            guard let lon = incident.lon, let lat = incident.lat else { continue }
            if let cell = bounds?.cell(lon: lon, lat: lat) {
                recount.grid["\(time.year)|\(time.month)|\(incident.primaryType)|\(cell)", default: 0] += 1
            }
            if let projection {
                let point = projection.project(lon: lon, lat: lat)
                let cell = hexGrid.cell(x: point.x, y: point.y)
                recount.hex["\(time.monthNumber)|\(incident.primaryType)|\(cell.q)|\(cell.r)", default: 0] += 1
            }
        }
        return recount
    }

    /// Expects `actual` to equal `self` rollup by rollup, naming a few differing keys.
    func expectEqual(to actual: RollupRecount, sourceLocation: SourceLocation = #_sourceLocation) {
        Self.expectEqual("beat", beat, actual.beat, sourceLocation)
        Self.expectEqual("months", months, actual.months, sourceLocation)
        Self.expectEqual("window", window, actual.window, sourceLocation)
        Self.expectEqual("grid", grid, actual.grid, sourceLocation)
        Self.expectEqual("series", series, actual.series, sourceLocation)
        Self.expectEqual("hex", hex, actual.hex, sourceLocation)
    }

    private static func expectEqual<Value: Equatable>(_ rollup: String, _ expected: [String: Value], _ actual: [String: Value],
                                                      _ sourceLocation: SourceLocation) {
        let differing = Set(expected.keys).union(actual.keys).filter { expected[$0] != actual[$0] }
        let examples = differing.sorted().prefix(5).map { "\($0): expected \(String(describing: expected[$0])), actual \(String(describing: actual[$0]))" }
        #expect(differing.isEmpty, "\(rollup): \(differing.count) of \(expected.count) cells differ, e.g. \(examples)",
                sourceLocation: sourceLocation)
    }
}
