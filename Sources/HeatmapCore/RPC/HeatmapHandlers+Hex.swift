import Contracts
import Wire

extension HeatmapHandlers {
    /// GetHexHotspots: 200 m hex cells ranked by how often they were among the top cells of a
    /// sliding window (``HexHotspots``), with their polygons in WGS84.
    func hexHotspots(_ request: HexHotspotsRequest) async throws(RPCError) -> HexHotspotsResponse {
        let query = try HexQuery(request)
        let (city, position) = try await read(query.city, atLeast: request.minPosition)
        guard let projection = CityProjection.of(city: query.city) else {
            throw RPCError(.failedPrecondition, "no hex projection is defined for \(query.city)")
        }
        let available = Set(city?.availableMonths ?? [])
        let first: Int
        if let month = query.firstMonth {
            first = month
        } else if let newest = available.max(), let parsed = Self.monthNumber(newest) {
            first = parsed - query.months + 1
        } else {
            return HexHotspotsResponse(cellSideMeters: 200, projection: projection.name, position: position)
        }
        let months = (first..<(first + query.months)).map { city?.hexCells(month: $0, primaryType: query.primaryType) ?? [] }
        let hotspots = HexHotspots(monthCells: months, windowMonths: query.windowMonths, topShare: query.topShare, limit: query.limit)
        let grid = HexGrid()
        return HexHotspotsResponse(
            cells: hotspots.cells.map { cell in
                HexCell(q: Int64(cell.id.q), r: Int64(cell.id.r), geoJSON: Self.polygon(grid: grid, projection: projection, cell.id),
                        count: cell.count, hotspotWindows: Int32(cell.hotspotWindows), frequency: cell.frequency,
                        rank: Int32(cell.rank))
            },
            windowPositions: Int32(hotspots.positions),
            missingMonths: (first..<(first + query.months)).map(HexQuery.label).filter { !available.contains($0) },
            capturedShare: hotspots.capturedShare, cellSideMeters: grid.side, projection: projection.name, position: position)
    }

    /// A cell's polygon as a GeoJSON geometry in WGS84 (closed ring, counter-clockwise).
    static func polygon(grid: HexGrid, projection: CityProjection, _ cell: HexCellID) -> String {
        var ring = grid.corners(q: cell.q, r: cell.r).map { projection.unproject(x: $0.x, y: $0.y) }
        if let first = ring.first { ring.append(first) }
        let coordinates = ring.map { "[\(Self.rounded($0.lon)),\(Self.rounded($0.lat))]" }.joined(separator: ",")
        return "{\"type\":\"Polygon\",\"coordinates\":[[\(coordinates)]]}"
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 1e7).rounded() / 1e7
    }

    /// The month number of `YYYY-MM`.
    static func monthNumber(_ label: String) -> Int? {
        let parts = label.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        return year * 12 + month - 1
    }
}
