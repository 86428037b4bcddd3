import CrimeScopeProtos

/// `crimescope.ingest.v1.ListAreasResponse`: a city's area polygons.
public struct ListAreasResponse: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.ListAreasResponse"

    public var areas: [AreaRecord]

    public init(areas: [AreaRecord] = []) {
        self.areas = areas
    }

    typealias CMessage = Crimescope__Ingest__V1__ListAreasResponse
    static let cInit = crimescope__ingest__v1__list_areas_response__init
    static let cUnpack = crimescope__ingest__v1__list_areas_response__unpack
    static let cFree = crimescope__ingest__v1__list_areas_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_areas = areas.count
        c.areas = arena.messages(areas)
    }

    init(c: CMessage) {
        areas = CRead.messages(c.n_areas, c.areas, as: AreaRecord.self)
    }
}
