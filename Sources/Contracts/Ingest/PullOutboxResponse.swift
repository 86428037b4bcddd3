import CrimeScopeProtos

/// `crimescope.ingest.v1.PullOutboxResponse`: outbox entries and the last position returned.
public struct PullOutboxResponse: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.PullOutboxResponse"

    public var entries: [OutboxEntry]
    public var lastPosition: Int64

    public init(entries: [OutboxEntry] = [], lastPosition: Int64 = 0) {
        self.entries = entries
        self.lastPosition = lastPosition
    }

    typealias CMessage = Crimescope__Ingest__V1__PullOutboxResponse
    static let cInit = crimescope__ingest__v1__pull_outbox_response__init
    static let cUnpack = crimescope__ingest__v1__pull_outbox_response__unpack
    static let cFree = crimescope__ingest__v1__pull_outbox_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_entries = entries.count
        c.entries = arena.messages(entries)
        c.last_position = lastPosition
    }

    init(c: CMessage) {
        entries = CRead.messages(c.n_entries, c.entries, as: OutboxEntry.self)
        lastPosition = c.last_position
    }
}
