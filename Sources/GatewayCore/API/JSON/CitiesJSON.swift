import Contracts

/// `GET /api/v1/cities`: `{"cities": [{"city", "name", "time_zone", "bounds", "available_months", "years"}]}`.
struct CitiesJSON: Codable, Sendable, Equatable {
    /// One city the heatmap service has data for.
    struct CityJSON: Codable, Sendable, Equatable {
        var city: String
        var name: String
        /// IANA time zone in which every hour and date of this city is stated.
        var timeZone: String
        /// `[min_lon, min_lat, max_lon, max_lat]` (WGS84), or null when unknown.
        var bounds: [Double]?
        /// `YYYY-MM`, oldest first.
        var availableMonths: [String]
        /// The distinct years of `available_months`, oldest first.
        var years: [Int]
    }

    var cities: [CityJSON]

    init(_ response: ListCitiesResponse) {
        cities = response.cities.map { city in
            let years = Set(city.availableMonths.compactMap { Int($0.prefix(4)) }).sorted()
            return CityJSON(
                city: city.city, name: city.name, timeZone: city.timeZone,
                bounds: city.bounds.map { [$0.minLon, $0.minLat, $0.maxLon, $0.maxLat] },
                availableMonths: city.availableMonths, years: years)
        }
    }
}
