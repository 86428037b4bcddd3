import Contracts

/// The validated query of `GET /api/v1/heatmap` as a GetBeatHeatmap request.
struct HeatmapQuery: Sendable {
    /// Years the API accepts.
    static let years = 1900...2100

    var request: BeatHeatmapRequest
    var filters: HeatmapJSON.Filters

    /// Validates: `city` required; `year` or `year_from`/`year_to` (not both); hours 0-23,
    /// `hour_min` and `hour_max` both or neither (min > max wraps midnight).
    init(_ query: QueryParameters) throws(APIError) {
        let city = try query.requiredCity()
        let year = try query.integer("year", in: Self.years)
        let yearFrom = try query.integer("year_from", in: Self.years)
        let yearTo = try query.integer("year_to", in: Self.years)
        if year != nil, yearFrom != nil || yearTo != nil {
            throw .invalidArgument("give either 'year' or 'year_from'/'year_to', not both")
        }
        if let yearFrom, let yearTo, yearFrom > yearTo {
            throw .invalidArgument("'year_from' (\(yearFrom)) is after 'year_to' (\(yearTo))")
        }
        let hourMin = try query.integer("hour_min", in: 0...23)
        let hourMax = try query.integer("hour_max", in: 0...23)
        if (hourMin == nil) != (hourMax == nil) {
            throw .invalidArgument("give both 'hour_min' and 'hour_max', or neither")
        }
        let primaryType = try query.string("primary_type")
        var hours: HourRange?
        if let hourMin, let hourMax { hours = HourRange(hourMin: Int32(hourMin), hourMax: Int32(hourMax)) }
        request = BeatHeatmapRequest(city: city, year: Int32(year ?? 0), yearFrom: Int32(yearFrom ?? 0),
                                     yearTo: Int32(yearTo ?? 0), hours: hours, primaryType: primaryType ?? "")
        filters = HeatmapJSON.Filters(year: year, yearFrom: yearFrom, yearTo: yearTo, hourMin: hourMin,
                                      hourMax: hourMax, primaryType: primaryType)
    }
}
