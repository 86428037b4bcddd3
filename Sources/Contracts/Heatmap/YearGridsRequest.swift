import CrimeScopeProtos

/// `crimescope.heatmap.v1.YearGridsRequest`: asks for a year's monthly density grids.
public struct YearGridsRequest: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.YearGridsRequest"

    public var city: String
    public var year: Int32
    public var primaryType: String

    public init(city: String = "", year: Int32 = 0, primaryType: String = "") {
        self.city = city
        self.year = year
        self.primaryType = primaryType
    }

    typealias CMessage = Crimescope__Heatmap__V1__YearGridsRequest
    static let cInit = crimescope__heatmap__v1__year_grids_request__init
    static let cUnpack = crimescope__heatmap__v1__year_grids_request__unpack
    static let cFree = crimescope__heatmap__v1__year_grids_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.year = year
        c.primary_type = arena.string(primaryType)
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        year = c.year
        primaryType = CRead.string(c.primary_type)
    }
}
