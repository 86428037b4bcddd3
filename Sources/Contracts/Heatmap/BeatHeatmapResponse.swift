import CrimeScopeProtos

/// `crimescope.heatmap.v1.BeatHeatmapResponse`: per-area counts, their total and maximum, and the crime types present.
public struct BeatHeatmapResponse: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.BeatHeatmapResponse"

    public var areas: [AreaCounts]
    public var total: Counts?
    public var maxIncidents: Int64
    public var filters: BeatHeatmapRequest?
    public var crimeTypes: [CrimeTypeCount]
    public var timeZone: String

    public init(
        areas: [AreaCounts] = [], total: Counts? = nil, maxIncidents: Int64 = 0, filters: BeatHeatmapRequest? = nil,
        crimeTypes: [CrimeTypeCount] = [], timeZone: String = ""
    ) {
        self.areas = areas
        self.total = total
        self.maxIncidents = maxIncidents
        self.filters = filters
        self.crimeTypes = crimeTypes
        self.timeZone = timeZone
    }

    typealias CMessage = Crimescope__Heatmap__V1__BeatHeatmapResponse
    static let cInit = crimescope__heatmap__v1__beat_heatmap_response__init
    static let cUnpack = crimescope__heatmap__v1__beat_heatmap_response__unpack
    static let cFree = crimescope__heatmap__v1__beat_heatmap_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_areas = areas.count
        c.areas = arena.messages(areas)
        c.total = total?.cPointer(in: arena)
        c.max_incidents = maxIncidents
        c.filters = filters?.cPointer(in: arena)
        c.n_crime_types = crimeTypes.count
        c.crime_types = arena.messages(crimeTypes)
        c.time_zone = arena.string(timeZone)
    }

    init(c: CMessage) {
        areas = CRead.messages(c.n_areas, c.areas, as: AreaCounts.self)
        total = CRead.message(c.total, as: Counts.self)
        maxIncidents = c.max_incidents
        filters = CRead.message(c.filters, as: BeatHeatmapRequest.self)
        crimeTypes = CRead.messages(c.n_crime_types, c.crime_types, as: CrimeTypeCount.self)
        timeZone = CRead.string(c.time_zone)
    }
}
