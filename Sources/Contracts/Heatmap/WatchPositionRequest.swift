import CrimeScopeProtos

/// `crimescope.heatmap.v1.WatchPositionRequest`: wait until the index's outbox position differs from `after`, at most `holdMs` (0 = the default hold).
public struct WatchPositionRequest: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.WatchPositionRequest"

    public var after: Int64
    public var holdMs: Int32

    public init(after: Int64 = 0, holdMs: Int32 = 0) {
        self.after = after
        self.holdMs = holdMs
    }

    typealias CMessage = Crimescope__Heatmap__V1__WatchPositionRequest
    static let cInit = crimescope__heatmap__v1__watch_position_request__init
    static let cUnpack = crimescope__heatmap__v1__watch_position_request__unpack
    static let cFree = crimescope__heatmap__v1__watch_position_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.after = after
        c.hold_ms = holdMs
    }

    init(c: CMessage) {
        after = c.after
        holdMs = c.hold_ms
    }
}
