import Contracts

/// `GET /api/v1/cities`: `{"cities": [{"city", "name", "time_zone", "bounds", "available_months", "years"}]}`.
public struct CitiesJSON: Codable, Sendable, Equatable {
    /// One city the heatmap service has data for.
    public struct CityJSON: Codable, Sendable, Equatable {
        public var city: String
        public var name: String
        /// IANA time zone in which every hour and date of this city is stated.
        public var timeZone: String
        /// `[min_lon, min_lat, max_lon, max_lat]` (WGS84), or null when unknown.
        public var bounds: [Double]?
        /// `YYYY-MM`, oldest first.
        public var availableMonths: [String]
        /// The distinct years of `available_months`, oldest first.
        public var years: [Int]
    }

    public var cities: [CityJSON]

    public init(_ response: ListCitiesResponse) {
        cities = response.cities.map { city in
            let years = Set(city.availableMonths.compactMap { Int($0.prefix(4)) }).sorted()
            return CityJSON(
                city: city.city, name: city.name, timeZone: city.timeZone,
                bounds: city.bounds.map { [$0.minLon, $0.minLat, $0.maxLon, $0.maxLat] },
                availableMonths: city.availableMonths, years: years)
        }
    }
}
