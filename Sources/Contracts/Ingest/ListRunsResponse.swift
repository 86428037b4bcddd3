import CrimeScopeProtos

/// `crimescope.ingest.v1.ListRunsResponse`: a page of runs.
public struct ListRunsResponse: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.ListRunsResponse"

    public var runs: [Run]

    public init(runs: [Run] = []) {
        self.runs = runs
    }

    typealias CMessage = Crimescope__Ingest__V1__ListRunsResponse
    static let cInit = crimescope__ingest__v1__list_runs_response__init
    static let cUnpack = crimescope__ingest__v1__list_runs_response__unpack
    static let cFree = crimescope__ingest__v1__list_runs_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_runs = runs.count
        c.runs = arena.messages(runs)
    }

    init(c: CMessage) {
        runs = CRead.messages(c.n_runs, c.runs, as: Run.self)
    }
}
