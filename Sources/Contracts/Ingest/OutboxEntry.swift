import CrimeScopeProtos

/// `crimescope.ingest.v1.OutboxEntry`: one outbox position and its incident deltas.
public struct OutboxEntry: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.OutboxEntry"

    public var position: Int64
    public var deltas: [IncidentDelta]

    public init(position: Int64 = 0, deltas: [IncidentDelta] = []) {
        self.position = position
        self.deltas = deltas
    }

    typealias CMessage = Crimescope__Ingest__V1__OutboxEntry
    static let cInit = crimescope__ingest__v1__outbox_entry__init
    static let cUnpack = crimescope__ingest__v1__outbox_entry__unpack
    static let cFree = crimescope__ingest__v1__outbox_entry__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.position = position
        c.n_deltas = deltas.count
        c.deltas = arena.messages(deltas)
    }

    init(c: CMessage) {
        position = c.position
        deltas = CRead.messages(c.n_deltas, c.deltas, as: IncidentDelta.self)
    }
}
