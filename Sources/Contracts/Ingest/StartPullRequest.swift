import CrimeScopeProtos

/// `crimescope.ingest.v1.StartPullRequest`: pull newer records from the city's Socrata endpoint since the stored cursor.
public struct StartPullRequest: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.StartPullRequest"

    public var city: String
    public var asynchronous: Bool

    public init(city: String = "", asynchronous: Bool = false) {
        self.city = city
        self.asynchronous = asynchronous
    }

    typealias CMessage = Crimescope__Ingest__V1__StartPullRequest
    static let cInit = crimescope__ingest__v1__start_pull_request__init
    static let cUnpack = crimescope__ingest__v1__start_pull_request__unpack
    static let cFree = crimescope__ingest__v1__start_pull_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.asynchronous = CWrite.bool(asynchronous)
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        asynchronous = CRead.bool(c.asynchronous)
    }
}
