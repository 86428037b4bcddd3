import Contracts

/// `GET /api/v1/heatmap`: counts per area for the filters, the city total, the largest area
/// count (for a colour scale) and the crime types present (for a type filter).
package struct HeatmapJSON: Codable, Sendable, Equatable {
    /// The filters the counts are for; absent members were not given.
    package struct Filters: Codable, Sendable, Equatable {
        package var year: Int?
        package var yearFrom: Int?
        package var yearTo: Int?
        package var hourMin: Int?
        package var hourMax: Int?
        package var primaryType: String?

        package init(year: Int? = nil, yearFrom: Int? = nil, yearTo: Int? = nil, hourMin: Int? = nil, hourMax: Int? = nil,
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
    struct AreaJSON: Codable, Sendable, Equatable {
        var area: String
        var incidents: Int64
        var arrests: Int64
        var domestic: Int64

        /// The JSON form of a service's per-area counts.
        init(_ counts: AreaCounts) {
            area = counts.area
            incidents = counts.counts?.incidents ?? 0
            arrests = counts.counts?.arrests ?? 0
            domestic = counts.counts?.domestic ?? 0
        }
    }

    package var city: String
    /// Hours and years are local to this IANA time zone.
    var timeZone: String
    package var filters: Filters
    var total: CountsJSON
    var maxIncidents: Int64
    var areas: [AreaJSON]
    var crimeTypes: [CrimeTypeJSON]

    package init(city: String, filters: Filters, response: BeatHeatmapResponse) {
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
struct CountsJSON: Codable, Sendable, Equatable {
    var incidents: Int64
    var arrests: Int64
    var domestic: Int64

    init(_ counts: Counts?) {
        incidents = counts?.incidents ?? 0
        arrests = counts?.arrests ?? 0
        domestic = counts?.domestic ?? 0
    }
}

/// `{"primary_type", "incidents"}`: one crime type and its count.
struct CrimeTypeJSON: Codable, Sendable, Equatable {
    var primaryType: String
    var incidents: Int64

    init(_ count: CrimeTypeCount) {
        primaryType = count.primaryType
        incidents = count.incidents
    }
}
