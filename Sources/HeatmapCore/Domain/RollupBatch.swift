import CivilTime
import Contracts

/// One pulled outbox batch, each delta prepared for the index: its calendar fields, bucket
/// starts, grid cell and hex cell computed here, outside the index lock, so applying it
/// (``RollupIndex/apply(_:expecting:)``) only interns names and adds counts under integer keys.
struct RollupBatch: Sendable {
    /// One delta, ready to add.
    struct Delta: Sendable {
        let city: String
        let area: String
        let primaryType: String
        let category: String
        /// +1 or -1 in each count the incident has.
        let counts: RollupCounts
        let year: Int
        /// `year * 12 + month - 1`.
        let monthNumber: Int
        /// 0-23, or -1 for month-only sources (which are only in the monthly grain).
        let hour: Int8
        let hourStart: Int64
        let dayStart: Int64
        let weekStart: Int64
        let monthStart: Int64
        /// The grid cell, -1 outside the city's grid (or unlocated).
        let gridCell: Int32
        /// The 200 m hex cell, nil for unprojected cities or unlocated incidents.
        let hex: (q: Int32, r: Int32)?

        var monthOnly: Bool { hour < 0 }
    }

    /// A lon/lat bounding box.
    struct Extent: Sendable, Hashable {
        var minLon, minLat, maxLon, maxLat: Double
    }

    /// The deltas in outbox order.
    let deltas: [Delta]
    /// The bounding box of the batch's located insertions, per city.
    let extents: [String: Extent]
    /// The last outbox position in the batch.
    let position: Int64
    /// How many deltas the batch held.
    var deltaCount: Int { deltas.count }

    /// Prepares `entries` (in position order) ending at `position`.
    init(entries: [OutboxEntry], position: Int64) {
        self.position = position
        var deltas: [Delta] = [], extents: [String: Extent] = [:]
        deltas.reserveCapacity(entries.reduce(0) { $0 + $1.deltas.count })
        var grids: [String: GridBounds?] = [:], projections: [String: CityProjection?] = [:]
        let hexGrid = HexGrid()
        for entry in entries {
            for delta in entry.deltas {
                let seconds = delta.occurredLocalSeconds
                let time = LocalDateTime(localSeconds: seconds)
                let sign = Int64(delta.sign)
                let located = delta.hasLocation && delta.lon.isFinite && delta.lat.isFinite
                var gridCell: Int32 = -1, hex: (q: Int32, r: Int32)?
                if located {
                    let bounds = grids[delta.city] ?? { let found = GridBounds.of(city: delta.city); grids[delta.city] = found; return found }()
                    if let cell = bounds?.cell(lon: delta.lon, lat: delta.lat) { gridCell = Int32(cell) }
                    let projection = projections[delta.city]
                        ?? { let found = CityProjection.of(city: delta.city); projections[delta.city] = found; return found }()
                    if let projection {
                        let point = projection.project(lon: delta.lon, lat: delta.lat)
                        let cell = hexGrid.cell(x: point.x, y: point.y)
                        hex = (Int32(truncatingIfNeeded: cell.q), Int32(truncatingIfNeeded: cell.r))
                    }
                    if delta.sign > 0 { Self.include(&extents, city: delta.city, lon: delta.lon, lat: delta.lat) }
                }
                deltas.append(Delta(
                    city: delta.city, area: delta.area, primaryType: delta.primaryType, category: delta.category,
                    counts: RollupCounts(incidents: sign, arrests: delta.arrest ? sign : 0, domestic: delta.domestic ? sign : 0),
                    year: time.year, monthNumber: time.monthNumber, hour: delta.monthOnly ? -1 : Int8(time.hour),
                    hourStart: WindowGrain.hourly.bucketStart(seconds), dayStart: WindowGrain.daily.bucketStart(seconds),
                    weekStart: WindowGrain.weekly.bucketStart(seconds),
                    monthStart: LocalDateTime.localSeconds(year: time.year, month: time.month, day: 1),
                    gridCell: gridCell, hex: hex))
            }
        }
        self.deltas = deltas
        self.extents = extents
    }

    private static func include(_ extents: inout [String: Extent], city: String, lon: Double, lat: Double) {
        if var extent = extents[city] {
            extent.minLon = min(extent.minLon, lon)
            extent.minLat = min(extent.minLat, lat)
            extent.maxLon = max(extent.maxLon, lon)
            extent.maxLat = max(extent.maxLat, lat)
            extents[city] = extent
        } else {
            extents[city] = Extent(minLon: lon, minLat: lat, maxLon: lon, maxLat: lat)
        }
    }
}
