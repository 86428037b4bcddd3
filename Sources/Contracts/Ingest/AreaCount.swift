import CrimeScopeProtos

/// `crimescope.ingest.v1.AreaCount`: one area's recounted incidents.
public struct AreaCount: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.AreaCount"

    public var area: String
    public var counts: Counts?

    public init(area: String = "", counts: Counts? = nil) {
        self.area = area
        self.counts = counts
    }

    typealias CMessage = Crimescope__Ingest__V1__AreaCount
    static let cInit = crimescope__ingest__v1__area_count__init
    static let cUnpack = crimescope__ingest__v1__area_count__unpack
    static let cFree = crimescope__ingest__v1__area_count__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.area = arena.string(area)
        c.counts = counts?.cPointer(in: arena)
    }

    init(c: CMessage) {
        area = CRead.string(c.area)
        counts = CRead.message(c.counts, as: Counts.self)
    }
}
