import CrimeScopeProtos

/// `crimescope.ingest.v1.ListIncidentsRequest`: incidents of a city in a time range as flat, parallel arrays (the month animation's feed).
public struct ListIncidentsRequest: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.ListIncidentsRequest"

    public var city: String
    public var range: LocalTimeRange?
    public var bbox: BoundingBox?
    /// Category codes to keep (law category for NYPD, crime group elsewhere); empty keeps all.
    public var categories: [String]
    public var limit: Int32

    public init(
        city: String = "", range: LocalTimeRange? = nil, bbox: BoundingBox? = nil, categories: [String] = [],
        limit: Int32 = 0
    ) {
        self.city = city
        self.range = range
        self.bbox = bbox
        self.categories = categories
        self.limit = limit
    }

    typealias CMessage = Crimescope__Ingest__V1__ListIncidentsRequest
    static let cInit = crimescope__ingest__v1__list_incidents_request__init
    static let cUnpack = crimescope__ingest__v1__list_incidents_request__unpack
    static let cFree = crimescope__ingest__v1__list_incidents_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.range = range?.cPointer(in: arena)
        c.bbox = bbox?.cPointer(in: arena)
        c.n_categories = categories.count
        c.categories = arena.strings(categories)
        c.limit = limit
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        range = CRead.message(c.range, as: LocalTimeRange.self)
        bbox = CRead.message(c.bbox, as: BoundingBox.self)
        categories = CRead.strings(c.n_categories, c.categories)
        limit = c.limit
    }
}
