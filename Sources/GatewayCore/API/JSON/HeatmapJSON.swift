import Contracts

/// `GET /api/v1/heatmap`: counts per area for the filters, the city total, the largest area
/// count (for a colour scale) and the crime types present (for a type filter).
public struct HeatmapJSON: Codable, Sendable, Equatable {
    /// The filters the counts are for; absent members were not given.
    public struct Filters: Codable, Sendable, Equatable {
        public var year: Int?
        public var yearFrom: Int?
        public var yearTo: Int?
        public var hourMin: Int?
        public var hourMax: Int?
        public var primaryType: String?

        public init(year: Int? = nil, yearFrom: Int? = nil, yearTo: Int? = nil, hourMin: Int? = nil, hourMax: Int? = nil,
                    primaryType: String? = nil) {
            self.year = year
            self.yearFrom = yearFrom
            self.yearTo = yearTo
            self.hourMin = hourMin
            self.hourMax = hourMax
            self.primaryType = primaryType
        }
    }

    /// One area's counts.
    public struct AreaJSON: Codable, Sendable, Equatable {
        public var area: String
        public var incidents: Int64
        public var arrests: Int64
        public var domestic: Int64

        /// The JSON form of a service's per-area counts.
        public init(_ counts: AreaCounts) {
            area = counts.area
            incidents = counts.counts?.incidents ?? 0
            arrests = counts.counts?.arrests ?? 0
            domestic = counts.counts?.domestic ?? 0
        }
    }

    public var city: String
    /// Hours and years are local to this IANA time zone.
    public var timeZone: String
    public var filters: Filters
    public var total: CountsJSON
    public var maxIncidents: Int64
    public var areas: [AreaJSON]
    public var crimeTypes: [CrimeTypeJSON]

    public init(city: String, filters: Filters, response: BeatHeatmapResponse) {
        self.city = city
        timeZone = response.timeZone
        self.filters = filters
        total = CountsJSON(response.total)
        maxIncidents = response.maxIncidents
        areas = response.areas.map(AreaJSON.init)
        crimeTypes = response.crimeTypes.map(CrimeTypeJSON.init)
    }
}

/// `{"incidents", "arrests", "domestic"}`: incident counts with how many led to an arrest and
/// how many were domestic.
public struct CountsJSON: Codable, Sendable, Equatable {
    public var incidents: Int64
    public var arrests: Int64
    public var domestic: Int64

    public init(_ counts: Counts?) {
        incidents = counts?.incidents ?? 0
        arrests = counts?.arrests ?? 0
        domestic = counts?.domestic ?? 0
    }
}

/// `{"primary_type", "incidents"}`: one crime type and its count.
public struct CrimeTypeJSON: Codable, Sendable, Equatable {
    public var primaryType: String
    public var incidents: Int64

    public init(_ count: CrimeTypeCount) {
        primaryType = count.primaryType
        incidents = count.incidents
    }
}
