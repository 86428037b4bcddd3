import CrimeScopeProtos

/// `crimescope.ingest.v1.GetRunRequest`: asks for one run by id.
public struct GetRunRequest: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.GetRunRequest"

    public var runID: Int64

    public init(runID: Int64 = 0) {
        self.runID = runID
    }

    typealias CMessage = Crimescope__Ingest__V1__GetRunRequest
    static let cInit = crimescope__ingest__v1__get_run_request__init
    static let cUnpack = crimescope__ingest__v1__get_run_request__unpack
    static let cFree = crimescope__ingest__v1__get_run_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.run_id = runID
    }

    init(c: CMessage) {
        runID = c.run_id
    }
}
