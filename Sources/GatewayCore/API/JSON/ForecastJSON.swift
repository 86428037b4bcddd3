import Contracts

/// `GET /api/v1/forecast`: the expected count of incidents per area for one week, with the
/// factors behind each forecast.
struct ForecastJSON: Codable, Sendable, Equatable {
    /// One area's forecast.
    struct AreaJSON: Codable, Sendable, Equatable {
        var area: String
        var expectedCount: Double
        var explanation: ExplanationJSON?
    }

    var city: String
    var crimeGroup: String?
    var modelVersion: String
    /// Monday `YYYY-MM-DD` (local) of the forecast week.
    var weekStart: String
    var areas: [AreaJSON]

    init(query: ForecastQuery, response: ForecastResponse) {
        city = query.request.city
        crimeGroup = query.request.crimeGroup.isEmpty ? nil : query.request.crimeGroup
        modelVersion = response.modelVersion
        weekStart = response.weekStart
        areas = response.areas.map {
            AreaJSON(area: $0.area, expectedCount: $0.expectedCount, explanation: ExplanationJSON($0.explanation))
        }
    }
}
