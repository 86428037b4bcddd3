import CrimeScopeProtos

/// `crimescope.heatmap.v1.AreaSeries`: one area's weekly counts of one crime group.
public struct AreaSeries: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.AreaSeries"

    public var area: String
    public var crimeGroup: String
    /// Monday of the first week, local seconds, and one count per week.
    public var firstWeekLocalSeconds: Int64
    public var weeklyCounts: [UInt32]

    public init(area: String = "", crimeGroup: String = "", firstWeekLocalSeconds: Int64 = 0, weeklyCounts: [UInt32] = []) {
        self.area = area
        self.crimeGroup = crimeGroup
        self.firstWeekLocalSeconds = firstWeekLocalSeconds
        self.weeklyCounts = weeklyCounts
    }

    typealias CMessage = Crimescope__Heatmap__V1__AreaSeries
    static let cInit = crimescope__heatmap__v1__area_series__init
    static let cUnpack = crimescope__heatmap__v1__area_series__unpack
    static let cFree = crimescope__heatmap__v1__area_series__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.area = arena.string(area)
        c.crime_group = arena.string(crimeGroup)
        c.first_week_local_seconds = firstWeekLocalSeconds
        c.n_weekly_counts = weeklyCounts.count
        c.weekly_counts = arena.array(weeklyCounts)
    }

    init(c: CMessage) {
        area = CRead.string(c.area)
        crimeGroup = CRead.string(c.crime_group)
        firstWeekLocalSeconds = c.first_week_local_seconds
        weeklyCounts = CRead.array(c.n_weekly_counts, c.weekly_counts)
    }
}
