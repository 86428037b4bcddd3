import CrimeScopeProtos

/// `crimescope.heatmap.v1.CheckResponse`: whether the rollups match the recount, and where they do not.
public struct CheckResponse: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.CheckResponse"

    public var consistent: Bool
    public var differences: [CheckDifference]
    public var appliedOutboxPosition: Int64

    public init(consistent: Bool = false, differences: [CheckDifference] = [], appliedOutboxPosition: Int64 = 0) {
        self.consistent = consistent
        self.differences = differences
        self.appliedOutboxPosition = appliedOutboxPosition
    }

    typealias CMessage = Crimescope__Heatmap__V1__CheckResponse
    static let cInit = crimescope__heatmap__v1__check_response__init
    static let cUnpack = crimescope__heatmap__v1__check_response__unpack
    static let cFree = crimescope__heatmap__v1__check_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.consistent = CWrite.bool(consistent)
        c.n_differences = differences.count
        c.differences = arena.messages(differences)
        c.applied_outbox_position = appliedOutboxPosition
    }

    init(c: CMessage) {
        consistent = CRead.bool(c.consistent)
        differences = CRead.messages(c.n_differences, c.differences, as: CheckDifference.self)
        appliedOutboxPosition = c.applied_outbox_position
    }
}
