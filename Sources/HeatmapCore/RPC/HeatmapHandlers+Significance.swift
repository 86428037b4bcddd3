import CivilTime
import Contracts
import Wire

extension HeatmapHandlers {
    /// GetSignificance: Getis–Ord Gi* (binary contiguity, the unit included) over every unit of
    /// the study region, zero counts included, with Benjamini–Hochberg q-values over all units
    /// and hot/cold classes at the FDR level alpha (``SignificanceClasses``).
    func significance(_ request: SignificanceRequest) async throws -> SignificanceResponse {
        let query = try SignificanceQuery(request)
        let (city, position) = try await read(query.city, atLeast: request.minPosition)
        let available = Set(city?.availableMonths ?? [])
        let missing = (query.fromMonth...query.toMonth).map(HexQuery.label).filter { !available.contains($0) }
        let (base, neighbours, counts) = query.units == .areas ? try await areaUnits(query, city: city) : try await hexUnits(query, city: city)
        var response = base
        let classes = SignificanceClasses(counts: counts, neighbours: neighbours, alpha: query.alpha)
        for unit in response.units.indices {
            response.units[unit].count = counts[unit]
            response.units[unit].z = classes.z[unit]
            response.units[unit].p = classes.p[unit]
            response.units[unit].qValue = classes.q[unit]
            response.units[unit].classification = classes.classes[unit]
            response.units[unit].neighbours = neighbours[unit].map { Int32($0) }
        }
        response.unitCount = Int32(response.units.count)
        response.meanNeighbours = neighbours.isEmpty
            ? 0 : Double(neighbours.reduce(0) { $0 + $1.count }) / Double(neighbours.count)
        response.alpha = query.alpha
        response.hotCount = Int32(classes.classes.filter { $0 == "hot" }.count)
        response.coldCount = Int32(classes.classes.filter { $0 == "cold" }.count)
        response.missingMonths = missing
        response.position = position
        return response
    }

    /// The city's areas with queen contiguity and their counts from the monthly buckets.
    private func areaUnits(_ query: SignificanceQuery, city: CityRollupIndex?) async throws
        -> (SignificanceResponse, [[Int]], [Int64]) {
        guard let contiguity = try await areaContiguity(city: query.city) else {
            throw RPCError(.failedPrecondition, "\(query.city) has no area polygons; ask for units=hex")
        }
        let start = Self.monthStart(query.fromMonth), end = Self.monthStart(query.toMonth + 1)
        let totals = city?.windowCounts(
            spans: [WindowPlan.Span(grain: .monthly, from: start, to: end)], primaryType: query.primaryType) ?? [:]
        let counts = contiguity.areas.map { totals[$0]?.incidents ?? 0 }
        let all = totals.values.reduce(Int64(0)) { $0 + $1.incidents }
        let response = SignificanceResponse(
            units: contiguity.areas.map { SignificanceUnit(area: $0) },
            weights: "binary contiguity, queen, unit included (Gi*)",
            region: "the city's \(contiguity.areas.count) areas",
            excludedIncidents: all - counts.reduce(0, +))
        return (response, contiguity.neighbours, counts)
    }

    /// 200 m hex cells: those covering the city's areas, or (no polygons) those with any
    /// incident over the loaded period; six-neighbour contiguity; counts summed over months.
    private func hexUnits(_ query: SignificanceQuery, city: CityRollupIndex?) async throws
        -> (SignificanceResponse, [[Int]], [Int64]) {
        guard let projection = CityProjection.of(city: query.city) else {
            throw RPCError(.failedPrecondition, "no hex projection is defined for \(query.city)")
        }
        let grid = HexGrid()
        let cells: [HexCellID]
        let region: String
        if let cover = try await hexCover(city: query.city, grid: grid, projection: projection) {
            cells = cover
            region = "the \(cover.count) hex cells that cover the city's areas"
        } else {
            var loaded = Set<HexCellID>()
            for label in city?.availableMonths ?? [] {
                guard let month = Self.monthNumber(label) else { continue }
                for cell in city?.hexCells(month: month, primaryType: "") ?? [] { loaded.insert(cell.cell) }
            }
            cells = loaded.sorted()
            region = "no area polygons for this city: the \(cells.count) hex cells with any incident over the loaded period"
        }
        var position: [HexCellID: Int] = [:]
        for (offset, cell) in cells.enumerated() { position[cell] = offset }
        var counts = [Int64](repeating: 0, count: cells.count)
        var excluded: Int64 = 0
        for month in query.fromMonth...query.toMonth {
            for cell in city?.hexCells(month: month, primaryType: query.primaryType) ?? [] {
                if let offset = position[cell.cell] { counts[offset] += cell.count } else { excluded += cell.count }
            }
        }
        let response = SignificanceResponse(
            units: cells.map { cell in
                SignificanceUnit(q: Int64(cell.q), r: Int64(cell.r), geoJSON: Self.polygon(grid: grid, projection: projection, cell))
            },
            weights: "binary contiguity, six hex neighbours, unit included (Gi*)",
            region: region, excludedIncidents: excluded, cellSideMeters: grid.side, projection: projection.name)
        return (response, HexNeighbours.lists(cells), counts)
    }

    /// Queen contiguity from the heatmap's copy of the polygons (copied from ingest first when
    /// it has none), cached per city; nil when the city has no polygons.
    private func areaContiguity(city: String) async throws -> AreaContiguity? {
        try await significanceCache.contiguity(city: city) {
            guard try await ensureShapes(city: city) else { return nil }
            let areas = try await store.areaGeometries(city: city).map(\.area)
            return AreaContiguity(areas: areas, pairs: try await store.queenPairs(city: city))
        }
    }

    /// The cells covering the city's polygons, cached per city; nil when it has none.
    private func hexCover(city: String, grid: HexGrid, projection: CityProjection) async throws -> [HexCellID]? {
        try await significanceCache.cover(city: city) {
            guard try await ensureShapes(city: city) else { return nil }
            let polygons = try await store.areaGeometries(city: city).compactMap { PolygonRings(geoJSON: $0.geoJSON) }
            return polygons.isEmpty ? nil : HexCover(grid: grid, projection: projection).cells(of: polygons)
        }
    }

    /// Whether the city has polygons in the heatmap's copy, copying them from ingest if needed.
    private func ensureShapes(city: String) async throws -> Bool {
        try await hasCopiedShapes(city: city)
    }

    /// Local seconds of the first instant of a month number (a past-the-end month is fine).
    static func monthStart(_ month: Int) -> Int64 {
        LocalDateTime.localSeconds(year: month / 12, month: month % 12 + 1, day: 1)
    }
}
