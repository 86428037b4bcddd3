import CrimeScopeProtos

/// `crimescope.ingest.v1.ListRejectsResponse`: a page of rejects and the run's total reject count.
public struct ListRejectsResponse: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.ListRejectsResponse"

    public var rejects: [Reject]
    public var total: Int64

    public init(rejects: [Reject] = [], total: Int64 = 0) {
        self.rejects = rejects
        self.total = total
    }

    typealias CMessage = Crimescope__Ingest__V1__ListRejectsResponse
    static let cInit = crimescope__ingest__v1__list_rejects_response__init
    static let cUnpack = crimescope__ingest__v1__list_rejects_response__unpack
    static let cFree = crimescope__ingest__v1__list_rejects_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_rejects = rejects.count
        c.rejects = arena.messages(rejects)
        c.total = total
    }

    init(c: CMessage) {
        rejects = CRead.messages(c.n_rejects, c.rejects, as: Reject.self)
        total = c.total
    }
}
