import CrimeScopeProtos

/// `crimescope.ingest.v1.CountIncidentsRequest`: recount a slice from the source of truth (the heatmap check RPC calls this).
public struct CountIncidentsRequest: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.CountIncidentsRequest"

    public var city: String
    public var range: LocalTimeRange?
    public var primaryType: String

    public init(city: String = "", range: LocalTimeRange? = nil, primaryType: String = "") {
        self.city = city
        self.range = range
        self.primaryType = primaryType
    }

    typealias CMessage = Crimescope__Ingest__V1__CountIncidentsRequest
    static let cInit = crimescope__ingest__v1__count_incidents_request__init
    static let cUnpack = crimescope__ingest__v1__count_incidents_request__unpack
    static let cFree = crimescope__ingest__v1__count_incidents_request__free_unpacked

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
