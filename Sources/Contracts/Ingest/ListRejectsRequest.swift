import CrimeScopeProtos

/// `crimescope.ingest.v1.ListRejectsRequest`: a page of one run's rejects after a line number.
public struct ListRejectsRequest: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.ListRejectsRequest"

    public var runID: Int64
    public var limit: Int32
    public var afterLineNumber: Int64

    public init(runID: Int64 = 0, limit: Int32 = 0, afterLineNumber: Int64 = 0) {
        self.runID = runID
        self.limit = limit
        self.afterLineNumber = afterLineNumber
    }

    typealias CMessage = Crimescope__Ingest__V1__ListRejectsRequest
    static let cInit = crimescope__ingest__v1__list_rejects_request__init
    static let cUnpack = crimescope__ingest__v1__list_rejects_request__unpack
    static let cFree = crimescope__ingest__v1__list_rejects_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.run_id = runID
        c.limit = limit
        c.after_line_number = afterLineNumber
    }

    init(c: CMessage) {
        runID = c.run_id
        limit = c.limit
        afterLineNumber = c.after_line_number
    }
}
