import Contracts

/// `GET /api/v1/forecast`: the expected count of incidents per area for one week, with the
/// factors behind each forecast.
public struct ForecastJSON: Codable, Sendable, Equatable {
    /// One area's forecast.
    public struct AreaJSON: Codable, Sendable, Equatable {
        public var area: String
        public var expectedCount: Double
        public var explanation: ExplanationJSON?
    }

    public var city: String
    public var crimeGroup: String?
    public var modelVersion: String
    /// Monday `YYYY-MM-DD` (local) of the forecast week.
    public var weekStart: String
    public var areas: [AreaJSON]

    public init(query: ForecastQuery, response: ForecastResponse) {
        city = query.request.city
        crimeGroup = query.request.crimeGroup.isEmpty ? nil : query.request.crimeGroup
        modelVersion = response.modelVersion
        weekStart = response.weekStart
        areas = response.areas.map {
            AreaJSON(area: $0.area, expectedCount: $0.expectedCount, explanation: ExplanationJSON($0.explanation))
        }
    }
}
