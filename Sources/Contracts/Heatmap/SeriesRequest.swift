import CrimeScopeProtos

/// `crimescope.heatmap.v1.SeriesRequest`: asks for weekly series per area and crime group.
public struct SeriesRequest: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.SeriesRequest"

    public var city: String
    public var range: LocalTimeRange?

    public init(city: String = "", range: LocalTimeRange? = nil) {
        self.city = city
        self.range = range
    }

    typealias CMessage = Crimescope__Heatmap__V1__SeriesRequest
    static let cInit = crimescope__heatmap__v1__series_request__init
    static let cUnpack = crimescope__heatmap__v1__series_request__unpack
    static let cFree = crimescope__heatmap__v1__series_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.range = range?.cPointer(in: arena)
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        range = CRead.message(c.range, as: LocalTimeRange.self)
    }
}
