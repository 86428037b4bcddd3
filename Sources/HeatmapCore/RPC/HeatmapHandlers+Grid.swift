import Contracts
import Wire

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
