import Contracts

/// The validated query of `GET /api/v1/grids` as a GetYearGrids request.
struct YearGridsQuery: Sendable {
    /// The query names the endpoint accepts.
    static let names: Set<String> = ["city", "year", "primary_type"]

    var request: YearGridsRequest

    /// Validates: `city` and `year` (1900-2100) required; `primary_type` optional.
    init(_ query: QueryParameters) throws(APIError) {
        let city = try query.requiredCity()
        guard let year = try query.integer("year", in: HeatmapQuery.years) else { throw .invalidArgument("'year' is required") }
        request = YearGridsRequest(city: city, year: Int32(year), primaryType: try query.string("primary_type") ?? "")
    }
}
