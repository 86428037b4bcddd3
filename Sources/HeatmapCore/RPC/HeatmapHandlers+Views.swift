import Contracts
import Wire

extension HeatmapHandlers {
    /// GetWindowHeatmap: per-area counts of the last N hours before the reference time, exact at
    /// both edges (``WindowPlan``), from the coarsest grain that keeps the resolution, all from
    /// the in-memory index.
    func windowHeatmap(_ request: WindowHeatmapRequest) async throws(RPCError) -> WindowHeatmapResponse {
        let query = try WindowQuery(request)
        let timeZone = CityCatalog.timeZone(of: query.city) ?? ""
        let (city, position) = try await read(query.city, atLeast: request.minPosition)
        let end: Int64
        if let reference = query.reference {
            end = reference
        } else if let newest = city?.newestHour {
            end = newest + 3_600
        } else {
            return WindowHeatmapResponse(total: Counts(), granularity: Granularity(query.grain), timeZone: timeZone, position: position)
        }
        let start = end - query.hours * 3_600
        let plan = WindowPlan(start: start, end: end, grain: query.grain)
        let areas = city?.windowCounts(spans: plan.spans, primaryType: query.primaryType) ?? [:]
        var total = RollupCounts(), maxIncidents: Int64 = 0
        for counts in areas.values {
            total += counts
            maxIncidents = max(maxIncidents, counts.incidents)
        }
        return WindowHeatmapResponse(
            areas: areas.sorted { $0.key < $1.key }.map { AreaCounts(area: $0.key, counts: Counts($0.value)) },
            total: Counts(total), maxIncidents: maxIncidents, granularity: Granularity(query.grain),
            range: LocalTimeRange(startLocalSeconds: start, endLocalSeconds: end), timeZone: timeZone, position: position)
    }
}

extension Granularity {
    /// The contract form of a rollup grain.
    init(_ grain: WindowGrain) {
        switch grain {
        case .hourly: self = .hourly
        case .daily: self = .daily
        case .weekly: self = .weekly
        case .monthly: self = .monthly
        }
    }
}

extension HeatmapHandlers {
    /// GetYearGrids: the twelve monthly 300 x 300 grids of a city and year (``GridBounds``), from
    /// the in-memory index.
    func yearGrids(_ request: YearGridsRequest) async throws(RPCError) -> YearGridsResponse {
        guard CityCatalog.timeZone(of: request.city) != nil else {
            throw RPCError(.notFound, "no city '\(request.city)'; try chicago, nyc or uk-<force>")
        }
        guard let bounds = GridBounds.of(city: request.city) else {
            throw RPCError(.failedPrecondition, "no grid is defined for \(request.city)")
        }
        guard (1900...2100).contains(request.year) else {
            throw RPCError(.invalidArgument, "year must be 1900-2100, got \(request.year)")
        }
        let year = Int(request.year)
        let (city, position) = try await read(request.city, atLeast: request.minPosition)
        let rows = city?.gridCells(year: year, primaryType: request.primaryType) ?? []
        let prefix = "\(year)-"
        let monthsWithData = Set(city?.availableMonths.compactMap { month -> Int? in
            month.hasPrefix(prefix) ? Int(month.dropFirst(prefix.count)) : nil
        } ?? [])
        let grids = YearGrids(rows: rows, monthsWithData: monthsWithData)
        return YearGridsResponse(
            width: Int32(GridBounds.width), height: Int32(GridBounds.height),
            bounds: BoundingBox(minLon: bounds.minLon, minLat: bounds.minLat, maxLon: bounds.maxLon, maxLat: bounds.maxLat),
            months: grids.months.map { month in
                MonthGrid(month: Int32(month.month), cellIndex: month.cells.map { UInt32(truncatingIfNeeded: $0) },
                          count: month.counts.map { UInt32(clamping: $0) }, total: month.total, missing: month.missing)
            },
            normalisation: grids.normalisation, position: position)
    }
}

extension HeatmapHandlers {
    /// GetSeries: weekly counts (Monday-started weeks covering the range) per area and crime group
    /// (Chicago: property, violent, drug, other; elsewhere the source's category). Series that are
    /// zero throughout are left out; month-only sources (police.uk) have no weeks. From the
    /// in-memory index.
    func series(_ request: SeriesRequest) async throws(RPCError) -> SeriesResponse {
        let query = try SeriesQuery(request)
        let (city, position) = try await read(query.city, atLeast: request.minPosition)
        let counts = city?.weeklySeries(firstWeek: query.firstWeek, weeks: query.weeks) ?? [:]
        return SeriesResponse(series: counts.sorted { ($0.key.area, $0.key.group) < ($1.key.area, $1.key.group) }.map {
            AreaSeries(area: $0.key.area, crimeGroup: $0.key.group, firstWeekLocalSeconds: query.firstWeek,
                       weeklyCounts: $0.value.map { UInt32(clamping: $0) })
        }, position: position)
    }
}

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
