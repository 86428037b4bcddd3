import CrimeScopeProtos

/// `crimescope.heatmap.v1.HexHotspotsRequest`: asks for the recurring hexagonal hotspots of a period.
public struct HexHotspotsRequest: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.HexHotspotsRequest"

    public var city: String
    public var primaryType: String
    /// First month "YYYY-MM" and number of months; empty first month means the newest months.
    public var firstMonth: String
    public var months: Int32
    /// 1, 3 or 12.
    public var windowMonths: Int32
    /// Share of cells in the top set, default 0.001 (at least one cell).
    public var topShare: Double
    public var limit: Int32

    public init(
        city: String = "", primaryType: String = "", firstMonth: String = "", months: Int32 = 0,
        windowMonths: Int32 = 0, topShare: Double = 0, limit: Int32 = 0
    ) {
        self.city = city
        self.primaryType = primaryType
        self.firstMonth = firstMonth
        self.months = months
        self.windowMonths = windowMonths
        self.topShare = topShare
        self.limit = limit
    }

    typealias CMessage = Crimescope__Heatmap__V1__HexHotspotsRequest
    static let cInit = crimescope__heatmap__v1__hex_hotspots_request__init
    static let cUnpack = crimescope__heatmap__v1__hex_hotspots_request__unpack
    static let cFree = crimescope__heatmap__v1__hex_hotspots_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.primary_type = arena.string(primaryType)
        c.first_month = arena.string(firstMonth)
        c.months = months
        c.window_months = windowMonths
        c.top_share = topShare
        c.limit = limit
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        primaryType = CRead.string(c.primary_type)
        firstMonth = CRead.string(c.first_month)
        months = c.months
        windowMonths = c.window_months
        topShare = c.top_share
        limit = c.limit
    }
}
