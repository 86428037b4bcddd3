import CrimeScopeProtos

/// `crimescope.heatmap.v1.AreaDetailResponse`: one area's counts, crime mix and hourly profile next to the city's.
public struct AreaDetailResponse: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.AreaDetailResponse"

    public var area: AreaId?
    public var counts: Counts?
    public var crimeMix: [CrimeTypeCount]
    public var arrestRate: Double
    public var domesticRate: Double
    /// 24 entries, hour 0 first.
    public var byHour: [Int64]
    public var cityArrestRate: Double
    public var cityDomesticRate: Double
    public var cityMeanIncidentsPerArea: Double
    public var cityByHour: [Int64]

    public init(
        area: AreaId? = nil, counts: Counts? = nil, crimeMix: [CrimeTypeCount] = [], arrestRate: Double = 0,
        domesticRate: Double = 0, byHour: [Int64] = [], cityArrestRate: Double = 0, cityDomesticRate: Double = 0,
        cityMeanIncidentsPerArea: Double = 0, cityByHour: [Int64] = []
    ) {
        self.area = area
        self.counts = counts
        self.crimeMix = crimeMix
        self.arrestRate = arrestRate
        self.domesticRate = domesticRate
        self.byHour = byHour
        self.cityArrestRate = cityArrestRate
        self.cityDomesticRate = cityDomesticRate
        self.cityMeanIncidentsPerArea = cityMeanIncidentsPerArea
        self.cityByHour = cityByHour
    }

    typealias CMessage = Crimescope__Heatmap__V1__AreaDetailResponse
    static let cInit = crimescope__heatmap__v1__area_detail_response__init
    static let cUnpack = crimescope__heatmap__v1__area_detail_response__unpack
    static let cFree = crimescope__heatmap__v1__area_detail_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.area = area?.cPointer(in: arena)
        c.counts = counts?.cPointer(in: arena)
        c.n_crime_mix = crimeMix.count
        c.crime_mix = arena.messages(crimeMix)
        c.arrest_rate = arrestRate
        c.domestic_rate = domesticRate
        c.n_by_hour = byHour.count
        c.by_hour = arena.array(byHour)
        c.city_arrest_rate = cityArrestRate
        c.city_domestic_rate = cityDomesticRate
        c.city_mean_incidents_per_area = cityMeanIncidentsPerArea
        c.n_city_by_hour = cityByHour.count
        c.city_by_hour = arena.array(cityByHour)
    }

    init(c: CMessage) {
        area = CRead.message(c.area, as: AreaId.self)
        counts = CRead.message(c.counts, as: Counts.self)
        crimeMix = CRead.messages(c.n_crime_mix, c.crime_mix, as: CrimeTypeCount.self)
        arrestRate = c.arrest_rate
        domesticRate = c.domestic_rate
        byHour = CRead.array(c.n_by_hour, c.by_hour)
        cityArrestRate = c.city_arrest_rate
        cityDomesticRate = c.city_domestic_rate
        cityMeanIncidentsPerArea = c.city_mean_incidents_per_area
        cityByHour = CRead.array(c.n_city_by_hour, c.city_by_hour)
    }
}
