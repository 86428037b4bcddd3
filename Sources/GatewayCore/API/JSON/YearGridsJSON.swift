import Contracts

/// `GET /api/v1/grids`: a year's twelve monthly density grids over the city's bounds, sparse.
/// Cell `i` is row `i / width`, column `i % width`; row 0 is the southern edge (`min_lat`),
/// column 0 the western (`min_lon`).
struct YearGridsJSON: Codable, Sendable, Equatable {
    /// One month: parallel arrays of cell index and count (non-empty cells only).
    struct Month: Codable, Sendable, Equatable {
        /// 1-12.
        var month: Int
        /// `YYYY-MM`.
        var label: String
        var total: Int64
        /// The city has no data for this month (not the same as a month without incidents).
        var missing: Bool
        var cells: [UInt32]
        var counts: [UInt32]
    }

    var city: String
    var year: Int
    var primaryType: String?
    var width: Int
    var height: Int
    /// `[min_lon, min_lat, max_lon, max_lat]` (WGS84) of the grid.
    var bounds: [Double]
    /// The 95th percentile of non-empty cell counts over the twelve months: divide by it to
    /// normalise (values above 1 saturate).
    var normalisation: Double
    var months: [Month]

    init(query: YearGridsQuery, response: YearGridsResponse) {
        city = query.request.city
        year = Int(query.request.year)
        primaryType = query.request.primaryType.isEmpty ? nil : query.request.primaryType
        width = Int(response.width)
        height = Int(response.height)
        bounds = response.bounds.map { [$0.minLon, $0.minLat, $0.maxLon, $0.maxLat] } ?? []
        normalisation = response.normalisation
        let year = year
        months = response.months.map { grid in
            let month = Int(grid.month)
            let kept = min(grid.cellIndex.count, grid.count.count)
            return Month(month: month, label: "\(year)-\(month < 10 ? "0" : "")\(month)", total: grid.total, missing: grid.missing,
                         cells: Array(grid.cellIndex.prefix(kept)), counts: Array(grid.count.prefix(kept)))
        }
    }
}
