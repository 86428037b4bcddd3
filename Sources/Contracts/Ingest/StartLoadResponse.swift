import CrimeScopeProtos

/// `crimescope.ingest.v1.StartLoadResponse`: the run a load or pull started (finished unless asynchronous).
public struct StartLoadResponse: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.StartLoadResponse"

    public var run: Run?

    public init(run: Run? = nil) {
        self.run = run
    }

    typealias CMessage = Crimescope__Ingest__V1__StartLoadResponse
    static let cInit = crimescope__ingest__v1__start_load_response__init
    static let cUnpack = crimescope__ingest__v1__start_load_response__unpack
    static let cFree = crimescope__ingest__v1__start_load_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.run = run?.cPointer(in: arena)
    }

    init(c: CMessage) {
        run = CRead.message(c.run, as: Run.self)
    }
}
