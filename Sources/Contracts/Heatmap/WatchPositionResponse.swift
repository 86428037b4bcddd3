import CrimeScopeProtos

/// `crimescope.heatmap.v1.WatchPositionResponse`: the index's outbox position when the watch returned.
public struct WatchPositionResponse: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.WatchPositionResponse"

    public var position: Int64

    public init(position: Int64 = 0) {
        self.position = position
    }

    typealias CMessage = Crimescope__Heatmap__V1__WatchPositionResponse
    static let cInit = crimescope__heatmap__v1__watch_position_response__init
    static let cUnpack = crimescope__heatmap__v1__watch_position_response__unpack
    static let cFree = crimescope__heatmap__v1__watch_position_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.position = position
    }

    init(c: CMessage) {
        position = c.position
    }
}
