import CrimeScopeProtos

/// `crimescope.heatmap.v1.ListCitiesRequest`: asks for the cities served (no fields).
public struct ListCitiesRequest: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.ListCitiesRequest"

    public init() {}

    typealias CMessage = Crimescope__Heatmap__V1__ListCitiesRequest
    static let cInit = crimescope__heatmap__v1__list_cities_request__init
    static let cUnpack = crimescope__heatmap__v1__list_cities_request__unpack
    static let cFree = crimescope__heatmap__v1__list_cities_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {}
    init(c: CMessage) {}
}
