import CrimeScopeProtos

/// `crimescope.ingest.v1.PullOutboxRequest`: asks for outbox entries after a position.
public struct PullOutboxRequest: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.PullOutboxRequest"

    /// Entries with a position greater than this.
    public var afterPosition: Int64
    public var maxEntries: Int32
    public var maxDeltas: Int32
    /// A stable name of the consumer; empty: nothing is recorded.
    public var consumer: String
    /// The position up to which the named consumer's state is durable (see the proto).
    public var acknowledgedPosition: Int64

    public init(afterPosition: Int64 = 0, maxEntries: Int32 = 0, maxDeltas: Int32 = 0, consumer: String = "",
                acknowledgedPosition: Int64 = 0) {
        self.afterPosition = afterPosition
        self.maxEntries = maxEntries
        self.maxDeltas = maxDeltas
        self.consumer = consumer
        self.acknowledgedPosition = acknowledgedPosition
    }

    typealias CMessage = Crimescope__Ingest__V1__PullOutboxRequest
    static let cInit = crimescope__ingest__v1__pull_outbox_request__init
    static let cUnpack = crimescope__ingest__v1__pull_outbox_request__unpack
    static let cFree = crimescope__ingest__v1__pull_outbox_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.after_position = afterPosition
        c.max_entries = maxEntries
        c.max_deltas = maxDeltas
        c.consumer = arena.string(consumer)
        c.acknowledged_position = acknowledgedPosition
    }

    init(c: CMessage) {
        afterPosition = c.after_position
        maxEntries = c.max_entries
        maxDeltas = c.max_deltas
        consumer = CRead.string(c.consumer)
        acknowledgedPosition = c.acknowledged_position
    }
}
