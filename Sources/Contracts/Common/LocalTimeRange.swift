import CrimeScopeProtos

/// `crimescope.common.v1.LocalTimeRange`: a half-open interval [start, end) of local city time, as seconds since
/// 1970-01-01T00:00:00 of the city's wall clock (no time zone applied).
public struct LocalTimeRange: CBackedMessage {
    public static let protoName = "crimescope.common.v1.LocalTimeRange"

    public var startLocalSeconds: Int64
    public var endLocalSeconds: Int64

    public init(startLocalSeconds: Int64 = 0, endLocalSeconds: Int64 = 0) {
        self.startLocalSeconds = startLocalSeconds
        self.endLocalSeconds = endLocalSeconds
    }

    typealias CMessage = Crimescope__Common__V1__LocalTimeRange
    static let cInit = crimescope__common__v1__local_time_range__init
    static let cUnpack = crimescope__common__v1__local_time_range__unpack
    static let cFree = crimescope__common__v1__local_time_range__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.start_local_seconds = startLocalSeconds
        c.end_local_seconds = endLocalSeconds
    }

    init(c: CMessage) {
        startLocalSeconds = c.start_local_seconds
        endLocalSeconds = c.end_local_seconds
    }
}
