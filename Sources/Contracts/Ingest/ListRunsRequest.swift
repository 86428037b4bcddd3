import CrimeScopeProtos

/// `crimescope.ingest.v1.ListRunsRequest`: a page of a city's runs, newest first.
public struct ListRunsRequest: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.ListRunsRequest"

    public var city: String
    public var limit: Int32
    /// Runs with a smaller id than this; 0 means from the newest.
    public var beforeRunID: Int64

    public init(city: String = "", limit: Int32 = 0, beforeRunID: Int64 = 0) {
        self.city = city
        self.limit = limit
        self.beforeRunID = beforeRunID
    }

    typealias CMessage = Crimescope__Ingest__V1__ListRunsRequest
    static let cInit = crimescope__ingest__v1__list_runs_request__init
    static let cUnpack = crimescope__ingest__v1__list_runs_request__unpack
    static let cFree = crimescope__ingest__v1__list_runs_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.limit = limit
        c.before_run_id = beforeRunID
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        limit = c.limit
        beforeRunID = c.before_run_id
    }
}
