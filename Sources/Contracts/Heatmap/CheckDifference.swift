import CrimeScopeProtos

/// `crimescope.heatmap.v1.CheckDifference`: one area whose rollup and recount differ.
public struct CheckDifference: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.CheckDifference"

    public var area: String
    public var rollup: Counts?
    public var recount: Counts?

    public init(area: String = "", rollup: Counts? = nil, recount: Counts? = nil) {
        self.area = area
        self.rollup = rollup
        self.recount = recount
    }

    typealias CMessage = Crimescope__Heatmap__V1__CheckDifference
    static let cInit = crimescope__heatmap__v1__check_difference__init
    static let cUnpack = crimescope__heatmap__v1__check_difference__unpack
    static let cFree = crimescope__heatmap__v1__check_difference__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.area = arena.string(area)
        c.rollup = rollup?.cPointer(in: arena)
        c.recount = recount?.cPointer(in: arena)
    }

    init(c: CMessage) {
        area = CRead.string(c.area)
        rollup = CRead.message(c.rollup, as: Counts.self)
        recount = CRead.message(c.recount, as: Counts.self)
    }
}
