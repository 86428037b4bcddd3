import CrimeScopeProtos

/// `crimescope.heatmap.v1.AreaCounts`: one area's counts.
public struct AreaCounts: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.AreaCounts"

    public var area: String
    public var counts: Counts?

    public init(area: String = "", counts: Counts? = nil) {
        self.area = area
        self.counts = counts
    }

    typealias CMessage = Crimescope__Heatmap__V1__AreaCounts
    static let cInit = crimescope__heatmap__v1__area_counts__init
    static let cUnpack = crimescope__heatmap__v1__area_counts__unpack
    static let cFree = crimescope__heatmap__v1__area_counts__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.area = arena.string(area)
        c.counts = counts?.cPointer(in: arena)
    }

    init(c: CMessage) {
        area = CRead.string(c.area)
        counts = CRead.message(c.counts, as: Counts.self)
    }
}
