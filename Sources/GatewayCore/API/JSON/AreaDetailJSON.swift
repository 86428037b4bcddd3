import Contracts

/// `GET /api/v1/areas/{city}/{area}`: one area's counts, crime mix, arrest and domestic rates
/// and 24-hour profile, next to the same numbers for the whole city.
public struct AreaDetailJSON: Codable, Sendable, Equatable {
    /// The city-wide numbers to compare with.
    public struct CityComparison: Codable, Sendable, Equatable {
        public var arrestRate: Double
        public var domesticRate: Double
        public var meanIncidentsPerArea: Double
        /// 24 counts, local hour 0 first.
        public var byHour: [Int64]
    }

    public var city: String
    public var area: String
    /// Hours are local to this IANA time zone (empty when the city is unknown).
    public var timeZone: String
    public var yearFrom: Int?
    public var yearTo: Int?
    public var counts: CountsJSON
    public var crimeMix: [CrimeTypeJSON]
    public var arrestRate: Double
    public var domesticRate: Double
    /// 24 counts, local hour 0 first.
    public var byHour: [Int64]
    public var cityComparison: CityComparison

    public init(city: String, area: String, timeZone: String, yearFrom: Int?, yearTo: Int?, response: AreaDetailResponse) {
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
