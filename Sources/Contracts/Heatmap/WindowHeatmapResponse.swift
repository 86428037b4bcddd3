import CrimeScopeProtos

/// `crimescope.heatmap.v1.WindowHeatmapResponse`: per-area counts of a time window and the granularity used.
public struct WindowHeatmapResponse: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.WindowHeatmapResponse"

    public var areas: [AreaCounts]
    public var total: Counts?
    public var maxIncidents: Int64
    public var granularity: Granularity
    public var range: LocalTimeRange?
    public var timeZone: String

    public init(
        areas: [AreaCounts] = [], total: Counts? = nil, maxIncidents: Int64 = 0,
        granularity: Granularity = .unspecified, range: LocalTimeRange? = nil, timeZone: String = ""
    ) {
        self.areas = areas
        self.total = total
        self.maxIncidents = maxIncidents
        self.granularity = granularity
        self.range = range
        self.timeZone = timeZone
    }

    typealias CMessage = Crimescope__Heatmap__V1__WindowHeatmapResponse
    static let cInit = crimescope__heatmap__v1__window_heatmap_response__init
    static let cUnpack = crimescope__heatmap__v1__window_heatmap_response__unpack
    static let cFree = crimescope__heatmap__v1__window_heatmap_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_areas = areas.count
        c.areas = arena.messages(areas)
        c.total = total?.cPointer(in: arena)
        c.max_incidents = maxIncidents
        c.granularity = granularity.c
        c.range = range?.cPointer(in: arena)
        c.time_zone = arena.string(timeZone)
    }

    init(c: CMessage) {
        areas = CRead.messages(c.n_areas, c.areas, as: AreaCounts.self)
        total = CRead.message(c.total, as: Counts.self)
        maxIncidents = c.max_incidents
        granularity = Granularity(c: c.granularity)
        range = CRead.message(c.range, as: LocalTimeRange.self)
        timeZone = CRead.string(c.time_zone)
    }
}
