import CrimeScopeProtos

/// `crimescope.heatmap.v1.CheckRequest`: compares the rollups of a slice with a recount by the ingest service.
public struct CheckRequest: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.CheckRequest"

    public var city: String
    public var range: LocalTimeRange?
    public var primaryType: String

    public init(city: String = "", range: LocalTimeRange? = nil, primaryType: String = "") {
        self.city = city
        self.range = range
        self.primaryType = primaryType
    }

    typealias CMessage = Crimescope__Heatmap__V1__CheckRequest
    static let cInit = crimescope__heatmap__v1__check_request__init
    static let cUnpack = crimescope__heatmap__v1__check_request__unpack
    static let cFree = crimescope__heatmap__v1__check_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.range = range?.cPointer(in: arena)
        c.primary_type = arena.string(primaryType)
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        range = CRead.message(c.range, as: LocalTimeRange.self)
        primaryType = CRead.string(c.primary_type)
    }
}
