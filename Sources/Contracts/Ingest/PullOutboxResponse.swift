import CrimeScopeProtos

/// `crimescope.ingest.v1.PullOutboxResponse`: outbox entries and the last position returned.
public struct PullOutboxResponse: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.PullOutboxResponse"

    public var entries: [OutboxEntry]
    public var lastPosition: Int64
    /// Deltas of the entries after these (0 when caught up).
    public var behindDeltas: Int64
    /// Age in seconds of the oldest entry after these (0 when caught up).
    public var behindSeconds: Double

    public init(entries: [OutboxEntry] = [], lastPosition: Int64 = 0, behindDeltas: Int64 = 0, behindSeconds: Double = 0) {
        self.entries = entries
        self.lastPosition = lastPosition
        self.behindDeltas = behindDeltas
        self.behindSeconds = behindSeconds
    }

    typealias CMessage = Crimescope__Ingest__V1__PullOutboxResponse
    static let cInit = crimescope__ingest__v1__pull_outbox_response__init
    static let cUnpack = crimescope__ingest__v1__pull_outbox_response__unpack
    static let cFree = crimescope__ingest__v1__pull_outbox_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_entries = entries.count
        c.entries = arena.messages(entries)
        c.last_position = lastPosition
        c.behind_deltas = behindDeltas
        c.behind_seconds = behindSeconds
    }

    init(c: CMessage) {
        entries = CRead.messages(c.n_entries, c.entries, as: OutboxEntry.self)
        lastPosition = c.last_position
        behindDeltas = c.behind_deltas
        behindSeconds = c.behind_seconds
    }
}
