import CrimeScopeProtos

/// `crimescope.heatmap.v1.BeatHeatmapRequest`: per-area counts for a year or year range.
public struct BeatHeatmapRequest: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.BeatHeatmapRequest"

    public var city: String
    /// Either `year` or `year_from`/`year_to`; both given is INVALID_ARGUMENT. 0 = not given.
    public var year: Int32
    public var yearFrom: Int32
    public var yearTo: Int32
    /// Absent means all hours.
    public var hours: HourRange?
    /// Empty means all types.
    public var primaryType: String

    public init(
        city: String = "", year: Int32 = 0, yearFrom: Int32 = 0, yearTo: Int32 = 0, hours: HourRange? = nil,
        primaryType: String = ""
    ) {
        self.city = city
        self.year = year
        self.yearFrom = yearFrom
        self.yearTo = yearTo
        self.hours = hours
        self.primaryType = primaryType
    }

    typealias CMessage = Crimescope__Heatmap__V1__BeatHeatmapRequest
    static let cInit = crimescope__heatmap__v1__beat_heatmap_request__init
    static let cUnpack = crimescope__heatmap__v1__beat_heatmap_request__unpack
    static let cFree = crimescope__heatmap__v1__beat_heatmap_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.year = year
        c.year_from = yearFrom
        c.year_to = yearTo
        c.hours = hours?.cPointer(in: arena)
        c.primary_type = arena.string(primaryType)
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        year = c.year
        yearFrom = c.year_from
        yearTo = c.year_to
        hours = CRead.message(c.hours, as: HourRange.self)
        primaryType = CRead.string(c.primary_type)
    }
}
