import Foundation
import HeatmapCore
import Postgres
import Testing

/// Every heatmap rollup table of a city, row by row, recounted from the raw incidents (what the
/// rollups must hold whatever crashed while they were fed) and read back from the database.
///
/// Keys are the table's key columns joined with `|`; rows whose counts are all zero are left out
/// on both sides (a cell that netted to zero is the same as no cell). The recount uses the shared
/// bucket, grid and hex functions (tested on their own) but none of the consumer's code: no
/// outbox, no ``RollupBatch``, no store.
struct RollupRecount: Equatable {
    var beat: [String: RollupCounts] = [:]
    var window: [String: RollupCounts] = [:]
    var grid: [String: Int64] = [:]
    var series: [String: Int64] = [:]
    var hex: [String: Int64] = [:]

    /// The rollups the raw incidents of `city` produce.
    static func expected(_ incidents: ChicagoIncidents, city: String) -> RollupRecount {
        var recount = RollupRecount()
        let bounds = GridBounds.of(city: city), projection = CityProjection.of(city: city), hexGrid = HexGrid()
        for incident in incidents.incidents {
            let time = LocalCalendar(localSeconds: incident.localSeconds)
            let counts = RollupCounts(incidents: 1, arrests: incident.arrest ? 1 : 0, domestic: incident.domestic ? 1 : 0)
            recount.beat["\(incident.area)|\(incident.primaryType)|\(time.year)|\(time.month)|\(time.hour)|\(time.dayOfWeek)",
                         default: RollupCounts()] += counts
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

    /// The rollups stored for `city`.
    static func stored(_ pool: PostgresPool, city: String) async throws -> RollupRecount {
        var recount = RollupRecount()
        for row in try await pool.query("""
            SELECT area || '|' || primary_type || '|' || year || '|' || month || '|' || hour || '|' || dow,
                   incidents, arrests, domestic
            FROM heatmap.beat_rollup WHERE city = $1 AND (incidents, arrests, domestic) <> (0, 0, 0)
            """, [city]) {
            recount.beat[try row.decode(String.self, at: 0)] = try counts(row)
        }
        for row in try await pool.query("""
            SELECT grain || '|' || bucket || '|' || area || '|' || primary_type, incidents, arrests, domestic
            FROM heatmap.window_rollup WHERE city = $1 AND (incidents, arrests, domestic) <> (0, 0, 0)
            """, [city]) {
            recount.window[try row.decode(String.self, at: 0)] = try counts(row)
        }
        recount.grid = try await incidents(pool, city: city, """
            SELECT year || '|' || month || '|' || primary_type || '|' || cell, incidents
            FROM heatmap.grid_rollup WHERE city = $1 AND incidents <> 0
            """)
        recount.series = try await incidents(pool, city: city, """
            SELECT area || '|' || crime_group || '|' || week, incidents FROM heatmap.series_rollup WHERE city = $1 AND incidents <> 0
            """)
        recount.hex = try await incidents(pool, city: city, """
            SELECT month || '|' || primary_type || '|' || q || '|' || r, incidents FROM heatmap.hex_rollup
            WHERE city = $1 AND incidents <> 0
            """)
        return recount
    }

    /// Expects `stored` to equal `self` table by table, naming a few differing keys.
    func expectEqual(to stored: RollupRecount, sourceLocation: SourceLocation = #_sourceLocation) {
        Self.expectEqual("beat_rollup", beat, stored.beat, sourceLocation)
        Self.expectEqual("window_rollup", window, stored.window, sourceLocation)
        Self.expectEqual("grid_rollup", grid, stored.grid, sourceLocation)
        Self.expectEqual("series_rollup", series, stored.series, sourceLocation)
        Self.expectEqual("hex_rollup", hex, stored.hex, sourceLocation)
    }

    private static func expectEqual<Value: Equatable>(_ table: String, _ expected: [String: Value], _ stored: [String: Value],
                                                      _ sourceLocation: SourceLocation) {
        let differing = Set(expected.keys).union(stored.keys).filter { expected[$0] != stored[$0] }
        let examples = differing.sorted().prefix(5).map { "\($0): expected \(String(describing: expected[$0])), stored \(String(describing: stored[$0]))" }
        #expect(differing.isEmpty, "\(table): \(differing.count) of \(expected.count) rows differ, e.g. \(examples)",
                sourceLocation: sourceLocation)
    }

    private static func counts(_ row: PostgresRow) throws -> RollupCounts {
        RollupCounts(incidents: try row.decode(Int64.self, at: 1), arrests: try row.decode(Int64.self, at: 2),
                     domestic: try row.decode(Int64.self, at: 3))
    }

    private static func incidents(_ pool: PostgresPool, city: String, _ sql: String) async throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for row in try await pool.query(sql, [city]) {
            result[try row.decode(String.self, at: 0)] = try row.decode(Int64.self, at: 1)
        }
        return result
    }
}
