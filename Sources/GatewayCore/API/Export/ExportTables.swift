import Contracts

/// Builds each view's ``ExportTable`` from the same backend calls as its JSON endpoint; area
/// geometry comes from Heatmap/GetAreaShapes (as `/api/v1/areas/shapes` serves it), hex cells
/// carry their own, grid cells are rectangles of the grid's bounds, incidents are points.
struct ExportTables: Sendable {
    var caller: BackendCaller
    var context: GatewayRequestContext
    var header: ExportHeader

    /// The city's area shapes by id, in the service's order.
    func shapes(_ city: String) async throws(APIError) -> [AreaShape] {
        try await caller.heatmap(Methods.Heatmap.getAreaShapes, AreaShapesRequest(city: city), context: context).shapes
    }

    /// One row per area: every area with a shape (zero counts included, in the shapes' order),
    /// then areas with counts but no shape (geometry null).
    static func areaRows(shapes: [AreaShape], counted: [String]) -> [(area: String, name: String, km2: Double?, geometry: String?)] {
        var rows = shapes.map { (area: $0.area, name: $0.name, km2: Optional($0.areaKm2), geometry: $0.geoJSON.isEmpty ? nil : Optional($0.geoJSON)) }
        let known = Set(shapes.map(\.area))
        for area in counted where !known.contains(area) { rows.append((area: area, name: "", km2: nil, geometry: nil)) }
        return rows
    }

    /// Area counts as a table: `area, name, area_km2, incidents, arrests, domestic`.
    func areaTable(shapes: [AreaShape], counts: [AreaCounts], extra: [(String, ExportCell)]) -> ExportTable {
        var byArea: [String: (Int64, Int64, Int64)] = [:]
        for item in counts {
            byArea[item.area] = (item.counts?.incidents ?? 0, item.counts?.arrests ?? 0, item.counts?.domestic ?? 0)
        }
        let rows = Self.areaRows(shapes: shapes, counted: counts.map(\.area))
        let table = byArea
        return ExportTable(fileStem: header.fileStem, metadata: header.metadata(extra),
                           columns: ["area", "name", "area_km2", "incidents", "arrests", "domestic"], rowCount: rows.count) { index in
            let row = rows[index], numbers = table[row.area] ?? (0, 0, 0)
            return ([.text(row.area), .text(row.name), row.km2.map(ExportCell.number) ?? .empty,
                     .integer(numbers.0), .integer(numbers.1), .integer(numbers.2)], row.geometry)
        }
    }

    /// `GET /api/v1/export/heatmap`: the map view's counts for years, hours and type.
    func heatmap(_ query: HeatmapQuery) async throws -> ExportTable {
        async let reply = caller.heatmap(Methods.Heatmap.getBeatHeatmap, query.request, context: context)
        async let areaShapes = shapes(query.request.city)
        let counts = try await reply
        let total = CountsJSON(counts.total)
        return areaTable(shapes: try await areaShapes, counts: counts.areas, extra: [
            ("time_zone", .text(counts.timeZone)), ("total_incidents", .integer(total.incidents)),
            ("total_arrests", .integer(total.arrests)), ("total_domestic", .integer(total.domestic)),
        ])
    }

    /// `GET /api/v1/export/window`: the map view's counts for a time window.
    func window(_ query: WindowHeatmapQuery) async throws -> ExportTable {
        async let reply = caller.heatmap(Methods.Heatmap.getWindowHeatmap, query.request, context: context)
        async let areaShapes = shapes(query.request.city)
        let counts = try await reply
        let json = WindowHeatmapJSON(query: query, response: counts)
        return areaTable(shapes: try await areaShapes, counts: counts.areas, extra: [
            ("time_zone", .text(json.timeZone)), ("granularity", .text(json.granularity)),
            ("window_start", json.window.map { .text($0.start) } ?? .empty), ("window_end", json.window.map { .text($0.end) } ?? .empty),
            ("total_incidents", .integer(json.total.incidents)), ("total_arrests", .integer(json.total.arrests)),
            ("total_domestic", .integer(json.total.domestic)),
        ])
    }
}
