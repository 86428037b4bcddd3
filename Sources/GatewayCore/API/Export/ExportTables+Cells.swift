import Contracts

extension ExportTables {
    /// `GET /api/v1/export/grids`: the morph view's monthly grids, one row per non-empty cell
    /// and month (`month, cell, row, col, count, normalised`), each a rectangle of the bounds.
    func grids(_ query: YearGridsQuery) async throws -> ExportTable {
        let reply = try await caller.heatmap(Methods.Heatmap.getYearGrids, query.request, context: context)
        let json = YearGridsJSON(query: query, response: reply)
        var rows: [(month: Int, cell: UInt32, count: UInt32)] = []
        for month in json.months {
            for (cell, count) in zip(month.cells, month.counts) { rows.append((month.month, cell, count)) }
        }
        let width = max(1, json.width), height = max(1, json.height), year = json.year
        let bounds = json.bounds.count == 4 ? json.bounds : [0, 0, 0, 0]
        let norm = json.normalisation
        let cellLon = (bounds[2] - bounds[0]) / Double(width), cellLat = (bounds[3] - bounds[1]) / Double(height)
        let missing = json.months.filter(\.missing).map(\.label).joined(separator: " ")
        let totals = json.months.map { "\($0.label)=\($0.total)" }.joined(separator: " ")
        let stored = rows
        return ExportTable(fileStem: header.fileStem, metadata: header.metadata([
            ("width", .integer(Int64(json.width))), ("height", .integer(Int64(json.height))),
            ("bounds", .text(json.bounds.map { String($0) }.joined(separator: " "))),
            ("normalisation", .number(norm)), ("month_totals", .text(totals)), ("missing_months", .text(missing)),
        ]), columns: ["month", "cell", "row", "col", "count", "normalised"], rowCount: rows.count) { index in
            let row = stored[index]
            let r = Int(row.cell) / width, c = Int(row.cell) % width
            let west = bounds[0] + Double(c) * cellLon, south = bounds[1] + Double(r) * cellLat
            let east = west + cellLon, north = south + cellLat
            let ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
            let geometry = #"{"type":"Polygon","coordinates":[["# + ring.map { "[\($0[0]),\($0[1])]" }.joined(separator: ",") + "]]}"
            let label = "\(year)-\(row.month < 10 ? "0" : "")\(row.month)"
            return ([.text(label), .integer(Int64(row.cell)), .integer(Int64(r)), .integer(Int64(c)), .integer(Int64(row.count)),
                     .number(norm > 0 ? Double(row.count) / norm : 0)], geometry)
        }
    }

    /// `GET /api/v1/export/hotspots`: the hotspot view's ranked hex cells.
    func hotspots(_ query: HotspotsQuery) async throws -> ExportTable {
        let reply = try await caller.heatmap(Methods.Heatmap.getHexHotspots, query.request, context: context)
        let cells = reply.cells
        return ExportTable(fileStem: header.fileStem, metadata: header.metadata([
            ("window_positions", .integer(Int64(reply.windowPositions))), ("captured_share", .number(reply.capturedShare)),
            ("missing_months", .text(reply.missingMonths.joined(separator: " "))),
            ("cell_side_meters", .number(reply.cellSideMeters)), ("projection", .text(reply.projection)),
        ]), columns: ["rank", "hex_q", "hex_r", "count", "hotspot_windows", "frequency"], rowCount: cells.count) { index in
            let cell = cells[index]
            return ([.integer(Int64(cell.rank)), .integer(cell.q), .integer(cell.r), .integer(cell.count),
                     .integer(Int64(cell.hotspotWindows)), .number(cell.frequency)], cell.geoJSON.isEmpty ? nil : cell.geoJSON)
        }
    }

    /// `GET /api/v1/export/significance`: Gi* per unit (areas with their shapes, or hex cells).
    func significance(_ query: SignificanceQuery) async throws -> ExportTable {
        let hex = query.request.units == "hex"
        async let reply = caller.heatmap(Methods.Heatmap.getSignificance, query.request, context: context)
        let areaShapes = hex ? [] : try await shapes(query.request.city)
        let result = try await reply
        var geometryByArea: [String: String] = [:]
        var nameByArea: [String: String] = [:]
        for shape in areaShapes {
            if !shape.geoJSON.isEmpty { geometryByArea[shape.area] = shape.geoJSON }
            nameByArea[shape.area] = shape.name
        }
        let units = result.units, geometries = geometryByArea, names = nameByArea
        let columns = hex ? ["hex_q", "hex_r", "count", "z", "p", "q", "class"] : ["area", "name", "count", "z", "p", "q", "class"]
        return ExportTable(fileStem: header.fileStem, metadata: header.metadata([
            ("alpha", .number(result.alpha)), ("method", .text(SignificanceJSON.method)), ("weights", .text(result.weights)),
            ("region", .text(result.region)), ("hot_count", .integer(Int64(result.hotCount))),
            ("cold_count", .integer(Int64(result.coldCount))), ("excluded_incidents", .integer(result.excludedIncidents)),
            ("missing_months", .text(result.missingMonths.joined(separator: " "))),
        ]), columns: columns, rowCount: units.count) { index in
            let unit = units[index]
            let statistics: [ExportCell] = [.integer(unit.count), .number(unit.z), .number(unit.p), .number(unit.qValue),
                                            .text(unit.classification.isEmpty ? "none" : unit.classification)]
            if hex { return ([.integer(unit.q), .integer(unit.r)] + statistics, unit.geoJSON.isEmpty ? nil : unit.geoJSON) }
            return ([.text(unit.area), .text(names[unit.area] ?? "")] + statistics, geometries[unit.area])
        }
    }
}
