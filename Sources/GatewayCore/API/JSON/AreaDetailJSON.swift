import Contracts

/// `GET /api/v1/areas/{city}/{area}`: one area's counts, crime mix, arrest and domestic rates
/// and 24-hour profile, next to the same numbers for the whole city.
struct AreaDetailJSON: Codable, Sendable, Equatable {
    /// The city-wide numbers to compare with.
    struct CityComparison: Codable, Sendable, Equatable {
        var arrestRate: Double
        var domesticRate: Double
        var meanIncidentsPerArea: Double
        /// 24 counts, local hour 0 first.
        var byHour: [Int64]
    }

    var city: String
    var area: String
    /// Hours are local to this IANA time zone (empty when the city is unknown).
    var timeZone: String
    var yearFrom: Int?
    var yearTo: Int?
    var counts: CountsJSON
    var crimeMix: [CrimeTypeJSON]
    var arrestRate: Double
    var domesticRate: Double
    /// 24 counts, local hour 0 first.
    var byHour: [Int64]
    var cityComparison: CityComparison

    init(city: String, area: String, timeZone: String, yearFrom: Int?, yearTo: Int?, response: AreaDetailResponse) {
        self.city = city
        self.area = area
        self.timeZone = timeZone
        self.yearFrom = yearFrom
        self.yearTo = yearTo
        counts = CountsJSON(response.counts)
        crimeMix = response.crimeMix.map(CrimeTypeJSON.init)
        arrestRate = response.arrestRate
        domesticRate = response.domesticRate
        byHour = response.byHour
        cityComparison = CityComparison(
            arrestRate: response.cityArrestRate, domesticRate: response.cityDomesticRate,
            meanIncidentsPerArea: response.cityMeanIncidentsPerArea, byHour: response.cityByHour)
    }
}
