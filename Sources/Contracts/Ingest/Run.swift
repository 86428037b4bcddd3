import CrimeScopeProtos

/// `crimescope.ingest.v1.Run`: one ingest run's audit record.
public struct Run: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.Run"

    public var runID: Int64
    public var city: String
    public var format: SourceFormat
    public var source: String
    public var cursor: String
    public var counts: RunCounts?
    public var startedUnixMs: Int64
    public var finishedUnixMs: Int64
    public var status: RunStatus
    public var error: String
    /// While ``status`` is ``RunStatus/waiting``: the run it waits for (0 when unknown).
    public var waitingForRunID: Int64

    public init(
        runID: Int64 = 0, city: String = "", format: SourceFormat = .unspecified, source: String = "",
        cursor: String = "", counts: RunCounts? = nil, startedUnixMs: Int64 = 0, finishedUnixMs: Int64 = 0,
        status: RunStatus = .unspecified, error: String = "", waitingForRunID: Int64 = 0
    ) {
        self.runID = runID
        self.city = city
        self.format = format
        self.source = source
        self.cursor = cursor
        self.counts = counts
        self.startedUnixMs = startedUnixMs
        self.finishedUnixMs = finishedUnixMs
        self.status = status
        self.error = error
        self.waitingForRunID = waitingForRunID
    }

    typealias CMessage = Crimescope__Ingest__V1__Run
    static let cInit = crimescope__ingest__v1__run__init
    static let cUnpack = crimescope__ingest__v1__run__unpack
    static let cFree = crimescope__ingest__v1__run__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.run_id = runID
        c.city = arena.string(city)
        c.format = format.c
        c.source = arena.string(source)
        c.cursor = arena.string(cursor)
        c.counts = counts?.cPointer(in: arena)
        c.started_unix_ms = startedUnixMs
        c.finished_unix_ms = finishedUnixMs
        c.status = status.c
        c.error = arena.string(error)
        c.waiting_for_run_id = waitingForRunID
    }

    init(c: CMessage) {
        runID = c.run_id
        city = CRead.string(c.city)
        format = SourceFormat(c: c.format)
        source = CRead.string(c.source)
        cursor = CRead.string(c.cursor)
        counts = CRead.message(c.counts, as: RunCounts.self)
        startedUnixMs = c.started_unix_ms
        finishedUnixMs = c.finished_unix_ms
        status = RunStatus(c: c.status)
        error = CRead.string(c.error)
        waitingForRunID = c.waiting_for_run_id
    }
}
