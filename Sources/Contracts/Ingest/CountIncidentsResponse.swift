import CrimeScopeProtos

/// `crimescope.ingest.v1.CountIncidentsResponse`: per-area recounts and their total.
public struct CountIncidentsResponse: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.CountIncidentsResponse"

    public var areas: [AreaCount]
    public var total: Counts?

    public init(areas: [AreaCount] = [], total: Counts? = nil) {
        self.areas = areas
        self.total = total
    }

    typealias CMessage = Crimescope__Ingest__V1__CountIncidentsResponse
    static let cInit = crimescope__ingest__v1__count_incidents_response__init
    static let cUnpack = crimescope__ingest__v1__count_incidents_response__unpack
    static let cFree = crimescope__ingest__v1__count_incidents_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_areas = areas.count
        c.areas = arena.messages(areas)
        c.total = total?.cPointer(in: arena)
    }

    init(c: CMessage) {
        areas = CRead.messages(c.n_areas, c.areas, as: AreaCount.self)
        total = CRead.message(c.total, as: Counts.self)
    }
}
