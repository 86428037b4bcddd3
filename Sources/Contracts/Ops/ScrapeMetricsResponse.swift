import CrimeScopeProtos

/// `crimescope.ops.v1.ScrapeMetricsResponse`: Prometheus text exposition.
public struct ScrapeMetricsResponse: CBackedMessage {
    public static let protoName = "crimescope.ops.v1.ScrapeMetricsResponse"
    public var exposition: String

    public init(exposition: String = "") { self.exposition = exposition }

    typealias CMessage = Crimescope__Ops__V1__ScrapeMetricsResponse
    static let cInit = crimescope__ops__v1__scrape_metrics_response__init
    static let cUnpack = crimescope__ops__v1__scrape_metrics_response__unpack
    static let cFree = crimescope__ops__v1__scrape_metrics_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) { c.exposition = arena.string(exposition) }
    init(c: CMessage) { exposition = CRead.string(c.exposition) }
}
