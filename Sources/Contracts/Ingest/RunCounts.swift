import CrimeScopeProtos

/// `crimescope.ingest.v1.RunCounts`: what an ingest run did with the records it read.
public struct RunCounts: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.RunCounts"

    public var read: Int64
    public var inserted: Int64
    public var updated: Int64
    public var unchanged: Int64
    public var rejected: Int64

    public init(read: Int64 = 0, inserted: Int64 = 0, updated: Int64 = 0, unchanged: Int64 = 0, rejected: Int64 = 0) {
        self.read = read
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.rejected = rejected
    }

    typealias CMessage = Crimescope__Ingest__V1__RunCounts
    static let cInit = crimescope__ingest__v1__run_counts__init
    static let cUnpack = crimescope__ingest__v1__run_counts__unpack
    static let cFree = crimescope__ingest__v1__run_counts__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.read = read
        c.inserted = inserted
        c.updated = updated
        c.unchanged = unchanged
        c.rejected = rejected
    }

    init(c: CMessage) {
        read = c.read
        inserted = c.inserted
        updated = c.updated
        unchanged = c.unchanged
        rejected = c.rejected
    }
}
