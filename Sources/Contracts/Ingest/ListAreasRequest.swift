import CrimeScopeProtos

/// `crimescope.ingest.v1.ListAreasRequest`: asks for a city's area polygons.
public struct ListAreasRequest: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.ListAreasRequest"

    public var city: String

    public init(city: String = "") {
        self.city = city
    }

    typealias CMessage = Crimescope__Ingest__V1__ListAreasRequest
    static let cInit = crimescope__ingest__v1__list_areas_request__init
    static let cUnpack = crimescope__ingest__v1__list_areas_request__unpack
    static let cFree = crimescope__ingest__v1__list_areas_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
    }
}
