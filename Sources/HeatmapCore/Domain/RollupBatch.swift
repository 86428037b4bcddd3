import CivilTime
import Contracts
import Wire

/// One pulled outbox batch, each delta prepared for the index: its calendar fields, bucket
/// starts, grid cell and hex cell computed here, outside the index lock, so applying it
/// (``RollupIndex/apply(_:expecting:)``) only interns names and adds counts under integer keys.
///
/// Deltas come in segments of one city (an outbox entry each) and name their area, primary type
/// and category by index into the segment's names, so a batch holds each distinct name once and
/// the index interns it once per segment, not once per delta.
struct RollupBatch: Sendable {
    /// One delta, ready to add.
    struct Delta: Sendable {
        /// Indices into the segment's ``Segment/names``.
        let area: UInt32
        let primaryType: UInt32
        let category: UInt32
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

    /// Consecutive deltas of one city and the names they index.
    struct Segment: Sendable {
        let city: String
        let names: [String]
        /// The segment's deltas in ``RollupBatch/deltas``.
        let range: Range<Int>
    }

    /// A lon/lat bounding box.
    struct Extent: Sendable, Hashable {
        var minLon, minLat, maxLon, maxLat: Double
    }

    /// The deltas in outbox order.
    let deltas: [Delta]
    /// The deltas' cities and names, in outbox order.
    let segments: [Segment]
    /// The bounding box of the batch's located insertions, per city.
    let extents: [String: Extent]
    /// The last outbox position in the batch.
    let position: Int64
    /// How many deltas the batch held.
    var deltaCount: Int { deltas.count }

    /// Prepares `entries` (in position order) ending at `position`: their ``OutboxColumns``, or
    /// their ``IncidentDelta`` messages when ingest sent those. Throws when columns disagree in
    /// length or name an index outside their names (a broken reply: nothing of it is applied).
    init(entries: [OutboxEntry], position: Int64) throws {
        self.position = position
        var preparer = Preparer()
        preparer.deltas.reserveCapacity(entries.reduce(0) { $0 + max($1.deltas.count, $1.columns?.signs.count ?? 0) })
        for entry in entries {
            if let columns = entry.columns {
                try preparer.add(columns, position: entry.position)
            } else {
                preparer.add(entry.deltas)
            }
        }
        deltas = preparer.deltas
        segments = preparer.segments
        extents = preparer.extents
    }
}

extension RollupBatch {
    /// Accumulates prepared deltas, their segments and extents, keeping each city's grid and
    /// projection.
    private struct Preparer {
        var deltas: [Delta] = []
        var segments: [Segment] = []
        var extents: [String: Extent] = [:]
        private var grids: [String: GridBounds?] = [:]
        private var projections: [String: CityProjection?] = [:]
        private let hexGrid = HexGrid()

        /// One entry sent column by column.
        mutating func add(_ columns: OutboxColumns, position: Int64) throws {
            let count = columns.signs.count
            guard columns.areas.count == count, columns.primaryTypes.count == count, columns.categories.count == count,
                  columns.occurredLocalSeconds.count == count, columns.flags.count == count, columns.lons.count == count,
                  columns.lats.count == count else {
                throw RPCError(.internalError, "outbox entry \(position): its columns differ in length")
            }
            let start = deltas.count, city = columns.city
            let nameCount = UInt32(columns.names.count)
            let bounds = grid(city), projection = projection(city)
            var extent = extents[city]
            for i in 0..<count {
                let area = columns.areas[i], type = columns.primaryTypes[i], category = columns.categories[i]
                guard area < nameCount, type < nameCount, category < nameCount else {
                    throw RPCError(.internalError, "outbox entry \(position): delta \(i) names index beyond its \(nameCount) names")
                }
                let flags = columns.flags[i]
                append(area: area, primaryType: type, category: category, sign: columns.signs[i],
                       seconds: columns.occurredLocalSeconds[i], monthOnly: flags & 1 != 0, arrest: flags & 2 != 0,
                       domestic: flags & 4 != 0, located: flags & 8 != 0, lon: columns.lons[i], lat: columns.lats[i],
                       bounds: bounds, projection: projection, extent: &extent)
            }
            extents[city] = extent
            segments.append(Segment(city: city, names: columns.names, range: start..<deltas.count))
        }

        /// Deltas sent one message each (an older ingest): a segment per run of one city.
        mutating func add(_ messages: [IncidentDelta]) {
            var index = 0
            while index < messages.count {
                let city = messages[index].city, start = deltas.count
                let bounds = grid(city), projection = projection(city)
                var names: [String] = [], slots: [String: UInt32] = [:]
                func slot(_ name: String) -> UInt32 {
                    if let slot = slots[name] { return slot }
                    let slot = UInt32(names.count)
                    names.append(name)
                    slots[name] = slot
                    return slot
                }
                var extent = extents[city]
                while index < messages.count, messages[index].city == city {
                    let delta = messages[index]
                    append(area: slot(delta.area), primaryType: slot(delta.primaryType), category: slot(delta.category),
                           sign: delta.sign, seconds: delta.occurredLocalSeconds, monthOnly: delta.monthOnly,
                           arrest: delta.arrest, domestic: delta.domestic, located: delta.hasLocation, lon: delta.lon,
                           lat: delta.lat, bounds: bounds, projection: projection, extent: &extent)
                    index += 1
                }
                extents[city] = extent
                segments.append(Segment(city: city, names: names, range: start..<deltas.count))
            }
        }

        private mutating func append(area: UInt32, primaryType: UInt32, category: UInt32, sign: Int32, seconds: Int64,
                                     monthOnly: Bool, arrest: Bool, domestic: Bool, located: Bool, lon: Double, lat: Double,
                                     bounds: GridBounds?, projection: CityProjection?, extent: inout Extent?) {
            let time = LocalDateTime(localSeconds: seconds)
            let sign = Int64(sign)
            var gridCell: Int32 = -1, hex: (q: Int32, r: Int32)?
            if located && lon.isFinite && lat.isFinite {
                if let cell = bounds?.cell(lon: lon, lat: lat) { gridCell = Int32(cell) }
                if let projection {
                    let point = projection.project(lon: lon, lat: lat)
                    let cell = hexGrid.cell(x: point.x, y: point.y)
                    hex = (Int32(truncatingIfNeeded: cell.q), Int32(truncatingIfNeeded: cell.r))
                }
                if sign > 0 { Self.include(&extent, lon: lon, lat: lat) }
            }
            deltas.append(Delta(
                area: area, primaryType: primaryType, category: category,
                counts: RollupCounts(incidents: sign, arrests: arrest ? sign : 0, domestic: domestic ? sign : 0),
                year: time.year, monthNumber: time.monthNumber, hour: monthOnly ? -1 : Int8(time.hour),
                hourStart: WindowGrain.hourly.bucketStart(seconds), dayStart: WindowGrain.daily.bucketStart(seconds),
                weekStart: WindowGrain.weekly.bucketStart(seconds),
                monthStart: LocalDateTime.localSeconds(year: time.year, month: time.month, day: 1),
                gridCell: gridCell, hex: hex))
        }

        private mutating func grid(_ city: String) -> GridBounds? {
            if let known = grids[city] { return known }
            let found = GridBounds.of(city: city)
            grids[city] = found
            return found
        }

        private mutating func projection(_ city: String) -> CityProjection? {
            if let known = projections[city] { return known }
            let found = CityProjection.of(city: city)
            projections[city] = found
            return found
        }

        private static func include(_ extent: inout Extent?, lon: Double, lat: Double) {
            guard var box = extent else {
                extent = Extent(minLon: lon, minLat: lat, maxLon: lon, maxLat: lat)
                return
            }
            box.minLon = min(box.minLon, lon)
            box.minLat = min(box.minLat, lat)
            box.maxLon = max(box.maxLon, lon)
            box.maxLat = max(box.maxLat, lat)
            extent = box
        }
    }
}
