import CrimeScopeProtos

/// `crimescope.ingest.v1.Reject`: a source record a run could not load, with the reason.
public struct Reject: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.Reject"

    public var runID: Int64
    public var lineNumber: Int64
    public var rawText: String
    public var reason: String

    public init(runID: Int64 = 0, lineNumber: Int64 = 0, rawText: String = "", reason: String = "") {
        self.runID = runID
        self.lineNumber = lineNumber
        self.rawText = rawText
        self.reason = reason
    }

    typealias CMessage = Crimescope__Ingest__V1__Reject
    static let cInit = crimescope__ingest__v1__reject__init
    static let cUnpack = crimescope__ingest__v1__reject__unpack
    static let cFree = crimescope__ingest__v1__reject__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.run_id = runID
        c.line_number = lineNumber
        c.raw_text = arena.string(rawText)
        c.reason = arena.string(reason)
    }

    init(c: CMessage) {
        runID = c.run_id
        lineNumber = c.line_number
        rawText = CRead.string(c.raw_text)
        reason = CRead.string(c.reason)
    }
}
